#!/usr/bin/env bash
# The interpreter's scalar path against CPython, side by side: best wall time of 3 runs of
# bench/workloads/interp.gm under a release-built `theta` and of interp.py under python3,
# and the start-up time of `theta eval '1'` (best of 20).
# Usage: bash bench/interp.sh   (from the package root)
set -euo pipefail
cd "$(dirname "$0")/.."
# The Swift runtime and Foundation linked statically, as a distributed theta would be: loading
# them as shared libraries is most of the start-up (about 40 ms of 45 here, 14 ms static).
swift build -c release --product theta --static-swift-stdlib >/dev/null
THETA=.build/release/theta
best() {  # best wall time in seconds of $1 runs of the rest of the arguments
  local n=$1; shift; local best=""
  for _ in $(seq "$n"); do
    local s e t
    s=$(date +%s.%N); "$@" >/dev/null; e=$(date +%s.%N)
    t=$(echo "$e - $s" | bc -l)
    if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
  done
  printf '%.3f' "$best"
}
"$THETA" bench/workloads/interp.gm   # shows the results: 196418 and 500000
t=$(best 3 "$THETA" bench/workloads/interp.gm)
p=$(best 3 python3 bench/workloads/interp.py)
echo "theta  interp.gm  best of 3: ${t} s"
echo "python interp.py  best of 3: ${p} s   ($(python3 --version))"
echo "ratio theta / python: $(echo "scale=2; $t / $p" | bc -l)"
s=$(best 20 "$THETA" eval '1')
echo "start-up: theta eval '1' best of 20: $(echo "$s * 1000" | bc -l | cut -c1-5) ms"
