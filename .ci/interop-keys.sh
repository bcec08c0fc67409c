#!/usr/bin/env bash
# interop-keys.sh: checks kafkalint's partitioners (analyzer/keys) against the
# real client libraries over the interop corpus (10,000+ keys, N in
# 1 2 3 7 12 30 100 1000) and exits non-zero on any disagreement:
#   - sarama, segmentio/kafka-go, franz-go: called from Go (interop/ module);
#   - librdkafka: Debian kcat produces keyed records to a kfake broker with
#     partitioner consistent_random (default), murmur2_random and
#     fnv1a_random, and the partition each record landed on is read back;
#   - python3-kafka: its DefaultPartitioner (Debian's /usr/bin/python3);
#   - kafkajs 2.2.4 (npm, installed into a temp dir): DefaultPartitioner and
#     LegacyPartitioner.
# It installs what it needs on a fresh Debian machine.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
KFAKE_PID=""
cleanup() {
	if [ -n "$KFAKE_PID" ]; then kill "$KFAKE_PID" 2>/dev/null || true; fi
	rm -rf "$WORK"
}
trap cleanup EXIT

need=()
command -v kcat >/dev/null || need+=(kcat)
/usr/bin/python3 -c 'import kafka' 2>/dev/null || need+=(python3-kafka)
command -v node >/dev/null || need+=(nodejs)
command -v npm >/dev/null || need+=(npm)
if [ ${#need[@]} -gt 0 ]; then
	echo "interop-keys: installing ${need[*]}"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

cd "$ROOT/interop"
echo "interop-keys: Go libraries (sarama, kafka-go, franz-go)"
go test -count=1 -v -run 'TestLibrariesAgree|TestCorpusSize' ./ | grep -E '^(interop:|--- FAIL|FAIL|ok)' 
go build -o "$WORK/kfaked" ./cmd/kfaked
go build -o "$WORK/keyvec" ./cmd/keyvec
KV="$WORK/keyvec"
COUNTS=$("$KV" counts | tr '\n' ' ')
"$KV" hex >"$WORK/keys.hex"
status=0

echo "interop-keys: python3-kafka"
/usr/bin/python3 "$ROOT/interop/scripts/python_kafka.py" $COUNTS <"$WORK/keys.hex" |
	"$KV" check -p java -lib "python3-kafka DefaultPartitioner" || status=1

echo "interop-keys: kafkajs"
mkdir -p "$WORK/node"
(cd "$WORK/node" && npm init -y >/dev/null && npm install --silent --no-audit --no-fund kafkajs@2.2.4 >/dev/null)
cp "$ROOT/interop/scripts/kafkajs.js" "$WORK/node/"
node "$WORK/node/kafkajs.js" default $COUNTS <"$WORK/keys.hex" |
	"$KV" check -p java -lib "kafkajs DefaultPartitioner" || status=1
node "$WORK/node/kafkajs.js" legacy $COUNTS <"$WORK/keys.hex" |
	"$KV" check -p kafkajs-legacy -lib "kafkajs LegacyPartitioner" || status=1

echo "interop-keys: librdkafka via kcat $(kcat -V 2>&1 | head -1)"
declare -A KL=([consistent_random]=librdkafka [murmur2_random]=librdkafka-murmur2 [fnv1a_random]=librdkafka-fnv1a)
topics=""
for n in $COUNTS; do for p in "${!KL[@]}"; do topics="$topics,$p-$n:$n"; done; done
"$WORK/kfaked" -topics "${topics#,}" >"$WORK/kfaked.out" 2>&1 &
KFAKE_PID=$!
for _ in $(seq 100); do
	grep -q READY "$WORK/kfaked.out" 2>/dev/null && break
	sleep 0.1
done
ADDR=$(awk '/READY/{print $2}' "$WORK/kfaked.out")
[ -n "$ADDR" ] || { echo "interop-keys: kfaked did not start"; cat "$WORK/kfaked.out"; exit 1; }
"$KV" kcat-input >"$WORK/kcat.in"
for p in "${!KL[@]}"; do
	: >"$WORK/$p.out"
	for n in $COUNTS; do
		kcat -P -b "$ADDR" -t "$p-$n" -K '<%KEY%>' -D '<%END%>' -X "partitioner=$p" -l "$WORK/kcat.in"
		kcat -C -b "$ADDR" -t "$p-$n" -e -q -f '%s %p\n' | awk -v n="$n" '{print n, $0}' >>"$WORK/$p.out"
	done
	"$KV" check -p "${KL[$p]}" -lib "librdkafka $p (kcat)" <"$WORK/$p.out" || status=1
done

if [ $status -ne 0 ]; then
	echo "interop-keys: FAILED: a library placed keys differently from kafkalint"
fi
exit $status
