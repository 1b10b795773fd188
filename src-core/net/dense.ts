/**
 * The dense-layer kernels, register-tiled. Row-major throughout:
 * a is rows × nIn, W is units × nIn (W[j][i] at j·nIn + i), z and delta are rows × units.
 *
 *   denseForward:  z[s][j]     = Σ_i a[s][i] W[j][i]  (+ b[j])
 *   denseGradW:    gW[j][i]    = Σ_s delta[s][j] a[s][i]
 *   denseBackward: dLda[s][i]  = Σ_j delta[s][j] W[j][i]
 *
 * Every output is ONE running sum, started at 0 and taken over its index in
 * increasing order, exactly as the plain triple loops do (network.ts before
 * the kernels): tiling only changes which sums run side by side, never the
 * order inside one, so the results are bit-identical to the plain loops.
 * A tile computes 4 × 2 outputs at once: per step of the summed index it
 * loads 6 numbers for 8 multiply-adds (the plain loop: 2 loads per
 * multiply-add), and the 8 sums stay in registers (V8 has 16 on x64; a 4 × 4
 * tile spills and was slower, bench/mnist-kernels.ts). Edges that do not
 * fill a tile fall back to 1 × 1.
 *
 * Sparse inputs (MNIST: ~81 % of the pixels are exactly 0): the forward and
 * gradW kernels of the first layer may skip the zero entries of a. That does
 * not change one bit either: a term w·0 is ±0 (w is finite: the trainer
 * stops on the first non-finite parameter), and a running sum that starts at
 * +0 is never −0 (x + (−x) and +0 + (−0) are +0 in round-to-nearest), so
 * adding ±0 leaves it unchanged. A gradient of a non-finite delta would be
 * NaN either way through the non-zero terms, and the loss before it is
 * already non-finite (the trainer stops there).
 *
 * The zero-skipping kernels also come with their inner loop in WebAssembly
 * SIMD (…Wasm, dense-wasm.ts): 16 sums side by side, the same order, the
 * same bits; network.ts uses them where WebAssembly is there.
 */
import type { WasmKernel } from './dense-wasm';

/** z = a Wᵀ (+ b), rows × units. b empty = no bias. */
export function denseForward(a: Float64Array, W: Float64Array, b: Float64Array, z: Float64Array, rows: number, nIn: number, units: number): void {
  const hasBias = b.length > 0;
  const s4 = rows - (rows % 4);
  const j2 = units - (units % 2);
  for (let s = 0; s < s4; s += 4) {
    const r0 = s * nIn, r1 = r0 + nIn, r2 = r1 + nIn, r3 = r2 + nIn;
    for (let j = 0; j < j2; j += 2) {
      const w0 = j * nIn, w1 = w0 + nIn;
      let z00 = 0, z01 = 0, z10 = 0, z11 = 0, z20 = 0, z21 = 0, z30 = 0, z31 = 0;
      for (let i = 0; i < nIn; i++) {
        const wa = W[w0 + i], wb = W[w1 + i];
        const a0 = a[r0 + i], a1 = a[r1 + i], a2 = a[r2 + i], a3 = a[r3 + i];
        z00 += a0 * wa; z01 += a0 * wb;
        z10 += a1 * wa; z11 += a1 * wb;
        z20 += a2 * wa; z21 += a2 * wb;
        z30 += a3 * wa; z31 += a3 * wb;
      }
      const ba = hasBias ? b[j] : 0, bb = hasBias ? b[j + 1] : 0;
      const q = s * units + j;
      // "sum + b" only with a bias: 0-bias addition would turn a −0 sum into +0
      z[q] = hasBias ? z00 + ba : z00; z[q + 1] = hasBias ? z01 + bb : z01;
      z[q + units] = hasBias ? z10 + ba : z10; z[q + units + 1] = hasBias ? z11 + bb : z11;
      z[q + 2 * units] = hasBias ? z20 + ba : z20; z[q + 2 * units + 1] = hasBias ? z21 + bb : z21;
      z[q + 3 * units] = hasBias ? z30 + ba : z30; z[q + 3 * units + 1] = hasBias ? z31 + bb : z31;
    }
    for (let j = j2; j < units; j++) for (let t = s; t < s + 4; t++) z[t * units + j] = dot(a, t * nIn, W, j * nIn, nIn, hasBias ? b[j] : null);
  }
  for (let t = s4; t < rows; t++) for (let j = 0; j < units; j++) z[t * units + j] = dot(a, t * nIn, W, j * nIn, nIn, hasBias ? b[j] : null);
}

function dot(a: Float64Array, ar: number, W: Float64Array, wr: number, n: number, bias: number | null): number {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += W[wr + i] * a[ar + i];
  return bias === null ? sum : sum + bias;
}

/**
 * z = a Wᵀ (+ b) skipping a's zeros (bit-identical, see the file comment).
 * W is first transposed into `wT` (nIn × units, at least nIn·units entries)
 * so that each nonzero a[s][i] meets a contiguous row W[·][i]; 8 sums of a
 * row of z run side by side. Scratch: `nz` and `vals` at least nIn entries.
 */
export function denseForwardSparse(
  a: Float64Array, W: Float64Array, b: Float64Array, z: Float64Array, rows: number, nIn: number, units: number, nz: Int32Array, wT: Float64Array, vals: Float64Array,
): void {
  const hasBias = b.length > 0;
  transposeInto(W, wT, units, nIn);
  const j8 = units - (units % 8);
  for (let s = 0; s < rows; s++) {
    const r = s * nIn;
    // the row's nonzeros as (offset of row i of wT, a[s][i]); branch-free: a stroke's edges mispredict
    let m = 0;
    for (let i = 0; i < nIn; i++) {
      const v = a[r + i];
      nz[m] = i * units;
      vals[m] = v;
      m += v !== 0 ? 1 : 0;
    }
    const zr = s * units;
    for (let j = 0; j < j8; j += 8) {
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
      for (let k = 0; k < m; k++) {
        const w = nz[k] + j;
        const ai = vals[k];
        s0 += wT[w] * ai; s1 += wT[w + 1] * ai; s2 += wT[w + 2] * ai; s3 += wT[w + 3] * ai;
        s4 += wT[w + 4] * ai; s5 += wT[w + 5] * ai; s6 += wT[w + 6] * ai; s7 += wT[w + 7] * ai;
      }
      const q = zr + j;
      z[q] = hasBias ? s0 + b[j] : s0; z[q + 1] = hasBias ? s1 + b[j + 1] : s1;
      z[q + 2] = hasBias ? s2 + b[j + 2] : s2; z[q + 3] = hasBias ? s3 + b[j + 3] : s3;
      z[q + 4] = hasBias ? s4 + b[j + 4] : s4; z[q + 5] = hasBias ? s5 + b[j + 5] : s5;
      z[q + 6] = hasBias ? s6 + b[j + 6] : s6; z[q + 7] = hasBias ? s7 + b[j + 7] : s7;
    }
    for (let j = j8; j < units; j++) {
      let s0 = 0;
      for (let k = 0; k < m; k++) s0 += wT[nz[k] + j] * vals[k];
      z[zr + j] = hasBias ? s0 + b[j] : s0;
    }
  }
}

/** gW = deltaᵀ a (units × nIn), unscaled; gB[j] = Σ_s delta[s][j] when gB is not empty. */
export function denseGradW(delta: Float64Array, a: Float64Array, gW: Float64Array, gB: Float64Array, rows: number, nIn: number, units: number): void {
  const i4 = nIn - (nIn % 4);
  const j2 = units - (units % 2);
  // i-block outer: the 4 columns of a (rows × 4 numbers) stay in L1 while every j pair uses them
  for (let i = 0; i < i4; i += 4) {
    for (let j = 0; j < j2; j += 2) {
      let g00 = 0, g01 = 0, g02 = 0, g03 = 0, g10 = 0, g11 = 0, g12 = 0, g13 = 0;
      for (let s = 0, d = j, x = i; s < rows; s++, d += units, x += nIn) {
        const da = delta[d], db = delta[d + 1];
        const a0 = a[x], a1 = a[x + 1], a2 = a[x + 2], a3 = a[x + 3];
        g00 += da * a0; g01 += da * a1; g02 += da * a2; g03 += da * a3;
        g10 += db * a0; g11 += db * a1; g12 += db * a2; g13 += db * a3;
      }
      const q = j * nIn + i;
      gW[q] = g00; gW[q + 1] = g01; gW[q + 2] = g02; gW[q + 3] = g03;
      gW[q + nIn] = g10; gW[q + nIn + 1] = g11; gW[q + nIn + 2] = g12; gW[q + nIn + 3] = g13;
    }
    for (let j = j2; j < units; j++) for (let c = i; c < i + 4; c++) gW[j * nIn + c] = colDot(delta, j, units, a, c, nIn, rows);
  }
  for (let c = i4; c < nIn; c++) for (let j = 0; j < units; j++) gW[j * nIn + c] = colDot(delta, j, units, a, c, nIn, rows);
  if (gB.length > 0) {
    for (let j = 0; j < units; j++) {
      let sum = 0;
      for (let s = 0, r = j; s < rows; s++, r += units) sum += delta[r];
      gB[j] = sum;
    }
  }
}

function colDot(delta: Float64Array, j: number, units: number, a: Float64Array, c: number, nIn: number, rows: number): number {
  let sum = 0;
  for (let s = 0, r = j, x = c; s < rows; s++, r += units, x += nIn) sum += delta[r] * a[x];
  return sum;
}

/**
 * gW = deltaᵀ a skipping a's zeros (bit-identical, see the file comment):
 * a's nonzeros are listed column by column (samples in order), so every
 * gW[j][i] still sums over s in increasing order; 8 sums of a column of gW
 * run side by side over contiguous delta rows. Scratch: `nz` at least
 * rows·nIn + nIn + 1 entries, `vals` at least rows·nIn.
 */
export function denseGradWSparse(
  delta: Float64Array, a: Float64Array, gW: Float64Array, gB: Float64Array, rows: number, nIn: number, units: number, nz: Int32Array, vals: Float64Array,
): void {
  // nz[0 .. nIn]: where column i's list starts in nz[nIn+1 ..] (the delta row offsets s·units) and vals (the a[s][i])
  const base = nIn + 1;
  let m = 0;
  for (let i = 0; i < nIn; i++) {
    nz[i] = m;
    for (let s = 0, x = i; s < rows; s++, x += nIn) {
      const v = a[x];
      nz[base + m] = s * units;
      vals[m] = v;
      m += v !== 0 ? 1 : 0;
    }
  }
  nz[nIn] = m;
  const j8 = units - (units % 8);
  for (let i = 0; i < nIn; i++) {
    const k0 = nz[i], k1 = nz[i + 1];
    for (let j = 0; j < j8; j += 8) {
      let g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0;
      for (let k = k0; k < k1; k++) {
        const d = nz[base + k] + j;
        const v = vals[k];
        g0 += delta[d] * v; g1 += delta[d + 1] * v; g2 += delta[d + 2] * v; g3 += delta[d + 3] * v;
        g4 += delta[d + 4] * v; g5 += delta[d + 5] * v; g6 += delta[d + 6] * v; g7 += delta[d + 7] * v;
      }
      const q = j * nIn + i;
      gW[q] = g0; gW[q + nIn] = g1; gW[q + 2 * nIn] = g2; gW[q + 3 * nIn] = g3;
      gW[q + 4 * nIn] = g4; gW[q + 5 * nIn] = g5; gW[q + 6 * nIn] = g6; gW[q + 7 * nIn] = g7;
    }
    for (let j = j8; j < units; j++) {
      let g0 = 0;
      for (let k = k0; k < k1; k++) g0 += delta[nz[base + k] + j] * vals[k];
      gW[j * nIn + i] = g0;
    }
  }
  if (gB.length > 0) {
    for (let j = 0; j < units; j++) {
      let sum = 0;
      for (let s = 0, r = j; s < rows; s++, r += units) sum += delta[r];
      gB[j] = sum;
    }
  }
}

/** dLda = delta W (rows × nIn): dLda[s][i] = Σ_j delta[s][j] W[j][i], j in order. */
export function denseBackward(delta: Float64Array, W: Float64Array, dLda: Float64Array, rows: number, nIn: number, units: number): void {
  const s2 = rows - (rows % 2);
  const i4 = nIn - (nIn % 4);
  for (let s = 0; s < s2; s += 2) {
    const d0 = s * units, d1 = d0 + units;
    for (let i = 0; i < i4; i += 4) {
      let e00 = 0, e01 = 0, e02 = 0, e03 = 0, e10 = 0, e11 = 0, e12 = 0, e13 = 0;
      for (let j = 0, w = i; j < units; j++, w += nIn) {
        const da = delta[d0 + j], db = delta[d1 + j];
        const w0 = W[w], w1 = W[w + 1], w2 = W[w + 2], w3 = W[w + 3];
        e00 += da * w0; e01 += da * w1; e02 += da * w2; e03 += da * w3;
        e10 += db * w0; e11 += db * w1; e12 += db * w2; e13 += db * w3;
      }
      const q = s * nIn + i;
      dLda[q] = e00; dLda[q + 1] = e01; dLda[q + 2] = e02; dLda[q + 3] = e03;
      dLda[q + nIn] = e10; dLda[q + nIn + 1] = e11; dLda[q + nIn + 2] = e12; dLda[q + nIn + 3] = e13;
    }
    for (let i = i4; i < nIn; i++) for (let t = s; t < s + 2; t++) dLda[t * nIn + i] = rowColDot(delta, t * units, W, i, nIn, units);
  }
  for (let t = s2; t < rows; t++) for (let i = 0; i < nIn; i++) dLda[t * nIn + i] = rowColDot(delta, t * units, W, i, nIn, units);
}

function rowColDot(delta: Float64Array, d: number, W: Float64Array, i: number, nIn: number, units: number): number {
  let sum = 0;
  for (let j = 0, w = i; j < units; j++, w += nIn) sum += delta[d + j] * W[w];
  return sum;
}

// ---- the zero-skipping kernels with their inner loop in WebAssembly SIMD (dense-wasm.ts)

/** denseForwardSparse as one WebAssembly pass (dense-wasm.ts); the same bits. */
export function denseForwardSparseWasm(k: WasmKernel, a: Float64Array, W: Float64Array, b: Float64Array, z: Float64Array, rows: number, nIn: number, units: number): void {
  const hasBias = b.length > 0;
  k.reserve(nIn * units, rows * nIn, nIn, rows * units);
  transposeInto(W, k.base(), units, nIn);
  k.x().set(a.subarray(0, rows * nIn));
  k.rowSums(rows, nIn, units);
  const out = k.out();
  const n = rows * units;
  if (!hasBias) z.set(out.subarray(0, n));
  else for (let s = 0, q = 0; s < rows; s++) for (let j = 0; j < units; j++, q++) z[q] = out[q] + b[j];
}

/**
 * denseGradWSparse as one WebAssembly pass (dense-wasm.ts); the same bits.
 * The pass leaves gWᵀ (nIn × units), transposed into gW.
 */
export function denseGradWSparseWasm(k: WasmKernel, delta: Float64Array, a: Float64Array, gW: Float64Array, gB: Float64Array, rows: number, nIn: number, units: number): void {
  k.reserve(rows * units, rows * nIn, rows, nIn * units);
  k.base().set(delta.subarray(0, rows * units));
  k.x().set(a.subarray(0, rows * nIn));
  k.colSums(rows, nIn, units);
  transposeInto(k.out(), gW, nIn, units);
  if (gB.length > 0) {
    for (let j = 0; j < units; j++) {
      let sum = 0;
      for (let s = 0, r = j; s < rows; s++, r += units) sum += delta[r];
      gB[j] = sum;
    }
  }
}

/**
 * dst = srcᵀ: src is rows × cols, dst cols × rows (row-major). Eight rows of
 * src at a time, so each step writes eight neighbours of dst (one cache
 * line) instead of one number a row apart: 3× the plain double loop for
 * MNIST's 64 × 784 weights.
 */
export function transposeInto(src: Float64Array, dst: Float64Array, rows: number, cols: number): void {
  const r8 = rows - (rows % 8);
  for (let r = 0; r < r8; r += 8) {
    const o0 = r * cols, o1 = o0 + cols, o2 = o1 + cols, o3 = o2 + cols, o4 = o3 + cols, o5 = o4 + cols, o6 = o5 + cols, o7 = o6 + cols;
    for (let c = 0, t = r; c < cols; c++, t += rows) {
      dst[t] = src[o0 + c]; dst[t + 1] = src[o1 + c]; dst[t + 2] = src[o2 + c]; dst[t + 3] = src[o3 + c];
      dst[t + 4] = src[o4 + c]; dst[t + 5] = src[o5 + c]; dst[t + 6] = src[o6 + c]; dst[t + 7] = src[o7 + c];
    }
  }
  for (let r = r8; r < rows; r++) for (let c = 0, o = r * cols; c < cols; c++) dst[c * rows + r] = src[o + c];
}
