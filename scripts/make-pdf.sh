#!/bin/sh
# Turn a plain-text report (tables as tab-separated lines) into a PDF the way an agency would:
# the text goes into LibreOffice Writer as a document with bordered tables, and Writer exports
# the PDF (CID fonts with ToUnicode maps, table borders drawn as lines, text placed by position).
#
#   scripts/make-pdf.sh examples/report-2023.txt tests/fixtures/containers/report-2023.pdf
#   scripts/make-pdf.sh --no-borders IN OUT    tables without ruling lines (cells by position only)
#
# Needs: apt-get install libreoffice-writer-nogui fonts-noto-cjk
# The committed PDFs under tests/fixtures/containers/ are its output, so tests need no LibreOffice.
set -eu
borders=1
if [ "${1:-}" = "--no-borders" ]; then
  borders=0
  shift
fi
in=$1
out=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
base=$(basename "$out" .pdf)
python3 - "$in" "$tmp/$base.html" "$borders" <<'PY'
import html, sys
src, dst, borders = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
lines = open(src, encoding="utf-8").read().split("\n")
out = ['<!DOCTYPE html><html><head><meta charset="utf-8">',
       '<style>body{font-family:"Noto Serif CJK SC";font-size:10.5pt}'
       'table{border-collapse:collapse}td{border:%s;padding:2pt;font-size:9pt}</style>'
       % ("1px solid #000" if borders else "none"),
       '</head><body>']
in_table = False
for line in lines:
    if "\t" in line:
        if not in_table:
            out.append('<table border="%d" cellspacing="0" cellpadding="3">' % (1 if borders else 0))
            in_table = True
        cells = line.split("\t")
        out.append("<tr>" + "".join("<td>%s</td>" % html.escape(c) for c in cells) + "</tr>")
        continue
    if in_table:
        out.append("</table>")
        in_table = False
    if line.strip():
        out.append("<p>%s</p>" % html.escape(line))
if in_table:
    out.append("</table>")
out.append("</body></html>")
open(dst, "w", encoding="utf-8").write("\n".join(out))
PY
soffice --headless -env:UserInstallation=file://$tmp/profile \
  --infilter="HTML (StarWriter)" --convert-to pdf:writer_pdf_Export --outdir "$tmp" "$tmp/$base.html" >/dev/null
mv "$tmp/$base.pdf" "$out"
