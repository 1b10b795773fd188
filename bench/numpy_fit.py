"""Reference for `npm run bench`: report 002's 1-h-1 net, vectorised numpy.

Matrices are [sample][unit] over all N samples at once (no Python loop over
samples), the way the report's notebook and any numpy user would write it:

    Z1 = X W1ᵀ + b1,  A1 = σ(Z1),  O = A1 W2ᵀ + b2,  E = O − Y
    loss = mean(½E²);  dZ1 = (E W2) ⊙ A1 ⊙ (1 − A1)
    gradW2 = Eᵀ A1 / N,  gradb2 = ΣE / N,  gradW1 = dZ1ᵀ X / N,  gradb1 = Σ dZ1 / N

Input and output as bench/c_fit.c (one JSON line on stdout).
"""
import json
import sys
import time

import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def fit(X, Y, W1, b1, W2, b2, epochs, lr):
    """Full-batch gradient descent in place; returns losses[k] = loss after k updates."""
    n = X.shape[0]
    losses = np.empty(epochs + 1)
    for epoch in range(epochs):
        A1 = sigmoid(X @ W1.T + b1)          # (n, h)
        E = A1 @ W2.T + b2 - Y               # (n, 1): dℓ/do
        losses[epoch] = 0.5 * np.mean(E * E)
        dZ1 = (E @ W2) * A1 * (1 - A1)       # (n, h): hidden deltas
        W2 -= lr * (E.T @ A1) / n
        b2 -= lr * E.sum(axis=0) / n
        W1 -= lr * (dZ1.T @ X) / n
        b1 -= lr * dZ1.sum(axis=0) / n
    E = sigmoid(X @ W1.T + b1) @ W2.T + b2 - Y
    losses[epochs] = 0.5 * np.mean(E * E)
    return losses


def main():
    words = open(sys.argv[1]).read().split()
    n, h, epochs, lr, repeats = int(words[0]), int(words[1]), int(words[2]), float(words[3]), int(words[4])
    v = np.array([float(w) for w in words[5:]])
    x, y = v[0:n], v[n:2 * n]
    p = 2 * n
    W1_0, b1_0, W2_0, b2_0 = v[p:p + h], v[p + h:p + 2 * h], v[p + 2 * h:p + 3 * h], v[p + 3 * h:p + 3 * h + 1]
    X, Y = x.reshape(n, 1), y.reshape(n, 1)
    times, cpu = [], []
    for _ in range(repeats):
        W1, b1, W2, b2 = W1_0.reshape(h, 1).copy(), b1_0.copy(), W2_0.reshape(1, h).copy(), b2_0.copy()
        t0, c0 = time.perf_counter(), time.process_time()
        losses = fit(X, Y, W1, b1, W2, b2, epochs, lr)
        cpu.append((time.process_time() - c0) * 1e3)
        times.append((time.perf_counter() - t0) * 1e3)
    params = np.concatenate([W1.ravel(), b1, W2.ravel(), b2])
    print(json.dumps({"impl": "numpy", "times_ms": times, "cpu_ms": cpu, "loss": float(losses[epochs]),
                      "loss_mid": float(losses[epochs // 2]), "params": params.tolist()}))


if __name__ == "__main__":
    main()
