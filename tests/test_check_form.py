"""The check without JavaScript: a Flask-WTF form posted step by step to the server."""

from __future__ import annotations

import base64
import itertools
import re
from urllib.parse import unquote

import pytest
from werkzeug.datastructures import MultiDict

from webapp import check_state, triage

from .support.check_form import Patient, hidden_fields, token_of
from .support.triage import expected


def test_get_shows_question_one_and_sets_no_cookie(client):
    response = client.get("/en/check")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers
    assert token_of(response) is None
    assert "Question 1 of 5" in html
    assert "Have you noticed any new changes in how your bladder or bowels work?" in html
    assert '<fieldset class="question" data-key="bladder-bowel"' in html
    assert html.index(">Yes</label>") < html.index(">No</label>") < html.index(">Not sure</label>")


def test_get_carries_the_rules_and_every_screen_for_the_device(client):
    html = client.get("/en/check").get_data(as_text=True)
    template = html[html.index('<template id="check-screens">') :]
    for i in range(5):
        assert f'data-screen="question" data-index="{i}"' in template
    for outcome in triage.OUTCOMES:
        assert f'data-outcome="{outcome}"' in template
    # one outcome screen per warning sign and answer that can end the check there
    assert template.count('data-screen="outcome"') == 4 * 2 + 2
    assert '"questions": [{"key": "bladder-bowel"' in html.replace("\\u0026", "&")


@pytest.mark.parametrize("combo", list(itertools.product(triage.ANSWERS, repeat=5)), ids="-".join)
def test_every_combination_reaches_the_same_outcome_as_the_rules(client, combo):
    patient = Patient(client)
    outcome, stop = expected(combo)
    for i, answer in enumerate(combo[: stop + 1]):
        response = patient.submit(answer)
        assert response.status_code == 200
        if i < stop:
            assert f"Question {i + 2} of 5" in patient.html
    assert patient.outcome == outcome
    assert patient.page.headers["Cache-Control"] == "no-store"


def test_no_answer_shows_an_error_summary_linked_to_the_field(client):
    patient = Patient(client)
    patient.submit(None)
    html = patient.html
    assert patient.page.status_code == 200
    assert '<div class="error-summary" role="alert"' in html
    summary = html[
        html.index('class="error-summary"') : html.index(
            "</div>", html.index('class="error-summary"')
        )
    ]
    assert "hidden" not in summary.split(">")[0]
    assert '<a href="#bladder-bowel-yes">Select yes, no or not sure</a>' in html
    assert 'id="bladder-bowel-yes"' in html
    assert 'aria-describedby="bladder-bowel-hint bladder-bowel-error"' in html
    assert "<title>Error: Question 1 of 5" in html


def test_back_keeps_the_earlier_answer_selected(client):
    patient = Patient(client)
    patient.submit("no")
    patient.submit("no")
    patient.submit(None, action="back")
    assert "Question 2 of 5" in patient.html
    assert 'id="groin-numbness-no" name="groin-numbness" value="no" checked' in patient.html


def test_back_from_an_outcome_returns_to_the_deciding_question(client):
    patient = Patient(client)
    patient.submit("no")
    patient.submit("yes")
    assert patient.outcome == "emergency"
    patient.submit(None, action="back")
    assert "Question 2 of 5" in patient.html
    assert 'value="yes" checked' in patient.html


def test_start_again_goes_back_to_an_empty_first_question(client):
    patient = Patient(client)
    patient.submit("no")
    response = patient.client.post("/en/check", data={"action": "restart"})
    assert response.status_code == 303
    assert response.headers["Location"] == "/en/check"


def test_session_cookie_is_set_once_the_form_is_used_and_is_locked_down(client):
    patient = Patient(client)
    patient.submit("no")
    cookie = patient.page.history[0].headers["Set-Cookie"]  # on the POST's 303
    assert cookie.startswith("session=")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_over_https_the_cookie_is_secure_and_host_prefixed(make_app):
    client = make_app(PUBLIC_URL="https://guide.example").test_client()
    response = client.post(
        "/en/check", data={"step": "0", "bladder-bowel": "no"}, base_url="https://guide.example"
    )
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("__Host-session=")
    assert "Secure" in cookie and "Path=/" in cookie and "Domain" not in cookie


# --- tokens -----------------------------------------------------------------------------


def test_missing_token_on_a_later_step_gets_a_friendly_page_that_keeps_the_answers(client):
    response = client.post(
        "/en/check", data={"step": "1", "bladder-bowel": "no", "groin-numbness": "no"}
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Please check your answer and continue" in html
    assert 'class="site-header"' in html
    fields = hidden_fields(html)
    assert fields["bladder-bowel"] == "no" and fields["csrf_token"]
    assert 'id="groin-numbness-no" name="groin-numbness" value="no" checked' in html


def test_forged_token_is_refused_kindly(client):
    client.post("/en/check", data={"step": "0", "bladder-bowel": "no"})
    response = client.post(
        "/en/check",
        data={
            "step": "1",
            "bladder-bowel": "no",
            "groin-numbness": "no",
            "csrf_token": "forged.token.value",
        },
    )
    assert response.status_code == 400
    assert "Please check your answer and continue" in response.get_data(as_text=True)


def test_expired_token_is_refused_kindly_and_the_patient_can_go_on(make_app):
    app = make_app(WTF_CSRF_TIME_LIMIT=-1)  # every token is already too old
    patient = Patient(app.test_client())
    patient.submit("no")
    response = patient.submit("no")
    assert response.status_code == 400
    assert "Please check your answer and continue" in patient.html
    app.config["WTF_CSRF_TIME_LIMIT"] = 3600
    patient.submit("no")  # the fresh token works, and the answers were kept
    assert "Question 3 of 5" in patient.html


def test_first_step_from_another_site_is_refused_kindly(client):
    response = client.post(
        "/en/check",
        data={"step": "0", "bladder-bowel": "yes"},
        headers={"Sec-Fetch-Site": "cross-site"},
    )
    assert response.status_code == 400
    assert "Please check your answer and continue" in response.get_data(as_text=True)
    response = client.post(
        "/en/check",
        data={"step": "0", "bladder-bowel": "yes"},
        headers={"Origin": "https://evil.example"},
    )
    assert response.status_code == 400


def test_first_step_from_this_site_needs_no_token(client):
    response = client.post(
        "/en/check",
        data={"step": "0", "bladder-bowel": "yes"},
        headers={"Sec-Fetch-Site": "same-origin", "Origin": "http://localhost"},
        follow_redirects=True,
    )
    assert response.status_code == 200
    assert 'data-outcome="emergency"' in response.get_data(as_text=True)


# --- forged and malformed input ---------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        {"step": "0", "bladder-bowel": "maybe"},  # not an answer
        {"step": "2", "night-pain": "no"},  # skips the emergency questions
        {"step": "1", "bladder-bowel": "yes", "groin-numbness": "no"},  # goes on past a stop
        {"step": "1", "bladder-bowel": "no", "weight-change": "no"},  # a gap
        {"step": "4", "bladder-bowel": "no"},  # step does not match the answers
        {"step": "x", "bladder-bowel": "no"},
        {"step": "-1"},
        {"step": "0", "bladder-bowel": "no", "action": "delete"},
    ],
)
def test_forged_or_malformed_posts_are_a_400_page(client, data):
    response = client.post("/en/check", data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Something in that request was not right" in html
    assert "Traceback" not in html


def test_duplicated_values_are_refused(client):
    response = client.post(
        "/en/check",
        data=MultiDict([("step", "0"), ("bladder-bowel", "no"), ("bladder-bowel", "yes")]),
    )
    assert response.status_code == 400


def test_a_later_answer_cannot_skip_a_warning_question_even_with_a_token(client):
    patient = Patient(client)
    patient.submit("no")
    token = token_of(patient.page)
    response = client.post(
        "/en/check",
        data={"step": "1", "bladder-bowel": "no", "night-pain": "no", "csrf_token": token},
    )
    assert response.status_code == 400


# --- outcomes ---------------------------------------------------------------------------


def run(client, answers, lang="en"):
    patient = Patient(client, lang)
    for answer in answers:
        patient.submit(answer)
    return patient


def test_emergency_outcome_calls_the_emergency_number_first(client):
    html = run(client, ["yes"]).html
    emergency = html.index('href="tel:911"')
    clinic = html.index('href="tel:+15550100200"')
    assert emergency < clinic
    assert "Call the emergency number" in html and "Call your physical therapy clinic" in html
    assert "go to an emergency department now or call" in html
    assert '<span class="badge badge-emergency">' in html and "Emergency</span>" in html


def test_urgent_outcome_has_the_safety_net_and_only_the_clinic_to_call(client):
    patient = run(client, ["no", "no", "yes"])
    assert patient.outcome == "urgent"
    assert "ask for an urgent appointment with another doctor" in patient.html
    assert 'href="tel:911"' not in patient.html.split("<footer")[0]
    assert "Urgent</span>" in patient.html


def test_doctor_card_shows_the_sign_and_answer_in_both_languages(client):
    patient = run(client, ["no", "not-sure"], lang="es")
    html = patient.html
    card = html[html.index('class="doctor-card') :]
    assert '<div class="card-column" lang="es" dir="ltr"' in card
    assert '<div class="card-column" lang="en" dir="ltr"' in card
    assert "Numbness or tingling in your groin or between your legs" in card  # English column
    assert "Not sure" in card
    assert "The check stopped at this question" in card


def test_doctor_card_is_in_one_language_when_patient_and_clinic_share_it(client):
    html = run(client, ["no", "no", "yes"]).html
    assert html.count('class="card-column"') == 1


def test_doctor_card_uses_the_clinic_language(make_app):
    client = make_app(CLINIC_LANGUAGE="fr").test_client()
    html = run(client, ["yes"], lang="ar").html
    assert '<div class="card-column" lang="ar" dir="rtl"' in html
    assert '<div class="card-column" lang="fr" dir="ltr"' in html


def test_self_care_outcome_never_says_you_are_fine(client):
    patient = run(client, ["no", "no", "no", "no", "no"])
    assert patient.outcome == "self-care"
    assert "You have none of the warning signs we asked about" in patient.html
    assert "fine" not in patient.html.lower()
    assert "Rest from what makes your pain worse." in patient.html
    assert "Watch for the warning signs" in patient.html
    assert "especially if your back pain keeps coming back" in patient.html


def test_evaluate_outcome_recommends_an_evaluation(client):
    patient = run(client, ["no", "no", "no", "no", "yes"])
    assert patient.outcome == "evaluate"
    assert "book an evaluation with a low back expert" in patient.html
    assert "active recovery plan" in patient.html


def test_without_phone_or_emergency_number_there_are_no_call_buttons(make_app):
    client = make_app().test_client()
    html = run(client, ["yes"]).html
    assert "tel:" not in html
    assert "your local emergency number" in html


def test_guide_links_to_the_check_near_the_callout_and_at_the_end(client):
    html = client.get("/en/").get_data(as_text=True)
    links = [m.start() for m in re.finditer(r'href="/en/check"', html)]
    assert len(links) >= 2
    assert links[0] < html.index('id="why"')
    assert links[-1] > html.index('id="recovery"')


# --- Post/Redirect/Get: the browser's Back walks through the questions -------------------


def test_each_answer_is_a_303_to_a_sealed_address_that_shows_no_answer(client):
    patient = Patient(client)
    addresses = []
    for answer in ("no", "no", "no"):
        patient.submit(answer)
        redirect = patient.page.history[0]
        assert redirect.status_code == 303
        assert redirect.headers["Cache-Control"] == "no-store"
        location = redirect.headers["Location"]
        assert location.startswith("/en/check/answers?s=")
        sealed = base64.urlsafe_b64decode(unquote(location.split("=", 1)[1]))
        for question in triage.QUESTIONS:  # neither a question's key nor an answer, encoded
            assert question.key.encode() not in sealed
        assert b'"no"' not in sealed and b"not-sure" not in sealed
        addresses.append(location)
    assert len(set(addresses)) == 3
    # Back: the earlier addresses still show their questions, with nothing resubmitted.
    for number, address in zip((2, 3, 4), addresses, strict=True):
        page = client.get(address)
        assert page.status_code == 200
        assert page.headers["Cache-Control"] == "no-store"
        assert f"Question {number} of 5" in page.get_data(as_text=True)


def test_the_same_answers_never_give_the_same_address(client):
    first, second = Patient(client), Patient(client)
    first.submit("no")
    second.submit("no")
    assert first.page.history[0].headers["Location"] != second.page.history[0].headers["Location"]


def test_the_outcomes_address_shows_the_outcome_again(client):
    patient = Patient(client)
    patient.submit("yes")
    address = patient.page.history[0].headers["Location"]
    again = client.get(address).get_data(as_text=True)
    assert 'data-outcome="emergency"' in again


@pytest.mark.parametrize("spoil", ["other-browser", "tampered", "expired", "missing"])
def test_a_stale_address_starts_the_check_again_and_shows_nothing(client, app, spoil, monkeypatch):
    patient = Patient(client)
    patient.submit("yes")
    address = patient.page.history[0].headers["Location"]
    opener = client
    if spoil == "other-browser":
        opener = app.test_client()  # no session cookie: the address is bound to the session
    elif spoil == "tampered":
        address = address[:-6] + ("AAAAAA" if not address.endswith("AAAAAA") else "BBBBBB")
    elif spoil == "expired":
        monkeypatch.setattr(check_state, "MAX_AGE_SECONDS", -1)
    else:
        address = address.split("?", 1)[0]
    response = opener.get(address)
    assert response.status_code == 303
    assert response.headers["Location"] == "/en/check"
    assert "emergency" not in response.get_data(as_text=True)
