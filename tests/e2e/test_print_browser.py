"""Paper: printed by Chromium to PDF on A4 and US Letter, rasterised, and scanned."""

from __future__ import annotations

import io
import subprocess

import pypdfium2 as pdfium
import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import expect

from webapp import content, create_app
from webapp.languages import LANGUAGES
from webapp.printed import POSTER_CODES_PER_SHEET

from ..support.clinic import CLINIC
from ..support.clinic import PUBLIC_URL as PUBLIC
from ..support.printing import FONTS, MIN_SPARE, PAPERS, printed, uses_font
from ..support.servers import LiveServer

SCALE = 3  # 216 dpi: 1 pt = 3 px


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


def poster_sheets(count: int) -> int:
    return -(-count // POSTER_CODES_PER_SHEET)


@pytest.fixture(scope="module")
def six_language_server():
    config = {"TESTING": True, **CLINIC, "PUBLIC_URL": PUBLIC, "LANGUAGES": SIX}
    server = LiveServer(create_app(config))
    yield server
    server.stop()


SIX = "en,es,vi,zh,fa,ko"


@pytest.mark.parametrize("paper", ["A4", "Letter"])
@pytest.mark.parametrize("offered", ["all", "six"])
def test_poster_codes_scan_and_labels_read_from_a_chair(
    page, public_server, six_language_server, paper, offered
):
    server, codes = (
        (public_server, [lang.code for lang in LANGUAGES])
        if offered == "all"
        else (six_language_server, SIX.split(","))
    )
    pdf = printed(page, f"{server.url}/en/poster", paper)
    assert len(pdf) == poster_sheets(len(codes))  # 16 languages: two sheets; six: one
    found = [c for sheet in pdf for c in scan(sheet)]
    assert sorted(c.text for c in found) == sorted(f"{PUBLIC}/{code}/" for code in codes)
    assert min(width_cm(c) for c in found) >= 4.5
    points = page.evaluate(
        """() => [".poster-language", ".poster-invitation", ".poster-foot p"].map(
            (s) => Math.min(...[...document.querySelectorAll(s)].map(
                (e) => parseFloat(getComputedStyle(e).fontSize) * 72 / 96)))"""
    )
    assert points[0] >= 20 and points[1] >= 14 and points[2] >= 14, points
    for sheet in pdf:  # every sheet stands alone: the address to type and the phone
        text = " ".join(sheet.get_textpage().get_text_range().split())
        assert "guide.riverside-pt.example/" in text.replace("\ufffe", "-")  # pdfium's hyphen
        assert CLINIC["CLINIC_PHONE"] in text
        if len(pdf) > 1:
            assert f"of {len(pdf)}" in text


PRINTED_PAGES = [f"/{lang.code}/handout" for lang in LANGUAGES] + ["/poster"]
SHEETS = {"/poster": poster_sheets(len(LANGUAGES))}
#: The longest handouts (least spare with the widest font) and the poster, printed with every
#: family; every page with DejaVu Sans, the widest (narrower families leave more room).
LONGEST = ["/de/handout", "/fil/handout", "/vi/handout", "/ru/handout", "/poster"]
WIDEST = "DejaVu Sans"


def font_matrix():
    for path in PRINTED_PAGES:
        for paper in PAPERS:
            for font in FONTS if path in LONGEST else [WIDEST]:
                yield pytest.param(path, paper, font, id=f"{path}-{paper}-{font}")


def test_dejavu_sans_is_the_widest_family_we_print_with():
    assert WIDEST in FONTS and "/poster" in LONGEST


@pytest.mark.parametrize(("path", "paper", "font"), list(font_matrix()))
def test_every_printed_page_fits_with_any_common_font(
    print_with_font, public_server, path, paper, font
):
    """One sheet, with room to spare, whichever sans-serif family the clinic's PC has; a
    handout's code scans from the sheet (each handout is printed once per paper and font)."""
    printout = print_with_font(public_server.url + path, paper, font)
    assert uses_font(printout, font), printout.fonts  # the font really printed
    assert printout.pages == SHEETS.get(path, 1)
    assert printout.spare >= MIN_SPARE, f"{printout.spare:.1%} of the page left"
    if path.endswith("/handout") and font == WIDEST:
        lang = path.split("/")[1]
        codes = scan(printout.pdf[0])
        assert [c.text for c in codes] == [f"{PUBLIC}/{lang}/"]
        assert width_cm(codes[0]) >= 3.0
        if lang == "en":
            flat = " ".join(printout.pdf[0].get_textpage().get_text_range().split())
            for sign in content.WARNING_SIGNS:
                assert str(sign.name) in flat
            assert "emergency department" in flat


#: fontconfig's name for each language's script, where it differs from the HTML lang.
FONTCONFIG_LANG = {"zh-Hans": "zh-cn", "zh-Hant": "zh-tw"}


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_this_machine_has_a_font_for_every_language(lang):
    """No empty boxes in any test or screenshot: some installed font covers each language
    (scripts/test installs Noto Sans CJK and Noto Sans Arabic with apt)."""
    code = FONTCONFIG_LANG.get(lang.html_lang, lang.html_lang)
    found = subprocess.run(
        ["fc-list", f":lang={code}", "family"], capture_output=True, text=True, check=True
    ).stdout
    assert found.strip(), f"no font for {lang.html_lang}: run scripts/test to install one"


def test_the_fit_measures_can_fail(print_with_font, public_server):
    """The measures see what they claim: a long page takes several sheets, and a wider
    font leaves less of the sheet blank (so forcing a font really changes the print)."""
    assert print_with_font(public_server.url + "/en/", "Letter", "DejaVu Sans").pages > 1
    url = public_server.url + "/ru/handout"  # in two columns, de's spare barely moves
    wide = print_with_font(url, "Letter", "DejaVu Sans")
    narrow = print_with_font(url, "Letter", "Liberation Sans")
    assert 0 < wide.spare < narrow.spare - 0.02, (wide.spare, narrow.spare)


def test_staff_warning_is_on_screen_only(page, live_server):
    """Staff see the warning before printing; the sheet patients take home never has it."""
    page.goto(f"{live_server.url}/de/handout")  # PUBLIC_URL unset: codes point at loopback
    warning = page.locator(".staff-warning")
    expect(warning).to_be_visible()
    expect(warning).to_have_attribute("lang", "en")  # CLINIC_LANGUAGE's default
    heading = warning.locator("h2").inner_text()
    page.emulate_media(media="print")
    expect(warning).to_be_hidden()
    text = pdfium.PdfDocument(page.pdf(format="A4"))[0].get_textpage().get_text_range()
    assert "Riverside" in text  # the sheet was printed...
    assert heading not in " ".join(text.split())  # ...without the warning


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
