#!/bin/sh
# Opt-in check of the PDF and OFD readers on real reports (not run by the test suite: it needs
# LibreOffice, and the corpus text must not be committed). For each text report given, make a
# bordered PDF, a borderless PDF (scripts/make-pdf.sh) and an OFD (scripts/make-ofd.py) in a
# temporary folder, and compare what gouji reads from each with the text version: the cells
# (`gouji extract --format csv`, without file name and line) and the findings' headlines.
#
#   scripts/compare-fixed.sh ../shared/corpus/seed-2023-weibin.txt ../shared/corpus/reports/00*.txt
#
# Prints one line per report and format: `same` or `DIFFERENT (cells|findings)`.
set -u
gouji=${GOUJI:-target/debug/gouji}
# The findings are compared by their English headlines.
export GOUJI_LANG=en
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cells() { "$gouji" extract --format csv "$1" 2>/dev/null | cut -d, -f2-10; }
finds() { "$gouji" check --color=never "$1" 2>&1 | grep -E '^(error|warning|note)\['; }
for txt in "$@"; do
  name=$(basename "$txt" .txt)
  cells "$txt" > "$tmp/t.cells"
  finds "$txt" > "$tmp/t.finds"
  scripts/make-pdf.sh "$txt" "$tmp/$name.pdf" 2>/dev/null
  scripts/make-pdf.sh --no-borders "$txt" "$tmp/$name-noborders.pdf" 2>/dev/null
  python3 scripts/make-ofd.py "$txt" "$tmp/$name.ofd"
  for f in "$tmp/$name.pdf" "$tmp/$name-noborders.pdf" "$tmp/$name.ofd"; do
    what=""
    cells "$f" | cmp -s - "$tmp/t.cells" || what="cells"
    finds "$f" | cmp -s - "$tmp/t.finds" || what="$what findings"
    if [ -z "$what" ]; then
      echo "$name $(basename "$f"): same ($(wc -l < "$tmp/t.cells") cells)"
    else
      echo "$name $(basename "$f"): DIFFERENT ($what)"
    fi
  done
done
