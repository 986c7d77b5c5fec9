#!/usr/bin/env bash
# The main job on the bundled sample corpus (data/productivity-plans), from a fresh clone:
# installs what is missing, builds the optimised top_terms example and prints
# the most distinctive terms of each plan.
#
#   scripts/run-sample.sh [FOLDER [METADATA.csv]] [--terms N]   (default: data/productivity-plans)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh build
cmake --preset release >/dev/null
cmake --build --preset release --target top_terms
build/release/examples/top_terms "$@"
