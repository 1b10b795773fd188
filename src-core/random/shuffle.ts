/**
 * The trainer's per-epoch shuffle (src-core/train/trainer.ts, shuffleOrder):
 * Fisher–Yates from the identity — for i = n−1 … 1, swap i with ⌊r·(i+1)⌋,
 * r = random() — n−1 draws per epoch. Used where the same orders must be
 * drawn outside a trainer (the notebook export writes them out as data).
 */
export function fisherYates(order: Int32Array, random: () => number): number {
  for (let k = 0; k < order.length; k++) order[k] = k;
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  return Math.max(0, order.length - 1);
}
