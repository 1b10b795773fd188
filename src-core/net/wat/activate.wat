;; A part of kernels.wat's module (the constants, the sigmoid, activate), put in at its `;; include wat/activate.wat` line by
;; scripts/build-wasm.mjs. Indented as inside the module.

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
  (func $activate (export "activate") (param $z i32) (param $a i32) (param $n i32) (param $act i32) (param $leakS f64)
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
