"""Security headers on every route, scored as the Mozilla HTTP Observatory scores them."""

from __future__ import annotations

import re

import pytest

from .conftest import CLINIC
from .observatory import score

PUBLIC = "https://guide.example.org"

GETS = [
    "/",
    "/en/",
    "/ar/check",
    "/en/handout",
    "/en/offline",
    "/en/poster",
    "/poster",
    "/en/manifest.webmanifest",
    "/sw.js",
    "/qr/en.svg",
    "/qr/en.png",
    "/static/css/site.css",
    "/static/js/app.js",
    "/static/icons/icon-192.png",
    "/healthz",
    "/robots.txt",
    "/en/missing",
    "/xx/",
]


@pytest.fixture
def https_client(make_app):
    return make_app(PUBLIC_URL=PUBLIC, **CLINIC).test_client()


def assert_a_plus(response, https=True):
    total, grade, results = score(response.headers, response.headers.getlist("Set-Cookie"), https)
    assert grade == "A+", (total, results)
    assert total >= 125, results  # every bonus: CSP none, referrer, framing via CSP, HSTS preload
    return results


@pytest.mark.parametrize("path", GETS)
def test_every_get_route_scores_a_plus(https_client, path):
    response = https_client.get(path, base_url=PUBLIC)
    assert response.status_code < 500
    results = assert_a_plus(response)
    assert (
        results["content-security-policy"][0] == "csp-implemented-with-no-unsafe-default-src-none"
    )
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Resource-Policy"] == "same-origin"


def test_error_responses_score_a_plus(https_client):
    for response in (
        https_client.post("/en/", base_url=PUBLIC),  # 405
        https_client.post("/en/check", data={"step": "9"}, base_url=PUBLIC),  # 400
        https_client.post("/en/check", data={"x": "y" * 40_000}, base_url=PUBLIC),  # 413
    ):
        assert response.status_code in (400, 405, 413)
        assert_a_plus(response)


def test_the_form_cookie_earns_the_cookie_bonus(https_client):
    response = https_client.post(
        "/en/check", data={"step": "0", "bladder-bowel": "no"}, base_url=PUBLIC
    )
    cookie = response.headers["Set-Cookie"]
    assert re.match(r"__Host-session=", cookie)
    results = assert_a_plus(response)
    assert results["cookies"] == ("cookies-secure-with-httponly-sessions-and-samesite", 5)


def test_the_scorer_can_fail():
    """A scorer that never fails proves nothing: a bare response scores F-ish."""
    total, grade, _ = score({}, ["session=abc"], https=True)
    assert grade != "A+" and total < 50
