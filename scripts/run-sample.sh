#!/usr/bin/env bash
# The main job on the bundled sample corpus (data/productivity-plans), from a fresh clone:
# installs what is missing, builds the optimised plansim program and runs `plansim analyze`,
# which writes a run bundle (CSV, Matrix Market, Newick, run.json and report.html) to
# plansim-run/.
#
#   scripts/run-sample.sh [FOLDER] [plansim analyze options...]   (default: data/productivity-plans)
#   e.g. scripts/run-sample.sh ~/plans --out my-run --ngram-range 1,2 --k 4
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh build
cmake --preset release >/dev/null
cmake --build --preset release --target plansim_program
build/release/examples/plansim analyze "$@"
