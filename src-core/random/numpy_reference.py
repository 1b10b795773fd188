"""Reference numbers for src-core/random, produced with the numpy on this machine.

Run from the repository root:  python3 src-core/random/numpy_reference.py
It writes
  src-core/random/numpy-reference.json   values the tests compare against
  src-core/random/ziggurat-tables.ts     numpy's normal-ziggurat tables (ki, wi, fi),
                                          read from the compiled numpy library itself
"""
import json, os, struct, math
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
out = {"numpy_version": np.__version__}

# ---- legacy RandomState: np.random.seed(n) then draws ----------------------
legacy = {}
for seed in [1, 0, 42, 4294967295]:
    r = {}
    np.random.seed(seed); r["random10"] = np.random.random(10).tolist()
    np.random.seed(seed); r["random_10000th"] = float(np.random.random(10000)[-1])
    np.random.seed(seed); r["randn10"] = np.random.randn(10).tolist()
    np.random.seed(seed); r["randn_10000th"] = float(np.random.randn(10000)[-1])
    # a normal after an odd number of normals uses the cached second value
    np.random.seed(seed); r["mixed"] = [float(np.random.randn()), float(np.random.random()), float(np.random.randn()),
                                        float(np.random.randn()), float(np.random.normal(2, 3)), float(np.random.uniform(-1, 1))]
    np.random.seed(seed); r["randint_0_5"] = [int(np.random.randint(0, 5)) for _ in range(20)]
    np.random.seed(seed); r["randint_m3_1000"] = [int(np.random.randint(-3, 1000)) for _ in range(10)]
    np.random.seed(seed); r["randint_big"] = [int(np.random.randint(0, 10**12)) for _ in range(5)]
    np.random.seed(seed); r["permutation10"] = np.random.permutation(10).tolist()
    legacy[str(seed)] = r
out["legacy"] = legacy

# report 004: np.random.seed(1); synapse_0 = 2*np.random.random((3,4)) - 1; synapse_1 = 2*np.random.random((4,1)) - 1
np.random.seed(1)
s0 = 2 * np.random.random((3, 4)) - 1
s1 = 2 * np.random.random((4, 1)) - 1
out["report004"] = {"synapse_0": s0.tolist(), "synapse_1": s1.tolist()}

# ---- Generator: np.random.default_rng(n) ------------------------------------
gen = {}
for seed in [0, 1, 42, 222337497072607291153223098371913928704, 36255793825986746149655859236796938907]:
    g = {}
    rng = np.random.default_rng(seed); g["random10"] = rng.random(10).tolist()
    rng = np.random.default_rng(seed); g["random_10000th"] = float(rng.random(10000)[-1])
    rng = np.random.default_rng(seed); g["uint64_5"] = [str(int(v)) for v in rng.bit_generator.random_raw(5)]
    rng = np.random.default_rng(seed); g["normal10"] = rng.standard_normal(10).tolist()
    rng = np.random.default_rng(seed); nn = rng.standard_normal(100000)
    g["normal_at"] = {str(k): float(nn[k]) for k in [999, 9999, 49999, 99999]}
    g["normal_min"] = float(nn.min()); g["normal_max"] = float(nn.max())
    rng = np.random.default_rng(seed); g["integers_0_5"] = [int(rng.integers(0, 5)) for _ in range(20)]
    rng = np.random.default_rng(seed); g["integers_big"] = [int(rng.integers(0, 10**12)) for _ in range(5)]
    # integers (32-bit halves of one 64-bit draw) interleaved with doubles
    rng = np.random.default_rng(seed)
    g["mixed"] = [int(rng.integers(0, 7)), float(rng.random()), int(rng.integers(0, 7)), int(rng.integers(0, 7)),
                  float(rng.normal(2, 3)), float(rng.uniform(-1, 1))]
    rng = np.random.default_rng(seed); g["permutation10"] = rng.permutation(10).tolist()
    gen[str(seed)] = g
out["default_rng"] = gen

# report 002 (mariezz/visualize-nn-learning, basic_neural_network_help_functions.py)
rng = np.random.default_rng(222337497072607291153223098371913928704)
X_train = (rng.random(1000) - 0.5) * 10
X_test = (rng.random(100) - 0.5) * 10
rw = np.random.default_rng(36255793825986746149655859236796938907)
U = rw.normal(0, 0.01, size=(2, 2))  # h = 3
V = rw.normal(0, 0.01, size=(1, 3))
out["report002"] = {"x_train_first5": X_train[:5].tolist(), "x_train_last": float(X_train[-1]),
                    "x_test_first5": X_test[:5].tolist(),
                    "y_train_first5_f2": (np.sin(X_train[:5]) * (-X_train[:5] * X_train[:5] + 25)).tolist(),
                    "U_h3": U.tolist(), "V_h3": V.tolist()}

with open(os.path.join(HERE, "numpy-reference.json"), "w") as f:
    json.dump(out, f, indent=1)

# ---- ziggurat tables, read from the compiled library -----------------------
# numpy/random/src/distributions/ziggurat_constants.h is compiled into _generator.so;
# its first entries are known (ki[0] = 0x000EF33D8025EF6A, wi[0], fi[1]), so we find them there.
so = [p for p in os.listdir(os.path.join(os.path.dirname(np.__file__), "random")) if p.startswith("_generator") and p.endswith(".so")][0]
blob = open(os.path.join(os.path.dirname(np.__file__), "random", so), "rb").read()
fo = blob.find(struct.pack("<d", 9.77101701267671596263e-01)) - 8
wo = blob.find(struct.pack("<d", 8.68362706080130616677e-16))
ko = blob.find(struct.pack("<Q", 0x000EF33D8025EF6A))
assert min(fo, wo, ko) >= 0
fi = struct.unpack("<256d", blob[fo:fo + 2048])
wi = struct.unpack("<256d", blob[wo:wo + 2048])
ki = struct.unpack("<256Q", blob[ko:ko + 2048])
assert fi[0] == 1.0 and abs(wi[255] * 2**52 - 3.6541528853610088) < 1e-12


def rows(vals):
    return "\n".join("  " + ", ".join(vals[i:i + 4]) + "," for i in range(0, len(vals), 4))


with open(os.path.join(HERE, "ziggurat-tables.ts"), "w") as f:
    f.write("// Generated by numpy_reference.py from numpy " + np.__version__ + "'s compiled library: do not edit.\n")
    f.write("// numpy's 256-layer ziggurat for the standard normal (ziggurat_constants.h), bit for bit.\n")
    f.write("// ki: 52-bit acceptance thresholds; wi: layer widths / 2^52; fi: exp(-x_i^2/2).\n\n")
    f.write("export const ki: readonly number[] = [\n" + rows([str(v) for v in ki]) + "\n];\n\n")
    f.write("export const wi: readonly number[] = [\n" + rows([repr(v) for v in wi]) + "\n];\n\n")
    f.write("export const fi: readonly number[] = [\n" + rows([repr(v) for v in fi]) + "\n];\n")
print("wrote numpy-reference.json and ziggurat-tables.ts")
