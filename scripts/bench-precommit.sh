#!/usr/bin/env bash
# Whole-process timing of a pre-commit-style run: one `kafkalint lint` over
# 50 staged .properties files named on the command line, as the hook
# invokes it. Target: under 100 ms. Uses hyperfine when installed (Debian:
# apt-get install hyperfine), else a loop timed with date +%s%N.
#
#   scripts/bench-precommit.sh            # report, exit 1 over the target
#   RUNS=50 scripts/bench-precommit.sh
#   NO_HYPERFINE=1 scripts/bench-precommit.sh   # the date +%s%N loop
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
runs=${RUNS:-30}
target_ms=${TARGET_MS:-100}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cd "$root"
go build -o "$work/kafkalint" ./cmd/kafkalint

# 50 realistic configs: consumers and producers of 20 services, some with
# the mistakes kafkalint reports, so the run renders findings too.
mkdir -p "$work/repo"
for i in $(seq -w 1 50); do
	f="$work/repo/service-$i.properties"
	{
		echo "# service $i"
		echo "bootstrap.servers=kafka-1.example.internal:9092,kafka-2.example.internal:9092,kafka-3.example.internal:9092"
		echo "client.id=service-$i"
		echo "security.protocol=SASL_SSL"
		echo "sasl.mechanism=SCRAM-SHA-512"
		echo "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"svc$i\" password=\"FAKEXXXX$i\";"
		if ((10#$i % 2)); then
			echo "group.id=group-$((10#$i % 20))"
			echo "key.deserializer=org.apache.kafka.common.serialization.StringDeserializer"
			echo "value.deserializer=org.apache.kafka.common.serialization.ByteArrayDeserializer"
			echo "enable.auto.commit=false"
			echo "max.poll.records=200"
			echo "max.poll.interval.ms=300000"
			echo "session.timeout.ms=45000"
			echo "auto.offset.reset=$([[ $((10#$i % 7)) == 0 ]] && echo smallest || echo earliest)"
		else
			echo "key.serializer=org.apache.kafka.common.serialization.StringSerializer"
			echo "value.serializer=org.apache.kafka.common.serialization.ByteArraySerializer"
			echo "acks=all"
			echo "enable.idempotence=true"
			echo "linger.ms=20"
			echo "batch.size=65536"
			echo "compression.type=zstd"
			[[ $((10#$i % 9)) == 0 ]] && echo "retries.backoff.ms=200"
		fi
	} >"$f"
done

cd "$work/repo"
files=(service-*.properties)
cmd=("$work/kafkalint" lint "${files[@]}")
echo "bench-precommit: kafkalint lint <${#files[@]} files>, whole process, $runs runs, $(nproc) CPUs"

if [[ -z ${NO_HYPERFINE:-} ]] && command -v hyperfine >/dev/null; then
	hyperfine --style basic --warmup 3 --runs "$runs" -i --export-json "$work/bench.json" \
		"${cmd[*]}" >"$work/hyperfine.log" 2>&1
	grep -E 'Time|Range' "$work/hyperfine.log" | sed 's/^ */  /'
	read -r median_ms mean_ms < <(sed -n 's/.*"median": *\([0-9.e+-]*\).*/\1/p; s/.*"mean": *\([0-9.e+-]*\).*/\1/p' "$work/bench.json" |
		head -n 2 | awk 'NR==1{mean=$1*1000} NR==2{median=$1*1000} END{printf "%.1f %.1f\n", median, mean}')
else
	for _ in 1 2 3; do "${cmd[@]}" >/dev/null 2>&1 || true; done
	times=()
	for _ in $(seq "$runs"); do
		start=$(date +%s%N)
		"${cmd[@]}" >/dev/null 2>&1 || true
		end=$(date +%s%N)
		times+=($(((end - start) / 1000)))
	done
	read -r median_ms mean_ms < <(printf '%s\n' "${times[@]}" | sort -n |
		awk '{a[NR]=$1; s+=$1} END{printf "%.1f %.1f\n", a[int((NR+1)/2)]/1000, s/NR/1000}')
fi
echo "bench-precommit: median ${median_ms} ms, mean ${mean_ms} ms (target < ${target_ms} ms)"
awk -v m="$median_ms" -v t="$target_ms" 'BEGIN{exit !(m < t)}' || {
	echo "bench-precommit: over the target" >&2
	exit 1
}
