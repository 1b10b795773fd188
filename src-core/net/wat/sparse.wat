;; A part of kernels.wat's module (MNIST's zero-skipping first layer (dense-wasm.ts): sums, sparse_sums), put in at its `;; include wat/sparse.wat` line by
;; scripts/build-wasm.mjs. Indented as inside the module.

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
  ;; post, pv, pb: what is done to each out row once its sums are in (post_row): 0 nothing; 1 v·pv and 2 v / pv
  ;; (reduce.ts's meanInto, elementwise: gradW's mean); 3 v + pb[j] (the forward pass's bias, z = sum + b[j]).
  (func (export "sparse_sums")
    (param $x i32) (param $nOuter i32) (param $nInner i32) (param $xOuter i32) (param $xInner i32)
    (param $base i32) (param $units i32) (param $off i32) (param $vals i32) (param $out i32)
    (param $post i32) (param $pv f64) (param $pb i32) (param $keep i32)
    (local $o i32) (local $t i32) (local $m i32) (local $at i32) (local $v f64)
    (local $rowBytes i32) (local $u16 i32)
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
        (call $row_sums (local.get $off) (local.get $vals) (local.get $m) (local.get $base) (local.get $units) (local.get $u16)
          (i32.add (local.get $out) (i32.mul (local.get $o) (local.get $rowBytes))) (local.get $post) (local.get $pv) (local.get $pb))
        ;; keep: the list stays where it is (its length at keep + 4o) and the next row's follows it
        (if (local.get $keep)
          (then
            (i32.store (i32.add (local.get $keep) (i32.shl (local.get $o) (i32.const 2))) (local.get $m))
            (local.set $off (i32.add (local.get $off) (i32.shl (local.get $m) (i32.const 2))))
            (local.set $vals (i32.add (local.get $vals) (i32.shl (local.get $m) (i32.const 3))))))
        (local.set $o (i32.add (local.get $o) (i32.const 1)))
        (br $each_outer))))

  ;; post_row(at, n, mode, pv, pb): the n numbers at `at` (bytes) made v·pv (mode 1), v / pv (mode 2) or
  ;; v + pb[q] (mode 3), each elementwise as the JS loops do it; two lanes at a time, an odd last one alone.
  (func $post_row (param $at i32) (param $n i32) (param $mode i32) (param $pv f64) (param $pb i32)
    (local $end i32) (local $pair i32) (local $v v128)
    (local.set $v (f64x2.splat (local.get $pv)))
    (local.set $end (i32.add (local.get $at) (i32.shl (local.get $n) (i32.const 3))))
    (local.set $pair (i32.sub (local.get $end) (i32.shl (i32.and (local.get $n) (i32.const 1)) (i32.const 3))))
    (if (i32.eq (local.get $mode) (i32.const 3))
      (then
        (block $add_done
          (loop $each_add
            (br_if $add_done (i32.ge_u (local.get $at) (local.get $pair)))
            (v128.store (local.get $at) (f64x2.add (v128.load (local.get $at)) (v128.load (local.get $pb))))
            (local.set $pb (i32.add (local.get $pb) (i32.const 16)))
            (local.set $at (i32.add (local.get $at) (i32.const 16)))
            (br $each_add)))
        (if (i32.lt_u (local.get $at) (local.get $end))
          (then (f64.store (local.get $at) (f64.add (f64.load (local.get $at)) (f64.load (local.get $pb))))))
        (return)))
    (if (i32.eq (local.get $mode) (i32.const 1))
      (then
        (block $mul_done
          (loop $each_mul
            (br_if $mul_done (i32.ge_u (local.get $at) (local.get $pair)))
            (v128.store (local.get $at) (f64x2.mul (v128.load (local.get $at)) (local.get $v)))
            (local.set $at (i32.add (local.get $at) (i32.const 16)))
            (br $each_mul)))
        (if (i32.lt_u (local.get $at) (local.get $end))
          (then (f64.store (local.get $at) (f64.mul (f64.load (local.get $at)) (local.get $pv)))))
        (return)))
    (block $div_done
      (loop $each_div
        (br_if $div_done (i32.ge_u (local.get $at) (local.get $pair)))
        (v128.store (local.get $at) (f64x2.div (v128.load (local.get $at)) (local.get $v)))
        (local.set $at (i32.add (local.get $at) (i32.const 16)))
        (br $each_div)))
    (if (i32.lt_u (local.get $at) (local.get $end))
      (then (f64.store (local.get $at) (f64.div (f64.load (local.get $at)) (local.get $pv))))))

  ;; row_sums(off, vals, m, base, units, u16, at, post, pv, pb): one out row at `at` from a list of m terms:
  ;; the 16-wide blocks (`sums`, u16 = units less units mod 16), the units left one running sum each (k in
  ;; order from +0), then post_row.
  (func $row_sums
    (param $off i32) (param $vals i32) (param $m i32) (param $base i32) (param $units i32) (param $u16 i32) (param $at i32)
    (param $post i32) (param $pv f64) (param $pb i32)
    (local $j i32) (local $k i32) (local $acc f64)
    (call $sums (local.get $off) (local.get $vals) (local.get $m) (local.get $base) (local.get $u16) (local.get $at))
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
    (if (local.get $post) (then (call $post_row (local.get $at) (local.get $units) (local.get $post) (local.get $pv) (local.get $pb)))))

  ;; list_sums(rows, n, recs, base, units, out, post, pv, pb): the forward pass from kept lists: out row o
  ;; (o < n) is row_sums over the list of dataset row r = rows[o] (i32s), whose record at recs + 12r is
  ;; (off, vals, m): the same sums as sparse_sums' over that row's x, without reading x.
  (func (export "list_sums")
    (param $rows i32) (param $n i32) (param $recs i32) (param $base i32) (param $units i32) (param $out i32)
    (param $post i32) (param $pv f64) (param $pb i32)
    (local $o i32) (local $rec i32) (local $rowBytes i32) (local $u16 i32)
    (local.set $rowBytes (i32.shl (local.get $units) (i32.const 3)))
    (local.set $u16 (i32.sub (local.get $units) (i32.and (local.get $units) (i32.const 15))))
    (local.set $o (i32.const 0))
    (block $done
      (loop $each
        (br_if $done (i32.ge_s (local.get $o) (local.get $n)))
        (local.set $rec
          (i32.add (local.get $recs) (i32.mul (i32.load (i32.add (local.get $rows) (i32.shl (local.get $o) (i32.const 2)))) (i32.const 12))))
        (call $row_sums (i32.load (local.get $rec)) (i32.load offset=4 (local.get $rec)) (i32.load offset=8 (local.get $rec))
          (local.get $base) (local.get $units) (local.get $u16)
          (i32.add (local.get $out) (i32.mul (local.get $o) (local.get $rowBytes))) (local.get $post) (local.get $pv) (local.get $pb))
        (local.set $o (i32.add (local.get $o) (i32.const 1)))
        (br $each))))

  ;; dense_rows(x, rows, xRow, off, n, base, out, post, pb): a small dense layer after the resident one
  ;; (resident.ts's nextForward): out row s (16 numbers, 128 bytes apart) = `sums` over the list (off, the
  ;; row x + s·xRow, n terms) with base = Wᵀ padded to 16 columns, i.e. Σ_i Wᵀ[i][j]·x[s][i] for every i in
  ;; order from +0 (the plain loop's sum, zeros included), then post_row (3: + pb[j]).
  (func (export "dense_rows")
    (param $x i32) (param $rows i32) (param $xRow i32) (param $off i32) (param $n i32) (param $base i32) (param $out i32)
    (param $post i32) (param $pb i32)
    (local $s i32) (local $at i32)
    (block $done
      (loop $each
        (br_if $done (i32.ge_s (local.get $s) (local.get $rows)))
        (local.set $at (i32.add (local.get $out) (i32.shl (local.get $s) (i32.const 7))))
        (call $sums (local.get $off) (i32.add (local.get $x) (i32.mul (local.get $s) (local.get $xRow))) (local.get $n)
          (local.get $base) (i32.const 16) (local.get $at))
        (if (local.get $post) (then (call $post_row (local.get $at) (i32.const 16) (local.get $post) (f64.const 0) (local.get $pb))))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $each))))
