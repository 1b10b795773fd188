/**
 * Child process for files.test.ts: saves a huge session over `target`
 * slowly (a pause after every chunk), reporting progress to the parent, which
 * kills it mid-write. Run with `node --import tsx`.
 */
import { atomicWriteFile } from '../files';

const [target, sizeArg] = process.argv.slice(2);
const size = Number(sizeArg);
const session = {
  format: 'nnlab',
  version: 1,
  title: 'huge',
  notes: 'x'.repeat(size),
  experiment: {
    network: { inputs: 1, layers: [{ units: 1, activation: 'linear' }] },
    loss: 'squared_error',
    init: { kind: 'zeros' },
    data: { kind: 'inline', train: { x: [[1]], y: [[2]] } },
    optimizer: { kind: 'sgd', lr: 0.1 },
    epochs: 1,
    seed: 1,
  },
};
await atomicWriteFile(target, JSON.stringify(session), {
  chunkSize: 256 * 1024,
  onChunk: async (written, total, tmpPath) => {
    process.send?.({ written, total, tmpPath });
    await new Promise((r) => setTimeout(r, 20));
  },
});
process.send?.({ done: true });
