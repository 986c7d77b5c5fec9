#!/usr/bin/python3
"""Times scikit-learn's TfidfVectorizer (default analyzer, fit_transform) on a corpus file with one
document per line, as made by build/release/benchmarks/make_synthetic_corpus, and prints MB/s.

    /usr/bin/python3 benchmarks/peers/sklearn_tfidf.py corpus.txt [REPEATS]

TfidfVectorizer is single-threaded, so this is its one-core throughput. Prints the best call (as
Python's timeit advises) and, on a second line, the median and every call's time.
"""
import statistics
import sys
import time

import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer


def main():
    path = sys.argv[1]
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    with open(path, encoding="utf-8") as f:
        docs = f.read().split("\n")
    if docs and docs[-1] == "":
        docs.pop()
    megabytes = sum(len(d.encode("utf-8")) for d in docs) / 1e6
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        X = TfidfVectorizer().fit_transform(docs)
        times.append(time.perf_counter() - start)
    best = min(times)
    print(f"scikit-learn {sklearn.__version__} TfidfVectorizer: {len(docs)} documents, {megabytes:.1f} MB, "
          f"vocabulary {X.shape[1]}, nnz {X.nnz}: best of {repeats} {best:.3f} s = {megabytes / best:.2f} MB/s")
    print(f"median {statistics.median(times):.3f} s; each call: " + " ".join(f"{t:.3f}" for t in times))


if __name__ == "__main__":
    main()
