"""Security headers on every kind of response: pages, static files, redirects, errors."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from webapp.security import CSP

from .support.check_form import Patient
from .support.pages import MISSING, PAGES

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


class InlineCode(HTMLParser):
    """Everything in a page the CSP would block (script-src and style-src 'self'): a script
    element with code in it, whatever its attributes (type=module too), a style element, a
    style attribute, an event-handler attribute, a javascript: address."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []
        self._script: str | None = None

    def handle_starttag(self, tag, attrs):
        names = dict(attrs)
        if tag == "style":
            self.found.append("<style>")
        if tag == "script":
            # A data block (type=application/json) is not run, so the CSP lets it be.
            data = names.get("type") == "application/json"
            self._script = "" if "src" not in names and not data else None
        for name, value in attrs:
            if name == "style" or name.startswith("on"):
                self.found.append(f"<{tag} {name}=>")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.found.append(f"<{tag} {name}=javascript:>")

    def handle_data(self, data):
        if self._script is not None:
            self._script += data

    def handle_endtag(self, tag):
        if tag == "script":
            if self._script is not None and self._script.strip():
                self.found.append(f"<script>{self._script.strip()[:40]}</script>")
            self._script = None


def inline_code(html: str) -> list[str]:
    parser = InlineCode()
    parser.feed(html)
    parser.close()
    return parser.found


def test_the_inline_code_finder_finds_what_the_csp_blocks():
    for html in (
        "<script>x()</script>",
        '<script type="module">import "./a.js";</script>',
        '<script nonce="n" defer>\nx()\n</script>',
        "<style>p{}</style>",
        '<p style="color:red">',
        "<button onclick=x()>",
        '<a href="javascript:x()">',
    ):
        assert inline_code(html), html
    assert inline_code('<script type="module" src="/static/js/a.js"></script>') == []
    assert inline_code('<script type="application/json">{"a": 1}</script>') == []


@pytest.mark.parametrize("code", ["en", "ar"])
def test_no_inline_script_or_style_on_any_page(staff_client, code):
    client = staff_client
    paths = [*PAGES, MISSING, "/{code}/plan/new", "/staff/sign-in"]
    for path in paths:
        response = client.get(path.format(code=code))
        assert inline_code(response.get_data(as_text=True)) == [], path


def test_no_inline_script_or_style_on_any_step_of_the_check(client):
    patient = Patient(client)
    pages = [patient.submit()]  # the error screen
    for answer in ("no", "no", "no", "no", "no"):
        pages.append(patient.submit(answer))
    for answers in (["yes"], ["no", "no", "yes"], ["no", "no", "no", "no", "yes"]):
        patient = Patient(client)
        pages.extend(patient.submit(answer) for answer in answers)
    for response in pages:
        assert inline_code(response.get_data(as_text=True)) == []
