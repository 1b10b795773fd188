"""One epoch of minibatch SGD over MNIST digits for a 784-h-10 net (ReLU hidden, softmax output,
cross-entropy averaged over each batch), the same math and the same numbers as NN Lab's engine
in bench/mnist.ts. Usage: numpy_mnist.py INPUT_DIR REPEATS. Reads (float64, little-endian)
x.bin (n x 784), y.bin (n x 10 one-hot), W0.bin (h x 784), b0.bin, W1.bin (10 x h), b1.bin and
meta.json {n, h, batch, lr}. Prints one JSON line: cpu seconds per epoch (each repeat from the
same start, including the training-set loss before and after, as the app's trainer records
them), and the training loss over all n samples after the epoch.
"""
import json, sys, time
import numpy as np

d, repeats = sys.argv[1], int(sys.argv[2])
meta = json.load(open(f'{d}/meta.json'))
n, h, batch, lr = meta['n'], meta['h'], meta['batch'], meta['lr']
rd = lambda name, shape: np.fromfile(f'{d}/{name}.bin', dtype='<f8').reshape(shape)
X, Y = rd('x', (n, 784)), rd('y', (n, 10))
start = [rd('W0', (h, 784)), rd('b0', (h,)), rd('W1', (10, h)), rd('b1', (10,))]


def forward(W0, b0, W1, b1, x):
    z0 = x @ W0.T + b0
    a0 = np.maximum(z0, 0)
    z1 = a0 @ W1.T + b1
    z1 = z1 - z1.max(axis=1, keepdims=True)
    e = np.exp(z1)
    return z0, a0, e / e.sum(axis=1, keepdims=True)


def epoch(W0, b0, W1, b1):
    for s in range(0, n, batch):
        x, y = X[s:s + batch], Y[s:s + batch]
        z0, a0, p = forward(W0, b0, W1, b1, x)
        d1 = (p - y) / len(x)                 # dL/dz of softmax + cross-entropy, batch mean
        d0 = (d1 @ W1) * (z0 > 0)
        W1 = W1 - lr * (d1.T @ a0); b1 = b1 - lr * d1.sum(axis=0)
        W0 = W0 - lr * (d0.T @ x); b0 = b0 - lr * d0.sum(axis=0)
    return W0, b0, W1, b1


def loss_of(params):
    p = forward(*params, X)[2]
    return float(np.mean(-np.log(p[Y == 1])))


# timed like the app's trainer does an epoch: the loss over the training set before (history
# entry 0), the epoch, and the loss after (entry 1)
times = []
for _ in range(repeats):
    t0 = time.process_time()
    loss_of(start)
    params = epoch(*start)
    loss = loss_of(params)
    times.append(time.process_time() - t0)
print(json.dumps({'cpu_s': times, 'loss': loss}))
