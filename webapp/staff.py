"""Staff accounts and sign-in: only the clinic's therapists can sign a recovery plan.

A plan's signature tells the patient's phone "your clinic wrote this", so the builder that
signs is for staff only. Accounts live in one small file (`STAFF_FILE`, default
`instance/staff.toml`): a name and a Werkzeug scrypt hash each, no database. A clinic
manages it with

    python -m webapp.staff add NAME      # asks for the password twice (or reads one line)
    python -m webapp.staff remove NAME
    python -m webapp.staff list

Signing in sets `__Host-staff` (HttpOnly, Secure, SameSite=Strict, 8 hours), signed with
SECRET_KEY. It names the account and a fingerprint of its hash, so removing an account or
changing its password ends its sign-ins at once.

Guessing is slowed in two places: nginx rate-limits `/staff/` (deploy/nginx.conf), and
here at most MAX_FAILURES failed tries per account and per address count in WINDOW. The
failures are kept in a SQLite file beside the staff file, so every gunicorn worker sees
the same count; they are stored as keyed hashes, never as names or addresses.
"""

from __future__ import annotations

import getpass
import hashlib
import hmac
import os
import re
import sqlite3
import sys
import time
import tomllib
from contextlib import closing, contextmanager
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    abort,
    current_app,
    g,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_wtf import FlaskForm
from itsdangerous import BadSignature, URLSafeTimedSerializer
from werkzeug.security import check_password_hash, generate_password_hash
from wtforms import PasswordField, StringField

from . import languages, settings

bp = Blueprint("staff", __name__)

#: Account names: letters, digits and . _ - @ (a first name or an e-mail-like login).
NAME = re.compile(r"[\w.@-]{1,64}")
MIN_PASSWORD = 12
MAX_AGE = 8 * 60 * 60
MAX_FAILURES = 5
WINDOW = 15 * 60


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    """Checked when the name is unknown, so a wrong name takes as long as a wrong password
    (made on the first sign-in, not at every start-up: scrypt takes about 0.1 s)."""
    return generate_password_hash("not a password of anyone's", method="scrypt")


MESSAGES = {
    "wrong": _l("The name or the password is not right. Check both and try again."),
    "missing": _l("Enter your name and your password"),
    "expired": _l(
        "This page was open for a long time, so it could not be sent safely. Sign in again."
    ),
}


# -- the accounts file ---------------------------------------------------------------------


def staff_file(config=None) -> Path:
    """Where the accounts are: STAFF_FILE, else `staff.toml` in the instance folder."""
    config = current_app.config if config is None else config
    chosen = config.get("STAFF_FILE")
    return Path(chosen) if chosen else settings.instance_path() / "staff.toml"


def read_accounts(path: Path) -> dict[str, str]:
    """Name → password hash. A missing file is no accounts; a broken one is refused loudly."""
    try:
        with path.open("rb") as file:
            data = tomllib.load(file)
    except FileNotFoundError:
        return {}
    accounts = data.get("accounts", {})
    if not isinstance(accounts, dict) or not all(
        isinstance(v, str) and NAME.fullmatch(k) for k, v in accounts.items()
    ):
        raise ValueError(f'{path}: [accounts] must hold name = "password hash" lines')
    return accounts


def _toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_accounts(path: Path, accounts: dict[str, str]) -> None:
    """Write the whole file at once (a reader never sees half of it), readable by its owner."""
    lines = [
        "# Staff accounts for the recovery-plan builder. Manage them with",
        "# python -m webapp.staff add NAME | remove NAME | list (never edit the hashes).",
        "[accounts]",
        *(f"{_toml_string(name)} = {_toml_string(h)}" for name, h in sorted(accounts.items())),
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".new")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as file:
        file.write("\n".join(lines) + "\n")
    os.replace(temporary, path)


def password_problem(password: str) -> str | None:
    if len(password) < MIN_PASSWORD:
        return f"A password needs at least {MIN_PASSWORD} characters."
    if password != password.strip() or not password.isprintable():
        return "A password cannot start or end with a space or hold control characters."
    return None


def _fingerprint(password_hash: str) -> str:
    return hashlib.sha256(password_hash.encode()).hexdigest()[:16]


# -- failed tries, shared by every worker ----------------------------------------------------


@contextmanager
def _failures_db():
    """The shared count of failed tries, opened for one use and closed after it."""
    path = staff_file().with_suffix(".failures.sqlite")
    with closing(sqlite3.connect(path, timeout=5, isolation_level=None)) as connection:
        connection.execute(
            "CREATE TABLE IF NOT EXISTS failure (key TEXT NOT NULL, at REAL NOT NULL)"
        )
        yield connection


def _key(kind: str, value: str) -> str:
    secret = current_app.config["SECRET_KEY"]
    secret = secret.encode() if isinstance(secret, str) else secret
    return hmac.new(secret, f"{kind}\0{value}".encode(), hashlib.sha256).hexdigest()


def client_address() -> str:
    """The patient's or therapist's address: nginx's X-Forwarded-For when nginx (a trusted
    address, FORWARDED_ALLOW_IPS as for gunicorn) sent the request, else the peer's."""
    peer = request.remote_addr or ""
    trusted = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1").split(",")
    forwarded = request.headers.get("X-Forwarded-For", "")
    if forwarded and (peer in (t.strip() for t in trusted) or "*" in trusted):
        return forwarded.split(",")[-1].strip()
    return peer


def _try_keys(name: str) -> list[str]:
    return [_key("account", name.casefold()), _key("address", client_address())]


def wait_seconds(keys: list[str], now: float | None = None) -> int:
    """0 when another try is allowed, else the seconds until the oldest counted failure ends."""
    now = time.time() if now is None else now
    with _failures_db() as db:
        db.execute("DELETE FROM failure WHERE at < ?", (now - WINDOW,))
        longest = 0
        for key in keys:
            times = [t for (t,) in db.execute("SELECT at FROM failure WHERE key = ?", (key,))]
            if len(times) >= MAX_FAILURES:
                oldest = sorted(times)[-MAX_FAILURES]
                longest = max(longest, int(oldest + WINDOW - now) + 1)
    return longest


def _record_failure(keys: list[str]) -> None:
    now = time.time()
    with _failures_db() as db:
        db.executemany("INSERT INTO failure VALUES (?, ?)", [(k, now) for k in keys])


def _forget_failures(key: str) -> None:
    with _failures_db() as db:
        db.execute("DELETE FROM failure WHERE key = ?", (key,))


# -- the sign-in cookie ------------------------------------------------------------------------


def cookie_name() -> str:
    """`__Host-staff` over https (locked to this host); plain `staff` only for local
    development over http, where a browser would refuse a Secure cookie."""
    return "__Host-staff" if current_app.config.get("SESSION_COOKIE_SECURE") else "staff"


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="staff sign-in")


def signed_in() -> str | None:
    """The signed-in staff member's name, if the cookie is ours, fresh and still matches an
    account (removing it or changing its password ends the sign-in)."""
    if "staff" not in g:
        g.staff = None
        value = request.cookies.get(cookie_name())
        if value:
            try:
                name, fingerprint = _serializer().loads(value, max_age=MAX_AGE)
            except (BadSignature, ValueError, TypeError):
                return None
            password_hash = read_accounts(staff_file()).get(name)
            if password_hash and hmac.compare_digest(fingerprint, _fingerprint(password_hash)):
                g.staff = name
    return g.staff


def sign_in_redirect(next_path: str):
    """Where a page for staff sends someone not signed in: the sign-in page, which brings
    them back. Answered `no-store` and echoing nothing that was posted."""
    response = redirect(url_for("staff.sign_in", next=next_path), code=303)
    response.headers["Cache-Control"] = "no-store"
    return response


def _safe_next(value: str | None) -> str:
    """Only our own builder pages, so the sign-in page is no open redirect."""
    value = value or ""
    parts = value.split("/")
    if (
        not urlsplit(value).netloc
        and len(parts) == 4
        and parts[0] == ""
        and languages.is_offered(parts[1])
        and parts[2:] == ["plan", "new"]
    ):
        return value
    return url_for("plan.new", lang=current_app.config.get("CLINIC_LANGUAGE") or "en")


# -- pages -----------------------------------------------------------------------------


class SignInForm(FlaskForm):
    name = StringField()
    password = PasswordField()


def _page(template: str, status: int = 200, **context):
    response = make_response(render_template(template, **context), status)
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.before_request
def _staff_language():
    """Staff pages speak the language of the builder they lead to (else the negotiated one)."""
    if current_app.config.get("STATIC_EXPORT"):
        abort(404)
    target = _safe_next(request.args.get("next"))
    g.lang = languages.BY_CODE[target.split("/")[1]]


@bp.route("/staff/sign-in", methods=["GET", "POST"])
def sign_in():
    target = _safe_next(request.args.get("next"))
    accounts = read_accounts(staff_file())
    form = SignInForm()
    context = {"form": form, "target": target, "no_accounts": not accounts}
    if request.method == "GET" or not accounts:
        return _page("staff_sign_in.html", **context)
    if not form.validate():  # only the CSRF token is checked by the form itself
        return _page("staff_sign_in.html", 400, error=MESSAGES["expired"], **context)
    name = (form.name.data or "").strip()
    password = form.password.data or ""
    if not name or not password:
        return _page("staff_sign_in.html", error=MESSAGES["missing"], **context)
    keys = _try_keys(name)
    if wait := wait_seconds(keys):
        minutes = -(-wait // 60)
        message = ngettext(
            "Too many tries. Wait %(num)s minute, then try again.",
            "Too many tries. Wait %(num)s minutes, then try again.",
            minutes,
        )
        response = _page("staff_sign_in.html", 429, error=message, **context)
        response.headers["Retry-After"] = str(wait)
        return response
    password_hash = accounts.get(name) if NAME.fullmatch(name) else None
    if not check_password_hash(password_hash or _dummy_hash(), password) or not password_hash:
        _record_failure(keys)
        return _page("staff_sign_in.html", error=MESSAGES["wrong"], **context)
    _forget_failures(keys[0])
    response = redirect(target, code=303)
    response.headers["Cache-Control"] = "no-store"
    response.set_cookie(
        cookie_name(),
        _serializer().dumps([name, _fingerprint(password_hash)]),
        max_age=MAX_AGE,
        path="/",
        secure=cookie_name().startswith("__Host-"),
        httponly=True,
        samesite="Strict",
    )
    return response


@bp.post("/staff/sign-out")
def sign_out():
    form = SignInForm()
    if not form.validate():
        abort(400)
    response = redirect(url_for("staff.sign_in", next=_safe_next(request.args.get("next"))), 303)
    response.headers["Cache-Control"] = "no-store"
    response.delete_cookie(
        cookie_name(), path="/", secure=cookie_name().startswith("__Host-"), samesite="Strict"
    )
    return response


# -- the command line ------------------------------------------------------------------


def _read_password() -> str:
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password (at least 12 characters): ")
    if getpass.getpass("The same password again: ") != first:
        raise SystemExit("The two passwords differ. Nothing was changed.")
    return first


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    usage = "usage: python -m webapp.staff add NAME | remove NAME | list"
    # Only where the file is: no SECRET_KEY or other production setting is needed for that.
    config = settings.from_instance_file(settings.instance_path())
    config.update(settings.from_environment())
    path = staff_file(config)
    if argv == ["list"]:
        for name in sorted(read_accounts(path)):
            print(name)
        return 0
    if len(argv) != 2 or argv[0] not in ("add", "remove"):
        print(usage, file=sys.stderr)
        return 2
    action, name = argv
    if not NAME.fullmatch(name):
        print("A name is 1 to 64 letters, digits, '.', '_', '-' or '@'.", file=sys.stderr)
        return 2
    accounts = read_accounts(path)
    if action == "remove":
        if accounts.pop(name, None) is None:
            print(f"No account named {name} in {path}.", file=sys.stderr)
            return 1
        write_accounts(path, accounts)
        print(f"Removed {name} from {path}: their sign-ins have ended.")
        return 0
    password = _read_password()
    if problem := password_problem(password):
        print(problem + " Nothing was changed.", file=sys.stderr)
        return 2
    changed = name in accounts
    accounts[name] = generate_password_hash(password, method="scrypt")
    write_accounts(path, accounts)
    print(f"{'Changed the password of' if changed else 'Added'} {name} in {path}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
