#!/usr/bin/python3
"""Write tokenizer_fixture.txt: scikit-learn's default analyzer applied to tricky UTF-8 strings.

Run with Debian 12's /usr/bin/python3 (scikit-learn 1.2.1, Unicode 14.0), from anywhere:

    /usr/bin/python3 tests/data/sklearn/make_tokenizer_fixture.py

Format, one case per line, three tab-separated fields, every string as the lowercase hex of its
UTF-8 bytes (so any code point, newlines included, survives):

    input <TAB> tokens with strip_accents=None <TAB> tokens with strip_accents='unicode'

where a token list is the tokens' hex joined by ',' (empty when there are none). Lines starting
with '#' are comments. The analyzers are TfidfVectorizer(...).build_analyzer() with the default
lowercase=True and token_pattern r"(?u)\\b\\w\\w+\\b"; tests/text/sklearn_compat_test.cpp checks
that normalize_text({lower, keep|strip}) followed by sklearn_tokenizer gives the same tokens.
"""

import os
import random
import unicodedata

import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer

HANDWRITTEN = [
    "The council's plan: £749.2m over 2024-25, up 17% (2.5% real).",
    "The council\u2019s \u2018housing-led\u2019 growth \u2014 £1,200 per home; $5bn; £600k.",
    "snake_case __init__ a_b _ __ x1 1x 42 7",
    "Straße STRASSE straße \u1e9e\u1e9e",
    "\u0130stanbul \u0130I\u0131i D\u0130YARBAKIR",
    "\u039f\u0394\u03a5\u03a3\u03a3\u0395\u03a5\u03a3 \u03a3\u039f\u03a6\u039f\u03a3 \u03a3 \u0391\u03a3' \u0391\u03a3\u0301 \u0391\u03a3\u00ad\u03a3",
    "\u0391\u0398\u0397\u039d\u0391 \u03ac\u03bb\u03c6\u03b1 \u03b2\u03ae\u03c4\u03b1 \u1f08\u03b8\u03b7\u03bd\u1fb6",
    "\u041c\u043e\u0441\u043a\u0432\u0430 \u0401\u041b\u041a\u0410 \u0439\u043e\u0433\u0443\u0440\u0442 \u0419",
    "\u6771\u4eac\u90fd \u5317\u4eac\u5e02\u3002\u3053\u3093\u306b\u3061\u306f \u30ab\u30bf\u30ab\u30ca \ud55c\uad6d\uc5b4 \ud55c",
    "\u0928\u092e\u0938\u094d\u0924\u0947 \u0939\u093f\u0928\u094d\u0926\u0940 \u0915\u093f\u0924\u093e\u092c",
    "\u0661\u0662\u0663 \u0967\u0968 \u09e6\u09e7 \uff11\uff12 \u00b2\u00b3 \u2460\u2461 \u216b\u216c x\u00b2",
    "\U0001F600\U0001F600 ab\U0001F44Dcd \U0001F1EC\U0001F1E7 \u2764\ufe0f ok",
    "\uff26\uff55\uff4c\uff4c\uff37\uff49\uff44\uff54\uff48 \uff21\uff22",
    "caf\u00e9 cafe\u0301 na\u00efve nai\u0308ve \u00c5ngstr\u00f6m A\u030angstro\u0308m",
    "\ufb01nance \ufb02ow \u2126hm \u212b \u00bd \u2153 \u3392 \u33a1",
    "\U0001D400\U0001D401\U0001D402 \U0001D7CE\U0001D7CF",
    "\ufdfa \ufb4f \u01c4\u01c5\u01c6 \u01f1\u01f2",
    "tab\there\nnew\r\nline\u00a0nbsp\u2003em\u3000ideo",
    "\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd \u0645\u0631\u062d\u0628\u0627 \u0627\u0644\u0639\u0627\u0644\u0645",
    "\u0e2a\u0e27\u0e31\u0e2a\u0e14\u0e35 \u10e1\u10d0\u10e5\u10d0\u10e0\u10d7\u10d5\u10d4\u10da\u10dd",
    "o\u0308\u0301\u0327 \u0301\u0301 \u0345\u0399 \u1e9b\u0323",
    "it\u2019s ma\u02bcam \u02bbokina \u02b0h",
    "e.g. i.e. U.K. A.B.C",
    "",
    "a",
    "ab",
    "\u00df",
    "\u1f88\u1f89 \u1fbc \u0149 \u01f0 \ufb00\ufb03",
    "\u2167\u2177 \u3007\u3021 \U00010140",
    "\u00aa\u00ba \u00b5 \u2071\u207f",
]

BLOCKS = [
    (0x20, 0x7E), (0xA0, 0xFF), (0x100, 0x24F), (0x250, 0x2FF), (0x300, 0x36F), (0x370, 0x3FF),
    (0x400, 0x4FF), (0x530, 0x58F), (0x590, 0x5FF), (0x600, 0x6FF), (0x900, 0x97F), (0x980, 0x9FF),
    (0xE00, 0xE7F), (0x10A0, 0x10FF), (0x1100, 0x11FF), (0x1E00, 0x1FFF), (0x2000, 0x206F),
    (0x2070, 0x209F), (0x2100, 0x218F), (0x2460, 0x24FF), (0x3000, 0x30FF), (0x3190, 0x33FF),
    (0x4E00, 0x4E80), (0xA640, 0xA6FF), (0xAC00, 0xD7A3), (0xFB00, 0xFDFF), (0xFE00, 0xFE6F),
    (0xFF00, 0xFFEF), (0x10400, 0x1044F), (0x1D400, 0x1D7FF), (0x1F100, 0x1F6FF), (0xE0000, 0xE007F),
]
FILLER = " \t\n.,;'-_\u2019\u03a3\u03a3"


def random_string(rng):
    out = []
    for _ in range(rng.randrange(1, 28)):
        r = rng.random()
        if r < 0.2:
            out.append(rng.choice(FILLER))
        else:
            lo, hi = BLOCKS[rng.randrange(len(BLOCKS))]
            out.append(chr(rng.randint(lo, hi)))
    return "".join(out)


def hexs(s):
    return s.encode("utf-8").hex()


def main():
    rng = random.Random(12345)
    cases = HANDWRITTEN + [random_string(rng) for _ in range(120)]
    keep = TfidfVectorizer().build_analyzer()
    strip = TfidfVectorizer(strip_accents="unicode").build_analyzer()
    lines = [
        f"# scikit-learn {sklearn.__version__}, Unicode {unicodedata.unidata_version}; "
        "written by make_tokenizer_fixture.py, do not edit",
    ]
    for s in cases:
        lines.append("\t".join([hexs(s), ",".join(map(hexs, keep(s))), ",".join(map(hexs, strip(s)))]))
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tokenizer_fixture.txt")
    with open(path, "w", encoding="ascii", newline="\n") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
