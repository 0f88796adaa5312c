#!/usr/bin/env python3
"""Lay out a plain-text report (tables as tab-separated lines) as an OFD file (GB/T 33190).

    python3 scripts/make-ofd.py examples/report-2023.txt tests/fixtures/containers/report-2023.ofd

The structure is the standard's: OFD.xml (DocBody/DocInfo/DocRoot) -> Doc_0/Document.xml
(CommonData with PageArea/PublicRes, Pages) -> Doc_0/Pages/Page_N/Content.xml, a Layer of
TextObjects (Boundary, Font, Size; TextCode with X/Y and DeltaX in the `g N d` notation) and
PathObjects (AbbreviatedData `M L C`) for table borders; fonts in Doc_0/PublicRes.xml.
A4 pages in millimetres, 宋体 10.5pt (3.7 mm), paragraphs wrapped at the text width, table cells
wrapped inside their column, rows moved whole to the next page when they do not fit.
"""
import sys
import zipfile
from xml.sax.saxutils import escape

NS = "http://www.ofdspec.org/2016"
W, H = 210.0, 297.0
LEFT, TOP, RIGHT, BOTTOM = 25.0, 25.0, 185.0, 272.0
SIZE = 3.7      # body text
CELL = 3.2      # table text
LINE = 1.5      # line pitch, in font sizes
PAD = 1.2


def advance(ch, size):
    return size / 2 if ord(ch) < 128 else size


def wrap(text, width, size):
    lines, cur, w = [], "", 0.0
    for ch in text:
        a = advance(ch, size)
        if cur and w + a > width:
            lines.append(cur)
            cur, w = "", 0.0
        cur += ch
        w += a
    if cur or not lines:
        lines.append(cur)
    return lines


def deltax(text, size):
    """DeltaX for every glyph after the first, runs of equal advances as `g N d`."""
    adv = [advance(c, size) for c in text[:-1]]
    out, i = [], 0
    while i < len(adv):
        j = i
        while j < len(adv) and adv[j] == adv[i]:
            j += 1
        n = j - i
        out.append(f"g {n} {adv[i]:g}" if n > 1 else f"{adv[i]:g}")
        i = j
    return " ".join(out)


class Doc:
    def __init__(self):
        self.pages = []
        self.next_id = 10
        self.new_page()

    def uid(self):
        self.next_id += 1
        return self.next_id

    def new_page(self):
        self.objects = []
        self.pages.append(self.objects)
        self.y = TOP

    def text(self, x, top, s, size):
        if not s:
            return
        width = sum(advance(c, size) for c in s)
        dx = deltax(s, size)
        dx_attr = f' DeltaX="{dx}"' if dx else ""
        self.objects.append(
            f'<ofd:TextObject ID="{self.uid()}" Boundary="{x:.2f} {top:.2f} {width + 0.5:.2f} {size * 1.3:.2f}" '
            f'Font="2" Size="{size:g}"><ofd:TextCode X="0" Y="{size:.3f}"{dx_attr}>{escape(s)}</ofd:TextCode></ofd:TextObject>')

    def line(self, x0, y0, x1, y1):
        bx, by = min(x0, x1), min(y0, y1)
        bw, bh = max(abs(x1 - x0), 0.1), max(abs(y1 - y0), 0.1)
        self.objects.append(
            f'<ofd:PathObject ID="{self.uid()}" Boundary="{bx:.2f} {by:.2f} {bw:.2f} {bh:.2f}" LineWidth="0.25">'
            f'<ofd:AbbreviatedData>M {x0 - bx:.2f} {y0 - by:.2f} L {x1 - bx:.2f} {y1 - by:.2f}</ofd:AbbreviatedData></ofd:PathObject>')

    def paragraph(self, s):
        for ln in wrap(s, RIGHT - LEFT, SIZE):
            if self.y + SIZE * LINE > BOTTOM:
                self.new_page()
            self.text(LEFT, self.y, ln, SIZE)
            self.y += SIZE * LINE
        self.y += SIZE * 0.4

    def table(self, rows):
        n = max(len(r) for r in rows)
        first = 45.0 if n <= 4 else 28.0
        widths = [first] + [(RIGHT - LEFT - first) / (n - 1)] * (n - 1) if n > 1 else [RIGHT - LEFT]
        xs = [LEFT]
        for w in widths:
            xs.append(xs[-1] + w)
        started = False
        for r in rows:
            cells = r + [""] * (n - len(r))
            wrapped = [wrap(c, widths[i] - 2 * PAD, CELL) if c else [] for i, c in enumerate(cells)]
            height = max(1, max(len(w) for w in wrapped)) * CELL * LINE + 2 * PAD
            if self.y + height > BOTTOM:
                self.new_page()
                started = False
            if not started:
                self.line(xs[0], self.y, xs[-1], self.y)
                started = True
            for i, lines in enumerate(wrapped):
                for k, ln in enumerate(lines):
                    self.text(xs[i] + PAD, self.y + PAD + k * CELL * LINE, ln, CELL)
            for x in xs:
                self.line(x, self.y, x, self.y + height)
            self.y += height
            self.line(xs[0], self.y, xs[-1], self.y)
        self.y += SIZE


def build(src, dst):
    lines = open(src, encoding="utf-8").read().split("\n")
    doc = Doc()
    table = []
    for ln in lines + [""]:
        if "\t" in ln:
            table.append(ln.split("\t"))
            continue
        if table:
            doc.table(table)
            table = []
        if ln.strip():
            doc.paragraph(ln.strip())
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("OFD.xml",
                   f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:OFD xmlns:ofd="{NS}" DocType="OFD" Version="1.1">'
                   '<ofd:DocBody><ofd:DocInfo><ofd:DocID>6f1d3a0c9b2e4e8f8a1b2c3d4e5f6a7b</ofd:DocID>'
                   '<ofd:Creator>gouji make-ofd.py</ofd:Creator><ofd:CreationDate>2024-01-15</ofd:CreationDate></ofd:DocInfo>'
                   '<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>')
        pages = "".join(f'<ofd:Page ID="{i + 3}" BaseLoc="Pages/Page_{i}/Content.xml"/>' for i in range(len(doc.pages)))
        z.writestr("Doc_0/Document.xml",
                   f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Document xmlns:ofd="{NS}"><ofd:CommonData>'
                   f'<ofd:MaxUnitID>{doc.next_id}</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 {W:g} {H:g}</ofd:PhysicalBox>'
                   '</ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData>'
                   f'<ofd:Pages>{pages}</ofd:Pages></ofd:Document>')
        z.writestr("Doc_0/PublicRes.xml",
                   f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Res xmlns:ofd="{NS}" BaseLoc="Res"><ofd:Fonts>'
                   '<ofd:Font ID="2" FontName="宋体" FamilyName="宋体"/></ofd:Fonts></ofd:Res>')
        for i, objs in enumerate(doc.pages):
            z.writestr(f"Doc_0/Pages/Page_{i}/Content.xml",
                       f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Page xmlns:ofd="{NS}"><ofd:Content>'
                       f'<ofd:Layer ID="{i + 100000}">' + "".join(objs) + '</ofd:Layer></ofd:Content></ofd:Page>')


if __name__ == "__main__":
    build(sys.argv[1], sys.argv[2])
