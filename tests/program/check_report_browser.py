#!/usr/bin/python3
"""Opens a plansim report in a real headless browser (Debian's chromium) and checks it works.

    check_report_browser.py PLANSIM WORKDIR [--documents N | --hostile] [--screenshot FILE.png] [-- PLANSIM ARGS...]

Runs `plansim analyze` into WORKDIR/run (on the bundled sample corpus, or with --documents N on
N synthetic documents made from the sample plans' sentences), then
  1. `chromium --headless=new --dump-dom`: the page's script must have set
     <p id="plansim-status" data-status="ready"> (an error anywhere on the page sets "error"
     through window.onerror), and chromium must log no JavaScript console error;
  2. `chromium --screenshot`: a PNG of 1280 px width, big enough to hold a drawn page.
With --hostile the documents' names and texts try to break out of the page (</script>, quotes,
tags, U+2028): the page must still work and no injected element may appear in the DOM.
Exits 1 naming what failed.
"""
import os
import random
import re
import shutil
import struct
import subprocess
import sys

SAMPLE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "data", "productivity-plans")


def fail(problem):
    print(f"check_report_browser: {problem}", file=sys.stderr)
    sys.exit(1)


def synthetic_corpus(folder, documents):
    """N documents, each a deterministic mix of sentences of one or two sample plans, so that
    there are groups for the heatmap and the map to show."""
    sentences = {}
    for name in sorted(os.listdir(SAMPLE)):
        if name.endswith(".txt"):
            text = open(os.path.join(SAMPLE, name), encoding="utf-8").read()
            sentences[name] = [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if len(s.strip()) > 40]
    plans = sorted(sentences)
    rng = random.Random(20241201)
    os.makedirs(folder, exist_ok=True)
    for i in range(documents):
        plan = plans[i % len(plans)]
        picked = rng.sample(sentences[plan], 12) + rng.sample(sentences[plans[(i // 7) % len(plans)]], 3)
        with open(os.path.join(folder, f"doc-{i:05d}.txt"), "w", encoding="utf-8") as out:
            out.write(" ".join(picked) + "\n")


INJECTED = '</script><p id="pwned">x</p><script>document.title="pwned"</script>'


def hostile_corpus(folder):
    """Documents whose names and text are markup, to check every piece of text is escaped."""
    os.makedirs(folder, exist_ok=True)
    names = ['a<b>.txt', 'quote"and\'apostrophe.txt', 'amp&lt;.txt', 'plain.txt']
    for i, name in enumerate(names):
        with open(os.path.join(folder, name), "w", encoding="utf-8") as out:
            out.write(f"Shared services and data {i}. {INJECTED} council budget \u2028 line separator "
                      f"<img src=x onerror=alert(1)> & more text about councils and services {i % 2}.\n\n"
                      f"A second paragraph on technology and data {INJECTED}.\n")


def chromium(*arguments):
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if not browser:
        fail("chromium is not installed (scripts/setup.sh report installs it)")
    command = [browser, "--headless=new", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0",
               "--no-first-run", "--hide-scrollbars", *arguments]
    return subprocess.run(command, capture_output=True, text=True, timeout=240)


def main():
    args = sys.argv[1:]
    extra = []
    if "--" in args:
        extra = args[args.index("--") + 1:]
        args = args[:args.index("--")]
    plansim, work = args[0], args[1]
    documents, screenshot, hostile = None, None, False
    rest = args[2:]
    while rest:
        if rest[0] == "--hostile":
            hostile = True
            rest = rest[1:]
            continue
        if rest[0] == "--documents":
            documents = int(rest[1])
        elif rest[0] == "--screenshot":
            screenshot = rest[1]
        else:
            fail(f"unknown argument {rest[0]}")
        rest = rest[2:]

    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    corpus = SAMPLE
    if documents:
        corpus = os.path.join(work, "corpus")
        synthetic_corpus(corpus, documents)
    if hostile:
        corpus = os.path.join(work, "corpus")
        hostile_corpus(corpus)
    run = os.path.join(work, "run")
    result = subprocess.run([plansim, "analyze", corpus, "--out", run, "--quiet", *extra], capture_output=True, text=True)
    if result.returncode != 0:
        fail(f"plansim analyze exited {result.returncode}: {result.stderr}")
    if hostile:  # the files themselves must hold the markup verbatim and stay well-formed
        checked = subprocess.run([sys.executable, os.path.join(os.path.dirname(os.path.abspath(__file__)), "check_bundle.py"),
                                  run], capture_output=True, text=True)
        if checked.returncode != 0:
            fail(f"check_bundle.py on the hostile bundle: {checked.stdout[-2000:]}{checked.stderr[-2000:]}")
    page = "file://" + os.path.abspath(os.path.join(run, "report.html"))

    dom = chromium("--virtual-time-budget=10000", "--dump-dom", page)
    console_errors = [line for line in dom.stderr.splitlines() if "CONSOLE" in line and ("ERROR" in line or "Uncaught" in line)]
    if console_errors:
        fail("console errors:\n" + "\n".join(console_errors))
    status = re.search(r'<p id="plansim-status" data-status="([a-z]+)">([^<]*)', dom.stdout)
    if not status:
        fail(f"no status element in the page's DOM (chromium exited {dom.returncode}): {dom.stderr[-2000:]}")
    if status.group(1) != "ready":
        fail(f"the page's script did not finish: status {status.group(1)!r}: {status.group(2)}")
    if '<p id="pwned">' in dom.stdout or "<title>pwned" in dom.stdout or "<img src=\"x\"" in dom.stdout:
        fail("text from the documents was interpreted as markup")
    if "--no-plans" not in extra:
        for section in ["themes", "shared", "strategies", "money"]:
            if f'<section id="{section}">' not in dom.stdout:
                fail(f"no {section} section in the page's DOM")
        if 'id="themes-table"' not in dom.stdout:
            fail("no table of the plans' themes")
    if "<canvas id=\"heatmap\"" in dom.stdout and 'id="heatmap" width="300"' in dom.stdout:
        fail("the heatmap canvas was never sized (still the default 300 px)")

    target = screenshot or os.path.join(work, "report.png")
    shot = chromium(f"--screenshot={os.path.abspath(target)}", "--window-size=1280,2400", "--virtual-time-budget=10000", page)
    if not os.path.exists(target):
        fail(f"no screenshot written (chromium exited {shot.returncode}): {shot.stderr[-2000:]}")
    png = open(target, "rb").read()
    if png[:8] != b"\x89PNG\r\n\x1a\n":
        fail(f"{target} is not a PNG")
    width, height = struct.unpack(">II", png[16:24])
    if width != 1280 or height < 1000:
        fail(f"screenshot is {width} x {height}, expected 1280 wide")
    if len(png) < 40000:
        fail(f"screenshot is only {len(png)} bytes: the page looks empty")
    print(f"check_report_browser: {page}: script ready, no console errors, screenshot {width} x {height} ({len(png)} bytes)")


if __name__ == "__main__":
    main()
