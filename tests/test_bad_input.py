"""Bad input, generated: hostile paths, every method, odd headers, malformed and oversized
forms, broken tokens. Never a 500, never a trace; every error page in the layout, translated."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from webapp import content, create_app, triage
from webapp.languages import LANGUAGES

from .support import routes

FUZZ = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
CODES = [lang.code for lang in LANGUAGES]
#: Every route, from the app's URL map (`{lang}` left to fill), and the ones that take a POST.
ROUTES = routes.templates(create_app({"TESTING": True}))
POSTED = routes.templates(create_app({"TESTING": True}), "POST")
METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "PROPFIND"]
KEYS = [s.key for s in content.WARNING_SIGNS] + ["step", "action", "csrf_token", "checkup"]


def assert_handled(response, head=False):
    assert response.status_code < 500, response.status_code
    body = response.get_data()
    assert b"Traceback" not in body and b"werkzeug" not in body.lower()
    if response.status_code >= 400 and response.mimetype == "text/html" and not head:
        html = body.decode()
        assert 'class="site-header"' in html and "<html lang=" in html


hostile_segments = st.one_of(
    st.text(min_size=0, max_size=40),
    st.sampled_from(
        ["..", "%00", "%2e%2e", "%2F", "//", "\\", "%ff%fe", "en/../../etc/passwd", "*", "~"]
    ),
    st.text(alphabet="abc/.%", min_size=200, max_size=3000),
)


@FUZZ
@given(segments=st.lists(hostile_segments, min_size=1, max_size=4))
def test_random_and_hostile_paths(client, segments):
    path = "/" + "/".join(segments)
    # As a server hands it over: the URL's UTF-8 bytes, decoded as latin-1 (PEP 3333).
    wsgi_path = path.encode("utf-8").decode("latin-1")
    assert_handled(client.get(environ_overrides={"PATH_INFO": wsgi_path}))


@FUZZ
@given(raw=st.binary(min_size=1, max_size=60))
def test_invalid_utf8_paths(app, raw):
    # WSGI hands paths over as latin-1 decoded bytes: any byte sequence can arrive.
    environ_path = "/" + raw.decode("latin-1")
    response = app.test_client().get(environ_overrides={"PATH_INFO": environ_path})
    assert_handled(response)


@FUZZ
@given(
    route=st.sampled_from(ROUTES),
    lang=st.sampled_from([*CODES, "xx", "EN", "zh-Hans"]),
    method=st.sampled_from(METHODS),
)
def test_every_method_on_every_route(client, route, lang, method):
    response = client.open(route.format(lang=lang), method=method)
    assert_handled(response, head=method == "HEAD")
    if method not in ("GET", "HEAD", "OPTIONS") and not (
        method == "POST" and route in POSTED and ("{lang}" not in route or lang in CODES)
    ):
        assert response.status_code in (404, 405)


@FUZZ
@given(
    pairs=st.lists(
        st.tuples(
            st.one_of(st.sampled_from(KEYS), st.text(max_size=20)),
            st.one_of(
                st.sampled_from(
                    [
                        "yes",
                        "no",
                        "not-sure",
                        "0",
                        "1",
                        "4",
                        "continue",
                        "back",
                        "restart",
                        "",
                        "-1",
                        "99",
                    ]
                ),
                st.text(max_size=80),
            ),
        ),
        max_size=12,
    ),
    lang=st.sampled_from(CODES),
)
def test_malformed_and_duplicated_form_values(client, pairs, lang):
    response = client.post(f"/{lang}/check", data=MultiDict(pairs))
    assert_handled(response)
    assert response.status_code in (303, 400)
    if response.status_code == 303:  # a valid step: on to the next screen's sealed address
        assert response.headers["Location"].startswith(
            (f"/{lang}/check/answers?s=", f"/{lang}/check")
        )


@FUZZ
@given(
    token=st.one_of(st.text(max_size=200), st.sampled_from(["", "a.b.c", "None"])),
    step=st.integers(min_value=0, max_value=2),
)
def test_missing_forged_and_odd_tokens(client, token, step):
    answers = {key: "no" for screen in triage.SCREENS[:step] for key in screen.keys}
    response = client.post("/en/check", data={**answers, "step": str(step), "csrf_token": token})
    assert_handled(response)
    assert response.status_code in (303, 400)


@FUZZ
@given(header=st.text(max_size=200))
def test_odd_accept_language(client, header):
    try:
        response = client.get("/", headers={"Accept-Language": header})
    except ValueError:  # the test client itself refuses some header values (newlines)
        return
    assert response.status_code == 302
    assert re.fullmatch("/({})/".format("|".join(CODES)), response.headers["Location"])


TRUSTED = ("guide.example", "localhost", "127.0.0.1")  # PUBLIC_URL's host, and loopback


@pytest.fixture(scope="module")
def host_clients():
    """Clients of an app without PUBLIC_URL (development: every host answered) and of one
    with it (only its own host and loopback); made once, for every generated Host."""
    open_app = create_app({"TESTING": True})
    guarded = create_app({"TESTING": True, "PUBLIC_URL": "https://guide.example"})
    return open_app.test_client(), guarded.test_client()


@FUZZ
@given(host=st.text(max_size=80))
@example(host="evil.example")
@example(host="guide.example.evil.example:443")
@example(host="GUIDE.example:8443")
def test_odd_host_headers(host_clients, host):
    open_app, guarded = host_clients
    try:
        assert_handled(open_app.get("/en/", headers={"Host": host}))
        response = guarded.get("/en/", headers={"Host": host})
    except ValueError:  # the test client refuses some values (newlines) itself
        return
    assert_handled(response)
    # With PUBLIC_URL set, a host that is not its own (or loopback) is refused with the
    # error page, and never echoed into it.
    if host.lower().partition(":")[0] not in TRUSTED:
        assert response.status_code == 400, host
        assert "Something in that request was not right" in response.get_data(as_text=True)
        assert f"//{host}/" not in response.get_data(as_text=True)
    elif re.fullmatch(r"[^:]+(:\d{1,5})?", host):  # its own name, any case, any port
        assert response.status_code == 200, host


def test_oversized_bodies_are_a_413_page(client):
    for size in (16 * 1024 + 1, 1_000_000):
        response = client.post("/en/check", data={"step": "0", "pee-start": "x" * size})
        assert response.status_code == 413
        assert "That was too much to send" in response.get_data(as_text=True)
    raw = client.post("/en/check", data=b"a" * 100_000, content_type="application/octet-stream")
    assert raw.status_code in (400, 413)


def test_error_pages_are_translated_for_every_status(client):
    for lang in LANGUAGES:
        if lang.code == "en":
            continue
        for response in (
            client.get(f"/{lang.code}/missing"),
            client.post(f"/{lang.code}/"),
            client.post(f"/{lang.code}/check", data={"step": "7"}),
            client.post(f"/{lang.code}/check", data={"step": "0", "x": "y" * 20_000}),
        ):
            html = response.get_data(as_text=True)
            assert response.status_code in (400, 404, 405, 413)
            assert f'<html lang="{lang.html_lang}" dir="{lang.dir}"' in html
            for english in (
                "Page not found",
                "not allowed here",
                "was not right",
                "too much to send",
            ):
                assert english not in html


def test_an_answer_of_only_spaces_is_no_answer_never_a_500(client):
    """Found by the fuzz: WTForms' Optional() passed " " through to the rules (a 500)."""
    for value in (" ", "\t", "\u00a0"):
        response = client.post("/en/check", data={"step": "0", "chest-pain": value})
        assert response.status_code in (303, 400), (value, response.status_code)
