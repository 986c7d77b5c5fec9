#!/usr/bin/python3
"""Writes tfidf_fixture.txt: scikit-learn's TfidfVectorizer output on a small corpus under several
settings, for tests/weighting/sklearn_compat_test.cpp. Run with Debian's python3 (scikit-learn 1.2.1):

    /usr/bin/python3 tests/data/sklearn/make_tfidf_fixture.py

Format: a `corpus N` block with one document per line (escaped with \\n), then for each case
`case NAME key=value ...`, `vocabulary N` + terms, `matrix ROWS COLS NNZ` + `row col value` lines
(0-based, values with 17 significant digits).
"""
import pathlib
import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer

CORPUS = [
    "The council's plan sets out how we transformed services, and how we will go further.",
    "Technology and data: we use data to design services; our data platform saves money.",
    "Reducing wasteful spend: agency staff costs fell by 17% and consultancy spend by £1.2m.",
    "Barriers government could remove: ring-fenced grants, short-term funding and reporting burdens.",
    "Services services services: the council redesigned adult social care and children's services.",
    "We share services with neighbouring councils, and we share data with health partners.",
    "Short-term funding is the main barrier; multi-year settlements would let the council plan.",
    "Café Zoë: naïve résumé façade, ÉCOLE and Straße in the Ünïcödé test document.",
]

CASES = [
    ("default", {}),
    ("sublinear", {"sublinear_tf": True}),
    ("no_smooth", {"smooth_idf": False}),
    ("l1", {"norm": "l1"}),
    ("no_norm", {"norm": None}),
    ("binary_no_idf", {"binary": True, "use_idf": False}),
    ("bigrams", {"ngram_range": (1, 2)}),
    ("pruned", {"min_df": 2, "max_df": 0.5}),
    ("pruned_share", {"min_df": 0.2, "max_df": 6}),
    # max_features only where no two terms tie at the cut: scikit-learn orders ties by numpy's
    # unstable argsort, plansim by term (documented), so a tie at the boundary has no one answer.
    ("max_features", {"max_features": 6}),
    ("max_features_15", {"max_features": 15}),
    ("accents", {"strip_accents": "unicode"}),
]


def escape(text):
    return text.replace("\\", "\\\\").replace("\n", "\\n")


def main():
    out = [f"# scikit-learn {sklearn.__version__} TfidfVectorizer fixture; made by make_tfidf_fixture.py"]
    out.append(f"corpus {len(CORPUS)}")
    out.extend(escape(d) for d in CORPUS)
    for name, params in CASES:
        vec = TfidfVectorizer(**params)
        X = vec.fit_transform(CORPUS).tocoo()
        terms = vec.get_feature_names_out()
        desc = " ".join(f"{k}={str(v).replace(' ', '')}" for k, v in params.items())
        out.append(f"case {name} {desc}".rstrip())
        out.append(f"vocabulary {len(terms)}")
        out.extend(escape(t) for t in terms)
        entries = sorted(zip(X.row, X.col, X.data))
        out.append(f"matrix {X.shape[0]} {X.shape[1]} {len(entries)}")
        out.extend(f"{r} {c} {v:.17g}" for r, c, v in entries)
    path = pathlib.Path(__file__).with_name("tfidf_fixture.txt")
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
