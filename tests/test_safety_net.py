"""The safety net: every warning sign at its level, worded the same wherever the signs
appear, the saddle area pictured, kept on the card and carried to the emergency department.
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
    r'<div class="sign-group" data-level="(\w+)" data-group="([\w-]+)">\s*'
    r'<p class="level level-\1">(.*?)</p>\s*<ul>(.*?)</ul>',
    re.S,
)
ITEM = re.compile(r'<li data-sign="([\w-]+)" data-urgency="(\w+)">(.*?)</li>', re.S)
PATHS = {
    "emergency": {"saddle-numbness": "yes"},
    "urgent": {"night-pain": "yes"},
    "evaluate": {"keeps-coming-back": "yes"},
    "self-care": {},
}
ALL_GROUPS = list(content.SIGN_GROUPS)
WATCH = ["emergency-call", "emergency-go", "urgent"]  # the outcomes' "watch for" list


def sign_lists(html: str) -> list[tuple[list[tuple[str, str, str]], bool]]:
    """Every list of warning signs on a page: its items as (sign, group the sign stands
    under, the group's words), and whether the emergency line follows the list."""
    lists = []
    for found in SIGN_LIST.finditer(html):
        items = []
        for level, group, level_text, body in GROUP.findall(found.group(1)):
            for key, urgency, _ in ITEM.findall(body):
                assert urgency == level, f"{key} stands under the wrong level"
                assert content.BY_KEY[key].group == group, f"{key} is in the wrong group"
                items.append((key, group, " ".join(re.sub(r"<[^>]+>", "", level_text).split())))
        lists.append((items, found.group(2) is not None))
    return lists


def assert_every_sign_carries_its_level(html: str, groups=ALL_GROUPS, line=True) -> None:
    lists = sign_lists(html)
    assert lists, "no list of warning signs"
    assert html.count('<li data-sign="') == sum(len(items) for items, _ in lists), (
        "a sign listed outside the one list"
    )
    complete = False
    for items, emergency_line_follows in lists:
        assert items
        for key, _group, level_text in items:
            assert level_text, f"{key} is listed without its level in words"
        if sorted({group for _, group, _ in items}) == sorted(groups):
            complete = [key for key, _, _ in items] == [
                s.key for s in content.WARNING_SIGNS if s.group in groups
            ]
            assert emergency_line_follows or not line
    assert complete, "no list with every sign of the expected levels"


def outcome_html(client, outcome: str, lang: str = "en") -> str:
    patient = Patient(client, lang)
    patient.run(PATHS[outcome])
    assert patient.outcome == outcome
    return patient.html.split("<footer")[0]


@pytest.mark.parametrize(
    "path", ["/en/", "/en/handout", "/en/offline", "/es/", "/ar/handout", "/en/diary/print"]
)
def test_every_page_that_lists_the_signs_names_every_sign_with_its_level(client, path):
    assert_every_sign_carries_its_level(client.get(path).get_data(as_text=True))


@pytest.mark.parametrize("outcome", list(PATHS))
def test_every_outcome_lists_every_sign_to_watch_with_its_level(client, outcome):
    assert_every_sign_carries_its_level(outcome_html(client, outcome), groups=WATCH)


def test_self_care_lists_when_to_book_a_check_up(client):
    html = outcome_html(client, "self-care")
    groups = [group for items, _ in sign_lists(html) for _, group, _ in items]
    assert groups.count("evaluate") == len(
        [s for s in content.WARNING_SIGNS if s.level == "evaluate"]
    )
    assert "Book a check-up with your doctor or physical therapist if:" in html


def test_the_card_lists_every_emergency_sign_and_the_urgent_ones_in_a_line(client):
    html = client.get("/en/card").get_data(as_text=True)
    assert_every_sign_carries_its_level(html, groups=["emergency-call", "emergency-go"], line=False)
    text = " ".join(re.sub(r"<[^>]+>", "", html).split())
    assert "Call 911 now:" in text and "Go to an emergency department now:" in text
    assert "Go to an emergency department now or call 911. Do not wait for an appointment." in text
    assert "See a doctor today for: a fever, cancer in the past" in text
    assert "Suspected cauda equina syndrome: please assess today." in text


def test_the_cards_line_for_emergency_staff_is_in_the_clinic_language(make_app):
    client = make_app(CLINIC_LANGUAGE="es", EMERGENCY_NUMBER="112").test_client()
    html = client.get("/ar/card").get_data(as_text=True)
    staff = re.search(r'<p class="wallet-staff" lang="es" dir="ltr">(.*?)</p>', html, re.S)
    assert staff and "cauda equina" in staff.group(1)


def test_the_list_is_worded_the_same_everywhere(client):
    # One macro: every list shows the signs in the same order under the same words (the
    # full level words, or the short ones where space is tight).
    numbers = {"emergency": "911", "urgent": "your local urgent-care line"}
    words = {
        str(group_words[group] % numbers)
        for group_words in (content.LEVELS, content.SHORT_LEVELS)
        for group in content.SIGN_GROUPS
    }
    order = [s.key for s in content.WARNING_SIGNS]
    complete = set()
    for path in ("/en/", "/en/handout", "/en/offline", "/en/card", "/en/diary/print"):
        for items, _ in sign_lists(client.get(path).get_data(as_text=True)):
            keys = [key for key, _, _ in items]
            assert keys == [k for k in order if k in keys], path
            assert {re.sub(r"^[!i] ", "", text) for _, _, text in items} <= words, path
            if keys == order:
                complete.add(tuple(keys))
    assert len(complete) == 1


def test_each_level_names_its_action(make_app):
    client = make_app(EMERGENCY_NUMBER="999", URGENT_NUMBER="111").test_client()
    html = client.get("/en/").get_data(as_text=True)
    items = max((items for items, _ in sign_lists(html)), key=len)  # the full list
    assert {key: content.BY_KEY[key].level for key, _, _ in items} == {
        s.key: s.level for s in content.WARNING_SIGNS
    }
    text = " ".join(re.sub(r"<[^>]+>", "", html).split())
    assert "Emergency: call 999 now. Do not drive yourself." in text
    assert "Emergency: go to an emergency department now. Do not drive yourself" in text
    assert "Urgent: contact a doctor today. If you cannot, call 111." in text
    assert "Book a check-up: see your doctor or physical therapist in the next few days." in text


def test_emergency_outcome_sends_the_patient_to_the_emergency_service_first(client):
    html = outcome_html(client, "emergency")
    main = html[html.index('data-outcome="emergency"') :]
    text = re.sub(r"<[^>]+>", " ", main)
    emergency = text.index("emergency department now")
    doctor = text.index("doctor")
    assert emergency < doctor
    assert "Do not wait for an appointment." in text
    assert main.index('href="tel:911"') < main.index('href="tel:+15550100200"')
    assert main.index('href="tel:911"') < main.index('class="outcome-action"')


def test_urgent_outcome_names_today_and_only_then_the_emergency_department(client):
    html = outcome_html(client, "urgent")
    main = html[html.index('data-outcome="urgent"') :]
    before_the_list = re.sub(r"<[^>]+>", " ", main[: main.index('<div class="warning-signs')])
    assert "Contact a doctor today" in before_the_list
    action = before_the_list.index("Contact a doctor today. If you cannot")
    assert action < before_the_list.index("Go to an emergency department")  # the escalation
    assert 'href="tel:911"' not in main[: main.index('<div class="warning-signs')]


def test_not_sure_is_explained_where_it_decides(client):
    patient = Patient(client)
    patient.run({"night-pain": "not-sure"})
    assert "we counted them as “Yes”" in patient.html
    assert "(not sure)" in patient.html
    assert "we counted them as" not in outcome_html(client, "emergency")


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


def test_emergency_note_is_one_column_in_one_language_with_the_clinicians_line(client):
    html = outcome_html(client, "emergency")
    assert re.findall(r'data-role="(\w+)"', html) == ["both"]
    assert "Show this at the emergency department" in html
    assert "For the doctor or nurse:" in html


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
    assert "Step 1 of 3" in patient.html


@pytest.mark.parametrize("path", ["/en/", "/en/check", "/en/card", "/en/handout"])
def test_the_saddle_picture_stands_next_to_the_numbness_sign(client, path):
    html = client.get(path).get_data(as_text=True)
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
    assert "Riverside Physical Therapy" in html and "+1 555 010 0200" in html
    main = html[html.index("<main") : html.index("</main>")]
    # the emergency call alone: the clinic's number is there to read, not a button
    assert 'href="tel:911"' in main and 'href="tel:+15550100200"' not in main


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
