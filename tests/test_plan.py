"""The recovery plan on the server: the signed code, its size budget, and the builder's form
(validation, CSRF, no-store, nothing stored or logged, hostile input never a 5xx)."""

from __future__ import annotations

import json
import logging
import re
from datetime import date, datetime, timedelta
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
import segno
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from webapp import exercises, plan_code, plan_content
from webapp.languages import LANGUAGES
from webapp.plan_code import BadCode, Plan, Prescribed

SECRET = "dev-only-not-secret"
PUBLIC = "https://guide.riverside-pt.example"
FUZZ = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


#: Eight exercises of the library at their largest doses.
EIGHT = tuple(Prescribed(e.key, reps=30, hold=60, sets=3, times=3) for e in exercises.LIBRARY[:8])


def full_plan(text_bytes: int = 0, **changes) -> Plan:
    """Every item at its largest number, eight exercises, and `text_bytes` of the
    therapist's own words (one line of up to 80 letters, the rest in the note)."""
    line = "x" * min(text_bytes // 2, 80)
    note = "n" * (text_bytes - len(line))
    fields = {
        "lang": "es",
        "made": date(2026, 12, 2),
        "walk_minutes": 10,
        "walk_times": 6,
        "walk_increase": 5,
        "keep": plan_code.KEEP,
        "rest": ("sitting", "standing"),
        "rest_days": 14,
        "exercises": EIGHT,
        "lines": (line,) if line else (),
        "appointment": datetime(2027, 11, 30, 23, 55),
        "note": note,
    }
    return Plan(**{**fields, **changes})


def sign_bytes(body: bytes, high_s: bool = False) -> str:
    """A code for any bytes, signed with the clinic's key (what a builder bug could make)."""
    der = plan_code.signing_key(SECRET).sign(
        plan_code.CONTEXT + body, plan_code.ec.ECDSA(plan_code.hashes.SHA256())
    )
    r, s = plan_code.decode_dss_signature(der)
    s = min(s, plan_code.ORDER - s)
    if high_s:
        s = plan_code.ORDER - s
    return plan_code.to_letters(body + r.to_bytes(32, "big") + s.to_bytes(32, "big"))


def test_code_round_trip_and_alphabet():
    plan = full_plan(60, note="Ñandú 🙂 ملاحظة 注意")
    code = plan_code.sign(plan, SECRET)
    assert set(code) <= set(plan_code.ALPHABET)
    assert plan_code.verify(code, SECRET) == plan


def test_every_flipped_bit_fails_verification():
    code = plan_code.sign(full_plan(40), SECRET)
    data = plan_code.from_letters(code)
    for position in range(len(data)):
        for bit in range(8):
            altered = bytearray(data)
            altered[position] ^= 1 << bit
            with pytest.raises(BadCode):
                plan_code.verify(plan_code.to_letters(bytes(altered)), SECRET)


def test_every_changed_letter_fails_verification():
    code = plan_code.sign(full_plan(40), SECRET)
    for i, letter in enumerate(code):
        other = plan_code.ALPHABET[(plan_code.INDEX[letter] + 1) % plan_code.BASE]
        with pytest.raises(BadCode):
            plan_code.verify(code[:i] + other + code[i + 1 :], SECRET)


def test_foreign_key_truncated_and_malformed_codes_fail():
    code = plan_code.sign(full_plan(10), SECRET)
    for bad in (
        plan_code.sign(full_plan(10), "another clinic's key of at least 32 chars"),
        code[:-3],
        code + "000",
        "",
        "HELLO",
        code.lower(),
        "<script>alert(1)</script>",
    ):
        with pytest.raises(BadCode):
            plan_code.verify(bad, SECRET)


def test_a_signed_plan_that_breaks_a_limit_is_still_refused():
    # Signed with the right key but outside the limits (a builder bug must not reach a phone).
    good = plan_code.pack(full_plan(10))
    assert plan_code.verify(sign_bytes(good), SECRET) == full_plan(10)
    for position, value in (
        (4, 61),  # walk minutes
        (5, 7),  # 10 minutes, 7 times a day: more than 60 minutes of walking a day
        (6, 6),  # weekly increase over 5
        (9, 15),  # a break of more than 14 days
        (8, 0b10001),  # take a break from running while keeping up sport: a contradiction
        (15, 12),  # an exercise the library does not have
        (16, 31),  # 31 repetitions
        (17, 4),  # a hold under 5 seconds
        (18, 0x43),  # 4 sets
    ):
        body = bytearray(good)
        body[position] = value
        with pytest.raises(BadCode):
            plan_code.verify(sign_bytes(bytes(body)), SECRET)
    repeated = bytearray(good)
    repeated[19] = repeated[15]  # the same exercise twice
    with pytest.raises(BadCode):
        plan_code.verify(sign_bytes(bytes(repeated)), SECRET)


def test_only_the_low_s_signature_opens_a_plan():
    """(r, s) and (r, n - s) both verify in ECDSA; only one of them is the plan's code."""
    body = plan_code.pack(full_plan(10))
    assert plan_code.verify(sign_bytes(body), SECRET) == full_plan(10)
    with pytest.raises(BadCode):
        plan_code.verify(sign_bytes(body, high_s=True), SECRET)
    for _ in range(20):  # the builder always writes the low one
        data = plan_code.from_letters(plan_code.sign(full_plan(10), SECRET))
        assert int.from_bytes(data[-32:], "big") <= plan_code.ORDER // 2


def legacy_code(lines=("Puente 2x10", "Gato-vaca x10"), note="Hielo", **header) -> str:
    """A format-1 code, as printed before the exercise library: free-text exercise lines."""
    fields = {"version": 1, "lang": 1, "made": 2527, "minutes": 20, "times": 3}
    fields |= {"increase": 15, "keep": 0b11, "rest": 0b1, "days": 28, "appointment": 0}
    fields |= header
    body = plan_code.HEADER.pack(*fields.values()) + bytes((len(lines),))
    for text in (*lines, note):
        body += bytes((len(text.encode()),)) + text.encode()
    return sign_bytes(body)


def test_a_plan_printed_before_the_exercise_library_still_opens():
    plan = plan_code.verify(legacy_code(), SECRET)
    assert plan.lines == ("Puente 2x10", "Gato-vaca x10") and plan.exercises == ()
    assert plan.walk_increase == 15 and plan.rest_days == 28 and plan.note == "Hielo"
    with pytest.raises(BadCode):
        plan_code.verify(legacy_code(days=29), SECRET)


def test_key_is_derived_from_the_secret_and_stable():
    assert plan_code.public_jwk(SECRET) == plan_code.public_jwk(SECRET)
    assert plan_code.public_jwk(SECRET) != plan_code.public_jwk(SECRET + "x")
    assert set(plan_code.public_jwk(SECRET)) == {"kty", "crv", "x", "y"}


def largest_that_fits(base: str) -> int:
    size = 0
    while True:
        code = plan_code.sign(full_plan(size + 1), SECRET)
        if len(code) > plan_code.capacity(base):
            return size
        size += 1


@pytest.mark.parametrize("public", [PUBLIC, "https://physio-clinic.example.org/back-guide"])
def test_the_fullest_plan_allowed_is_a_version_10_code(public):
    base = f"{public}/es/plan"
    budget = largest_that_fits(base)
    code = plan_code.sign(full_plan(budget), SECRET)
    qr = plan_code.make_qr(base, code)
    assert qr.version <= plan_code.MAX_QR_VERSION
    assert budget >= 90  # eight exercises, and room for a note of about 60 letters
    with pytest.raises(plan_code.TooLong) as too_long:
        plan_code.make_qr(base, plan_code.sign(full_plan(budget + 20), SECRET))
    assert 1 <= too_long.value.over <= 25
    # The code holds exactly the link.
    out = segno.make_qr(plan_code.qr_segments(base, code), error="l")
    assert out.version == qr.version


@pytest.mark.parametrize("note", ["n" * 60, "Я" * 45, "注" * 30, "한" * 30, "ن" * 45], ids=len)
def test_a_full_plan_with_a_note_in_any_script_fits(note):
    """docs/design.md: about 60 letters in Latin script, 45 in Cyrillic or Arabic, 30 in
    Chinese or Korean, with eight exercises, walking, choices and an appointment."""
    code = plan_code.sign(full_plan(0, note=note), SECRET)
    assert plan_code.make_qr(f"{PUBLIC}/es/plan", code).version <= plan_code.MAX_QR_VERSION


# -- the builder ---------------------------------------------------------------------------


@pytest.fixture
def client(staff_client):
    """The builder is for staff: every builder test here is a signed-in therapist."""
    return staff_client


def token(client, lang="en") -> str:
    page = client.get(f"/{lang}/plan/new").get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def good_form(csrf: str, **changes) -> MultiDict:
    fields = {
        "csrf_token": csrf,
        "patient_lang": "es",
        "walk_minutes": "10",
        "walk_times": "3",
        "walk_increase": "5",
        "rest_days": "14",
        "bridge-reps": "10",
        "bridge-hold": "5",
        "bridge-sets": "2",
        "bridge-times": "1",
        "cat-camel-reps": "8",
        "cat-camel-hold": "",
        "cat-camel-sets": "1",
        "cat-camel-times": "1",
        "own_line": "Puente 2x10",
        "appointment_date": (date.today() + timedelta(days=7)).isoformat(),
        "appointment_time": "16:30",
        "note": "Hielo tras caminar",
    }
    fields.update(changes)
    pairs = [*fields.items(), ("keep", "walking"), ("keep", "swimming"), ("rest", "lifting")]
    pairs += [("exercise", "bridge"), ("exercise", "cat-camel")]
    return MultiDict(pairs)


def made(client, form) -> tuple[str, str]:
    """Post the builder; follow its 303 to the plan's page. (code, that page's HTML)"""
    response = client.post("/en/plan/new", data=form)
    assert response.status_code == 303, response.get_data(as_text=True)
    assert response.headers["Cache-Control"] == "no-store"
    location = response.headers["Location"]
    assert location.startswith("/en/plan/ready?code=")
    page = client.get(location)
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    return parse_qs(urlsplit(location).query)["code"][0], page.get_data(as_text=True)


def code_in(html: str, lang="es") -> str:
    return re.search(rf'href="http://localhost/{lang}/plan#([^"]+)"', html).group(1)


def test_builder_form_is_no_store_and_has_a_token(client):
    response = client.get("/en/plan/new")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    html = response.get_data(as_text=True)
    assert 'name="csrf_token"' in html and "Make the QR code" in html
    assert 'maxlength="80"' in html and 'maxlength="200"' in html
    # Every exercise of the library, with its safe early dose filled in.
    for exercise in exercises.LIBRARY:
        assert f'value="{exercise.key}"' in html
        reps = f"{exercise.key}-reps"
        assert f'id="{reps}" name="{reps}" value="{exercise.dose.reps}"' in html
    assert 'id="rest_days" name="rest_days" value="3"' in html  # never open-ended


def test_a_plan_is_signed_into_the_link_and_printed(client, caplog):
    caplog.set_level(logging.DEBUG)
    code, html = made(client, good_form(token(client)))
    plan = plan_code.verify(code, SECRET)
    assert code_in(html) == code
    assert plan.lang == "es" and plan.walk_minutes == 10 and plan.walk_times == 3
    assert plan.keep == ("walking", "swimming") and plan.rest == ("lifting",)
    assert plan.exercises == (
        Prescribed("cat-camel", reps=8, hold=0, sets=1, times=1),
        Prescribed("bridge", reps=10, hold=5, sets=2, times=1),
    )
    assert plan.lines == ("Puente 2x10",) and plan.made == date.today()
    assert '<svg aria-hidden="true"' in html and 'role="img"' in html
    assert 'lang="es"' in html and "Su plan de recuperación" in html  # the printed plan
    assert "Camine 10 minutos, 3 veces al día." in html
    assert "Riverside Physical Therapy" in html
    assert "Puente 2x10" not in caplog.text and "Hielo" not in caplog.text
    assert "style=" not in html
    # The printed plan: each exercise with its two pictures, steps and dose, and the stop rule.
    printed = html[html.index('class="plan-printed"') :]
    assert printed.count('class="exercise-card"') == 2
    assert printed.count('class="exercise-picture"') == 4
    assert 'class="stop-emergency"' in printed


def test_change_this_plan_and_back_bring_the_filled_form(client):
    code, html = made(client, good_form(token(client)))
    change = re.search(r'href="(/en/plan/new\?code=[^"]+)"', html).group(1)  # "Change this plan"
    assert parse_qs(urlsplit(unescape(change)).query)["code"] == [code]
    form = client.get(unescape(change)).get_data(as_text=True)
    assert 'value="Puente 2x10"' in form and "Hielo tras caminar" in form
    assert 'id="exercise-bridge" name="exercise" value="bridge" checked' in form
    assert 'id="bridge-sets" name="bridge-sets" value="2"' in form
    assert '<option value="es" lang="es" selected>' in form
    # A code that is not ours fills nothing.
    forged = client.get("/en/plan/new", query_string={"code": code[:-3] + "000"}).data.decode()
    assert "Hielo" not in forged


def test_the_plan_page_needs_staff_and_a_code_of_ours(app, client):
    code, _ = made(client, good_form(token(client)))
    ready = "/en/plan/ready"
    assert app.test_client().get(ready, query_string={"code": code}).status_code == 303
    assert client.get(ready, query_string={"code": code[:-3] + "000"}).status_code == 404


def test_the_therapists_lines_are_escaped(client):
    form = good_form(token(client), own_line="<img src=x onerror=alert(1)>", note="<b>hi</b>")
    _, html = made(client, form)
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<b>hi</b>" not in html


def test_control_characters_and_extra_spaces_are_cleaned(client):
    form = good_form(token(client), own_line="  Puente\u202e  2x10\x00 ", note="a\nb")
    plan = plan_code.verify(made(client, form)[0], SECRET)
    assert plan.lines == ("Puente 2x10",) and plan.note == "a b"


def test_a_long_note_in_cyrillic_is_a_message_not_a_500(client):
    html = client.post("/en/plan/new", data=good_form(token(client), note="Ж" * 130)).data
    assert re.search(r"too long for one QR code\. Shorten .* by about \d+ letters", html.decode())


def test_contradicting_choices_are_refused(client):
    form = good_form(token(client))
    form.setlist("keep", ["sport"])
    form.setlist("rest", ["running"])
    html = client.post("/en/plan/new", data=form).get_data(as_text=True)
    assert "contradict each other" in html and "plan#" not in html


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"walk_minutes": "61"}, "walk_minutes", "number from 1 to 60"),
        ({"walk_minutes": "abc"}, "walk_minutes", "number from 1 to 60"),
        ({"walk_times": "0"}, "walk_times", "number from 1 to 6"),
        ({"walk_times": ""}, "walk_times", "number from 1 to 6"),
        ({"walk_minutes": "", "walk_times": "2"}, "walk_minutes", "or leave the walking"),
        ({"walk_minutes": "30", "walk_times": "3"}, "walk_minutes", "more than 60 minutes"),
        ({"walk_increase": "6"}, "walk_increase", "number from 1 to 5"),
        ({"rest_days": "15"}, "rest_days", "number from 1 to 14"),
        ({"own_line": "x" * 81}, "own_line", "80 characters or fewer"),
        ({"bridge-reps": "31"}, "bridge-reps", "Bridge: enter the repetitions"),
        ({"bridge-reps": ""}, "bridge-reps", "Bridge: enter the repetitions"),
        ({"bridge-hold": "4"}, "bridge-hold", "Bridge: enter the seconds to hold"),
        ({"cat-camel-sets": "4"}, "cat-camel-sets", "Cat and camel: enter the sets"),
        ({"cat-camel-times": "0"}, "cat-camel-times", "enter the times a day"),
        ({"note": "x" * 201}, "note", "200 characters or fewer"),
        ({"appointment_date": "2026-02-30"}, "appointment_date", "real date"),
        ({"appointment_date": "2001-01-01"}, "appointment_date", "from today to one year"),
        ({"appointment_time": ""}, "appointment_time", "Enter the time"),
        ({"appointment_time": "25:00"}, "appointment_time", "for example 14:30"),
        ({"appointment_date": ""}, "appointment_date", "Enter the date"),
    ],
)
def test_each_limit_gets_a_message_linked_to_its_field(client, changes, field, message):
    response = client.post("/en/plan/new", data=good_form(token(client), **changes))
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "There is a problem" in html
    assert re.search(rf'<a href="#{field}">[^<]*{re.escape(message)}', html), html
    assert f'id="{field}-error"' in html
    assert "<title>Error:" in html
    assert "plan#" not in html  # no code was made


def test_rest_days_without_anything_to_rest_from(client):
    form = good_form(token(client))
    form.setlist("rest", [])
    html = client.post("/en/plan/new", data=form).get_data(as_text=True)
    assert '<a href="#rest-lifting">Choose what to take a break from' in html


def test_an_empty_plan_is_refused(client):
    form = MultiDict({"csrf_token": token(client), "patient_lang": "es"})
    html = client.post("/en/plan/new", data=form).get_data(as_text=True)
    assert "Fill in at least one part of the plan" in html


def test_a_plan_too_long_for_one_code_says_how_much_to_cut(client):
    lines = {"own_line": "x" * 80, "note": "y" * 100}
    html = client.post("/en/plan/new", data=good_form(token(client), **lines)).data.decode()
    assert re.search(r"too long for one QR code\. Shorten .* by about \d+ letters", html)


def test_an_expired_or_forged_token_from_our_page_keeps_what_was_typed(client):
    response = client.post("/en/plan/new", data=good_form("forged"))
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "could not be sent safely" in html and 'value="Puente 2x10"' in html
    assert "plan#" not in html


@pytest.mark.parametrize(
    ("csrf", "headers"),
    [
        ("", {}),
        ("", {"Sec-Fetch-Site": "same-origin"}),
        ("forged", {"Sec-Fetch-Site": "cross-site"}),
        ("forged", {"Origin": "https://elsewhere.example"}),
    ],
)
def test_a_tokenless_or_cross_site_post_starts_the_builder_afresh(client, csrf, headers):
    """Another site cannot pre-fill the builder for a therapist to sign: nothing echoed."""
    response = client.post("/en/plan/new", data=good_form(csrf), headers=headers)
    assert response.status_code == 303 and response.headers["Location"] == "/en/plan/new"
    assert "Puente" not in response.get_data(as_text=True)
    assert response.headers["Cache-Control"] == "no-store"


def test_unknown_choices_are_a_400(client):
    csrf = token(client)
    for changes in ({"patient_lang": "xx"}, {"keep": "flying"}, {"rest": "x"}, {"exercise": "x"}):
        form = good_form(csrf)
        for key, value in changes.items():
            form.setlist(key, [value])
        assert client.post("/en/plan/new", data=form).status_code == 400


def test_builder_in_every_language_and_messages_translated(client):
    for lang in LANGUAGES:
        response = client.get(f"/{lang.code}/plan/new")
        assert response.status_code == 200
        html = response.get_data(as_text=True)
        assert f'<html lang="{lang.html_lang}" dir="{lang.dir}"' in html
        if lang.code != "en":
            assert "Make the QR code" not in html


# -- the patient's page -------------------------------------------------------------------


def test_patient_page_is_the_same_for_everyone_and_carries_the_key(client, app):
    first = client.get("/es/plan")
    assert first.status_code == 200 and "Set-Cookie" not in first.headers
    assert first.data == client.get("/es/plan").data
    html = first.get_data(as_text=True)
    data = json.loads(re.search(r'id="plan-data">(.*?)</script>', html).group(1))
    assert data["key"] == plan_code.public_jwk(app.config["SECRET_KEY"])
    assert (
        data["text"]["minutes"]["1"] == "1 minuto" and data["text"]["minutes"]["2"] == "2 minutos"
    )
    assert data["text"]["keep"]["swimming"] == "Nadar"
    assert "Su plan necesita JavaScript" in html
    assert 'data-urgency="emergency"' in html  # the warning signs, without JavaScript too
    assert 'href="/es/check"' in html and 'href="/es/card"' in html
    assert "/static/js/plan.js" in html


def test_guide_loads_no_plan_code(client):
    html = client.get("/en/").get_data(as_text=True)
    assert "plan.js" not in html and "plan.css" not in html


def test_plan_page_is_precached_per_language(client):
    body = client.get("/sw.js").get_data(as_text=True)
    build = json.loads(re.search(r"const BUILD = (\{.*?\});", body).group(1))
    for lang in LANGUAGES:
        assert f"/{lang.code}/plan" in build["languages"][lang.code]
        assert f"/{lang.code}/plan/new" not in build["languages"][lang.code]


def test_no_builder_in_a_static_export(make_app):
    client = make_app(STATIC_EXPORT=True).test_client()
    assert client.get("/en/plan/new").status_code == 404
    assert client.get("/staff/sign-in").status_code == 404


# -- hostile input ------------------------------------------------------------------------

KEYS = [
    "csrf_token",
    "patient_lang",
    "walk_minutes",
    "walk_times",
    "walk_increase",
    "keep",
    "rest",
    "rest_days",
    "exercise",
    "own_line",
    "bridge-reps",
    "bridge-hold",
    "bridge-sets",
    "appointment_date",
    "appointment_time",
    "note",
]
VALUES = st.one_of(
    st.sampled_from(
        ["", "0", "1", "60", "61", "-1", "1e3", "٣", "२", "walking", "es", "2026-12-09", "16:30"]
    ),
    st.sampled_from(list(plan_code.KEEP + plan_code.BREAK)),
    st.sampled_from([e.key for e in exercises.LIBRARY]),
    st.text(max_size=300),
)


@FUZZ
@given(
    pairs=st.lists(
        st.tuples(st.one_of(st.sampled_from(KEYS), st.text(max_size=12)), VALUES), max_size=20
    ),
    with_token=st.booleans(),
)
def test_fuzzed_builder_posts_never_fail(client, pairs, with_token):
    csrf = token(client) if with_token else ""
    data = MultiDict([("csrf_token", csrf), *pairs]) if with_token else MultiDict(pairs)
    response = client.post("/en/plan/new", data=data)
    assert response.status_code in (200, 303, 400), response.status_code
    body = response.get_data(as_text=True)
    assert "Traceback" not in body
    assert response.headers["Cache-Control"] == "no-store"
    if response.status_code == 303 and "code=" in response.headers["Location"]:
        # whatever was accepted is a plan within every limit
        query = urlsplit(response.headers["Location"]).query
        plan_code.verify(parse_qs(query)["code"][0], SECRET)


def test_oversized_builder_post_is_a_413(client):
    response = client.post("/en/plan/new", data={"note": "x" * 20_000})
    assert response.status_code == 413


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("en", "Wednesday, December 9, 2026, 2:30\u202fPM"),
        ("zh_Hans", "2026年12月9日星期三 14:30"),
        ("fa", "چهارشنبه 9 دسامبر 2026، ساعت 14:30"),
    ],
)
def test_the_appointment_joins_date_and_time_as_the_language_does(app, locale, expected):
    """Babel's own pattern, never a hard-coded ", " (an ASCII comma in Chinese or Farsi)."""
    from flask_babel import force_locale

    with app.test_request_context(), force_locale(locale):
        assert plan_content.date_and_time(datetime(2026, 12, 9, 14, 30)) == expected


def test_the_development_servers_log_leaves_out_the_plans_code():
    """The builder's page carries the plan's code in its query: the werkzeug log line (as
    gunicorn's, `%(U)s`) is the path alone."""
    import logging

    from webapp.access_log import QuietCheck

    record = logging.LogRecord(
        "werkzeug", logging.INFO, __file__, 1, '%s - - [%s] "%s" %s -', None, None
    )
    record.args = ("127.0.0.1", "07/Dec/2026", "GET /en/plan/ready?code=.B0%2BF1Q HTTP/1.1", 200)
    assert QuietCheck().filter(record)
    assert record.getMessage() == '127.0.0.1 - - [07/Dec/2026] "GET /en/plan/ready HTTP/1.1" 200 -'
