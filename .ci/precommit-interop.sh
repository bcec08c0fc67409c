#!/usr/bin/env bash
# Run Debian's real pre-commit against this repository's hook
# (.pre-commit-hooks.yaml) the way a user's project would: `pre-commit
# try-repo <this repo> kafkalint` in a scratch git repository holding one
# good and one bad Kafka config. The hook must fail while the bad config is
# staged and pass when only the good one is.
#
# try-repo uses this repository's working tree as it is (uncommitted
# tracked changes included), and pre-commit's golang language builds the
# hook with `go install ./...`. Network: the Go module proxy only, and not
# even that when the module cache is warm (GOMODCACHE is shared with the
# machine's Go).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
if ! command -v pre-commit >/dev/null; then
	apt-get update -qq
	apt-get install -y -qq pre-commit >/dev/null
fi
command -v go >/dev/null || { echo "precommit-interop: go is not on PATH" >&2; exit 1; }
echo "precommit-interop: $(pre-commit --version), $(go version)"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PRE_COMMIT_HOME="$work/cache"
# pre-commit sets GOPATH to its environment directory; keep the module
# cache where the machine's Go keeps it, so the build needs no download
# when the cache is warm.
GOMODCACHE=$(go env GOMODCACHE)
export GOMODCACHE
export NO_COLOR=1

scratch="$work/project"
mkdir -p "$scratch/config"
cd "$scratch"
git init -q .
git config user.email ci@example.invalid
git config user.name ci
git config commit.gpgsign false

# Gate on errors only, so that "good" means "starts and behaves", whatever
# warnings later rules add.
cat >.kafkalint.toml <<'TOML'
fail-on = "error"
TOML
cat >config/good-consumer.properties <<'PROPS'
bootstrap.servers=kafka-1.example.internal:9092
group.id=orders
key.deserializer=org.apache.kafka.common.serialization.StringDeserializer
value.deserializer=org.apache.kafka.common.serialization.StringDeserializer
PROPS
cat >config/bad-consumer.properties <<'PROPS'
bootstrap.servers=kafka-1.example.internal:9092
group.id=orders
key.deserializer=org.apache.kafka.common.serialization.StringDeserializer
value.deserializer=org.apache.kafka.common.serialization.StringDeserializer
auto.offset.reset=smallest
PROPS

try_repo() {
	pre-commit try-repo "$root" kafkalint --verbose >"$work/out.log" 2>&1
}

fail=0

# 1. Both staged: the bad config must fail the hook, and be named.
git add .kafkalint.toml config/good-consumer.properties config/bad-consumer.properties
if try_repo; then
	echo "precommit-interop: FAIL: the hook passed with bad-consumer.properties staged" >&2
	fail=1
elif ! grep -q "bad-consumer.properties:5:19: error KL404" "$work/out.log"; then
	echo "precommit-interop: FAIL: the hook failed without reporting bad-consumer.properties:5:19 KL404" >&2
	fail=1
else
	echo "precommit-interop: ok: hook fails with the bad config staged"
	sed 's/^/    | /' "$work/out.log"
fi
if ((fail)); then cat "$work/out.log" >&2; fi

# 2. Only the good config staged (the bad one stays in the work tree,
# untracked): the hook must pass, having seen only staged files.
git rm -q --cached config/bad-consumer.properties
if try_repo; then
	if grep -q "bad-consumer" "$work/out.log"; then
		echo "precommit-interop: FAIL: the hook looked at the unstaged bad config" >&2
		cat "$work/out.log" >&2
		fail=1
	else
		echo "precommit-interop: ok: hook passes with only the good config staged"
	fi
else
	echo "precommit-interop: FAIL: the hook failed with only good-consumer.properties staged" >&2
	cat "$work/out.log" >&2
	fail=1
fi

exit "$fail"
