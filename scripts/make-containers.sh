#!/usr/bin/env bash
# Turn plain-text reports (tab-separated table rows) into the containers reports are published
# in: a GBK web page whose tables carry rowspan/colspan, and (with LibreOffice) a Word .docx and a
# PDF made from that page by the real tools.
#
#   scripts/make-containers.sh [--no-pdf] REPORT.txt… OUTDIR
#
# A report whose tables are laid out with blanks instead of tabs is first read by gouji (`$GOUJI`,
# else `gouji` on the PATH): its lines as `gouji extract --text --format json` gives them become
# the page: paragraphs, and table rows whose cells hold the report's own text. Digits run
# together stay one cell over the columns they fill, and a row whose values could not be placed
# keeps only its label, so the page states no more than the text does.
#
# Writes OUTDIR/NAME.html (GBK), OUTDIR/NAME.docx and OUTDIR/NAME.pdf (when `soffice` is
# installed: apt-get install libreoffice-writer-nogui fonts-noto-cjk; `--no-pdf`: no PDF). All
# files go through one LibreOffice run per format.
#
# Cells of a tab-separated report: each tab-separated line is a table row, consecutive ones one
# table. In the label area (before a row's first number) and in header rows, an empty cell joins
# the cell above it (rowspan) or the cell to its left (colspan), as a table 三 or 四 header is
# drawn; an empty cell among the numbers stays an empty cell, and a row shorter than the table
# has its last cell span to the right edge.
set -euo pipefail
pdf=1
if [ "${1:-}" = "--no-pdf" ]; then
  pdf=0
  shift
fi
if [ $# -lt 2 ]; then
  echo "usage: $0 [--no-pdf] REPORT.txt… OUTDIR" >&2
  exit 2
fi
out=${*: -1}
srcs=("${@:1:$#-1}")
mkdir -p "$out"
python3 - "$out" "${srcs[@]}" <<'PY'
import html, json, os, re, subprocess, sys

out, srcs = sys.argv[1], sys.argv[2:]
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
            if c >= first_num:
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

def read_table_html(rows):
    """A table of rows as gouji read them: each cell its own text over its columns. Rows that
    are a label alone (no value could be placed), with no row of cells beside them, are
    paragraphs: a table of one-cell rows is page layout, not a table."""
    if all(len(r) == 1 for r in rows):
        return "\n".join(f"<p>{html.escape(r[0]['text'].strip())}</p>" for r in rows)
    width = max(sum(c["columns"] for c in r) for r in rows)
    out = ['<table border="1" cellspacing="0" cellpadding="2">']
    for row in rows:
        out.append("<tr>")
        used = sum(c["columns"] for c in row)
        for i, c in enumerate(row):
            cs = c["columns"] + (width - used if i == len(row) - 1 else 0)
            attrs = f' colspan="{cs}"' if cs > 1 else ""
            text = "<br>".join(html.escape(l.strip()) for l in c["text"].split("\n"))
            out.append(f"<td{attrs}>{text}</td>")
        out.append("</tr>")
    out.append("</table>")
    return "\n".join(out)

def decode(path):
    raw = open(path, "rb").read()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("gb18030")

def page(title, body, chrome):
    script = '<script>var nav = "首页 > 政府信息公开";</script>' if chrome else ""
    nav = '<nav><a href="/">首页</a> &gt; <a href="/xxgk/">政府信息公开</a></nav>' if chrome else ""
    return f"""<!DOCTYPE html>
<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=gbk">
<title>{html.escape(title)}</title>
<style>td {{ border: 1px solid #000 }}</style>
{script}
</head><body>
{nav}
<div class="article">
{chr(10).join(body)}
</div>
</body></html>
"""

def write(src, title, body):
    name = os.path.splitext(os.path.basename(src))[0]
    # The web page has the site's chrome around the report; the page LibreOffice turns into a
    # Word file and a PDF (in OUTDIR/.bare, removed after) has none, as a Word file has none.
    for folder, chrome in ((out, True), (os.path.join(out, ".bare"), False)):
        os.makedirs(folder, exist_ok=True)
        dst = os.path.join(folder, name + ".html")
        text = page(title, body, chrome)
        try:
            data = text.encode("gbk")
        except UnicodeEncodeError:
            # Characters GBK lacks: the page is GB18030, and says so.
            data = text.replace("charset=gbk", "charset=gb18030").encode("gb18030")
        open(dst, "wb").write(data)
    print(f"wrote {os.path.join(out, name + '.html')}")

def paragraph(line, title):
    tag = "h1" if line.strip() == title else "p"
    return f"<{tag}>{html.escape(line.strip())}</{tag}>"

texts = {src: decode(src) for src in srcs}
tabbed = [s for s in srcs if "\t" in texts[s]]
by_gouji = [s for s in srcs if s not in tabbed]
for src in tabbed:
    lines = texts[src].split("\n")
    title = next((l.strip() for l in lines if l.strip()), "")
    body, table = [], []
    for line in lines + [""]:
        if "\t" in line:
            table.append(line.split("\t"))
            continue
        if table:
            body.append(table_html(table))
            table = []
        if line.strip():
            body.append(paragraph(line, title))
    write(src, title, body)
if by_gouji:
    # Reports whose tables are laid out with blanks: the lines as gouji read them, in one run.
    gouji = os.environ.get("GOUJI", "gouji")
    read = subprocess.run([gouji, "extract", "--text", "--format", "json", *by_gouji],
                          capture_output=True, check=True)
    for src, f in zip(by_gouji, json.loads(read.stdout)["files"]):
        lines = f["lines"]
        title = next((l["text"].strip() for l in lines if "text" in l and l["text"].strip()), "")
        body, table = [], []
        for line in lines + [{"text": ""}]:
            if "cells" in line:
                table.append(line["cells"])
                continue
            if table:
                body.append(read_table_html(table))
                table = []
            if line["text"].strip():
                body.append(paragraph(line["text"], title))
        write(src, title, body)
PY
if command -v soffice >/dev/null 2>&1; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp" "$out/.bare"' EXIT
  pages=()
  for src in "${srcs[@]}"; do
    name=$(basename "${src%.*}")
    pages+=("$out/.bare/$name.html")
  done
  exts=(docx)
  if [ $pdf = 1 ]; then exts+=(pdf); fi
  for ext in "${exts[@]}"; do
    filter=pdf
    if [ $ext = docx ]; then filter="docx:MS Word 2007 XML"; fi
    soffice --headless -env:UserInstallation="file://$tmp/profile" --infilter="HTML (StarWriter)" \
      --convert-to "$filter" --outdir "$tmp" "${pages[@]}" >/dev/null 2>&1
    for p in "${pages[@]}"; do
      name=$(basename "${p%.*}")
      if [ -f "$tmp/$name.$ext" ]; then
        mv "$tmp/$name.$ext" "$out/$name.$ext"
        echo "wrote $out/$name.$ext"
      else
        echo "LibreOffice did not write $name.$ext" >&2
        exit 1
      fi
    done
  done
  rm -rf "$out/.bare"
else
  rm -rf "$out/.bare"
  echo "soffice (LibreOffice) is not installed: only the web pages were written" >&2
fi
