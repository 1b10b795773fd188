# Produces the numpy reference numbers in cli.test.ts (report 004 at alpha = 10). Run: python3 src-cli/xor_004_reference.py
# Report 004 at alpha = 10: mean |a - y| every 10 000 steps, and the final weights.
import numpy as np
X = np.array([[0,0,1],[0,1,1],[1,0,1],[1,1,1]]); y = np.array([[0],[1],[1],[0]])
sig = lambda x: 1/(1+np.exp(-x))
np.random.seed(1)
s0 = 2*np.random.random((3,4)) - 1; s1 = 2*np.random.random((4,1)) - 1
out = []
for step in range(60001):
    l1 = sig(X.dot(s0)); l2 = sig(l1.dot(s1)); err = l2 - y
    if step % 10000 == 0: out.append(repr(float(np.mean(np.abs(err)))))
    if step == 60000: break
    d2 = err*l2*(1-l2); d1 = d2.dot(s1.T)*l1*(1-l1)
    s1 = s1 - 10*l1.T.dot(d2); s0 = s0 - 10*X.T.dot(d1)
print(', '.join(out)); print(repr(s0.T.tolist())); print(repr(s1.T.tolist()))
