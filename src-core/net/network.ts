/**
 * A fully connected network, batched: every layer's values for all samples of
 * a batch at once, as [sample][unit] row-major Float64Arrays.
 *
 *   forward:  z[l] = a[l−1] W[l]ᵀ + b[l],  a[l] = f(z[l])          (a[−1] = x)
 *   backward: delta[L−1] from the loss (losses.ts);
 *             dLda[l] = delta[l+1] W[l+1],  delta[l] = dLda[l] ⊙ f'(z[l]);
 *             gradW[l][j][i] = scale Σ_s delta[l][s][j] a[l−1][s][i],
 *             gradB[l][j]    = scale Σ_s delta[l][s][j],  scale = 1/n (mean) or 1 (sum).
 *             (mean: the sum is divided by n)
 *
 * Workspaces are allocated once per batch size and reused, so training
 * allocates nothing per update.
 *
 * Large layers go through the register-tiled kernels of dense.ts (and, for
 * a mostly-zero input such as MNIST pixels, the zero-skipping ones); tiny
 * layers keep the plain loops, which are faster there. The zero-skipping
 * ones run their inner loop in WebAssembly SIMD where it exists
 * (dense-wasm.ts). Networks of small layers only (< 4096 weights each: f1,
 * XOR, the homework nets) keep their workspace in a WebAssembly instance's
 * memory and run forward, the activations but tanh/softmax, backward and the
 * squared-error losses there (small.ts). All give the same bits: every sum
 * runs over its index in the same order (dense.ts, small.test.ts).
 */
import type { LossKind, NetworkSpec, Params, Reduction } from '../types';
import { activate, derivative } from './activations';
import { outputBackward, sampleLosses } from './losses';
import { fanIn } from './params';
import { denseBackward, denseForward, denseForwardSparse, denseForwardSparseWasm, denseGradW, denseGradWSparse, denseGradWSparseWasm } from './dense';
import { wasmKernel } from './dense-wasm';
import { derivativeCode, forwardCode, makeSmall, type SmallWorkspace } from './small';
import { copyInto, meanInto, squares } from './reduce';
import type { ResidentLayer } from './resident';
export { squares } from './reduce';
import { formatIssues, type PathPart } from '../session/format';
import { checkNetworkRules } from '../session/rules';
import { networkSchema } from '../session/schema';

/** Layers with fewer weights than this use the plain loops (the tile set-up costs more than it saves). */
const TILED_MIN_WEIGHTS = 256;
/** The first layer skips the input's zeros when it is this large and at least this share of the batch is 0. */
const SPARSE_MIN_WEIGHTS = 4096;
const SPARSE_MIN_ZEROS = 0.6;
const SPARSE_MIN_ROWS = 8;

export interface Workspace {
  rows: number;
  x: Float64Array;
  y: Float64Array;
  z: Float64Array[];
  a: Float64Array[];
  dLda: Float64Array[];
  fprime: Float64Array[];
  delta: Float64Array[];
  sampleLoss: Float64Array;
  /** Σ_s sampleLoss[s] of the last batchLoss (s in order, from +0): the evaluation's loss sum of that batch */
  lossSum: number;
  /** for a one-output net, Σ_s |a[s] − y[s]| of the last batchLoss (s in order, from +0), else NaN */
  absSum: number;
  /** scratch of the zero-skipping first-layer kernels, allocated on first use */
  sparse: { nz: Int32Array; vals: Float64Array; wT: Float64Array } | null;
  /** set by forward(): the first layer skipped x's zeros (backward's gradW[0] does too) */
  xSparse: boolean;
  /** small layers: the arrays above live in a WebAssembly instance's memory and its kernels do the sums (small.ts) */
  small: SmallWorkspace | null;
  /** the dataset rows x holds (set by batches.ts's gather; srcX null: not gathered): resident.ts keeps their nonzero lists */
  srcX: Float64Array | null;
  srcRows: number;
  srcStart: number;
  srcOrder: Int32Array | null;
  /** gather left x out (the rows' lists are kept): batches.ts's fillX copies it in when it is read */
  xMissing: boolean;
}

/** `wasm` false: plain JS arrays and loops (the fallback; the same bits, small.test.ts). */
export function makeWorkspace(spec: NetworkSpec, rows: number, wasm = true): Workspace {
  const small = wasm ? makeSmall(spec, rows) : null;
  const src = { srcX: null, srcRows: 0, srcStart: 0, srcOrder: null, xMissing: false };
  if (small) return { rows, ...small.arrays, lossSum: 0, absSum: NaN, sparse: null, xSparse: false, small: small.ws, ...src };
  const per = () => spec.layers.map((layer) => new Float64Array(rows * layer.units));
  const out = spec.layers[spec.layers.length - 1].units;
  return {
    rows,
    x: new Float64Array(rows * spec.inputs),
    y: new Float64Array(rows * out),
    z: per(), a: per(), dLda: per(), fprime: per(), delta: per(),
    sampleLoss: new Float64Array(rows),
    lossSum: 0,
    absSum: NaN,
    sparse: null,
    xSparse: false,
    small: null,
    ...src,
  };
}

/** Gradients, one array per layer shaped like the parameters. */
export interface Grads {
  W: Float64Array[];
  b: Float64Array[];
}

export function makeGrads(p: Params): Grads {
  return { W: p.W.map((w) => new Float64Array(w.length)), b: p.b.map((v) => new Float64Array(v.length)) };
}

/**
 * Checks a network spec (the trainer's check, for specs that did not come
 * through a session file): the session schema's rules for `experiment.network`,
 * with the same messages and paths (`at`, by default where the file has it).
 */
export function checkSpec(spec: NetworkSpec, at: readonly PathPart[] = ['experiment', 'network']): string[] {
  const r = networkSchema.safeParse(spec);
  if (!r.success) return formatIssues(r.error.issues, spec, at);
  return checkNetworkRules(r.data, at);
}

/**
 * Forward pass of `ws.rows` samples held in ws.x: fills z and a of every layer.
 * `res`: the trainer's first layer kept in the module (resident.ts), used when x is mostly zeros.
 */
export function forward(spec: NetworkSpec, p: Params, ws: Workspace, res: ResidentLayer | null = null): void {
  const rows = ws.rows;
  if (ws.small?.wholeForward) {
    // every layer in the module: the parameters copied in, then one call (wat/net.wat transposes W)
    const sm = ws.small;
    for (let l = 0; l < spec.layers.length; l++) {
      copyInto(sm.layers[l].Wv, p.W[l]);
      if (p.b[l].length > 0) copyInto(sm.layers[l].bv, p.b[l]);
    }
    sm.k.netForward(sm.table, spec.layers.length, rows);
    return;
  }
  let aPrev = ws.x;
  let aInModule = false; // the resident layer left this layer's input, f(z[0]), in its module
  for (let l = 0; l < spec.layers.length; l++) {
    const layer = spec.layers[l];
    const units = layer.units;
    const nIn = fanIn(spec, l);
    const W = p.W[l];
    const b = p.b[l];
    const hasBias = b.length > 0;
    const z = ws.z[l];
    if (ws.small) {
      // the sums (and, but for tanh and softmax, f) in WebAssembly, on the workspace in its memory
      const sl = ws.small.layers[l];
      const code = forwardCode(layer.activation);
      const WT = sl.WTv;
      for (let j = 0; j < units; j++) for (let i = 0, w = j * nIn; i < nIn; i++) WT[i * units + j] = W[w + i];
      if (hasBias) sl.bv.set(b);
      ws.small.k.forward(l === 0 ? ws.small.x : ws.small.layers[l - 1].a, sl.WT, sl.b, sl.z, rows, nIn, units, hasBias ? 1 : 0);
      if (code === 5) activate(layer.activation, layer.leak ?? 0.01, z, ws.a[l], rows, units);
      else ws.small.k.activate(sl.z, sl.a, rows * units, code, layer.leak ?? 0.01);
      aPrev = ws.a[l];
      continue;
    }
    // all of the rows' nonzero lists kept (resident.ts): x was not gathered, and is mostly zeros
    if (l === 0) ws.xSparse = (res !== null && W === res.W0 && res.listed(ws.srcX)) || useSparse(ws, nIn, units);
    const mine = l === 0 && res !== null && W === res.W0 && res.takes(aPrev, rows); // the module's Wᵀ is of these parameters
    if (mine && !ws.xSparse) res.settle(); // p.W[0] read below
    const wasm = l === 0 && ws.xSparse && units >= 16 ? wasmKernel() : null;
    let activated = false;
    if (aInModule && res!.nextForward(W, b, z, rows, units)) {
      // the sums of the layer after the resident one, in its module
    } else if (mine && ws.xSparse) activated = res.forward(aPrev, b, z, rows, forwardCode(layer.activation), layer.leak ?? 0.01, ws.a[l], ws);
    else if (wasm) denseForwardSparseWasm(wasm, aPrev, W, b, z, rows, nIn, units);
    else if (l === 0 && ws.xSparse) denseForwardSparse(aPrev, W, b, z, rows, nIn, units, ws.sparse!.nz, ws.sparse!.wT, ws.sparse!.vals);
    else if (units * nIn >= TILED_MIN_WEIGHTS) denseForward(aPrev, W, b, z, rows, nIn, units);
    else {
      for (let s = 0; s < rows; s++) {
        const xr = s * nIn;
        const zr = s * units;
        for (let j = 0; j < units; j++) {
          const wr = j * nIn;
          let sum = 0;
          for (let i = 0; i < nIn; i++) sum += W[wr + i] * aPrev[xr + i];
          z[zr + j] = hasBias ? sum + b[j] : sum;
        }
      }
    }
    if (!activated) activate(layer.activation, layer.leak ?? 0.01, z, ws.a[l], rows, units);
    aInModule = l === 0 && activated;
    aPrev = ws.a[l];
  }
}

/**
 * Is ws.x mostly zeros, in a first layer large enough for skipping them to
 * pay? Judged from about 4 096 entries spread over x, every 7th or further
 * apart (an odd stride, not a multiple of 7: prime to image widths): the
 * choice only affects speed, both kernels give the same bits, and counting
 * all of x cost ~10 % of an MNIST epoch (every 7th entry of an evaluation's
 * 393-digit blocks, ~3 % of the bench's run). Allocates the sparse scratch
 * on the first yes.
 */
function useSparse(ws: Workspace, nIn: number, units: number): boolean {
  // the skipping forward transposes W first (one pass over it): that pays over several samples only
  if (units * nIn < SPARSE_MIN_WEIGHTS || ws.rows < SPARSE_MIN_ROWS) return false;
  const n = ws.rows * nIn;
  const x = ws.x;
  let zeros = 0;
  let seen = 0;
  let stride = Math.max(7, (n >> 12) | 1);
  if (stride % 7 === 0 && stride > 7) stride += 2;
  for (let q = 0; q < n; q += stride, seen++) zeros += x[q] === 0 ? 1 : 0; // branch-free: strokes' edges mispredict
  if (zeros < SPARSE_MIN_ZEROS * seen) return false;
  if (units >= 16 && wasmKernel()) return true; // keeps its scratch in the WebAssembly memory
  const cap = ws.x.length;
  if (!ws.sparse || ws.sparse.vals.length < cap || ws.sparse.wT.length < units * nIn) {
    ws.sparse = { nz: new Int32Array(cap + nIn + 1), vals: new Float64Array(cap), wT: new Float64Array(units * nIn) };
  }
  return true;
}

/**
 * ℓ_s of every sample (ws.sampleLoss) and their reduction over the batch; the
 * sums are left in ws.lossSum and, for one output, ws.absSum (Σ|a − y|), each
 * one running sum over the samples in order from +0.
 */
export function batchLoss(spec: NetworkSpec, loss: LossKind, reduction: Reduction, ws: Workspace): number {
  const L = spec.layers.length - 1;
  const out = spec.layers[L];
  let sum = 0;
  if (ws.small && (loss === 'half_squared_error' || loss === 'squared_error')) {
    const sm = ws.small;
    sm.k.sqloss(sm.layers[L].a, sm.y, sm.sampleLoss, ws.rows, out.units, loss === 'half_squared_error' ? 1 : 0, sm.sums);
    // one output: the module summed ℓ and |a − y| as the loop below does
    if (out.units === 1) {
      ws.lossSum = sm.sumsv[0];
      ws.absSum = sm.sumsv[1];
      return reduction === 'mean' ? ws.lossSum / ws.rows : ws.lossSum;
    }
  } else sampleLosses(loss, out.activation, ws.z[L], ws.a[L], ws.y, ws.rows, out.units, ws.sampleLoss);
  const sl = ws.sampleLoss;
  if (out.units === 1) {
    // one output: Σ|a − y| in the same loop (the history's MAE of a full batch; the two sums' additions overlap)
    const a = ws.a[L];
    const y = ws.y;
    let abs = 0;
    for (let s = 0; s < ws.rows; s++) {
      sum += sl[s];
      abs += Math.abs(a[s] - y[s]);
    }
    ws.absSum = abs;
  } else {
    for (let s = 0; s < ws.rows; s++) sum += sl[s];
    ws.absSum = NaN;
  }
  ws.lossSum = sum;
  return reduction === 'mean' ? sum / ws.rows : sum;
}

/**
 * Backward pass after forward(): fills dLda, fprime and delta of every layer
 * (per sample, unreduced) and the reduced gradients. With `sq`, also
 * sq[l] = squares(gradW[l]) + squares(gradB[l]) (the trainer's gradient norm
 * and finiteness check; see `squares`), taken in the loop that divides by n.
 */
export function backward(
  spec: NetworkSpec, loss: LossKind, reduction: Reduction, p: Params, ws: Workspace, g: Grads, sq: Float64Array | null = null, res: ResidentLayer | null = null,
): void {
  const rows = ws.rows;
  const L = spec.layers.length - 1;
  const out = spec.layers[L];
  if (ws.small && (loss === 'half_squared_error' || loss === 'squared_error') && (out.activation === 'linear' || out.activation === 'sigmoid')) {
    // the whole pass in the module (wat/net.wat: the calls below, in their order), then the reductions
    const sm = ws.small;
    for (let l = 1; l <= L; l++) copyInto(sm.layers[l].Wv, p.W[l]);
    sm.k.netBackward(sm.table, L + 1, rows, sm.y, loss === 'squared_error' ? 2 : 1, out.activation === 'sigmoid' ? 1 : 0, sm.one);
    for (let l = L; l >= 0; l--) {
      const gB = g.b[l];
      reduce(reduction, sm.layers[l].gWv, gB.length > 0 ? sm.layers[l].gBv : gB, g.W[l], gB, rows, sq, l);
    }
    return;
  }
  outputBackward(loss, out.activation, out.leak ?? 0.01, ws.z[L], ws.a[L], ws.y, rows, out.units, ws.dLda[L], ws.fprime[L], ws.delta[L]);
  for (let l = L; l >= 0; l--) {
    const units = spec.layers[l].units;
    const nIn = fanIn(spec, l);
    const delta = ws.delta[l];
    if (l < L) {
      // dLda[l][s][i] = Σ_j delta[l+1][s][j] W[l+1][j][i];  delta[l] = dLda[l] ⊙ f'(z[l])
      const next = spec.layers[l + 1];
      const Wn = p.W[l + 1];
      const dn = ws.delta[l + 1];
      const dLda = ws.dLda[l];
      const layer = spec.layers[l];
      const a = ws.a[l];
      const fprime = ws.fprime[l];
      const nNext = next.units;
      if (ws.small) {
        const sn = ws.small.layers[l + 1];
        const sl = ws.small.layers[l];
        sn.Wv.set(Wn);
        ws.small.k.hidden(sn.delta, sn.W, sl.z, sl.a, sl.dLda, sl.fprime, sl.delta, rows, units, nNext, derivativeCode(layer.activation), layer.leak ?? 0.01);
      } else if (nNext * units >= TILED_MIN_WEIGHTS) {
        denseBackward(dn, Wn, dLda, rows, units, nNext);
        if (layer.activation === 'sigmoid') for (let q = 0; q < rows * units; q++) fprime[q] = a[q] * (1 - a[q]);
        else derivative(layer.activation, layer.leak ?? 0.01, ws.z[l], a, fprime, rows, units);
        for (let q = 0; q < rows * units; q++) delta[q] = dLda[q] * fprime[q];
      } else if (layer.activation === 'sigmoid') {
        // the common case in one pass: f'(z) = a(1−a) (activations.derivative's formula) inside the delta loop
        for (let s = 0; s < rows; s++) {
          const r = s * units;
          const rn = s * nNext;
          for (let i = 0; i < units; i++) {
            let sum = 0;
            for (let j = 0; j < nNext; j++) sum += dn[rn + j] * Wn[j * units + i];
            const ai = a[r + i];
            const fp = ai * (1 - ai);
            dLda[r + i] = sum;
            fprime[r + i] = fp;
            delta[r + i] = sum * fp;
          }
        }
      } else {
        derivative(layer.activation, layer.leak ?? 0.01, ws.z[l], a, fprime, rows, units);
        for (let s = 0; s < rows; s++) {
          const r = s * units;
          const rn = s * nNext;
          for (let i = 0; i < units; i++) {
            let sum = 0;
            for (let j = 0; j < nNext; j++) sum += dn[rn + j] * Wn[j * units + i];
            dLda[r + i] = sum;
            delta[r + i] = sum * fprime[r + i];
          }
        }
      }
    }
    // gradW[l][j][i] = scale Σ_s delta[s][j] a_prev[s][i]
    const aPrev = l === 0 ? ws.x : ws.a[l - 1];
    const gW = g.W[l];
    const gB = g.b[l];
    const hasBias = gB.length > 0;
    const wasm = l === 0 && ws.xSparse && units >= 16 ? wasmKernel() : null;
    // the unreduced sums: in gW, gB, or (small) in the instance's memory, read by the reduction below
    let sumW = gW;
    let sumB = gB;
    if (l === 0 && res && !ws.xSparse) res.settle(); // gW[0] written below
    if (ws.small) {
      const sw = ws.small;
      const sl = sw.layers[l];
      const ap = l === 0 ? sw.x : sw.layers[l - 1].a;
      // gW[j][i] = Σ_s delta[s][j]·aPrev[s][i]: lanes over i, or over j when the input has one column
      // and gB[j] = Σ_s 1·delta[s][j] (1·d is d exactly): with a one-column input in the same pass
      if (nIn >= 2) {
        sw.k.outer(sl.delta, ap, sl.gW, rows, units, nIn, units, nIn, nIn, 1, 0);
        if (hasBias) sw.k.outer(sw.one, sl.delta, sl.gB, rows, 1, units, 0, units, 0, 1, 0);
      } else sw.k.outer(ap, sl.delta, sl.gW, rows, nIn, units, nIn, units, 1, nIn, hasBias ? sl.gB : 0);
      sumW = sl.gWv;
      sumB = hasBias ? sl.gBv : gB;
    } else if (l === 0 && res && ws.xSparse) {
      // W[0]'s gradient stays in the module as gWᵀ, reduced there (resident.ts); gB as below
      const sqW = res.gradW(delta, aPrev, rows, reduction === 'mean', ws);
      gradB(delta, gB, rows, units);
      const sqB = reduction === 'mean' ? meanInto(gB, gB, rows, sq !== null) : sq ? squares(gB) : 0;
      if (sq) sq[l] = sqW + sqB;
      continue;
    } else if (wasm) denseGradWSparseWasm(wasm, delta, aPrev, gW, gB, rows, nIn, units);
    else if (l === 0 && ws.xSparse) denseGradWSparse(delta, aPrev, gW, gB, rows, nIn, units, ws.sparse!.nz, ws.sparse!.vals);
    else if (units * nIn >= TILED_MIN_WEIGHTS) denseGradW(delta, aPrev, gW, gB, rows, nIn, units);
    else {
      // one running sum per weight, over the samples in order (Σ_s from s = 0)
      for (let j = 0; j < units; j++) {
        const wr = j * nIn;
        for (let i = 0; i < nIn; i++) {
          let sum = 0;
          for (let s = 0, r = j, xr = i; s < rows; s++, r += units, xr += nIn) sum += delta[r] * aPrev[xr];
          gW[wr + i] = sum;
        }
        if (hasBias) {
          let sum = 0;
          for (let s = 0, r = j; s < rows; s++, r += units) sum += delta[r];
          gB[j] = sum;
        }
      }
    }
    reduce(reduction, sumW, sumB, gW, gB, rows, sq, l);
  }
}

/** gB[j] = Σ_s delta[s][j], s in order from +0 (the dense kernels' loop). */
function gradB(delta: Float64Array, gB: Float64Array, rows: number, units: number): void {
  for (let j = 0; j < gB.length; j++) {
    let sum = 0;
    for (let s = 0, r = j; s < rows; s++, r += units) sum += delta[r];
    gB[j] = sum;
  }
}

/** gW, gB = the sums (sumW, sumB: the same arrays, or the module's) reduced over the batch; sq[l] their squares. */
function reduce(reduction: Reduction, sumW: Float64Array, sumB: Float64Array, gW: Float64Array, gB: Float64Array, rows: number, sq: Float64Array | null, l: number): void {
  if (reduction === 'mean') {
    const sqW = meanInto(sumW, gW, rows, sq !== null);
    const sqB = meanInto(sumB, gB, rows, sq !== null);
    if (sq) sq[l] = sqW + sqB;
  } else {
    if (sumW !== gW) copyInto(gW, sumW);
    if (sumB !== gB) copyInto(gB, sumB);
    if (sq) sq[l] = squares(gW) + squares(gB);
  }
}
