#!/usr/bin/env python3
"""PDFs whose pages are drawn turned, or stamped with a slanted watermark, as a printer driver writes a landscape table: the page's
content turned a quarter (its text runs up or down the page's user space, the media box
swapped), and `/Rotate` set so that a viewer shows it upright; and a watermark as an OA system
stamps one: the report's own first page, smaller and slanted 40°, drawn over every page (its
title's digits and words across the tables' cells). Made from the LibreOffice PDFs of
tests/fixtures/containers/ (scripts/make-pdf.sh) with pypdf (`pip install pypdf`; only this
script needs it, not the tests).

    scripts/make-turned-pdf.py
"""
import pathlib

from pypdf import PdfReader, PdfWriter, Transformation

root = pathlib.Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "containers"
# (source, target, degrees the content turns counterclockwise)
for src, out, degrees in [
    ("report-2023.pdf", "report-2023-turned-up.pdf", 90),
    ("report-2023-broken.pdf", "report-2023-broken-turned-down.pdf", -90),
]:
    w = PdfWriter(clone_from=str(root / src))
    for page in w.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        # Turned about the origin, then moved back onto the (now landscape) media box.
        shift = (height, 0) if degrees == 90 else (0, width)
        page.add_transformation(Transformation().rotate(degrees).translate(*shift))
        page.mediabox.lower_left = (0, 0)
        page.mediabox.upper_right = (height, width)
        # A viewer turns the page clockwise by /Rotate: back to upright.
        page.rotation = 90 if degrees == 90 else 270
    w.write(str(root / out))

# The watermark over the broken example, so that its findings can be compared.
src = root / "report-2023-broken.pdf"
mark = PdfReader(str(root / "report-2023.pdf")).pages[0]
w = PdfWriter(clone_from=str(src))
for page in w.pages:
    page.merge_transformed_page(
        mark, Transformation().scale(0.8).rotate(40).translate(300, 100), over=True
    )
w.write(str(root / "report-2023-broken-watermark.pdf"))
