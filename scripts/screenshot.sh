#!/usr/bin/env bash
# Renders an HTML report (or an SVG map) in headless Chromium to a PNG, for
# people to look at.
#
#   scripts/screenshot.sh report.html [out.png] [WIDTHxHEIGHT]
#
# Default output: the input with .png; default window 1400x2400. Chromium is
# Debian's `chromium` (installed with apt-get when absent and run as root).
# No network: the report is self-contained, and background networking is
# turned off.
set -euo pipefail

if [ $# -lt 1 ] || [ $# -gt 3 ]; then
    echo "usage: $0 FILE.html|FILE.svg [OUT.png] [WIDTHxHEIGHT]" >&2
    exit 2
fi
in=$1
out=${2:-${in%.*}.png}
size=${3:-1400x2400}
[ -f "$in" ] || { echo "error: no file $in" >&2; exit 2; }

browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        apt-get update -qq >&2 && apt-get install -y -qq chromium >&2
        browser=$(command -v chromium)
    else
        echo "error: chromium is not installed (Debian: apt-get install chromium)" >&2
        exit 2
    fi
fi

abs=$(cd "$(dirname "$in")" && pwd)/$(basename "$in")
case "$out" in /*) ;; *) out=$PWD/$out ;; esac
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
"$browser" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
    --disable-background-networking --disable-component-update --disable-sync \
    --disable-default-apps --no-first-run --mute-audio --hide-scrollbars \
    --user-data-dir="$profile" --window-size="${size/x/,}" \
    --screenshot="$out" "file://$abs" >/dev/null 2>&1
[ -s "$out" ] || { echo "error: chromium wrote no screenshot" >&2; exit 1; }
echo "wrote $out" >&2
