#!/usr/bin/env bash
# The main job on the bundled sample corpus (data/productivity-plans), from a fresh clone:
# installs what is missing, builds the optimised examples and runs them.
#
#   scripts/run-sample.sh [FOLDER]     (default: data/productivity-plans)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh build
cmake --preset release >/dev/null
cmake --build --preset release --target word_count
build/release/examples/word_count "${1:-data/productivity-plans}"
