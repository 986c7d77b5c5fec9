"""Shared writer for the cluster fixtures: plain text, one keyword per line, floats in repr form."""
import numpy as np
import scipy.sparse as sp


def write_matrix(out, name, x):
    """'matrix NAME dense R C' + R lines, or 'matrix NAME sparse R C NNZ' + NNZ 'i j v' lines."""
    if sp.issparse(x):
        x = sp.coo_matrix(x)
        order = np.lexsort((x.col, x.row))
        out.write(f"matrix {name} sparse {x.shape[0]} {x.shape[1]} {x.nnz}\n")
        for p in order:
            out.write(f"{x.row[p]} {x.col[p]} {float(x.data[p])!r}\n")
    else:
        x = np.asarray(x, dtype=float)
        out.write(f"matrix {name} dense {x.shape[0]} {x.shape[1]}\n")
        for row in x:
            out.write(" ".join(repr(float(v)) for v in row) + "\n")


def write_vector(out, name, v):
    v = np.ravel(v)
    out.write(f"vector {name} {len(v)}\n")
    out.write(" ".join(repr(float(a)) for a in v) + "\n")


def write_labels(out, name, v):
    v = np.ravel(v)
    out.write(f"labels {name} {len(v)}\n")
    out.write(" ".join(str(int(a)) for a in v) + "\n")


def write_scalar(out, name, value):
    out.write(f"scalar {name} {float(value)!r}\n")


def tfidf_like(rng, n, terms, groups, density=0.15):
    """Sparse non-negative rows whose topics depend on a hidden group, L2-normalised."""
    rows, cols, vals = [], [], []
    truth = np.arange(n) % groups
    for i in range(n):
        g = truth[i]
        rows.append(i)  # every document uses its group's first term, so no row is empty
        cols.append(g)
        vals.append(0.5)
        for t in range(groups, terms):
            boost = 4.0 if t % groups == g else 1.0
            if rng.random() < density * boost / 2.0:
                rows.append(i)
                cols.append(t)
                vals.append(rng.random() * boost + 0.1)
    x = sp.csr_matrix((vals, (rows, cols)), shape=(n, terms))
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1))).ravel()
    norms[norms == 0] = 1.0
    return sp.csr_matrix(sp.diags(1.0 / norms) @ x), truth
