"""Print a page as a clinic's PC would, whatever fonts it has: one helper for every paper page.

A clinic prints from its own computer, with whatever fonts that machine has. A page that
fits only with the fonts of the machine it was designed on spills onto a second sheet
elsewhere, so the tests print each paper page with each of the common sans-serif families
forced on every element, and measure what is left of the sheet.

`print_page(page, url, paper, font)` returns a `Printout`: the number of pages and the
smallest blank share of a page's height below its lowest ink (inside the page margin). The
`print_with_font` fixture (tests/e2e/conftest.py) opens a page that may take the forced
style (the app's CSP forbids inline styles, as it should) and calls this.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

#: The families a clinic's PC most likely falls back to: Arial's metrics (Liberation Sans),
#: Debian's default (DejaVu Sans, the widest) and Android/ChromeOS's (Noto Sans).
FONTS = ("Liberation Sans", "DejaVu Sans", "Noto Sans")
PAPERS = ("A4", "Letter")
#: Blank share of the page height every printed page must keep, so that a font a little
#: wider than ours, or a browser's own print margins, still leave it on one sheet.
MIN_SPARE = 0.05
#: `@page { margin: 10mm }` in static/css/site.css.
MARGIN_MM = 10
POINTS_PER_MM = 72 / 25.4


@dataclass
class Printout:
    pages: int
    spare: float  # smallest blank share of a page's height below its lowest ink
    fonts: set[str]  # font names embedded in the PDF (e.g. "DejaVuSans-Bold")
    pdf: pdfium.PdfDocument


def force_font(page, font: str) -> None:
    """Make every element, pseudo-elements included, use `font` (fallbacks stay per glyph)."""
    page.add_style_tag(content=f'*, *::before, *::after {{ font-family: "{font}" !important; }}')
    page.evaluate("document.fonts.ready.then(() => true)")


def ink_bottom(pdf_page, scale: float = 1.0) -> float | None:
    """Distance in points from the page's top to its lowest non-white pixel."""
    image = pdf_page.render(scale=scale, grayscale=True).to_pil().convert("L")
    width, height = image.size
    pixels = image.load()
    for y in range(height - 1, -1, -1):
        if any(pixels[x, y] < 240 for x in range(0, width, 2)):
            return (y + 1) / scale
    return None


def embedded_fonts(pdf: pdfium.PdfDocument) -> set[str]:
    names = set()
    buffer = ctypes.create_string_buffer(256)
    flags = ctypes.c_int()
    for pdf_page in pdf:
        text = pdf_page.get_textpage()
        for index in range(text.count_chars()):
            length = pdfium_c.FPDFText_GetFontInfo(text.raw, index, buffer, 256, flags)
            if length:
                name = buffer.value.decode("utf-8", "replace")
                names.add(name.split("+", 1)[-1])  # drop the subset tag "ABCDEF+"
    return names


def print_page(page, url: str, paper: str, font: str | None = None) -> Printout:
    """Print `url` on `paper` ("A4" or "Letter"), with `font` forced when given."""
    page.goto(url)
    if font:
        force_font(page, font)
    page.emulate_media(media="print")
    pdf = pdfium.PdfDocument(page.pdf(format=paper, print_background=True))
    spares = []
    for sheet in pdf:
        height = sheet.get_height()
        usable_bottom = height - MARGIN_MM * POINTS_PER_MM
        spares.append((usable_bottom - (ink_bottom(sheet) or 0.0)) / height)
    return Printout(len(pdf), min(spares), embedded_fonts(pdf), pdf)


def uses_font(printout: Printout, font: str) -> bool:
    """Whether the forced family really printed (a missing font falls back silently)."""
    squashed = font.replace(" ", "")
    return any(name.startswith(squashed) for name in printout.fonts)


def printed(page, url: str, paper: str) -> pdfium.PdfDocument:
    """`url` printed by Chromium to PDF on `paper`, with the page's own fonts."""
    page.goto(url)
    page.emulate_media(media="print")
    return pdfium.PdfDocument(page.pdf(format=paper, print_background=True))
