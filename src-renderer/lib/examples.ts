/**
 * The example sessions: every assets/examples/*.nnlab, found at build time,
 * loaded when picked. The title is read from the file name until it is
 * opened ("xor-lr-sweep.nnlab" → "xor lr sweep").
 */
const files = import.meta.glob('../../assets/examples/*.nnlab', { query: '?raw', import: 'default' }) as Record<string, () => Promise<string>>;

export interface Example {
  file: string;
  title: string;
  /** "report 000" for files named after a report's number */
  report: string | null;
  load: () => Promise<string>;
}

export const examples: Example[] = Object.entries(files)
  .map(([path, load]) => {
    const file = path.split('/').pop()!;
    const number = /^(\d{3})[-_]/.exec(file)?.[1] ?? null;
    const title = file.replace(/\.nnlab$/, '').replace(/^\d+[-_]/, '').replace(/[-_]+/g, ' ');
    return { file, title: title.charAt(0).toUpperCase() + title.slice(1), report: number && `report ${number}`, load };
  })
  .sort((a, b) => a.file.localeCompare(b.file));
