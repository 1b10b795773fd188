;; The WebAssembly kernels of src-core/net (dense-wasm.ts: the zero-skipping
;; sums; small.ts: the small-layer kernels below `sums`), compiled by
;; scripts/build-wasm.mjs (the wabt package) into kernels-wasm.ts.
;; Edit this file, then run `node scripts/build-wasm.mjs`; dense-wasm.test.ts
;; fails while kernels-wasm.ts is not this file's compilation.
;;
;; Every sum is one running sum over its index in increasing order, each term
;; multiplied then added (f64x2.mul, f64x2.add: no fused multiply-add), so the
;; results are the JavaScript kernels' bits.
(module
  ;; math/exp.ts's exp, for the lanes outside the fast path (NaN, t <= -708)
  (import "js" "exp" (func $jsexp (param f64) (result f64)))
  (memory (export "memory") 1)

  ;; sums(off, vals, m, base, units, out), all addresses in bytes:
  ;;   for (j = 0; j < units; j += 16)            ;; units: a multiple of 16
  ;;     acc[0..16) = 0
  ;;     for (k = 0; k < m; k++) acc[0..16) += base[off[k] + 8j .. +128 bytes) * vals[k]
  ;;     out[j .. j+16) = acc
  ;; off[k] (i32) are byte offsets from base, vals[k] f64. For the forward pass
  ;; base = Wᵀ and (off, vals) a sample's nonzero inputs; for gradW base = delta
  ;; and (off, vals) the samples where an input is nonzero.
  (func $sums (export "sums")
    (param $off i32) (param $vals i32) (param $m i32) (param $base i32) (param $units i32) (param $out i32)
    (local $j i32) (local $k i32) (local $at i32)
    (local $v v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $a4 v128) (local $a5 v128) (local $a6 v128) (local $a7 v128)
    (local.set $j (i32.const 0))
    (block $units_done
      (loop $each_16
        (br_if $units_done (i32.ge_s (local.get $j) (local.get $units)))
        (local.set $a0 (v128.const f64x2 0 0))
        (local.set $a1 (v128.const f64x2 0 0))
        (local.set $a2 (v128.const f64x2 0 0))
        (local.set $a3 (v128.const f64x2 0 0))
        (local.set $a4 (v128.const f64x2 0 0))
        (local.set $a5 (v128.const f64x2 0 0))
        (local.set $a6 (v128.const f64x2 0 0))
        (local.set $a7 (v128.const f64x2 0 0))
        (local.set $k (i32.const 0))
        (block $terms_done
          (loop $each_term
            (br_if $terms_done (i32.ge_s (local.get $k) (local.get $m)))
            ;; at = base + off[k] + 8j;  v = (vals[k], vals[k])
            (local.set $at
              (i32.add
                (i32.add
                  (i32.load (i32.add (local.get $off) (i32.shl (local.get $k) (i32.const 2))))
                  (local.get $base))
                (i32.shl (local.get $j) (i32.const 3))))
            (local.set $v
              (f64x2.splat (f64.load (i32.add (local.get $vals) (i32.shl (local.get $k) (i32.const 3))))))
            ;; acc += base[at ..] * v, lane by lane (the JS kernels' s += w * v)
            (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (v128.load offset=0 (local.get $at)) (local.get $v))))
            (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (v128.load offset=16 (local.get $at)) (local.get $v))))
            (local.set $a2 (f64x2.add (local.get $a2) (f64x2.mul (v128.load offset=32 (local.get $at)) (local.get $v))))
            (local.set $a3 (f64x2.add (local.get $a3) (f64x2.mul (v128.load offset=48 (local.get $at)) (local.get $v))))
            (local.set $a4 (f64x2.add (local.get $a4) (f64x2.mul (v128.load offset=64 (local.get $at)) (local.get $v))))
            (local.set $a5 (f64x2.add (local.get $a5) (f64x2.mul (v128.load offset=80 (local.get $at)) (local.get $v))))
            (local.set $a6 (f64x2.add (local.get $a6) (f64x2.mul (v128.load offset=96 (local.get $at)) (local.get $v))))
            (local.set $a7 (f64x2.add (local.get $a7) (f64x2.mul (v128.load offset=112 (local.get $at)) (local.get $v))))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $each_term)))
        (local.set $at (i32.add (local.get $out) (i32.shl (local.get $j) (i32.const 3))))
        (v128.store offset=0 (local.get $at) (local.get $a0))
        (v128.store offset=16 (local.get $at) (local.get $a1))
        (v128.store offset=32 (local.get $at) (local.get $a2))
        (v128.store offset=48 (local.get $at) (local.get $a3))
        (v128.store offset=64 (local.get $at) (local.get $a4))
        (v128.store offset=80 (local.get $at) (local.get $a5))
        (v128.store offset=96 (local.get $at) (local.get $a6))
        (v128.store offset=112 (local.get $at) (local.get $a7))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $each_16))))

  ;; sparse_sums(x, nOuter, nInner, xOuter, xInner, base, units, off, vals, out): a whole
  ;; zero-skipping layer pass in one call (dense-wasm.ts), addresses and strides in bytes:
  ;;   for (o = 0; o < nOuter; o++)
  ;;     list (k order = t order) the t < nInner with v_t = x[o·xOuter + t·xInner] ≠ 0
  ;;       as off_k = t · 8units, vals_k = v_t
  ;;     out[o][j] = Σ_k base[off_k + 8j] · vals_k for every j < units      (rows of 8units bytes)
  ;; The forward pass: o a sample, t an input, base = Wᵀ (nIn × units), out = z's sums.
  ;; gradW: o an input, t a sample, base = delta (rows × units), out = gWᵀ (nIn × units).
  ;; The 16-wide blocks are `sums`; the units % 16 left go one running sum at a time.
  ;; An empty list gives +0 sums, the plain loop's 0 + w·0.
  (func (export "sparse_sums")
    (param $x i32) (param $nOuter i32) (param $nInner i32) (param $xOuter i32) (param $xInner i32)
    (param $base i32) (param $units i32) (param $off i32) (param $vals i32) (param $out i32)
    (local $o i32) (local $t i32) (local $m i32) (local $at i32) (local $v f64)
    (local $rowBytes i32) (local $u16 i32) (local $j i32) (local $k i32) (local $acc f64)
    (local.set $rowBytes (i32.shl (local.get $units) (i32.const 3)))
    (local.set $u16 (i32.sub (local.get $units) (i32.and (local.get $units) (i32.const 15))))
    (local.set $o (i32.const 0))
    (block $outer_done
      (loop $each_outer
        (br_if $outer_done (i32.ge_s (local.get $o) (local.get $nOuter)))
        ;; the list, branch-free: every t is written, m moves on only past a nonzero
        (local.set $m (i32.const 0))
        (local.set $at (i32.add (local.get $x) (i32.mul (local.get $o) (local.get $xOuter))))
        (local.set $t (i32.const 0))
        ;; x's entries side by side (the forward pass): two at a time, a pair of +0s skipped at once
        ;; (MNIST's margins); a pair with a nonzero (or −0, NaN: not +0 bits) goes one by one as below
        (if (i32.eq (local.get $xInner) (i32.const 8))
          (then
            (block $pairs_done
              (loop $each_pair
                (br_if $pairs_done (i32.ge_s (i32.add (local.get $t) (i32.const 1)) (local.get $nInner)))
                (if (v128.any_true (v128.load (local.get $at)))
                  (then
                    (local.set $v (f64.load (local.get $at)))
                    (i32.store (i32.add (local.get $off) (i32.shl (local.get $m) (i32.const 2)))
                      (i32.mul (local.get $t) (local.get $rowBytes)))
                    (f64.store (i32.add (local.get $vals) (i32.shl (local.get $m) (i32.const 3))) (local.get $v))
                    (local.set $m (i32.add (local.get $m) (f64.ne (local.get $v) (f64.const 0))))
                    (local.set $v (f64.load offset=8 (local.get $at)))
                    (i32.store (i32.add (local.get $off) (i32.shl (local.get $m) (i32.const 2)))
                      (i32.mul (i32.add (local.get $t) (i32.const 1)) (local.get $rowBytes)))
                    (f64.store (i32.add (local.get $vals) (i32.shl (local.get $m) (i32.const 3))) (local.get $v))
                    (local.set $m (i32.add (local.get $m) (f64.ne (local.get $v) (f64.const 0))))))
                (local.set $at (i32.add (local.get $at) (i32.const 16)))
                (local.set $t (i32.add (local.get $t) (i32.const 2)))
                (br $each_pair)))))
        (block $inner_done
          (loop $each_inner
            (br_if $inner_done (i32.ge_s (local.get $t) (local.get $nInner)))
            (local.set $v (f64.load (local.get $at)))
            (i32.store (i32.add (local.get $off) (i32.shl (local.get $m) (i32.const 2)))
              (i32.mul (local.get $t) (local.get $rowBytes)))
            (f64.store (i32.add (local.get $vals) (i32.shl (local.get $m) (i32.const 3))) (local.get $v))
            (local.set $m (i32.add (local.get $m) (f64.ne (local.get $v) (f64.const 0))))
            (local.set $at (i32.add (local.get $at) (local.get $xInner)))
            (local.set $t (i32.add (local.get $t) (i32.const 1)))
            (br $each_inner)))
        (local.set $at (i32.add (local.get $out) (i32.mul (local.get $o) (local.get $rowBytes))))
        (call $sums (local.get $off) (local.get $vals) (local.get $m) (local.get $base) (local.get $u16) (local.get $at))
        ;; the units left over: one sum each, k in order
        (local.set $j (local.get $u16))
        (block $rest_done
          (loop $each_rest
            (br_if $rest_done (i32.ge_s (local.get $j) (local.get $units)))
            (local.set $acc (f64.const 0))
            (local.set $k (i32.const 0))
            (block $terms_done
              (loop $each_term
                (br_if $terms_done (i32.ge_s (local.get $k) (local.get $m)))
                (local.set $acc
                  (f64.add (local.get $acc)
                    (f64.mul
                      (f64.load
                        (i32.add
                          (i32.add (local.get $base) (i32.load (i32.add (local.get $off) (i32.shl (local.get $k) (i32.const 2)))))
                          (i32.shl (local.get $j) (i32.const 3))))
                      (f64.load (i32.add (local.get $vals) (i32.shl (local.get $k) (i32.const 3)))))))
                (local.set $k (i32.add (local.get $k) (i32.const 1)))
                (br $each_term)))
            (f64.store (i32.add (local.get $at) (i32.shl (local.get $j) (i32.const 3))) (local.get $acc))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $each_rest)))
        (local.set $o (i32.add (local.get $o) (i32.const 1)))
        (br $each_outer))))

  ;; ---- the small-net kernels (small.ts): a workspace, the layer's parameters and
  ;; gradients live in one instance's memory. Bytes 0 .. 512: exp's 2^(j/64) table
  ;; (hi), 512 .. 1024: its lo parts, copied in from src-core/math/exp.ts;
  ;; 1024 .. 1232: the sigmoid's constants (below), each in both lanes, written
  ;; when the instance starts. The kernels load them from there: V8 builds a
  ;; v128.const from two 64-bit immediates (three instructions) at every use.
  ;; Activation codes: 0 linear, 1 relu, 2 leaky_relu, 3 sigmoid, 4 tanh (backward
  ;; only; its forward is math/exp.ts's tanh in JS), 5 none (z only).
  ;;
  ;; Two samples (or two outputs) run side by side as the lanes of an f64x2; each
  ;; lane is one running sum over its index in increasing order, started at +0,
  ;; multiplied then added, as the JS loops of network.ts do: the same bits.


  ;; the constants at 1024 (math/exp.ts's, as f64x2 with the value in both lanes)
  (func $constants
    (v128.store offset=1024 (i32.const 0) (v128.const f64x2 92.33248261689366 92.33248261689366))        ;; 64/ln2
    (v128.store offset=1040 (i32.const 0) (v128.const f64x2 6755399441055744 6755399441055744))          ;; 1.5·2^52
    (v128.store offset=1056 (i32.const 0) (v128.const f64x2 0.01083042469326756 0.01083042469326756))    ;; ln2/64 HI
    (v128.store offset=1072 (i32.const 0) (v128.const f64x2 2.9815858269852933e-12 2.9815858269852933e-12)) ;; ln2/64 LO
    (v128.store offset=1088 (i32.const 0) (v128.const f64x2 1 1))                                          ;; 1 (also gradB's row of ones, stride 0)
    (v128.store offset=1104 (i32.const 0) (v128.const f64x2 -708 -708))                                    ;; the fast path's bound
    (v128.store offset=1120 (i32.const 0) (v128.const f64x2 0.5 0.5))                                      ;; 1/2
    (v128.store offset=1136 (i32.const 0) (v128.const f64x2 0.16666666666666666 0.16666666666666666))      ;; 1/6
    (v128.store offset=1152 (i32.const 0) (v128.const f64x2 0.041666666666666664 0.041666666666666664))    ;; 1/24
    (v128.store offset=1168 (i32.const 0) (v128.const f64x2 0.008333333333333333 0.008333333333333333))    ;; 1/120
    (v128.store offset=1184 (i32.const 0) (v128.const f64x2 0.001388888888888889 0.001388888888888889))    ;; 1/720
    (v128.store offset=1200 (i32.const 0) (v128.const i64x2 -64 -64))                                      ;; ~63
    (v128.store offset=1216 (i32.const 0) (v128.const i64x2 0x3ff0000000000000 0x3ff0000000000000)))       ;; 1023 << 52
  (start $constants)

  ;; sigmoid(z, a, n): activate's code 3 (below), two values at a time, the last one alone when n is
  ;; odd. It is activations.ts's: z >= 0: 1/(1 + e^−z), else e^z/(1 + e^z), i.e. with e = e^(−|z|)
  ;; the numerator 1 or e; e^t is math/exp.ts's fast path operation by operation (Tang's table,
  ;; degree-6 polynomial, 2^n built from its bits: the same number as exp.ts's table of powers of
  ;; two) when both lanes have t > −708; the other pairs are left to $sigmoid_slow (returns 1 if
  ;; there are any), which calls exp.ts itself. With s = t·64/ln2 + 1.5·2^52: k = s − 1.5·2^52 (an integer, |k| < 2^17) as a double, and as an
  ;; integer the bits of s less those of 1.5·2^52 (the shift puts k in the low bits of the mantissa);
  ;; j = k mod 64, and 2^(k >> 6) has the bits ((k >> 6) + 1023) << 52 = (k & ~63) << 46 + 1023 << 52.
  (func $sigmoid (param $z i32) (param $a i32) (param $n i32) (result i32)
    (local $end i32) (local $one i32) (local $v v128) (local $t v128) (local $e v128) (local $s v128)
    (local $k v128) (local $ki v128) (local $r v128) (local $p v128) (local $hi v128) (local $lo v128)
    (local $j0 i32) (local $j1 i32) (local $slow i32)
    (local.set $end (i32.add (local.get $z) (i32.shl (local.get $n) (i32.const 3))))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $z) (local.get $end)))
        ;; the last value of an odd n alone (in both lanes)
        (local.set $one (i32.eq (i32.add (local.get $z) (i32.const 8)) (local.get $end)))
        (local.set $v
          (if (result v128) (local.get $one)
            (then (v128.load64_splat (local.get $z)))
            (else (v128.load (local.get $z)))))
        (local.set $t (f64x2.neg (f64x2.abs (local.get $v))))
        (if (i64x2.all_true (f64x2.gt (local.get $t) (v128.load offset=1104 (i32.const 0))))
          (then
            (local.set $s (f64x2.add (f64x2.mul (local.get $t) (v128.load offset=1024 (i32.const 0))) (v128.load offset=1040 (i32.const 0))))
            (local.set $k (f64x2.sub (local.get $s) (v128.load offset=1040 (i32.const 0))))
            (local.set $ki (i64x2.sub (local.get $s) (v128.load offset=1040 (i32.const 0))))
            ;; r = t − k·HI − k·LO
            (local.set $r
              (f64x2.sub
                (f64x2.sub (local.get $t) (f64x2.mul (local.get $k) (v128.load offset=1056 (i32.const 0))))
                (f64x2.mul (local.get $k) (v128.load offset=1072 (i32.const 0)))))
            ;; p = r + r·r·(1/2 + r(1/6 + r(1/24 + r(1/120 + r/720))))
            (local.set $p
              (f64x2.add (local.get $r)
                (f64x2.mul (f64x2.mul (local.get $r) (local.get $r))
                  (f64x2.add (v128.load offset=1120 (i32.const 0))
                    (f64x2.mul (local.get $r)
                      (f64x2.add (v128.load offset=1136 (i32.const 0))
                        (f64x2.mul (local.get $r)
                          (f64x2.add (v128.load offset=1152 (i32.const 0))
                            (f64x2.mul (local.get $r)
                              (f64x2.add (v128.load offset=1168 (i32.const 0))
                                (f64x2.mul (local.get $r) (v128.load offset=1184 (i32.const 0)))))))))))))
            ;; the table entries of j = k mod 64, lane by lane
            (local.set $j0 (i32.shl (i32.and (i32.wrap_i64 (i64x2.extract_lane 0 (local.get $ki))) (i32.const 63)) (i32.const 3)))
            (local.set $j1 (i32.shl (i32.and (i32.wrap_i64 (i64x2.extract_lane 1 (local.get $ki))) (i32.const 63)) (i32.const 3)))
            (local.set $hi (f64x2.replace_lane 1 (f64x2.splat (f64.load (local.get $j0))) (f64.load (local.get $j1))))
            (local.set $lo (f64x2.replace_lane 1 (f64x2.splat (f64.load offset=512 (local.get $j0))) (f64.load offset=512 (local.get $j1))))
            ;; e = (hi + (lo + hi·p)) · 2^(k >> 6)
            (local.set $e
              (f64x2.mul
                (f64x2.add (local.get $hi) (f64x2.add (local.get $lo) (f64x2.mul (local.get $hi) (local.get $p))))
                (i64x2.add
                  (i64x2.shl (v128.and (local.get $ki) (v128.load offset=1200 (i32.const 0))) (i32.const 46))
                  (v128.load offset=1216 (i32.const 0))))))
          (else
            ;; left for $sigmoid_slow
            (local.set $slow (i32.const 1))
            (local.set $z (i32.add (local.get $z) (i32.const 16)))
            (local.set $a (i32.add (local.get $a) (i32.const 16)))
            (br $each)))
        ;; z >= 0: 1/(1 + e), else e/(1 + e)
        (local.set $v
          (f64x2.div
            (v128.bitselect (v128.load offset=1088 (i32.const 0)) (local.get $e) (f64x2.ge (local.get $v) (v128.const f64x2 0 0)))
            (f64x2.add (v128.load offset=1088 (i32.const 0)) (local.get $e))))
        (if (local.get $one)
          (then (v128.store64_lane 0 (local.get $a) (local.get $v)))
          (else (v128.store (local.get $a) (local.get $v))))
        (local.set $z (i32.add (local.get $z) (i32.const 16)))
        (local.set $a (i32.add (local.get $a) (i32.const 16)))
        (br $each)))
    (local.get $slow))

  ;; sigmoid_slow(z, a, n): the pairs $sigmoid left (a lane with t <= −708 or NaN), e^t by exp.ts
  ;; itself for both lanes; the other pairs are not written again. Apart from $sigmoid's loop, whose
  ;; registers would otherwise be spilled around the calls at every pair.
  (func $sigmoid_slow (param $z i32) (param $a i32) (param $n i32)
    (local $end i32) (local $one i32) (local $v v128) (local $t v128) (local $e v128)
    (local.set $end (i32.add (local.get $z) (i32.shl (local.get $n) (i32.const 3))))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $z) (local.get $end)))
        (local.set $one (i32.eq (i32.add (local.get $z) (i32.const 8)) (local.get $end)))
        (local.set $v
          (if (result v128) (local.get $one)
            (then (v128.load64_splat (local.get $z)))
            (else (v128.load (local.get $z)))))
        (local.set $t (f64x2.neg (f64x2.abs (local.get $v))))
        (if (i32.eqz (i64x2.all_true (f64x2.gt (local.get $t) (v128.load offset=1104 (i32.const 0)))))
          (then
            (local.set $e
              (f64x2.replace_lane 1
                (f64x2.splat (call $jsexp (f64x2.extract_lane 0 (local.get $t))))
                (call $jsexp (f64x2.extract_lane 1 (local.get $t)))))
            (local.set $v
              (f64x2.div
                (v128.bitselect (v128.load offset=1088 (i32.const 0)) (local.get $e) (f64x2.ge (local.get $v) (v128.const f64x2 0 0)))
                (f64x2.add (v128.load offset=1088 (i32.const 0)) (local.get $e))))
            (if (local.get $one)
              (then (v128.store64_lane 0 (local.get $a) (local.get $v)))
              (else (v128.store (local.get $a) (local.get $v))))))
        (local.set $z (i32.add (local.get $z) (i32.const 16)))
        (local.set $a (i32.add (local.get $a) (i32.const 16)))
        (br $each))))

  ;; activate(z, a, n, act, leak): a[q] = f(z[q]) for n contiguous values (codes 0..3),
  ;; two at a time; the sigmoid is $sigmoid's, linear a memory.copy (bulk memory, like SIMD in
  ;; every browser and Node the app runs in).
  (func (export "activate") (param $z i32) (param $a i32) (param $n i32) (param $act i32) (param $leakS f64)
    (local $q i32) (local $two i32) (local $v v128) (local $leak v128)
    (if (i32.eq (local.get $act) (i32.const 3))
      (then
        (if (call $sigmoid (local.get $z) (local.get $a) (local.get $n))
          (then (call $sigmoid_slow (local.get $z) (local.get $a) (local.get $n))))
        (return)))
    ;; linear: a copy
    (if (i32.eqz (local.get $act))
      (then (memory.copy (local.get $a) (local.get $z) (i32.shl (local.get $n) (i32.const 3))) (return)))
    (local.set $leak (f64x2.splat (local.get $leakS)))
    (block $done
      (loop $each
        (br_if $done (i32.ge_s (local.get $q) (local.get $n)))
        (local.set $two (i32.lt_s (i32.add (local.get $q) (i32.const 1)) (local.get $n)))
        (local.set $v
          (if (result v128) (local.get $two)
            (then (v128.load (i32.add (local.get $z) (i32.shl (local.get $q) (i32.const 3)))))
            (else (v128.load64_splat (i32.add (local.get $z) (i32.shl (local.get $q) (i32.const 3)))))))
        (if (i32.eq (local.get $act) (i32.const 1))
          (then (local.set $v (v128.bitselect (local.get $v) (v128.const f64x2 0 0) (f64x2.gt (local.get $v) (v128.const f64x2 0 0))))))
        (if (i32.eq (local.get $act) (i32.const 2))
          (then (local.set $v (v128.bitselect (local.get $v) (f64x2.mul (local.get $leak) (local.get $v)) (f64x2.gt (local.get $v) (v128.const f64x2 0 0))))))
        (if (local.get $two)
          (then (v128.store (i32.add (local.get $a) (i32.shl (local.get $q) (i32.const 3))) (local.get $v)))
          (else (v128.store64_lane 0 (i32.add (local.get $a) (i32.shl (local.get $q) (i32.const 3))) (local.get $v))))
        (local.set $q (i32.add (local.get $q) (i32.const 2)))
        (br $each))))

  ;; forward(x, WT, b, z, rows, nIn, units, hasBias), addresses in bytes:
  ;;   z[s][j] = Σ_i x[s][i]·W[j][i] (+ b[j]), WT = W transposed (nIn × units).
  ;; Lanes: outputs j, j+1 of a sample (units >= 2), else samples s, s+1 (one unit);
  ;; an odd last one runs in lane 0 alone.
  (func (export "forward")
    (param $x i32) (param $WT i32) (param $b i32) (param $z i32)
    (param $rows i32) (param $nIn i32) (param $units i32) (param $hasBias i32)
    (local $s i32) (local $j i32) (local $i i32) (local $xr i32) (local $w i32) (local $o i32)
    (local $two i32) (local $acc v128) (local $ub i32) (local $xv v128)
    ;; one input (f1's first layer), two units or more: z[s][j, j+1] = (0 + x[s]·W[j, j+1]) (+ b[j, j+1]),
    ;; lanes over units (an odd last one in lane 0 alone), rows written in order
    (if (i32.and (i32.eq (local.get $nIn) (i32.const 1)) (i32.ge_s (local.get $units) (i32.const 2)))
      (then
        (local.set $o (local.get $z))
        ;; the pairs of a row end at ub: units rounded down to even, in bytes
        (local.set $ub (i32.shl (i32.and (local.get $units) (i32.const -2)) (i32.const 3)))
        (block $rows1_done
          (loop $each_row1
            (br_if $rows1_done (i32.ge_s (local.get $s) (local.get $rows)))
            (local.set $xv (v128.load64_splat (i32.add (local.get $x) (i32.shl (local.get $s) (i32.const 3)))))
            (local.set $j (i32.const 0))
            (loop $each_pair1
              (local.set $acc (f64x2.add (v128.const f64x2 0 0) (f64x2.mul (local.get $xv) (v128.load (i32.add (local.get $WT) (local.get $j))))))
              (if (local.get $hasBias)
                (then (local.set $acc (f64x2.add (local.get $acc) (v128.load (i32.add (local.get $b) (local.get $j)))))))
              (v128.store (local.get $o) (local.get $acc))
              (local.set $o (i32.add (local.get $o) (i32.const 16)))
              (local.set $j (i32.add (local.get $j) (i32.const 16)))
              (br_if $each_pair1 (i32.lt_s (local.get $j) (local.get $ub))))
            (if (i32.and (local.get $units) (i32.const 1))
              (then
                (local.set $acc (f64x2.add (v128.const f64x2 0 0) (f64x2.mul (local.get $xv) (v128.load64_splat (i32.add (local.get $WT) (local.get $j))))))
                (if (local.get $hasBias)
                  (then (local.set $acc (f64x2.add (local.get $acc) (v128.load64_splat (i32.add (local.get $b) (local.get $j)))))))
                (v128.store64_lane 0 (local.get $o) (local.get $acc))
                (local.set $o (i32.add (local.get $o) (i32.const 8)))))
            (local.set $s (i32.add (local.get $s) (i32.const 1)))
            (br $each_row1)))
        (return)))
    (local.set $ub (i32.shl (local.get $units) (i32.const 3)))
    (if (i32.ge_s (local.get $units) (i32.const 2))
      (then
        (block $rows_done
          (loop $each_row
            (br_if $rows_done (i32.ge_s (local.get $s) (local.get $rows)))
            (local.set $xr (i32.add (local.get $x) (i32.shl (i32.mul (local.get $s) (local.get $nIn)) (i32.const 3))))
            (local.set $j (i32.const 0))
            (block $units_done
              (loop $each_pair
                (br_if $units_done (i32.ge_s (local.get $j) (local.get $units)))
                (local.set $two (i32.lt_s (i32.add (local.get $j) (i32.const 1)) (local.get $units)))
                (local.set $acc (v128.const f64x2 0 0))
                (local.set $w (i32.add (local.get $WT) (i32.shl (local.get $j) (i32.const 3))))
                (local.set $i (i32.const 0))
                (block $terms_done
                  (loop $each_term
                    (br_if $terms_done (i32.ge_s (local.get $i) (local.get $nIn)))
                    (local.set $acc
                      (f64x2.add (local.get $acc)
                        (f64x2.mul
                          (f64x2.splat (f64.load (i32.add (local.get $xr) (i32.shl (local.get $i) (i32.const 3)))))
                          (if (result v128) (local.get $two)
                            (then (v128.load (local.get $w)))
                            (else (v128.load64_splat (local.get $w)))))))
                    (local.set $w (i32.add (local.get $w) (local.get $ub)))
                    (local.set $i (i32.add (local.get $i) (i32.const 1)))
                    (br $each_term)))
                ;; "sum + b" only with a bias: adding 0 would turn a −0 sum into +0
                (if (local.get $hasBias)
                  (then (local.set $acc (f64x2.add (local.get $acc)
                    (if (result v128) (local.get $two)
                      (then (v128.load (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 3)))))
                      (else (v128.load64_splat (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 3))))))))))
                (local.set $o (i32.add (local.get $z) (i32.shl (i32.add (i32.mul (local.get $s) (local.get $units)) (local.get $j)) (i32.const 3))))
                (if (local.get $two)
                  (then (v128.store (local.get $o) (local.get $acc)))
                  (else (v128.store64_lane 0 (local.get $o) (local.get $acc))))
                (local.set $j (i32.add (local.get $j) (i32.const 2)))
                (br $each_pair)))
            (local.set $s (i32.add (local.get $s) (i32.const 1)))
            (br $each_row))))
      (else
        (block $rows_done
          (loop $each_pair
            (br_if $rows_done (i32.ge_s (local.get $s) (local.get $rows)))
            (local.set $two (i32.lt_s (i32.add (local.get $s) (i32.const 1)) (local.get $rows)))
            (local.set $xr (i32.add (local.get $x) (i32.shl (i32.mul (local.get $s) (local.get $nIn)) (i32.const 3))))
            (local.set $w (select (i32.add (local.get $xr) (i32.shl (local.get $nIn) (i32.const 3))) (local.get $xr) (local.get $two)))
            (local.set $acc (v128.const f64x2 0 0))
            (local.set $i (i32.const 0))
            (block $terms_done
              (loop $each_term
                (br_if $terms_done (i32.ge_s (local.get $i) (local.get $nIn)))
                (local.set $acc
                  (f64x2.add (local.get $acc)
                    (f64x2.mul
                      (v128.load64_lane 1 (i32.add (local.get $w) (i32.shl (local.get $i) (i32.const 3)))
                        (v128.load64_splat (i32.add (local.get $xr) (i32.shl (local.get $i) (i32.const 3)))))
                      (f64x2.splat (f64.load (i32.add (local.get $WT) (i32.shl (local.get $i) (i32.const 3))))))))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $each_term)))
            (if (local.get $hasBias)
              (then (local.set $acc (f64x2.add (local.get $acc) (v128.load64_splat (local.get $b))))))
            (local.set $o (i32.add (local.get $z) (i32.shl (local.get $s) (i32.const 3))))
            (if (local.get $two)
              (then (v128.store (local.get $o) (local.get $acc)))
              (else (v128.store64_lane 0 (local.get $o) (local.get $acc))))
            (local.set $s (i32.add (local.get $s) (i32.const 2)))
            (br $each_pair))))))

  ;; hidden(dn, Wn, z, a, dLda, fprime, delta, rows, units, nNext, act, leak):
  ;;   dLda[s][i] = Σ_j dn[s][j]·Wn[j][i],  fprime = f'(z[s][i]),  delta = dLda·fprime
  ;; in two passes: dLda ($dlda, or $dlda1 when the next layer has one unit), then f' and delta
  ;; over the rows·units entries ($fpdelta).
  (func (export "hidden")
    (param $dn i32) (param $Wn i32) (param $z i32) (param $a i32) (param $dLda i32) (param $fp i32) (param $delta i32)
    (param $rows i32) (param $units i32) (param $nNext i32) (param $act i32) (param $leakS f64)
    (if (i32.eq (local.get $nNext) (i32.const 1))
      (then (call $dlda1 (local.get $dn) (local.get $Wn) (local.get $dLda) (local.get $rows) (local.get $units)))
      (else (call $dlda (local.get $dn) (local.get $Wn) (local.get $dLda) (local.get $rows) (local.get $units) (local.get $nNext))))
    (call $fpdelta (local.get $z) (local.get $a) (local.get $dLda) (local.get $fp) (local.get $delta)
      (i32.mul (local.get $rows) (local.get $units)) (local.get $act) (f64x2.splat (local.get $leakS))))

  ;; dlda(dn, Wn, dLda, rows, units, nNext): dLda[s][i] = Σ_j dn[s][j]·Wn[j][i], j in order from +0.
  ;; Lanes: units i, i+1 of a sample (units >= 2; an odd last one in lane 0 alone), else
  ;; samples s, s+1 (one unit).
  (func $dlda (param $dn i32) (param $Wn i32) (param $dLda i32) (param $rows i32) (param $units i32) (param $nNext i32)
    (local $s i32) (local $i i32) (local $j i32) (local $d0 i32) (local $d1 i32) (local $w i32) (local $o i32)
    (local $two i32) (local $acc v128) (local $ub i32)
    (local.set $ub (i32.shl (local.get $units) (i32.const 3)))
    (if (i32.ge_s (local.get $units) (i32.const 2))
      (then
        (block $rows_done
          (loop $each_row
            (br_if $rows_done (i32.ge_s (local.get $s) (local.get $rows)))
            (local.set $d0 (i32.add (local.get $dn) (i32.shl (i32.mul (local.get $s) (local.get $nNext)) (i32.const 3))))
            (local.set $i (i32.const 0))
            (block $units_done
              (loop $each_pair
                (br_if $units_done (i32.ge_s (local.get $i) (local.get $units)))
                (local.set $two (i32.lt_s (i32.add (local.get $i) (i32.const 1)) (local.get $units)))
                (local.set $acc (v128.const f64x2 0 0))
                (local.set $w (i32.add (local.get $Wn) (i32.shl (local.get $i) (i32.const 3))))
                (local.set $j (i32.const 0))
                (block $terms_done
                  (loop $each_term
                    (br_if $terms_done (i32.ge_s (local.get $j) (local.get $nNext)))
                    (local.set $acc
                      (f64x2.add (local.get $acc)
                        (f64x2.mul
                          (f64x2.splat (f64.load (i32.add (local.get $d0) (i32.shl (local.get $j) (i32.const 3)))))
                          (if (result v128) (local.get $two)
                            (then (v128.load (local.get $w)))
                            (else (v128.load64_splat (local.get $w)))))))
                    (local.set $w (i32.add (local.get $w) (local.get $ub)))
                    (local.set $j (i32.add (local.get $j) (i32.const 1)))
                    (br $each_term)))
                (local.set $o (i32.add (local.get $dLda) (i32.shl (i32.add (i32.mul (local.get $s) (local.get $units)) (local.get $i)) (i32.const 3))))
                (if (local.get $two)
                  (then (v128.store (local.get $o) (local.get $acc)))
                  (else (v128.store64_lane 0 (local.get $o) (local.get $acc))))
                (local.set $i (i32.add (local.get $i) (i32.const 2)))
                (br $each_pair)))
            (local.set $s (i32.add (local.get $s) (i32.const 1)))
            (br $each_row)))
        (return)))
    ;; one unit: samples s, s+1 in the lanes (s alone for an odd last one)
    (block $done
      (loop $each
        (br_if $done (i32.ge_s (local.get $s) (local.get $rows)))
        (local.set $two (i32.lt_s (i32.add (local.get $s) (i32.const 1)) (local.get $rows)))
        (local.set $d0 (i32.add (local.get $dn) (i32.shl (i32.mul (local.get $s) (local.get $nNext)) (i32.const 3))))
        (local.set $d1 (select (i32.add (local.get $d0) (i32.shl (local.get $nNext) (i32.const 3))) (local.get $d0) (local.get $two)))
        (local.set $acc (v128.const f64x2 0 0))
        (local.set $j (i32.const 0))
        (block $terms_done
          (loop $each_term
            (br_if $terms_done (i32.ge_s (local.get $j) (local.get $nNext)))
            (local.set $acc
              (f64x2.add (local.get $acc)
                (f64x2.mul
                  (v128.load64_lane 1 (i32.add (local.get $d1) (i32.shl (local.get $j) (i32.const 3)))
                    (v128.load64_splat (i32.add (local.get $d0) (i32.shl (local.get $j) (i32.const 3)))))
                  (f64x2.splat (f64.load (i32.add (local.get $Wn) (i32.shl (local.get $j) (i32.const 3))))))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $each_term)))
        (local.set $o (i32.add (local.get $dLda) (i32.shl (local.get $s) (i32.const 3))))
        (if (local.get $two)
          (then (v128.store (local.get $o) (local.get $acc)))
          (else (v128.store64_lane 0 (local.get $o) (local.get $acc))))
        (local.set $s (i32.add (local.get $s) (i32.const 2)))
        (br $each))))

  ;; dlda1(dn, Wn, dLda, rows, units): $dlda for a next layer of one unit (f1's and XOR's hidden
  ;; layers), no loop over j: dLda[s][i] = 0 + dn[s]·Wn[i]. Lanes: units i, i+1 of sample s
  ;; (an odd last one in lane 0 alone); one unit: samples s, s+1 through $dlda's loop.
  (func $dlda1 (param $dn i32) (param $Wn i32) (param $dLda i32) (param $rows i32) (param $units i32)
    (local $end i32) (local $w i32) (local $wEnd i32) (local $dv v128) (local $acc v128)
    (if (i32.lt_s (local.get $units) (i32.const 2))
      (then (call $dlda (local.get $dn) (local.get $Wn) (local.get $dLda) (local.get $rows) (local.get $units) (i32.const 1)) (return)))
    (local.set $end (i32.add (local.get $dn) (i32.shl (local.get $rows) (i32.const 3))))
    ;; the pairs of a row end at wEnd: units rounded down to even
    (local.set $wEnd (i32.add (local.get $Wn) (i32.shl (i32.and (local.get $units) (i32.const -2)) (i32.const 3))))
    (block $rows_done
      (loop $each_row
        (br_if $rows_done (i32.ge_u (local.get $dn) (local.get $end)))
        (local.set $dv (v128.load64_splat (local.get $dn)))
        (local.set $w (local.get $Wn))
        (loop $each_pair
          (v128.store (local.get $dLda) (f64x2.add (v128.const f64x2 0 0) (f64x2.mul (local.get $dv) (v128.load (local.get $w)))))
          (local.set $w (i32.add (local.get $w) (i32.const 16)))
          (local.set $dLda (i32.add (local.get $dLda) (i32.const 16)))
          (br_if $each_pair (i32.lt_u (local.get $w) (local.get $wEnd))))
        (if (i32.and (local.get $units) (i32.const 1))
          (then
            (v128.store64_lane 0 (local.get $dLda) (f64x2.add (v128.const f64x2 0 0) (f64x2.mul (local.get $dv) (v128.load64_splat (local.get $w)))))
            (local.set $dLda (i32.add (local.get $dLda) (i32.const 8)))))
        (local.set $dn (i32.add (local.get $dn) (i32.const 8)))
        (br $each_row))))

  ;; fpdelta(z, a, dLda, fprime, delta, n, act, leak): for n contiguous entries, two at a time (the
  ;; last one alone when n is odd), fprime = f'(z) (activations.ts's derivative, codes 0..4: from z
  ;; for relu and leaky relu, from a = f(z) for sigmoid and tanh) and delta = dLda·fprime.
  (func $fpdelta (param $z i32) (param $a i32) (param $dLda i32) (param $fp i32) (param $delta i32) (param $n i32) (param $act i32) (param $leak v128)
    (local $o i32) (local $end i32) (local $two i32) (local $f v128) (local $zz v128) (local $aa v128) (local $d v128)
    (local.set $end (i32.shl (local.get $n) (i32.const 3)))
    ;; the sigmoid (every hidden layer of the reports' nets): f' = a(1 − a), its own loop over the pairs
    (if (i32.eq (local.get $act) (i32.const 3))
      (then
        (block $pairs_done
          (loop $each_pair
            (br_if $pairs_done (i32.gt_u (i32.add (local.get $o) (i32.const 16)) (local.get $end)))
            (local.set $aa (v128.load (i32.add (local.get $a) (local.get $o))))
            (local.set $f (f64x2.mul (local.get $aa) (f64x2.sub (v128.load offset=1088 (i32.const 0)) (local.get $aa))))
            (v128.store (i32.add (local.get $fp) (local.get $o)) (local.get $f))
            (v128.store (i32.add (local.get $delta) (local.get $o)) (f64x2.mul (v128.load (i32.add (local.get $dLda) (local.get $o))) (local.get $f)))
            (local.set $o (i32.add (local.get $o) (i32.const 16)))
            (br $each_pair)))
        (if (i32.lt_u (local.get $o) (local.get $end))
          (then
            (local.set $aa (v128.load64_splat (i32.add (local.get $a) (local.get $o))))
            (local.set $f (f64x2.mul (local.get $aa) (f64x2.sub (v128.load offset=1088 (i32.const 0)) (local.get $aa))))
            (v128.store64_lane 0 (i32.add (local.get $fp) (local.get $o)) (local.get $f))
            (v128.store64_lane 0 (i32.add (local.get $delta) (local.get $o))
              (f64x2.mul (v128.load64_splat (i32.add (local.get $dLda) (local.get $o))) (local.get $f)))))
        (return)))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
        (local.set $two (i32.ne (i32.add (local.get $o) (i32.const 8)) (local.get $end)))
        (if (local.get $two)
          (then
            (local.set $zz (v128.load (i32.add (local.get $z) (local.get $o))))
            (local.set $aa (v128.load (i32.add (local.get $a) (local.get $o))))
            (local.set $d (v128.load (i32.add (local.get $dLda) (local.get $o)))))
          (else
            (local.set $zz (v128.load64_splat (i32.add (local.get $z) (local.get $o))))
            (local.set $aa (v128.load64_splat (i32.add (local.get $a) (local.get $o))))
            (local.set $d (v128.load64_splat (i32.add (local.get $dLda) (local.get $o))))))
        (local.set $f (v128.load offset=1088 (i32.const 0)))
        (if (i32.eq (local.get $act) (i32.const 3))
          (then (local.set $f (f64x2.mul (local.get $aa) (f64x2.sub (v128.load offset=1088 (i32.const 0)) (local.get $aa)))))
          (else
            (if (i32.eq (local.get $act) (i32.const 4))
              (then (local.set $f (f64x2.sub (v128.load offset=1088 (i32.const 0)) (f64x2.mul (local.get $aa) (local.get $aa)))))
              (else
                (if (i32.eq (local.get $act) (i32.const 1))
                  (then (local.set $f (v128.bitselect (v128.load offset=1088 (i32.const 0)) (v128.const f64x2 0 0) (f64x2.gt (local.get $zz) (v128.const f64x2 0 0))))))
                (if (i32.eq (local.get $act) (i32.const 2))
                  (then (local.set $f (v128.bitselect (v128.load offset=1088 (i32.const 0)) (local.get $leak) (f64x2.gt (local.get $zz) (v128.const f64x2 0 0))))))))))
        (if (local.get $two)
          (then
            (v128.store (i32.add (local.get $fp) (local.get $o)) (local.get $f))
            (v128.store (i32.add (local.get $delta) (local.get $o)) (f64x2.mul (local.get $d) (local.get $f))))
          (else
            (v128.store64_lane 0 (i32.add (local.get $fp) (local.get $o)) (local.get $f))
            (v128.store64_lane 0 (i32.add (local.get $delta) (local.get $o)) (f64x2.mul (local.get $d) (local.get $f)))))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $each))))

  ;; outer(U, V, out, rows, np, nq, uStride, vStride, outP, outQ):
  ;;   out[p·outP + q·outQ] = Σ_s U[s·uStride + p]·V[s·vStride + q], s in order
  ;; (gradW: U = delta, V = the layer's input, or the other way round when the input
  ;; has one column; products commute exactly; gradB: U a constant 1 with stride 0).
  ;; q, q+1 in the two lanes; eight outputs at a time (four sums side by side hide
  ;; the additions' latency), then three or four (two sums), then pairs, then a single one.
  ;; outB ≠ 0 (np = 1 only: a one-input layer's gradW, V = delta) also gives gradB in the same
  ;; pass: outB[q·outQ] = Σ_s 1·V[s·vStride + q] (1·v is v exactly), s in order.
  (func (export "outer")
    (param $U i32) (param $V i32) (param $out i32) (param $rows i32) (param $np i32) (param $nq i32)
    (param $uS i32) (param $vS i32) (param $oP i32) (param $oQ i32) (param $outB i32)
    (local $b0 v128) (local $b1 v128) (local $b2 v128) (local $b3 v128) (local $vv v128) (local $ob i32)
    (local $p i32) (local $q i32) (local $s i32) (local $u i32) (local $v i32) (local $o i32) (local $w i32)
    (local $two i32) (local $c0 v128) (local $c1 v128) (local $c2 v128) (local $c3 v128) (local $m v128)
    (local.set $uS (i32.shl (local.get $uS) (i32.const 3)))
    (local.set $vS (i32.shl (local.get $vS) (i32.const 3)))
    (local.set $oQ (i32.shl (local.get $oQ) (i32.const 3)))
    (block $p_done
      (loop $each_p
        (br_if $p_done (i32.ge_s (local.get $p) (local.get $np)))
        (local.set $q (i32.const 0))
        (block $q8_done
          (loop $each_q8
            (br_if $q8_done (i32.gt_s (i32.add (local.get $q) (i32.const 8)) (local.get $nq)))
            (local.set $c0 (v128.const f64x2 0 0))
            (local.set $c1 (v128.const f64x2 0 0))
            (local.set $c2 (v128.const f64x2 0 0))
            (local.set $c3 (v128.const f64x2 0 0))
            (local.set $b0 (v128.const f64x2 0 0))
            (local.set $b1 (v128.const f64x2 0 0))
            (local.set $b2 (v128.const f64x2 0 0))
            (local.set $b3 (v128.const f64x2 0 0))
            (local.set $u (i32.add (local.get $U) (i32.shl (local.get $p) (i32.const 3))))
            (local.set $v (i32.add (local.get $V) (i32.shl (local.get $q) (i32.const 3))))
            (local.set $s (i32.const 0))
            (block $terms_done
              (loop $each_term
                (br_if $terms_done (i32.ge_s (local.get $s) (local.get $rows)))
                (local.set $m (f64x2.splat (f64.load (local.get $u))))
                (local.set $vv (v128.load offset=0 (local.get $v)))
                (local.set $c0 (f64x2.add (local.get $c0) (f64x2.mul (local.get $m) (local.get $vv))))
                (local.set $b0 (f64x2.add (local.get $b0) (local.get $vv)))
                (local.set $vv (v128.load offset=16 (local.get $v)))
                (local.set $c1 (f64x2.add (local.get $c1) (f64x2.mul (local.get $m) (local.get $vv))))
                (local.set $b1 (f64x2.add (local.get $b1) (local.get $vv)))
                (local.set $vv (v128.load offset=32 (local.get $v)))
                (local.set $c2 (f64x2.add (local.get $c2) (f64x2.mul (local.get $m) (local.get $vv))))
                (local.set $b2 (f64x2.add (local.get $b2) (local.get $vv)))
                (local.set $vv (v128.load offset=48 (local.get $v)))
                (local.set $c3 (f64x2.add (local.get $c3) (f64x2.mul (local.get $m) (local.get $vv))))
                (local.set $b3 (f64x2.add (local.get $b3) (local.get $vv)))
                (local.set $u (i32.add (local.get $u) (local.get $uS)))
                (local.set $v (i32.add (local.get $v) (local.get $vS)))
                (local.set $s (i32.add (local.get $s) (i32.const 1)))
                (br $each_term)))
            (local.set $o (i32.add (local.get $out)
              (i32.shl (i32.add (i32.mul (local.get $p) (local.get $oP)) (i32.mul (local.get $q) (i32.shr_s (local.get $oQ) (i32.const 3)))) (i32.const 3))))
            (v128.store64_lane 0 (local.get $o) (local.get $c0))
            (local.set $o (i32.add (local.get $o) (local.get $oQ)))
            (v128.store64_lane 1 (local.get $o) (local.get $c0))
            (local.set $o (i32.add (local.get $o) (local.get $oQ)))
            (v128.store64_lane 0 (local.get $o) (local.get $c1))
            (local.set $o (i32.add (local.get $o) (local.get $oQ)))
            (v128.store64_lane 1 (local.get $o) (local.get $c1))
            (local.set $o (i32.add (local.get $o) (local.get $oQ)))
            (v128.store64_lane 0 (local.get $o) (local.get $c2))
            (local.set $o (i32.add (local.get $o) (local.get $oQ)))
            (v128.store64_lane 1 (local.get $o) (local.get $c2))
            (local.set $o (i32.add (local.get $o) (local.get $oQ)))
            (v128.store64_lane 0 (local.get $o) (local.get $c3))
            (local.set $o (i32.add (local.get $o) (local.get $oQ)))
            (v128.store64_lane 1 (local.get $o) (local.get $c3))
            (if (local.get $outB)
              (then
                (local.set $ob (i32.add (local.get $outB) (i32.mul (local.get $q) (local.get $oQ))))
                (v128.store64_lane 0 (local.get $ob) (local.get $b0))
                (v128.store64_lane 1 (i32.add (local.get $ob) (local.get $oQ)) (local.get $b0))
                (local.set $ob (i32.add (local.get $ob) (i32.shl (local.get $oQ) (i32.const 1))))
                (v128.store64_lane 0 (local.get $ob) (local.get $b1))
                (v128.store64_lane 1 (i32.add (local.get $ob) (local.get $oQ)) (local.get $b1))
                (local.set $ob (i32.add (local.get $ob) (i32.shl (local.get $oQ) (i32.const 1))))
                (v128.store64_lane 0 (local.get $ob) (local.get $b2))
                (v128.store64_lane 1 (i32.add (local.get $ob) (local.get $oQ)) (local.get $b2))
                (local.set $ob (i32.add (local.get $ob) (i32.shl (local.get $oQ) (i32.const 1))))
                (v128.store64_lane 0 (local.get $ob) (local.get $b3))
                (v128.store64_lane 1 (i32.add (local.get $ob) (local.get $oQ)) (local.get $b3))))
            (local.set $q (i32.add (local.get $q) (i32.const 8)))
            (br $each_q8)))
        ;; three or four outputs left: two sums side by side (q, q+1 and q+2, q+3 or q+2 alone)
        (if (i32.ge_s (i32.sub (local.get $nq) (local.get $q)) (i32.const 3))
          (then
            (local.set $two (i32.ge_s (i32.sub (local.get $nq) (local.get $q)) (i32.const 4)))
            (local.set $c0 (v128.const f64x2 0 0))
            (local.set $c1 (v128.const f64x2 0 0))
            (local.set $b0 (v128.const f64x2 0 0))
            (local.set $b1 (v128.const f64x2 0 0))
            (local.set $u (i32.add (local.get $U) (i32.shl (local.get $p) (i32.const 3))))
            (local.set $v (i32.add (local.get $V) (i32.shl (local.get $q) (i32.const 3))))
            (local.set $s (i32.const 0))
            (block $terms_done
              (loop $each_term
                (br_if $terms_done (i32.ge_s (local.get $s) (local.get $rows)))
                (local.set $m (f64x2.splat (f64.load (local.get $u))))
                (local.set $vv (v128.load (local.get $v)))
                (local.set $c0 (f64x2.add (local.get $c0) (f64x2.mul (local.get $m) (local.get $vv))))
                (local.set $b0 (f64x2.add (local.get $b0) (local.get $vv)))
                (local.set $vv
                  (if (result v128) (local.get $two)
                    (then (v128.load offset=16 (local.get $v)))
                    (else (v128.load64_splat offset=16 (local.get $v)))))
                (local.set $c1 (f64x2.add (local.get $c1) (f64x2.mul (local.get $m) (local.get $vv))))
                (local.set $b1 (f64x2.add (local.get $b1) (local.get $vv)))
                (local.set $u (i32.add (local.get $u) (local.get $uS)))
                (local.set $v (i32.add (local.get $v) (local.get $vS)))
                (local.set $s (i32.add (local.get $s) (i32.const 1)))
                (br $each_term)))
            (local.set $o (i32.add (local.get $out)
              (i32.shl (i32.add (i32.mul (local.get $p) (local.get $oP)) (i32.mul (local.get $q) (i32.shr_s (local.get $oQ) (i32.const 3)))) (i32.const 3))))
            (v128.store64_lane 0 (local.get $o) (local.get $c0))
            (local.set $o (i32.add (local.get $o) (local.get $oQ)))
            (v128.store64_lane 1 (local.get $o) (local.get $c0))
            (local.set $o (i32.add (local.get $o) (local.get $oQ)))
            (v128.store64_lane 0 (local.get $o) (local.get $c1))
            (if (local.get $two)
              (then (v128.store64_lane 1 (i32.add (local.get $o) (local.get $oQ)) (local.get $c1))))
            (if (local.get $outB)
              (then
                (local.set $ob (i32.add (local.get $outB) (i32.mul (local.get $q) (local.get $oQ))))
                (v128.store64_lane 0 (local.get $ob) (local.get $b0))
                (v128.store64_lane 1 (i32.add (local.get $ob) (local.get $oQ)) (local.get $b0))
                (local.set $ob (i32.add (local.get $ob) (i32.shl (local.get $oQ) (i32.const 1))))
                (v128.store64_lane 0 (local.get $ob) (local.get $b1))
                (if (local.get $two)
                  (then (v128.store64_lane 1 (i32.add (local.get $ob) (local.get $oQ)) (local.get $b1))))))
            (local.set $q (i32.add (local.get $q) (select (i32.const 4) (i32.const 3) (local.get $two))))))
        (block $q_done
          (loop $each_q
            (br_if $q_done (i32.ge_s (local.get $q) (local.get $nq)))
            (local.set $two (i32.lt_s (i32.add (local.get $q) (i32.const 1)) (local.get $nq)))
            (local.set $c0 (v128.const f64x2 0 0))
            (local.set $b0 (v128.const f64x2 0 0))
            (local.set $u (i32.add (local.get $U) (i32.shl (local.get $p) (i32.const 3))))
            (local.set $v (i32.add (local.get $V) (i32.shl (local.get $q) (i32.const 3))))
            (local.set $s (i32.const 0))
            (block $terms_done
              (loop $each_term
                (br_if $terms_done (i32.ge_s (local.get $s) (local.get $rows)))
                (local.set $vv
                  (if (result v128) (local.get $two)
                    (then (v128.load (local.get $v)))
                    (else (v128.load64_splat (local.get $v)))))
                (local.set $c0 (f64x2.add (local.get $c0) (f64x2.mul (f64x2.splat (f64.load (local.get $u))) (local.get $vv))))
                (local.set $b0 (f64x2.add (local.get $b0) (local.get $vv)))
                (local.set $u (i32.add (local.get $u) (local.get $uS)))
                (local.set $v (i32.add (local.get $v) (local.get $vS)))
                (local.set $s (i32.add (local.get $s) (i32.const 1)))
                (br $each_term)))
            (local.set $o (i32.add (local.get $out)
              (i32.shl (i32.add (i32.mul (local.get $p) (local.get $oP)) (i32.mul (local.get $q) (i32.shr_s (local.get $oQ) (i32.const 3)))) (i32.const 3))))
            (v128.store64_lane 0 (local.get $o) (local.get $c0))
            (if (local.get $two)
              (then (v128.store64_lane 1 (i32.add (local.get $o) (local.get $oQ)) (local.get $c0))))
            (if (local.get $outB)
              (then
                (local.set $ob (i32.add (local.get $outB) (i32.mul (local.get $q) (local.get $oQ))))
                (v128.store64_lane 0 (local.get $ob) (local.get $b0))
                (if (local.get $two)
                  (then (v128.store64_lane 1 (i32.add (local.get $ob) (local.get $oQ)) (local.get $b0))))))
            (local.set $q (i32.add (local.get $q) (i32.const 2)))
            (br $each_q)))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $each_p))))

  ;; sqloss(a, y, out, rows, units, half, sums): out[s] = Σ_k c·e·e, e = a[s][k] − y[s][k]
  ;; (losses.ts: half_squared_error's 0.5·e·e, squared_error's e·e), k in order from +0;
  ;; samples s, s+1 in the two lanes. For one output also the batch's sums, each one running
  ;; sum over s in order from +0 (network.ts's batchLoss): sums[0] = Σ_s out[s], sums[1] = Σ_s |e_s|.
  (func (export "sqloss") (param $a i32) (param $y i32) (param $out i32) (param $rows i32) (param $units i32) (param $half i32) (param $sums i32)
    (local $s i32) (local $k i32) (local $r0 i32) (local $r1 i32) (local $two i32) (local $l v128) (local $e v128) (local $o i32)
    (local $sum f64) (local $abs f64)
    ;; one output (f1, XOR): out[s] = c·e·e with no loop over k (0 + c·e·e is c·e·e: the product is +0 or more,
    ;; or NaN), pairs of samples then an odd last one
    (if (i32.eq (local.get $units) (i32.const 1))
      (then
        (local.set $r1 (i32.shl (local.get $rows) (i32.const 3)))
        (block $pairs_done
          (loop $each_pair
            (br_if $pairs_done (i32.gt_u (i32.add (local.get $o) (i32.const 16)) (local.get $r1)))
            (local.set $e (f64x2.sub (v128.load (i32.add (local.get $a) (local.get $o))) (v128.load (i32.add (local.get $y) (local.get $o)))))
            (local.set $l
              (if (result v128) (local.get $half)
                (then (f64x2.mul (f64x2.mul (v128.const f64x2 0.5 0.5) (local.get $e)) (local.get $e)))
                (else (f64x2.mul (local.get $e) (local.get $e)))))
            (v128.store (i32.add (local.get $out) (local.get $o)) (local.get $l))
            (local.set $sum (f64.add (f64.add (local.get $sum) (f64x2.extract_lane 0 (local.get $l))) (f64x2.extract_lane 1 (local.get $l))))
            (local.set $e (f64x2.abs (local.get $e)))
            (local.set $abs (f64.add (f64.add (local.get $abs) (f64x2.extract_lane 0 (local.get $e))) (f64x2.extract_lane 1 (local.get $e))))
            (local.set $o (i32.add (local.get $o) (i32.const 16)))
            (br $each_pair)))
        (if (i32.lt_u (local.get $o) (local.get $r1))
          (then
            (local.set $e (f64x2.sub (v128.load64_splat (i32.add (local.get $a) (local.get $o))) (v128.load64_splat (i32.add (local.get $y) (local.get $o)))))
            (local.set $l
              (if (result v128) (local.get $half)
                (then (f64x2.mul (f64x2.mul (v128.const f64x2 0.5 0.5) (local.get $e)) (local.get $e)))
                (else (f64x2.mul (local.get $e) (local.get $e)))))
            (v128.store64_lane 0 (i32.add (local.get $out) (local.get $o)) (local.get $l))
            (local.set $sum (f64.add (local.get $sum) (f64x2.extract_lane 0 (local.get $l))))
            (local.set $abs (f64.add (local.get $abs) (f64.abs (f64x2.extract_lane 0 (local.get $e)))))))
        (f64.store (local.get $sums) (local.get $sum))
        (f64.store offset=8 (local.get $sums) (local.get $abs))
        (return)))
    (block $done
      (loop $each
        (br_if $done (i32.ge_s (local.get $s) (local.get $rows)))
        (local.set $two (i32.lt_s (i32.add (local.get $s) (i32.const 1)) (local.get $rows)))
        (local.set $r0 (i32.shl (i32.mul (local.get $s) (local.get $units)) (i32.const 3)))
        (local.set $r1 (select (i32.add (local.get $r0) (i32.shl (local.get $units) (i32.const 3))) (local.get $r0) (local.get $two)))
        (local.set $l (v128.const f64x2 0 0))
        (local.set $k (i32.const 0))
        (block $terms_done
          (loop $each_term
            (br_if $terms_done (i32.ge_s (local.get $k) (local.get $units)))
            (local.set $e
              (f64x2.sub
                (v128.load64_lane 1 (i32.add (local.get $a) (local.get $r1)) (v128.load64_splat (i32.add (local.get $a) (local.get $r0))))
                (v128.load64_lane 1 (i32.add (local.get $y) (local.get $r1)) (v128.load64_splat (i32.add (local.get $y) (local.get $r0))))))
            (local.set $l
              (f64x2.add (local.get $l)
                (if (result v128) (local.get $half)
                  (then (f64x2.mul (f64x2.mul (v128.const f64x2 0.5 0.5) (local.get $e)) (local.get $e)))
                  (else (f64x2.mul (local.get $e) (local.get $e))))))
            (local.set $r0 (i32.add (local.get $r0) (i32.const 8)))
            (local.set $r1 (i32.add (local.get $r1) (i32.const 8)))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $each_term)))
        (local.set $o (i32.add (local.get $out) (i32.shl (local.get $s) (i32.const 3))))
        (if (local.get $two)
          (then (v128.store (local.get $o) (local.get $l)))
          (else (v128.store64_lane 0 (local.get $o) (local.get $l))))
        (local.set $s (i32.add (local.get $s) (i32.const 2)))
        (br $each))))

  ;; sqback(a, y, dLda, fprime, delta, n, c, sigmoid): the output layer of (half) squared
  ;; error with a linear or sigmoid output (losses.ts's outputBackward):
  ;;   g = c·(a − y);  linear: f' = 1, delta = g;  sigmoid: f' = a(1 − a), delta = g·f'
  (func (export "sqback") (param $a i32) (param $y i32) (param $dLda i32) (param $fp i32) (param $delta i32) (param $n i32) (param $cS f64) (param $sig i32)
    (local $q i32) (local $o i32) (local $two i32) (local $c v128) (local $av v128) (local $g v128) (local $f v128)
    (local.set $c (f64x2.splat (local.get $cS)))
    (block $done
      (loop $each
        (br_if $done (i32.ge_s (local.get $q) (local.get $n)))
        (local.set $two (i32.lt_s (i32.add (local.get $q) (i32.const 1)) (local.get $n)))
        (local.set $o (i32.shl (local.get $q) (i32.const 3)))
        (if (local.get $two)
          (then
            (local.set $av (v128.load (i32.add (local.get $a) (local.get $o))))
            (local.set $g (f64x2.mul (local.get $c) (f64x2.sub (local.get $av) (v128.load (i32.add (local.get $y) (local.get $o)))))))
          (else
            (local.set $av (v128.load64_splat (i32.add (local.get $a) (local.get $o))))
            (local.set $g (f64x2.mul (local.get $c) (f64x2.sub (local.get $av) (v128.load64_splat (i32.add (local.get $y) (local.get $o))))))))
        (local.set $f (v128.const f64x2 1 1))
        (if (local.get $sig)
          (then (local.set $f (f64x2.mul (local.get $av) (f64x2.sub (v128.const f64x2 1 1) (local.get $av))))))
        (if (local.get $two)
          (then
            (v128.store (i32.add (local.get $dLda) (local.get $o)) (local.get $g))
            (v128.store (i32.add (local.get $fp) (local.get $o)) (local.get $f))
            (v128.store (i32.add (local.get $delta) (local.get $o)) (if (result v128) (local.get $sig) (then (f64x2.mul (local.get $g) (local.get $f))) (else (local.get $g)))))
          (else
            (v128.store64_lane 0 (i32.add (local.get $dLda) (local.get $o)) (local.get $g))
            (v128.store64_lane 0 (i32.add (local.get $fp) (local.get $o)) (local.get $f))
            (v128.store64_lane 0 (i32.add (local.get $delta) (local.get $o)) (if (result v128) (local.get $sig) (then (f64x2.mul (local.get $g) (local.get $f))) (else (local.get $g))))))
        (local.set $q (i32.add (local.get $q) (i32.const 2)))
        (br $each))))
)
