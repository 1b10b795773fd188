;; The WebAssembly kernels of src-core/net (dense-wasm.ts: the zero-skipping
;; sums; small.ts: the small-layer kernels below `sums`), compiled by
;; scripts/build-wasm.mjs (the wabt package) into kernels-wasm.ts. The functions
;; are in wat/*.wat, put in at the `;; include` lines below by the build script.
;; Edit these files, then run `node scripts/build-wasm.mjs`; test/wasm-source.test.ts
;; fails while kernels-wasm.ts is not their compilation.
;;
;; Every sum is one running sum over its index in increasing order, each term
;; multiplied then added (f64x2.mul, f64x2.add: no fused multiply-add), so the
;; results are the JavaScript kernels' bits.
(module
  ;; math/exp.ts's exp, for the lanes outside the fast path (NaN, t <= -708)
  (import "js" "exp" (func $jsexp (param f64) (result f64)))
  (memory (export "memory") 1)

  ;; include wat/sparse.wat
  ;; include wat/kept.wat
  ;; include wat/resident.wat

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

  ;; include wat/activate.wat
  ;; include wat/forward.wat
  ;; include wat/backward.wat
  ;; include wat/outer.wat
  ;; include wat/loss.wat
  ;; include wat/net.wat

  ;; run(op, p0 … p10, f): the small-net kernels above through one export. V8 calls an export
  ;; through a generic wrapper until it has been called about a thousand times, then compiles
  ;; a wrapper for it, ~0.8 ms, again for every instance (Node 20's V8): small.ts makes an
  ;; instance per workspace, so one export instead of six saves that five times a trainer.
  ;; op: 0 forward, 1 activate, 2 hidden, 3 outer, 4 sqloss, 5 sqback, 6 net_forward, 7 net_backward;
  ;; the i32 parameters in the kernel's order, f its one f64 (activate's and hidden's leak, sqback's
  ;; and net_backward's c).
  (func (export "run")
    (param $op i32) (param $p0 i32) (param $p1 i32) (param $p2 i32) (param $p3 i32) (param $p4 i32) (param $p5 i32)
    (param $p6 i32) (param $p7 i32) (param $p8 i32) (param $p9 i32) (param $p10 i32) (param $f f64)
    (block $net_backward
      (block $net_forward
        (block $sqback
          (block $sqloss
            (block $outer
              (block $hidden
                (block $activate
                  (block $forward
                    (br_table $forward $activate $hidden $outer $sqloss $sqback $net_forward $net_backward $net_backward (local.get $op)))
                  (call $forward (local.get $p0) (local.get $p1) (local.get $p2) (local.get $p3) (local.get $p4) (local.get $p5) (local.get $p6) (local.get $p7))
                  (return))
                (call $activate (local.get $p0) (local.get $p1) (local.get $p2) (local.get $p3) (local.get $f))
                (return))
              (call $hidden (local.get $p0) (local.get $p1) (local.get $p2) (local.get $p3) (local.get $p4) (local.get $p5) (local.get $p6)
                (local.get $p7) (local.get $p8) (local.get $p9) (local.get $p10) (local.get $f))
              (return))
            (call $outer (local.get $p0) (local.get $p1) (local.get $p2) (local.get $p3) (local.get $p4) (local.get $p5) (local.get $p6)
              (local.get $p7) (local.get $p8) (local.get $p9) (local.get $p10))
            (return))
          (call $sqloss (local.get $p0) (local.get $p1) (local.get $p2) (local.get $p3) (local.get $p4) (local.get $p5) (local.get $p6))
          (return))
        (call $sqback (local.get $p0) (local.get $p1) (local.get $p2) (local.get $p3) (local.get $p4) (local.get $p5) (local.get $f) (local.get $p6))
        (return))
      (call $net_forward (local.get $p0) (local.get $p1) (local.get $p2))
      (return))
    (call $net_backward (local.get $p0) (local.get $p1) (local.get $p2) (local.get $p3) (local.get $f) (local.get $p4) (local.get $p5)))
)
