#!/usr/bin/python3
"""Generate include/plansim/text/detail/unicode_tables.hpp from Python's own Unicode data.

Run with Debian 12's /usr/bin/python3 (Python 3.11, Unicode 14.0):

    /usr/bin/python3 scripts/gen_unicode_tables.py > include/plansim/text/detail/unicode_tables.hpp

Why Python: plansim promises token-for-token agreement with scikit-learn, whose tokenizer is
Python's `re` and whose preprocessing is `str.lower` and `unicodedata.normalize`. Taking the
tables from the same interpreter makes the agreement hold by construction, including Python's
own reading of the Unicode data (e.g. `\\w` is `str.isalnum() or '_'`, not UTS #18's \\w).

Every table is a two-stage lookup: stage1[c >> shift] names a block, stage2[block << shift |
(c & mask)] holds the value. Identical blocks are stored once. The output is deterministic.
"""

import sys
import unicodedata

MAX_CP = 0x110000
HANGUL_FIRST, HANGUL_LAST = 0xAC00, 0xD7A3

# Property bits (keep in sync with plansim/text/unicode.hpp).
PYTHON_WORD = 1 << 0      # re's \w for str patterns: c.isalnum() or c == '_'
ALPHA = 1 << 1            # str.isalpha
NUMERIC = 1 << 2          # str.isnumeric or isdigit or isdecimal
COMBINING = 1 << 3        # unicodedata.combining(c) != 0
WHITESPACE = 1 << 4       # str.isspace
LETTER_OR_DIGIT = 1 << 5  # general category L*, M*, Nd, Nl, No
MARK = 1 << 6             # general category M*
CASED = 1 << 7            # Unicode Cased (Lowercase or Uppercase or Lt)
CASE_IGNORABLE = 1 << 8   # Unicode Case_Ignorable, as Python's str.lower uses it


def lower_last(s):
    return s.lower()[-1]


def properties(cp):
    c = chr(cp)
    bits = 0
    if c.isalnum() or c == "_":
        bits |= PYTHON_WORD
    if c.isalpha():
        bits |= ALPHA
    if c.isnumeric() or c.isdigit() or c.isdecimal():
        bits |= NUMERIC
    if unicodedata.combining(c) != 0:
        bits |= COMBINING
    if c.isspace():
        bits |= WHITESPACE
    cat = unicodedata.category(c)
    if cat[0] in "LM" or cat in ("Nd", "Nl", "No"):
        bits |= LETTER_OR_DIGIT
    if cat[0] == "M":
        bits |= MARK
    # Python exposes Cased only through the one-character predicates.
    if c.islower() or c.isupper() or c.istitle():
        bits |= CASED
    # Case_Ignorable is not exposed at all; probe it through str.lower's Final_Sigma rule,
    # which skips case-ignorable characters between a cased letter and U+03A3:
    #   "A" + c + "Σ" ends in ς iff c is case-ignorable or cased; "c" + "Σ" ends in σ iff c is
    #   case-ignorable or not cased.
    if lower_last("A" + c + "\u03a3") == "\u03c2" and lower_last(c + "\u03a3") == "\u03c3":
        if c not in "\u03a3":
            bits |= CASE_IGNORABLE
    return bits


def strip_accents(c):
    # scikit-learn 1.2 strip_accents_unicode, one code point at a time. Per code point is exact:
    # NFKD is the concatenation of each code point's full decomposition followed by canonical
    # reordering, and reordering only moves characters with combining class != 0, which are the
    # very characters dropped here.
    return "".join(x for x in unicodedata.normalize("NFKD", c) if not unicodedata.combining(x))


def hangul_strip(cp):
    s = cp - HANGUL_FIRST
    l, v, t = 0x1100 + s // 588, 0x1161 + (s % 588) // 28, 0x11A7 + s % 28
    return chr(l) + chr(v) + (chr(t) if t != 0x11A7 else "")


def fnv1a(values):
    """FNV-1a, 64-bit, over a sequence of 32-bit values (little-endian bytes)."""
    h = 0xCBF29CE484222325
    for v in values:
        for k in range(4):
            h ^= (v >> (8 * k)) & 0xFF
            h = (h * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


def mapping_checksum(func, skip=lambda cp: False):
    """fnv1a over, for every code point, the length of its mapping and then its code points."""
    values = []
    for cp in range(MAX_CP):
        m = func(chr(cp)) if not skip(cp) else hangul_strip(cp)
        values.append(len(m))
        values.extend(ord(x) for x in m)
    return fnv1a(values)


def two_stage(values, shift):
    """Split values into deduplicated blocks of 1 << shift entries."""
    size = 1 << shift
    blocks, index, stage1 = [], {}, []
    for start in range(0, len(values), size):
        block = tuple(values[start:start + size])
        if block not in index:
            index[block] = len(blocks)
            blocks.append(block)
        stage1.append(index[block])
    return stage1, [v for b in blocks for v in b]


def ctype(values):
    m = max(values) if values else 0
    if m < 1 << 8:
        return "std::uint8_t"
    if m < 1 << 16:
        return "std::uint16_t"
    return "std::uint32_t"


def emit_array(out, name, values, doc, type_=None, per_line=24):
    type_ = type_ or ctype(values)
    out.append(f"/// {doc}")
    out.append(f"inline constexpr {type_} {name}[{len(values)}] = {{")
    for i in range(0, len(values), per_line):
        out.append("    " + ",".join(str(v) for v in values[i:i + per_line]) + ",")
    out.append("};")
    out.append("")


def best_shift(values):
    best = None
    for shift in range(5, 10):
        s1, s2 = two_stage(values, shift)
        cost = sum(len(str(v)) + 1 for v in s1) + sum(len(str(v)) + 1 for v in s2)
        if best is None or cost < best[0]:
            best = (cost, shift)
    return best[1]


class pool_builder:
    """Shared pool of char32_t for every multi-code-point (and every changed) mapping."""

    def __init__(self):
        self.data = []
        self.where = {}

    def add(self, s):
        if s not in self.where:
            self.where[s] = len(self.data)
            self.data.extend(ord(x) for x in s)
        return self.where[s]


def mapping_table(name, func, pool, out, doc, skip=lambda cp: False):
    """Per code point: 0 = maps to itself, k = entry k - 1 of NAME_entries, (offset << 5 | length)."""
    entries, entry_index, values = [], {}, []
    for cp in range(MAX_CP):
        c = chr(cp)
        m = c if skip(cp) else func(c)
        if m == c:
            values.append(0)
            continue
        assert len(m) < 32, (name, hex(cp), m)
        if m not in entry_index:
            entry_index[m] = len(entries) + 1
            entries.append(pool.add(m) << 5 | len(m))
        values.append(entry_index[m])
    shift = best_shift(values)
    stage1, stage2 = two_stage(values, shift)
    out.append(f"inline constexpr unsigned {name}_shift = {shift};")
    emit_array(out, f"{name}_stage1", stage1, f"{doc}: block of each {1 << shift} code points.")
    emit_array(out, f"{name}_stage2", stage2,
               f"{doc}: 0 keeps the code point, k > 0 is {name}_entries[k - 1].")
    emit_array(out, f"{name}_entries", entries,
               f"{doc}: offset << 5 | length into mapping_pool.", type_="std::uint32_t", per_line=12)


def self_check():
    """Check the per-code-point tables against whole-string Python on random strings."""
    import random
    rng = random.Random(20240601)
    pool = [cp for cp in range(0x2FFFF) if not 0xD800 <= cp < 0xE000]
    greek = [0x3A3, 0x391, 0x3B1, 0x301, 0x27, 0x2E, 0xAD, 0x20, 0x2019, 0x3C3]
    for _ in range(3000):
        s = "".join(chr(rng.choice(greek if rng.random() < 0.5 else pool))
                    for _ in range(rng.randrange(1, 12)))
        assert "".join(strip_accents(x) for x in s) == strip_accents(s) == \
            "".join(x for x in unicodedata.normalize("NFKD", s) if not unicodedata.combining(x)), s


def final_sigma(s, i, props):
    # Python's handle_capital_sigma (Objects/unicodeobject.c), used to check the probe above.
    j = i - 1
    while j >= 0 and props[ord(s[j])] & CASE_IGNORABLE:
        j -= 1
    final = j >= 0 and props[ord(s[j])] & CASED
    if final and i + 1 < len(s):
        j = i + 1
        while j < len(s) and props[ord(s[j])] & CASE_IGNORABLE:
            j += 1
        final = j == len(s) or not props[ord(s[j])] & CASED
    return bool(final)


def check_sigma(props):
    import random
    rng = random.Random(7)
    interesting = [cp for cp in range(0x3000) if props[cp] & (CASED | CASE_IGNORABLE)][:4000]
    alphabet = interesting + [0x3A3] * 200 + [0x20, 0x2E, 0x27, 0x41]
    for _ in range(20000):
        s = "".join(chr(rng.choice(alphabet)) for _ in range(rng.randrange(1, 8)))
        want = s.lower()
        got = "".join(("\u03c2" if final_sigma(s, i, props) else "\u03c3") if x == "\u03a3" else x.lower()
                      for i, x in enumerate(s))
        assert got == want, ascii(s)


def main():
    if unicodedata.unidata_version != "14.0.0":
        print(f"warning: Unicode {unicodedata.unidata_version}, plansim's tables are 14.0.0",
              file=sys.stderr)
    for cp in range(HANGUL_FIRST, HANGUL_LAST + 1):
        assert strip_accents(chr(cp)) == hangul_strip(cp)
        assert chr(cp).lower() == chr(cp) and chr(cp).casefold() == chr(cp)
    self_check()

    props = [properties(cp) for cp in range(MAX_CP)]
    check_sigma(props)
    classes = sorted(set(props))
    class_of = {p: i for i, p in enumerate(classes)}
    prop_values = [class_of[p] for p in props]

    out = []
    version = unicodedata.unidata_version
    major, minor, patch = (int(x) for x in version.split("."))
    out += [
        "#pragma once",
        "/// @file",
        "/// GENERATED by scripts/gen_unicode_tables.py from Python "
        f"{sys.version_info.major}.{sys.version_info.minor}'s unicodedata (Unicode {version}). Do not edit.",
        "/// Not API: use plansim/text/unicode.hpp. Two-stage tables: value(c) = stage2[stage1[c >> shift]",
        "/// << shift | (c & ((1 << shift) - 1))].",
        "",
        "#include <cstdint>",
        "",
        "namespace plansim::detail::unicode {",
        "",
        "/// The Unicode version the tables were generated from.",
        f"inline constexpr int unicode_version_major = {major};",
        f"inline constexpr int unicode_version_minor = {minor};",
        f"inline constexpr int unicode_version_patch = {patch};",
        f'inline constexpr const char* unicode_version = "{version}";',
        "",
    ]
    shift = best_shift(prop_values)
    stage1, stage2 = two_stage(prop_values, shift)
    out.append(f"inline constexpr unsigned property_shift = {shift};")
    emit_array(out, "property_stage1", stage1, f"Property class: block of each {1 << shift} code points.")
    emit_array(out, "property_stage2", stage2, "Property class of each code point, an index into property_classes.")
    emit_array(out, "property_classes", classes, "Property bitset of each class (bits in unicode.hpp).",
               type_="std::uint16_t")

    pool = pool_builder()
    hangul = lambda cp: HANGUL_FIRST <= cp <= HANGUL_LAST  # noqa: E731 (algorithmic, see unicode.hpp)
    mapping_table("lower", str.lower, pool, out, "str.lower (full mapping, no Final_Sigma context)")
    mapping_table("fold", str.casefold, pool, out, "str.casefold (full case folding)")
    mapping_table("strip", strip_accents, pool, out,
                  "NFKD without combining marks (scikit-learn strip_accents_unicode), Hangul excluded",
                  skip=hangul)
    out += [
        "/// FNV-1a 64 checksums of every code point's value, computed by the generator from Python",
        "/// (not from these tables), so that a test can check the lookups end to end.",
        f"inline constexpr std::uint64_t property_checksum = {fnv1a(props):#x}u;",
        f"inline constexpr std::uint64_t lower_checksum = {mapping_checksum(str.lower):#x}u;",
        f"inline constexpr std::uint64_t fold_checksum = {mapping_checksum(str.casefold):#x}u;",
        f"inline constexpr std::uint64_t strip_checksum = {mapping_checksum(strip_accents, hangul):#x}u;",
        "",
    ]
    emit_array(out, "mapping_pool", pool.data, "Shared pool of mapped code points.", type_="char32_t",
               per_line=12)
    out += ["}  // namespace plansim::detail::unicode", ""]
    sys.stdout.write("\n".join(out))


if __name__ == "__main__":
    main()
