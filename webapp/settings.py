"""Clinic settings: read once at start-up from the environment or an instance file.

Every setting has a default that runs, so a clinic can try the app before configuring it.
The only setting that must be chosen before going live is `SECRET_KEY`, and the app
refuses to start in production without it rather than run with a key anyone can read here.
"""

from __future__ import annotations

import os
import secrets
from datetime import date
from urllib.parse import urlsplit

#: Used only in debug and tests. Fixed, so every worker process signs tokens alike.
DEV_SECRET_KEY = "dev-only-not-secret"  # noqa: S105 - refused outside debug and tests

#: Names a clinic may set in the environment (or in instance/config.py).
CLINIC_SETTINGS = (
    "CLINIC_NAME",
    "CLINIC_PHONE",
    "EMERGENCY_NUMBER",
    "CLINIC_LANGUAGE",
    "PUBLIC_URL",
    "CONTENT_REVIEWED",
    "SECRET_KEY",
    "TRUSTED_HOSTS",
    "SERVICE_WORKER_KILL_SWITCH",
)

DEFAULTS = {
    "CLINIC_NAME": None,
    "CLINIC_PHONE": None,
    "EMERGENCY_NUMBER": None,
    "CLINIC_LANGUAGE": "en",
    "PUBLIC_URL": None,
    "CONTENT_REVIEWED": None,
    "SECRET_KEY": None,
    "TRUSTED_HOSTS": None,
    # True: /sw.js serves a worker that deletes its caches and unregisters (see README).
    "SERVICE_WORKER_KILL_SWITCH": False,
    # Set by `python -m webapp.export`: pages are written for a static host, without a server.
    "STATIC_EXPORT": False,
    # The only body we accept is the small check form; anything bigger is a 413.
    "MAX_CONTENT_LENGTH": 16 * 1024,
    "MAX_FORM_MEMORY_SIZE": 16 * 1024,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
}


class ConfigurationError(RuntimeError):
    """Raised at start-up when the clinic settings cannot run safely."""


def from_environment(environ=os.environ) -> dict:
    """Clinic settings that are set (and not blank) in the environment."""
    found = {}
    for name in CLINIC_SETTINGS:
        value = environ.get(name, "").strip()
        if value:
            found[name] = value
    return found


def finalize(config) -> None:
    """Normalise settings and check they are safe; called once the config is loaded."""
    public_url = config.get("PUBLIC_URL")
    if public_url:
        parts = urlsplit(public_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ConfigurationError(
                f"PUBLIC_URL must be an absolute http(s) address, got {public_url!r}."
            )
        config["PUBLIC_URL"] = public_url.rstrip("/")

    hosts = config.get("TRUSTED_HOSTS")
    if isinstance(hosts, str):
        config["TRUSTED_HOSTS"] = [h.strip() for h in hosts.split(",") if h.strip()]
    elif hosts is None and public_url:
        config["TRUSTED_HOSTS"] = [urlsplit(public_url).hostname, "localhost", "127.0.0.1"]

    if config["CLINIC_LANGUAGE"] not in _language_codes():
        raise ConfigurationError(
            f"CLINIC_LANGUAGE must be one of {', '.join(_language_codes())}, "
            f"got {config['CLINIC_LANGUAGE']!r}."
        )

    kill = config.get("SERVICE_WORKER_KILL_SWITCH")
    if isinstance(kill, str):
        config["SERVICE_WORKER_KILL_SWITCH"] = kill.strip().lower() in ("1", "true", "yes", "on")

    reviewed = config.get("CONTENT_REVIEWED")
    if isinstance(reviewed, str):
        try:
            config["CONTENT_REVIEWED"] = date.fromisoformat(reviewed)
        except ValueError:
            raise ConfigurationError(
                f"CONTENT_REVIEWED must be a date like 2026-11-25, got {reviewed!r}."
            ) from None

    secure = bool(public_url) and public_url.startswith("https://")
    config["SESSION_COOKIE_SECURE"] = secure
    # Over https the form's session cookie is locked to this exact host.
    config["SESSION_COOKIE_NAME"] = "__Host-session" if secure else "session"

    key = config.get("SECRET_KEY")
    if config.get("STATIC_EXPORT"):  # no server, no form to sign: any key will do
        config["SECRET_KEY"] = key or secrets.token_hex(32)
    elif config.get("DEBUG") or config.get("TESTING"):
        config["SECRET_KEY"] = key or DEV_SECRET_KEY
    elif not key or key == DEV_SECRET_KEY:
        raise ConfigurationError(
            "SECRET_KEY is not set. Back Spasm Guide will not start in production with a "
            "default key, because anyone could then forge its form tokens. Set SECRET_KEY "
            'to a long random value, for example: python3 -c "import secrets; '
            'print(secrets.token_hex(32))"'
        )

    production = not (config.get("DEBUG") or config.get("TESTING") or config.get("STATIC_EXPORT"))
    if production and not public_url:
        raise ConfigurationError(
            "PUBLIC_URL is not set. Back Spasm Guide will not start in production without "
            "it, because its links, its service worker and the printed QR codes must point "
            "at the address patients use, never at whatever Host a request names. Set "
            "PUBLIC_URL to that https address, for example: https://guide.example-clinic.org"
        )


def _language_codes() -> list[str]:
    from .languages import LANGUAGES

    return [lang.code for lang in LANGUAGES]
