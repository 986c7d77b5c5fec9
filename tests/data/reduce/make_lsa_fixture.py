"""scikit-learn TruncatedSVD(algorithm='arpack') on a small sparse tf-idf-like matrix, for
tests/reduce/lsa_test.cpp. Run once: /usr/bin/python3 make_lsa_fixture.py"""
import os
import sys
import numpy as np
import sklearn
from sklearn.decomposition import TruncatedSVD

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "cluster"))
from fixture_io import write_matrix, write_vector, tfidf_like  # noqa: E402

rng = np.random.default_rng(3)
x, _ = tfidf_like(rng, 40, 30, 4)
with open(os.path.join(here, "lsa_fixture.txt"), "w") as out:
    out.write(f"# scikit-learn {sklearn.__version__} TruncatedSVD(algorithm='arpack', tol=0)\n")
    for d in (2, 5, 12):
        svd = TruncatedSVD(n_components=d, algorithm="arpack", tol=0.0, random_state=0)
        embedding = svd.fit_transform(x)
        out.write(f"case d{d} {d}\n")
        write_matrix(out, "x", x)
        write_vector(out, "singular_values", svd.singular_values_)
        write_vector(out, "explained_variance", svd.explained_variance_)
        write_vector(out, "explained_variance_ratio", svd.explained_variance_ratio_)
        write_matrix(out, "embedding", embedding)
        write_matrix(out, "components", svd.components_)
