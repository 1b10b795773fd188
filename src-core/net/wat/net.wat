;; A part of kernels.wat's module (a whole net's forward and backward pass in one call), put in
;; at its `;; include wat/net.wat` line by scripts/build-wasm.mjs. Indented as inside the module.
;;
;; A small net's epoch of report 004 (XOR, 4 rows) was eight calls into the module and the JS
;; around each; these two run the same kernels, in the same order on the same arrays, from a
;; table of the layers that small.ts writes into the memory when it makes the workspace
;; (its LAYER_* offsets; one record of 72 bytes a layer):
;;   0 in (the layer's input: x, or the previous layer's a)   4 z   8 a   12 dLda   16 fprime
;;   20 delta   24 W (row-major)   28 WT (W transposed)   32 b   36 gW   40 gB (the unreduced sums)
;;   44 nIn   48 units   52 hasBias   56 activate's code   60 hidden's code   64 leak (f64)

  ;; net_forward(table, layers, rows): for each layer, WT = W transposed, then z = in·Wᵀ (+ b)
  ;; ($forward) and a = f(z) ($activate; every layer's activation must have a code there).
  (func $net_forward (param $t i32) (param $n i32) (param $rows i32)
    (local $l i32) (local $r i32) (local $i i32) (local $j i32) (local $nIn i32) (local $units i32)
    (local $W i32) (local $WT i32)
    (block $done
      (loop $each
        (br_if $done (i32.ge_s (local.get $l) (local.get $n)))
        (local.set $r (i32.add (local.get $t) (i32.mul (local.get $l) (i32.const 72))))
        (local.set $nIn (i32.load offset=44 (local.get $r)))
        (local.set $units (i32.load offset=48 (local.get $r)))
        ;; WT[i][j] = W[j][i]: walking W in order, j outer
        (local.set $W (i32.load offset=24 (local.get $r)))
        (local.set $j (i32.const 0))
        (block $t_done
          (loop $each_j
            (br_if $t_done (i32.ge_s (local.get $j) (local.get $units)))
            (local.set $WT (i32.add (i32.load offset=28 (local.get $r)) (i32.shl (local.get $j) (i32.const 3))))
            (local.set $i (i32.const 0))
            (block $i_done
              (loop $each_i
                (br_if $i_done (i32.ge_s (local.get $i) (local.get $nIn)))
                (f64.store (local.get $WT) (f64.load (local.get $W)))
                (local.set $W (i32.add (local.get $W) (i32.const 8)))
                (local.set $WT (i32.add (local.get $WT) (i32.shl (local.get $units) (i32.const 3))))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $each_i)))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $each_j)))
        (call $forward (i32.load offset=0 (local.get $r)) (i32.load offset=28 (local.get $r)) (i32.load offset=32 (local.get $r))
          (i32.load offset=4 (local.get $r)) (local.get $rows) (local.get $nIn) (local.get $units) (i32.load offset=52 (local.get $r)))
        (call $activate (i32.load offset=4 (local.get $r)) (i32.load offset=8 (local.get $r)) (i32.mul (local.get $rows) (local.get $units))
          (i32.load offset=56 (local.get $r)) (f64.load offset=64 (local.get $r)))
        (local.set $l (i32.add (local.get $l) (i32.const 1)))
        (br $each))))

  ;; net_backward(table, layers, rows, y, c, sigmoid, one): the output layer's delta ($sqback: (half)
  ;; squared error, a linear or sigmoid output), then from the last layer down: a hidden layer's
  ;; dLda, f' and delta ($hidden, from the next layer's delta and W), and the layer's unreduced
  ;; gradient sums ($outer) — as network.ts's backward calls them one by one.
  (func $net_backward (param $t i32) (param $n i32) (param $rows i32) (param $y i32) (param $c f64) (param $sig i32) (param $one i32)
    (local $l i32) (local $r i32) (local $rn i32) (local $nIn i32) (local $units i32) (local $delta i32)
    (local.set $l (i32.sub (local.get $n) (i32.const 1)))
    (local.set $r (i32.add (local.get $t) (i32.mul (local.get $l) (i32.const 72))))
    (call $sqback (i32.load offset=8 (local.get $r)) (local.get $y) (i32.load offset=12 (local.get $r)) (i32.load offset=16 (local.get $r))
      (i32.load offset=20 (local.get $r)) (i32.mul (local.get $rows) (i32.load offset=48 (local.get $r))) (local.get $c) (local.get $sig))
    (block $done
      (loop $each
        (br_if $done (i32.lt_s (local.get $l) (i32.const 0)))
        (local.set $r (i32.add (local.get $t) (i32.mul (local.get $l) (i32.const 72))))
        (local.set $nIn (i32.load offset=44 (local.get $r)))
        (local.set $units (i32.load offset=48 (local.get $r)))
        (local.set $delta (i32.load offset=20 (local.get $r)))
        (if (i32.lt_s (local.get $l) (i32.sub (local.get $n) (i32.const 1)))
          (then
            (local.set $rn (i32.add (local.get $r) (i32.const 72)))
            (call $hidden (i32.load offset=20 (local.get $rn)) (i32.load offset=24 (local.get $rn)) (i32.load offset=4 (local.get $r))
              (i32.load offset=8 (local.get $r)) (i32.load offset=12 (local.get $r)) (i32.load offset=16 (local.get $r)) (local.get $delta)
              (local.get $rows) (local.get $units) (i32.load offset=48 (local.get $rn)) (i32.load offset=60 (local.get $r)) (f64.load offset=64 (local.get $r)))))
        ;; gW[j][i] = Σ_s delta[s][j]·in[s][i]: lanes over i, or over j when the input has one column,
        ;; and gB[j] = Σ_s 1·delta[s][j] (with a one-column input in the same pass)
        (if (i32.ge_s (local.get $nIn) (i32.const 2))
          (then
            (call $outer (local.get $delta) (i32.load offset=0 (local.get $r)) (i32.load offset=36 (local.get $r)) (local.get $rows)
              (local.get $units) (local.get $nIn) (local.get $units) (local.get $nIn) (local.get $nIn) (i32.const 1) (i32.const 0))
            (if (i32.load offset=52 (local.get $r))
              (then (call $outer (local.get $one) (local.get $delta) (i32.load offset=40 (local.get $r)) (local.get $rows)
                (i32.const 1) (local.get $units) (i32.const 0) (local.get $units) (i32.const 0) (i32.const 1) (i32.const 0)))))
          (else
            (call $outer (i32.load offset=0 (local.get $r)) (local.get $delta) (i32.load offset=36 (local.get $r)) (local.get $rows)
              (local.get $nIn) (local.get $units) (local.get $nIn) (local.get $units) (i32.const 1) (local.get $nIn)
              (if (result i32) (i32.load offset=52 (local.get $r)) (then (i32.load offset=40 (local.get $r))) (else (i32.const 0))))))
        (local.set $l (i32.sub (local.get $l) (i32.const 1)))
        (br $each))))
