"""The keep-this card as a patient keeps it: one phone screen, and a wallet card on paper."""

from __future__ import annotations

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
import pytest
from playwright.sync_api import expect

from webapp.languages import LANGUAGES

from ..support.check_browser import answer_screen

MM_PER_PT = 25.4 / 72


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_the_card_fits_one_phone_screen(watched_page, live_server, lang):
    page = watched_page
    page.goto(f"{live_server.url}/{lang.code}/card")
    size = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.scrollHeight,"
        " innerWidth, innerHeight]"
    )
    assert size[0] <= size[2], "sideways scroll"
    assert size[1] <= size[3], f"the card needs {size[1] - size[3]} px more than one screen"
    # Everything a screenshot must keep is on that screen.
    for selector in (".wallet-front", ".wallet-back", ".button-emergency"):
        box = page.locator(selector).bounding_box()
        assert box["y"] + box["height"] <= size[3]


def test_the_card_offers_the_emergency_call_alone_and_says_how_to_keep_it(
    watched_page, live_server
):
    page = watched_page
    page.goto(f"{live_server.url}/en/card")
    expect(page.get_by_role("heading", level=1)).to_have_text("Emergency card")
    expect(page.get_by_text("take a screenshot")).to_be_visible()
    calls = page.locator("main .call-buttons a")
    expect(calls).to_have_count(1)  # a physical therapy clinic is no emergency service
    expect(calls.nth(0)).to_have_attribute("href", "tel:911")
    expect(page.locator(".wallet-clinic")).to_contain_text("+1 555 010 0200")
    expect(page.locator(".wallet-front")).to_contain_text("Numbness or tingling between your legs")
    expect(page.locator(".wallet-staff")).to_contain_text("Suspected cauda equina syndrome")
    expect(page.get_by_role("img", name="Two outlines of a body")).to_be_visible()


def drawn_box_mm(pdf_page) -> tuple[float, float]:
    """Width and height of what the page draws as lines and shapes (the card's cut lines)."""
    page_width = pdf_page.get_width()
    boxes = [
        obj.get_bounds()
        for obj in pdf_page.get_objects(max_depth=5)
        if obj.type == pdfium_raw.FPDF_PAGEOBJ_PATH
    ]
    boxes = [b for b in boxes if b[2] - b[0] < page_width * 0.9]  # not the page's background
    width = max(b[2] for b in boxes) - min(b[0] for b in boxes)
    height = max(b[3] for b in boxes) - min(b[1] for b in boxes)
    return width * MM_PER_PT, height * MM_PER_PT


@pytest.mark.parametrize("paper", ["A4", "Letter"])
@pytest.mark.parametrize("lang", ["en", "de", "vi", "ar"])
def test_the_card_prints_as_a_wallet_card(page, live_server, paper, lang):
    page.goto(f"{live_server.url}/{lang}/card")
    page.emulate_media(media="print")
    for side in (".wallet-front", ".wallet-back"):  # nothing is cut off inside the card
        overflow = page.eval_on_selector(side, "e => e.scrollHeight - e.clientHeight")
        assert overflow <= 0, f"{side} overflows by {overflow} px"
    pdf = pdfium.PdfDocument(page.pdf(format=paper, print_background=True))
    assert len(pdf) == 1
    width, height = drawn_box_mm(pdf[0])
    # Front and back side by side: 2 × 85 mm by 55 mm, ± 1 mm.
    assert abs(width - 170) <= 1, width
    assert abs(height - 55) <= 1, height
    text = " ".join(pdf[0].get_textpage().get_text_range().split())
    assert "911" in text and "+1 555 010 0200" in text


def test_the_emergency_note_on_the_device_offers_when_it_started(watched_page, live_server):
    page = watched_page
    page.goto(f"{live_server.url}/es/check")
    answer_screen(page, {"pee-start": "yes"})
    note = page.locator(".ed-note")
    expect(note).to_be_visible()
    expect(note.locator('[data-role="clinician"]')).to_contain_text("cauda equina")
    expect(note.locator('[data-role="patient"]')).not_to_contain_text("cauda equina")
    note.get_by_role("combobox").select_option("1-2-days")
    expect(note.get_by_role("combobox")).to_have_value("1-2-days")
