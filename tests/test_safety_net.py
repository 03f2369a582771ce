"""The safety net: the two emergency signs routed to the emergency service, worded the same
wherever the signs appear, pictured, kept on the card and carried to the emergency department.
"""

from __future__ import annotations

import re

import pytest

from webapp import content, triage
from webapp.languages import LANGUAGES

from .support.check_form import Patient

SIGN_LIST = re.compile(
    r'<div class="warning-signs[^"]*">((?:\s*<div class="sign-group".*?</ul>\s*</div>)+)\s*</div>'
    r'\s*(<p class="emergency-line">)?',
    re.S,
)
GROUP = re.compile(
    r'<div class="sign-group" data-level="(\w+)">\s*<p class="level level-\1">(.*?)</p>'
    r"\s*<ul>(.*?)</ul>",
    re.S,
)
ITEM = re.compile(r'<li data-sign="([\w-]+)" data-urgency="(\w+)">(.*?)</li>', re.S)
PATHS = {
    "emergency": ["yes"],
    "urgent": ["no", "no", "yes"],
    "evaluate": ["no", "no", "no", "no", "yes"],
    "self-care": ["no", "no", "no", "no", "no"],
}


def sign_lists(html: str) -> list[tuple[list[tuple[str, str, str]], bool]]:
    """Every list of warning signs on a page: its items as (sign, level the sign stands
    under, level text), and whether the emergency line follows the list."""
    lists = []
    for found in SIGN_LIST.finditer(html):
        items = []
        for level, level_text, body in GROUP.findall(found.group(1)):
            for key, urgency, _ in ITEM.findall(body):
                assert urgency == level, f"{key} stands under the wrong level"
                items.append((key, level, " ".join(re.sub(r"<[^>]+>", "", level_text).split())))
        lists.append((items, found.group(2) is not None))
    return lists


def assert_every_sign_carries_its_level(html: str, expected_signs: int | None = None) -> None:
    lists = sign_lists(html)
    assert lists, "no list of warning signs"
    assert html.count('<li data-sign="') == sum(len(items) for items, _ in lists), (
        "a sign listed outside the one list"
    )
    for items, emergency_line_follows in lists:
        assert emergency_line_follows, "a list of signs without the emergency line after it"
        assert items
        for key, _level, level_text in items:
            assert level_text, f"{key} is listed without its level in words"
        if expected_signs is not None:
            assert len(items) == expected_signs


def outcome_html(client, outcome: str, lang: str = "en") -> str:
    patient = Patient(client, lang)
    for answer in PATHS[outcome]:
        patient.submit(answer)
    assert patient.outcome == outcome
    return patient.html.split("<footer")[0]


@pytest.mark.parametrize(
    "path", ["/en/", "/en/handout", "/en/offline", "/en/check", "/es/", "/ar/handout"]
)
def test_every_page_that_lists_the_signs_gives_each_its_level(client, path):
    assert_every_sign_carries_its_level(client.get(path).get_data(as_text=True))


@pytest.mark.parametrize("outcome", list(PATHS))
def test_every_outcome_lists_all_four_signs_with_levels(client, outcome):
    assert_every_sign_carries_its_level(outcome_html(client, outcome), expected_signs=4)


def test_the_card_lists_the_two_emergency_signs_with_their_level(client):
    html = client.get("/en/card").get_data(as_text=True)
    assert_every_sign_carries_its_level(html, expected_signs=2)
    keys = [key for items, _ in sign_lists(html) for key, _, _ in items]
    assert keys == ["bladder-bowel", "groin-numbness"]


def test_the_list_is_worded_the_same_everywhere(client):
    seen = set()
    for path in ("/en/", "/en/handout", "/en/offline", "/en/check"):
        for items, _ in sign_lists(client.get(path).get_data(as_text=True)):
            seen.add(tuple(items))
    assert len(seen) == 1, seen


def test_levels_name_the_emergency_service_for_the_first_two_signs(client):
    html = client.get("/en/").get_data(as_text=True)
    items = sign_lists(html)[0][0]
    levels = {key: urgency for key, urgency, _ in items}
    assert levels == {
        "bladder-bowel": "emergency",
        "groin-numbness": "emergency",
        "night-pain": "urgent",
        "weight-change": "urgent",
    }
    text = re.sub(r"<[^>]+>", "", html)
    assert "Emergency: go to an emergency department now or call 911." in text
    assert "Urgent: contact your doctor as soon as possible." in text


def test_emergency_outcome_sends_the_patient_to_the_emergency_service_first(client):
    html = outcome_html(client, "emergency")
    main = html[html.index('data-outcome="emergency"') :]
    text = re.sub(r"<[^>]+>", " ", main)
    emergency = text.index("emergency department now")
    doctor = min(text.index(word) for word in ("doctor", "physician") if word in text)
    assert emergency < doctor
    assert "Do not wait for an appointment." in text
    assert main.index('href="tel:911"') < main.index('href="tel:+15550100200"')
    assert main.index('href="tel:911"') < main.index('class="outcome-action"')


def test_urgent_outcome_has_no_emergency_department_fallback(client):
    html = outcome_html(client, "urgent")
    main = html[html.index('data-outcome="urgent"') :]
    before_the_list = re.sub(r"<[^>]+>", " ", main[: main.index('<div class="warning-signs')])
    assert "Contact your doctor as soon as possible" in before_the_list
    assert "urgent appointment with another doctor" in before_the_list
    assert "emergency department" not in before_the_list.lower()
    assert 'href="tel:911"' not in main[: main.index('<div class="warning-signs')]


def test_not_sure_is_explained_where_it_decides(client):
    patient = Patient(client)
    patient.submit("no")
    patient.submit("not-sure")
    assert "we counted it as “Yes”" in patient.html
    assert "we counted it as" not in outcome_html(client, "emergency")


def test_emergency_note_names_the_condition_only_for_the_clinician(client):
    html = outcome_html(client, "emergency", lang="es")
    note = html[html.index('class="doctor-card ed-note"') :]
    columns = re.findall(
        r'<div class="card-column" lang="(\S+)" dir="\w+" data-role="(\w+)">(.*?)</div>', note, re.S
    )
    assert [(lang, role) for lang, role, _ in columns] == [("es", "patient"), ("en", "clinician")]
    patient, clinician = columns[0][2], columns[1][2]
    assert "cauda equina" in clinician
    assert "cauda equina" not in patient.lower()
    for column in (patient, clinician):
        assert "Riverside Physical Therapy" in column and "+1 555 010 0200" in column
    assert "you have" not in re.sub(r"<[^>]+>", " ", patient).lower()


def test_emergency_note_has_both_columns_even_in_one_language(client):
    html = outcome_html(client, "emergency")
    assert re.findall(r'data-role="(\w+)"', html) == ["patient", "clinician"]
    assert "Show this at the emergency department" in html


def test_it_started_is_a_plain_select_in_both_languages(client):
    html = outcome_html(client, "emergency", lang="de")
    select = re.search(r'<select id="started-[\w-]+" name="started">(.*?)</select>', html, re.S)
    assert select, "the no-JavaScript form carries the 'it started' choice"
    options = re.findall(r'<option value="([\w-]*)">(.*?)</option>', select.group(1))
    assert [value for value, _ in options] == list(triage.ED_STARTED_CHOICES)
    assert all(" / " in label for value, label in options if value)  # German / English


def test_the_check_with_a_started_choice_still_goes_back(client):
    patient = Patient(client)
    patient.submit("yes")
    response = patient.submit(action="back")
    assert response.status_code == 200
    assert "Question 1 of 5" in patient.html


@pytest.mark.parametrize("path", ["/en/", "/en/check", "/en/card", "/en/handout"])
def test_the_saddle_picture_stands_next_to_the_numbness_sign(client, path):
    html = client.get(path).get_data(as_text=True)
    if path.endswith("/check"):  # question 2 is in the on-device screens
        html = html[html.index('data-index="1"') :]
    picture = re.search(r'<svg class="saddle"[^>]*aria-labelledby="([\w-]+)"', html)
    assert picture
    assert f'<title id="{picture.group(1)}">{content.SADDLE_PICTURE["alt"]}</title>' in html
    assert "style=" not in html[picture.start() : html.index("</svg>", picture.start())]


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_the_card_page_in_every_language(client, lang):
    response = client.get(f"/{lang.code}/card")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f'lang="{lang.html_lang}"' in html
    assert "Riverside Physical Therapy" in html
    assert 'href="tel:911"' in html and 'href="tel:+15550100200"' in html
    assert html.index('href="tel:911"') < html.index('href="tel:+15550100200"')


def test_the_card_is_linked_from_the_warning_box_every_outcome_and_the_footer(client):
    guide = client.get("/en/").get_data(as_text=True)
    box = guide[guide.index('class="callout callout-warning"') : guide.index("</aside>")]
    assert 'href="/en/card"' in box
    assert 'href="/en/card"' in guide[guide.index("<footer") :]
    for outcome in PATHS:
        assert 'href="/en/card"' in outcome_html(client, outcome)


def test_the_card_is_saved_for_offline_use_with_each_language(client):
    worker = client.get("/sw.js").get_data(as_text=True)
    for lang in LANGUAGES:
        assert f'"/{lang.code}/card"' in worker


def test_without_an_emergency_number_the_text_says_local_emergency_number(make_app):
    client = make_app().test_client()
    html = client.get("/en/card").get_data(as_text=True)
    assert "call your local emergency number" in html
    assert "tel:" not in html
