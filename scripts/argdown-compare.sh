#!/usr/bin/env bash
# Times argcheck against the Argdown CLI on the same N-statement map.
#
#   scripts/argdown-compare.sh [N] [SHAPE]
#
# N defaults to 75000, SHAPE (chain|tree|dag|attacks) to tree. Generates one
# .arg file with its sources.yaml and the same map as one .argdown file
# (examples/gen-corpus.rs), installs @argdown/cli@1.7.5 into
# scripts/.argdown/ when missing (2.0.0 does not install), then runs
# `argdown json FILE OUTDIR` and `argcheck check --format json` and prints
# wall time, peak resident memory and the ratios.
#
# ARGCHECK=path/to/argcheck picks the binary (default: this checkout's
# target/release/argcheck, built when missing).
set -euo pipefail

N=${1:-75000}
SHAPE=${2:-tree}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PREFIX="$ROOT/scripts/.argdown"
ARGDOWN="$PREFIX/node_modules/.bin/argdown"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/argdown-compare.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

if [[ ! -x "$ARGDOWN" ]]; then
    echo "installing @argdown/cli@1.7.5 into $PREFIX" >&2
    mkdir -p "$PREFIX"
    npm install --prefix "$PREFIX" --no-audit --no-fund @argdown/cli@1.7.5 >&2
fi

if [[ -z "${ARGCHECK:-}" ]]; then
    ARGCHECK="$ROOT/target/release/argcheck"
    [[ -x "$ARGCHECK" ]] || (cd "$ROOT" && cargo build --release --bin argcheck >&2)
fi

GEN="$ROOT/target/release/examples/gen-corpus"
[[ -x "$GEN" ]] || (cd "$ROOT" && cargo build --release --example gen-corpus >&2)
"$GEN" --statements "$N" --files 1 --shape "$SHAPE" --seed 1 \
    --out "$WORK/arg" --argdown "$WORK/map.argdown" >&2

# Runs a command under /usr/bin/time (when present) and prints "SECONDS KB".
measure() {
    local log="$WORK/time.log" rc=0
    if [[ -x /usr/bin/time ]]; then
        /usr/bin/time -f '%e %M' -o "$log" "$@" >"$WORK/out" 2>"$WORK/err" || rc=$?
        # argcheck exits 1 when it finds errors: that is a result, not a failure.
        if [[ $rc -gt 1 ]]; then
            echo "command failed ($rc): $*" >&2
            tail -5 "$WORK/err" >&2
        fi
        tail -1 "$log"
    else
        local t0 t1
        t0=$(date +%s.%N)
        "$@" >"$WORK/out" 2>"$WORK/err" || true
        t1=$(date +%s.%N)
        echo "$(echo "$t1 - $t0" | bc) 0"
    fi
}

echo "map: $N statements, shape $SHAPE ($(wc -c <"$WORK/arg/analysis-1.arg") bytes .arg, $(wc -c <"$WORK/map.argdown") bytes .argdown)"
echo "argcheck: $ARGCHECK"
echo "argdown:  $("$ARGDOWN" --version 2>/dev/null | tail -1) (node $(node --version))"

# Each tool runs RUNS times (default 3) in a row, and its best time is
# kept: a busy 2-core machine adds seconds of noise to single runs, and the
# first run of each pays for a cold file cache.
RUNS=${RUNS:-3}
best() { awk -v a="$1" -v b="$2" 'BEGIN { print (b == "" || a < b) ? a : b }'; }
ac_s=""; ad_s=""; ac_kb=0; ad_kb=0
for _ in $(seq "$RUNS"); do
    read -r s kb < <(measure "$ARGCHECK" check --format json "$WORK/arg")
    ac_s=$(best "$s" "$ac_s"); ac_kb=$kb
done
ac_summary=$(tr -d '\n' <"$WORK/out" | grep -o '"summary": *{[^}]*}' | tr -s ' ' || true)
for _ in $(seq "$RUNS"); do
    rm -rf "$WORK/argdown-out"
    read -r s kb < <(measure "$ARGDOWN" json "$WORK/map.argdown" "$WORK/argdown-out")
    ad_s=$(best "$s" "$ad_s"); ad_kb=$kb
done
ad_err=$(grep -ci error "$WORK/err" || true)
ad_json=$(find "$WORK/argdown-out" -name '*.json' -exec wc -c {} + 2>/dev/null | tail -1 | awk '{print $1}')

echo "best of $RUNS runs each:"
printf '%-10s %10s %12s\n' tool seconds "peak KB"
printf '%-10s %10s %12s\n' argcheck "$ac_s" "$ac_kb"
printf '%-10s %10s %12s\n' argdown "$ad_s" "$ad_kb"
echo "argcheck summary: $ac_summary"
echo "argdown json output: ${ad_json:-none} bytes, $ad_err stderr lines mentioning errors"
awk -v a="$ac_s" -v b="$ad_s" -v am="$ac_kb" -v bm="$ad_kb" 'BEGIN {
    if (a > 0) printf "time ratio argdown/argcheck: %.1fx\n", b / a;
    if (am > 0) printf "memory ratio argdown/argcheck: %.1fx\n", bm / am;
}'
