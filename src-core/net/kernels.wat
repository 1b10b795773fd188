;; The WebAssembly kernels of src-core/net (dense-wasm.ts), compiled by
;; scripts/build-wasm.mjs (the wabt package) into kernels-wasm.ts.
;; Edit this file, then run `node scripts/build-wasm.mjs`; dense-wasm.test.ts
;; fails while kernels-wasm.ts is not this file's compilation.
;;
;; Every sum is one running sum over its index in increasing order, each term
;; multiplied then added (f64x2.mul, f64x2.add: no fused multiply-add), so the
;; results are the JavaScript kernels' bits.
(module
  (memory (export "memory") 1)

  ;; sums(off, vals, m, base, units, out), all addresses in bytes:
  ;;   for (j = 0; j < units; j += 16)            ;; units: a multiple of 16
  ;;     acc[0..16) = 0
  ;;     for (k = 0; k < m; k++) acc[0..16) += base[off[k] + 8j .. +128 bytes) * vals[k]
  ;;     out[j .. j+16) = acc
  ;; off[k] (i32) are byte offsets from base, vals[k] f64. For the forward pass
  ;; base = Wᵀ and (off, vals) a sample's nonzero inputs; for gradW base = delta
  ;; and (off, vals) the samples where an input is nonzero.
  (func (export "sums")
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
        (br $each_16)))))
