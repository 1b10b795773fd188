"""Reference sharpness for report 002's (f1, h = 3, lr 1) run (mariezz/visualize-nn-learning, experiment 1A),
independent of NN Lab: the notebook's math in numpy (the data and starting weights of
report002_reference.py), trained by full-batch gradient descent, and at the chosen epochs the FULL
Hessian of the training loss mean((o - y)^2 / 2) w.r.t. all 7 parameters (U: 2 x 2, V: 1 x 3) by
central differences of the analytic gradient, symmetrised, with np.linalg.eigvalsh.
sharpness[k] = the largest eigenvalue after epochs[k] epochs (0: before training).
Run: python3 test/examples/sharpness002_reference.py > test/examples/sharpness002_reference.json
"""
import json
import numpy as np

H_UNITS = 3
LR = 1.0
EPOCHS = [0, 300, 600]
STEP = 1e-5  # central-difference step: truncation ~STEP^2, rounding ~1e-16/STEP, both far below 1e-6


def data():
    rng = np.random.default_rng(222337497072607291153223098371913928704)
    Xtr = (rng.random(1000) - 0.5) * 10
    return Xtr, np.exp(Xtr / 5)


def weights(h):
    rng = np.random.default_rng(36255793825986746149655859236796938907)
    return rng.normal(0, 0.01, size=(h - 1, 2)), rng.normal(0, 0.01, size=(1, h))


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


X, Y = data()
Xb = np.vstack([X, np.ones_like(X)])


def grad(theta):
    """Gradient of mean((o - y)^2 / 2) at theta = (U flattened, V flattened), as the notebook computes it."""
    U = theta[:2 * (H_UNITS - 1)].reshape(H_UNITS - 1, 2)
    V = theta[2 * (H_UNITS - 1):].reshape(1, H_UNITS)
    H = np.vstack([sigmoid(U @ Xb), np.ones((1, X.size))])
    e = ((V @ H)[0] - Y) / X.size
    gV = e[None, :] @ H.T
    gU = ((V[:, :-1].T * e[None, :]) * H[:-1] * (1 - H[:-1])) @ Xb.T
    return np.concatenate([gU.ravel(), gV.ravel()])


def hessian(theta):
    n = theta.size
    Hm = np.empty((n, n))
    for k in range(n):
        d = np.zeros(n)
        d[k] = STEP
        Hm[k] = (grad(theta + d) - grad(theta - d)) / (2 * STEP)
    return (Hm + Hm.T) / 2


U, V = weights(H_UNITS)
theta = np.concatenate([U.ravel(), V.ravel()])
out = {"run": "f1-h3-lr1", "epochs": EPOCHS, "sharpness": [], "eigenvalues": []}
for epoch in range(max(EPOCHS) + 1):
    if epoch in EPOCHS:
        ev = np.linalg.eigvalsh(hessian(theta))
        out["sharpness"].append(float(ev[-1]))
        out["eigenvalues"].append([float(v) for v in ev])
    theta = theta - LR * grad(theta)
out["two_over_lr"] = 2 / LR
print(json.dumps(out, indent=1))
