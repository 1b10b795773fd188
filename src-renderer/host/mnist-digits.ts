/**
 * The MNIST digits in the browser / Web Worker: the `mnist` package's digit
 * classes in a compact form (grey-level bytes, gzip, base64: mnist-bytes.ts),
 * made at build time by the Vite plugin vite-mnist-digits.ts and imported as
 * separate lazy chunks (~260 kB each), fetched only when a session with
 * `"data": {"kind": "mnist"}` is loaded. They decode to exactly the package's
 * numbers. (Importing the package's 2 MB JSON files made Vite ship them as
 * JavaScript, which the worker spent ~1 s compiling.)
 *
 * src-core's data builders are synchronous, so the worker loads the digits a
 * session needs *before* handing its `load` command to the TrainerService:
 * `withDigitsPreloaded(port)` queues every message behind that loading, so the
 * order of commands is kept.
 */
import { setDigitSource } from '../../src-core/data/mnist';
import type { PortLike } from '../../src-core/protocol/port';
import { decodePixels, packageValues } from '../../src-core/data/mnist-bytes';

// one static import() per class, so the bundler makes a chunk of each
const files: (() => Promise<{ default: string }>)[] = [
  () => import('virtual:nnlab-mnist/0'), () => import('virtual:nnlab-mnist/1'), () => import('virtual:nnlab-mnist/2'),
  () => import('virtual:nnlab-mnist/3'), () => import('virtual:nnlab-mnist/4'), () => import('virtual:nnlab-mnist/5'),
  () => import('virtual:nnlab-mnist/6'), () => import('virtual:nnlab-mnist/7'), () => import('virtual:nnlab-mnist/8'),
  () => import('virtual:nnlab-mnist/9'),
];
/** grey levels per class as loaded; the package's numbers are made on first use (only the classes a session uses) */
const loaded = new Map<number, Uint8Array>();
const values = new Map<number, Float64Array>();

setDigitSource({
  digits(d) {
    let data = values.get(d);
    if (!data) {
      const pixels = loaded.get(d);
      if (!pixels) throw new Error(`MNIST digit ${d} was not loaded before the session (an internal error)`);
      values.set(d, (data = packageValues(pixels)));
    }
    return data;
  },
});

/** The digits a session's experiment (or any of its runs' overrides) may need: all ten when it has mnist data at all. */
function needsDigits(session: unknown): boolean {
  if (session === undefined) return false;
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
    const load = files[d];
    if (!load) throw new Error(`there is no MNIST digit class ${d}`);
    loaded.set(d, await decodePixels((await load()).default));
  }));
}

/** What of a trainer's message may hold an MNIST session: a `load`'s session. */
const loadedSession = (data: { type?: unknown; session?: unknown }) => (data.type === 'load' ? data.session : undefined);

/** A port: messages in through a listener, and out (with their transfer list, as a worker's postMessage takes). */
interface MessagePortish {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

/**
 * The port, with each message that carries an MNIST session held back until
 * its digits are in memory, and every message after it queued behind, so the
 * order is kept. `sessionOf` picks what of a message may hold one: by default
 * a trainer's `load`; the job worker passes its whole job (a sweep's or "Run
 * all"'s run of an MNIST experiment: without it every such run failed, "the
 * MNIST digits are not available").
 */
export function withDigitsPreloaded<P extends MessagePortish>(port: P, sessionOf: (data: { type?: unknown; session?: unknown }) => unknown = loadedSession): P {
  let queue: Promise<void> = Promise.resolve();
  const held: MessagePortish = {
    postMessage: (m, transfer) => (transfer ? port.postMessage(m, transfer) : port.postMessage(m)),
    addEventListener(type, listener) {
      port.addEventListener(type, (event) => {
        const data = event.data as { type?: unknown; session?: unknown } | null;
        const before = data && needsDigits(sessionOf(data)) ? loadDigits().catch(() => undefined) : undefined;
        // a failed load leaves the source empty: buildData then refuses the session with a clear message
        queue = queue.then(() => before).then(() => listener(event));
      });
    },
  };
  return held as P;
}
