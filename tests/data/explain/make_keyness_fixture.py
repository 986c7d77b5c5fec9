#!/usr/bin/env python3
"""Writes keyness_fixture.txt: G² and χ² of 2 x 2 keyness tables, computed by SciPy.

Each line: a b c d g2 chi2_yates chi2_plain (unsigned; the C++ test applies the sign).
Run with Debian's python3 (python3-scipy): /usr/bin/python3 make_keyness_fixture.py
"""
import numpy as np
from scipy.stats import chi2_contingency

tables = [(10, 5, 1000, 2000), (3, 40, 500, 4000), (1, 0, 50, 60), (25, 25, 100, 100),
          (7, 1, 80, 9000), (120, 30, 20000, 15000), (2, 9, 300, 310), (50, 2, 60, 400)]
rng = np.random.default_rng(20261201)
for _ in range(12):
    c, d = rng.integers(50, 5000, size=2)
    a = rng.integers(1, c // 3)
    b = rng.integers(0, d // 3)
    tables.append((int(a), int(b), int(c), int(d)))
with open("keyness_fixture.txt", "w") as out:
    out.write("# a b c d g2 chi2_yates chi2_plain (scipy %s)\n" % __import__("scipy").__version__)
    for a, b, c, d in tables:
        obs = np.array([[a, c - a], [b, d - b]], dtype=float)
        g2 = chi2_contingency(obs, correction=False, lambda_="log-likelihood")[0]
        yates = chi2_contingency(obs, correction=True)[0]
        plain = chi2_contingency(obs, correction=False)[0]
        out.write("%d %d %d %d %.17g %.17g %.17g\n" % (a, b, c, d, g2, yates, plain))
