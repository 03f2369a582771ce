"""Every id an attribute points at exists on the page: `aria-describedby`,
`aria-labelledby`, `aria-controls`, `for` and the error summary's `href="#..."` links, on
every page, every step and outcome of the no-JavaScript check, the plan builder with its
errors, and the error pages. A dangling reference makes a screen reader read nothing (or
the wrong thing) where the page meant a hint or an error."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from webapp.languages import LANGUAGES

from .support.check_form import Patient
from .support.pages import MISSING, PAGES

REFERENCES = ("aria-describedby", "aria-labelledby", "aria-controls", "for")


class References(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.wanted: list[tuple[str, str, str]] = []  # (tag, attribute, id)

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            elif name in REFERENCES and value is not None:
                self.wanted.extend((tag, name, ref) for ref in value.split())
            elif name == "href" and value and value.startswith("#") and len(value) > 1:
                self.wanted.append((tag, name, value[1:]))


def dangling(html: str) -> list[tuple[str, str, str]]:
    parser = References()
    parser.feed(html)
    parser.close()
    return [ref for ref in parser.wanted if ref[2] not in parser.ids]


def test_the_finder_finds_a_dangling_reference():
    html = '<p id="a-hint"></p><input aria-describedby="a-hint a-error"><label for="x">'
    assert dangling(html) == [("input", "aria-describedby", "a-error"), ("label", "for", "x")]
    assert dangling('<a href="#main">skip</a><main id="main">') == []


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_every_page(staff_client, lang):
    client = staff_client
    for path in [*PAGES, MISSING, "/{code}/plan/new", "/staff/sign-in?next=/{code}/plan/new"]:
        response = client.get(path.format(code=lang))
        assert dangling(response.get_data(as_text=True)) == [], path


#: Answers that reach each outcome; the error screen is shown on every screen on the way.
WALKS = {
    "emergency (call)": {"chest-pain": "yes"},
    "emergency (go, not sure)": {"saddle-numbness": "not-sure", "both-legs": "yes"},
    "emergency (combination)": {"cancer": "yes", "one-leg-weaker": "yes"},
    "urgent": {"night-pain": "yes", "weight-loss": "not-sure"},
    "evaluate": {"not-better": "yes"},
    "self-care": {},
}


@pytest.mark.parametrize("walk", list(WALKS))
@pytest.mark.parametrize("lang", [lang.code for lang in LANGUAGES if lang.code in ("en", "fa")])
def test_every_step_error_and_outcome_of_the_check_without_javascript(client, lang, walk):
    patient = Patient(client, lang)
    assert dangling(patient.html) == [], "start"
    for number in range(1, 4):
        if patient.outcome:
            break
        patient.submit(None, ticks=[])  # Continue without an answer: the screen with its errors
        assert "error-summary" in patient.html
        assert dangling(patient.html) == [], f"screen {number}, error"
        patient.submit(WALKS[walk])
        assert dangling(patient.html) == [], f"after screen {number}"
    assert patient.outcome is not None


def test_the_plan_builder_with_every_error(staff_client):
    client = staff_client
    page = client.get("/en/plan/new").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    form = {
        "csrf_token": token,
        "patient_lang": "es",
        "walk_minutes": "99",
        "walk_times": "x",
        "walk_increase": "40",
        "rest_days": "50",
        "exercise_1": "y" * 200,
        "appointment_date": "2001-01-01",
        "appointment_time": "25:00",
        "note": "z" * 300,
    }
    for data in (form, {"csrf_token": token, "patient_lang": "es"}):
        html = client.post("/en/plan/new", data=data).get_data(as_text=True)
        assert "error-message" in html
        assert dangling(html) == []


def test_error_pages(client, make_app):
    responses = [
        client.get("/en/missing"),
        client.post("/en/"),
        client.post("/en/check", data={"step": "7"}),
        client.post("/en/check", data=b"a" * 20_000, content_type="text/plain"),
        make_app(PUBLIC_URL="https://guide.example")
        .test_client()
        .get("/en/", headers={"Host": "evil.example"}),
    ]
    assert [r.status_code for r in responses] == [404, 405, 400, 413, 400]
    for response in responses:
        assert dangling(response.get_data(as_text=True)) == [], response.status_code
