/**
 * The parts of the notebook's training loop that only some runs have:
 *
 * - Shuffling. NN Lab shuffles the training set at the start of every epoch
 *   with its own Fisher–Yates shuffle (src-core/random/shuffle.ts) from its
 *   own random stream (seedrandom's Alea, or numpy's stream after the data and
 *   the weights); numpy's `permutation` draws other orders. The notebook
 *   therefore carries each epoch's order as data — one line a epoch,
 *   `orders[e]` the training rows of epoch e + 1 in the order they are used —
 *   which a student reads at a glance and which is exact whatever the
 *   generator. Refused above MAX_ORDER_NUMBERS numbers (epochs × samples).
 * - Early stopping, as the engine does it (src-core/train/trainer.ts,
 *   checkEarlyStopping): one Python function `early_stopping()`, called after
 *   every history entry, so the rule is written in one place.
 */
import type { Experiment } from '../session/schema';
import { fisherYates } from '../random/shuffle';
import { py } from './python';
import { NotebookError } from './notebook-error';

/** At most this many sample indices written out (epochs × training samples). */
export const MAX_ORDER_NUMBERS = 1_000_000;

/** Python setting `orders` (epochs × n), drawn exactly as the trainer draws them from `random` (a fresh shuffle stream). */
export function ordersCode(e: Experiment, n: number, random: () => number): string {
  const total = e.epochs * n;
  if (total > MAX_ORDER_NUMBERS) {
    throw new NotebookError(`experiment.shuffle: the notebook writes each epoch's sample order out, and ${e.epochs} epochs × ${n} samples = ${total} numbers are more than the ${MAX_ORDER_NUMBERS} it takes; export fewer epochs (a run with its own "epochs") or train without shuffling`);
  }
  const order = new Int32Array(n);
  const rows: string[] = [];
  for (let k = 0; k < e.epochs; k++) {
    fisherYates(order, random);
    rows.push(`    [${order.join(', ')}],`);
  }
  return [
    '# NN Lab shuffles the training set at the start of every epoch (a Fisher–Yates shuffle from its own',
    '# random stream; numpy\'s permutation would give other orders), so the orders are written out here:',
    '# orders[e] lists the training rows of epoch e + 1 in the order the batches take them.',
    `orders = np.array([\n${rows.join('\n')}\n], dtype=int).reshape(${e.epochs}, ${n})`,
  ].join('\n');
}

/** Python defining `early_stopping()`, the engine's rule; null without early stopping. */
export function earlyStoppingCode(e: Experiment): string | null {
  const es = e.early_stopping;
  if (!es) return null;
  return `# Early stopping, the app's rule (Keras's): an entry improves when its monitored value beats the best
# so far by more than min_delta (entry 0 is the first best); after \`patience\` entries in a row without an
# improvement the run stops ("stopped_early"), and with restore_best the parameters go back to the best entry's.
monitor, patience, min_delta, restore_best = "${es.monitor}", ${es.patience}, ${py(es.min_delta)}, ${es.restore_best ? 'True' : 'False'}
higher_is_better = monitor.endswith("accuracy")
if monitor not in history:
    # no test set (or no accuracy): the training set's series, else the training loss
    monitor = monitor.replace("test_", "train_") if monitor.replace("test_", "train_") in history else "train_loss"
stopping = {"best": None, "since_best": 0, "params": None}

def early_stopping():
    """Called after every history entry; True when the run stops at it."""
    s = stopping
    k = len(history[monitor]) - 1
    value = -history[monitor][k] if higher_is_better else history[monitor][k]
    if k == 0 or value < s["best"] - min_delta:
        s["best"], s["since_best"] = value, 0
        if restore_best:
            s["params"] = ([w.copy() for w in W], [c.copy() for c in b])
        return False
    s["since_best"] += 1
    if s["since_best"] < patience:
        return False
    if restore_best:
        W[:] = [w.copy() for w in s["params"][0]]
        b[:] = [c.copy() for c in s["params"][1]]
    return True`;
}
