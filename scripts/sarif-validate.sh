#!/usr/bin/env bash
# Validates a SARIF file with Microsoft's SARIF multitool, applying both the
# SARIF spec rules and GitHub code scanning's ingestion rules ("Gh").
#
#   scripts/sarif-validate.sh FILE
#
# The multitool comes from npm (@microsoft/sarif-multitool-linux) and is
# installed once into target/tools/sarif (git-ignored, like all of target/).
set -euo pipefail

if [ $# -ne 1 ]; then
    echo "usage: $0 FILE.sarif" >&2
    exit 2
fi
file=$1
root=$(cd "$(dirname "$0")/.." && pwd)
prefix="$root/target/tools/sarif"
pkg="@microsoft/sarif-multitool-linux"
tool="$prefix/node_modules/$pkg/Sarif.Multitool"

if [ ! -f "$tool" ]; then
    mkdir -p "$prefix"
    npm install --prefix "$prefix" --no-save --no-audit --no-fund "$pkg" >&2
fi
# npm may skip the package's postinstall (`chmod u+x Sarif.Multitool`).
[ -x "$tool" ] || chmod u+x "$tool"
# The .NET single-file binary needs ICU unless told to run without it.
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT="${DOTNET_SYSTEM_GLOBALIZATION_INVARIANT:-1}"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
out="$dir/validation.sarif"
"$tool" validate --rule-kind "Sarif;Gh" --level "Error;Warning;Note" --output "$out" "$file" >&2
# The multitool writes its findings as SARIF: print one per line and fail
# on any error or warning (notes are style advice, e.g. SARIF2009 wants
# rule ids like `AC1001`).
python3 - "$out" <<'PY'
import json, sys
log = json.load(open(sys.argv[1], encoding="utf-8-sig"))
bad = 0
total = 0
for run in log.get("runs", []):
    for r in run.get("results", []):
        total += 1
        level = r.get("level", "warning")
        bad += level in ("error", "warning")
        msg = r.get("message", {})
        args = ", ".join(msg.get("arguments", []))
        print(f'{level}: {r.get("ruleId")} {msg.get("id", "")}: {args}')
print(f"{total} result(s), {bad} error(s) or warning(s)")
sys.exit(1 if bad else 0)
PY
