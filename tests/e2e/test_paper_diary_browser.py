"""The paper diary: one printed page on A4 and US Letter in every language."""

from __future__ import annotations

import json

import pypdfium2 as pdfium
import pytest

from webapp import content
from webapp.languages import LANGUAGES

from ..support.diary_figures import PUT
from ..support.printing import printed


@pytest.mark.parametrize("paper", ["A4", "Letter"])
@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_paper_diary_prints_on_one_page(page, public_server, paper, lang):
    pdf = printed(page, f"{public_server.url}/{lang.code}/diary/print", paper)
    assert len(pdf) == 1
    if lang.code == "en":
        flat = " ".join(pdf[0].get_textpage().get_text_range().split())
        for needle in (
            "0 = no pain",
            "10 = worst pain you can imagine",
            "A warning sign? Run the check.",
            "Minutes walked",
            "Plan items done",
            *(str(sign.name) for sign in content.WARNING_SIGNS),
        ):
            assert needle in flat, needle
        assert "Print a paper diary" not in flat  # the site's chrome is not printed


@pytest.mark.parametrize("paper", ["A4", "Letter"])
@pytest.mark.parametrize("code", ["en", "ar"])
def test_summary_prints_alone_on_one_page(page, public_server, paper, code):
    page.goto(f"{public_server.url}/{code}/diary")
    entries = [
        {
            "id": f"id-{i}",
            "time": f"2026-11-{10 + i:02d}T09:00:00+00:00",
            "pain": i % 11,
            "spasm": i % 3 == 0,
            "walked": 10 + i,
            "done": ["walk"],
            "note": "note",
        }
        for i in range(20)
    ]
    plan = {"v": 1, "items": [{"id": "walk", "text": "Walk for 20 minutes, 2 times a day"}]}
    page.evaluate(
        PUT,
        [
            json.dumps({"v": 1, "entries": entries}),
            json.dumps(plan),
        ],
    )
    page.emulate_media(media="print")
    page.reload()
    pdf = pdfium.PdfDocument(page.pdf(format=paper, print_background=True))
    assert len(pdf) == 1
    text = " ".join(pdf[0].get_textpage().get_text_range().split())
    assert "Pain diary summary" in text  # the clinic's language (English) is always there
    assert "Minutes walked in total" in text
    assert "New entry" not in text and "Looking back" not in text
