;; A part of kernels.wat's module (hidden's dLda, f′ and delta), put in at its `;; include wat/backward.wat` line by
;; scripts/build-wasm.mjs. Indented as inside the module.

  ;; hidden(dn, Wn, z, a, dLda, fprime, delta, rows, units, nNext, act, leak):
  ;;   dLda[s][i] = Σ_j dn[s][j]·Wn[j][i],  fprime = f'(z[s][i]),  delta = dLda·fprime
  ;; in two passes: dLda ($dlda, or $dlda1 when the next layer has one unit), then f' and delta
  ;; over the rows·units entries ($fpdelta).
  (func $hidden (export "hidden")
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
