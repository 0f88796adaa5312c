#!/usr/bin/env bash
# Opt-in (not part of CI): the `--summary` page of the corpus in real headless Chromium. Loads
# it, sorts the 错误 column, filters by a code, follows a finding's link, takes a screenshot.
# Needs `apt-get install -y chromium fonts-wqy-microhei` (without the fonts Chinese renders as
# boxes) and npm (installs playwright-core, which drives the system Chromium; no browser download).
# Usage: scripts/summary-browser-check.sh [SCREENSHOT.png]   (docs/summary.png refreshes the README's)
set -euo pipefail
cd "$(dirname "$0")/.."
shot="${1:-}"
[ -n "$shot" ] && shot="$(realpath -m "$shot")"
command -v chromium >/dev/null || { echo "chromium is missing: apt-get install -y chromium fonts-wqy-microhei" >&2; exit 1; }
corpus=../shared/corpus/reports
[ -d "$corpus" ] || { echo "$corpus is missing" >&2; exit 1; }
cargo build --release --quiet --locked
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd scripts/summary-browser && [ -d node_modules/playwright-core ] || npm install --silent --no-audit --no-fund >/dev/null)
set +e
target/release/gouji check --quiet --no-progress "$corpus" --summary "$work/汇总.html" >/dev/null
code=$?
set -e
[ "$code" -le 1 ] || { echo "gouji check exited $code" >&2; exit 1; }
n=$(find "$corpus" -type f \( -name '*.txt' -o -name '*.md' \) | wc -l)
node scripts/summary-browser/check.mjs "$work/汇总.html" "$n" "$shot"
