#!/usr/bin/python3
"""Times the peers of plansim's similarity kernel on the same workloads as bench_similarity.

    /usr/bin/python3 benchmarks/peers/similarity_peers.py dense  [N] [D] [THREADS]
    /usr/bin/python3 benchmarks/peers/similarity_peers.py sparse CORPUS.txt [SAMPLE_QUERIES]

dense:  faiss IndexFlatIP, exact inner-product top-10 (+ self) of N random unit float32 vectors of
        dimension D against themselves. Search time depends on shape, not values, so the data is
        numpy's (same shape and distribution as plansim's benchmark), not plansim's bytes.
sparse: TF-IDF of the corpus file (made by make_synthetic_corpus; scikit-learn's default
        TfidfVectorizer, which equals plansim's sklearn preset), then top-10 neighbours of every
        document by (a) scikit-learn NearestNeighbors(metric='cosine', algorithm='brute') and
        (b) scipy: X[chunk] @ X.T in chunks of 1,000 rows, then argpartition. Both are slow, so they
        are timed on the first SAMPLE_QUERIES documents and the time is extrapolated linearly to
        all N (each query costs the same work against the whole corpus). Stated in the output.
Threads: faiss and BLAS follow OMP_NUM_THREADS / THREADS; scipy's sparse product is single-threaded;
scikit-learn runs with n_jobs=THREADS (default 2).
"""
import sys
import time

import numpy as np


def dense(n, d, threads):
    import faiss
    faiss.omp_set_num_threads(threads)
    rng = np.random.default_rng(42)
    x = rng.standard_normal((n, d), dtype=np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    index = faiss.IndexFlatIP(d)
    index.add(x)
    best = float("inf")
    for _ in range(2):
        start = time.perf_counter()
        index.search(x, 11)
        best = min(best, time.perf_counter() - start)
    macs = float(n) * n * d
    print(f"faiss {faiss.__version__} IndexFlatIP: N={n} d={d} top-10 threads={threads}: {best:.3f} s, "
          f"{macs / best / 1e9:.1f} GMAC/s")


def sparse(path, sample, threads):
    import scipy
    import sklearn
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.neighbors import NearestNeighbors
    with open(path, encoding="utf-8") as f:
        docs = f.read().split("\n")
    if docs and docs[-1] == "":
        docs.pop()
    x = TfidfVectorizer(dtype=np.float32).fit_transform(docs).tocsr()
    n = x.shape[0]
    sample = min(sample, n)
    df = np.diff(x.tocsc().indptr).astype(np.float64)
    print(f"corpus: N={n}, V={x.shape[1]}, nnz={x.nnz}, sum df^2={np.sum(df * df):.3e}")

    nn = NearestNeighbors(n_neighbors=11, metric="cosine", algorithm="brute", n_jobs=threads).fit(x)
    start = time.perf_counter()
    nn.kneighbors(x[:sample])
    t = time.perf_counter() - start
    print(f"scikit-learn {sklearn.__version__} NearestNeighbors(cosine, brute, n_jobs={threads}): "
          f"{sample} queries in {t:.3f} s, extrapolated to {n}: {t * n / sample:.1f} s")

    xt = x.T.tocsc()
    start = time.perf_counter()
    for begin in range(0, sample, 1000):
        block = (x[begin:begin + 1000] @ xt).toarray()
        part = np.argpartition(-block, 11, axis=1)[:, :11]
        np.take_along_axis(block, part, axis=1)
    t = time.perf_counter() - start
    print(f"scipy {scipy.__version__} chunked X@X.T + argpartition: {sample} queries in {t:.3f} s, "
          f"extrapolated to {n}: {t * n / sample:.1f} s")


def main():
    if len(sys.argv) < 2 or sys.argv[1] not in ("dense", "sparse"):
        print(__doc__)
        sys.exit(2)
    if sys.argv[1] == "dense":
        n = int(sys.argv[2]) if len(sys.argv) > 2 else 100000
        d = int(sys.argv[3]) if len(sys.argv) > 3 else 256
        threads = int(sys.argv[4]) if len(sys.argv) > 4 else 2
        dense(n, d, threads)
    else:
        sample = int(sys.argv[3]) if len(sys.argv) > 3 else 2000
        sparse(sys.argv[2], sample, 2)


if __name__ == "__main__":
    main()
