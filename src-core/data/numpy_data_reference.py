"""Reference data sets for data.test.ts, made with the numpy on this machine.

Run from the repository root:  python3 src-core/data/numpy_data_reference.py  (writes data-reference.json)
Each case is the notebook loop that the matching data config reproduces.
"""
import json, os
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
out = {}

# report 001 style, rng "numpy", seed 0, per sample: n1, n2, then the target's randint
np.random.seed(0)
rows = []
for _ in range(6):
    n1 = np.random.randint(0, 10)
    n2 = np.random.randint(0, 10)
    n3 = n1 ** 2 + n2 + np.random.randint(0, 5)
    rows.append([int(n1), int(n2), int(n3)])
out["expression_numpy0_samples"] = rows

# the same drawn by columns, then per sample the target's randint
np.random.seed(0)
n1 = np.random.randint(0, 10, 6)
n2 = np.random.uniform(-1, 1, 6)
n3 = [float(a ** 2 + b + np.random.randint(0, 5)) for a, b in zip(n1, n2)]
out["expression_numpy0_columns"] = {"n1": n1.tolist(), "n2": n2.tolist(), "y": n3}

# function data, rng "numpy", seed 3: x train, x test, then noise on the training targets
np.random.seed(3)
x_train = np.random.uniform(-2, 2, 5)
x_test = np.random.uniform(-2, 2, 3)
y_train = np.sin(x_train) + np.random.normal(0, 0.1, 5)
out["function_numpy3_noise"] = {"x_train": x_train.tolist(), "x_test": x_test.tolist(),
                                "y_train": y_train.tolist(), "y_test": np.sin(x_test).tolist()}

# np.linspace(-5, 5, 11)
out["linspace"] = np.linspace(-1, 2, 7).tolist()

with open(os.path.join(HERE, "data-reference.json"), "w") as f:
    json.dump(out, f, indent=1)
print("wrote data-reference.json")
