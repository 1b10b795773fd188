/**
 * The registry of bench cases. `npm run bench` runs every case in order and
 * prints its section; `npm run bench -- <id> ...` runs only those.
 *
 * To add a case (e.g. the MNIST epoch in ./mnist.ts): write a module that
 * exports a BenchCase and list it in `benchCases` below. A case times the
 * real engine (src-core) the way the app drives it, and, where it can, runs
 * an independent implementation on the same numbers and reports a failure
 * when the results disagree: a bench that times different work is worthless.
 */
import type { Table } from './lib/table';
import { f1Case } from './f1';
import { xorCase } from './xor';
import { mnistCase } from './mnist';
import { sweepCase } from './sweep';
import { cliCase } from './cli';

export interface BenchEnv {
  /** bench/out: scratch files and the compiled C reference (gitignored) */
  outDir: string;
  /** fewer repeats, for a quick look (`npm run bench -- --quick`) */
  quick: boolean;
  /** python3 with numpy, or null (then `pythonNote` says why not) */
  python: string | null;
  pythonNote: string;
  /** the compiled bench/c_fit.c, or null (then `cNote` says why not) */
  cFit: string | null;
  cNote: string;
}

export interface BenchResult {
  tables: { caption: string; table: Table }[];
  notes: string[];
  /** numbers that disagree between implementations; any failure makes the bench exit 1 */
  failures: string[];
  /** issue 13's goals this case measures (main.ts prints them all at the end) */
  goals?: Goal[];
}

/** one goal: what is measured, the measurement, the bound, met or not */
export interface Goal {
  what: string;
  measured: string;
  goal: string;
  met: boolean;
}

export interface BenchCase {
  id: string;
  title: string;
  run(env: BenchEnv): Promise<BenchResult>;
}

export const benchCases: BenchCase[] = [f1Case, xorCase, mnistCase, sweepCase, cliCase];
