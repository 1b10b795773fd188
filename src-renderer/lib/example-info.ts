/**
 * What the examples list shows of an example file: its title (what the
 * experiment is), the report it comes from as a subtitle, its topic, the first
 * sentence of its notes. Topic and source are the file's own, under
 * `view.example` (the session's free-form view state): {"topic": "learning rate",
 * "source": "Report 000 · the lecture notebook"}.
 */

export interface Example {
  file: string;
  /** the session's `title` (the file name, made readable, when it has none or is not valid JSON) */
  title: string;
  /** the first sentence of the session's `notes`, without Markdown marks ('' when there are none) */
  summary: string;
  /** "report 000" for files named after a report's number */
  report: string | null;
  /** where the experiment comes from ("Report 000 · the lecture notebook"), else "Report 000" from the file name, else null */
  source: string | null;
  /** the group it is listed under (TOPICS first, in that order) */
  topic: string;
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

/** The topics, in the order a course meets them; an example names its own under view.example.topic. */
export const TOPICS = ['one step by hand', 'learning rate', 'starting weights', 'fitting a function', 'classification', 'digits'] as const;
export const OTHER_TOPIC = 'other';

export function exampleInfo(file: string, text: string): Example {
  const number = /^(\d{3})[-_]/.exec(file)?.[1] ?? null;
  let title = '';
  let summary = '';
  let source: string | null = null;
  let topic = '';
  try {
    const json = JSON.parse(text) as { title?: unknown; notes?: unknown; view?: { example?: { topic?: unknown; source?: unknown } } };
    if (typeof json.title === 'string') title = json.title.trim();
    if (typeof json.notes === 'string') summary = firstSentence(json.notes);
    const ex = json.view?.example;
    if (typeof ex?.topic === 'string') topic = ex.topic.trim().toLowerCase();
    if (typeof ex?.source === 'string' && ex.source.trim()) source = ex.source.trim();
  } catch {
    // not JSON: opening it shows the parse error; the card still lists it by its file name
  }
  return {
    file, title: title || titleFromFile(file), summary, report: number && `report ${number}`,
    source: source ?? (number ? `Report ${number}` : null), topic: topic || OTHER_TOPIC, text,
  };
}

/** Examples grouped by topic: TOPICS in order, then any other topic by name, "other" last; in each group by file name. */
export function byTopic(examples: readonly Example[]): { topic: string; examples: Example[] }[] {
  const rank = (t: string) => {
    const k = (TOPICS as readonly string[]).indexOf(t);
    return k >= 0 ? k : t === OTHER_TOPIC ? TOPICS.length + 1 : TOPICS.length;
  };
  const topics = [...new Set(examples.map((e) => e.topic))].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return topics.map((topic) => ({ topic, examples: examples.filter((e) => e.topic === topic).sort((a, b) => a.file.localeCompare(b.file)) }));
}
