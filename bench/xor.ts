/**
 * Report 004's XOR net: 3-4-1 sigmoid, no biases, ½ squared error summed over
 * the 4 rows of the truth table (third input the constant 1), lr 10, 60 000
 * full-batch epochs from the notebook's np.random.seed(1) weights. Engine
 * only: time per run, and the final loss checked against numpy.
 */
import type { TrainerOptions } from '../src-core/train/trainer';
import type { BenchCase, BenchEnv, BenchResult } from './cases';
import { engineMissing, timeEngine } from './engine';
import { fmtMs } from './lib/table';
import { median, relDiff } from './lib/timing';

const EPOCHS = 60000;
const LR = 10;
/** issue 13's goal: the 60 000 epochs in less CPU time than this */
const GOAL_MS = 100;

/** np.random.seed(1); synapse_0 = 2*np.random.random((3,4)) - 1, full precision; synapse_0[i][j] is input i → hidden j */
const SYNAPSE_0 = [
  [-0.165955990594852, 0.4406489868843162, -0.9997712503653102, -0.39533485473632046],
  [-0.7064882183657739, -0.8153228104624044, -0.6274795772446582, -0.3088785459139045],
  [-0.20646505153866013, 0.07763346800671389, -0.1616109711934104, 0.370439000793519],
];
/** synapse_1 = 2*np.random.random((4,1)) - 1 (drawn right after synapse_0) */
const SYNAPSE_1 = [-0.5910955005369651, 0.7562348727818908, -0.9452248136041477, 0.34093502035680445];

/**
 * ½Σ(o − y)² after 60 000 epochs at lr 10, from the report's own loop in numpy 2.4:
 *   l1 = σ(X@s0); l2 = σ(l1@s1); d2 = (l2−y)·l2(1−l2); d1 = (d2@s1ᵀ)·l1(1−l1);
 *   s1 −= 10·l1ᵀ@d2; s0 −= 10·Xᵀ@d1   (60 000 times), then ½Σ(σ(σ(X@s0)@s1) − y)²
 */
const NUMPY_FINAL_LOSS = 3.013048526429642e-6;
const LOSS_RTOL = 1e-7; // the loss is ~3e-6 after 60 000 steps; rounding differences grow slowly

export function options(): TrainerOptions {
  const X = [0, 0, 1, 0, 1, 1, 1, 0, 1, 1, 1, 1];
  const Y = [0, 1, 1, 0];
  // W[l][j][i] = synapse[i][j]: row j of W[0] holds the weights into hidden unit j
  const W0 = Float64Array.from({ length: 12 }, (_, k) => SYNAPSE_0[k % 3][Math.floor(k / 3)]);
  return {
    network: {
      inputs: 3,
      layers: [
        { units: 4, activation: 'sigmoid', bias: false },
        { units: 1, activation: 'sigmoid', bias: false },
      ],
    },
    loss: 'half_squared_error',
    reduction: 'sum',
    optimizer: { kind: 'sgd', lr: LR },
    batchSize: 'full',
    shuffle: false,
    epochs: EPOCHS,
    data: {
      train: { x: { rows: 4, cols: 3, data: Float64Array.from(X) }, y: { rows: 4, cols: 1, data: Float64Array.from(Y) } },
      inputNames: ['x1', 'x2', 'one'],
      outputNames: ['xor'],
    },
    params: { W: [W0, Float64Array.from(SYNAPSE_1)], b: [new Float64Array(0), new Float64Array(0)] },
    shuffleRandom: () => 0,
  };
}

async function run(env: BenchEnv): Promise<BenchResult> {
  const repeats = env.quick ? 1 : 5;
  try {
    // the first run in a fresh process (a user's first run in the app) compiles as it goes: shown, not the goal's
    const first = timeEngine(options, EPOCHS, 1).cpu_ms[0];
    // V8 tiers the hot functions up over about two runs more (bench/README.md): the goal is the warmed-up time
    timeEngine(options, EPOCHS, env.quick ? 1 : 2);
    const { times_ms, cpu_ms, trainer } = timeEngine(options, EPOCHS, repeats);
    const loss = trainer.history.train_loss[EPOCHS];
    const t = median(cpu_ms);
    const diff = relDiff(loss, NUMPY_FINAL_LOSS);
    return {
      tables: [{
        caption: `XOR 3-4-1 sigmoid, no biases, ½Σ(o−y)², lr ${LR}, ${EPOCHS} epochs (median of ${repeats} after the first run and a warm-up)`,
        table: {
          headers: ['impl', 'cpu/run', 'wall/run', 'µs/epoch', 'first run (cpu)', 'final loss', 'numpy loss', 'Δ rel'],
          rows: [['engine', fmtMs(t), fmtMs(median(times_ms)), ((t * 1000) / EPOCHS).toPrecision(3), fmtMs(first), loss.toPrecision(12), NUMPY_FINAL_LOSS.toPrecision(12), diff.toExponential(1)]],
          leftAlign: [0],
        },
      }],
      notes: [],
      goals: [{ what: `report 004: ${EPOCHS} epochs of XOR 3-4-1`, measured: fmtMs(t), goal: `< ${GOAL_MS} ms`, met: t < GOAL_MS }],
      failures: diff > LOSS_RTOL ? [`XOR: engine final loss ${loss} vs numpy ${NUMPY_FINAL_LOSS}: rel. diff ${diff.toExponential(2)} > ${LOSS_RTOL}`] : [],
    };
  } catch (err) {
    const missing = engineMissing(err);
    if (!missing) throw err;
    return { tables: [], notes: [`engine skipped: ${missing}`], failures: [] };
  }
}

export const xorCase: BenchCase = { id: 'xor', title: 'Report 004: XOR 3-4-1, 60 000 epochs (engine)', run };
