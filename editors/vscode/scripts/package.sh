#!/usr/bin/env bash
# Builds the gouji VS Code extension into editors/vscode/gouji.vsix:
# install (npm ci) → typecheck → build → grammar and unit tests → vsce package.
# Needs Node 20 or later and the npm registry; does not need VS Code or the Rust build.
# Install scripts are skipped: esbuild runs from its platform package without them, and vsce
# does not sign the package.
# Usage: editors/vscode/scripts/package.sh   (from anywhere)
set -euo pipefail

cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  echo "package.sh: Node $node_major found; @vscode/vsce 3.9 needs Node 20 or later" >&2
  exit 1
fi

step "install"
if [ -f package-lock.json ]; then
  npm ci --no-audit --no-fund --ignore-scripts
else
  npm install --no-audit --no-fund --ignore-scripts
fi

step "typecheck"
npm run --silent typecheck

step "build"
npm run --silent build

step "grammar tests"
npm run --silent test:grammar

step "unit tests"
npm run --silent test:unit

step "package"
rm -f gouji.vsix
npm run --silent package
ls -l gouji.vsix
