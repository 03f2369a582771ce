"""Paper: printed by Chromium to PDF on A4 and US Letter, rasterised, and scanned."""

from __future__ import annotations

import io

import pypdfium2 as pdfium
import pytest
import zxingcpp
from PIL import Image

from webapp import content
from webapp.languages import LANGUAGES

PUBLIC = "https://guide.riverside-pt.example"
SCALE = 3  # 216 dpi: 1 pt = 3 px


@pytest.fixture(scope="module")
def public_server():
    from webapp import create_app

    from ..conftest import CLINIC
    from .conftest import LiveServer

    server = LiveServer(create_app({"TESTING": True, **CLINIC, "PUBLIC_URL": PUBLIC}))
    yield server
    server.stop()


def printed(page, url: str, paper: str) -> pdfium.PdfDocument:
    page.goto(url)
    page.emulate_media(media="print")
    return pdfium.PdfDocument(page.pdf(format=paper, print_background=True))


def scan(pdf_page) -> list[zxingcpp.Barcode]:
    image = pdf_page.render(scale=SCALE).to_pil()
    return zxingcpp.read_barcodes(image)


def width_cm(barcode) -> float:
    position = barcode.position
    pixels = abs(position.top_right.x - position.top_left.x)
    return pixels / SCALE / 72 * 2.54


def test_svg_code_rendered_by_chromium_decodes(page, public_server):
    page.goto(f"{public_server.url}/es/handout")
    shot = page.locator(".handout-qr img").screenshot()
    results = zxingcpp.read_barcodes(Image.open(io.BytesIO(shot)))
    assert [r.text for r in results] == [f"{PUBLIC}/es/"]


@pytest.mark.parametrize("paper", ["A4", "Letter"])
@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_each_handout_prints_on_one_page_and_its_code_scans(page, public_server, paper, lang):
    pdf = printed(page, f"{public_server.url}/{lang.code}/handout", paper)
    assert len(pdf) == 1
    codes = scan(pdf[0])
    assert [c.text for c in codes] == [f"{PUBLIC}/{lang.code}/"]
    assert width_cm(codes[0]) >= 3.0
    if lang.code == "en":
        text = pdf[0].get_textpage().get_text_range()
        flat = " ".join(text.split())
        for sign in content.WARNING_SIGNS:
            assert str(sign.name) in flat
        assert "emergency department" in flat


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_poster_prints_on_one_page_with_every_code_scannable(page, public_server, paper):
    pdf = printed(page, f"{public_server.url}/en/poster", paper)
    assert len(pdf) == 1
    codes = scan(pdf[0])
    assert sorted(c.text for c in codes) == sorted(f"{PUBLIC}/{lang.code}/" for lang in LANGUAGES)
    assert min(width_cm(c) for c in codes) >= 4.5


def test_print_hides_the_site_chrome(page, public_server):
    page.goto(f"{public_server.url}/en/handout")
    page.emulate_media(media="print")
    for selector in (".site-header", ".site-footer", "#print-button", ".app-panel"):
        assert not page.locator(selector).first.is_visible()
    assert page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") >= 11 * 96 / 72


def test_print_button_opens_the_print_dialog(page, public_server):
    page.goto(f"{public_server.url}/en/handout")
    page.evaluate("window.print = () => { window.printed = true; }")
    page.get_by_role("button", name="Print").click()
    assert page.evaluate("window.printed") is True
