/**
 * The example sessions: every assets/examples/*.nnlab, found at build time,
 * loaded when picked. The title is read from the file name until it is
 * opened ("xor-lr-sweep.nnlab" → "xor lr sweep").
 */
const files = import.meta.glob('../../assets/examples/*.nnlab', { query: '?raw', import: 'default' }) as Record<string, () => Promise<string>>;

export interface Example {
  file: string;
  title: string;
  load: () => Promise<string>;
}

export const examples: Example[] = Object.entries(files)
  .map(([path, load]) => {
    const file = path.split('/').pop()!;
    return { file, title: file.replace(/\.nnlab$/, '').replace(/^\d+[-_]/, '').replace(/[-_]+/g, ' '), load };
  })
  .sort((a, b) => a.file.localeCompare(b.file));
