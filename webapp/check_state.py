"""Where the no-JavaScript check is between a POST and the page that answers it.

Each answer is posted, then the browser is sent (303) to a GET of the next screen, so the
phone's Back button walks back through the questions instead of showing "Confirm form
resubmission". The screen's address carries its state sealed: encrypted and authenticated
with a key derived from SECRET_KEY (Fernet: AES-128-CBC with HMAC-SHA256, a fresh IV each
time), so neither the address bar, the history, nor a log line shows an answer, and no
forged address can skip a question. It is bound to the browser's own form session and
expires, so an address copied out of the history shows nothing elsewhere or later.
Nothing is stored on the server.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import current_app, session
from flask_wtf.csrf import generate_csrf

#: How long a screen's address can be opened again (Back, reload) before "start again".
MAX_AGE_SECONDS = 2 * 60 * 60


class StaleState(Exception):
    """The address is forged, expired or from another browser's session."""


@dataclass(frozen=True)
class Screen:
    answers: dict[str, str]
    index: int  # the question shown, or len(answers) for the outcome
    outcome: bool = False
    error: bool = False


def _fernet() -> Fernet:
    return _fernet_for(current_app.config["SECRET_KEY"])


@lru_cache(maxsize=4)
def _fernet_for(secret: str) -> Fernet:
    """Derived once per key, not on every answer (an app has one key; tests a few)."""
    key = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"bsg check screen state"
    ).derive(secret.encode())
    return Fernet(base64.urlsafe_b64encode(key))


def _session_tag() -> str:
    """A digest of this browser's form-token secret (Flask-WTF keeps it in the session)."""
    secret = session.get("csrf_token", "")
    if not secret:
        raise StaleState
    return hashlib.sha256(f"bsg-check:{secret}".encode()).hexdigest()[:16]


def seal(screen: Screen) -> str:
    generate_csrf()  # the first answer starts the form session this address is bound to
    payload = {
        "a": screen.answers,
        "i": screen.index,
        "o": screen.outcome,
        "e": screen.error,
        "s": _session_tag(),
    }
    return _fernet().encrypt(json.dumps(payload, separators=(",", ":")).encode()).decode()


def unseal(token: str) -> Screen:
    try:
        raw = _fernet().decrypt(token.encode(), ttl=MAX_AGE_SECONDS)
        payload = json.loads(raw)
    except (InvalidToken, ValueError, UnicodeError):
        raise StaleState from None
    if payload.get("s") != _session_tag():
        raise StaleState
    return Screen(payload["a"], payload["i"], payload["o"], payload["e"])
