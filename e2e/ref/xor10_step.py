"""One full-batch update of New session's 2-3-1 net (tanh, sigmoid, binary
cross-entropy, mean, SGD lr 0.5) on the samples given on stdin, in plain
numpy: every number the math view shows for W[0][0][0] (e2e/math-sample.spec.ts).
stdin: {"x": [[..]], "y": [[..]], "W": [W0, W1], "b": [b0, b1], "lr": 0.5}"""
import json, sys
import numpy as np

d = json.load(sys.stdin)
x, y = np.array(d["x"], float), np.array(d["y"], float)
W0, W1 = (np.array(w, float) for w in d["W"])
b0, b1 = (np.array(b, float) for b in d["b"])
n = len(x)
z1 = x @ W0.T + b0
a1 = np.tanh(z1)
z2 = a1 @ W1.T + b1
a2 = 1 / (1 + np.exp(-z2))
loss = -(y * np.log(a2) + (1 - y) * np.log(1 - a2))[:, 0]  # per sample
d2 = a2 - y  # sigmoid + cross-entropy: dl/dz2
d1 = (d2 @ W1) * (1 - a1**2)  # dl/dz1
term = d1[:, 0] * x[:, 0]  # dl_s/dW0[0][0]
grad = term.mean()
print(json.dumps({
    "z1": z1.tolist(), "a1": a1.tolist(), "z2": z2[:, 0].tolist(), "a2": a2[:, 0].tolist(),
    "loss": loss.tolist(), "L": loss.mean(), "dl_dz2": d2[:, 0].tolist(), "fprime1": (1 - a1**2).tolist(),
    "term": term.tolist(), "grad": grad, "after": W0[0, 0] - d["lr"] * grad,
}))
