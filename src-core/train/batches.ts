/**
 * Batches: the epoch's sample order (the identity, or a Fisher–Yates shuffle
 * drawn from the session's stream) and the copy of a batch's rows into a
 * workspace. The trainer (trainer.ts) decides when; these say how.
 */
import type { Dataset } from '../types';
import { makeWorkspace, type Workspace } from '../net/network';
import type { TrainerOptions } from './types';

/**
 * Fisher–Yates from the identity: for i = n−1 … 1, swap i with ⌊r·(i+1)⌋.
 * n−1 draws per epoch; returns the number of draws taken.
 */
export function shuffleOrder(o: Int32Array, random: () => number): number {
  let draws = 0;
  for (let k = 0; k < o.length; k++) o[k] = k;
  for (let i = o.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    draws++;
    const t = o[i];
    o[i] = o[j];
    o[j] = t;
  }
  return draws;
}

/**
 * Copies the rows order[start … start+rows−1] of d (or start … start+rows−1 in data order, order null) into ws.x
 * (`withX` false: not x) and ws.y, and says which rows they are (ws.srcX …).
 */
export function gather(d: Dataset, start: number, rows: number, ws: Workspace, order: Int32Array | null, withX = true): void {
  ws.srcX = d.x.data;
  ws.srcRows = d.x.rows;
  ws.srcStart = start;
  ws.srcOrder = order;
  ws.xMissing = !withX;
  if (!withX) {
    // y only: the rows' x is not read (their nonzero lists are kept, net/resident.ts)
    const ny = d.y.cols;
    const r0 = order ? order[start] : start;
    if (!order) ws.y.set(d.y.data.subarray(r0 * ny, (r0 + rows) * ny));
    else for (let s = 0; s < rows; s++) for (let k = 0; k < ny; k++) ws.y[s * ny + k] = d.y.data[order[start + s] * ny + k];
    return;
  }
  const nx = d.x.cols;
  const ny = d.y.cols;
  const X = d.x.data;
  const Y = d.y.data;
  const r0 = order ? order[start] : start;
  let contiguous = true;
  if (order) for (let s = 1; s < rows && contiguous; s++) contiguous = order[start + s] === r0 + s;
  if (contiguous) {
    // rows r0 … r0+rows−1 lie back to back in the data: one block copy each
    ws.x.set(X.subarray(r0 * nx, (r0 + rows) * nx));
    ws.y.set(Y.subarray(r0 * ny, (r0 + rows) * ny));
    return;
  }
  if (nx >= 16) {
    // a shuffled batch of wide rows (MNIST: 784): copy row by row
    for (let s = 0; s < rows; s++) {
      const r = order![start + s];
      ws.x.set(X.subarray(r * nx, r * nx + nx), s * nx);
      for (let k = 0; k < ny; k++) ws.y[s * ny + k] = Y[r * ny + k];
    }
    return;
  }
  for (let s = 0; s < rows; s++) {
    const r = order ? order[start + s] : start + s;
    for (let i = 0; i < nx; i++) ws.x[s * nx + i] = d.x.data[r * nx + i];
    for (let k = 0; k < ny; k++) ws.y[s * ny + k] = d.y.data[r * ny + k];
  }
}

/** ws.x filled in where gather left it out (a StepDetail shows it). */
export function fillX(d: Dataset, ws: Workspace): void {
  if (ws.xMissing) gather(d, ws.srcStart, ws.rows, ws, ws.srcOrder);
}

/**
 * The batches of an epoch: batch k is the rows order[k·B … k·B + B − 1]
 * (the last one possibly shorter), gathered into a workspace of its size.
 */
export class Batches {
  readonly n: number;
  /** rows per batch */
  readonly B: number;
  /** batches per epoch */
  readonly count: number;
  /** full batches in data order: the same rows every epoch, and the forward pass doubles as the train evaluation */
  readonly reuse: boolean;
  /** the current epoch's sample order (identity unless shuffling) */
  order: Int32Array;
  /** the epoch `order` was drawn for (−1: none yet) */
  orderEpoch = -1;
  /** numbers drawn from the shuffle stream so far */
  randomDraws = 0;
  readonly full: Workspace;
  private readonly last: Workspace | null;
  /** with reuse, `full` already holds the training rows (gathered once) */
  private gathered = false;

  constructor(private readonly opts: TrainerOptions) {
    this.n = opts.data.train.x.rows;
    this.B = opts.batchSize === 'full' ? this.n : Math.min(opts.batchSize, this.n);
    this.count = Math.ceil(this.n / this.B);
    this.full = makeWorkspace(opts.network, this.B);
    const lastRows = this.n - (this.count - 1) * this.B;
    this.last = lastRows !== this.B ? makeWorkspace(opts.network, lastRows) : null;
    this.order = Int32Array.from({ length: this.n }, (_, k) => k);
    this.reuse = this.B === this.n && !opts.shuffle;
  }

  /** The workspaces the batches are gathered into. */
  get workspaces(): Workspace[] {
    return this.last ? [this.full, this.last] : [this.full];
  }

  /** A saved run's order, the epoch it was drawn for and the draws so far (Trainer.fromState). */
  restore(order: readonly number[], orderEpoch: number, randomDraws: number): void {
    this.order = Int32Array.from(order);
    this.orderEpoch = orderEpoch;
    this.randomDraws = randomDraws;
  }

  /**
   * The workspace of batch `batch` of epoch `epoch`, its rows gathered (a new order drawn at an epoch's
   * first batch); `withX` false: y only (fillX gathers x when it is read).
   */
  start(epoch: number, batch: number, withX = true): Workspace {
    const { n, B } = this;
    if (batch === 0 && this.orderEpoch !== epoch) {
      if (this.opts.shuffle) this.randomDraws += shuffleOrder(this.order, this.opts.shuffleRandom);
      this.orderEpoch = epoch;
    }
    const start = batch * B;
    const rows = Math.min(B, n - start);
    const ws = rows === B ? this.full : this.last!;
    // a full batch in data order is the same rows every epoch: gather it once
    if (!(this.reuse && this.gathered)) gather(this.opts.data.train, start, rows, ws, this.order, withX || this.reuse);
    this.gathered = true;
    return ws;
  }
}
