/**
 * A run as a Jupyter notebook (.ipynb, nbformat 4) in Python with numpy only:
 * the network, the data, the starting weights, the training loop written out
 * plainly (forward, loss, backward, update) and cells that print the numbers
 * the app shows. Running it reproduces the run's history (to the last bits
 * that numpy's matrix products and exp round differently).
 *
 * Data and weights are written inline, every float with its shortest
 * round-trip digits (exact), except where the session draws them from numpy's
 * own generators (`"rng": "numpy"` or `"numpy_default_rng"`): then the notebook
 * draws them the same way (np.random.seed / np.random.default_rng), as the
 * report's notebook did — the function data kind (non-random expressions) and
 * the drawn init kinds. Anything else drawn (seedrandom streams, expression
 * and CSV data, MNIST) is inlined.
 *
 * Shuffled runs carry each epoch's sample order as data, and early stopping
 * is one Python function mirroring the engine's (notebook-training.ts).
 */
import type { DataSplit, Matrix, NetworkSpec, Params } from '../types';
import type { Experiment, Session } from '../session/schema';
import { trainerOptions } from '../session/create';
import { experimentOfRun, sessionParamNames } from '../check/exercise';
import { fanIn } from '../net/params';
import { allParams, defaultNames, paramName, unitName } from '../derivation/names';
import { initCode, dataCode, type Draws } from './notebook-random';
import { py, pyList, pyMatrix } from './python';
import { earlyStoppingCode, ordersCode } from './notebook-training';
import { NotebookError } from './notebook-error';

export { py, pyList, pyMatrix };

export interface NotebookSource {
  title: string;
  notes?: string;
  /** the run exported (absent: the experiment itself) */
  runId?: string;
  runLabel?: string;
  experiment: Experiment;
  /** the data and starting parameters the engine built (written inline where not regenerated) */
  data: DataSplit;
  params: Params;
  /** the session's own parameter names, contract → own */
  names?: Record<string, string>;
  /** a fresh stream of the run's shuffles (TrainerOptions.shuffleRandom): needed when the experiment shuffles */
  shuffleRandom?: () => number;
}

export interface Notebook {
  nbformat: 4;
  nbformat_minor: 4;
  metadata: Record<string, unknown>;
  cells: { cell_type: 'markdown' | 'code'; metadata: Record<string, unknown>; source: string[]; execution_count?: null; outputs?: unknown[] }[];
}

export { NotebookError };

const lines = (text: string): string[] => {
  const ls = text.replace(/\n+$/, '').split('\n');
  return ls.map((l, k) => (k < ls.length - 1 ? `${l}\n` : l));
};

const ACT_TEXT: Record<string, string> = {
  linear: 'linear', relu: 'ReLU', leaky_relu: 'leaky ReLU', sigmoid: 'sigmoid', tanh: 'tanh', softmax: 'softmax',
};
const LOSS_TEXT: Record<string, string> = {
  squared_error: 'Σ_k (a_k − y_k)²', half_squared_error: 'Σ_k ½(a_k − y_k)²',
  binary_cross_entropy: '−Σ_k [y_k log a_k + (1 − y_k) log(1 − a_k)]', cross_entropy: '−Σ_k y_k log a_k',
};

/** The plain Python of the activations, the loss and their derivatives the experiment uses. */
function functionsCode(spec: NetworkSpec, e: Experiment): string {
  const acts = new Set(spec.layers.map((l) => l.activation));
  const out = spec.layers[spec.layers.length - 1];
  const fused = (e.loss === 'binary_cross_entropy' && out.activation === 'sigmoid') || (e.loss === 'cross_entropy' && out.activation === 'softmax');
  const c: string[] = ['# a = f(z) and f\'(z), as the app computes them'];
  c.push('def activate(kind, z, leak=0.01):');
  if (acts.has('linear')) c.push('    if kind == "linear":', '        return z.copy()');
  if (acts.has('relu')) c.push('    if kind == "relu":', '        return np.where(z > 0, z, 0.0)');
  if (acts.has('leaky_relu')) c.push('    if kind == "leaky_relu":', '        return np.where(z > 0, z, leak * z)');
  if (acts.has('sigmoid')) {
    c.push('    if kind == "sigmoid":', '        # 1/(1 + e^-z), and e^z/(1 + e^z) for z < 0 so that e^-z never overflows',
      '        e = np.exp(-np.abs(z))', '        return np.where(z >= 0, 1 / (1 + e), e / (1 + e))');
  }
  if (acts.has('tanh')) c.push('    if kind == "tanh":', '        return np.tanh(z)');
  if (acts.has('softmax')) c.push('    if kind == "softmax":', '        e = np.exp(z - z.max(axis=1, keepdims=True))', '        return e / e.sum(axis=1, keepdims=True)');
  c.push('    raise ValueError(kind)', '', 'def fprime(kind, z, a, leak=0.01):');
  if (acts.has('linear')) c.push('    if kind == "linear":', '        return np.ones_like(z)');
  if (acts.has('relu')) c.push('    if kind == "relu":', '        return np.where(z > 0, 1.0, 0.0)');
  if (acts.has('leaky_relu')) c.push('    if kind == "leaky_relu":', '        return np.where(z > 0, 1.0, leak)');
  if (acts.has('sigmoid') || acts.has('softmax')) c.push('    if kind in ("sigmoid", "softmax"):', '        return a * (1 - a)  # softmax: the diagonal of its Jacobian');
  if (acts.has('tanh')) c.push('    if kind == "tanh":', '        return 1 - a * a');
  c.push('    raise ValueError(kind)', '');
  c.push(`# the loss per sample, ${LOSS_TEXT[e.loss]}; the batch's is its ${e.reduction} over the samples`);
  c.push('def sample_losses(z, a, y):');
  if (fused && e.loss === 'binary_cross_entropy') c.push('    # sigmoid and the cross-entropy together, from z: softplus(z) - y z', '    return (np.maximum(z, 0) - y * z + np.log1p(np.exp(-np.abs(z)))).sum(axis=1)');
  else if (fused) c.push('    # softmax and the cross-entropy together, from z: S logsumexp(z) - Σ y z', '    m = z.max(axis=1, keepdims=True)', '    S = y.sum(axis=1)', '    return S * (m[:, 0] + np.log(np.exp(z - m).sum(axis=1))) - (y * z).sum(axis=1)');
  else if (e.loss === 'squared_error') c.push('    return ((a - y) * (a - y)).sum(axis=1)');
  else if (e.loss === 'half_squared_error') c.push('    return (0.5 * (a - y) * (a - y)).sum(axis=1)');
  else if (e.loss === 'binary_cross_entropy') c.push('    with np.errstate(divide="ignore", invalid="ignore"):', '        return (np.where(y != 0, -y * np.log(a), 0.0) - np.where(y != 1, (1 - y) * np.log(1 - a), 0.0)).sum(axis=1)');
  else c.push('    with np.errstate(divide="ignore", invalid="ignore"):', '        return np.where(y != 0, -y * np.log(a), 0.0).sum(axis=1)');
  c.push('', '# dℓ/da of the output layer');
  c.push('def loss_derivative(a, y):');
  if (e.loss === 'squared_error') c.push('    return 2 * (a - y)');
  else if (e.loss === 'half_squared_error') c.push('    return a - y');
  else if (e.loss === 'binary_cross_entropy') c.push('    with np.errstate(divide="ignore", invalid="ignore"):', '        return np.where(y != 0, -y / a, 0.0) + np.where(y != 1, (1 - y) / (1 - a), 0.0)');
  else c.push('    with np.errstate(divide="ignore", invalid="ignore"):', '        return np.where(y != 0, -y / a, 0.0)');
  c.push('', '# δ of the output layer, dℓ/dz');
  c.push('def output_delta(z, a, y):');
  if (fused && e.loss === 'binary_cross_entropy') c.push('    return a - y  # sigmoid with the cross-entropy');
  else if (fused) c.push('    return y.sum(axis=1, keepdims=True) * a - y  # softmax with the cross-entropy');
  else if (out.activation === 'softmax') c.push('    g = loss_derivative(a, y)', '    return a * (g - (g * a).sum(axis=1, keepdims=True))  # the softmax Jacobian times g');
  else c.push(`    return loss_derivative(a, y) * fprime("${out.activation}", z, a${out.leak !== undefined ? `, ${py(out.leak)}` : ''})`);
  return c.join('\n');
}

const LOOP = `def forward(W, b, X):
    """z = a_prev W^T + b and a = f(z), layer by layer (a_prev of layer 0 is X)."""
    zs, acts = [], []
    a = X
    for l, layer in enumerate(layers):
        z = a @ W[l].T
        if layer["bias"]:
            z = z + b[l]
        a = activate(layer["activation"], z, layer.get("leak", 0.01))
        zs.append(z)
        acts.append(a)
    return zs, acts

def batch_loss(zs, acts, Y):
    s = sample_losses(zs[-1], acts[-1], Y).sum()
    return s / len(Y) if reduction == "mean" else s

def backward(W, zs, acts, X, Y):
    """δ of every layer from the output back, and the gradients, dL/dW[l][j][i] = scale Σ_s δ[l][s][j] a_prev[s][i]."""
    n = len(X)
    L = len(layers) - 1
    gW, gb = [None] * (L + 1), [None] * (L + 1)
    delta = output_delta(zs[L], acts[L], Y)
    for l in range(L, -1, -1):
        if l < L:
            layer = layers[l]
            delta = (delta @ W[l + 1]) * fprime(layer["activation"], zs[l], acts[l], layer.get("leak", 0.01))
        a_prev = X if l == 0 else acts[l - 1]
        gW[l] = delta.T @ a_prev
        gb[l] = delta.sum(axis=0) if layers[l]["bias"] else np.zeros(0)
        if reduction == "mean":
            gW[l] = gW[l] / n
            gb[l] = gb[l] / n
    return gW, gb

def metrics(W, b, X, Y):
    """loss, mean absolute error (and accuracy) of a data set, as the app's readouts show them."""
    zs, acts = forward(W, b, X)
    a = acts[-1]
    m = {"loss": batch_loss(zs, acts, Y), "mae": np.abs(a - Y).sum() / a.size}
    if has_accuracy:
        if a.shape[1] == 1:
            m["accuracy"] = float(np.mean((a[:, 0] >= 0.5) == (Y[:, 0] >= 0.5)))
        else:
            m["accuracy"] = float(np.mean(a.argmax(axis=1) == Y.argmax(axis=1)))
    return m`;

function updateCode(e: Experiment): { state: string; update: string } {
  const o = e.optimizer;
  if (o.kind === 'sgd' && !(o.momentum && o.momentum > 0)) {
    return { state: '', update: '        # w ← w − η·g\n        for l in range(len(layers)):\n            W[l] = W[l] - lr * gW[l]\n            b[l] = b[l] - lr * gb[l]' };
  }
  if (o.kind === 'sgd') {
    const [sw, sb] = o.nesterov ? ['lr * (gW[l] + mu * v[l][0])', 'lr * (gb[l] + mu * v[l][1])'] : ['lr * v[l][0]', 'lr * v[l][1]'];
    return {
      state: `mu = ${py(o.momentum!)}\nv = [[np.zeros_like(W[l]), np.zeros_like(b[l])] for l in range(len(layers))]\n`,
      update: `        # v ← μ·v + g;  w ← w − η·${o.nesterov ? '(g + μ·v)  (Nesterov)' : 'v'}\n        for l in range(len(layers)):\n            for k, g in enumerate((gW[l], gb[l])):\n                v[l][k] = mu * v[l][k] + g\n            W[l] = W[l] - ${sw}\n            b[l] = b[l] - ${sb}`,
    };
  }
  return {
    state: `beta1, beta2, eps = ${py(o.beta1 ?? 0.9)}, ${py(o.beta2 ?? 0.999)}, ${py(o.eps ?? 1e-8)}\nt = 0\nm = [[np.zeros_like(W[l]), np.zeros_like(b[l])] for l in range(len(layers))]\ns = [[np.zeros_like(W[l]), np.zeros_like(b[l])] for l in range(len(layers))]\n`,
    update: `        # Adam: m ← β1·m + (1−β1)·g, s ← β2·s + (1−β2)·g², w ← w − η·m̂/(√ŝ + ε)
        t += 1
        bc1, bc2 = 1 - beta1 ** t, 1 - beta2 ** t
        for l in range(len(layers)):
            for k, g in enumerate((gW[l], gb[l])):
                m[l][k] = beta1 * m[l][k] + (1 - beta1) * g
                s[l][k] = beta2 * s[l][k] + (1 - beta2) * g * g
            W[l] = W[l] - (lr * (m[l][0] / bc1)) / (np.sqrt(s[l][0] / bc2) + eps)
            b[l] = b[l] - (lr * (m[l][1] / bc1)) / (np.sqrt(s[l][1] / bc2) + eps)`,
  };
}

export function exportNotebook(src: NotebookSource): Notebook {
  const e = src.experiment;
  if (e.shuffle && !src.shuffleRandom) throw new NotebookError('experiment.shuffle: the shuffled run\'s random stream is needed to write its sample orders out');
  const spec: NetworkSpec = { inputs: e.network.inputs, layers: e.network.layers.map((l) => ({ units: l.units, activation: l.activation, bias: l.bias, ...(l.leak !== undefined ? { leak: l.leak } : {}) })) };
  const names = defaultNames(spec);
  names.inputs = src.data.inputNames?.length === spec.inputs ? src.data.inputNames : names.inputs;
  const own = (ref: Parameters<typeof paramName>[0]) => src.names?.[paramName(ref)];
  const cells: Notebook['cells'] = [];
  const md = (text: string) => cells.push({ cell_type: 'markdown', metadata: {}, source: lines(text) });
  const code = (text: string) => cells.push({ cell_type: 'code', metadata: {}, execution_count: null, outputs: [], source: lines(text) });

  const runLine = src.runId !== undefined ? '\n\nRun **' + (src.runLabel ?? src.runId) + '** (`' + src.runId + '`).' : '';
  md(`# ${src.title}${runLine}\n\nExported from NN Lab: the network, the data, the starting weights and the training loop in plain numpy. Running every cell reproduces the run's history as the app shows it.${src.notes ? `\n\n${src.notes}` : ''}`);
  code('import json\nimport numpy as np');

  const L = spec.layers.length - 1;
  const shape = [spec.inputs, ...spec.layers.map((l) => l.units)].join('-');
  const unitList = (l: number) => Array.from({ length: spec.layers[l].units }, (_, j) => unitName(spec, names, l, j)).join(', ');
  md(`## The network\n\n${shape}: inputs ${names.inputs.join(', ')}; ${spec.layers.map((l, k) => `layer ${k} ${k === L ? '(output)' : ''}: ${l.units} ${ACT_TEXT[l.activation]} unit${l.units === 1 ? '' : 's'} (${unitList(k)})${l.bias ? '' : ', no bias'}`).join('; ')}.\nLoss per sample ${LOSS_TEXT[e.loss]}, its ${e.reduction} over a batch; ${e.optimizer.kind === 'adam' ? 'Adam' : 'gradient descent'} with learning rate η = ${py(e.optimizer.lr)}.`);
  const layerRows = spec.layers.map((l) => `    {"units": ${l.units}, "activation": "${l.activation}", "bias": ${l.bias ? 'True' : 'False'}${l.leak !== undefined ? `, "leak": ${py(l.leak)}` : ''}},`);
  const batch = e.batch_size === 'full' ? 'None  # the full training set' : String(e.batch_size);
  code(`layers = [\n${layerRows.join('\n')}\n]\nloss_kind = "${e.loss}"\nreduction = "${e.reduction}"\nlr = ${py(e.optimizer.lr)}\nepochs = ${e.epochs}\nbatch_size = ${batch}`);

  const draws: Draws = { rng: e.rng, seed: e.seed };
  const data = dataCode(e, draws, spec);
  md(`## The data\n\n${data ? 'Drawn with numpy\'s own generator, exactly as the session draws it.' : 'As the session builds it, written out exactly.'}`);
  const inlineData = () => {
    const parts = [`X_train = ${pyMatrix(src.data.train.x)}`, `Y_train = ${pyMatrix(src.data.train.y)}`];
    if (src.data.test) parts.push(`X_test = ${pyMatrix(src.data.test.x)}`, `Y_test = ${pyMatrix(src.data.test.y)}`);
    else parts.push('X_test = Y_test = None');
    return parts.join('\n');
  };
  code(data ?? inlineData());

  const init = initCode(e, draws, spec, data !== null);
  const paramLines = allParams(spec).filter((ref) => own(ref)).map((ref) => `#   ${own(ref)} = ${paramName(ref)}`);
  md(`## The starting weights\n\nW[l][j][i] is the weight from unit i of the previous layer (input i for layer 0) to unit j of layer l; b[l][j] is unit j's bias; z = a_prev W[l]ᵀ + b[l].${init ? ' Drawn with numpy\'s generator as the session draws them.' : ''}`);
  const inlineInit = spec.layers.map((layer, l) => {
    const m: Matrix = { rows: layer.units, cols: fanIn(spec, l), data: src.params.W[l] };
    return `W.append(${pyMatrix(m)})\nb.append(np.array(${pyList(src.params.b[l])}, dtype=float))`;
  }).join('\n');
  code(`${paramLines.length ? `# the session's names:\n${paramLines.join('\n')}\n` : ''}W, b = [], []\n${init ?? inlineInit}`);

  md('## Forward, loss, backward, update');
  code(functionsCode(spec, e));
  const hasAcc = spec.layers[L].activation === 'softmax' || (spec.layers[L].units === 1 && spec.layers[L].activation === 'sigmoid' && Array.from(src.data.train.y.data).every((v) => v === 0 || v === 1));
  code(`has_accuracy = ${hasAcc ? 'True' : 'False'}\n\n${LOOP}`);

  const upd = updateCode(e);
  const series = ['train_loss', 'train_mae', ...(src.data.test ? ['test_loss', 'test_mae'] : []), ...(hasAcc ? ['train_accuracy', ...(src.data.test ? ['test_accuracy'] : [])] : [])];
  const stopCode = earlyStoppingCode(e);
  const shuffled = e.shuffle ? ordersCode(e, src.data.train.x.rows, src.shuffleRandom!) : null;
  md(`## Training\n\nEntry k of every series is measured with the parameters after k epochs (entry 0: the start). A run stops when a value becomes NaN or infinite${stopCode ? ', or when early stopping says so' : ''}.${shuffled ? ' Every epoch takes the training rows in its own order.' : ''}`);
  const history = `${upd.state}history = {${series.map((s) => `"${s}": []`).join(', ')}}

def record():
    for name, (X, Y) in (("train", (X_train, Y_train)), ("test", (X_test, Y_test))):
        if X is None:
            continue
        for key, value in metrics(W, b, X, Y).items():
            history[name + "_" + key].append(float(value))`;
  if (shuffled) code(shuffled);
  if (stopCode) code(`${history}\n\n${stopCode}`);
  const batchRows = shuffled
    ? `    order = orders[epoch]\n    for start in range(0, n, B):\n        rows = order[start:start + B]\n        X, Y = X_train[rows], Y_train[rows]`
    : `    for start in range(0, n, B):\n        X, Y = X_train[start:start + B], Y_train[start:start + B]`;
  const stop = stopCode ? `\n    if early_stopping():\n        status = "stopped_early"\n        break` : '';
  code(`${stopCode ? '' : `${history}\n\n`}status = "completed"
record()${stopCode ? '\nearly_stopping()' : ''}
n = len(X_train)
B = n if batch_size is None else batch_size
for epoch in range(epochs):
${batchRows}
        zs, acts = forward(W, b, X)                 # forward
        loss = batch_loss(zs, acts, Y)              # loss
        gW, gb = backward(W, zs, acts, X, Y)        # backward
${upd.update}
    with np.errstate(over="ignore", invalid="ignore"):
        record()
    if not all(np.isfinite(history[s][-1]) for s in history) or not all(np.isfinite(w).all() for w in W + b):
        status = "diverged"
        break${stop}
print(status, "after", len(history["train_loss"]) - 1, "epochs")`);

  const every = Math.max(1, Math.ceil(e.epochs / 10));
  md('## The numbers the app shows');
  const refs = allParams(spec);
  const nameOf = refs.map((ref) => (own(ref) ? `${own(ref)} (${paramName(ref)})` : paramName(ref)));
  code(`every = ${every}
last = len(history["train_loss"]) - 1
print("epoch".rjust(6), *[s.ljust(24) for s in history])
for k in sorted(set(range(0, last + 1, every)) | {last}):
    print(str(k).rjust(6), *[repr(history[s][k]).ljust(24) for s in history])

# the final parameters, by name
names = ${JSON.stringify(nameOf)}
values = [${refs.map((ref) => (ref.kind === 'weight' ? `W[${ref.layer}][${ref.j}, ${ref.i}]` : `b[${ref.layer}][${ref.j}]`)).join(', ')}]
for name, value in zip(names, values):
    print(name.ljust(28), repr(float(value)))`);
  code(`# everything above as one JSON object (what \`nnlab run FILE --json\` prints as "history" and "params")
def finite(x):
    return x if np.isfinite(x) else None
print(json.dumps({
    "status": status,
    "history": {s: [finite(v) for v in vs] for s, vs in history.items()},
    "params": {"weights": [[[finite(float(v)) for v in row] for row in w] for w in W],
               "biases": [[finite(float(v)) for v in bl] for bl in b]},
}))`);
  return {
    nbformat: 4,
    nbformat_minor: 4,
    metadata: {
      kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' },
      language_info: { name: 'python' },
      nnlab: { exported: 'nnlab', run: src.runId ?? null },
    },
    cells,
  };
}

/** The code cells of a notebook as one Python script (what the test runs, without Jupyter). */
export function notebookScript(nb: Notebook): string {
  return nb.cells.filter((c) => c.cell_type === 'code').map((c) => c.source.join('')).join('\n\n') + '\n';
}

/** The notebook of a session's experiment, or of a saved run (from its start), as the text of an .ipynb file. */
export function notebookText(session: Session, run?: string): string {
  const experiment = experimentOfRun(session, run);
  const opts = trainerOptions(experiment);
  const saved = run === undefined ? undefined : session.runs!.find((r) => r.id === run)!;
  const names = sessionParamNames(session);
  const nb = exportNotebook({
    title: session.title ?? 'NN Lab session', ...(session.notes ? { notes: session.notes } : {}),
    ...(saved ? { runId: saved.id, ...(saved.label ? { runLabel: saved.label } : {}) } : {}),
    experiment, data: opts.data, params: opts.params, ...(names ? { names } : {}), shuffleRandom: opts.shuffleRandom,
  });
  return `${JSON.stringify(nb, null, 1)}\n`;
}
