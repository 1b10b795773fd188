/** What the start screen shows of an example file: its title, the first sentence of its notes, its report. */

export interface Example {
  file: string;
  /** the session's `title` (the file name, made readable, when it has none or is not valid JSON) */
  title: string;
  /** the first sentence of the session's `notes`, without Markdown marks ('' when there are none) */
  summary: string;
  /** "report 000" for files named after a report's number */
  report: string | null;
  /** the file's text, as opening it loads it */
  text: string;
}

/** Abbreviations whose period does not end a sentence. */
const ABBREVIATIONS = /(?:^|[\s(])(?:e\.g|i\.e|cf|vs|etc|approx|resp|fig|eq|no)\.$/i;

/** Markdown emphasis and code marks removed: "**w1** = `x`" → "w1 = x". */
export function plainText(md: string): string {
  return md
    .replace(/`([^`]*)`/g, '$1')
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/(^|[^\w*])\*([^*\s][^*]*)\*(?!\w)/g, '$1$2')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The first sentence of a Markdown text: up to the first ".", "!" or "?"
 * followed by a space and a capital or a digit, or the end of the first
 * paragraph. Longer than `max` characters: cut at a word, with "…".
 */
export function firstSentence(md: string, max = 240): string {
  const para = plainText(md.split(/\n\s*\n/)[0] ?? '');
  let end = para.length;
  const re = /[.!?](?=\s+["'“(]?[\p{Lu}\d])/gu;
  for (let m = re.exec(para); m; m = re.exec(para)) {
    if (ABBREVIATIONS.test(para.slice(0, m.index + 1))) continue;
    end = m.index + 1;
    break;
  }
  const s = para.slice(0, end);
  if (s.length <= max) return s;
  const cut = s.slice(0, max - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2)).replace(/[\s,;:—–-]+$/, '')}…`;
}

/** "lecture-relu_net.nnlab" → "Lecture relu net": the title of a file that has none. */
function titleFromFile(file: string): string {
  const t = file.replace(/\.nnlab$/, '').replace(/^\d+[-_]/, '').replace(/[-_]+/g, ' ');
  return t.charAt(0).toUpperCase() + t.slice(1);
}

export function exampleInfo(file: string, text: string): Example {
  const number = /^(\d{3})[-_]/.exec(file)?.[1] ?? null;
  let title = '';
  let summary = '';
  try {
    const json = JSON.parse(text) as { title?: unknown; notes?: unknown };
    if (typeof json.title === 'string') title = json.title.trim();
    if (typeof json.notes === 'string') summary = firstSentence(json.notes);
  } catch {
    // not JSON: opening it shows the parse error; the card still lists it by its file name
  }
  return { file, title: title || titleFromFile(file), summary, report: number && `report ${number}`, text };
}
