"""gunicorn's own answers to a malformed request, with the app's security headers.

A request line or headers too long (414, 431), or no valid HTTP at all (400), is refused by
gunicorn before the app sees it, with a page of its own that carried none of our headers
and echoed the bad request back. `install()` (called by gunicorn.conf.py) makes that page
carry the same headers as every other answer, echo nothing, and never be stored. nginx's
own error pages get them from `headers.conf` (deploy/nginx.conf).
"""

from __future__ import annotations

import html
import os

from gunicorn import util

from .security import HEADERS, HSTS


def write_error(sock, status_int: int, reason: str, mesg: str) -> None:
    """Replaces `gunicorn.util.write_error` (same arguments; `mesg` is not echoed)."""
    body = (
        f'<!doctype html><html lang="en"><meta charset="utf-8"><title>{status_int}</title>'
        f"<p>{html.escape(reason)}</p></html>"
    )
    headers = {
        "Connection": "close",
        "Content-Type": "text/html; charset=utf-8",
        "Content-Length": str(len(body)),
        "Cache-Control": "no-store",
        **HEADERS,
    }
    if os.environ.get("PUBLIC_URL", "").startswith("https://"):
        headers["Strict-Transport-Security"] = HSTS
    head = "".join(f"{name}: {value}\r\n" for name, value in headers.items())
    answer = f"HTTP/1.1 {status_int} {reason}\r\n{head}\r\n{body}"
    util.write_nonblock(sock, answer.encode("latin-1"))


def install() -> None:
    util.write_error = write_error
