#!/usr/bin/env bash
# Writes, beside every tests/argdown/*.argdown map, NAME.counts.json: the
# statement, argument and relation counts of the real Argdown CLI's JSON
# export (`argdown json FILE OUTDIR`, @argdown/cli@1.7.5; 2.0.0 does not
# install). tests/argdown.rs checks that `argcheck import --summary` reads
# the same model. Installs the CLI into scripts/.argdown/ when missing.
#
#   scripts/argdown-counts.sh [MAP.argdown ...]
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PREFIX="$ROOT/scripts/.argdown"
ARGDOWN="$PREFIX/node_modules/.bin/argdown"
if [[ ! -x "$ARGDOWN" ]]; then
    echo "installing @argdown/cli@1.7.5 into $PREFIX" >&2
    mkdir -p "$PREFIX"
    npm install --prefix "$PREFIX" --no-audit --no-fund @argdown/cli@1.7.5 >&2
fi
WORK=$(mktemp -d "${TMPDIR:-/tmp}/argdown-counts.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

if [[ $# -eq 0 ]]; then
    set -- "$ROOT"/tests/argdown/*.argdown
fi
for map in "$@"; do
    name=$(basename "$map" .argdown)
    rm -rf "$WORK/out"
    "$ARGDOWN" json "$map" "$WORK/out" >"$WORK/log" 2>&1 || true
    json="$WORK/out/$name.json"
    if [[ ! -s "$json" ]]; then
        echo "$map: argdown wrote no JSON" >&2
        cat "$WORK/log" >&2
        continue
    fi
    node -e '
const d = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const rel = { support: 0, attack: 0, undercut: 0, contradictory: 0, contrary: 0 };
for (const r of d.relations || []) if (r.relationType in rel) rel[r.relationType]++;
const out = {
  statements: Object.keys(d.statements || {}).length,
  arguments: Object.keys(d.arguments || {}).length,
  relations: rel,
};
process.stdout.write(JSON.stringify(out) + "\n");
' "$json" >"${map%.argdown}.counts.json"
    echo "$name: $(cat "${map%.argdown}.counts.json")"
done
