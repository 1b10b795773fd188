/**
 * The browser's work without the browser: TrainerService (the code the Web
 * Worker runs) loading assets/examples/003-mnist-5-vs-6.nnlab (784-64-1,
 * 1 500 digits, batch 32, Adam) and stepping epochs, in Node. CPU and wall
 * time of the load (data, trainer, first snapshot) and of each "Step epoch"
 * (the epoch plus the snapshot sent after it), and the size of the messages.
 * Compare with e2e/mnist-speed.spec.ts (the same in Chromium).
 *
 *   npx tsx bench/mnist-service.ts [epochs=3]
 */
import { readFileSync } from 'node:fs';
import v8 from 'node:v8';
import { installNodeDigits } from '../src-node/mnist-digits';
import { loadSession } from '../src-core/protocol/load';
import type { HostEvent } from '../src-core/protocol/messages';
import { TrainerService } from '../src-core/protocol/service';
import { cpuMs, nowMs } from './lib/timing';

const epochs = Number(process.argv[2] ?? 3);
installNodeDigits();
const text = readFileSync(new URL('../assets/examples/003-mnist-5-vs-6.nnlab', import.meta.url), 'utf8');
const events: HostEvent[] = [];
const service = new TrainerService({ post: (e) => events.push(e), load: loadSession });

function timed(label: string, f: () => void): void {
  events.length = 0;
  const c0 = cpuMs();
  const t0 = nowMs();
  f();
  const cpu = cpuMs() - c0;
  const wall = nowMs() - t0;
  const c1 = cpuMs();
  const bytes = events.reduce((n, e) => n + v8.serialize(e).length, 0);
  const cloneMs = cpuMs() - c1;
  const snap = events.find((e) => e.type === 'snapshot');
  const loss = snap && snap.type === 'snapshot' ? snap.metrics.train.loss.toPrecision(8) : '?';
  console.log(`${label.padEnd(8)} ${cpu.toFixed(0).padStart(6)} ms CPU ${wall.toFixed(0).padStart(6)} ms wall; ${events.length} events, ${(bytes / 1e6).toFixed(2)} MB serialized (${cloneMs.toFixed(0)} ms); train loss ${loss}`);
}

timed('load', () => service.handle({ v: 1, type: 'load', session: text }));
for (let e = 1; e <= epochs; e++) timed(`epoch ${e}`, () => service.handle({ v: 1, type: 'step', unit: 'epoch' }));
