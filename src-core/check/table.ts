/**
 * Reading a student's answers: one parser for a pasted table and the CLI's
 * answers file.
 *
 * A table has one answer a line: a name, then the number at the end of the
 * line, separated by whitespace, '=', ':', a tab, a comma or '|' (so a pasted
 * Markdown or spreadsheet row works):
 *
 *     w1 = 1.0000065
 *     dE/dw3: -6.552e-5
 *     grad W[1][0][2]	-0.0005
 *     | b1 | 2.0000065 |
 *
 * Names may contain spaces ("w1 new"); the number is what ends the line
 * ("−6.552 × 10^-5" and "6.552e-5" are numbers). Blank lines and lines
 * starting with '#' or '//' are skipped; a line without a number at its end
 * is reported with its line number.
 *
 * An answers file is either such a table or a JSON object {name: value}. A
 * value is best a string ("0.250") so its digits are kept as typed; a JSON
 * number is read from the file's own text, so 0.250 keeps its trailing zero too.
 */
import type { Answer } from './check';
import { parseTyped } from './number';

export interface ParsedAnswers {
  answers: Answer[];
  /** what could not be read, each starting with where ("line 3: …", "answers["w1"]: …") */
  problems: string[];
  /** a table's lines (from 1) that could not be read */
  badLines?: number[];
}

const SEP = /[\s=:,|\t]/;

/** Splits "name SEP number" at the last number that ends the line. */
function splitLine(line: string): { name: string; value: string } | null {
  const s = line.trim().replace(/^\|/, '').replace(/\|$/, '').trim();
  // try every separator position from the left: the shortest name whose rest is one number
  for (let k = 1; k < s.length; k++) {
    if (!SEP.test(s[k])) continue;
    const name = s.slice(0, k).replace(/[\s=:,|\t]+$/, '').trim();
    const value = s.slice(k).replace(/^[\s=:,|\t]+/, '').trim();
    if (name && value && parseTyped(value)) return { name, value };
  }
  return null;
}

export function parseTable(text: string): ParsedAnswers {
  const answers: Answer[] = [];
  const problems: string[] = [];
  const badLines: number[] = [];
  text.split(/\r?\n/).forEach((raw, k) => {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith('//') || /^\|?[\s|:-]+\|?$/.test(line)) return;
    // a decimal comma ("w7 1,0000559") would split into the name "w7 1" and 0000559: said as such
    const comma = line.includes('.') ? null : /(^|[\s=:])([-−]?\d+),(\d+)\s*\|?$/.exec(line);
    const got = comma ? null : splitLine(line);
    if (comma) problems.push(`line ${k + 1}: ${JSON.stringify(line)}: write the decimal point as "." (${comma[2]}.${comma[3]})`);
    else if (!got) problems.push(`line ${k + 1}: expected a name and a number, e.g. "w1 = 1.0000065", got ${JSON.stringify(line)}`);
    else return void answers.push({ ...got, line: k + 1 });
    badLines.push(k + 1);
  });
  return { answers, problems, badLines };
}

/** The raw text of each top-level number value of a flat JSON object: key → "0.250". */
function rawNumbers(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /"((?:[^"\\]|\\.)*)"\s*:\s*(-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)\s*[,}]/g;
  for (const m of text.matchAll(re)) {
    try {
      out.set(JSON.parse(`"${m[1]}"`) as string, m[2]);
    } catch {
      // not a plain key: the parsed value is used instead
    }
  }
  return out;
}

/** An answers file: a JSON object of name → value, or else a table. */
export function parseAnswersFile(text: string): ParsedAnswers {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) return parseTable(text);
  let json: unknown;
  try {
    json = JSON.parse(trimmed);
  } catch (e) {
    return { answers: [], problems: [`not valid JSON: ${(e as Error).message}`] };
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return { answers: [], problems: ['expected a JSON object of name → number'] };
  const raw = rawNumbers(trimmed);
  const answers: Answer[] = [];
  const problems: string[] = [];
  for (const [name, v] of Object.entries(json as Record<string, unknown>)) {
    const at = `answers[${JSON.stringify(name)}]`;
    if (typeof v === 'number') answers.push({ name, value: raw.get(name) ?? String(v) });
    else if (typeof v === 'string' && parseTyped(v)) answers.push({ name, value: v });
    else problems.push(`${at}: expected a number or a string like "0.250", got ${JSON.stringify(v)}`);
  }
  return { answers, problems };
}
