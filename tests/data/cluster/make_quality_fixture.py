"""scikit-learn's silhouette (cosine, euclidean), Calinski-Harabasz and Davies-Bouldin, for
tests/cluster/quality_test.cpp. Run once: /usr/bin/python3 make_quality_fixture.py"""
import os
import numpy as np
import sklearn
from sklearn import metrics
from fixture_io import write_matrix, write_labels, write_vector, write_scalar, tfidf_like

rng = np.random.default_rng(11)
cases = []
blobs = np.vstack([c + rng.normal(0, 1.0, size=(15, 3)) for c in rng.normal(0, 4, size=(3, 3))])
cases.append(("blobs", blobs, np.repeat([0, 1, 2], 15)))
noise = rng.normal(0, 1, size=(25, 4))
cases.append(("noise_with_singleton", noise, np.r_[rng.integers(0, 3, 24), 3]))
x, truth = tfidf_like(rng, 30, 20, 3)
cases.append(("sparse_truth", x, truth))
cases.append(("sparse_random", x, rng.integers(0, 4, 30) * 2 + 1))  # non-contiguous label ids

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "quality_fixture.txt"), "w") as out:
    out.write(f"# scikit-learn {sklearn.__version__}: silhouette_samples, calinski_harabasz_score, davies_bouldin_score\n")
    for name, data, labels in cases:
        dense = data.toarray() if hasattr(data, "toarray") else data
        out.write(f"case {name}\n")
        write_matrix(out, "x", data)
        write_labels(out, "labels", labels)
        write_vector(out, "silhouette_cosine", metrics.silhouette_samples(data, labels, metric="cosine"))
        write_vector(out, "silhouette_euclidean", metrics.silhouette_samples(data, labels, metric="euclidean"))
        write_scalar(out, "calinski_harabasz", metrics.calinski_harabasz_score(dense, labels))
        write_scalar(out, "davies_bouldin", metrics.davies_bouldin_score(dense, labels))
