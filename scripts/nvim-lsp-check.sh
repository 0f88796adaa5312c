#!/usr/bin/env bash
# A real editor against the real server: headless Neovim opens a report whose `（七）总计`
# does not add up, attaches `gouji lsp` (through ../shared/tools/nvim-lsp-check.lua), and this
# script checks that the R040 finding arrives on the right line and column. Neovim turns our
# UTF-16 columns into byte columns, so a wrong position mapping on Chinese text fails here.
#
# Usage: scripts/nvim-lsp-check.sh        (installs Debian's neovim when `nvim` is missing)
# Honours CARGO_TARGET_DIR; builds the release binary when it is missing or older than src/.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
lua="$repo/../shared/tools/nvim-lsp-check.lua"
[ -f "$lua" ] || { echo "missing $lua (../shared beside the checkout)" >&2; exit 2; }

if ! command -v nvim >/dev/null; then
  echo "installing neovim…" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends neovim >/dev/null
fi
command -v python3 >/dev/null || { echo "python3 is needed to read Neovim's JSON" >&2; exit 2; }

target="${CARGO_TARGET_DIR:-$repo/target}"
bin="$target/release/gouji"
if [ ! -x "$bin" ] || [ -n "$(find src rules grammar Cargo.toml -newer "$bin" -print -quit)" ]; then
  cargo build --release --quiet
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
report="$work/年度报告.txt"
# The bundled example report: its `（七）总计` for 自然人 says 13 where the results add up to 12.
cp "$repo/examples/report-2023-broken.txt" "$report"

# Where the finding must be: 0-based line of `（七）总计`, byte columns of the number after it.
read -r want_line want_col want_end < <(python3 - "$report" <<'PY'
import sys
for n, line in enumerate(open(sys.argv[1], encoding="utf-8")):
    if "（七）总计\t" in line:
        start = line.index("（七）总计\t") + len("（七）总计\t")
        number = line[start:].split("\t")[0]
        col = len(line[:start].encode())
        print(n, col, col + len(number.encode()))
        break
PY
)

out="$work/nvim.out"
set +e
# The server speaks Chinese (its default; Neovim 0.7 sends no locale): GOUJI_LANG makes it so
# whatever the machine's locale.
(cd "$work" && GOUJI_LANG=zh SERVER_CMD="$bin lsp" LSP_TIMEOUT_MS=10000 XDG_STATE_HOME="$work/state" \
  timeout 60 nvim --headless --clean -u NONE -c "luafile $lua" "$report" >"$out" 2>"$work/nvim.err")
status=$?
set -e
cat "$out"
if [ $status -ne 0 ]; then
  echo "nvim-lsp-check: Neovim exited with $status" >&2
  cat "$work/nvim.err" >&2
  exit 1
fi

python3 - "$out" "$want_line" "$want_col" "$want_end" <<'PY'
import json, sys
path, line, col, end = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
diags = [json.loads(l) for l in open(path, encoding="utf-8") if l.startswith("{")]
hits = [d for d in diags if d.get("code") == "R040" and d["message"].startswith("表三“自然人”列：（七）总计 填的是 13")]
if not hits:
    sys.exit(f"nvim-lsp-check: no R040 on `（七）总计` among {len(diags)} diagnostics")
d = hits[0]
if (d["lnum"], d["col"], d["end_lnum"], d["end_col"]) != (line, col, line, end):
    sys.exit(f"nvim-lsp-check: R040 at {d['lnum']}:{d['col']}-{d['end_lnum']}:{d['end_col']}, want {line}:{col}-{line}:{end}")
print(f"nvim-lsp-check: ok, R040 at line {line + 1}, byte column {col} as Neovim sees it")
PY
