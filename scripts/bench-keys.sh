#!/usr/bin/env bash
# bench-keys.sh: reproducible measurements of kafkalint keys.
#   1. go test benchmarks (one core, N = 12): keys/s from a lines file,
#      records/s from JSON Lines with one field, and the read-only bound.
#   2. whole process: wall time and peak RSS (/usr/bin/time -v) on a pipe of
#      RECORDS records with DISTINCT distinct keys (defaults: 100 million
#      and 10 million), next to `cat` of the same pipe as the I/O bound.
# Usage: scripts/bench-keys.sh [RECORDS [DISTINCT]]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
RECORDS=${1:-100000000}
DISTINCT=${2:-10000000}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }

cd "$ROOT"
echo "== go test benchmarks (GOMAXPROCS=1)"
GOMAXPROCS=1 go test -run '^$' -bench BenchmarkKeys -benchtime 5x ./analyzer/keys | grep -E '^Benchmark'

go build -o "$WORK/kafkalint" ./cmd/kafkalint
(cd interop && go build -o "$WORK/keygen" ./cmd/keygen)

echo "== whole process: $RECORDS records, $DISTINCT distinct keys, through a pipe"
start=$(date +%s.%N)
"$WORK/keygen" -n "$RECORDS" -d "$DISTINCT" | cat >/dev/null
echo "generator | cat (I/O bound): $(echo "$(date +%s.%N) - $start" | bc) s"
"$WORK/keygen" -n "$RECORDS" -d "$DISTINCT" |
	/usr/bin/time -v -o "$WORK/time.txt" "$WORK/kafkalint" keys --partitions 12,24 --color never - >"$WORK/report.txt"
grep -E 'Elapsed|Maximum resident' "$WORK/time.txt"
rss_kb=$(awk -F: '/Maximum resident/{gsub(/ /,"",$2); print $2}' "$WORK/time.txt")
grep -E 'records|distinct' "$WORK/report.txt" | head -3
echo "peak RSS: $((rss_kb / 1024)) MiB (limit 256 MiB)"
[ "$rss_kb" -le $((256 * 1024)) ]
