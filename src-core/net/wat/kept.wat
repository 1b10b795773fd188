;; A part of kernels.wat's module (gradW from a dataset's kept nonzero lists, resident.ts: kept_cols), put in
;; at its `;; include wat/kept.wat` line by scripts/build-wasm.mjs. Indented as inside the module.

  ;; kept_cols(rows, n, recs, shift, nIn, cnt, off, vals, dRow, delta, units, out, post, pv): gradW's sums from
  ;; the kept lists of the batch's rows (rows: n dataset rows, i32s; row r's record (off, vals, m) at
  ;; recs + 12r, its offsets t << shift). The lists are turned into one per input t, the samples s (the batch's
  ;; o) whose x[s][t] ≠ 0 in increasing s, as off = s · dRow and vals = x[s][t] (a counting sort: counts in
  ;; cnt, nIn + 1 i32s), i.e. the lists sparse_sums builds by scanning x down its columns; then out row t
  ;; (gWᵀ, 8·units bytes a row) = row_sums over input t's list with base = delta, then post_row.
  (func (export "kept_cols")
    (param $rows i32) (param $n i32) (param $recs i32) (param $shift i32) (param $nIn i32) (param $cnt i32)
    (param $off i32) (param $vals i32) (param $dRow i32) (param $delta i32) (param $units i32) (param $out i32)
    (param $post i32) (param $pv f64)
    (local $s i32) (local $k i32) (local $m i32) (local $rec i32) (local $lo i32) (local $lv i32)
    (local $t i32) (local $c i32) (local $sum i32) (local $pos i32) (local $u16 i32) (local $rowBytes i32)
    (memory.fill (local.get $cnt) (i32.const 0) (i32.shl (i32.add (local.get $nIn) (i32.const 1)) (i32.const 2)))
    ;; counts: cnt[t + 1] = the samples with x[s][t] ≠ 0
    (local.set $s (i32.const 0))
    (block $count_done
      (loop $each_count
        (br_if $count_done (i32.ge_s (local.get $s) (local.get $n)))
        (local.set $rec (i32.add (local.get $recs) (i32.mul (i32.load (i32.add (local.get $rows) (i32.shl (local.get $s) (i32.const 2)))) (i32.const 12))))
        (local.set $lo (i32.load (local.get $rec)))
        (local.set $m (i32.load offset=8 (local.get $rec)))
        (local.set $k (i32.const 0))
        (block $row_done
          (loop $each_entry
            (br_if $row_done (i32.ge_s (local.get $k) (local.get $m)))
            (local.set $t (i32.add (local.get $cnt)
              (i32.shl (i32.add (i32.shr_u (i32.load (i32.add (local.get $lo) (i32.shl (local.get $k) (i32.const 2)))) (local.get $shift)) (i32.const 1)) (i32.const 2))))
            (i32.store (local.get $t) (i32.add (i32.load (local.get $t)) (i32.const 1)))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $each_entry)))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $each_count)))
    ;; starts: cnt[t] = Σ counts of the inputs before t
    (local.set $t (i32.const 0))
    (local.set $sum (i32.const 0))
    (block $prefix_done
      (loop $each_prefix
        (br_if $prefix_done (i32.gt_s (local.get $t) (local.get $nIn)))
        (local.set $c (i32.add (local.get $cnt) (i32.shl (local.get $t) (i32.const 2))))
        (local.set $sum (i32.add (local.get $sum) (i32.load (local.get $c))))
        (i32.store (local.get $c) (local.get $sum))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $each_prefix)))
    ;; the entries, samples in order: input t's next place is cnt[t], moved on by one (then cnt[t] = its end)
    (local.set $s (i32.const 0))
    (block $place_done
      (loop $each_place
        (br_if $place_done (i32.ge_s (local.get $s) (local.get $n)))
        (local.set $rec (i32.add (local.get $recs) (i32.mul (i32.load (i32.add (local.get $rows) (i32.shl (local.get $s) (i32.const 2)))) (i32.const 12))))
        (local.set $lo (i32.load (local.get $rec)))
        (local.set $lv (i32.load offset=4 (local.get $rec)))
        (local.set $m (i32.load offset=8 (local.get $rec)))
        (local.set $k (i32.const 0))
        (block $row_done2
          (loop $each_entry2
            (br_if $row_done2 (i32.ge_s (local.get $k) (local.get $m)))
            (local.set $c (i32.add (local.get $cnt)
              (i32.shl (i32.shr_u (i32.load (i32.add (local.get $lo) (i32.shl (local.get $k) (i32.const 2)))) (local.get $shift)) (i32.const 2))))
            (local.set $pos (i32.load (local.get $c)))
            (i32.store (local.get $c) (i32.add (local.get $pos) (i32.const 1)))
            (i32.store (i32.add (local.get $off) (i32.shl (local.get $pos) (i32.const 2))) (i32.mul (local.get $s) (local.get $dRow)))
            (f64.store (i32.add (local.get $vals) (i32.shl (local.get $pos) (i32.const 3)))
              (f64.load (i32.add (local.get $lv) (i32.shl (local.get $k) (i32.const 3)))))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $each_entry2)))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $each_place)))
    ;; the sums: input t's list runs from cnt[t − 1] (0 for t = 0) to cnt[t]
    (local.set $rowBytes (i32.shl (local.get $units) (i32.const 3)))
    (local.set $u16 (i32.sub (local.get $units) (i32.and (local.get $units) (i32.const 15))))
    (local.set $t (i32.const 0))
    (local.set $pos (i32.const 0))
    (block $sums_done
      (loop $each_input
        (br_if $sums_done (i32.ge_s (local.get $t) (local.get $nIn)))
        (local.set $c (i32.load (i32.add (local.get $cnt) (i32.shl (local.get $t) (i32.const 2)))))
        (call $row_sums
          (i32.add (local.get $off) (i32.shl (local.get $pos) (i32.const 2)))
          (i32.add (local.get $vals) (i32.shl (local.get $pos) (i32.const 3)))
          (i32.sub (local.get $c) (local.get $pos))
          (local.get $delta) (local.get $units) (local.get $u16)
          (i32.add (local.get $out) (i32.mul (local.get $t) (local.get $rowBytes))) (local.get $post) (local.get $pv) (i32.const 0))
        (local.set $pos (local.get $c))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $each_input))))
