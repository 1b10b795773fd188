"""Reference starting weights for init.test.ts, made with the numpy on this machine.

Run from the repository root:  python3 src-core/init/numpy_init_reference.py  (writes init-reference.json)
Network 2-3-1 (fan_in 2 then 3). Each case draws layer by layer, the weight matrix then nothing
for the biases (zeros), as Keras does; "in_out" matrices are (fan_in, units), "out_in" (units, fan_in).
"""
import json, os
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
out = {}

# he_normal, np.random.default_rng(3), in_out: std = sqrt(2 / fan_in)
rng = np.random.default_rng(3)
out["he_normal_default_rng3_in_out"] = [rng.normal(0, np.sqrt(2 / 2), (2, 3)).tolist(),
                                        rng.normal(0, np.sqrt(2 / 3), (3, 1)).tolist()]
# glorot_uniform, np.random.seed(5), out_in: limit = sqrt(6 / (fan_in + fan_out))
np.random.seed(5)
l0, l1 = np.sqrt(6 / (2 + 3)), np.sqrt(6 / (3 + 1))
out["glorot_uniform_numpy5_out_in"] = [np.random.uniform(-l0, l0, (3, 2)).tolist(),
                                       np.random.uniform(-l1, l1, (1, 3)).tolist()]
# he_uniform, np.random.seed(5), in_out, biases normal(0, 0.5) drawn after each layer's weights
np.random.seed(5)
w0 = np.random.uniform(-np.sqrt(6 / 2), np.sqrt(6 / 2), (2, 3)); b0 = np.random.normal(0, 0.5, 3)
w1 = np.random.uniform(-np.sqrt(6 / 3), np.sqrt(6 / 3), (3, 1)); b1 = np.random.normal(0, 0.5, 1)
out["he_uniform_numpy5_in_out_biases_normal"] = {"W": [w0.tolist(), w1.tolist()], "b": [b0.tolist(), b1.tolist()]}
# glorot_normal, np.random.default_rng(11), out_in
rng = np.random.default_rng(11)
out["glorot_normal_default_rng11_out_in"] = [rng.normal(0, np.sqrt(2 / 5), (3, 2)).tolist(),
                                             rng.normal(0, np.sqrt(2 / 4), (1, 3)).tolist()]

with open(os.path.join(HERE, "init-reference.json"), "w") as f:
    json.dump(out, f, indent=1)
print("wrote init-reference.json")
