#!/usr/bin/env bash
# Validate kafkalint's SARIF output for testdata/examples with Microsoft's
# official validator (@microsoft/sarif-multitool, `validate`). Fails on any
# validation error; warnings and notes are printed for reading.
#
# Needs on a fresh Debian machine: go (the project's toolchain), node and
# npm (installed with apt-get when missing). The validator is installed
# with npm into a temporary directory.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if ! command -v npm >/dev/null || ! command -v node >/dev/null; then
	apt-get update -qq
	apt-get install -y -qq nodejs npm >/dev/null
fi

echo "sarif-validate: building kafkalint"
go build -o "$work/kafkalint" ./cmd/kafkalint

echo "sarif-validate: installing @microsoft/sarif-multitool"
npm install --prefix "$work/npm" --no-audit --no-fund --silent @microsoft/sarif-multitool >/dev/null
# The npm wrapper runs the tool through a shell, which would split the
# semicolon lists the tool takes; call the platform binary directly.
multitool=$(find "$work/npm/node_modules/@microsoft" -type f -name Sarif.Multitool | head -n 1)
if [[ -z $multitool ]]; then
	echo "sarif-validate: Sarif.Multitool binary not found in the npm package" >&2
	exit 1
fi
chmod +x "$multitool"

# Exit 1 means findings, which the examples have on purpose; 2 would be a
# usage or input error.
status=0
"$work/kafkalint" lint --format sarif --output "$work/examples.sarif" testdata/examples || status=$?
if ((status > 1)); then
	echo "sarif-validate: kafkalint lint exited $status" >&2
	exit 1
fi

# DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: the self-contained .NET binary
# otherwise needs libicu, which a minimal Debian lacks.
DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 "$multitool" validate \
	--level "Error;Warning;Note" --log ForceOverwrite \
	--output "$work/validation.sarif" "$work/examples.sarif" >"$work/validate.log" 2>&1 || {
	cat "$work/validate.log"
	echo "sarif-validate: Sarif.Multitool validate failed" >&2
	exit 1
}

node - "$work/validation.sarif" <<'JS'
const log = JSON.parse(require('fs').readFileSync(process.argv[2], 'utf8'));
const counts = {error: 0, warning: 0, note: 0};
for (const run of log.runs) {
  for (const r of run.results || []) {
    const level = r.level || 'warning';
    counts[level] = (counts[level] || 0) + 1;
    if (level !== 'note') {
      const text = r.message.text || (r.message.arguments || []).join(' ');
      console.log(`${level} ${r.ruleId}: ${text}`);
    }
  }
  for (const inv of run.invocations || []) {
    for (const n of inv.toolExecutionNotifications || []) {
      if (n.level === 'error') { counts.error++; console.log(`error (tool): ${n.message.text}`); }
    }
  }
}
console.log(`sarif-validate: ${counts.error} errors, ${counts.warning} warnings, ${counts.note} notes`);
process.exit(counts.error > 0 ? 1 : 0);
JS
