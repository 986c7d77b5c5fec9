#!/usr/bin/python3
"""Writes the scikit-learn fixtures that tests/text/ngrams_test.cpp and stop_words_test.cpp check.

Run with /usr/bin/python3 (Debian 12's python3-sklearn, scikit-learn 1.2.1) from any folder:

    /usr/bin/python3 tests/data/sklearn/make_ngram_fixture.py

ngrams.txt: one record per line, three tab-separated fields:

    <kind>  <input>  <n-grams>

kind is "char" (analyzer='char', ngram_range=(1, 3)), "char_wb" (analyzer='char_wb',
ngram_range=(2, 4)) or "word" (word n-grams, ngram_range=(1, 3), over a given token list).
Every string is its UTF-8 bytes in lower-case hex; a list is its strings joined by ",", and an
empty field is an empty list. For "char" and "char_wb" the input is one string (a document);
for "word" it is the token list. The n-grams are listed in the order scikit-learn returns them.
Lines starting with "#" are comments.

english_stop_words.txt: sklearn's ENGLISH_STOP_WORDS, sorted, one word per line.
"""
import pathlib

import sklearn
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer

HERE = pathlib.Path(__file__).resolve().parent

DOCUMENTS = [
    "",
    "a",
    "ab",
    "abc",
    "Productivity plan",
    "The council's plan  for 2024:\tgrowth,\n\nskills & housing.",
    "  leading and trailing spaces  ",
    " single leading space",
    "tab\tseparated\twords",
    "tab and space \t mixed",
    "lines\nand\r\nwindows\rbreaks",
    "no\u00a0break\u00a0space",
    "nbsp and space \u00a0 run",
    "ideographic\u3000space and em\u2003space",
    "separators\x1c\x1d\x1e\x1fhere",
    "next line\u0085and line\u2028separator",
    "zero\u200bwidth is not space",
    "café naïve résumé",
    "Straße Œuvre ﬁnance",
    "日本語のテキスト",
    "emoji 😀 and 👍🏽 modifiers",
    "combining e\u0301 accent",
    "x",
    "xy z",
    "   ",
    "\t",
    "a\tb",
    "a \u00a0\tb",
    "one-letter w o r d s",
    "ab cd efg hijk",
]

TOKEN_LISTS = [
    [],
    ["council"],
    ["productivity", "plan"],
    ["the", "council", "plan"],
    ["a", "b", "c", "d", "e"],
    ["café", "naïve", "日本語", "😀"],
    ["repeat", "repeat", "repeat", "repeat"],
    ["with space", "tokens", "x"],
]


def hexed(strings):
    return ",".join(s.encode("utf-8").hex() for s in strings)


def main() -> None:
    char = CountVectorizer(analyzer="char", ngram_range=(1, 3), lowercase=False).build_analyzer()
    char_wb = CountVectorizer(analyzer="char_wb", ngram_range=(2, 4), lowercase=False).build_analyzer()
    word = CountVectorizer(
        analyzer="word",
        ngram_range=(1, 3),
        lowercase=False,
        preprocessor=lambda tokens: tokens,
        tokenizer=lambda tokens: tokens,
        token_pattern=None,
    ).build_analyzer()

    lines = [f"# made by make_ngram_fixture.py with scikit-learn {sklearn.__version__}\n"]
    for document in DOCUMENTS:
        lines.append(f"char\t{hexed([document])}\t{hexed(char(document))}\n")
    for document in DOCUMENTS:
        lines.append(f"char_wb\t{hexed([document])}\t{hexed(char_wb(document))}\n")
    for tokens in TOKEN_LISTS:
        lines.append(f"word\t{hexed(tokens)}\t{hexed(word(tokens))}\n")
    (HERE / "ngrams.txt").write_text("".join(lines), encoding="ascii")

    (HERE / "english_stop_words.txt").write_text(
        "".join(w + "\n" for w in sorted(ENGLISH_STOP_WORDS)), encoding="utf-8"
    )


if __name__ == "__main__":
    main()
