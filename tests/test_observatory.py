"""Every route scanned by the real MDN HTTP Observatory, against the production server.

The scanner is the npm package `@mdn/mdn-http-observatory` (version pinned in
scripts/lib.sh, installed by scripts/test into `.tools/observatory` with `--ignore-scripts`).
It scans the production server (gunicorn with gunicorn.conf.py) over https with a
certificate made for this run by openssl; Node trusts it through NODE_EXTRA_CA_CERTS, so
the scanner sees a valid chain, as it would on the clinic's real address. All traffic stays
on loopback.

How the scanner takes an address (src/scan.js, src/retriever/url.js): only a "hostname",
from which it builds `https://<hostname>` and `http://<hostname>`; its `scan()` passes no
port or path options on. So we give it `localhost:<port>/<path>`, which makes exactly
the URL of the route. Its plain-http request to our https port finds no http site
("redirection-not-needed-no-http", no penalty; in production the front server redirects).

Scores: HTML pages 135, the most the scanner gives without cookies (GET sets none):
100 + CSP default-src 'none' (10) + CORP same-origin (10) + Referrer-Policy (5) +
frame-ancestors (5) + Subresource Integrity on every script (5). Other responses (CSS, JS,
images, manifest, the worker, /healthz) get no SRI bonus by the scanner's rules ("response
not HTML", 0), so their ceiling is 130; each must reach it with every test passed. The
HSTS preload bonus needs the real domain on Chromium's preload list, which no loopback
host is. The scanner refuses 4xx pages and does not POST, so error responses are checked
to carry the same headers below.
"""

from __future__ import annotations

import json
import os
import shutil
import ssl
import subprocess
import threading
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from webapp import create_app

from .support import routes
from .support.clinic import CLINIC
from .support.servers import ROOT, production_server

pytestmark = pytest.mark.deploy

SCANNER = ROOT / ".tools/observatory/node_modules/@mdn/mdn-http-observatory/src/scan.js"
HTML_SCORE = 135
OTHER_SCORE = 130

needs_scanner = pytest.mark.skipif(
    not SCANNER.exists() or shutil.which("node") is None or shutil.which("openssl") is None,
    reason="the Observatory scanner, Node.js and openssl are installed by scripts/test",
)


ROUTES = routes.urls(create_app({"TESTING": True}))


def make_certificate(folder: Path) -> tuple[Path, Path]:
    """A throwaway self-signed certificate for `localhost`, valid for a day."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"),
            *("-nodes", "-days", "1", "-subj", "/CN=localhost"),
            *("-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"),
            *("-keyout", str(key), "-out", str(cert)),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


def scan(address: str, certificate: Path) -> dict:
    """Run the scanner on `host:port/path`, trusting our certificate; its JSON result."""
    env = {
        "PATH": os.environ["PATH"],
        "NODE_EXTRA_CA_CERTS": str(certificate),
        # localhost may resolve to ::1 first; the servers listen on 127.0.0.1.
        "NODE_OPTIONS": "--dns-result-order=ipv4first",
    }
    result = subprocess.run(
        ["node", str(SCANNER), address],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    return make_certificate(tmp_path_factory.mktemp("tls"))


@pytest.fixture(scope="module")
def scans(certificate):
    """Every route scanned once, four at a time, against one production server."""
    with production_server(tls=certificate, **CLINIC) as base:
        host = base.removeprefix("https://")
        with ThreadPoolExecutor(4) as pool:
            results = pool.map(lambda path: scan(host + path, certificate[0]), ROUTES)
            return dict(zip(ROUTES, results, strict=True))


@needs_scanner
@pytest.mark.parametrize("path", ROUTES)
def test_every_get_route_scores_the_most_the_observatory_gives(scans, path):
    result = scans[path]
    assert "error" not in result, result
    summary, tests = result["scan"], result["tests"]
    failed = {name: test["result"] for name, test in tests.items() if not test["pass"]}
    assert failed == {}
    assert tests["content-security-policy"]["result"] == (
        "csp-implemented-with-no-unsafe-default-src-none"
    )
    # A valid chain, as on the clinic's real address: HSTS is scored, not "invalid cert".
    assert tests["strict-transport-security"]["result"] == (
        "hsts-implemented-max-age-at-least-six-months"
    )
    html = summary["responseHeaders"]["content-type"].startswith("text/html")
    if html:
        assert tests["subresource-integrity"]["result"] == (
            "sri-implemented-and-all-scripts-loaded-securely"
        )
    # The plan builder is the one GET that sets a (staff) cookie: Secure, HttpOnly, SameSite
    # and __Host- earn the scanner's cookie bonus on top.
    cookie_bonus = 5 if tests["cookies"]["scoreModifier"] > 0 else 0
    assert (summary["score"], summary["grade"]) == (
        (HTML_SCORE if html else OTHER_SCORE) + cookie_bonus,
        "A+",
    ), {name: (test["result"], test["scoreModifier"]) for name, test in tests.items()}


def test_every_page_type_is_scanned():
    """The route list comes from the app itself, so a new page is scanned without asking."""
    for path in ("/", "/en/", "/ar/check", "/en/handout", "/static/js/site.js", "/sw.js"):
        assert path in ROUTES


class BareHandler(BaseHTTPRequestHandler):
    """A page with none of our headers, to show the scanner really marks one down."""

    def do_GET(self):
        body = b"<!doctype html><title>bare</title><script src='/x.js'></script>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_OPTIONS = do_GET

    def log_message(self, *args):
        pass


@needs_scanner
def test_the_scanner_marks_a_bare_site_down(certificate):
    server = ThreadingHTTPServer(("127.0.0.1", 0), BareHandler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*map(str, certificate))
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        result = scan(f"localhost:{server.server_port}/", certificate[0])
    finally:
        server.shutdown()
        server.server_close()
    assert result["scan"]["grade"] != "A+" and result["scan"]["score"] < 50, result["scan"]
    assert result["tests"]["content-security-policy"]["result"] == "csp-not-implemented"


# The scanner refuses 4xx answers and does not POST: those responses must carry exactly the
# headers the scanner scored on the pages above.

PUBLIC = "https://guide.example.org"


@pytest.fixture
def https_client(make_app):
    return make_app(PUBLIC_URL=PUBLIC, **CLINIC).test_client()


SECURITY_HEADERS = (
    "Content-Security-Policy",
    "Strict-Transport-Security",
    "Referrer-Policy",
    "X-Content-Type-Options",
    "X-Frame-Options",
    "Cross-Origin-Resource-Policy",
    "Cross-Origin-Opener-Policy",
    "Permissions-Policy",
)


def security_headers(response) -> dict:
    return {name: response.headers.get(name) for name in SECURITY_HEADERS}


def test_error_responses_carry_the_scanned_headers(https_client):
    scanned = security_headers(https_client.get("/en/", base_url=PUBLIC))
    assert all(scanned.values()), scanned
    for response in (
        https_client.get("/en/missing", base_url=PUBLIC),  # 404
        https_client.get("/xx/", base_url=PUBLIC),  # 404, unknown language
        https_client.post("/en/", base_url=PUBLIC),  # 405
        https_client.post("/en/check", data={"step": "9"}, base_url=PUBLIC),  # 400
        https_client.post("/en/check", data={"x": "y" * 40_000}, base_url=PUBLIC),  # 413
    ):
        assert response.status_code in (400, 404, 405, 413)
        assert security_headers(response) == scanned, response.status


def test_the_form_cookie_has_every_flag_the_observatory_rewards(https_client):
    response = https_client.post(
        "/en/check", data={"step": "0", "pee-start": "no"}, base_url=PUBLIC
    )
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("__Host-session=")
    flags = {part.strip().lower() for part in cookie.split(";")[1:]}
    assert {"secure", "httponly", "samesite=lax", "path=/"} <= flags
    assert not any(flag.startswith("domain=") for flag in flags)
