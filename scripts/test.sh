#!/usr/bin/env bash
# The whole test suite, from a fresh clone: installs what is missing (the build tools, and chromium,
# pandas and SciPy for the plansim program's report and bundle tests), then configures, builds and
# runs every test with the dev preset (debug, warnings as errors).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh build report
cmake --workflow --preset dev
