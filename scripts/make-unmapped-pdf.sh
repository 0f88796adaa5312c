#!/usr/bin/env bash
# tests/fixtures/R117.pdf: the example's PDF (made by LibreOffice, scripts/make-pdf.sh) as a
# producer that writes no character maps would have made it: every font's `/ToUnicode` key is
# renamed to a key of the same length no reader knows (`/ToUnicodX`), so the file's offsets stay
# valid and its text layer gives glyph codes, not characters, as such PDFs do.
#
#   scripts/make-unmapped-pdf.sh
set -euo pipefail
cd "$(dirname "$0")/.."
python3 - <<'PY'
src = open("tests/fixtures/containers/report-2023.pdf", "rb").read()
assert src.count(b"/ToUnicode") > 0, "the example PDF has no character maps to remove"
open("tests/fixtures/R117.pdf", "wb").write(src.replace(b"/ToUnicode", b"/ToUnicodX"))
PY
