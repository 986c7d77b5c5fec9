#!/usr/bin/env bash
# Builds the A/B driver and one side of it (benchmarks/ab/ab_driver.cpp explains the driver).
#
#   benchmarks/ab/build.sh TREE OUT.so    # vectorize from the plansim tree TREE, as OUT.so
#
# The driver itself is built next to OUT.so as ab_driver. A typical comparison of HEAD against
# the working tree:
#
#   git worktree add /tmp/ab-old HEAD
#   benchmarks/ab/build.sh /tmp/ab-old /tmp/old.so
#   benchmarks/ab/build.sh . /tmp/new.so
#   build/release/benchmarks/make_synthetic_corpus /tmp/corpus20k.txt 20000 50000 200
#   /tmp/ab_driver /tmp/corpus20k.txt /tmp/old.so /tmp/new.so 40 1
#   git worktree remove --force /tmp/ab-old
set -euo pipefail
if [ $# -ne 2 ]; then
  echo "usage: $0 TREE OUT.so" >&2
  exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
tree=$(cd "$1" && pwd)
out=$2
# -Wno-maybe-uninitialized: GCC 12 warns inside Eigen's AVX-512 reductions (as in
# benchmarks/CMakeLists.txt), not in plansim code.
flags=(-std=c++20 -O3 -march=native -DNDEBUG -Wall -Wextra -Wpedantic -Wno-maybe-uninitialized)
g++ "${flags[@]}" -fPIC -shared -fvisibility=hidden -Wl,-Bsymbolic -I"$tree/include" -isystem /usr/include/eigen3 \
  "$here/ab_vectorize.cpp" -o "$out" -pthread
g++ "${flags[@]}" "$here/ab_driver.cpp" -o "$(dirname "$out")/ab_driver" -ldl
