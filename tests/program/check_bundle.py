#!/usr/bin/python3
"""Structural checks of a plansim run bundle with the tools researchers read it with.

    check_bundle.py BUNDLE

Reads every CSV with pandas, the Matrix Market files with scipy.io.mmread, linkage.csv with
scipy.cluster.hierarchy.is_valid_linkage, and checks that they agree with each other, with
run.json (file list, SHA-256 of every input) and with an independent recomputation of the
similarities from weights.mtx. Exits 1 with a message naming the file at the first failure.
"""
import hashlib
import json
import math
import os
import re
import sys

import numpy as np
import pandas as pd
import scipy.cluster.hierarchy as hierarchy
import scipy.io


def fail(where, problem):
    print(f"check_bundle: {where}: {problem}", file=sys.stderr)
    sys.exit(1)


def check(condition, where, problem):
    if not condition:
        fail(where, problem)


def check_neighbors(path, run, docs, n, similarity):
    names = list(docs["name"])
    options = run["options"]
    nn = pd.read_csv(path("neighbors.csv"), keep_default_na=False)
    check(list(nn.columns[:4]) == ["doc", "neighbor", "rank", "score"], "neighbors.csv", f"columns {list(nn.columns)}")
    check(((nn["doc"] >= 0) & (nn["doc"] < n) & (nn["neighbor"] >= 0) & (nn["neighbor"] < n)).all(), "neighbors.csv", "id out of range")
    check((nn["doc"] != nn["neighbor"]).all(), "neighbors.csv", "a document is its own neighbour")
    distance = options["measure"] in ("euclidean", "hellinger", "jensen_shannon")
    matrix = similarity.to_numpy(dtype=float) if similarity is not None else None
    for doc, group in nn.groupby("doc"):
        check(list(group["rank"]) == list(range(1, len(group) + 1)), "neighbors.csv", f"ranks of doc {doc} are not 1..k")
        scores = group["score"].to_numpy()
        ordered = np.all(np.diff(scores) >= 0) if distance else np.all(np.diff(scores) <= 0)
        check(ordered, "neighbors.csv", f"scores of doc {doc} are not best first")
        if matrix is not None:
            row = matrix[doc]
            check(np.allclose(scores, row[group["neighbor"].to_numpy()], atol=1e-9), "neighbors.csv",
                  f"scores of doc {doc} differ from similarity_matrix.csv")
            others = np.delete(row, doc)
            best = others.min() if distance else others.max()
            check(abs(scores[0] - best) <= 1e-9, "neighbors.csv", f"doc {doc}'s first neighbour is not its best")
    check(list(nn["doc_name"]) == [names[i] for i in nn["doc"]], "neighbors.csv", "doc_name differs from documents.csv")


def check_choose_k(path, n):
    ck = pd.read_csv(path("choose_k.csv"))
    for column in ["k", "objective", "silhouette", "calinski_harabasz", "davies_bouldin", "stability", "chosen"]:
        check(column in ck.columns, "choose_k.csv", f"no column {column}")
    check(ck["k"].is_monotonic_increasing and ck["k"].min() >= 2 and ck["k"].max() <= n - 1, "choose_k.csv", "k outside 2..N-1")
    check(ck["chosen"].sum() <= 1, "choose_k.csv", "more than one chosen k")
    # A k whose clustering has fewer than 2 distinct clusters (all documents alike) has no
    # silhouette or stability: an empty cell (cluster/choose_k.hpp), never the chosen k's reason.
    check((ck["silhouette"].isna() | ck["silhouette"].between(-1, 1)).all(), "choose_k.csv", "silhouette outside [-1, 1]")
    check((ck["stability"].isna() | ck["stability"].between(0, 1)).all(), "choose_k.csv", "stability outside [0, 1]")
    check(ck["objective"].is_monotonic_decreasing, "choose_k.csv", "the objective does not fall with k")


THEMES = {"other", "transformation", "technology", "waste", "barriers"}


def check_plans(path, run, docs, folder, present):
    """The productivity-plan files: offsets inside each file, quotes equal to the file's bytes,
    known themes, positive strategy counts, non-negative amounts."""
    plan_files = ["passages.csv", "shared_passages.csv", "strategies.csv", "money.csv", "template.csv"]
    if "--no-plans" in run["arguments"]:
        check(not any(f in present for f in plan_files), "run.json", "--no-plans but productivity-plan files written")
        return
    for f in plan_files:
        check(f in present, f, "missing from an analyze bundle")
    raws = {}
    for name in set(docs["document"]) | {f["name"] for f in run["input"]["files"]}:
        raw = open(os.path.join(folder, name), "rb").read()
        raws[name] = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw

    def within(table, file, begin="start", end="end"):
        check(set(table["document"]) <= set(raws), file, "a document not among the inputs")
        sizes = table["document"].map(lambda d: len(raws[d]))
        check(((table[begin] >= 0) & (table[begin] <= table[end]) & (table[end] <= sizes)).all(), file,
              "an offset outside its document's file")

    passages = pd.read_csv(path("passages.csv"), keep_default_na=False)
    check(list(passages.columns) == ["document", "passage", "start", "end", "theme", "confidence"], "passages.csv",
          f"columns {list(passages.columns)}")
    check(len(passages) > 0, "passages.csv", "no passages")
    within(passages, "passages.csv")
    check(set(passages["theme"]) <= THEMES, "passages.csv", "unknown theme")
    check(((passages["confidence"] >= 0) & (passages["confidence"] <= 1)).all(), "passages.csv", "confidence outside [0, 1]")
    for document, group in passages.groupby("document", sort=False):
        check(list(group["passage"]) == list(range(len(group))), "passages.csv", f"passages of {document} are not 0..n-1")
        check((group["start"].to_numpy()[1:] >= group["end"].to_numpy()[:-1]).all(), "passages.csv", f"passages of {document} overlap")

    shared = pd.read_csv(path("shared_passages.csv"), keep_default_na=False)
    check(list(shared.columns) == ["group", "words", "documents", "document", "start", "end", "earliest", "text"],
          "shared_passages.csv", f"columns {list(shared.columns)}")
    within(shared, "shared_passages.csv")
    for row in shared.itertuples():
        quoted = raws[row.document][row.start:row.end].decode("utf-8")
        check(quoted == row.text, "shared_passages.csv", f"text of {row.document} [{row.start}, {row.end}) differs from the file")
    for g, group in shared.groupby("group"):
        check(group["document"].nunique() == group["documents"].iloc[0] >= 2, "shared_passages.csv", f"group {g}: documents count")
        check((group["words"] >= 12).all(), "shared_passages.csv", f"group {g} is shorter than 12 words")
        earliest = set(group["earliest"])
        check(len(earliest) == 1 and (earliest <= {""} or earliest <= set(group["document"])), "shared_passages.csv",
              f"group {g}: earliest is not one of its documents")

    strategies = pd.read_csv(path("strategies.csv"), keep_default_na=False)
    check(list(strategies.columns) == ["document", "theme", "code", "count"], "strategies.csv", f"columns {list(strategies.columns)}")
    # The sample plans name strategies and amounts; made-up corpora (the browser tests') need not.
    sample_folder = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "data", "productivity-plans")
    sample_plans = set(docs["document"]) <= set(os.listdir(sample_folder))
    check(len(strategies) > 0 or not sample_plans, "strategies.csv", "no strategy named in the sample plans")
    check(set(strategies["document"]) <= set(raws), "strategies.csv", "a document not among the inputs")
    check(set(strategies["theme"]) <= THEMES, "strategies.csv", "unknown theme")
    check((strategies["count"] > 0).all(), "strategies.csv", "a count of 0")
    check(not strategies.duplicated(["document", "theme", "code"]).any(), "strategies.csv", "a (document, theme, code) twice")

    money = pd.read_csv(path("money.csv"), keep_default_na=False, na_values=[""])
    for column in ["document", "start", "end", "text", "pounds", "pounds_high", "percent", "percent_high", "percentage",
                   "per_annum", "theme", "sentence"]:
        check(column in money.columns, "money.csv", f"no column {column}")
    check(len(money) > 0 or not sample_plans, "money.csv", "no amount found in the sample plans")
    within(money, "money.csv")
    check(set(money["theme"]) <= THEMES, "money.csv", "unknown theme")
    amounts = money[~money["percentage"].astype(bool)]
    check((amounts["pounds"] >= 0).all() and (amounts["pounds_high"] >= amounts["pounds"]).all(), "money.csv",
          "a negative amount, or a range whose high end is below its low end")
    check(money[money["percentage"].astype(bool)]["pounds"].isna().all(), "money.csv", "a percentage with pounds")
    for row in money.itertuples():
        text = raws[row.document]
        check(text[row.start:row.end].decode("utf-8") == row.text, "money.csv", f"text of {row.document} [{row.start}, {row.end}) differs from the file")
        check(row.text in row.sentence and row.sentence.encode("utf-8") in text, "money.csv", f"sentence of {row.document} at {row.start}")

    template = pd.read_csv(path("template.csv"), keep_default_na=False)
    check(sorted(template["document"]) == sorted(f["name"] for f in run["input"]["files"]), "template.csv", "not one row per input")
    check(((template["masked_share"] >= 0) & (template["masked_share"] <= 1)).all(), "template.csv", "masked_share outside [0, 1]")
    sizes = template["document"].map(lambda d: len(raws[d]))
    check((abs(template["masked_share"] * sizes - template["masked_bytes"]) <= 1e-6 * sizes + 1e-9).all(), "template.csv",
          "masked_share is not masked_bytes / the document's size")


def main(bundle):
    path = lambda name: os.path.join(bundle, name)
    run = json.load(open(path("run.json"), encoding="utf-8"))
    check(run["program"] == "plansim", "run.json", "program is not plansim")
    present = sorted(os.listdir(bundle))
    check(sorted(run["outputs"]) == present, "run.json", f"outputs {sorted(run['outputs'])} != files {present}")
    check(not any(".tmp-" in f for f in present), bundle, "a temporary file was left in the bundle")
    folder = run["input"].get("folder_absolute", run["input"]["folder"])  # paths may be relative to where plansim ran
    for f in run["input"]["files"]:
        file = os.path.join(folder, f["name"])
        digest = hashlib.sha256(open(file, "rb").read()).hexdigest()
        check(digest == f["sha256"], "run.json", f"SHA-256 of {file} differs")
        check(os.path.getsize(file) == f["bytes"], "run.json", f"size of {file} differs")
    if run["input"]["metadata"]:
        m = run["input"]["metadata"]
        metadata = m["path"] if os.path.isabs(m["path"]) or "folder_absolute" not in run["input"] else \
            os.path.join(folder, os.path.relpath(m["path"], run["input"]["folder"]))
        check(hashlib.sha256(open(metadata, "rb").read()).hexdigest() == m["sha256"], "run.json", "metadata SHA-256 differs")
    for step, seconds in run["timings_seconds"].items():
        check(seconds >= 0, "run.json", f"negative timing for {step}")

    docs = pd.read_csv(path("documents.csv"), keep_default_na=False, na_values=[""])
    n = run["units"]
    check(len(docs) == n, "documents.csv", f"{len(docs)} rows, run.json says {n}")
    check(list(docs["id"]) == list(range(n)), "documents.csv", "ids are not 0..N-1 in order")
    check(docs["name"].is_unique, "documents.csv", "names are not unique")
    for column in ["name", "document", "path", "begin", "end", "tokens", "terms"]:
        check(column in docs.columns, "documents.csv", f"no column {column}")
    check((docs["begin"] <= docs["end"]).all(), "documents.csv", "begin after end")
    if run["options"]["unit"] == "theme":
        themes = {"other", "transformation", "technology", "waste", "barriers"}
        check("theme" in docs.columns and set(docs["theme"]) <= themes, "documents.csv", "theme column missing or unknown theme")
        check(all(name.split("#")[1].split("-")[0] == theme for name, theme in zip(docs["name"], docs["theme"])), "documents.csv",
              "a theme section's name does not carry its theme")

    t = run["terms"]
    if "vocabulary.txt" not in present:  # plansim neighbors or choose-k: documents.csv, neighbors.csv or choose_k.csv
        if "neighbors.csv" in present:
            check_neighbors(path, run, docs, n, None)
        if "choose_k.csv" in present:
            check_choose_k(path, n)
        print(f"check_bundle: {bundle}: {n} rows, {len(present)} files: all consistent")
        return
    terms = [line for line in open(path("vocabulary.txt"), encoding="utf-8").read().split("\n")][:-1]
    check(len(terms) == t, "vocabulary.txt", f"{len(terms)} terms, run.json says {t}")

    counts = scipy.io.mmread(path("counts.mtx")).tocsr()
    weights = scipy.io.mmread(path("weights.mtx")).tocsr()
    for name, matrix in [("counts.mtx", counts), ("weights.mtx", weights)]:
        check(matrix.shape == (n, t), name, f"shape {matrix.shape}, expected ({n}, {t}) from documents.csv and vocabulary.txt")
    check(counts.dtype.kind in "iu" and counts.data.min() > 0, "counts.mtx", "counts are not positive integers")
    check((counts != 0).sum() == (weights != 0).sum(), "weights.mtx", "stored entries differ from counts.mtx")
    check((np.asarray((counts != 0).sum(axis=1)).ravel() == docs["terms"].to_numpy()).all(), "documents.csv",
          "terms column differs from counts.mtx")
    check((np.asarray(counts.sum(axis=1)).ravel() <= docs["tokens"].to_numpy()).all(), "documents.csv",
          "fewer tokens than counted terms")
    options = run["options"]
    if options["weighting"] in ("tfidf", "tf", "binary") and options["preset"] != "quanteda":
        norms = np.sqrt(np.asarray(weights.multiply(weights).sum(axis=1)).ravel())
        nonzero = norms > 0
        check(np.allclose(norms[nonzero], 1.0, atol=1e-9), "weights.mtx", "rows are not L2-normalised")

    names = list(docs["name"])
    similarity = None
    if "similarity_matrix.csv" in present:
        similarity = pd.read_csv(path("similarity_matrix.csv"), index_col=0, keep_default_na=False)
        check(list(similarity.index) == names and list(similarity.columns) == names, "similarity_matrix.csv",
              "row or column names differ from documents.csv")
        s = similarity.to_numpy(dtype=float)
        check(np.array_equal(s, s.T), "similarity_matrix.csv", "not symmetric")
        if options["measure"] == "cosine":
            w = weights.toarray()
            space = options.get("space", "terms")
            if space.startswith("lsa:"):
                # --space lsa:D compares the rows' top-D SVD embeddings U_D S_D (column signs do
                # not change cosines); the randomized SVD is exact when D + 10 covers the rank.
                d = int(space[4:])
                u, sv, _ = np.linalg.svd(w, full_matrices=False)
                w = u[:, :d] * sv[:d]
            norms = np.linalg.norm(w, axis=1)
            norms[norms == 0] = 1
            expected = (w / norms[:, None]) @ (w / norms[:, None]).T
            check(np.allclose(s, expected, atol=1e-9), "similarity_matrix.csv", "differs from cosine recomputed from weights.mtx")
        if "map_x" in docs.columns and options["measure"] != "dot":
            # Classical MDS recomputed with numpy: the same two axes up to sign.
            d = s if options["measure"] in ("euclidean", "hellinger", "jensen_shannon") else np.maximum(0.0, 1.0 - s)
            np.fill_diagonal(d, 0.0)
            j = np.eye(n) - 1.0 / n
            b = -0.5 * j @ (d * d) @ j
            values, vectors = np.linalg.eigh(b)
            for axis, column in enumerate(["map_x", "map_y"]):
                expected_axis = vectors[:, -1 - axis] * np.sqrt(max(values[-1 - axis], 0.0))
                got = docs[column].to_numpy(dtype=float)
                gap = min(np.abs(got - expected_axis).max(), np.abs(got + expected_axis).max())
                check(gap <= 1e-6 * max(1.0, np.abs(expected_axis).max()), "documents.csv",
                      f"{column} differs from classical MDS recomputed by numpy (by {gap})")

    if "neighbors.csv" in present:
        check_neighbors(path, run, docs, n, similarity)
    if "report.html" not in present:  # plansim vectorize
        print(f"check_bundle: {bundle}: {n} rows, {t} terms, {len(present)} files: all consistent")
        return

    clustered = "clusters.csv" in present
    if clustered:
        labels = docs["cluster"].to_numpy()
        k = int(labels.max()) + 1
        check(set(labels) == set(range(k)), "documents.csv", "cluster labels are not 0..k-1")
        clusters = pd.read_csv(path("clusters.csv"), keep_default_na=False)
        check(list(clusters["cluster"]) == list(range(k)), "clusters.csv", "one row per cluster, 0..k-1")
        sizes = np.bincount(labels, minlength=k)
        check(list(clusters["size"]) == list(sizes), "clusters.csv", "sizes differ from documents.csv")
        if "medoid" in clusters.columns:
            for c, medoid in zip(clusters["cluster"], clusters["medoid"]):
                check(labels[medoid] == c, "clusters.csv", f"medoid {medoid} is not in cluster {c}")
    if "linkage.csv" in present:
        z = pd.read_csv(path("linkage.csv"))
        check(list(z.columns) == ["a", "b", "height", "size"], "linkage.csv", f"columns {list(z.columns)}")
        check(len(z) == n - 1, "linkage.csv", f"{len(z)} rows for {n} documents")
        check(hierarchy.is_valid_linkage(z.to_numpy(dtype=float)), "linkage.csv", "not a valid SciPy linkage")
        check("dendrogram.nwk" in present, bundle, "linkage.csv without dendrogram.nwk")
        method, measure = options["method"], options["measure"]
        if similarity is not None and measure in ("cosine", "jaccard", "dice", "tanimoto", "euclidean", "hellinger", "jensen_shannon"):
            # SciPy builds the same tree from the same distances: equal heights, in order.
            import scipy.spatial.distance as distance
            s = similarity.to_numpy(dtype=float)
            d = s.copy() if measure in ("euclidean", "hellinger", "jensen_shannon") else np.maximum(0.0, 1.0 - s)
            if method == "ward" and measure == "cosine":
                d = np.sqrt(2.0 * d)  # Euclidean distance between the unit rows
            np.fill_diagonal(d, 0.0)
            if method != "ward" or measure in ("cosine", "euclidean"):
                expected = hierarchy.linkage(distance.squareform(d, checks=False), method=method)
                check(np.allclose(np.sort(z["height"].to_numpy()), np.sort(expected[:, 2]), atol=1e-7), "linkage.csv",
                      f"heights differ from scipy.cluster.hierarchy.linkage(method={method!r})")
        newick = open(path("dendrogram.nwk"), encoding="utf-8").read().strip()
        check(newick.endswith(";") and newick.count("(") == newick.count(")") == n - 1, "dendrogram.nwk", "not a binary Newick tree of N leaves")
    if "cluster_terms.csv" in present:
        ct = pd.read_csv(path("cluster_terms.csv"), keep_default_na=False)
        for column in ["cluster", "rank", "term", "score", "count", "docs_using"]:
            check(column in ct.columns, "cluster_terms.csv", f"no column {column}")
        check(set(ct["term"]) <= set(terms), "cluster_terms.csv", "a term not in vocabulary.txt")
        if clustered and len(ct) > 0:  # an empty file reads as untyped columns: nothing to index
            check((ct["docs_using"].astype(int) <= sizes[ct["cluster"].to_numpy(dtype=int)]).all(), "cluster_terms.csv",
                  "docs_using above the cluster's size")
    if "choose_k.csv" in present:
        check_choose_k(path, n)
    if "evidence.csv" in present:
        # Every quote is exactly the bytes of its document file at its offsets (the sample files have no BOM).
        evidence = pd.read_csv(path("evidence.csv"), keep_default_na=False)
        paths = {name: os.path.join(folder, name) for name in docs["document"]}
        for row in evidence.itertuples():
            raw = open(paths[row.document], "rb").read()
            offset = 3 if raw.startswith(b"\xef\xbb\xbf") else 0
            quoted = raw[offset + row.begin:offset + row.end].decode("utf-8")
            check(quoted == row.text, "evidence.csv", f"quote of {row.document} [{row.begin}, {row.end}) differs from the file")
            check(row.term in set(ct["term"][ct["cluster"] == row.cluster]), "evidence.csv", f"term {row.term} is not one of cluster {row.cluster}'s")

    check_plans(path, run, docs, folder, present)

    html = open(path("report.html"), encoding="utf-8").read()
    check(html.startswith("<!DOCTYPE html>"), "report.html", "no doctype")
    check(not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html), "report.html", "refers to something outside the file")
    check("<link" not in html, "report.html", "a <link> element (the page must be self-contained)")
    data = re.search(r'<script type="application/json" id="plansim-data">(.*?)</script>', html, re.S)
    check(data is not None, "report.html", "no embedded data")
    embedded = json.loads(data.group(1))
    for section in ["themes"] + ([] if "--no-plans" in run["arguments"] else ["shared", "strategies", "money"]):
        check(f'<section id="{section}">' in html, "report.html", f"no {section} section")
    check(embedded["names"] == names, "report.html", "embedded names differ from documents.csv")
    print(f"check_bundle: {bundle}: {n} rows, {t} terms, {len(present)} files: all consistent")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print("usage: check_bundle.py BUNDLE", file=sys.stderr)
        sys.exit(2)
    main(sys.argv[1])
