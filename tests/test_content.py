"""The guide carries every fact of the clinic's article, in plain words of our own."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import textstat
from flask_babel import force_locale

from webapp import content

from .support.guide_text import main_text_units, words

ALL_FACTS = {f"F{n}" for n in range(1, 18)}
SOURCE = Path(__file__).parent / "data" / "source_article.txt"


@pytest.fixture
def guide_html(client):
    response = client.get("/en/")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_content_declares_every_fact():
    assert content.all_facts() | {"F12", "F13", "F14", "F15"} == ALL_FACTS
    assert content.all_facts() == ALL_FACTS


def test_every_content_string_is_rendered_on_the_guide(app, guide_html):
    with app.test_request_context("/en/"), force_locale("en"):
        expected = [str(unit).rstrip(".") for unit in main_text_units()]
    text = " ".join(re.sub(r"<[^>]+>", " ", guide_html).split())
    text = re.sub(r" ([.,:;])", r"\1", text)  # "911 ." where a <bdi> closed before the dot
    missing = [unit for unit in expected if " ".join(unit.split()) not in text]
    assert missing == []


@pytest.mark.parametrize(
    ("fact", "phrase"),
    [
        ("F1", "mild ache"),
        ("F2", "your body protecting itself"),
        ("F3", "anterior pelvic tilt"),
        ("F4", "psoas"),
        ("F5", "Muscle strain"),
        ("F6", "Facet joint osteoarthritis"),
        ("F7", "Spinal stenosis"),
        ("F8", "Herniated disc"),
        ("F9", "Core weakness"),
        ("F10", "mechanical pain"),
        ("F11", "ask for physical therapy"),
        ("F12", "You cannot control your pee, or you leak"),
        ("F13", "Numbness or tingling between your legs"),
        ("F14", "much worse at night"),
        ("F15", "cannot explain"),
        ("F16", "symptom"),
        ("F17", "active recovery plan"),
    ],
)
def test_fact_appears_in_the_guide(guide_html, fact, phrase):
    assert phrase in guide_html, fact


def test_sections_have_stable_anchors(guide_html):
    for anchor in ("now", "why", "serious", "warning-signs", "recovery"):
        assert f'id="{anchor}"' in guide_html
        assert f'href="#{anchor}"' in guide_html
    assert 'id="causes"' in guide_html  # now a <details> inside "why", still reachable


def test_warning_signs_come_before_the_first_section(guide_html):
    callout = guide_html.index('class="callout callout-warning"')
    assert callout < guide_html.index('id="why"')
    for sign in content.WARNING_SIGNS:
        assert guide_html.index(str(sign.name)) > callout
    assert 'href="#warning-signs"' in guide_html[callout : guide_html.index('id="why"')]


def test_medical_terms_are_explained(guide_html):
    # The everyday words first; the technical name once, in brackets, for those who want it.
    for term, plain in [
        ("(vertebrae)", "your spine’s bones (vertebrae)"),
        ("(anterior pelvic tilt)", "tip your pelvis forward (anterior pelvic tilt)"),
        ("(hip flexors)", "These muscles lift your leg (hip flexors)"),
        ("muscle tone", "They get tense and hard"),
        ("mechanical pain", "move and carry weight. Doctors call this mechanical pain"),
        ("Facet joint", "small joints that link the bones"),
        ("stenosis", "where the nerves run gets narrower"),
        ("Herniated disc", "soft pads between the bones"),
    ]:
        assert term in guide_html and plain in guide_html
    for stumbling in ("physician", "evens out the forces"):
        assert stumbling not in guide_html.lower()


def test_illustration_has_a_text_alternative(guide_html):
    svg = guide_html[guide_html.index('<svg class="psoas-figure"') :]
    svg = svg[: svg.index("</svg>")]
    assert 'role="img"' in svg and 'aria-labelledby="psoas-title"' in svg
    assert re.search(r"<title id=\"psoas-title\">[^<]{40,}</title>", svg)
    assert "style" not in svg  # the CSP forbids inline style; colours come from classes


def test_reading_level_is_grade_6_or_lower(app):
    with app.test_request_context("/en/"), force_locale("en"):
        text = " ".join(str(unit) for unit in main_text_units())
    grade = textstat.flesch_kincaid_grade(text)
    assert grade <= 6.0, f"Flesch-Kincaid grade {grade}"


def test_no_run_of_eight_words_is_copied_from_the_source(app):
    source = words(SOURCE.read_text(encoding="utf-8"))
    source_runs = {tuple(source[i : i + 8]) for i in range(len(source) - 7)}
    with app.test_request_context("/en/"), force_locale("en"):
        ours = words(" ".join(str(unit) for unit in main_text_units()))
    copied = [
        " ".join(ours[i : i + 8])
        for i in range(len(ours) - 7)
        if tuple(ours[i : i + 8]) in source_runs
    ]
    assert copied == []


def test_the_guide_says_it_is_not_a_diagnosis(guide_html):
    assert "does not replace a check-up" in guide_html
