#!/usr/bin/env bash
# Runs the cargo-fuzz targets in fuzz/ for SECONDS each (default 60).
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]
#
# Targets: check_arg (bytes as an .arg file), check_md (bytes as a Markdown
# file), check_registry (bytes as a sources.yaml imported by an .arg),
# check_argdown (bytes as an Argdown map, through the importer): each
# goes through the whole check and both renderers; fmt (bytes through the
# formatter, as .arg and as Markdown: idempotent, no text lost);
# lsp_session (bytes as a session of LSP messages). Needs a nightly toolchain
# and cargo-fuzz (`cargo install cargo-fuzz`). New corpus entries go to
# fuzz/corpus/TARGET (git-ignored), seeds are read from fuzz/seeds/TARGET,
# crashes land in fuzz/artifacts/TARGET with the panic in the log printed here.
set -uo pipefail

SECS=${1:-60}
shift || true
TARGETS=("$@")
[[ ${#TARGETS[@]} -gt 0 ]] || TARGETS=(check_arg check_md check_registry check_argdown fmt lsp_session)
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT/fuzz"

if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
    echo "cargo-fuzz is missing: cargo install cargo-fuzz" >&2
    exit 2
fi

status=0
for t in "${TARGETS[@]}"; do
    mkdir -p "corpus/$t" "artifacts/$t"
    log=$(mktemp "${TMPDIR:-/tmp}/fuzz-$t.XXXXXX.log")
    echo "== $t: ${SECS}s (log: $log)"
    # -rss_limit_mb: an input that makes argcheck allocate gigabytes is a finding too.
    cargo +nightly fuzz run "$t" "corpus/$t" "seeds/$t" -- \
        -max_total_time="$SECS" -timeout=20 -rss_limit_mb=2048 -max_len=16384 \
        -print_final_stats=1 >"$log" 2>&1
    rc=$?
    grep -E '^stat::number_of_executed_units|^Done [0-9]+ runs' "$log" | tail -2
    if [[ $rc -ne 0 ]]; then
        status=1
        echo "-- $t FAILED (exit $rc):"
        grep -E -A3 "panicked at|ERROR: libFuzzer|SUMMARY|Test unit written to" "$log" | head -30
    fi
done
exit $status
