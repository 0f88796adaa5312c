#!/usr/bin/env bash
# A Word file of a report whose section numbers are Word's automatic numbering (编号/多级列表), as
# many agencies' Word files are: the heading's text is `总体情况` and Word draws `一、` before it
# from `word/numbering.xml`. Made by the real tools, LibreOffice throughout:
#
#   scripts/make-numbered-docx.sh REPORT.txt OUTDIR
#
# 1. `scripts/make-containers.sh --no-pdf` turns the tab-separated text report into a Word file
#    (tables with their spans) by LibreOffice;
# 2. LibreOffice turns that Word file into a Flat ODT (`.fodt`);
# 3. the .fodt is edited: the section headings (`一、总体情况`) become Heading 1 and the
#    subsections (`（一）主动公开`) Heading 2, their typed numbers taken out, and the chapter
#    numbering (outline style) numbers them 一、 and （一） in Chinese counting (level 2
#    restarting under each level 1), followed by nothing; in table 三 the row labels `一、`…`四、`
#    (one list running over the cells), `（一）`…`（七）` (another) and `1.`… (a list of its own
#    for each group, starting again at 1) become list items of list styles, their typed numbers
#    taken out;
# 4. LibreOffice turns the .fodt into OUTDIR/NAME-numbered.docx.
#
# The result is checked: its numbering part uses `chineseCountingThousand` (what LibreOffice
# writes for its Chinese counting `一, 二, 三, ...` in a list whose language is Chinese (PRC)), its headings carry their
# numbering by style (`w:pStyle` → `w:numPr` in styles.xml) and the table labels by `w:numPr` on
# the paragraph, and no heading or label has its number typed.
#
# Needs LibreOffice (apt-get install libreoffice-writer-nogui fonts-noto-cjk) and python3.
set -euo pipefail
if [ $# -ne 2 ]; then
  echo "usage: $0 REPORT.txt OUTDIR" >&2
  exit 2
fi
src=$1
out=$2
here=$(cd "$(dirname "$0")" && pwd)
name=$(basename "${src%.*}")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"
"$here/make-containers.sh" --no-pdf "$src" "$tmp/plain" >/dev/null
soffice --headless -env:UserInstallation="file://$tmp/profile" --convert-to fodt \
  --outdir "$tmp/fodt" "$tmp/plain/$name.docx" >/dev/null 2>&1
python3 - "$tmp/fodt/$name.fodt" "$tmp/$name-numbered.fodt" <<'PY'
import html, re, sys

src, dst = sys.argv[1], sys.argv[2]
doc = open(src, encoding="utf-8").read()
CN = "一二三四五六七八九十"

def once(pattern, repl, text, count=1):
    new, n = re.subn(pattern, repl, text, count=count, flags=re.S)
    if n != count:
        sys.exit(f"expected {count} of {pattern!r}, found {n}")
    return new

def level_style(level, prefix, suffix, fmt="一, 二, 三, ..."):
    attrs = f'style:num-format="{fmt}"'
    if prefix:
        attrs += f' style:num-prefix="{prefix}"'
    if suffix:
        attrs += f' style:num-suffix="{suffix}"'
    indent = 0.3 * level
    return (
        f'<text:outline-level-style text:level="{level}" text:style-name="Numbering_20_zh" {attrs}>'
        '<style:list-level-properties text:list-level-position-and-space-mode="label-alignment">'
        f'<style:list-level-label-alignment text:label-followed-by="nothing" '
        f'fo:text-indent="-{indent:.2f}in" fo:margin-left="{indent:.2f}in"/>'
        "</style:list-level-properties></text:outline-level-style>"
    )

def list_style(name, prefix, suffix, fmt):
    level = level_style(1, prefix, suffix, fmt).replace("outline-level-style", "list-level-style-number")
    return f'<text:list-style style:name="{name}">{level}</text:list-style>'

# Chapter numbering: level 1 `一、`, level 2 `（一）` (Word's default restart: under each level 1).
doc = once(
    r'<text:outline-level-style text:level="1" .*?</text:outline-level-style>\s*'
    r'<text:outline-level-style text:level="2" .*?</text:outline-level-style>',
    lambda m: level_style(1, "", "、") + level_style(2, "（", "）"),
    doc,
)
doc = once(r'(style:name="Heading_20_1".*?) style:list-style-name=""', r"\1", doc)
# The numbers' character style: Chinese (PRC), as LibreOffice asks of a list it writes as
# `chineseCounting…` (else `taiwaneseCounting…`).
doc = once(
    r'(<style:style style:name="Table_20_Contents")',
    '<style:style style:name="Numbering_20_zh" style:display-name="Numbering zh" '
    'style:family="text"><style:text-properties fo:language="zh" fo:country="CN" '
    'style:language-asian="zh" style:country-asian="CN"/></style:style>'
    r"\1",
    doc,
)
doc = once(
    r'(<style:style style:name="Table_20_Contents")',
    '<style:style style:name="Heading_20_2" style:display-name="Heading 2" '
    'style:family="paragraph" style:parent-style-name="Heading" '
    'style:next-style-name="Text_20_body" style:default-outline-level="2" style:class="text"/>'
    r"\1",
    doc,
)
# The title is no section: a plain paragraph, unnumbered.
doc = once(
    r'<text:h text:style-name="P1" text:outline-level="1">(.*?)</text:h>',
    r'<text:p text:style-name="P5">\1</text:p>',
    doc,
)
# Section headings and subsections in the body: headings numbered by the outline.
doc, n1 = re.subn(
    rf'<text:p text:style-name="P5">[{CN}]+、([^<]*)</text:p>',
    r'<text:h text:style-name="Heading_20_1" text:outline-level="1">\1</text:h>',
    doc,
)
doc, n2 = re.subn(
    rf'<text:p text:style-name="P5">（[{CN}]+）([^<]*)</text:p>',
    r'<text:h text:style-name="Heading_20_2" text:outline-level="2">\1</text:h>',
    doc,
)
if n1 < 6 or n2 < 5:
    sys.exit(f"only {n1} headings and {n2} subsections found")

# Table labels: list items. `一、`… and `（一）`… each one list over the cells; `1.`… a list
# of its own for each group (a group starts at `1.`).
doc = once(
    r"(</office:automatic-styles>)",
    list_style("LA", "", "、", "一, 二, 三, ...")
    + list_style("LB", "（", "）", "一, 二, 三, ...")
    + list_style("LC", "", ".", "1")
    + r"\1",
    doc,
)
started = set()
group = [0]

def label(m):
    style, text = m.group(1), m.group(2)
    for key, pattern in (
        ("LA", rf"^[{CN}]+、"),
        ("LB", rf"^（[{CN}]+）"),
        ("LC", r"^\d+\."),
    ):
        typed = re.match(pattern, text)
        if not typed:
            continue
        if key == "LC" and typed.group(0) == "1.":
            group[0] += 1
        list_id = key if key != "LC" else f"LC{group[0]}"
        if list_id in started:
            attrs = f'text:continue-list="{list_id}"'
        else:
            started.add(list_id)
            attrs = f'xml:id="{list_id}"'
        rest = text[typed.end():]
        return (
            f'<text:list text:style-name="{key}" {attrs}><text:list-item>'
            f'<text:p text:style-name="{style}">{rest}</text:p></text:list-item></text:list>'
        )
    return m.group(0)

def table_three(m):
    return re.sub(r'<text:p text:style-name="(P\d+)">([^<]*)</text:p>', label, m.group(0))

# Table 三 is the table whose cells hold `（一）予以公开`.
doc, n3 = re.subn(r"<table:table [^>]*>(?:(?!</table:table>).)*予以公开.*?</table:table>",
                  table_three, doc, flags=re.S)
if n3 != 1 or len(started) < 6:
    sys.exit(f"table 三 not found or its labels not numbered ({n3}, {sorted(started)})")
open(dst, "w", encoding="utf-8").write(doc)
PY
soffice --headless -env:UserInstallation="file://$tmp/profile" --convert-to "docx:MS Word 2007 XML" \
  --outdir "$tmp/docx" "$tmp/$name-numbered.fodt" >/dev/null 2>&1
docx="$tmp/docx/$name-numbered.docx"
numbering=$(unzip -p "$docx" word/numbering.xml)
document=$(unzip -p "$docx" word/document.xml)
styles=$(unzip -p "$docx" word/styles.xml)
grep -qE 'w:numFmt w:val="chineseCounting(Thousand)?"' <<<"$numbering" || {
  echo "$docx: no chineseCounting… in word/numbering.xml" >&2
  exit 1
}
grep -q '<w:numPr>' <<<"$document" || {
  echo "$docx: no paragraph with w:numPr" >&2
  exit 1
}
grep -q '<w:numPr>' <<<"$styles" || {
  echo "$docx: no style with w:numPr" >&2
  exit 1
}
if grep -qE '<w:t>([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)(总体情况|主动公开|予以公开)' <<<"$document"; then
  echo "$docx: a heading or label still has its number typed" >&2
  exit 1
fi
mv "$docx" "$out/$name-numbered.docx"
echo "wrote $out/$name-numbered.docx"
