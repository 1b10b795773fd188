;; A part of kernels.wat's module (forward), put in at its `;; include wat/forward.wat` line by
;; scripts/build-wasm.mjs. Indented as inside the module.

  ;; forward(x, WT, b, z, rows, nIn, units, hasBias), addresses in bytes:
  ;;   z[s][j] = Σ_i x[s][i]·W[j][i] (+ b[j]), WT = W transposed (nIn × units).
  ;; Lanes: outputs j, j+1 of a sample (units >= 2), else samples s, s+1 (one unit);
  ;; an odd last one runs in lane 0 alone.
  (func $forward (export "forward")
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
