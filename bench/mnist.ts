/**
 * Placeholder: one training epoch of a 784-64-10 net on 8 000 MNIST digits
 * (report 003). To be filled in by whoever owns the MNIST data loader:
 * load the digits, build TrainerOptions (softmax + cross_entropy, the
 * session's batch size), time `trainer.runEpochs(1)` a few times and report
 * ms per epoch and ns per (sample × weight). Keep it under ~20 s.
 */
import type { BenchCase } from './cases';

export const mnistCase: BenchCase = {
  id: 'mnist',
  title: 'MNIST epoch: 784-64-10, 8 000 digits',
  async run() {
    return { tables: [], notes: ['not measured yet: hook in bench/mnist.ts (see the comment there)'], failures: [] };
  },
};
