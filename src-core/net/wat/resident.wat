;; A part of kernels.wat's module (the first layer kept in the module between batches, resident.ts: mean_sq_t,
;; sgd_t), put in at its `;; include wat/resident.wat` line by scripts/build-wasm.mjs. Indented as inside the module.

  ;; mean_sq_t(g, nIn, units, mode, n, inv) -> Σ squares: g is gWᵀ (nIn × units, bytes at g), reduced in
  ;; place as reduce.ts's meanInto (mode 1: v = sum · inv, 1/n exact; mode 2: v = sum / n) or left as it
  ;; is (mode 0: the sum reduction), and the squares of the results summed in W's order (j outer, i inner:
  ;; element j·nIn + i) as `squares` and meanInto do: four running sums by index mod 4, each from +0 in
  ;; order, added as (s0 + s1) + (s2 + s3). nIn: a multiple of 4, so element j·nIn + i goes to sum i mod 4;
  ;; nIn · units even. The mean is elementwise (two lanes at a time, in gWᵀ's order); the squares then
  ;; read gWᵀ's columns (loads only: strided stores were slower).
  (func (export "mean_sq_t")
    (param $g i32) (param $nIn i32) (param $units i32) (param $mode i32) (param $n f64) (param $inv f64) (result f64)
    (local $j i32) (local $at i32) (local $end i32) (local $stride i32) (local $step i32)
    (local $v0 f64) (local $v1 f64) (local $v2 f64) (local $v3 f64)
    (local $s0 f64) (local $s1 f64) (local $s2 f64) (local $s3 f64)
    (local $nv v128)
    (local.set $end (i32.add (local.get $g) (i32.shl (i32.mul (local.get $nIn) (local.get $units)) (i32.const 3))))
    (if (i32.eq (local.get $mode) (i32.const 1))
      (then
        (local.set $nv (f64x2.splat (local.get $inv)))
        (local.set $at (local.get $g))
        (block $m1_done
          (loop $each_m1
            (br_if $m1_done (i32.ge_u (local.get $at) (local.get $end)))
            (v128.store (local.get $at) (f64x2.mul (v128.load (local.get $at)) (local.get $nv)))
            (local.set $at (i32.add (local.get $at) (i32.const 16)))
            (br $each_m1)))))
    (if (i32.eq (local.get $mode) (i32.const 2))
      (then
        (local.set $nv (f64x2.splat (local.get $n)))
        (local.set $at (local.get $g))
        (block $m2_done
          (loop $each_m2
            (br_if $m2_done (i32.ge_u (local.get $at) (local.get $end)))
            (v128.store (local.get $at) (f64x2.div (v128.load (local.get $at)) (local.get $nv)))
            (local.set $at (i32.add (local.get $at) (i32.const 16)))
            (br $each_m2)))))
    (local.set $stride (i32.shl (local.get $units) (i32.const 3)))
    (local.set $step (i32.shl (local.get $stride) (i32.const 2)))
    (local.set $j (i32.const 0))
    (block $rows_done
      (loop $each_row
        (br_if $rows_done (i32.ge_s (local.get $j) (local.get $units)))
        ;; row j of W is column j of gWᵀ: 8·units bytes apart
        (local.set $at (i32.add (local.get $g) (i32.shl (local.get $j) (i32.const 3))))
        (local.set $end (i32.add (local.get $at) (i32.mul (local.get $nIn) (local.get $stride))))
        (block $row_done
          (loop $each_4
            (br_if $row_done (i32.ge_u (local.get $at) (local.get $end)))
            (local.set $v0 (f64.load (local.get $at)))
            (local.set $v1 (f64.load (i32.add (local.get $at) (local.get $stride))))
            (local.set $v2 (f64.load (i32.add (local.get $at) (i32.shl (local.get $stride) (i32.const 1)))))
            (local.set $v3 (f64.load (i32.add (local.get $at) (i32.mul (local.get $stride) (i32.const 3)))))
            (local.set $s0 (f64.add (local.get $s0) (f64.mul (local.get $v0) (local.get $v0))))
            (local.set $s1 (f64.add (local.get $s1) (f64.mul (local.get $v1) (local.get $v1))))
            (local.set $s2 (f64.add (local.get $s2) (f64.mul (local.get $v2) (local.get $v2))))
            (local.set $s3 (f64.add (local.get $s3) (f64.mul (local.get $v3) (local.get $v3))))
            (local.set $at (i32.add (local.get $at) (local.get $step)))
            (br $each_4)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $each_row)))
    (f64.add (f64.add (local.get $s0) (local.get $s1)) (f64.add (local.get $s2) (local.get $s3))))

  ;; sgd_t(w, g, out, n, lr) -> check: out[q] = w[q] − lr·g[q] for q < n (n even; bytes at w, g, out),
  ;; multiplied then subtracted as optimizers.ts's plain SGD; returns Σ (new − new): 0 when every new
  ;; value is finite, else NaN (the order of that sum does not matter: its only values are +0 and NaN).
  (func (export "sgd_t")
    (param $w i32) (param $g i32) (param $out i32) (param $n i32) (param $lr f64) (result f64)
    (local $q i32) (local $end i32) (local $lrv v128) (local $c v128) (local $v v128)
    (local.set $lrv (f64x2.splat (local.get $lr)))
    (local.set $c (v128.const f64x2 0 0))
    (local.set $end (i32.shl (local.get $n) (i32.const 3)))
    (local.set $q (i32.const 0))
    (block $done
      (loop $each_2
        (br_if $done (i32.ge_u (local.get $q) (local.get $end)))
        (local.set $v
          (f64x2.sub
            (v128.load (i32.add (local.get $w) (local.get $q)))
            (f64x2.mul (local.get $lrv) (v128.load (i32.add (local.get $g) (local.get $q))))))
        (v128.store (i32.add (local.get $out) (local.get $q)) (local.get $v))
        (local.set $c (f64x2.add (local.get $c) (f64x2.sub (local.get $v) (local.get $v))))
        (local.set $q (i32.add (local.get $q) (i32.const 16)))
        (br $each_2)))
    (f64.add (f64x2.extract_lane 0 (local.get $c)) (f64x2.extract_lane 1 (local.get $c))))
