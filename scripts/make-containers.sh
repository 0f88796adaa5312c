#!/usr/bin/env bash
# Turn a plain-text report (tab-separated table rows) into the containers reports are published
# in: a GBK web page whose tables carry rowspan/colspan, and (with LibreOffice) a Word .docx and a
# PDF made from that page by the real tools.
#
#   scripts/make-containers.sh REPORT.txt OUTDIR
#
# A report whose tables are laid out with blanks instead of tabs is first read by gouji (`$GOUJI`,
# else `gouji` on the PATH): its rows as `gouji extract --text` prints them become the tables.
#
# Writes OUTDIR/NAME.html (GBK), OUTDIR/NAME.docx and OUTDIR/NAME.pdf (when `soffice` is
# installed: apt-get install libreoffice-writer-nogui fonts-noto-cjk).
#
# Cells: each tab-separated line is a table row, consecutive ones one table. In the label area
# (before a row's first number) and in header rows, an empty cell joins the cell above it
# (rowspan) or the cell to its left (colspan), as a table 三 or 四 header is drawn; an empty cell
# among the numbers stays an empty cell, and a row shorter than the table has its last cell span
# to the right edge.
set -euo pipefail
if [ $# -ne 2 ]; then
  echo "usage: $0 REPORT.txt OUTDIR" >&2
  exit 2
fi
src=$1
out=$2
mkdir -p "$out"
name=$(basename "${src%.*}")
python3 - "$src" "$out/$name.html" <<'PY'
import html, re, sys

src, dst = sys.argv[1], sys.argv[2]
import os, subprocess
raw = open(src, "rb").read()
try:
    text = raw.decode("utf-8-sig")
except UnicodeDecodeError:
    text = raw.decode("gb18030")
lines = text.split("\n")
# Rows as gouji read them: the label, then exactly the row's cells (blank ones included).
read_rows = False
if not any("\t" in l for l in lines):
    read_rows = True
    # A report whose tables are laid out with blanks: its rows as gouji reads them
    # (`gouji extract --text`: one row per line, `|` between cells) become the table rows.
    gouji = os.environ.get("GOUJI", "gouji")
    read = subprocess.run([gouji, "extract", "--text", src], capture_output=True, check=True)
    lines = [l.replace(" | ", "\t") for l in read.stdout.decode("utf-8").split("\n")]
# What stands in a number cell (a letter for a digit included, as a broken report has it).
NUM = re.compile(r"^[-+]?[\dOol.,%]+$|^[-/—]$|^不适用$|^无$")

def table_html(rows):
    width = max(len(r) for r in rows)
    own = [len(r) for r in rows]
    grid = [r + [""] * (width - len(r)) for r in rows]
    # anchor[r][c] = (r0, c0) of the cell covering (r, c); spans[(r0, c0)] = [rowspan, colspan]
    anchor = [[None] * width for _ in grid]
    spans = {}
    # How many value columns the table has: those from a full row's first number to the edge.
    # A row's values are right-aligned to them, so blank cells before its first number stay
    # cells (`label | | | 0`) instead of joining the label.
    firsts = [next((c for c, v in enumerate(row) if NUM.match(v.strip())), None) for row in rows]
    value_cols = max((len(row) - f for row, f in zip(rows, firsts) if f is not None), default=0)
    for r, row in enumerate(grid):
        first_num = next((c for c, v in enumerate(row) if NUM.match(v.strip())), width)
        header = first_num == width
        if not header and own[r] == width:
            first_num = min(first_num, max(1, width - value_cols))
        for c, v in enumerate(row):
            if v.strip():
                anchor[r][c] = (r, c)
                spans[(r, c)] = [1, 1]
                continue
            if c >= own[r]:
                # Past the row's own end: the last cell spans to the edge.
                left = anchor[r][c - 1] if c > 0 else None
                if left and left[0] == r:
                    anchor[r][c] = left
                    spans[left][1] += 1
                    continue
            if c >= first_num or (read_rows and c > 0):
                anchor[r][c] = (r, c)
                spans[(r, c)] = [1, 1]
                continue
            left = anchor[r][c - 1] if c > 0 else None
            up = anchor[r - 1][c] if r > 0 else None
            def can_up():
                if not up:
                    return False
                r0, c0 = up
                rs, cs = spans[up]
                if r0 + rs != r or c0 != c or NUM.match(grid[r0][c0].strip()):
                    return False
                return all(
                    cc < first_num and cc < width and not grid[r][cc].strip()
                    for cc in range(c0, c0 + cs)
                )
            left_here = left is not None and left[0] == r and left[1] + spans[left][1] == c
            if (header or not left_here) and can_up():
                r0, c0 = up
                rs, cs = spans[up]
                spans[up][0] += 1
                for cc in range(c0, c0 + cs):
                    anchor[r][cc] = up
                continue
            if anchor[r][c] is not None:
                continue
            if left_here:
                anchor[r][c] = left
                spans[left][1] += 1
                continue
            anchor[r][c] = (r, c)
            spans[(r, c)] = [1, 1]
    out = ['<table border="1" cellspacing="0" cellpadding="2">']
    for r, row in enumerate(grid):
        out.append("<tr>")
        for c, v in enumerate(row):
            if anchor[r][c] != (r, c):
                continue
            rs, cs = spans[(r, c)]
            attrs = (f' rowspan="{rs}"' if rs > 1 else "") + (f' colspan="{cs}"' if cs > 1 else "")
            tag = "th" if r == 0 and not any(NUM.match(x.strip()) for x in row) else "td"
            out.append(f"<{tag}{attrs}>{html.escape(v.strip())}</{tag}>")
        out.append("</tr>")
    out.append("</table>")
    return "\n".join(out)

title = next((l.strip() for l in lines if l.strip()), "")
body = []
table = []
for line in lines + [""]:
    if "\t" in line:
        table.append(line.split("\t"))
        continue
    if table:
        body.append(table_html(table))
        table = []
    if line.strip():
        tag = "h1" if line.strip() == title else "p"
        body.append(f"<{tag}>{html.escape(line.strip())}</{tag}>")
page = f"""<!DOCTYPE html>
<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=gbk">
<title>{html.escape(title)}</title>
<style>td {{ border: 1px solid #000 }}</style>
<script>var nav = "首页 > 政府信息公开";</script>
</head><body>
<nav><a href="/">首页</a> &gt; <a href="/xxgk/">政府信息公开</a></nav>
<div class="article">
{chr(10).join(body)}
</div>
</body></html>
"""
try:
    data = page.encode("gbk")
except UnicodeEncodeError:
    # Characters GBK lacks: the page is GB18030, and says so.
    data = page.replace("charset=gbk", "charset=gb18030").encode("gb18030")
open(dst, "wb").write(data)
PY
echo "wrote $out/$name.html"
if command -v soffice >/dev/null 2>&1; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  soffice --headless -env:UserInstallation="file://$tmp/profile" --infilter="HTML (StarWriter)" \
    --convert-to "docx:MS Word 2007 XML" --outdir "$tmp" "$out/$name.html" >/dev/null 2>&1
  soffice --headless -env:UserInstallation="file://$tmp/profile" --infilter="HTML (StarWriter)" \
    --convert-to pdf --outdir "$tmp" "$out/$name.html" >/dev/null 2>&1
  for ext in docx pdf; do
    if [ -f "$tmp/$name.$ext" ]; then
      mv "$tmp/$name.$ext" "$out/$name.$ext"
      echo "wrote $out/$name.$ext"
    else
      echo "LibreOffice did not write $name.$ext" >&2
      exit 1
    fi
  done
else
  echo "soffice (LibreOffice) is not installed: only the web page was written" >&2
fi
