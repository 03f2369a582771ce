"""What the access logs may hold: one rule for gunicorn's log and the development server's.

A patient's answers must not be readable from a log, even indirectly: the no-JavaScript
check stops at the first screen with a Yes, so the number of its POSTs (or of its answer
screens fetched) in a log would tell which level stopped it. Its requests, every POST and
every GET of an answer screen, therefore leave no line at all. deploy/nginx.conf applies the
same rule in its `$bsg_log` map (tests/test_front_server.py holds the two together).

Whatever is logged has its control characters escaped: a percent-encoded CR/LF in a path
is decoded by the server before it is logged, and would otherwise write a forged line.
"""

from __future__ import annotations

import logging
import re

from gunicorn.glogging import Logger

#: Requests that leave no log line: every POST, and each sealed answer screen of the check.
_QUIET_GET = re.compile(r"/[a-z]{2,3}(?:-[a-z]+)?/check/answers")

#: C0 and C1 controls, DEL, the Unicode line and paragraph separators, and the characters
#: that delimit the line's own fields (quote and backslash).
_UNSAFE = re.compile(r'[\x00-\x1f\x7f-\x9f\u2028\u2029"\\]')


def is_quiet(method: str, path: str) -> bool:
    """True for a request of the check's that must leave no line in any access log."""
    return method.upper() == "POST" or bool(_QUIET_GET.fullmatch(path))


def escape(value: str) -> str:
    """`value` with each unsafe character written as \\xNN (or \\uNNNN): one line, always."""

    def one(match: re.Match) -> str:
        code = ord(match.group())
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return _UNSAFE.sub(one, value)


class AccessLogger(Logger):
    """gunicorn's logger (`logger_class` in gunicorn.conf.py): quiet for the check's requests,
    every logged value escaped."""

    def access(self, resp, req, environ, request_time):
        if is_quiet(environ.get("REQUEST_METHOD", ""), environ.get("PATH_INFO", "")):
            return
        super().access(resp, req, environ, request_time)

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        atoms["U"] = _as_text(atoms.get("U") or "")
        return {key: escape(v) if isinstance(v, str) else v for key, v in atoms.items()}


def _as_text(path: str) -> str:
    """WSGI's PATH_INFO holds the path's bytes as latin-1: read them as the UTF-8 they are."""
    try:
        return path.encode("latin-1").decode("utf-8")
    except UnicodeError:
        return path


class QuietCheck(logging.Filter):
    """The same rules for the development server (`flask run`, tests), which logs the request
    line through the `werkzeug` logger: quiet for the check, and the query string left out,
    as gunicorn's line leaves it out (`%(U)s`): the plan builder's page carries the plan's
    code there."""

    _LINE = re.compile(r'"(?:\x1b\[[\d;]*m)?([A-Z]+) ([^ ?"]*)')  # werkzeug may colour it
    _QUERY = re.compile(r'(?<=")((?:\x1b\[[\d;]*m)?[A-Z]+ [^ ?"]*)\?[^ "]*')

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        found = self._LINE.search(message)
        if found and is_quiet(found.group(1), found.group(2)):
            return False
        if "?" in message:
            record.msg, record.args = self._QUERY.sub(r"\1", message), ()
        return True


def init_app() -> None:
    """Install the filter once on the development server's logger."""
    logger = logging.getLogger("werkzeug")
    if not any(isinstance(f, QuietCheck) for f in logger.filters):
        logger.addFilter(QuietCheck())
