"""scikit-learn's ARI, NMI (arithmetic) and AMI (arithmetic) on label pairs, for
tests/cluster/agreement_test.cpp. Run once: /usr/bin/python3 make_agreement_fixture.py"""
import os
import numpy as np
import sklearn
from sklearn import metrics
from fixture_io import write_labels, write_scalar

rng = np.random.default_rng(7)
pairs = {
    "identical": ([0, 0, 1, 1, 2, 2], [0, 0, 1, 1, 2, 2]),
    "permuted": ([0, 0, 1, 1, 2, 2], [2, 2, 0, 0, 1, 1]),
    "one_cluster_both": ([0, 0, 0, 0], [5, 5, 5, 5]),
    "one_cluster_vs_split": ([0, 0, 0, 0, 0, 0], [0, 0, 1, 1, 2, 2]),
    "singletons_both": ([0, 1, 2, 3, 4], [4, 3, 2, 1, 0]),
    "singletons_vs_one": ([0, 1, 2, 3, 4], [0, 0, 0, 0, 0]),
    "sklearn_doc": ([0, 0, 1, 1], [0, 0, 1, 2]),
    "independent": ([0, 0, 1, 1], [0, 1, 0, 1]),
    "random_small": (rng.integers(0, 3, 30), rng.integers(0, 4, 30)),
    "random_large": (rng.integers(0, 6, 400), rng.integers(0, 9, 400)),
    "noisy_copy": None,
}
truth = rng.integers(0, 5, 200)
noisy = truth.copy()
flip = rng.random(200) < 0.2
noisy[flip] = rng.integers(0, 5, flip.sum())
pairs["noisy_copy"] = (truth, noisy)

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "agreement_fixture.txt"), "w") as out:
    out.write(f"# scikit-learn {sklearn.__version__}: adjusted_rand_score, normalized_mutual_info_score, "
              "adjusted_mutual_info_score (average_method='arithmetic')\n")
    for name, (a, b) in pairs.items():
        out.write(f"case {name}\n")
        write_labels(out, "a", a)
        write_labels(out, "b", b)
        write_scalar(out, "ari", metrics.adjusted_rand_score(a, b))
        write_scalar(out, "nmi", metrics.normalized_mutual_info_score(a, b))
        write_scalar(out, "ami", metrics.adjusted_mutual_info_score(a, b))
