#!/usr/bin/python3
"""SciPy's hierarchical clustering on the points bench_linkage uses (linkage_workloads.hpp):
N points in 16 dimensions, coordinate c = 16 i + j is splitmix64(c) >> 11 scaled by 2^-53.

    /usr/bin/python3 benchmarks/peers/scipy_linkage.py N [REPEATS] [METHOD...]

Prints, per method, the best of REPEATS (default 3) wall and CPU (process) times of
scipy.cluster.hierarchy.linkage(condensed, method) (pdist computed once, outside the timing)
and the top merge height, to compare with bench_linkage's top_height counter.
"""
import sys
import time

import numpy as np
import scipy
from scipy.cluster import hierarchy
from scipy.spatial.distance import pdist

DIMS = 16


def splitmix64(counter):
    with np.errstate(over="ignore"):
        z = counter + np.uint64(0x9E3779B97F4A7C15)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return z ^ (z >> np.uint64(31))


def points(n):
    counter = np.arange(n * DIMS, dtype=np.uint64)
    return ((splitmix64(counter) >> np.uint64(11)).astype(np.float64) * 2.0**-53).reshape(n, DIMS)


def main():
    n = int(sys.argv[1])
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    methods = sys.argv[3:] or ["single", "complete", "average", "weighted", "ward"]
    y = pdist(points(n))
    print(f"SciPy {scipy.__version__}, N = {n}, {y.size} distances")
    for method in methods:
        best = best_cpu = float("inf")
        for _ in range(repeats):
            start, start_cpu = time.perf_counter(), time.process_time()
            z = hierarchy.linkage(y, method)
            best = min(best, time.perf_counter() - start)
            best_cpu = min(best_cpu, time.process_time() - start_cpu)
        print(f"{method:9s} best of {repeats}: {best * 1e3:10.1f} ms wall {best_cpu * 1e3:10.1f} ms CPU"
              f"   top height {z[-1, 2]:.17g}")


if __name__ == "__main__":
    main()
