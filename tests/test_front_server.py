"""The production recipe as shipped: Debian's nginx with deploy/nginx.conf in front of
gunicorn with gunicorn.conf.py, on free loopback ports (without TLS, the only lines left
out). Every route answers through nginx as the app alone does; the no-JavaScript check
works with its cookie; half-open clients stall nothing; POSTs are logged without size."""

from __future__ import annotations

import http.client
import re
import shutil
import socket
import subprocess
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from .support.remote import SCREEN_WALKS, RemotePatient, get, raw
from .support.servers import NGINX, nginx_front

pytestmark = [
    pytest.mark.deploy,
    pytest.mark.skipif(
        shutil.which("nginx") is None and not Path(NGINX).exists(),
        reason="nginx is installed by scripts/test (Debian's nginx)",
    ),
]

#: Headers that are the server's own business, not the app's.
SERVER_OWN = {
    "date",
    "server",
    "connection",
    "keep-alive",
    "etag",
    "last-modified",
    "accept-ranges",
}


@pytest.fixture(scope="module")
def front():
    with nginx_front() as servers:
        yield servers


def routes(app: str) -> list[tuple[str, str, dict]]:
    """Every kind of address: built files (bare and versioned), dynamic, redirects, errors."""
    html = get(app, "/en/")[2].decode()
    css = re.search(r'href="(/static/css/site\.css\?v=\w+)"', html).group(1)
    handout = get(app, "/en/handout")[2].decode()
    qr = re.search(r'src="(/qr/en\.svg\?v=\w+)"', handout).group(1)
    paths = [
        "/en/",
        "/ar/",
        "/zh/handout",
        "/de/offline",
        "/vi/poster",
        "/es/manifest.webmanifest",
        "/sw.js",
        "/robots.txt",
        "/qr/fr.png",
        qr,
        "/qr/en.svg",
        css,
        "/static/css/site.css",
        "/static/css/site.css?v=stale",
        css.replace("?v=", "?V="),
        css + "&v=stale",
        css.replace("?v=", "?v=stale&v="),
        css + "&x=1",
        qr + "&v=1",
        "/EN/",  # nginx's map keys ignore case; the app's paths do not
        "/STATIC/css/site.css",
        css.upper(),
        "/Sw.js",
        "/static/icons/icon-192.png",
        "/static/js/site.js",
        "/en/check",
        "/",
        "/poster",
        "/healthz",
        "/nope",
        "/xx/",
        "/en/missing",
    ]
    cases = []
    for path in paths:
        for encoding in ("gzip, deflate, br", "gzip", "identity"):
            cases.append(("GET", path, {"Accept-Encoding": encoding, "Accept-Language": "fr"}))
        cases.append(("HEAD", path, {"Accept-Encoding": "gzip, br"}))
    cases += [("POST", "/en/", {}), ("DELETE", "/sw.js", {}), ("POST", "/static/js/site.js", {})]
    return cases


def comparable(headers: dict) -> dict:
    return {k.lower(): v for k, v in headers.items() if k.lower() not in SERVER_OWN}


def test_every_route_answers_through_nginx_as_from_the_app_alone(front):
    nginx, app, _ = front
    for method, path, headers in routes(app):
        direct = get(app, path, {**headers, "Host": urlsplit(nginx).netloc}, method)
        proxied = get(nginx, path, headers, method)
        where = f"{method} {path} {headers}"
        assert proxied[0] == direct[0], where
        assert comparable(proxied[1]) == comparable(direct[1]), where
        assert proxied[2] == direct[2], where
        if proxied[0] == 200 and method == "GET" and "ETag" in direct[1]:
            # Each revalidates with its own strong ETag.
            assert get(nginx, path, {**headers, "If-None-Match": proxied[1]["ETag"]})[0] == 304
            assert "ETag" in proxied[1]


def test_the_no_javascript_check_works_through_nginx_with_its_cookie(front):
    nginx, _, _ = front
    patient = RemotePatient(nginx)
    assert patient.status == 200
    assert patient.submit("no") == 200  # the first step (303, then its screen): the session
    jar = next(h.cookiejar for h in patient.opener.handlers if hasattr(h, "cookiejar"))
    assert [c.name for c in jar] == ["session"]
    assert all(c.has_nonstandard_attr("HttpOnly") for c in jar)
    assert patient.walk(["no", {"keeps-coming-back": "yes"}]) == [200] * 2
    assert re.search(r'data-outcome="evaluate"', patient.html)
    stranger = RemotePatient(nginx)  # no cookie: a later step's token is refused kindly
    stranger.submit("no")
    stranger.opener = RemotePatient(nginx).opener
    assert stranger.submit("no") == 400


def half_open(nginx: str, n: int) -> list[socket.socket]:
    parts = urlsplit(nginx)
    sockets = []
    for i in range(n):
        sock = socket.create_connection((parts.hostname, parts.port), timeout=5)
        if i % 2:  # headers never finished
            sock.sendall(b"GET /en/ HTTP/1.1\r\nHost: " + parts.netloc.encode() + b"\r\nX-A: ")
        else:  # a body announced and never sent
            sock.sendall(
                b"POST /en/check HTTP/1.1\r\nHost: " + parts.netloc.encode() + b"\r\n"
                b"Content-Type: application/x-www-form-urlencoded\r\n"
                b"Content-Length: 4000\r\n\r\nstep=0&"
            )
        sockets.append(sock)
    return sockets


def test_sixteen_half_open_connections_do_not_stop_healthz(front):
    nginx, _, _ = front
    sockets = half_open(nginx, 16)
    try:
        started = time.monotonic()
        for path in ("/healthz", "/en/check", "/en/"):
            assert get(nginx, path)[0] == 200
        assert time.monotonic() - started < 1.0
    finally:
        for sock in sockets:
            sock.close()


def test_the_check_leaves_no_line_in_nginx_log_and_no_line_can_be_forged(front):
    nginx, _, workdir = front
    log = workdir / "access.log"
    before = len(log.read_text().splitlines())
    walked = []
    for answers in SCREEN_WALKS[:4]:
        walked += RemotePatient(nginx).walk(answers)
    assert len(walked) >= 8
    get(nginx, "/en/")
    get(nginx, "/zh-hant/check/answers?s=x", method="POST")
    host = urlsplit(nginx).netloc.encode()
    forged = b"/en/%0d%0a1.2.3.4%20%22GET%20/en/%22%20200"
    raw(nginx, b"GET " + forged + b" HTTP/1.1\r\nHost: " + host + b"\r\nConnection: close\r\n\r\n")
    lines = log.read_text().splitlines()[before:]
    # Neither a POST nor an answer screen: their count would tell where the check stopped.
    assert not [line for line in lines if '"POST ' in line or "/check/answers" in line], lines
    gets = [line for line in lines if '"GET /en/" 200' in line]
    assert gets and re.fullmatch(r'127\.0\.0\.1 "GET /en/" 200 \d+ \d+\.\d+', gets[-1])
    # A path is logged as it was sent: its encoded CR/LF stays encoded, on one line.
    assert [line for line in lines if "1.2.3.4" in line] == [
        f'127.0.0.1 "GET {forged.decode()}" 404 ' + lines[-1].split(" 404 ")[1]
    ]
    assert not [line for line in lines if line.startswith("1.2.3.4")]


def test_protocol_errors_from_nginx_and_gunicorn_carry_the_security_headers(front):
    nginx, _, _ = front
    host = urlsplit(nginx).netloc.encode()
    end = b"\r\nConnection: close\r\n\r\n"
    requests = {
        "no Host": (b"GET /en/ HTTP/1.1" + end, 400),
        "not HTTP": (b"FOO\r\n\r\n", 400),
        "headers too long": (
            b"GET /en/ HTTP/1.1\r\nHost: " + host + b"\r\nX: " + b"a" * 9000 + end,
            400,
        ),
        "path too long for nginx": (
            b"GET /" + b"a" * 9000 + b" HTTP/1.1\r\nHost: " + host + end,
            414,
        ),
        # Accepted by nginx, refused by gunicorn (its request line stops at 4094 bytes).
        "path too long for gunicorn": (
            b"GET /" + b"a" * 5000 + b" HTTP/1.1\r\nHost: " + host + end,
            414,
        ),
        "body too long": (
            b"POST /en/check HTTP/1.1\r\nHost: " + host + b"\r\nContent-Length: 70000" + end,
            413,
        ),
    }
    for name, (request, status) in requests.items():
        got, answer = raw(nginx, request)
        head = answer.split(b"\r\n\r\n", 1)[0].decode("latin-1").lower()
        assert got == status, name
        for header in ("content-security-policy", "x-frame-options", "x-content-type-options"):
            assert f"\r\n{header}: " in head, (name, header)
        assert "aaaa" not in answer.decode("latin-1"), name  # nothing asked for is echoed


def test_forms_up_to_the_limit_are_never_buffered_to_disk(front):
    nginx, _, workdir = front
    body = b"step=0&pad=" + b"x" * (60 * 1024)
    host = urlsplit(nginx).netloc.encode()
    request = (
        b"POST /en/check HTTP/1.1\r\nHost: " + host + b"\r\nConnection: close\r\n"
        b"Content-Type: application/x-www-form-urlencoded\r\n"
        + f"Content-Length: {len(body)}\r\n\r\n".encode()
        + body
    )
    assert raw(nginx, request)[0] == 413  # the app's own (translated) answer
    time.sleep(0.2)
    assert "buffered to a temporary file" not in (workdir / "error.log").read_text()


def test_nginx_serves_the_build_the_app_wrote(front):
    nginx, _, workdir = front
    site = workdir / "build" / "site"
    assert (site / "en" / "index.html").is_file() and (site / "sw.js.br").is_file()
    assert (site / "en" / "check" / "index.html").is_file()  # the GET carries no token
    _, headers, body = get(nginx, "/en/", {"Accept-Encoding": "identity"})
    assert body == (site / "en" / "index.html").read_bytes()
    assert headers["Server"] == "nginx"


WRK_POST = """
wrk.method = "POST"
wrk.body = "step=0"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Sec-Fetch-Site"] = "same-origin"
"""


@pytest.mark.skipif(shutil.which("wrk") is None, reason="wrk is installed by scripts/test")
def test_the_check_post_holds_64_connections_with_no_error(front, tmp_path):
    """Bursts of check POSTs at 64 connections, with pauses as long as gunicorn's keep-alive
    (5 s) between them: a POST nginx sends on an upstream connection gunicorn is closing
    cannot be retried and would be a 502."""
    nginx, _, _ = front
    script = tmp_path / "post.lua"
    script.write_text(WRK_POST)
    for burst in range(3):
        out = subprocess.run(
            ["wrk", "-t2", "-c64", "-d2s", "-s", str(script), nginx + "/en/check"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert "Non-2xx" not in out and "Socket errors" not in out, out
        assert int(re.search(r"(\d+) requests in", out).group(1)) > 100, out
        if burst < 2:
            time.sleep(5)


def test_nginx_slows_down_guessing_at_the_staff_sign_in(front):
    """deploy/nginx.conf's limit_req for /staff/: a burst of 5 beyond the rate, then 429s,
    counted per address (this test's own, 127.0.0.2) and never for patients' pages."""
    nginx, _, _ = front
    port = urlsplit(nginx).port

    def status(path: str) -> int:
        connection = http.client.HTTPConnection(
            "127.0.0.1", port, timeout=10, source_address=("127.0.0.2", 0)
        )
        try:
            connection.request("GET", path)
            return connection.getresponse().status
        finally:
            connection.close()

    answers = [status("/staff/sign-in") for _ in range(12)]
    assert answers[:6] == [200] * 6 and answers.count(429) >= 5, answers
    assert status("/en/") == 200 and get(nginx, "/staff/sign-in")[0] == 200
