"""References for src-core/math/math.test.ts, computed once with mpmath at 256 bits.

    python3 src-core/math/fixtures.py      # writes src-core/math/fixtures/ (~1 min)

For each function, fixtures/cases.json holds the argument generator (segments
that math.test.ts replays with the same 32-bit xorshift, bit for bit) and edge
cases with full references; fixtures/<name>.bin holds, per generated argument,
one little-endian uint16: the low 12 bits of the correctly rounded result's
ordinal (its bits as a monotonic integer: −bits for negatives) and, in the top
4 bits, q + 7 where q = round(14·(exact − rounded)/spacing), the exact value's
position past the rounded one in steps of 1/14 of the local spacing of doubles.
The test rebuilds the rounded result as the ordinal nearest its own result with
those low bits (exact while the two are within 2048 steps, which a coarse check
against the host's Math guarantees), so it measures its error to ±1/28 ulp.
"""
import json
import math
import os
import struct

import mpmath as M
from mpmath.libmp import round_nearest, to_float

M.mp.prec = 256
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, 'fixtures')
M32 = 0xffffffff
PIO2 = 1.5707963267948966


def to_bits(x):
    return struct.unpack('<Q', struct.pack('<d', x))[0]


def from_bits(b):
    return struct.unpack('<d', struct.pack('<Q', b))[0]


def ordinal(x):
    b = to_bits(x)
    return -(b & 0x7fffffffffffffff) if b >> 63 else b


class Gen:
    """xorshift32; math.test.ts has the same"""

    def __init__(self, seed):
        self.x = seed

    def next(self):
        x = self.x
        x ^= (x << 13) & M32
        x ^= x >> 17
        x ^= (x << 5) & M32
        self.x = x
        return x


def draw(g, seg):
    kind = seg[0]
    if kind == 'uniform':  # lo + (hi − lo)·u, u a 53-bit fraction
        a, b = g.next(), g.next()
        u = (a * 2097152 + (b >> 11)) / 9007199254740992
        return seg[1] + (seg[2] - seg[1]) * u
    if kind == 'bits':  # biased exponent in [e0, e1], random fraction, sign +1, −1 or 0 (random)
        a, b, c = g.next(), g.next(), g.next()
        e = seg[1] + c % (seg[2] - seg[1] + 1)
        s = (c >> 31) if seg[3] == 0 else (1 if seg[3] < 0 else 0)
        return from_bits((s << 63) | (e << 52) | ((a & 0xfffff) << 32) | b)
    if kind == 'int':
        return float(seg[1] + g.next() % (seg[2] - seg[1] + 1))
    if kind == 'multiple':  # k·(π/2 rounded): near the zeros of sin, cos, tan
        return (1 + g.next() % seg[1]) * PIO2
    raise ValueError(kind)


def args(spec):
    g = Gen(spec['seed'])
    for count, *segs in spec['segments']:
        for _ in range(count):
            yield [draw(g, s) for s in segs]


def nearest(v):
    """v (mpf) rounded to the nearest double, ties to even, subnormals and overflow included"""
    if abs(v) >= M.mpf(2) ** 1024 - M.mpf(2) ** 970:
        return math.inf if v > 0 else -math.inf
    f = to_float(v._mpf_, rnd=round_nearest)
    best = None
    for c in (math.nextafter(f, -math.inf), f, math.nextafter(f, math.inf)):
        if math.isinf(c):
            continue
        d = abs(M.mpf(c) - v)
        if best is None or d < best[0] or (d == best[0] and to_bits(c) % 2 == 0):
            best = (d, c)
    return best[1]


def residual(v, r):
    """(v − r) in units of the spacing of doubles from r towards v, as q = round(14·that)"""
    if math.isinf(r) or M.mpf(r) == v:
        return 0
    step = abs(M.mpf(math.nextafter(r, math.inf if v > r else -math.inf)) - r)
    return max(-7, min(7, int(M.nint(14 * (v - r) / step))))


def mp_pow(x, y):
    if x < 0:
        r = M.mpf(-x) ** M.mpf(y)
        return -r if int(y) % 2 else r
    return M.mpf(x) ** M.mpf(y)


FUNCTIONS = {
    'exp': M.exp, 'expm1': M.expm1, 'log': M.log, 'log1p': M.log1p, 'log10': M.log10, 'tanh': M.tanh,
    'sin': M.sin, 'cos': M.cos, 'tan': M.tan, 'asin': M.asin, 'acos': M.acos, 'atan': M.atan, 'pow': mp_pow,
}

B = 1023  # the biased exponent of 1
TRIG = [[40000, ['uniform', -10.0, 10.0]], [20000, ['uniform', -2e6, 2e6]], [10000, ['multiple', 1000000]],
        [20000, ['bits', B + 20, 2046, 0]], [10000, ['bits', B - 60, B, 0]]]
POSITIVE = [[40000, ['bits', 0, 2046, 1]], [40000, ['uniform', 0.5, 2.0]], [20000, ['uniform', 0.99, 1.01]]]
SPECS = {
    'exp': [[50000, ['uniform', -745.2, 709.8]], [30000, ['uniform', -1.0, 1.0]], [20000, ['bits', B - 60, B + 9, 0]]],
    'expm1': [[40000, ['uniform', -40.0, 710.0]], [40000, ['uniform', -0.5, 0.5]], [20000, ['bits', B - 60, B + 3, 0]]],
    'log': POSITIVE, 'log10': POSITIVE,
    'log1p': [[40000, ['bits', 0, 2046, 1]], [30000, ['uniform', -1.0, 1.0]], [30000, ['bits', B - 60, B - 1, -1]]],
    'tanh': [[50000, ['uniform', -20.0, 20.0]], [30000, ['uniform', -1.0, 1.0]], [20000, ['bits', B - 60, B + 5, 0]]],
    'sin': TRIG, 'cos': TRIG, 'tan': TRIG,
    'asin': [[50000, ['uniform', -1.0, 1.0]], [20000, ['uniform', 0.99, 1.0]], [30000, ['bits', B - 60, B - 1, 0]]],
    'acos': [[50000, ['uniform', -1.0, 1.0]], [20000, ['uniform', -1.0, -0.99]], [30000, ['bits', B - 60, B - 1, 0]]],
    'atan': [[40000, ['uniform', -3.0, 3.0]], [40000, ['bits', B - 60, B + 70, 0]], [20000, ['uniform', -1000.0, 1000.0]]],
    'pow': [[30000, ['uniform', 0.0, 10.0], ['uniform', -50.0, 50.0]],
            [25000, ['bits', 1, 2046, 1], ['uniform', -1.0, 1.0]],
            [20000, ['uniform', 0.5, 2.0], ['uniform', -1000.0, 1000.0]],
            [10000, ['uniform', -10.0, 0.0], ['int', -300, 300]],
            [10000, ['uniform', 1 - 2 ** -20, 1 + 2 ** -20], ['uniform', -1e9, 1e9]],
            [5000, ['bits', 0, 2046, 1], ['bits', B - 30, B + 10, 0]]],
}
SPECIAL = [0.0, -0.0, 5e-324, -5e-324, 2.225073858507201e-308, -2.225073858507201e-308, 2.2250738585072014e-308,
           -2.2250738585072014e-308, 1e-300, 2 ** -54, 2 ** -27, 0.5, -0.5, 1.0, -1.0, 2.0, 10.0, 1e300,
           1.7976931348623157e308, -1.7976931348623157e308, math.inf, -math.inf, math.nan]
EDGES = {
    'exp': [709.782712893384, 709.7827128933841, 709.79, -708.3964185322641, -708.4, -744.44, -745.1332191019411,
            -745.1332191019412, -745.14, 1e-16, -1e-16],
    'expm1': [-37.4, -37.5, -37.6, 709.0, 709.78, 0.3465, -0.3465, 1e-16],
    'log': [1 - 2 ** -53, 1 + 2 ** -52, 1.4142135623730951, 0.7071067811865476],
    'log10': [1000.0, 1e22, 1e-5, 1e23, 1 - 2 ** -53, 1 + 2 ** -52],
    'log1p': [-1 + 2 ** -53, 2 ** -53, -2 ** -53, 0.2928, -0.2928, 1e16],
    'tanh': [19.06, 19.1, -19.1, 0.55, 2 ** -26, 1e-8],
    'sin': [3.141592653589793, 6.283185307179586, 1.6e6, 6381956970095103 * 2.0 ** 797, 1e22, 2 ** 1023, 0.7853981633974483],
    'cos': [1.5707963267948966, 4.71238898038469, 1.6e6, 6381956970095103 * 2.0 ** 797, 1e22, 2 ** 1023],
    'tan': [1.5707963267948966, 0.7853981633974483, 1.6e6, 6381956970095103 * 2.0 ** 797, 1e22, 2 ** 1023],
    'asin': [1 - 2 ** -53, -1 + 2 ** -53, 1 + 2 ** -52, 0.5000000000000001, 0.49999999999999994],
    'acos': [1 - 2 ** -53, -1 + 2 ** -53, 1 + 2 ** -52, 0.5000000000000001, -0.5000000000000001, 1e-17],
    'atan': [0.4375, 0.6875, 1.1875, 2.4375, 2.0 ** 66, 1e20, -1e20],
}
POW_EDGE = [0.0, -0.0, 5e-324, 0.5, -0.5, 1.0, -1.0, 2.0, -2.0, 3.0, -3.0, 10.0, 1e300, math.inf, -math.inf, math.nan]
POW_EDGE_Y = [0.0, -0.0, 0.5, -0.5, 1.0, -1.0, 2.0, -2.0, 3.0, -3.0, 1075.0, -1075.0, 1e300, -1e300, 2.0 ** 53,
              2.0 ** 53 + 2, math.inf, -math.inf, math.nan]


def reference(name, xs):
    """[hex bits, q] of the correctly rounded finite nonzero result, else None (the test then asks the host's Math:
    NaN, ±0 and ±∞ results are fixed by the ECMAScript specification)"""
    if not all(math.isfinite(x) for x in xs):
        return None
    if name == 'pow' and xs[0] < 0 and xs[1] != int(xs[1]):
        return None
    try:
        v = FUNCTIONS[name](*[M.mpf(x) for x in xs])
    except (ValueError, ZeroDivisionError):
        return None
    if not isinstance(v, M.mpf) or not M.isfinite(v) or v == 0:
        return None
    r = nearest(v)
    if r == 0 or math.isinf(r):
        return None
    return ['%016x' % to_bits(r), residual(v, r)]


def main():
    os.makedirs(OUT, exist_ok=True)
    cases = {}
    for i, (name, segs) in enumerate(SPECS.items()):
        spec = {'seed': 0x9E3779B9 ^ (i * 0x85EBCA6B & M32) or 1, 'segments': segs}
        data = bytearray()
        n = 0
        for xs in args(spec):
            v = FUNCTIONS[name](*[M.mpf(x) for x in xs]) if name != 'pow' or xs[0] >= 0 or xs[1] == int(xs[1]) else None
            if v is None or not M.isfinite(v):
                raise ValueError(f'{name}{tuple(xs)}: no finite reference; change the segments')
            r = 0.0 if v == 0 else nearest(v)
            q = 0 if v == 0 else residual(v, r)
            data += struct.pack('<H', ((q + 7) << 12) | (ordinal(r) & 0xfff))
            n += 1
        with open(os.path.join(OUT, name + '.bin'), 'wb') as f:
            f.write(data)
        if name == 'pow':
            edge_args = [[x, y] for x in POW_EDGE for y in POW_EDGE_Y]
        else:
            edge_args = [[x] for x in SPECIAL + EDGES.get(name, [])]
        edges = [[['%016x' % to_bits(x) for x in xs], reference(name, xs)] for xs in edge_args]
        cases[name] = {'count': n, 'seed': spec['seed'], 'segments': segs, 'edges': edges}
        print(name, n, flush=True)
    with open(os.path.join(OUT, 'cases.json'), 'w') as f:
        json.dump(cases, f, separators=(',', ':'))
        f.write('\n')


if __name__ == '__main__':
    main()
