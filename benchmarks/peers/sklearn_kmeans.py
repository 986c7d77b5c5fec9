#!/usr/bin/python3
"""Times scikit-learn KMeans per Lloyd iteration on the workload of bench_cluster.

    build/release/benchmarks/bench_cluster --export /tmp/plansim_kmeans
    OMP_NUM_THREADS=1 /usr/bin/python3 benchmarks/peers/sklearn_kmeans.py /tmp/plansim_kmeans 1
    OMP_NUM_THREADS=2 /usr/bin/python3 benchmarks/peers/sklearn_kmeans.py /tmp/plansim_kmeans 2

Same data (the Matrix Market files bench_cluster writes: tf-idf of the synthetic corpus, as
float64 CSR, since plansim computes in double), same start (the first k = 20 rows as init),
n_init=1, tol=0, max_iter=20, algorithm='lloyd'. The figure is the whole fit time divided by
n_iter_, best of 3, as bench_cluster reports; CPU time (all threads) beside it, since a
shared machine's wall time includes waiting for a core. scikit-learn's Lloyd runs on OpenMP threads
(threadpoolctl limits them to THREADS).
"""
import glob
import os
import sys
import time

import numpy as np
import scipy.io
import sklearn
from sklearn.cluster import KMeans
from threadpoolctl import threadpool_limits

folder = sys.argv[1]
threads = int(sys.argv[2]) if len(sys.argv) > 2 else 1
k = 20
print(f"scikit-learn {sklearn.__version__}, threads={threads}")
for path in sorted(glob.glob(os.path.join(folder, "tfidf_*.mtx")), key=lambda p: int(p.split("_")[-1][:-4])):
    x = scipy.io.mmread(path).tocsr().astype(np.float64)
    init = x[:k].toarray()
    best = float("inf")
    best_cpu = float("inf")
    iterations = 0
    with threadpool_limits(limits=threads):
        for _ in range(3):
            model = KMeans(n_clusters=k, init=init, n_init=1, tol=0.0, max_iter=20, algorithm="lloyd")
            start, start_cpu = time.perf_counter(), time.process_time()
            model.fit(x)
            elapsed, cpu = time.perf_counter() - start, time.process_time() - start_cpu
            iterations = model.n_iter_
            best = min(best, elapsed / model.n_iter_)
            best_cpu = min(best_cpu, cpu / model.n_iter_)
    print(f"N={x.shape[0]} V={x.shape[1]} nnz={x.nnz} k={k}: {best * 1e3:.2f} ms per Lloyd iteration (CPU {best_cpu * 1e3:.2f} ms) "
          f"({iterations} iterations, inertia {model.inertia_:.6f})")
