#!/usr/bin/env bash
# Builds the VS Code extension in editors/vscode: installs its locked npm
# dependencies, compiles the TypeScript, runs the grammar tests, and (with
# --package) makes a .vsix with @vscode/vsce (fetched by npx).
#
#   scripts/vscode-build.sh            # npm ci, compile, test
#   scripts/vscode-build.sh --package  # and argcheck-<version>.vsix
set -euo pipefail
cd "$(dirname "$0")/../editors/vscode"
if ! command -v npm >/dev/null; then
    echo "npm is not installed (Debian: apt-get install npm)" >&2
    exit 2
fi
npm ci --no-audit --no-fund
npm run compile
npm test
if [[ "${1:-}" == "--package" ]]; then
    npx --yes @vscode/vsce package --allow-missing-repository --skip-license
fi
