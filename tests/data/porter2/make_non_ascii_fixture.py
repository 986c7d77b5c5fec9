#!/usr/bin/python3
"""Writes non_ascii.txt: words with non-ASCII letters and their stems from libstemmer.

Run with /usr/bin/python3 on a machine with Debian's libstemmer0d 2.2.0 (the Snowball C library,
UTF-8 English stemmer). Each line is "<word hex> <stem hex>", both UTF-8 bytes in hex, so the
file stays ASCII and needs no quoting. The words exercise how libstemmer counts letters in code
points (length checks, R1 and R2, short syllables, "preceded by more than one letter").
"""
import ctypes
import pathlib

WORDS = [
    "né", "néd", "nés", "café", "cafés", "naïve", "naïvely", "résumés", "résumé", "façade",
    "façades", "coöperation", "coöperating", "über", "übers", "ühoped", "éhoped", "éded",
    "ébed", "aéed", "aéing", "éies", "éied", "xéies", "éy", "xéy", "éyy", "éyed", "déjà",
    "smörgåsbords", "zoë", "zoës", "jalapeños", "piñatas", "señoritas", "москва", "ümlauting",
    "council’s", "councils’", "dog’s", "generalisé", "énational", "éational", "aéational",
    "hopéful", "éli", "ébli", "lögi", "ölogi", "éness", "élement", "sé", "séé", "ééé",
    "hé’s", "日本語", "日本語s", "emoji😀s", "é'", "'é", "'éé",
]


def main() -> None:
    lib = ctypes.CDLL("libstemmer.so.0d")
    lib.sb_stemmer_new.restype = ctypes.c_void_p
    lib.sb_stemmer_new.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
    lib.sb_stemmer_stem.restype = ctypes.POINTER(ctypes.c_ubyte)
    lib.sb_stemmer_stem.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
    lib.sb_stemmer_length.argtypes = [ctypes.c_void_p]
    lib.sb_stemmer_delete.argtypes = [ctypes.c_void_p]
    stemmer = lib.sb_stemmer_new(b"english", b"UTF_8")
    lines = []
    for word in WORDS:
        raw = word.encode("utf-8")
        out = lib.sb_stemmer_stem(stemmer, raw, len(raw))
        stem = bytes(out[: lib.sb_stemmer_length(stemmer)])
        lines.append(f"{raw.hex()} {stem.hex()}\n")
    lib.sb_stemmer_delete(stemmer)
    path = pathlib.Path(__file__).with_name("non_ascii.txt")
    path.write_text("".join(lines), encoding="ascii")


if __name__ == "__main__":
    main()
