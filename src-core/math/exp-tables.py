"""Tables of src-core/math/exp.ts and the references of exp.test.ts (Python decimal, 60 digits).

python3 src-core/math/exp-tables.py
"""
from decimal import Decimal, getcontext

getcontext().prec = 60
hi, lo = [], []
for j in range(64):
    v = Decimal(2) ** (Decimal(j) / 64)
    h = float(v)  # float(Decimal) rounds correctly
    hi.append(repr(h))
    lo.append(repr(float(v - Decimal(h))))
print('T_HI', ', '.join(hi))
print('T_LO', ', '.join(lo))
c = Decimal(2).ln() / 64
print('INV_LN2_64', repr(float(1 / c)))
# HI: ln2/64 with the low 21 of its 52 fraction bits cleared, LO the rest
import struct
b = struct.unpack('<Q', struct.pack('<d', float(c)))[0] & ~((1 << 21) - 1)
h = struct.unpack('<d', struct.pack('<Q', b))[0]
print('LN2_64_HI', repr(h), 'LN2_64_LO', repr(float(c - Decimal(h))))
# references: e^x correctly rounded
for x in [-707.5, -100.25, -20.0, -1.0, -0.1, -1e-10, 1e-10, 0.1, 0.5, 1.0, 2.5, 10.0, 88.7, 700.0]:
    print(repr(x), repr(float(Decimal(x).exp())))
