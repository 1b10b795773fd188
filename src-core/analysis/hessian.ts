/**
 * The training loss as a function of ALL parameters at once, θ flattened in
 * the layout order W[0] (row by row), b[0], W[1], b[1], … (names.allParams,
 * the history record's order): its value, its gradient and exact
 * Hessian–vector products H·v.
 *
 * H·v by Pearlmutter's R-operator, R{f} = d/dε f(θ + ε v) at ε = 0, carried
 * through the layers after the ordinary forward and backward passes of
 * network.ts (whose z, a, f'(z), dℓ/da and delta it reuses):
 *
 *   forward:   R z[l] = R a[l−1] W[l]ᵀ + a[l−1] V[l]ᵀ + vb[l]      (R a[−1] = 0)
 *              R a[l] = f'(z) ⊙ R z           (softmax: a ⊙ (R z − Σ_m a_m R z_m))
 *   output:    g = dℓ/da,  R g = ℓ''(a) ⊙ R a  (every loss here is a sum over units:
 *              squared 2, half squared 1, BCE y/a² + (1−y)/(1−a)², CE y/a²)
 *              R delta = R g ⊙ f'(z) + g ⊙ f''(z) ⊙ R z
 *              fused sigmoid + BCE (delta = a − y):       R delta = R a
 *              fused softmax + CE  (delta = S a − y):     R delta = S R a
 *              softmax + another loss (delta = a ⊙ (g − gᵀa)):
 *                R delta = R a ⊙ (g − gᵀa) + a ⊙ (R g − (R g)ᵀa − gᵀR a)
 *   hidden:    R dLda[l] = R delta[l+1] W[l+1] + delta[l+1] V[l+1]
 *              R delta[l] = R dLda[l] ⊙ f'(z[l]) + dLda[l] ⊙ f''(z[l]) ⊙ R z[l]
 *   gradient:  (H v)_W[l][j][i] = scale Σ_s R delta[l][s][j] a[l−1][s][i] + delta[l][s][j] R a[l−1][s][i]
 *              (H v)_b[l][j]    = scale Σ_s R delta[l][s][j]          scale = 1/n (mean) or 1 (sum)
 *
 * with f'' = 0 (linear, relu, leaky relu: exact away from the kink, where
 * the engine's f' is a step), σ'' = a(1−a)(1−2a), tanh'' = −2a(1−a²).
 *
 * The loss is the whole training set's, with the session's reduction — the
 * function full-batch gradient descent descends — taken in chunks of rows so
 * a big set needs no big workspace.
 */
import type { Activation, Dataset, LossKind, NetworkSpec, Params, Reduction } from '../types';
import { backward, batchLoss, forward, makeGrads, makeWorkspace, type Grads, type Workspace } from '../net/network';
import { ACTIVATIONS, type ActivationEntry } from '../net/activations';
import { isFused, LOSSES, type LossEntry } from '../net/losses';
import { denseBackward, denseForward, denseGradW } from '../net/dense';
import { fanIn, flattenParams, paramCount, unflattenParams } from '../net/params';

/** Rows per chunk of the training set. */
const CHUNK_ROWS = 512;
const NO_BIAS = new Float64Array(0);

interface RSpace {
  Rz: Float64Array[];
  Ra: Float64Array[];
  Rdelta: Float64Array[];
  /** scratch: the second term of R z, R dLda of a hidden layer, R g of the output */
  Rd: Float64Array[];
}

export class LossModel {
  /** number of parameters */
  readonly size: number;
  /** rows of the training set used (all of them) */
  readonly rows: number;
  /** forward + backward passes made so far (a cost counter for reports) */
  passes = 0;
  private readonly p: Params;
  private readonly v: Params;
  private readonly g: Grads;
  private readonly hv: Grads;
  /** scratch: one layer's second gradient term */
  private readonly tW: Float64Array[];
  private readonly ws = new Map<number, { ws: Workspace; r: RSpace }>();

  constructor(readonly spec: NetworkSpec, readonly loss: LossKind, readonly reduction: Reduction, readonly data: Dataset) {
    this.size = paramCount(spec);
    this.rows = data.x.rows;
    if (this.rows < 1) throw new Error('analysis: the training set is empty');
    const shape = (): Params => ({
      W: spec.layers.map((l, k) => new Float64Array(l.units * fanIn(spec, k))),
      b: spec.layers.map((l) => new Float64Array(l.bias ? l.units : 0)),
    });
    this.p = shape();
    this.v = shape();
    this.g = makeGrads(this.p);
    this.hv = makeGrads(this.p);
    this.tW = this.p.W.map((w) => new Float64Array(w.length));
  }

  /** Flattens Params into a new vector in the layout order. */
  flatten(p: Params): Float64Array {
    const out = new Float64Array(this.size);
    flattenParams(p, out);
    return out;
  }

  /** The training loss at θ. */
  lossAt(theta: ArrayLike<number>): number {
    unflattenParams(theta, this.p);
    let sum = 0;
    this.eachChunk((ws) => {
      forward(this.spec, this.p, ws);
      sum = addLosses(this.spec, this.loss, ws, sum);
    });
    this.passes++;
    return this.reduction === 'mean' ? sum / this.rows : sum;
  }

  /** The gradient at θ into `out` (flat); returns the loss. */
  gradient(theta: ArrayLike<number>, out: Float64Array): number {
    unflattenParams(theta, this.p);
    out.fill(0);
    let sum = 0;
    this.eachChunk((ws) => {
      forward(this.spec, this.p, ws);
      sum = addLosses(this.spec, this.loss, ws, sum);
      backward(this.spec, this.loss, 'sum', this.p, ws, this.g);
      addFlat(this.g, out);
    });
    this.passes++;
    this.scale(out);
    return this.reduction === 'mean' ? sum / this.rows : sum;
  }

  /** H(θ)·v into `out` (flat), exact (R-operator). */
  hvp(theta: ArrayLike<number>, vec: ArrayLike<number>, out: Float64Array): void {
    unflattenParams(theta, this.p);
    unflattenParams(vec, this.v);
    out.fill(0);
    this.eachChunk((ws, r) => {
      forward(this.spec, this.p, ws);
      backward(this.spec, this.loss, 'sum', this.p, ws, this.g);
      this.rForward(ws, r);
      this.rBackward(ws, r);
      addFlat(this.hv, out);
    });
    this.passes++;
    this.scale(out);
  }

  private scale(out: Float64Array): void {
    if (this.reduction === 'mean') for (let q = 0; q < out.length; q++) out[q] /= this.rows;
  }

  private eachChunk(fn: (ws: Workspace, r: RSpace) => void): void {
    const { x, y } = this.data;
    for (let start = 0; start < this.rows; start += CHUNK_ROWS) {
      const rows = Math.min(CHUNK_ROWS, this.rows - start);
      let entry = this.ws.get(rows);
      if (!entry) {
        const per = () => this.spec.layers.map((layer) => new Float64Array(rows * layer.units));
        entry = { ws: makeWorkspace(this.spec, rows), r: { Rz: per(), Ra: per(), Rdelta: per(), Rd: per() } };
        this.ws.set(rows, entry);
      }
      entry.ws.x.set(x.data.subarray(start * x.cols, (start + rows) * x.cols));
      entry.ws.y.set(y.data.subarray(start * y.cols, (start + rows) * y.cols));
      fn(entry.ws, entry.r);
    }
  }

  private rForward(ws: Workspace, r: RSpace): void {
    const spec = this.spec;
    const rows = ws.rows;
    for (let l = 0; l < spec.layers.length; l++) {
      const layer = spec.layers[l];
      const units = layer.units;
      const nIn = fanIn(spec, l);
      const Rz = r.Rz[l];
      // R z = a_prev Vᵀ + vb (+ R a_prev Wᵀ)
      denseForward(l === 0 ? ws.x : ws.a[l - 1], this.v.W[l], this.v.b[l], Rz, rows, nIn, units);
      if (l > 0) {
        const t = r.Rd[l];
        denseForward(r.Ra[l - 1], this.p.W[l], NO_BIAS, t, rows, nIn, units);
        for (let q = 0; q < rows * units; q++) Rz[q] += t[q];
      }
      const a = ws.a[l];
      const Ra = r.Ra[l];
      if (layer.activation === 'softmax') {
        for (let s = 0; s < rows; s++) {
          const q0 = s * units;
          let aRz = 0;
          for (let k = 0; k < units; k++) aRz += a[q0 + k] * Rz[q0 + k];
          for (let k = 0; k < units; k++) Ra[q0 + k] = a[q0 + k] * (Rz[q0 + k] - aRz);
        }
      } else {
        const fp = ws.fprime[l];
        for (let q = 0; q < rows * units; q++) Ra[q] = fp[q] * Rz[q];
      }
    }
  }

  private rBackward(ws: Workspace, r: RSpace): void {
    const spec = this.spec;
    const rows = ws.rows;
    const L = spec.layers.length - 1;
    this.rOutput(ws, r);
    for (let l = L; l >= 0; l--) {
      const layer = spec.layers[l];
      const units = layer.units;
      const nIn = fanIn(spec, l);
      const Rdelta = r.Rdelta[l];
      if (l < L) {
        // R dLda = R delta[l+1] W[l+1] + delta[l+1] V[l+1]
        const nNext = spec.layers[l + 1].units;
        const RdLda = r.Rd[l];
        denseBackward(r.Rdelta[l + 1], this.p.W[l + 1], RdLda, rows, units, nNext);
        denseBackward(ws.delta[l + 1], this.v.W[l + 1], Rdelta, rows, units, nNext);
        const a = ws.a[l];
        const fp = ws.fprime[l];
        const dLda = ws.dLda[l];
        const Rz = r.Rz[l];
        for (let q = 0; q < rows * units; q++) Rdelta[q] = (RdLda[q] + Rdelta[q]) * fp[q] + dLda[q] * second(layer.activation, a[q]) * Rz[q];
      }
      // (H v) of layer l: R deltaᵀ a_prev (+ deltaᵀ R a_prev), R delta summed for the bias
      const hW = this.hv.W[l];
      denseGradW(Rdelta, l === 0 ? ws.x : ws.a[l - 1], hW, this.hv.b[l], rows, nIn, units);
      if (l > 0) {
        const t = this.tW[l];
        denseGradW(ws.delta[l], r.Ra[l - 1], t, NO_BIAS, rows, nIn, units);
        for (let q = 0; q < hW.length; q++) hW[q] += t[q];
      }
    }
  }

  /** R delta of the output layer (see the file comment). */
  private rOutput(ws: Workspace, r: RSpace): void {
    const L = this.spec.layers.length - 1;
    const out = this.spec.layers[L];
    const units = out.units;
    const n = ws.rows * units;
    const a = ws.a[L];
    const y = ws.y;
    const Ra = r.Ra[L];
    const Rz = r.Rz[L];
    const Rdelta = r.Rdelta[L];
    if (isFused(this.loss, out.activation)) {
      if (out.activation === 'sigmoid') {
        for (let q = 0; q < n; q++) Rdelta[q] = Ra[q];
      } else {
        for (let s = 0; s < ws.rows; s++) {
          let S = 0;
          for (let k = 0; k < units; k++) S += y[s * units + k];
          for (let k = 0; k < units; k++) Rdelta[s * units + k] = S * Ra[s * units + k];
        }
      }
      return;
    }
    const g = ws.dLda[L];
    const Rg = r.Rd[L];
    for (let q = 0; q < n; q++) Rg[q] = lossSecond(this.loss, a[q], y[q]) * Ra[q];
    if (out.activation === 'softmax') {
      for (let s = 0; s < ws.rows; s++) {
        const q0 = s * units;
        let ga = 0;
        let Rga = 0;
        let gRa = 0;
        for (let m = 0; m < units; m++) {
          ga += g[q0 + m] * a[q0 + m];
          Rga += Rg[q0 + m] * a[q0 + m];
          gRa += g[q0 + m] * Ra[q0 + m];
        }
        for (let k = 0; k < units; k++) Rdelta[q0 + k] = Ra[q0 + k] * (g[q0 + k] - ga) + a[q0 + k] * (Rg[q0 + k] - Rga - gRa);
      }
      return;
    }
    const fp = ws.fprime[L];
    for (let q = 0; q < n; q++) Rdelta[q] = Rg[q] * fp[q] + g[q] * second(out.activation, a[q]) * Rz[q];
  }
}

/** sum + Σ_s ℓ_s: one running sum over the samples in order, as the trainer's evaluation takes it (the same bits). */
function addLosses(spec: NetworkSpec, loss: LossKind, ws: Workspace, sum: number): number {
  batchLoss(spec, loss, 'sum', ws);
  for (let s = 0; s < ws.rows; s++) sum += ws.sampleLoss[s];
  return sum;
}

/** f''(z) from a = f(z), for the elementwise activations (net/activations.ts's table). */
const second = (kind: Activation, a: number): number => (ACTIVATIONS[kind] as ActivationEntry).second(a);

/** d²ℓ/da² of one output unit (net/losses.ts's table). */
const lossSecond = (loss: LossKind, a: number, y: number): number => (LOSSES[loss] as LossEntry).second(a, y);

/** out += g, flattened in the layout order. */
function addFlat(g: Grads, out: Float64Array): void {
  let k = 0;
  for (let l = 0; l < g.W.length; l++) {
    const W = g.W[l];
    for (let q = 0; q < W.length; q++) out[k++] += W[q];
    const b = g.b[l];
    for (let q = 0; q < b.length; q++) out[k++] += b[q];
  }
}
