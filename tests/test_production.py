"""The production server as run (gunicorn with gunicorn.conf.py, on loopback): the attack
reproductions of issue 18 fail against it. In-process tests: test_build.py."""

from __future__ import annotations

import http.client
import os
import re
import runpy
import time
from urllib.parse import urlsplit

import pytest

from .support.remote import SCREEN_WALKS, RemotePatient, get, raw, worker_rss_kib, workers
from .support.servers import ROOT, production_server

pytestmark = pytest.mark.deploy


def test_gunicorn_listens_on_loopback_trusts_no_prefix_and_logs_no_size(monkeypatch):
    for name in ("BIND", "FORWARDED_ALLOW_IPS", "ACCESS_LOG"):
        monkeypatch.delenv(name, raising=False)
    conf = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert conf["bind"] == "127.0.0.1:8000"
    assert conf["forwarder_headers"] == ""
    assert conf["forwarded_allow_ips"] == "127.0.0.1"
    # Size (%(B)s %(b)s) and timing (%(D)s %(M)s %(T)s %(L)s) would give answers away.
    assert not re.search(r"%\((B|b|D|M|T|L)\)s", conf["access_log_format"])


def distinct_spellings(n: int) -> list[str]:
    forms = [
        "/static/x{i}/../screenshots/vi-wide.png",
        "/static/./screenshots/{i}/../vi-wide.png",
        "/static/%2e%2e/static/screenshots/vi-wide.png?{i}",
        "/static//screenshots/vi-wide.png?{i}",
        "/static/screenshots/./vi-wide.png?v={i}",
    ]
    return [forms[i % len(forms)].format(i=i) for i in range(n)]


def test_5000_spellings_of_static_paths_leave_worker_memory_flat(tmp_path):
    with production_server() as base:
        master = production_server.last_pid
        parts = urlsplit(base)
        while len(workers(master)) < 2:  # both workers up (the first answers alone)
            time.sleep(0.05)
        for n in range(200):  # warm both workers up: the file, and the 404 page
            assert get(base, "/static/screenshots/vi-wide.png")[0] == 200
            assert get(base, f"/static/w{n}/../screenshots/vi-wide.png")[0] == 404
        before = worker_rss_kib(master)
        statuses = set()
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        for n, path in enumerate(distinct_spellings(5000)):
            connection.request("GET", path, headers={"Host": f"127.0.0.1:{n % 60000 + 1}"})
            response = connection.getresponse()
            response.read()
            statuses.add(response.status)
            if response.getheader("Connection") == "close":
                connection.close()
                connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        connection.close()
        after = worker_rss_kib(master)
    print(f"worker RSS {before} KiB before, {after} KiB after 5,000 spellings")
    assert statuses <= {200, 404}, statuses
    assert after - before < 5 * 1024, (before, after)


def test_a_proxy_cannot_set_script_name(tmp_path):
    with production_server() as base:
        for path in ("/de/", "/de/check", "/sw.js", "/nope"):
            plain = get(base, path)
            prefixed = get(base, path, {"SCRIPT_NAME": "/evil", "X-Forwarded-Prefix": "/evil"})
            assert prefixed[0] == plain[0], path
            assert prefixed[2] == plain[2], path
            assert b"/evil" not in prefixed[2]


def test_the_check_leaves_no_log_line(tmp_path):
    """However many screens a patient answered, the log looks the same: it has no line for
    a POST or an answer screen (their number would tell which level stopped the check)."""
    log = tmp_path / "access.log"
    with production_server(ACCESS_LOG=str(log)) as base:
        statuses = []
        for answers in SCREEN_WALKS:
            patient = RemotePatient(base)
            statuses += patient.walk(answers)
            assert patient.status == 200 and "data-outcome=" in patient.html
        assert get(base, "/en/")[0] == 200
    assert set(statuses) == {200} and len(statuses) >= 15
    lines = [line for line in log.read_text().splitlines() if "/healthz" not in line]
    assert '127.0.0.1 "GET /en/" 200' in lines  # the log works
    assert not [line for line in lines if '"POST ' in line or "/check/answers" in line]
    assert set(lines) <= {'127.0.0.1 "GET /en/check" 200', '127.0.0.1 "GET /en/" 200'}


def test_control_characters_in_a_path_cannot_forge_a_log_line(tmp_path):
    log = tmp_path / "access.log"
    forged = '1.2.3.4 "GET /en/" 200'
    encoded = forged.replace(" ", "%20").replace('"', "%22")
    with production_server(ACCESS_LOG=str(log)) as base:
        host = urlsplit(base).netloc.encode()
        for path in (f"/en/%0d%0a{encoded}", f"/en/%0a{encoded}", f"/x%1b[2J%e2%80%a8{encoded}"):
            request = f"GET {path} HTTP/1.1\r\nHost: ".encode() + host
            assert raw(base, request + b"\r\nConnection: close\r\n\r\n")[0] == 404
    lines = [line for line in log.read_text().splitlines() if "/healthz" not in line]
    assert len(lines) == 3, lines
    assert not [line for line in lines if line.startswith("1.2.3.4")]
    assert all(line.startswith('127.0.0.1 "GET /') for line in lines), lines
    assert '127.0.0.1 "GET /en/\\x0d\\x0a1.2.3.4 \\x22GET /en/\\x22 200" 404' in lines, lines
    assert "\\x1b[2J\\u2028" in lines[2]


def test_chunked_and_oversized_check_bodies_are_refused_not_cut():
    body = b"step=0&pee-start=no&pad=" + b"x" * (20 * 1024)
    with production_server() as base:
        host = urlsplit(base).netloc.encode()
        head = (
            b"POST /en/check HTTP/1.1\r\nHost: " + host + b"\r\nConnection: close\r\n"
            b"Content-Type: application/x-www-form-urlencoded\r\nSec-Fetch-Site: same-origin\r\n"
        )
        chunked = head + b"Transfer-Encoding: chunked\r\n\r\n"
        chunked += f"{len(body):x}\r\n".encode() + body + b"\r\n0\r\n\r\n"
        status, answer = raw(base, chunked)
        assert status == 411 and b"<html" in answer
        small = b"step=0&pee-start=no"
        chunked_small = head + b"Transfer-Encoding: chunked\r\n\r\n"
        chunked_small += f"{len(small):x}\r\n".encode() + small + b"\r\n0\r\n\r\n"
        assert raw(base, chunked_small)[0] == 411  # never half-read: the length must be declared
        declared = head + f"Content-Length: {len(body)}\r\n\r\n".encode() + body
        status, answer = raw(base, declared)
        assert status == 413 and b"That was too much to send" in answer


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="needs /proc")
def test_sw_js_under_many_hosts_is_fast_and_the_same(tmp_path):
    with production_server() as base:
        first = get(base, "/sw.js")
        assert first[0] == 200
        for n in range(200):
            answer = get(base, "/sw.js", {"Host": f"127.0.0.1:{n + 1}"})
            assert answer[0] == 200 and answer[2] == first[2]


def test_gunicorns_own_protocol_errors_carry_the_security_headers_and_echo_nothing():
    with production_server() as base:
        host = urlsplit(base).netloc.encode()
        end = b"\r\nConnection: close\r\n\r\n"
        for request, status in (
            (b"GET /" + b"<b>" * 2000 + b" HTTP/1.1\r\nHost: " + host + end, 414),
            (b"GET /en/ HTTP/1.1\r\nHost: " + host + b"\r\nX: " + b"<b>" * 3000 + end, 431),
            (b"GET /<b> HTTP/9.9\r\nHost: " + host + end, 400),
        ):
            got, answer = raw(base, request)
            head, body = answer.decode("latin-1").split("\r\n\r\n", 1)
            assert got == status, head
            assert "\r\nContent-Security-Policy: " in head
            assert "\r\nX-Frame-Options: DENY" in head and "\r\nCache-Control: no-store" in head
            assert "<b>" not in body
