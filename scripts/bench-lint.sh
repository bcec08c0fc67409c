#!/usr/bin/env bash
# Reproduces the lint speed figures of the README and issue 2 in one run:
#  1. BenchmarkParseOnly and BenchmarkLint (go test -bench) on 10,000
#     generated configs of 25 keys: lint time and its ratio to merely reading
#     and parsing the same files;
#  2. whole-process wall times with hyperfine: `kafkalint lint` on the same
#     10,000 files, and on one file (start-up included).
# Installs hyperfine from Debian if it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v hyperfine >/dev/null; then
	(apt-get update -qq && apt-get install -y -qq hyperfine) >/dev/null
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/kafkalint" ./cmd/kafkalint
go run ./scripts/genconfigs "$work/configs" 10000

echo "== go test -bench (10,000 files, 25 keys each)"
go test ./analyzer -run '^$' -bench 'ParseOnly|Lint$' -benchtime 10x | tee "$work/bench.txt" | grep Benchmark
awk '/BenchmarkParseOnly/ {p=$3} /BenchmarkLint-/ {l=$3} END {printf "lint / parse-only = %.2f  (lint %.0f ms, parse-only %.0f ms)\n", l/p, l/1e6, p/1e6}' "$work/bench.txt"

echo "== whole process"
one=testdata/examples/orders-consumer.properties
# Exit code 1 (findings) is expected: -i ignores it.
hyperfine -N -i --warmup 3 --runs 20 \
	-n "10,000 files" "$work/kafkalint lint --format json --output /dev/null $work/configs" \
	-n "one file" "$work/kafkalint lint --format json --output /dev/null $one"
