"""Security headers on every kind of response: pages, static files, redirects, errors."""

from __future__ import annotations

import pytest

from webapp.security import CSP

ROUTES = [
    ("/en/", 200),
    ("/", 302),
    ("/healthz", 200),
    ("/static/css/site.css", 200),
    ("/static/icons/icon.svg", 200),
    ("/nope", 404),
    ("/xx/", 404),
]


@pytest.mark.parametrize(("path", "status"), ROUTES)
def test_security_headers_on_every_response(client, path, status):
    response = client.get(path)
    assert response.status_code == status
    headers = response.headers
    assert headers["Content-Security-Policy"] == CSP
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in headers["Permissions-Policy"]
    assert "Strict-Transport-Security" not in headers  # plain http: no HSTS


def test_csp_is_strict():
    directives = dict(part.split(" ", 1) for part in CSP.split("; "))
    assert directives["default-src"] == "'none'"
    assert directives["base-uri"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["form-action"] == "'self'"
    assert "unsafe" not in CSP and "data:" not in CSP and "*" not in CSP


def test_headers_on_method_not_allowed_and_server_error(make_app):
    app = make_app(SECRET_KEY="x" * 32)
    app.testing = False

    @app.get("/boom")
    def boom():
        raise RuntimeError("kaput")

    client = app.test_client()
    for response in (client.post("/en/"), client.get("/boom")):
        assert response.headers["Content-Security-Policy"] == CSP


def test_hsts_when_public_url_is_https(make_app):
    client = make_app(PUBLIC_URL="https://guide.example").test_client()
    response = client.get("/en/", base_url="https://guide.example")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=63072000")


def test_no_inline_script_or_style_in_the_guide(client):
    html = client.get("/en/").get_data(as_text=True)
    assert "<style" not in html and " style=" not in html
    assert "<script>" not in html and " on" + "click=" not in html
