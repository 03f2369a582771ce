"""Clinic settings: loaded one way, for the server, the export, the scripts and the tests.

`load()` layers, each over the one before: the defaults here, then `instance/config.py`
(or `$INSTANCE_PATH/config.py`), then the environment, then explicit overrides (what a
test or a command-line flag sets). The server (`create_app`), the static export
(`python -m webapp.export`), `scripts/run` (`python -m webapp.settings`) and the tests all
call it, so a setting a clinic made anywhere reaches every page and every printed code.

Every setting has a default that runs, so a clinic can try the app before configuring it.
The only setting that must be chosen before going live is `SECRET_KEY`, and the app
refuses to start in production without a strong one rather than run with a key anyone
can read here or guess.
"""

from __future__ import annotations

import ipaddress
import math
import os
import re
import secrets
import sys
from collections import Counter
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from flask import Config

ROOT = Path(__file__).resolve().parent.parent

#: Used only in debug and tests. Fixed, so every worker process signs tokens alike.
DEV_SECRET_KEY = "dev-only-not-secret"  # noqa: S105 - refused outside debug and tests

#: Names a clinic may set in the environment (or in instance/config.py).
CLINIC_SETTINGS = (
    "CLINIC_NAME",
    "CLINIC_PHONE",
    "EMERGENCY_NUMBER",
    "URGENT_NUMBER",
    "CLINIC_LANGUAGE",
    "PUBLIC_URL",
    "CONTENT_REVIEWED",
    "SECRET_KEY",
    "TRUSTED_HOSTS",
    "SERVICE_WORKER_KILL_SWITCH",
    "LANGUAGES",
    "STAFF_FILE",
)

DEFAULTS = {
    "CLINIC_NAME": None,
    "CLINIC_PHONE": None,
    "EMERGENCY_NUMBER": None,
    # The same-day line when a doctor cannot be reached (111, a nurse line); unset: the
    # text says "your local urgent-care line".
    "URGENT_NUMBER": None,
    "CLINIC_LANGUAGE": "en",
    "PUBLIC_URL": None,
    "CONTENT_REVIEWED": None,
    "SECRET_KEY": None,
    "TRUSTED_HOSTS": None,
    # Comma-separated codes the clinic offers (e.g. "en,es,vi,zh"); empty: every language.
    "LANGUAGES": None,
    # True: /sw.js serves a worker that deletes its caches and unregisters (see README).
    "SERVICE_WORKER_KILL_SWITCH": False,
    # The staff accounts for the plan builder (webapp/staff.py); unset: instance/staff.toml.
    "STAFF_FILE": None,
    # Set by `python -m webapp.export`: pages are written for a static host, without a server.
    "STATIC_EXPORT": False,
    # The only body we accept is the small check form; anything bigger is a 413.
    "MAX_CONTENT_LENGTH": 16 * 1024,
    "MAX_FORM_MEMORY_SIZE": 16 * 1024,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
}


#: A key shorter than this is refused in production (32 random characters: 128+ bits).
MIN_SECRET_KEY_LENGTH = 32
#: ...and so is one whose characters are too few or too uneven (see `_entropy_bits`).
MIN_SECRET_KEY_BITS = 80


class ConfigurationError(RuntimeError):
    """Raised at start-up when the clinic settings cannot run safely."""


def instance_path(environ: Mapping = os.environ) -> Path:
    """The folder holding `config.py`: `$INSTANCE_PATH`, else `instance/` in the repository."""
    return Path(environ.get("INSTANCE_PATH") or ROOT / "instance")


def from_instance_file(folder: Path) -> dict:
    """The upper-case names assigned in `<folder>/config.py`, if that file exists."""
    found = Config(str(folder))
    found.from_pyfile("config.py", silent=True)
    return dict(found)


def from_environment(environ: Mapping = os.environ) -> dict:
    """Clinic settings that are set (and not blank) in the environment."""
    found = {}
    for name in CLINIC_SETTINGS:
        value = environ.get(name, "").strip()
        if value:
            found[name] = value
    return found


def load(overrides: Mapping | None = None, environ: Mapping = os.environ) -> dict:
    """Every setting, checked: defaults < instance/config.py < environment < overrides."""
    config = dict(DEFAULTS)
    # `flask run --debug` says so in FLASK_DEBUG, as Flask's own config would read it.
    config["DEBUG"] = environ.get("FLASK_DEBUG", "").lower() not in ("", "0", "false", "no")
    # gunicorn.conf.py says so: this process serves patients, whatever DEBUG claims.
    config["UNDER_GUNICORN"] = environ.get("BSG_SERVER") == "gunicorn"
    config.update(from_instance_file(instance_path(environ)))
    config.update(from_environment(environ))
    config.update(overrides or {})
    finalize(config)
    return config


def address_problem(public_url: str | None) -> str | None:
    """Why a printed code for this address may not reach patients, or None when it can.

    "unset" (no PUBLIC_URL: codes carry whatever address the page was opened with),
    "loopback" (only works on the computer that printed it) or "http" (no https: no
    offline use and no install on a patient's phone).
    """
    if not public_url:
        return "unset"
    parts = urlsplit(public_url)
    host = parts.hostname or ""
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = host == "localhost" or host.endswith(".localhost")
    if loopback:
        return "loopback"
    if parts.scheme != "https":
        return "http"
    return None


def summary(config: Mapping) -> str:
    """One line naming what patients will see, for the export and `scripts/run` to print."""
    from .languages import LANGUAGES

    offered = config.get("LANGUAGES") or [lang.code for lang in LANGUAGES]
    public = config.get("PUBLIC_URL")
    problem = address_problem(public)
    codes = public or "the address each page is opened with"
    if problem in ("loopback", "http"):
        codes += f" ({'only this computer' if problem == 'loopback' else 'plain http'})"
    return (
        f"Clinic: {config.get('CLINIC_NAME') or '(not set: Your physical therapy clinic)'}, "
        f"phone: {config.get('CLINIC_PHONE') or '(none: no call button)'}, "
        f"emergency: {config.get('EMERGENCY_NUMBER') or '(none: your local emergency number)'}, "
        f"urgent: {config.get('URGENT_NUMBER') or '(none: your local urgent-care line)'}, "
        f"languages: {', '.join(offered)}, codes → {codes}"
    )


def secret_key_problem(key: str | None) -> str | None:
    """Why this key must not sign anything in production, or None when it is strong enough."""
    if not key or key == DEV_SECRET_KEY:
        return (
            "SECRET_KEY is not set. Back Spasm Guide will not start in production with a "
            "default key, because anyone could then forge its form tokens."
        )
    if key.strip() in ("…", "...", "<secret>", "changeme", "change-me"):
        return f"SECRET_KEY is the placeholder {key.strip()!r}, not a key."
    if len(key) < MIN_SECRET_KEY_LENGTH:
        return (
            f"SECRET_KEY is too short ({len(key)} characters); it needs at least "
            f"{MIN_SECRET_KEY_LENGTH} random characters."
        )
    if len(set(key)) == 1:
        return "SECRET_KEY is one character repeated, which anyone could guess."
    period = _period(key)
    if period < len(key):
        return f"SECRET_KEY repeats a pattern of {period} characters, which anyone could guess."
    if _entropy_bits(key) < MIN_SECRET_KEY_BITS:
        return (
            f"SECRET_KEY is too predictable (about {_entropy_bits(key):.0f} bits; at least "
            f"{MIN_SECRET_KEY_BITS} are needed): it uses too few different characters."
        )
    return None


def _period(text: str) -> int:
    """The length of the shortest block the text repeats ("abab" -> 2; no repeat: len)."""
    for size in range(1, len(text) // 2 + 1):
        if all(text[i] == text[i % size] for i in range(len(text))):
            return size
    return len(text)


def _entropy_bits(text: str) -> float:
    """A rough estimate of the key's unpredictability: its length times the Shannon entropy
    of its characters. A random hex key of 32 characters scores about 120 (the lowest of
    200,000 measured: 87; at 100 bits one in 900 random keys was refused), "ab"*16 32."""
    counts = Counter(text)
    per_character = -sum(n / len(text) * math.log2(n / len(text)) for n in counts.values())
    return per_character * len(text)


def finalize(config) -> None:
    """Normalise settings and check they are safe; called once the config is loaded.

    Each step is one small named check, run in this order (later ones read what earlier
    ones normalised), so a new setting is one more function, not one more branch here.
    """
    for step in FINALIZE_STEPS:
        step(config)


def _public_url(config) -> None:
    public_url = config.get("PUBLIC_URL")
    if not public_url:
        return
    parts = urlsplit(public_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigurationError(
            f"PUBLIC_URL must be an absolute http(s) address, got {public_url!r}."
        )
    config["PUBLIC_URL"] = public_url.rstrip("/")


def _trusted_hosts(config) -> None:
    hosts = config.get("TRUSTED_HOSTS")
    if isinstance(hosts, str):
        config["TRUSTED_HOSTS"] = [h.strip() for h in hosts.split(",") if h.strip()]
    elif hosts is None and config.get("PUBLIC_URL"):
        host = urlsplit(config["PUBLIC_URL"]).hostname
        config["TRUSTED_HOSTS"] = [host, "localhost", "127.0.0.1"]


def _clinic_language(config) -> None:
    if config["CLINIC_LANGUAGE"] not in _language_codes():
        raise ConfigurationError(
            f"CLINIC_LANGUAGE must be one of {', '.join(_language_codes())}, "
            f"got {config['CLINIC_LANGUAGE']!r}."
        )


def _offered_languages(config) -> None:
    """LANGUAGES: the codes this clinic offers patients, as a tuple; default every one."""
    wanted = config.get("LANGUAGES") or ()
    if isinstance(wanted, str):
        wanted = wanted.split(",")
    codes = []
    for code in (str(c).strip().lower().replace("_", "-") for c in wanted):
        if not code or code in codes:
            continue
        if code not in _language_codes():
            raise ConfigurationError(
                f"LANGUAGES names {code!r}, which this guide does not have. Use a "
                f"comma-separated list of: {', '.join(_language_codes())}."
            )
        codes.append(code)
    config["LANGUAGES"] = tuple(codes) or tuple(_language_codes())


def _kill_switch(config) -> None:
    kill = config.get("SERVICE_WORKER_KILL_SWITCH")
    if isinstance(kill, str):
        config["SERVICE_WORKER_KILL_SWITCH"] = kill.strip().lower() in ("1", "true", "yes", "on")


def _content_reviewed(config) -> None:
    reviewed = config.get("CONTENT_REVIEWED")
    if isinstance(reviewed, str):
        try:
            config["CONTENT_REVIEWED"] = date.fromisoformat(reviewed)
        except ValueError:
            raise ConfigurationError(
                f"CONTENT_REVIEWED must be a date like 2026-11-25, got {reviewed!r}."
            ) from None


def _session_cookie(config) -> None:
    public_url = config.get("PUBLIC_URL")
    secure = bool(public_url) and public_url.startswith("https://")
    config["SESSION_COOKIE_SECURE"] = secure
    # Over https the form's session cookie is locked to this exact host.
    config["SESSION_COOKIE_NAME"] = "__Host-session" if secure else "session"


def _secret_key(config) -> None:
    key = config.get("SECRET_KEY")
    if config.get("STATIC_EXPORT"):  # no server, no form to sign: any key will do
        config["SECRET_KEY"] = key or secrets.token_hex(32)
    elif config.get("DEBUG") or config.get("TESTING"):
        config["SECRET_KEY"] = key or DEV_SECRET_KEY
    elif problem := secret_key_problem(key):
        raise ConfigurationError(
            f"{problem} Set SECRET_KEY to a long random value, the same in every instance, "
            'for example: python3 -c "import secrets; print(secrets.token_hex(32))"'
        )


def _public_url_in_production(config) -> None:
    production = not (config.get("DEBUG") or config.get("TESTING") or config.get("STATIC_EXPORT"))
    if production and not config.get("PUBLIC_URL"):
        raise ConfigurationError(
            "PUBLIC_URL is not set. Back Spasm Guide will not start in production without "
            "it, because its links, its service worker and the printed QR codes must point "
            "at the address patients use, never at whatever Host a request names. Set "
            "PUBLIC_URL to that https address, for example: https://guide.example-clinic.org"
        )


def _not_debug_under_gunicorn(config) -> None:
    """DEBUG or TESTING would turn off every production guard (a public development key,
    no PUBLIC_URL), so the production server refuses them instead of obeying."""
    if config.get("UNDER_GUNICORN") and (config.get("DEBUG") or config.get("TESTING")):
        raise ConfigurationError(
            "DEBUG or TESTING is on (FLASK_DEBUG, or instance/config.py) but Back Spasm Guide "
            "is starting under gunicorn, the production server. Unset FLASK_DEBUG and remove "
            "DEBUG and TESTING from the settings; for development use scripts/run."
        )


#: What a phone number may show: digits, spaces and - . ( ), one + first. Anything else
#: (letters, "ext.", # or *) would dial something other than what the patient reads.
PHONE_SHOWN = re.compile(r"\+?[\d\s().-]+")


def _phone_numbers(config) -> None:
    """The button dials exactly the digits shown; the emergency number is digits only."""
    for name in ("CLINIC_PHONE", "URGENT_NUMBER"):
        value = config.get(name)
        if value and (not PHONE_SHOWN.fullmatch(value.strip()) or not re.search(r"\d", value)):
            raise ConfigurationError(
                f"{name} must be a phone number the button can dial as shown: digits, spaces, "
                f"- . ( ) and a leading +, no letters or extension; got {value!r}."
            )
    emergency = config.get("EMERGENCY_NUMBER")
    if emergency and not re.fullmatch(r"\d{2,6}", emergency.strip()):
        raise ConfigurationError(
            f"EMERGENCY_NUMBER must be digits only, such as 911, 112 or 999; got {emergency!r}."
        )


def _compiled_catalogs(config) -> None:
    """In production every offered language needs its compiled catalog: without it Flask-Babel
    silently shows English on /ar/, /ko/… ."""
    production = not (config.get("DEBUG") or config.get("TESTING") or config.get("STATIC_EXPORT"))
    if not production:
        return
    from .languages import BY_CODE

    folder = Path(config.get("TRANSLATIONS_DIR") or ROOT / "translations")
    missing = [
        code
        for code in config["LANGUAGES"]
        if code != "en"
        and not (folder / BY_CODE[code].locale / "LC_MESSAGES" / "messages.mo").is_file()
    ]
    if missing:
        raise ConfigurationError(
            f"No compiled catalog for {', '.join(missing)}: those pages would be in English. "
            "Run: .venv/bin/python -m webapp.translate compile (scripts/run does it)."
        )


FINALIZE_STEPS = (
    _not_debug_under_gunicorn,
    _phone_numbers,
    _public_url,
    _trusted_hosts,
    _clinic_language,
    _offered_languages,
    _kill_switch,
    _content_reviewed,
    _session_cookie,
    _secret_key,
    _public_url_in_production,
    _compiled_catalogs,
)


def _language_codes() -> list[str]:
    from .languages import LANGUAGES

    return [lang.code for lang in LANGUAGES]


def main() -> None:
    """`python -m webapp.settings`: check the settings as the server will, and name them."""
    try:
        config = load()
    except ConfigurationError as error:
        sys.exit(f"Back Spasm Guide: {error}")
    print(summary(config))


if __name__ == "__main__":
    main()
