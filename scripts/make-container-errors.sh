#!/usr/bin/env bash
# The fixtures of the container codes (R100–R105) under tests/fixtures/: a real old Word file made
# by LibreOffice, and the damaged, encrypted, inflating, entity-declaring and foreign files that
# each must be refused with its own code.
#
#   scripts/make-container-errors.sh
set -euo pipefail
cd "$(dirname "$0")/.."
fx=tests/fixtures
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# R100: an old binary Word file, saved by LibreOffice from the example's web page.
soffice --headless -env:UserInstallation="file://$tmp/profile" --infilter="HTML (StarWriter)" \
  --convert-to "doc:MS Word 97" --outdir "$tmp" tests/fixtures/containers/report-2023.html >/dev/null 2>&1
mv "$tmp/report-2023.doc" "$fx/R100.doc"
python3 - "$fx" <<'PY'
import io, sys, zipfile
fx = sys.argv[1]
def z(path, parts):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as f:
        for n, d in parts:
            f.writestr(n, d)
# R101: an encrypted Office file: an OLE compound file holding an EncryptedPackage stream.
ole = bytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + bytes(504)
ole += "EncryptedPackage".encode("utf-16-le") + bytes(512)
open(f"{fx}/R101.docx", "wb").write(ole)
# R102: a Word file cut off half-way (a download that stopped).
good = open(f"{fx}/containers/report-2023.docx", "rb").read()
open(f"{fx}/R102.docx", "wb").write(good[: len(good) // 2])
# R103: a zip bomb: 80 MB of blanks inflating from a few kilobytes.
z(f"{fx}/R103.docx", [("word/document.xml", b" " * (80 * 1024 * 1024))])
# R104: entity definitions (billion laughs), never expanded.
lol = b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
lol += b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>'
z(f"{fx}/R104.docx", [("[Content_Types].xml", b"<Types/>"), ("word/document.xml", lol)])
# R105: a spreadsheet zipped as .xlsx, given as a report.
z(f"{fx}/R105.zip", [("[Content_Types].xml", b"<Types/>"), ("xl/workbook.xml", b"<workbook/>")])
PY
ls -la "$fx"/R10?.*
