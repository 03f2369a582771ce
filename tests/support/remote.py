"""Talking to a real server over HTTP: a patient running the no-JavaScript check (with its
cookie), raw requests for what urllib will not send, and worker memory."""

from __future__ import annotations

import http.client
import socket
import urllib.error
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from .check_form import hidden_fields, screen_fields

#: The no-JavaScript check, screen after screen: every screen, Back, every outcome. Each
#: step answers a screen: one answer for every row, or a dict of the rows that differ
#: from No (see check_form.screen_fields).
SCREEN_WALKS = [
    ["no", "no", "no"],  # three screens, then self-care
    ["no", "no", "yes"],  # evaluate
    ["yes"],  # emergency from the first screen
    [{"saddle-numbness": "not-sure"}],  # emergency, not sure
    ["no", {"night-pain": "yes"}],  # urgent
    ["no", {"cancer": "yes", "one-leg-weaker": "yes"}],  # emergency by a combination
    ["no", "no", "back", "no", "no"],  # back, then on to the end
]


class RemotePatient:
    """Fills in the no-JavaScript form like a browser without JavaScript, cookies kept."""

    def __init__(self, base: str, lang: str = "en"):
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
        self.url = f"{base}/{lang}/check"
        self.status, self.html, self.headers = self._open(urllib.request.Request(self.url))

    def _open(self, request):
        try:
            with self.opener.open(request, timeout=10) as response:
                return response.status, response.read().decode(), response.headers
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(), error.headers

    def submit(self, answer=None, action: str = "continue") -> int:
        data = [*hidden_fields(self.html), ("action", action)]
        if action == "continue":
            data += screen_fields(self.html, answer)
        request = urllib.request.Request(
            self.url,
            data=urlencode(data).encode(),
            headers={"Sec-Fetch-Site": "same-origin"},
        )
        self.status, self.html, self.headers = self._open(request)
        return self.status

    def walk(self, answers: list) -> list[int]:
        statuses = []
        for answer in answers:
            if answer == "back":
                statuses.append(self.submit(action="back"))
            else:
                statuses.append(self.submit(answer))
        return statuses


def raw(base: str, request: bytes, timeout: float = 10) -> tuple[int, bytes]:
    """Send bytes as they are; return the status and the whole answer."""
    parts = urlsplit(base)
    with socket.create_connection((parts.hostname, parts.port), timeout=timeout) as sock:
        sock.sendall(request)
        data = b""
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
    return int(data.split(b" ", 2)[1]), data


def get(base: str, path: str, headers: dict | None = None, method: str = "GET"):
    """One request with http.client (no redirects followed, path sent as written)."""
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        connection.request(method, path, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def workers(master_pid: int) -> list[str]:
    return Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()


def worker_rss_kib(master_pid: int) -> int:
    total = 0
    for pid in workers(master_pid):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total
