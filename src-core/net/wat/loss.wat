;; A part of kernels.wat's module (the (half) squared error's losses and output delta), put in at its `;; include wat/loss.wat` line by
;; scripts/build-wasm.mjs. Indented as inside the module.

  ;; sqloss(a, y, out, rows, units, half, sums): out[s] = Σ_k c·e·e, e = a[s][k] − y[s][k]
  ;; (losses.ts: half_squared_error's 0.5·e·e, squared_error's e·e), k in order from +0;
  ;; samples s, s+1 in the two lanes. For one output also the batch's sums, each one running
  ;; sum over s in order from +0 (network.ts's batchLoss): sums[0] = Σ_s out[s], sums[1] = Σ_s |e_s|.
  (func $sqloss (export "sqloss") (param $a i32) (param $y i32) (param $out i32) (param $rows i32) (param $units i32) (param $half i32) (param $sums i32)
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
  (func $sqback (export "sqback") (param $a i32) (param $y i32) (param $dLda i32) (param $fp i32) (param $delta i32) (param $n i32) (param $cS f64) (param $sig i32)
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
