/**
 * The example sessions: every assets/examples/*.nnlab, found at build time
 * (add a file and it is listed). Each file is parsed once, at start-up, for
 * its `title` and the first sentence of its `notes`, which the start screen
 * shows; the text itself is what opening the example loads.
 */
import { exampleInfo, type Example } from './example-info';

// eager: the files are small text (a few kB each) and the start screen needs every title at once
const files = import.meta.glob('../../assets/examples/*.nnlab', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export type { Example };

export const examples: Example[] = Object.entries(files)
  .map(([path, text]) => exampleInfo(path.split('/').pop()!, text))
  .sort((a, b) => a.file.localeCompare(b.file));
