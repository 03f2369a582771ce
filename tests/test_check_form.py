"""The check without JavaScript: a Flask-WTF form posted screen by screen to the server."""

from __future__ import annotations

import base64
import re
from urllib.parse import unquote

import pytest
from werkzeug.datastructures import MultiDict

from webapp import check_state, content, triage

from .support.check_form import Patient, hidden_fields, token_of
from .support.triage import EMERGENCY, answer_sets, expected

NO_EMERGENCY = {key: "no" for key in EMERGENCY}


def test_get_shows_the_emergency_screen_and_sets_no_cookie(client):
    response = client.get("/en/check")
    html = response.get_data(as_text=True)
    first = html.split("<template", 1)[0]
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers
    assert token_of(response) is None
    assert "Step 1 of 3" in first
    assert "Since your back pain started, or in the last 2 weeks" in first
    assert "adults 16 and over" in first
    assert "Doctors ask everyone these questions." in first
    # every emergency sign is its own fieldset with Yes / No / Not sure, nothing selected
    for key in EMERGENCY:
        assert f'<fieldset class="question sign-row" data-key="{key}"' in first
    assert first.count('type="radio"') == 3 * len(EMERGENCY)
    assert " checked" not in first
    row = first[first.index('data-key="pee-start"') :]
    assert row.index(">Yes</label>") < row.index(">No</label>") < row.index(">Not sure</label>")
    assert "notice if starting, stopping or feeling it is different" in row.split("</fieldset>")[0]
    saddle = first[first.index('data-key="saddle-numbness"') :].split("</fieldset>")[0]
    assert '<figure class="saddle-figure">' in saddle and "when you wipe" in saddle


def test_get_carries_the_rules_and_every_screen_for_the_device(client):
    html = client.get("/en/check").get_data(as_text=True)
    template = html[html.index('<template id="check-screens">') :]
    for i in (1, 2):
        assert f'data-screen="question" data-index="{i}"' in template
    for outcome in triage.OUTCOMES:
        assert template.count(f'data-outcome="{outcome}"') == 1
    assert '"screens": [{"checklist": false, "level": "emergency"' in html


# Every sign alone, the combination rules, and a sample of the rules' answer sets (the rules
# themselves are enumerated in test_triage.py).
ALONE = 2 * len(content.WARNING_SIGNS) + 1  # none at all, then each sign alone, twice
SAMPLE = answer_sets(sample=40)
SAMPLE = SAMPLE[:ALONE] + SAMPLE[ALONE::25]


def given(answers) -> str:
    return "+".join(f"{k}={v}" for k, v in answers.items() if v != "no") or "none"


@pytest.mark.parametrize("answers", SAMPLE, ids=given)
def test_answer_sets_reach_the_same_outcome_as_the_rules(client, answers):
    # Outcome, action and every sign answered Yes or Not sure on the note.
    patient = Patient(client)
    patient.run(answers)
    outcome, action, signs = expected(answers)
    assert patient.outcome == outcome
    assert re.search(r'data-outcome="emergency" data-action="(\w+)"', patient.html) is None or (
        f'data-action="{action}"' in patient.html
    )
    assert patient.note_signs == signs
    assert patient.page.headers["Cache-Control"] == "no-store"


def test_an_unanswered_row_shows_an_error_summary_linked_to_it(client):
    patient = Patient(client)
    patient.submit({key: "no" for key in EMERGENCY if key != "both-legs"} | {"both-legs": ""})
    html = patient.html
    assert patient.page.status_code == 200
    summary = html[
        html.index('class="error-summary"') : html.index(
            "</div>", html.index('class="error-summary"')
        )
    ]
    assert "hidden" not in summary.split(">")[0]
    assert '<li data-missing="both-legs"><a href="#both-legs-yes">' in html
    assert '<li data-missing="chest-pain" hidden>' in html
    assert 'aria-describedby="both-legs-hint both-legs-error"' in html
    assert "<title>Error: Step 1 of 3" in html
    # the rows already answered keep their answers
    assert 'id="chest-pain-no" name="chest-pain" value="no" checked' in html


def test_the_checklist_needs_a_tick_or_none_of_these(client):
    patient = Patient(client)
    patient.submit("no")
    patient.submit("no")
    assert patient.on_checklist
    patient.submit(ticks=[])
    assert patient.on_checklist and "<title>Error: Step 3 of 3" in patient.html
    patient.submit(ticks=["none"])
    assert patient.outcome == "self-care"


def test_a_tick_beside_none_of_these_counts_as_a_yes(client):
    patient = Patient(client)
    patient.submit("no")
    patient.submit("no")
    patient.submit(ticks=["none", "keeps-coming-back"])
    assert patient.outcome == "evaluate"


def test_back_keeps_the_earlier_answers_selected(client):
    patient = Patient(client)
    patient.submit("no")
    patient.submit("no")
    patient.submit(None, action="back")
    assert "Step 2 of 3" in patient.html
    assert 'id="fever-no" name="fever" value="no" checked' in patient.html


def test_back_from_an_outcome_returns_to_the_deciding_screen(client):
    patient = Patient(client)
    patient.submit("no")
    patient.submit({"cancer": "yes"})
    assert patient.outcome == "urgent"
    patient.submit(None, action="back")
    assert "Step 2 of 3" in patient.html
    assert 'id="cancer-yes" name="cancer" value="yes" checked' in patient.html


def test_start_again_goes_back_to_an_empty_first_screen_and_forgets_the_screens(client):
    patient = Patient(client)
    patient.submit("no")
    second = patient.page.history[0].headers["Location"]
    patient.submit({"night-pain": "yes"})
    outcome = patient.page.history[0].headers["Location"]
    assert patient.outcome == "urgent"
    assert client.get(outcome).status_code == 200
    response = patient.client.post("/en/check", data={"action": "restart"})
    assert response.status_code == 303
    assert response.headers["Location"] == "/en/check"
    # Back (or the history) after "Start again" shows no earlier screen, nor its answers.
    for address in (second, outcome):
        again = client.get(address)
        assert again.status_code == 303 and again.headers["Location"] == "/en/check"
    assert Patient(client).submit("no").status_code == 200  # and a new check works


def test_session_cookie_is_set_once_the_form_is_used_and_is_locked_down(client):
    patient = Patient(client)
    patient.submit("no")
    cookie = patient.page.history[0].headers["Set-Cookie"]  # on the POST's 303
    assert cookie.startswith("session=")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_over_https_the_cookie_is_secure_and_host_prefixed(make_app):
    client = make_app(PUBLIC_URL="https://guide.example").test_client()
    response = client.post(
        "/en/check", data={"step": "0", **NO_EMERGENCY}, base_url="https://guide.example"
    )
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("__Host-session=")
    assert "Secure" in cookie and "Path=/" in cookie and "Domain" not in cookie


# --- tokens -----------------------------------------------------------------------------


def test_a_tokenless_later_step_starts_afresh_and_echoes_nothing(client):
    # Another site could post "No" to every sign and send the patient to a pre-answered
    # screen (issue 27, item 1): without a token a later step starts the check again.
    data = MultiDict([("step", "1"), *NO_EMERGENCY.items(), ("fever", "no")])
    response = client.post("/en/check", data=data)
    assert response.status_code == 303
    assert response.headers["Location"] == "/en/check"
    assert "Set-Cookie" not in response.headers
    again = client.get(response.headers["Location"]).get_data(as_text=True)
    assert " checked" not in again.split("<template", 1)[0]


def test_an_expired_token_from_our_page_gets_a_friendly_page_that_keeps_the_answers(make_app):
    app = make_app(WTF_CSRF_TIME_LIMIT=-1)  # every token is already too old
    patient = Patient(app.test_client())
    patient.submit("no")
    response = patient.submit({"fever": "not-sure"})
    html = patient.html
    assert response.status_code == 400
    assert "Please check your answer and continue" in html
    assert 'class="site-header"' in html
    fields = dict(hidden_fields(html))
    assert fields["pee-start"] == "no" and fields["csrf_token"]
    assert 'id="fever-not-sure" name="fever" value="not-sure" checked' in html


def test_forged_token_is_refused_kindly(client):
    client.post("/en/check", data={"step": "0", **NO_EMERGENCY})
    response = client.post(
        "/en/check",
        data={"step": "1", **NO_EMERGENCY, "fever": "no", "csrf_token": "forged.token.value"},
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
    assert "Step 3 of 3" in patient.html


def test_a_step_from_another_site_starts_afresh(client):
    data = {"step": "0", **NO_EMERGENCY, "pee-start": "yes"}
    for headers in ({"Sec-Fetch-Site": "cross-site"}, {"Origin": "https://evil.example"}):
        response = client.post("/en/check", data=data, headers=headers)
        assert response.status_code == 303 and response.headers["Location"] == "/en/check"
        assert "Set-Cookie" not in response.headers


def test_first_step_from_this_site_needs_no_token(client):
    response = client.post(
        "/en/check",
        data={"step": "0", **NO_EMERGENCY, "pee-start": "yes"},
        headers={"Sec-Fetch-Site": "same-origin", "Origin": "http://localhost"},
        follow_redirects=True,
    )
    assert response.status_code == 200
    assert 'data-outcome="emergency" data-action="go"' in response.get_data(as_text=True)


# --- forged and malformed input ---------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        {"step": "0", "pee-start": "maybe"},  # not an answer
        {"step": "1", "fever": "no"},  # skips the emergency screen
        {"step": "1", **NO_EMERGENCY, "pee-start": "yes", "fever": "no"},  # past a stop
        {"step": "2", **NO_EMERGENCY, "checkup": "none"},  # skips the urgent screen
        {"step": "0", **NO_EMERGENCY, "fever": "no"},  # answers a later screen
        {"step": "0", "checkup": "keeps-coming-back"},
        {"step": "2", "checkup": "no-such-sign"},
        {"step": "outcome", **NO_EMERGENCY},  # an outcome the answers do not reach
        {"step": "x", "pee-start": "no"},
        {"step": "-1"},
        {"step": "3"},
        {"step": "0", "pee-start": "no", "action": "delete"},
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
        data=MultiDict([("step", "0"), ("pee-start", "no"), ("pee-start", "yes")]),
    )
    assert response.status_code == 400


def test_a_later_screen_cannot_skip_the_emergency_screen_even_with_a_token(client):
    patient = Patient(client)
    patient.submit("no")
    token = token_of(patient.page)
    incomplete = {key: "no" for key in EMERGENCY[1:]}  # one emergency row left out
    response = client.post(
        "/en/check", data={"step": "1", **incomplete, "fever": "no", "csrf_token": token}
    )
    assert response.status_code == 400


# --- outcomes ---------------------------------------------------------------------------


def run(client, answers, lang="en"):
    patient = Patient(client, lang)
    patient.run(answers)
    return patient


def test_emergency_outcome_calls_the_emergency_number_first_and_alone(client):
    patient = run(client, {"saddle-numbness": "yes"})
    html = patient.html.split("<footer")[0]
    emergency = html.index('href="tel:911"')
    clinic = html.index('href="tel:+15550100200"')
    afterwards = html.index("Afterwards, tell your doctor and your physical therapy clinic.")
    assert emergency < html.index("Go to an emergency department now.") < afterwards < clinic
    assert html.index("Show this at the emergency department") < afterwards
    buttons = html[emergency - 200 : emergency + 400]
    assert "tel:+15550100200" not in buttons  # no clinic button beside the emergency call
    assert "Do not drive yourself" in html and "Do not wait for an appointment." in html
    assert "Call 911 now" not in html  # a cauda equina sign: go, not call
    assert '<span class="badge badge-emergency">' in html and "Emergency</span>" in html


def test_a_call_sign_says_call_now_and_a_serious_accident_says_do_not_move(client):
    html = run(client, {"serious-accident": "yes"}).html
    assert 'data-action="call"' in html
    assert 'Call <bdi dir="ltr">911</bdi> now. Do not drive yourself.' in html
    assert "do not move" in html
    assert "Go to an emergency department now." not in html.split("All the warning signs")[0]


def test_a_combination_says_why_it_is_an_emergency(client):
    html = run(client, {"cancer": "yes", "one-leg-weaker": "yes"}).html
    assert 'data-outcome="emergency" data-action="go"' in html
    assert "These signs together need a doctor now:" in html
    assert "You have had cancer, and you have a change in your legs" in html


def test_urgent_outcome_says_today_with_the_urgent_line_and_the_escalation(make_app):
    client = make_app(
        CLINIC_PHONE="+1 555 0100 200", EMERGENCY_NUMBER="911", URGENT_NUMBER="111"
    ).test_client()
    patient = run(client, {"cancer": "yes"})
    html = patient.html.split("<footer")[0]
    assert patient.outcome == "urgent"
    assert "Contact a doctor today. If you cannot, call" in html
    assert 'href="tel:111"' in html
    assert "If you have a cancer team, call their 24-hour line today." in html
    assert "Cannot get help today and feel very unwell?" in html
    assert "it is not a doctor’s office" in html
    assert "Urgent</span>" in html
    assert html.index("Show this to your doctor") < html.index('href="tel:+15550100200"')


def test_without_an_urgent_number_the_text_names_the_local_line(client):
    html = run(client, {"fever": "yes"}).html
    assert "If you cannot, call your local urgent-care line." in html
    assert "cancer team" not in html


def test_the_note_lists_every_sign_given_with_not_sure_marked(client):
    patient = run(client, {"pee-start": "yes", "both-legs": "not-sure"}, lang="es")
    assert patient.note_signs == {"pee-start", "both-legs"}
    html = patient.html
    card = html[html.index('class="doctor-card') :]
    assert '<div class="card-column" lang="es" dir="ltr" data-role="patient"' in card
    assert '<div class="card-column" lang="en" dir="ltr" data-role="clinician"' in card
    english = card[card.index('data-role="clinician"') :]
    assert "Pain, tingling or numbness in both legs" in english
    assert english.count("(not sure)") == 1
    # only the clinician's column names what to rule out
    assert "Suspected cauda equina syndrome" in english
    patient_column = card[card.index('data-role="patient"') : card.index('data-role="clinician"')]
    assert "cauda equina" not in patient_column
    for value in ("today", "1-2-days", "3-14-days", "over-2-weeks"):
        assert f'<option value="{value}">' in card


def test_the_note_is_one_column_when_patient_and_clinic_share_a_language(client):
    html = run(client, {"saddle-numbness": "yes"}).html
    assert html.count('class="card-column"') == 1
    assert "For the doctor or nurse:" in html and "Suspected cauda equina syndrome" in html


def test_the_note_uses_the_clinic_language(make_app):
    client = make_app(CLINIC_LANGUAGE="fr").test_client()
    html = run(client, {"chest-pain": "yes"}, lang="ar").html
    assert '<div class="card-column" lang="ar" dir="rtl"' in html
    assert '<div class="card-column" lang="fr" dir="ltr"' in html
    assert "cauda equina" not in html.split("All the warning signs")[0]  # no CES sign given


def test_self_care_outcome_never_says_you_are_fine_nor_bed_rest(client):
    patient = run(client, {})
    assert patient.outcome == "self-care"
    html = patient.html
    assert "None of the signs we asked about" in html
    assert "fine" not in html.lower()
    assert "Lying in bed for days slows recovery." in html
    assert "hurting does not mean harm" in html
    assert html.index("Keep moving.") < html.index("Rest only from what makes your pain worse.")
    assert (
        "It is not starting to get better after 2 weeks, or it is still there after 6 weeks."
        in html
    )
    assert "Watch for the warning signs" in html


def test_evaluate_outcome_books_a_check_up_and_never_says_no_warning_signs(client):
    patient = run(client, {"keeps-coming-back": "yes", "not-better": "yes"})
    assert patient.outcome == "evaluate"
    assert "Book a check-up with your doctor or physical therapist" in patient.html
    assert "no warning signs" not in patient.html.lower()
    assert patient.note_signs == {"keeps-coming-back", "not-better"}


def test_without_phone_or_emergency_number_there_are_no_call_buttons(make_app):
    client = make_app().test_client()
    html = run(client, {"pee-start": "yes"}).html
    assert "tel:" not in html
    assert "Call your local emergency number" in html
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
    for answers in ("no", "no", {}):
        patient.submit(answers)
        redirect = patient.page.history[0]
        assert redirect.status_code == 303
        assert redirect.headers["Cache-Control"] == "no-store"
        location = redirect.headers["Location"]
        assert location.startswith("/en/check/answers?s=")
        sealed = base64.urlsafe_b64decode(unquote(location.split("=", 1)[1]))
        for sign in content.WARNING_SIGNS:  # neither a sign's key nor an answer, encoded
            assert sign.key.encode() not in sealed
        assert b'"no"' not in sealed and b"not-sure" not in sealed
        addresses.append(location)
    assert len(set(addresses)) == 3
    # Back: the earlier addresses still show their screens, with nothing resubmitted.
    for shown, address in zip(("Step 2 of 3", "Step 3 of 3", "self-care"), addresses, strict=True):
        page = client.get(address)
        assert page.status_code == 200
        assert page.headers["Cache-Control"] == "no-store"
        assert shown in page.get_data(as_text=True)


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
