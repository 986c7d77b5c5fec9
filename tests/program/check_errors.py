#!/usr/bin/python3
"""The plansim program's behaviour on bad input: exit status (0 success, 1 bad data or I/O,
2 bad command line) and a message that names the file or option and says what to do. Also that
a failed run leaves an earlier bundle untouched and no staging folder behind.

    check_errors.py PLANSIM WORKDIR
"""
import filecmp
import os
import shutil
import subprocess
import sys

failures = []


def expect(arguments, status, *fragments, cwd=None):
    result = subprocess.run(arguments, capture_output=True, text=True, cwd=cwd)
    where = " ".join(arguments[1:])
    if result.returncode != status:
        failures.append(f"`{where}` exited {result.returncode}, expected {status}: {result.stderr.strip()}")
        return result
    for fragment in fragments:
        if fragment not in result.stderr:
            failures.append(f"`{where}`: stderr lacks {fragment!r}: {result.stderr.strip()}")
    if status != 0 and result.stdout:
        failures.append(f"`{where}` failed but wrote to stdout: {result.stdout.strip()}")
    return result


def main(plansim, work):
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    sample = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "data", "productivity-plans")

    # Success, help and version.
    out = os.path.join(work, "good")
    expect([plansim, "analyze", sample, "--out", out, "--quiet"], 0)
    result = expect([plansim, "--help"], 0)
    if "analyze" not in result.stdout:
        failures.append("--help does not list analyze")
    expect([plansim, "analyze", "--help"], 0)
    expect([plansim, "--version"], 0)

    # Progress goes to stderr only when it is a terminal; --quiet silences everything but errors.
    result = expect([plansim, "analyze", sample, "--out", out], 0)
    if result.stderr or "open " not in result.stdout:
        failures.append(f"without a terminal: stderr {result.stderr!r}, stdout {result.stdout!r}")
    result = expect([plansim, "analyze", sample, "--out", out, "--quiet"], 0)
    if result.stdout or result.stderr:
        failures.append(f"--quiet still wrote: {result.stdout!r} {result.stderr!r}")
    if shutil.which("script"):  # util-linux: runs the program on a pseudo-terminal
        tty = subprocess.run(["script", "-qec", f"'{plansim}' analyze '{sample}' --out '{out}'", "/dev/null"],
                             capture_output=True, text=True)
        if "plansim: counting terms..." not in tty.stdout:
            failures.append(f"no progress on a terminal: {tty.stdout!r}")
        tty = subprocess.run(["script", "-qec", f"'{plansim}' analyze '{sample}' --out '{out}' --quiet", "/dev/null"],
                             capture_output=True, text=True)
        if tty.stdout.strip():
            failures.append(f"--quiet on a terminal still wrote: {tty.stdout!r}")

    # Bad command lines: exit 2, naming the option.
    expect([plansim], 2, "A subcommand is required")
    expect([plansim, "analyze", sample, "--bogus"], 2, "--bogus", "--help")
    expect([plansim, "frobnicate"], 2, "frobnicate")
    expect([plansim, "vectorize", sample], 2, "--out is required")
    expect([plansim, "analyze", sample, "--out", os.path.join(work, "k"), "--k", "9"], 2,
           "--k '9': is above the number of rows (5) (choose k from 1 to 5, or auto)")
    expect([plansim, "analyze", sample, "--k", "0"], 2, "--k '0': not a whole number above 0")
    expect([plansim, "analyze", sample, "--min-df", "abc"], 2, "--min-df 'abc': not a number")
    expect([plansim, "analyze", sample, "--max-df", "1.5"], 2, "--max-df '1.5': a proportion must lie in [0.0, 1.0]")
    expect([plansim, "analyze", sample, "--ngram-range", "2,1"], 2, "--ngram-range '2,1': the first number is above the second")
    expect([plansim, "analyze", sample, "--space", "pca:3"], 2, "--space 'pca:3': unknown space")
    expect([plansim, "analyze", sample, "--out", os.path.join(work, "lsa"), "--space", "lsa:9"], 2,
           "--space 'lsa:9': asks for more dimensions than the 5 rows")
    expect([plansim, "analyze", sample, "--space", "lsa:3", "--measure", "jaccard"], 2,
           "--measure 'jaccard': is not defined for LSA embeddings")
    expect([plansim, "analyze", sample, "--measure", "manhattan"], 2, "--measure 'manhattan': unknown measure (choose cosine")
    expect([plansim, "analyze", sample, "--threshold", "1.5"], 2, "--threshold '1.5': outside the range of --measure cosine")
    expect([plansim, "analyze", sample, "--weighting", "bm25", "--sublinear-tf"], 2, "--sublinear-tf: applies to --weighting tfidf or tf only")
    expect([plansim, "analyze", sample, "--stop-words", os.path.join(work, "no-such-list.txt")], 2, "--stop-words")
    expect([plansim, "analyze", sample, "--k-range", "1..4"], 2, "--k-range '1..4': clusterings start at k = 2")
    expect([plansim, "analyze", sample, "--unit", "chapter"], 2, "--unit 'chapter': unknown unit (choose document, paragraph or theme)")
    expect([plansim, "analyze", sample, "--threads", "x"], 2, "--threads 'x'")
    expect([plansim, "analyze", sample, "--method", "ward", "--measure", "jaccard"], 2, "--method 'ward': Ward linkage needs Euclidean geometry")
    expect([plansim, "analyze", sample, "--method", "median"], 2, "--method 'median': unknown clustering method")
    no_dictionary = os.path.join(work, "no-such.dict")
    expect([plansim, "analyze", sample, "--dictionary", no_dictionary, "--out", os.path.join(work, "d")], 2,
           f"--dictionary '{no_dictionary}': not a readable file")
    expect([plansim, "analyze", sample, "--dictionary", no_dictionary, "--no-plans"], 2, "--dictionary", "has no effect with --no-plans")
    empty_dictionary = os.path.join(work, "empty.dict")
    with open(empty_dictionary, "w") as f:
        f.write("# only a comment\n")
    expect([plansim, "analyze", sample, "--dictionary", empty_dictionary, "--out", os.path.join(work, "d")], 2, "holds no patterns")

    # Bad data and I/O: exit 1, naming the file.
    empty = os.path.join(work, "empty")
    os.makedirs(empty)
    expect([plansim, "analyze", empty, "--out", os.path.join(work, "e")], 1, "[plansim.corpus.7]", empty)
    missing = os.path.join(work, "missing")
    expect([plansim, "analyze", missing, "--out", os.path.join(work, "m")], 1, "[plansim.corpus.2]", missing, "no such folder")

    binary = os.path.join(work, "binary")
    shutil.copytree(sample, binary)
    with open(os.path.join(binary, "scan.txt"), "wb") as f:
        f.write(b"%PDF-1.7\n\x00\x01\x02binary")
    expect([plansim, "analyze", binary, "--out", os.path.join(work, "b")], 1, "[plansim.corpus.4]",
           os.path.join(binary, "scan.txt"), "binary file")

    if os.geteuid() != 0:  # root reads any file, so this case needs an ordinary user
        unreadable = os.path.join(work, "unreadable")
        shutil.copytree(sample, unreadable)
        os.chmod(os.path.join(unreadable, "halton.txt"), 0)
        expect([plansim, "analyze", unreadable, "--out", os.path.join(work, "u")], 1, "halton.txt")
        os.chmod(os.path.join(unreadable, "halton.txt"), 0o644)

    bad_dictionary = os.path.join(work, "bad.dict")
    with open(bad_dictionary, "w") as f:
        f.write("# a strategy dictionary\nshared_services shared service*\n")
    expect([plansim, "analyze", sample, "--dictionary", bad_dictionary, "--out", os.path.join(work, "d")], 1,
           "[plansim.plans.7]", bad_dictionary + ":2", "no tab between code and pattern")

    # A user dictionary counts its own codes; --no-plans writes none of the productivity-plan files.
    good_dictionary = os.path.join(work, "good.dict")
    with open(good_dictionary, "w") as f:
        f.write("# two codes\nsocial_care\tsocial care\nsocial_care\tadult*\nhousing\thous*\n")
    plans_out = os.path.join(work, "own-dictionary")
    expect([plansim, "analyze", sample, "--dictionary", good_dictionary, "--out", plans_out, "--quiet"], 0)
    codes = {line.split(",")[2] for line in open(os.path.join(plans_out, "strategies.csv")).read().strip().split("\n")[1:]}
    if codes != {"social_care", "housing"}:
        failures.append(f"--dictionary: strategies.csv codes {sorted(codes)}, expected housing and social_care")
    no_plans_out = os.path.join(work, "no-plans")
    expect([plansim, "analyze", sample, "--no-plans", "--out", no_plans_out, "--quiet"], 0)
    written = set(os.listdir(no_plans_out))
    if written & {"passages.csv", "shared_passages.csv", "strategies.csv", "money.csv", "template.csv"} or "report.html" not in written:
        failures.append(f"--no-plans wrote {sorted(written)}")

    bad_metadata = os.path.join(work, "no-such.csv")
    expect([plansim, "analyze", sample, "--metadata", bad_metadata, "--out", os.path.join(work, "md")], 1, bad_metadata)

    # --out: a folder that is not a bundle is refused and left alone.
    precious = os.path.join(work, "thesis")
    os.makedirs(precious)
    with open(os.path.join(precious, "chapter1.txt"), "w") as f:
        f.write("precious")
    expect([plansim, "analyze", sample, "--out", precious], 1, "[plansim.report.1]", "choose another --out folder")
    if sorted(os.listdir(precious)) != ["chapter1.txt"]:
        failures.append("a refused --out folder was changed")

    # A failed run leaves the earlier bundle exactly as it was, and no staging folder.
    before = os.path.join(work, "before")
    shutil.copytree(out, before)
    expect([plansim, "analyze", binary, "--out", out], 1, "[plansim.corpus.4]")
    comparison = filecmp.dircmp(before, out)
    if comparison.left_only or comparison.right_only or comparison.diff_files:
        failures.append(f"a failed run changed the earlier bundle: {comparison.diff_files} {comparison.right_only}")
    leftovers = [name for name in os.listdir(work) if ".tmp-" in name]
    if leftovers:
        failures.append(f"staging folders left behind: {leftovers}")

    # A second successful run replaces the bundle.
    expect([plansim, "analyze", sample, "--out", out, "--quiet", "--top-k", "2"], 0)
    rows = open(os.path.join(out, "neighbors.csv")).read().strip().split("\n")
    if len(rows) != 1 + 5 * 2:
        failures.append(f"rerun with --top-k 2: {len(rows) - 1} neighbour rows, expected 10")

    if failures:
        print("check_errors: " + "\ncheck_errors: ".join(failures), file=sys.stderr)
        sys.exit(1)
    print("check_errors: every bad input gave the expected exit status and message")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
