"""Every page tells the patient what to do, in plain words (PEMAT-P; docs/pemat.md)."""

from __future__ import annotations

import re
from html import unescape

import pytest
import textstat

from webapp import content
from webapp.languages import LANGUAGES

from .support.check_form import Patient

PAGES = ["/en/", "/en/check", "/en/card", "/en/handout", "/en/offline"]
OUTCOMES = {
    "emergency": {"pee-start": "yes", "chest-pain": "not-sure"},
    "urgent": {"fever": "yes", "cancer": "yes"},
    "evaluate": {"keeps-coming-back": "yes"},
    "self-care": {},
}


def main_text(html: str) -> str:
    """What a patient reads in <main>: no scripts, templates or pictures' inner text."""
    html = html[html.index("<main") : html.index("</main>")]
    html = re.sub(r"<(script|template|svg|select)\b.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r"<(li|p|h1|h2|h3|dt|dd|figcaption|summary|a|button|label|br)\b", r". <\1", html)
    text = unescape(re.sub(r"<[^>]+>", " ", html))
    text = re.sub(r"(\s*\.\s*)+", ". ", text)
    return " ".join(text.split())


def sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?:])\s+", text) if s.strip()]


def texts(client):
    for path in PAGES:
        yield path, main_text(client.get(path).get_data(as_text=True))
    for outcome, answers in OUTCOMES.items():
        patient = Patient(client)
        patient.run(answers)
        yield outcome, main_text(patient.html)


def test_every_page_reads_at_grade_6_or_lower(client):
    grades = {name: textstat.flesch_kincaid_grade(text) for name, text in texts(client)}
    assert {name: grade for name, grade in grades.items() if grade > 6.0} == {}, grades


def test_no_sentence_is_longer_than_20_words(client):
    long = {
        name: [s for s in sentences(text) if len(re.findall(r"[\w’'-]+", s)) > 20]
        for name, text in texts(client)
    }
    assert {name: found for name, found in long.items() if found} == {}


def test_physician_is_never_said_in_english(client):
    from pathlib import Path

    pot = (Path(__file__).resolve().parent.parent / "translations" / "messages.pot").read_text()
    msgids = " ".join(re.findall(r'^msgid "(.*)"$|^"(.*)"$', pot, flags=re.M).__str__().split())
    assert "physician" not in msgids.lower()


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_every_picture_has_alt_text_and_a_caption(client, lang):
    for path in (f"/{lang.code}/", f"/{lang.code}/card", f"/{lang.code}/handout"):
        html = client.get(path).get_data(as_text=True)
        main = html[html.index("<main") : html.index("</main>")]
        figures = re.findall(r"<figure\b.*?</figure>", main, flags=re.S)
        assert figures
        for figure in figures:
            title = re.search(r"<title id=\"[\w-]+\">([^<]{10,})</title>", figure)
            assert title, f"{path}: a picture without alt text"
            caption = re.search(r"<figcaption>(.*?)</figcaption>", figure, flags=re.S)
            assert caption and re.sub(r"<[^>]+>|\s", "", caption.group(1)), f"{path}: no caption"
            assert "style=" not in figure


def test_what_to_do_is_numbered_steps_on_the_guide_handout_and_outcomes(client):
    for path in ("/en/", "/en/handout"):
        html = client.get(path).get_data(as_text=True)
        assert html.count('<li class="step step-') == 4, path
    for outcome in ("self-care", "evaluate"):
        patient = Patient(client)
        patient.run(OUTCOMES[outcome])
        assert patient.html.count('<li class="step step-') == 4, outcome


def test_the_handout_is_a_tool_to_fill_in(client):
    html = client.get("/en/handout").get_data(as_text=True)
    # a box to tick beside every sign
    assert html.count('<span class="tick"') == len(content.WARNING_SIGNS)
    assert "My doctor:" in html and 'class="blank"' in html
    assert "This sheet tells you what to do" in html
    assert "Riverside Physical Therapy" in html and "+1 555 010 0200" in html


def test_the_causes_are_folded_away_from_the_path_to_action(client):
    html = client.get("/en/").get_data(as_text=True)
    details = re.search(r'<details class="more" id="causes">(.*?)</details>', html, flags=re.S)
    assert details and "Spinal stenosis" in details.group(1)
    assert html.index('id="now"') < html.index('id="why"')
    assert 'class="key-points"' in html[html.index('id="recovery"') :]
