"""Reference numbers for report 002 (mariezz/visualize-nn-learning, experiment 1A), computed with
the notebook's math in numpy: data from default_rng(222337497072607291153223098371913928704) as
(rng.random(1000) - 0.5) * 10 then (rng.random(100) - 0.5) * 10; weights from
default_rng(36255793825986746149655859236796938907) as U = normal(0, 0.01, (h-1, 2)),
V = normal(0, 0.01, (1, h)); loss mean(e^2 / 2); full-batch gradient descent.
E[k] is the loss after k epochs (E[0] before training).
Run: python3 test/examples/report002_reference.py > test/examples/report002_reference.json
"""
import json
import numpy as np

f1 = lambda X: np.exp(X / 5)
f2 = lambda X: np.sin(X) * (- X * X + 25)


def data(f):
    rng = np.random.default_rng(222337497072607291153223098371913928704)
    Xtr = (rng.random(1000) - 0.5) * 10
    Xte = (rng.random(100) - 0.5) * 10
    return Xtr, f(Xtr), Xte, f(Xte)


def weights(h):
    rng = np.random.default_rng(36255793825986746149655859236796938907)
    return rng.normal(0, 0.01, size=(h - 1, 2)), rng.normal(0, 0.01, size=(1, h))


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def run(f, h, lr, epochs):
    Xtr, Ytr, Xte, Yte = data(f)
    U, V = weights(h)

    def forward(X):
        Xb = np.vstack([X, np.ones_like(X)])
        H = np.vstack([sigmoid(U @ Xb), np.ones((1, X.size))])
        return Xb, H, (V @ H)[0]

    loss = lambda X, Y: float(np.mean((forward(X)[2] - Y) ** 2 / 2))
    Etr, Ete = [loss(Xtr, Ytr)], [loss(Xte, Yte)]
    with np.errstate(all='ignore'):
        for _ in range(epochs):
            Xb, H, O = forward(Xtr)
            e = (O - Ytr) / Xtr.size
            gV = e[None, :] @ H.T
            gU = ((V[:, :-1].T * e[None, :]) * H[:-1] * (1 - H[:-1])) @ Xb.T
            U, V = U - lr * gU, V - lr * gV
            Etr.append(loss(Xtr, Ytr))
            Ete.append(loss(Xte, Yte))
    return Etr, Ete


out = {}
for h in [2, 3, 5, 8]:
    tr, te = run(f1, h, 0.1, 1000)
    out[f'f1-h{h}-lr0.1'] = {'train_final': tr[-1], 'test_final': te[-1]}
tr, te = run(f1, 3, 1, 1000)
out['f1-h3-lr1'] = {'test_every_100_to_600': te[0:601:100], 'best_test_epoch': int(np.argmin(te)), 'best_test': min(te)}
tr, te = run(f1, 3, 2, 1000)
out['f1-h3-lr2'] = {'train_final': tr[-1], 'test_final': te[-1]}
tr, te = run(f1, 3, 5, 1000)
out['f1-h3-lr5'] = {'first_nonfinite_epoch': int(np.where(~np.isfinite(tr))[0][0])}
tr, te = run(f2, 8, 0.1, 1200)
out['f2-h8-lr0.1-1200'] = {'best_test': min(te), 'best_test_epoch': int(np.argmin(te)), 'test_every_100': te[0:1201:100]}
tr, te = run(f2, 8, 0.05, 10000)
out['f2-h8-lr0.05-10000'] = {'train_final': tr[-1], 'test_final': te[-1]}
print(json.dumps(out, indent=1))
