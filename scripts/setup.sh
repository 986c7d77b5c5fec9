#!/usr/bin/env bash
# Installs the Debian packages plansim's build needs, and nothing when they are all there.
#
#   scripts/setup.sh [GROUP...]     groups: build (default), report, clang, peers
#
#   build   compiler, CMake, Ninja, Eigen, range-v3, Catch2, Google Benchmark, CLI11 (the program)
#   report  chromium, pandas and SciPy: the tests that open report.html in a headless browser and
#           read every output of a run with pandas and scipy
#   clang   clang 14 and its sanitizer/fuzzer runtime (the clang preset, fuzzing)
#   peers   scikit-learn, SciPy and faiss, to regenerate test fixtures and run the peer benchmarks
#
# Runs apt-get as root, or through sudo. Set PLANSIM_SETUP_DRY_RUN=1 to only list what is missing.
set -euo pipefail

declare -A groups=(
  [build]="g++ cmake ninja-build libeigen3-dev librange-v3-dev catch2 libbenchmark-dev libcli11-dev"
  [report]="chromium python3-pandas python3-scipy"
  [clang]="clang libclang-rt-14-dev"
  [peers]="python3-sklearn python3-scipy python3-faiss"
)

wanted=()
for group in "${@:-build}"; do
  if [[ -z "${groups[$group]+x}" ]]; then
    echo "setup.sh: unknown group '$group' (choose from: ${!groups[*]})" >&2
    exit 2
  fi
  read -r -a packages <<<"${groups[$group]}"
  wanted+=("${packages[@]}")
done

missing=()
for package in "${wanted[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null || true)
  [[ "$status" == installed ]] || missing+=("$package")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "setup.sh: installing ${missing[*]}" >&2
[[ "${PLANSIM_SETUP_DRY_RUN:-0}" == 1 ]] && exit 0

if [[ $EUID -eq 0 ]]; then
  as_root=()
elif command -v sudo >/dev/null; then
  as_root=(sudo)
else
  echo "setup.sh: need root to install ${missing[*]}: run as root, install sudo, or install them yourself" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
