#!/usr/bin/python3
"""Writes linkage_fixture.txt: SciPy's hierarchical clustering on small condensed distance
vectors, for tests/cluster/linkage_test.cpp and dendrogram_test.cpp. Run once, commit the output:

    /usr/bin/python3 tests/data/cluster/make_linkage_fixture.py > tests/data/cluster/linkage_fixture.txt

Format, one record per line, numbers in repr (round-trip) form:
    case NAME N                    then
    condensed v...                 pdist order
    method M                       then for that method:
    row a b height size            N-1 rows, SciPy's linkage(condensed, M)
    maxclust k labels...           fcluster(Z, k, 'maxclust') as SciPy >= 1.15 gives it (see below),
                                   canonical 0-based labels
    distance t labels...           fcluster(Z, t, 'distance')
    cuttree k labels...            cut_tree(Z, n_clusters=k), only where no tie straddles the cut
                                   (rows n-k-1 and n-k differ in height): among equal heights
                                   cut_tree follows its own tree walk, plansim the row order
    cophenet v...                  cophenet(Z)
    corr r                         cophenet(Z, condensed)[0] ('nan' when undefined)
    leaves i...                    leaves_list(Z)
    link x height lx lh rx rh      dendrogram(Z, no_plot=True) links, x mapped back by (x-5)/10,
                                   sorted
Canonical labels: cluster 0 is the largest, ties broken by the smallest document id.

SciPy before 1.15 gets 'maxclust' wrong (its binary search, gh-12651, fixed by gh-21121: three
points with t=3 gave one cluster). Debian's SciPy is 1.10, so `maxclust` here applies the fixed
rule through fcluster's 'distance' criterion, which was never affected: the smallest threshold
among {-inf} and the max-distance of each cluster (hierarchy.maxdists) that leaves at most k
clusters.
"""
import sys
import warnings

import numpy as np
import scipy
from scipy.cluster import hierarchy
from scipy.spatial.distance import pdist

METHODS = ["single", "complete", "average", "weighted", "ward"]


def canonical(labels):
    labels = list(labels)
    groups = {}
    for i, g in enumerate(labels):
        groups.setdefault(g, []).append(i)
    order = sorted(groups, key=lambda g: (-len(groups[g]), groups[g][0]))
    name = {g: c for c, g in enumerate(order)}
    return [name[g] for g in labels]


def maxclust(z, n, k):
    for t in [-np.inf] + sorted(set(hierarchy.maxdists(z))):
        labels = np.arange(n) if t == -np.inf else hierarchy.fcluster(z, t, "distance")
        if len(set(labels)) <= k:
            return labels
    raise AssertionError("the top threshold always leaves one cluster")


def cases():
    rng = np.random.RandomState(20261201)
    for n in (2, 3, 5, 8, 20, 40):
        yield f"uniform{n}", n, rng.uniform(0.0, 1.0, n * (n - 1) // 2)
    for n in (6, 12, 25):  # small integers: many exact ties
        yield f"ties{n}", n, rng.randint(1, 4, n * (n - 1) // 2).astype(float)
    yield "equal5", 5, np.full(10, 0.5)
    points = rng.normal(size=(15, 3))
    points[7] = points[2]  # a duplicate point: a zero distance
    yield "euclid15", 15, pdist(points)
    grid = rng.randint(0, 3, size=(30, 2)).astype(float)  # duplicates and equal distances
    yield "grid30", 30, pdist(grid)
    words = rng.poisson(0.7, size=(18, 30)).astype(float) + 1e-3
    yield "cosine18", 18, pdist(words, "cosine")


def fmt(v):
    return repr(float(v))


def main():
    out = sys.stdout
    out.write(f"# SciPy {scipy.__version__}, numpy {np.__version__}\n")
    for name, n, y in cases():
        out.write(f"case {name} {n}\n")
        out.write("condensed " + " ".join(fmt(v) for v in y) + "\n")
        for method in METHODS:
            z = hierarchy.linkage(y, method)
            out.write(f"method {method}\n")
            for a, b, h, s in z:
                out.write(f"row {int(a)} {int(b)} {fmt(h)} {int(s)}\n")
            for k in range(1, n + 1):
                out.write(f"maxclust {k} " + " ".join(map(str, canonical(maxclust(z, n, k)))) + "\n")
                cut = hierarchy.cut_tree(z, n_clusters=k)[:, 0]
                assert len(set(cut)) == k
                if 1 < k < n and z[n - k - 1, 2] == z[n - k, 2]:
                    continue
                out.write(f"cuttree {k} " + " ".join(map(str, canonical(cut))) + "\n")
            for t in sorted(set(z[:, 2])) + [0.0, 0.25, 0.5, 1.0]:
                out.write(f"distance {fmt(t)} " + " ".join(map(str, canonical(hierarchy.fcluster(z, t, "distance")))) + "\n")
            out.write("cophenet " + " ".join(fmt(v) for v in hierarchy.cophenet(z)) + "\n")
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                r = hierarchy.cophenet(z, y)[0] if n >= 3 else float("nan")
            out.write("corr " + ("nan" if np.isnan(r) else fmt(r)) + "\n")
            out.write("leaves " + " ".join(map(str, hierarchy.leaves_list(z))) + "\n")
            d = hierarchy.dendrogram(z, no_plot=True)
            links = []
            for ic, dc in zip(d["icoord"], d["dcoord"]):
                lx, _, _, rx = [(v - 5.0) / 10.0 for v in ic]
                links.append(((lx + rx) / 2, dc[1], lx, dc[0], rx, dc[3]))
            for link in sorted(links):
                out.write("link " + " ".join(fmt(v) for v in link) + "\n")
    out.write("end\n")


if __name__ == "__main__":
    main()
