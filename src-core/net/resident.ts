/**
 * The first layer kept in a WebAssembly instance between batches (MNIST's
 * 784 → 64): its Wᵀ lives in the module for the length of a trainer call
 * (runEpochs, a step), so a batch no longer transposes W into the module for
 * the forward pass and gWᵀ back for the update; the mean, the gradient's
 * squares and plain SGD's update are done there too (wat/resident.wat).
 *
 * The same bits as network.ts's path through dense-wasm.ts: the sums are
 * the same `sparse_sums` passes over the same Wᵀ; the mean and SGD are
 * elementwise (w − lr·g, multiplied then subtracted; sum·(1/n) or sum/n as
 * reduce.ts's meanInto), so the layout does not change a bit; the squares
 * are summed in W's order (element j·nIn + i, four running sums by index
 * mod 4) — they are THE gradient norm, `squares` in reduce.ts.
 *
 * Double-buffered Wᵀ: an update reads Wᵀ[cur] and writes the new weights
 * into the other buffer, which then becomes cur; the old one is what the
 * trainer's `before.W[0]` holds, written out only when read. While the
 * module is ahead, p.W[0], before.W[0] and g.W[0] are stale: `settle()`
 * writes them back (and forgets the module's Wᵀ, so whatever the caller
 * then writes into p is what the next forward pass transposes). The trainer
 * settles before anything but the three phases reads or writes the
 * parameters, and before any call of it returns (trainer.ts).
 */
import type { OptimizerConfig, Params } from '../types';
import type { Grads } from './network';
import type { Optimizer } from '../optim/optimizers';
import { exp } from '../math/exp';
import { kernelsModule } from './small';
import { transposeInto } from './dense';

interface WasmMemory { readonly buffer: ArrayBuffer; grow(pages: number): number }
interface ResidentExports {
  sparse_sums(x: number, nOuter: number, nInner: number, xOuter: number, xInner: number, base: number, units: number, off: number, vals: number, out: number, post: number, pv: number, pb: number, keep: number): void;
  activate(z: number, a: number, n: number, code: number, leak: number): void;
  dense_rows(x: number, rows: number, xRow: number, off: number, n: number, base: number, out: number, post: number, pb: number): void;
  kept_cols(rows: number, n: number, recs: number, shift: number, nIn: number, cnt: number, off: number, vals: number, dRow: number, delta: number, units: number, out: number, post: number, pv: number): void;
  list_sums(rows: number, n: number, recs: number, base: number, units: number, out: number, post: number, pv: number, pb: number): void;
  mean_sq_t(g: number, nIn: number, units: number, mode: number, n: number, inv: number): number;
  sgd_t(w: number, g: number, out: number, n: number, lr: number): number;
  memory: WasmMemory;
}

/** The rows a workspace holds: gathered from srcX's dataset (batches.ts's gather), rows srcOrder[srcStart + o] or srcStart + o. */
export interface RowSource {
  srcX: Float64Array | null;
  srcRows: number;
  srcStart: number;
  srcOrder: Int32Array | null;
}

/** A dataset's kept nonzero lists: row r's record (off, vals, m) at recs + 12r; rows 0 … built − 1 are in. */
interface Kept { rows: number; recs: number; built: number; failed: boolean }

/** The most memory the kept lists of a trainer's datasets may take (bytes; 12 a nonzero number). */
const KEPT_MAX_BYTES = 256 << 20;

/** Off: no trainer keeps its first layer here (the tests' reference: network.ts's path). */
export const residentSwitch = { on: true };

/** The first layer's fan-in and units, and the largest batch: a layer this size and shape is kept in the module. */
export function residentFits(nIn: number, units: number, rows: number): boolean {
  return nIn % 4 === 0 && units >= 16 && nIn * units >= 4096 && nIn * units <= 1 << 20 && rows >= 8 && rows <= 1024;
}

export class ResidentLayer {
  private readonly x: ResidentExports;
  private readonly nW: number;
  /** byte addresses: the two Wᵀ buffers, gWᵀ, delta, x, the lists, z's sums */
  private readonly wt: [number, number];
  private readonly gwt: number;
  private readonly dAt: number;
  private readonly xAt: number;
  /** the evaluation's x (Evaluator: its workspace's x is this view, so its blocks are gathered straight in) */
  private readonly xEvalAt: number;
  private readonly evalRows: number;
  private readonly rows: number;
  private readonly offAt: number;
  private readonly valsAt: number;
  private readonly zAt: number;
  /** b[0], copied in for each forward pass (the sums' post step adds it) */
  private readonly bAt: number;
  /** f(z) of a forward pass, when the module has f (activate's codes 0–3) */
  private readonly aAt: number;
  /** nextForward's: the next layer's Wᵀ and b padded to 16 columns, its sums (16 a row), its list (i · 128, i32s) */
  private readonly nextWtAt: number;
  private readonly nextBAt: number;
  private readonly nextZAt: number;
  private readonly nextOffAt: number;
  /** forward() left f(z) at aAt for these rows (nextForward may take it from there) */
  private aRows = -1;
  /** kept_cols's: the counts (nIn + 1 i32s), a batch's lists by input (offsets, values) */
  private readonly cntAt: number;
  private readonly colOffAt: number;
  private readonly colValsAt: number;
  /** the rows of a list_sums call (i32s), a kept build's list lengths (i32s) */
  private readonly rowsAt: number;
  /** the first free byte after the fixed regions and the kept lists so far */
  private top: number;
  /** per dataset (its x's array): the nonzero lists of its rows, built by its first evaluation (forward) */
  private readonly kept = new Map<Float64Array, Kept>();
  /** the workspaces whose x is a view of this memory (adopt, adoptEval): made again when it grows */
  private readonly views: { ws: { x: Float64Array }; at: number; len: number }[] = [];
  private cur = 0;
  /** Wᵀ[cur] is p.W[0]ᵀ, bit for bit (or newer, with `ahead`) */
  private loaded = false;
  /** Wᵀ[cur] is newer than p.W[0]; Wᵀ[1 − cur] is before.W[0]ᵀ, not written out */
  private ahead = false;
  /** gWᵀ holds g.W[0]ᵀ, not written out; `fresh`: of the forward pass on the current Wᵀ (an update may use it) */
  private gStale = false;
  private fresh = false;
  /** the array and rows x holds */
  private xOf: Float64Array | null = null;
  private xRows = 0;
  /** p, g and before without W[0]: the optimizer's part of a resident update */
  private readonly rest: { p: Params; g: Grads; keep: Params };

  private constructor(
    x: ResidentExports, private readonly nIn: number, private readonly units: number, rows: number, evalRows: number,
    private readonly p: Params, private readonly before: Params, private readonly g: Grads,
  ) {
    this.x = x;
    this.evalRows = evalRows;
    this.rows = rows;
    this.nW = nIn * units;
    let at = 0;
    const take = (n: number) => {
      const q = at;
      at += 8 * (n + (n % 2)); // 16-byte aligned
      return q;
    };
    this.wt = [take(this.nW), take(this.nW)];
    this.gwt = take(this.nW);
    this.dAt = take(rows * units);
    this.xAt = take(rows * nIn);
    this.xEvalAt = take(evalRows * nIn);
    const list = Math.max(nIn, rows, evalRows) + 2;
    this.offAt = take(Math.ceil(list / 2));
    this.valsAt = take(list);
    this.zAt = take(Math.max(rows, evalRows) * units);
    this.bAt = take(units);
    this.aAt = take(Math.max(rows, evalRows) * units);
    this.rowsAt = take(Math.max(rows, evalRows));
    this.nextWtAt = take(units * 16);
    this.nextBAt = take(16);
    this.nextZAt = take(Math.max(rows, evalRows) * 16);
    this.nextOffAt = take(Math.ceil(units / 2));
    this.cntAt = take(Math.ceil((nIn + 2) / 2));
    this.colOffAt = take(Math.ceil((rows * nIn + 2) / 2));
    this.colValsAt = take(rows * nIn + 2);
    this.top = at;
    const need = Math.ceil(at / 65536) - x.memory.buffer.byteLength / 65536;
    if (need > 0) x.memory.grow(need);
    new Int32Array(x.memory.buffer, this.nextOffAt, units).forEach((_, i, o) => { o[i] = i * 128; });
    const empty = new Float64Array(0);
    const drop = (q: Params | Grads) => ({ W: [empty, ...q.W.slice(1)], b: q.b });
    this.rest = { p: drop(p), g: drop(g), keep: drop(before) };
  }

  /**
   * For a trainer's arrays (p, before, g), batches of up to `rows` and evaluation blocks of up to
   * `evalRows` (0: none); null without WebAssembly SIMD or for another shape.
   */
  static make(p: Params, before: Params, g: Grads, nIn: number, units: number, rows: number, evalRows = 0): ResidentLayer | null {
    if (!residentSwitch.on || !residentFits(nIn, units, rows)) return null;
    if (evalRows > 1024) evalRows = 0;
    const m = kernelsModule();
    if (!m) return null;
    try {
      const x = new m.api.Instance(m.module, { js: { exp } }).exports as unknown as ResidentExports;
      return new ResidentLayer(x, nIn, units, rows, evalRows, p, before, g);
    } catch {
      return null; // out of memory: network.ts's path
    }
  }

  private f64(at: number, n: number): Float64Array {
    return new Float64Array(this.x.memory.buffer, at, n);
  }

  /** The trainer's W[0]: forward() computes with it (network.ts uses the module for these parameters only). */
  get W0(): Float64Array { return this.p.W[0]; }

  /** An evaluation workspace's x (blocks of `rows` rows) made a view of the module's memory, where it has room: its blocks are gathered straight in. */
  adoptEval(ws: { x: Float64Array }, rows: number): void {
    if (rows > this.evalRows) return;
    ws.x = this.f64(this.xEvalAt, rows * this.nIn);
    this.views.push({ ws, at: this.xEvalAt, len: rows * this.nIn });
  }

  /**
   * Are all of this dataset's rows' lists kept, so that the forward pass with the layer's own
   * parameters needs no x (the evaluation then gathers only y)?
   */
  listed(x: Float64Array | null): boolean {
    const k = x ? this.kept.get(x) : undefined;
    return k !== undefined && k.built === k.rows;
  }

  /** A training workspace's x (at most the batch size) made a view of the module's memory: its batches are gathered straight in. */
  adopt(ws: { rows: number; x: Float64Array }): void {
    if (ws.rows > this.rows) return;
    const v = this.f64(this.xAt, ws.rows * this.nIn);
    v.set(ws.x.subarray(0, v.length));
    ws.x = v;
    this.views.push({ ws, at: this.xAt, len: v.length });
  }

  /** Can a batch of this dataset's rows do without x: all lists kept, and gradW sorts them (8·units a power of 2)? */
  keepsRows(x: Float64Array): boolean {
    return this.listed(x) && (this.units & (this.units - 1)) === 0;
  }

  /** The dataset rows src's workspace holds, as i32s at rowsAt (list_sums', kept_cols' rows). */
  private rowTable(src: RowSource, rows: number): void {
    const table = new Int32Array(this.x.memory.buffer, this.rowsAt, rows);
    const o = src.srcOrder;
    for (let q = 0; q < rows; q++) table[q] = o ? o[src.srcStart + q] : src.srcStart + q;
  }

  /** Room for `bytes` more at top (false past KEPT_MAX_BYTES); the adopted views made again if the memory grew. */
  private room(bytes: number): boolean {
    const end = this.top + bytes;
    if (end > KEPT_MAX_BYTES) return false;
    const have = this.x.memory.buffer.byteLength;
    if (end <= have) return true;
    try {
      this.x.memory.grow(Math.ceil((Math.max(end, have * 1.5) - have) / 65536));
    } catch {
      return false;
    }
    for (const v of this.views) v.ws.x = this.f64(v.at, v.len);
    return true;
  }

  /**
   * The forward sums of src's rows from their kept lists (list_sums, no x read), or, for an
   * evaluation block in data order that is the next one to keep, sparse_sums keeping its lists
   * (then moved together: the offsets, then the values, one record a row). False: neither.
   */
  private keptSums(src: RowSource | null, xAt: number, rows: number, post: number): boolean {
    if (!src?.srcX) return false;
    let k = this.kept.get(src.srcX);
    const { nIn, units } = this;
    if (k && k.built === k.rows) {
      this.rowTable(src, rows);
      this.x.list_sums(this.rowsAt, rows, k.recs, this.wt[this.cur], units, this.zAt, post, 0, this.bAt);
      return true;
    }
    if (xAt !== this.xEvalAt || src.srcOrder !== null || src.srcStart !== (k?.built ?? 0) || k?.failed) return false;
    if (!k) {
      if (!this.room(12 * src.srcRows + 16)) return false;
      k = { rows: src.srcRows, recs: this.top, built: 0, failed: false };
      this.top += 12 * src.srcRows + 16 - ((12 * src.srcRows) % 16);
      this.kept.set(src.srcX, k);
    }
    const cap = rows * (nIn + 1) + 2;
    if (!this.room(12 * cap + 16)) {
      k.failed = true;
      return false;
    }
    const off = this.top;
    const vals = off + 4 * cap + 8 - ((4 * cap) % 8);
    this.x.sparse_sums(xAt, rows, nIn, 8 * nIn, 8, this.wt[this.cur], units, off, vals, this.zAt, post, 0, this.bAt, this.rowsAt);
    const buf = this.x.memory.buffer;
    const m = new Int32Array(buf, this.rowsAt, rows);
    let total = 0;
    for (let q = 0; q < rows; q++) total += m[q];
    const moved = off + 4 * total + 8 - ((4 * total) % 8);
    new Uint8Array(buf).copyWithin(moved, vals, vals + 8 * total);
    const rec = new Int32Array(buf, k.recs + 12 * k.built, 3 * rows);
    for (let q = 0, o = off, v = moved; q < rows; q++) {
      rec[3 * q] = o;
      rec[3 * q + 1] = v;
      rec[3 * q + 2] = m[q];
      o += 4 * m[q];
      v += 8 * m[q];
    }
    this.top = moved + 8 * total + 16 - ((8 * total) % 16);
    k.built += rows;
    return true;
  }

  /** Can forward() take these rows: evalX's view, or at most the batch size? */
  takes(a: Float64Array, rows: number): boolean {
    return (a.buffer === this.x.memory.buffer && a.byteOffset === this.xEvalAt) || rows <= this.rows;
  }

  /**
   * z = a W[0]ᵀ + b for a mostly-zero a (rows × nIn), as denseForwardSparseWasm; W[0] transposed in
   * only when not loaded; a copied in unless it is evalX's view. With `f` (activate's code, 0–2:
   * small.ts's forwardCode) also out = f(z) there, activations.ts's bits (small.test.ts); returns
   * whether it did.
   */
  forward(a: Float64Array, b: Float64Array, z: Float64Array, rows: number, f = 5, leak = 0, out: Float64Array | null = null, src: RowSource | null = null): boolean {
    const { nIn, units } = this;
    if (!this.loaded) {
      transposeInto(this.p.W[0], this.f64(this.wt[this.cur], this.nW), units, nIn);
      this.loaded = true;
    }
    let xAt = this.xAt;
    if (a.buffer === this.x.memory.buffer && a.byteOffset === this.xEvalAt) {
      xAt = this.xEvalAt;
      this.xOf = null;
    } else {
      // the trainer's batches are gathered here already (adopt)
      if (a.buffer !== this.x.memory.buffer || a.byteOffset !== this.xAt) this.f64(this.xAt, rows * nIn).set(a.subarray(0, rows * nIn));
      this.xOf = a;
      this.xRows = rows;
    }
    // z[s][j] = sum + b[j], added in the module as each row's sums are done (post step 3)
    if (b.length > 0) this.f64(this.bAt, units).set(b);
    const post = b.length > 0 ? 3 : 0;
    if (!this.keptSums(src, xAt, rows, post)) {
      this.x.sparse_sums(xAt, rows, nIn, 8 * nIn, 8, this.wt[this.cur], units, this.offAt, this.valsAt, this.zAt, post, 0, this.bAt, 0);
    }
    z.set(this.f64(this.zAt, rows * units));
    this.fresh = false;
    this.aRows = -1;
    // not the sigmoid (3): its constants and exp's table live where this layer's Wᵀ is (kernels.wat)
    if (f > 2 || !out) return false;
    this.x.activate(this.zAt, this.aAt, rows * units, f, leak);
    out.set(this.f64(this.aAt, rows * units));
    this.aRows = rows;
    return true;
  }

  /**
   * The next layer's z = a W + b (W: nextUnits × this layer's units, nextUnits ≤ 16) from the f(z) the
   * forward pass just left here, in the module (dense_rows: network.ts's plain loop's bits); false when
   * it cannot (no such f(z), more units).
   */
  nextForward(W: Float64Array, b: Float64Array, z: Float64Array, rows: number, nextUnits: number): boolean {
    if (rows !== this.aRows || nextUnits > 16) return false;
    const { units } = this;
    const wt = this.f64(this.nextWtAt, units * 16);
    wt.fill(0);
    for (let j = 0; j < nextUnits; j++) for (let i = 0, w = j * units; i < units; i++) wt[i * 16 + j] = W[w + i];
    if (b.length > 0) this.f64(this.nextBAt, 16).set(b);
    this.x.dense_rows(this.aAt, rows, 8 * units, this.nextOffAt, units, this.nextWtAt, this.nextZAt, b.length > 0 ? 3 : 0, this.nextBAt);
    const out = this.f64(this.nextZAt, rows * 16);
    for (let s = 0, q = 0; s < rows; s++) for (let j = 0; j < nextUnits; j++, q++) z[q] = out[s * 16 + j];
    return true;
  }

  /**
   * gW[0] of the batch after forward(): Σ_s delta[s][j] a[s][i] reduced (mean
   * or sum) in the module as gWᵀ, g.W[0] left stale; returns its squares (W's order).
   */
  gradW(delta: Float64Array, a: Float64Array, rows: number, mean: boolean, src: RowSource | null = null): number {
    const { nIn, units } = this;
    this.f64(this.dAt, rows * units).set(delta.subarray(0, rows * units));
    // the mean as each input's row of gWᵀ is done (meanInto's: ·(1/n) when n is a power of 2, else / n)
    const mode = !mean ? 0 : (rows & (rows - 1)) === 0 ? 1 : 2;
    const pv = mode === 1 ? 1 / rows : rows;
    const k = src?.srcX ? this.kept.get(src.srcX) : undefined;
    const shift = 31 - Math.clz32(8 * units); // kept offsets are t · 8units: t = off >> shift when units is a power of 2
    if (k && k.built === k.rows && (units & (units - 1)) === 0) {
      // the batch's rows' kept lists, sorted by input (kept_cols): the lists the scan below would build
      this.rowTable(src!, rows);
      this.x.kept_cols(this.rowsAt, rows, k.recs, shift, nIn, this.cntAt, this.colOffAt, this.colValsAt, 8 * units, this.dAt, units, this.gwt, mode, pv);
    } else {
      if (this.xOf !== a || this.xRows !== rows) this.f64(this.xAt, rows * nIn).set(a.subarray(0, rows * nIn));
      this.x.sparse_sums(this.xAt, nIn, rows, 8, 8 * nIn, this.dAt, units, this.offAt, this.valsAt, this.gwt, mode, pv, 0, 0);
    }
    const sq = this.x.mean_sq_t(this.gwt, nIn, units, 0, rows, 1 / rows);
    this.gStale = true;
    this.fresh = this.loaded;
    return sq;
  }

  /** Can `opt` make the next update here (plain SGD, after this layer's forward and gradW)? */
  canStep(cfg: OptimizerConfig): boolean {
    return this.fresh && cfg.kind === 'sgd' && (cfg.momentum ?? 0) === 0;
  }

  /** The update, W[0] here and the rest by `opt` (plain SGD: canStep); returns Optimizer.step's finiteness check. */
  step(opt: Optimizer): number {
    const c = this.x.sgd_t(this.wt[this.cur], this.gwt, this.wt[1 - this.cur], this.nW, opt.cfg.lr);
    this.cur = 1 - this.cur;
    this.ahead = true;
    this.fresh = false;
    return c + opt.step(this.rest.p, this.rest.g, this.rest.keep);
  }

  /** Writes p.W[0], before.W[0] and g.W[0] back where they are stale, and forgets the module's Wᵀ. */
  settle(): void {
    const { nIn, units } = this;
    if (this.ahead) {
      transposeInto(this.f64(this.wt[this.cur], this.nW), this.p.W[0], nIn, units);
      transposeInto(this.f64(this.wt[1 - this.cur], this.nW), this.before.W[0], nIn, units);
      this.ahead = false;
    }
    if (this.gStale) {
      transposeInto(this.f64(this.gwt, this.nW), this.g.W[0], nIn, units);
      this.gStale = false;
    }
    this.loaded = false;
    this.fresh = false;
    this.xOf = null;
  }
}

/** One update: in the module where `res` can (ResidentLayer.canStep), else settled and by the optimizer alone. */
export function optimizerStep(opt: Optimizer, res: ResidentLayer | null, p: Params, g: Grads, keep: Params): number {
  if (res && res.canStep(opt.cfg)) return res.step(opt);
  res?.settle();
  return opt.step(p, g, keep);
}
