"""scikit-learn KMeans (Lloyd) from given initial centres, for tests/cluster/kmeans_sklearn_test.cpp.

Run once with Debian's python (python3-sklearn): /usr/bin/python3 make_kmeans_fixture.py
Writes kmeans_fixture.txt beside this script.
"""
import os
import numpy as np
import sklearn
from sklearn.cluster import KMeans
from fixture_io import write_matrix, write_labels, write_scalar, tfidf_like

rng = np.random.default_rng(20261201)
here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "kmeans_fixture.txt"), "w") as out:
    out.write(f"# scikit-learn {sklearn.__version__} KMeans(algorithm='lloyd', n_init=1, init=array)\n")
    cases = []
    # dense blobs, 3 clusters in 4 dimensions
    centres = rng.normal(0, 5, size=(3, 4))
    blobs = np.vstack([c + rng.normal(0, 1.0, size=(20, 4)) for c in centres])
    cases.append(("blobs", blobs, 3, [0, 1, 2]))
    # overlapping dense data, 4 clusters: needs several iterations
    cases.append(("overlap", rng.normal(0, 1, size=(50, 3)), 4, [0, 1, 2, 3]))
    # sparse tf-idf-like rows, 3 topics
    x, _ = tfidf_like(rng, 40, 30, 3)
    cases.append(("sparse", x, 3, [0, 4, 8]))
    cases.append(("sparse5", x, 5, [1, 2, 3, 5, 7]))
    for name, data, k, seeds in cases:
        dense = data.toarray() if hasattr(data, "toarray") else data
        init = dense[seeds]
        km = KMeans(n_clusters=k, init=init, n_init=1, algorithm="lloyd", tol=1e-4, max_iter=300).fit(data)
        out.write(f"case {name} {k}\n")
        write_matrix(out, "x", data)
        write_matrix(out, "init", init)
        write_labels(out, "labels", km.labels_)
        write_matrix(out, "centers", km.cluster_centers_)
        write_scalar(out, "inertia", km.inertia_)
        write_scalar(out, "n_iter", km.n_iter_)
