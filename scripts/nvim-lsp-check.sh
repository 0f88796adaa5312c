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
# An invented 2021-format report; `（七）总计` for 自然人 says 5 where the results add up to 4.
t=$'\t'
{
  cat <<EOF
青石县示例局2023年政府信息公开工作年度报告

一、总体情况
（一）主动公开
本局按时发布工作动态和通知公告。
（二）依申请公开
全年依法答复各类申请。
（三）政府信息管理
定期清理已发布的文件。
（四）政府信息公开平台建设
维护门户网站栏目。
（五）监督保障
开展一次内部培训。

二、主动公开政府信息情况
第二十条第（一）项
信息内容${t}本年制发件数${t}本年废止件数${t}现行有效件数
规章${t}0${t}0${t}0
行政规范性文件${t}1${t}0${t}3
第二十条第（五）项
信息内容${t}本年处理决定数量
行政许可${t}12
第二十条第（六）项
信息内容${t}本年处理决定数量
行政处罚${t}4
行政强制${t}0
第二十条第（八）项
信息内容${t}本年收费金额（单位：万元）
行政事业性收费${t}0

三、收到和处理政府信息公开申请情况
（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）${t}申请人情况
自然人${t}法人或其他组织${t}总计
商业企业${t}科研机构${t}社会公益组织${t}法律服务机构${t}其他
一、本年新收政府信息公开申请数量${t}4${t}0${t}0${t}0${t}0${t}0${t}4
二、上年结转政府信息公开申请数量${t}0${t}0${t}0${t}0${t}0${t}0${t}0
三、本年度办理结果${t}（一）予以公开${t}3${t}0${t}0${t}0${t}0${t}0${t}3
（二）部分公开（区分处理的，只计这一情形，不计其他情形）${t}1${t}0${t}0${t}0${t}0${t}0${t}1
EOF
  zeros="${t}0${t}0${t}0${t}0${t}0${t}0${t}0"
  first=1
  for label in "（三）不予公开${t}1.属于国家秘密" 2.其他法律行政法规禁止公开 "3.危及“三安全一稳定”" 4.保护第三方合法权益 \
    5.属于三类内部事务信息 6.属于四类过程性信息 7.属于行政执法案卷 8.属于行政查询事项 \
    "（四）无法提供${t}1.本机关不掌握相关政府信息" 2.没有现成信息需要另行制作 3.补正后申请内容仍不明确 \
    "（五）不予处理${t}1.信访举报投诉类申请" 2.重复申请 3.要求提供公开出版物 4.无正当理由大量反复申请 5.要求行政机关确认或重新出具已获取信息 \
    "（六）其他处理${t}1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请" \
    2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 3.其他; do
    echo "$label$zeros"
  done
  cat <<EOF
（七）总计${t}5${t}0${t}0${t}0${t}0${t}0${t}4
四、结转下年度继续办理$zeros

四、政府信息公开行政复议、行政诉讼情况
行政复议${t}行政诉讼
结果维持${t}结果纠正${t}其他结果${t}尚未审结${t}总计${t}未经复议直接起诉${t}复议后起诉
0${t}0${t}0${t}0${t}0${t}0${t}0${t}0${t}0${t}0${t}0${t}0${t}0${t}0${t}0

五、存在的主要问题及改进情况
栏目更新不够及时，下一步将按月检查栏目。

六、其他需要报告的事项
本年度未收取信息处理费。
EOF
} >"$report"

# Where the finding must be: 0-based line of `（七）总计`, byte column of the `5` after it.
want_line=$(($(grep -n "^（七）总计${t}" "$report" | cut -d: -f1) - 1))
want_col=$(printf '%s' "（七）总计${t}" | wc -c)

out="$work/nvim.out"
set +e
(cd "$work" && SERVER_CMD="$bin lsp" LSP_TIMEOUT_MS=10000 XDG_STATE_HOME="$work/state" \
  timeout 60 nvim --headless --clean -u NONE -c "luafile $lua" "$report" >"$out" 2>"$work/nvim.err")
status=$?
set -e
cat "$out"
if [ $status -ne 0 ]; then
  echo "nvim-lsp-check: Neovim exited with $status" >&2
  cat "$work/nvim.err" >&2
  exit 1
fi

python3 - "$out" "$want_line" "$want_col" <<'PY'
import json, sys
path, line, col = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
diags = [json.loads(l) for l in open(path, encoding="utf-8") if l.startswith("{")]
hits = [d for d in diags if d.get("code") == "R040" and d["message"].startswith("`（七）总计` does not add up")]
if not hits:
    sys.exit(f"nvim-lsp-check: no R040 on `（七）总计` among {len(diags)} diagnostics")
d = hits[0]
if (d["lnum"], d["col"], d["end_lnum"], d["end_col"]) != (line, col, line, col + 1):
    sys.exit(f"nvim-lsp-check: R040 at {d['lnum']}:{d['col']}-{d['end_lnum']}:{d['end_col']}, want {line}:{col}-{line}:{col + 1}")
print(f"nvim-lsp-check: ok, R040 at line {line + 1}, byte column {col} as Neovim sees it")
PY
