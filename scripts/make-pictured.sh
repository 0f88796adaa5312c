#!/usr/bin/env bash
# A report whose table 二 is published as a picture, as many agencies post a screenshot of it:
# the example's web page (tests/fixtures/containers/report-2023.html, made by
# scripts/make-containers.sh) with section 二's tables replaced by one `<img>` (a small real PNG),
# and the Word file and the PDF LibreOffice makes of that page (the picture embedded: a DrawingML
# picture; an image XObject the page draws).
#
#   scripts/make-pictured.sh
#
# Writes tests/fixtures/containers/report-2023-pictured.html (GBK), .docx and .pdf.
set -euo pipefail
cd "$(dirname "$0")/.."
fx=tests/fixtures/containers
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$fx" "$tmp" <<'PY'
import re, struct, sys, zlib

fx, tmp = sys.argv[1], sys.argv[2]
# A 600 × 200 grey PNG: what a screenshot of a table is to gouji (pixels, no text).
w, h = 600, 200
raw = b"".join(b"\x00" + bytes([200]) * w for _ in range(h))
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0))
png += chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
open(f"{tmp}/biao2.png", "wb").write(png)
page = open(f"{fx}/report-2023.html", encoding="gb18030").read()
start = page.index("<table")
end = page.rindex("</table>", 0, page.index("三、收到和处理")) + len("</table>")
img = '<p><img src="biao2.png" alt="" width="600" height="200"></p>'
open(f"{tmp}/report-2023-pictured.html", "w", encoding="gb18030").write(page[:start] + img + page[end:])
PY
soffice --headless -env:UserInstallation="file://$tmp/profile" --infilter="HTML (StarWriter)" \
  --convert-to "docx:MS Word 2007 XML" --outdir "$tmp/out" "$tmp/report-2023-pictured.html" >/dev/null 2>&1
soffice --headless -env:UserInstallation="file://$tmp/profile" --infilter="HTML (StarWriter)" \
  --convert-to pdf:writer_pdf_Export --outdir "$tmp/out" "$tmp/report-2023-pictured.html" >/dev/null 2>&1
unzip -p "$tmp/out/report-2023-pictured.docx" word/document.xml | grep -q "<pic:pic" \
  || { echo "LibreOffice wrote no picture into the Word file" >&2; exit 1; }
cp "$tmp/report-2023-pictured.html" "$fx/"
cp "$tmp/out/report-2023-pictured.docx" "$tmp/out/report-2023-pictured.pdf" "$fx/"
