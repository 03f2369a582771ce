"""Only staff sign plans: the accounts file and its command, sign-in, the limit on guessing,
the cookie, sign-out, and that no patient page leads to the builder."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from werkzeug.security import generate_password_hash

from webapp import staff

from .support import routes
from .support.clinic import CLINIC, PUBLIC_URL, STAFF


def csrf(client, path="/staff/sign-in") -> str:
    page = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def sign_in(client, name, password, address="127.0.0.1", next_path=None):
    path = "/staff/sign-in" + (f"?next={next_path}" if next_path else "")
    data = {"csrf_token": csrf(client), "name": name, "password": password}
    return client.post(path, data=data, environ_base={"REMOTE_ADDR": address})


@pytest.fixture
def own_staff(tmp_path, make_app):
    """An app with its own accounts file (and so its own count of failed tries)."""
    path = tmp_path / "staff.toml"
    accounts = {
        "ana": generate_password_hash("ana's long password", method="scrypt"),
        "ben": generate_password_hash("ben's long password", method="scrypt"),
    }
    staff.write_accounts(path, accounts)
    app = make_app(**CLINIC, STAFF_FILE=str(path))
    return app, path


def test_the_builder_and_its_post_need_a_sign_in(client):
    response = client.get("/es/plan/new")
    assert response.status_code == 303
    assert response.headers["Location"] == "/staff/sign-in?next=/es/plan/new"
    assert response.headers["Cache-Control"] == "no-store"
    # A POST with a valid form token but no sign-in makes no plan and echoes nothing.
    token = csrf(client)
    posted = {"csrf_token": token, "patient_lang": "en", "note": "Stop your pain medicine"}
    response = client.post("/en/plan/new", data=posted)
    assert response.status_code == 303
    assert response.headers["Location"] == "/staff/sign-in?next=/en/plan/new"
    assert b"medicine" not in response.data and b"plan#" not in response.data


def test_a_therapist_signs_in_and_is_sent_back_to_the_builder(client):
    response = sign_in(client, *STAFF, next_path="/ar/plan/new")
    assert response.status_code == 303 and response.headers["Location"] == "/ar/plan/new"
    page = client.get("/ar/plan/new")
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    html = page.get_data(as_text=True)
    assert 'action="/staff/sign-out' in html and STAFF[0] in html


def test_a_wrong_name_or_password_says_so_and_signs_nobody_in(client):
    for name, password in ((STAFF[0], "a wrong password!"), ("nobody", STAFF[1]), ("", "")):
        response = sign_in(client, name, password, address="192.0.2.10")
        html = response.get_data(as_text=True)
        assert response.status_code == 200 and 'class="error-summary"' in html
        assert client.get_cookie("staff") is None
    assert client.get("/en/plan/new").status_code == 303


def test_the_cookie_is_host_only_http_only_secure_strict_for_8_hours(own_staff):
    app, _ = own_staff
    app.config.update(PUBLIC_URL=PUBLIC_URL, SESSION_COOKIE_SECURE=True)
    client = app.test_client()
    response = sign_in(client, "ana", "ana's long password")
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("__Host-staff=")
    for part in ("HttpOnly", "Secure", "SameSite=Strict", "Max-Age=28800", "Path=/"):
        assert part in cookie
    assert "Domain" not in cookie


def test_five_failures_per_account_then_a_wait_even_with_the_right_password(own_staff):
    app, _ = own_staff
    client = app.test_client()
    for n in range(staff.MAX_FAILURES):
        # Each try from another address: the account's own count stops the sixth.
        assert sign_in(client, "ana", "wrong password!", address=f"192.0.2.{n}").status_code == 200
    blocked = sign_in(client, "ana", "ana's long password", address="198.51.100.7")
    assert blocked.status_code == 429
    assert "Too many tries. Wait 15 minutes" in blocked.get_data(as_text=True)
    assert 0 < int(blocked.headers["Retry-After"]) <= staff.WINDOW
    assert client.get_cookie("staff") is None
    # Another account from another address is not held up.
    assert sign_in(client, "ben", "ben's long password", "198.51.100.8").status_code == 303


def test_five_failures_from_one_address_hold_up_every_name_from_it(own_staff):
    app, _ = own_staff
    client = app.test_client()
    for n in range(staff.MAX_FAILURES):
        sign_in(client, f"guess{n}", "wrong password!", address="203.0.113.5")
    assert sign_in(client, "ben", "ben's long password", "203.0.113.5").status_code == 429
    assert sign_in(client, "ben", "ben's long password", "203.0.113.6").status_code == 303


def test_the_count_is_shared_by_every_worker(own_staff, make_app):
    app, path = own_staff
    other_worker = make_app(**CLINIC, STAFF_FILE=str(path))
    for n in range(staff.MAX_FAILURES):
        worker = (app, other_worker)[n % 2]
        sign_in(worker.test_client(), "ana", "wrong password!", address=f"192.0.2.{n}")
    assert sign_in(app.test_client(), "ana", "ana's long password", "192.0.2.99").status_code == 429


def test_the_count_ends_after_15_minutes(own_staff, monkeypatch):
    app, _ = own_staff
    client = app.test_client()
    for _ in range(staff.MAX_FAILURES):
        sign_in(client, "ana", "wrong password!")
    assert sign_in(client, "ana", "ana's long password").status_code == 429
    later = staff.time.time() + staff.WINDOW + 1
    monkeypatch.setattr(staff.time, "time", lambda: later)
    assert sign_in(client, "ana", "ana's long password").status_code == 303


def test_failures_are_stored_as_keyed_hashes_not_names_or_addresses(own_staff):
    app, path = own_staff
    sign_in(app.test_client(), "ana", "wrong password!", address="203.0.113.77")
    stored = path.with_suffix(".failures.sqlite").read_bytes()
    assert b"ana" not in stored and b"203.0.113.77" not in stored


def test_nginx_forwarded_address_is_trusted_only_from_nginx(own_staff):
    app, _ = own_staff
    with app.test_request_context(
        headers={"X-Forwarded-For": "198.51.100.1"}, environ_base={"REMOTE_ADDR": "127.0.0.1"}
    ):
        assert staff.client_address() == "198.51.100.1"
    with app.test_request_context(
        headers={"X-Forwarded-For": "198.51.100.1"}, environ_base={"REMOTE_ADDR": "192.0.2.3"}
    ):
        assert staff.client_address() == "192.0.2.3"


@pytest.mark.parametrize("change", ["remove", "new password"])
def test_removing_an_account_or_changing_its_password_ends_its_sign_ins(own_staff, change):
    app, path = own_staff
    client = app.test_client()
    assert sign_in(client, "ana", "ana's long password").status_code == 303
    assert client.get("/en/plan/new").status_code == 200
    accounts = staff.read_accounts(path)
    if change == "remove":
        del accounts["ana"]
    else:
        accounts["ana"] = generate_password_hash("ana's newer password", method="scrypt")
    staff.write_accounts(path, accounts)
    assert client.get("/en/plan/new").status_code == 303


def test_a_forged_or_old_cookie_is_no_sign_in(app, staff_cookie, monkeypatch):
    client = app.test_client()
    client.set_cookie("staff", staff_cookie[:-2] + "AA")
    assert client.get("/en/plan/new").status_code == 303
    client.set_cookie("staff", staff_cookie)
    assert client.get("/en/plan/new").status_code == 200
    later = staff.time.time() + staff.MAX_AGE + 1
    import itsdangerous.timed

    monkeypatch.setattr(itsdangerous.timed.time, "time", lambda: later)
    assert client.get("/en/plan/new").status_code == 303


def test_sign_out_ends_the_sign_in(staff_client):
    html = staff_client.get("/en/plan/new").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    assert staff_client.post("/staff/sign-out").status_code == 400  # no token: not ours
    response = staff_client.post("/staff/sign-out?next=/en/plan/new", data={"csrf_token": token})
    assert response.status_code == 303
    assert response.headers["Location"] == "/staff/sign-in?next=/en/plan/new"
    assert staff_client.get_cookie("staff") is None
    assert staff_client.get("/en/plan/new").status_code == 303


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/en/plan/new", "/en/check", "/xx/plan/new"]
)
def test_sign_in_only_leads_back_to_a_builder_page(client, target):
    response = sign_in(client, *STAFF, next_path=target)
    assert response.status_code == 303 and response.headers["Location"] == "/en/plan/new"


def test_sign_in_speaks_the_builders_language(client):
    html = client.get("/staff/sign-in?next=/es/plan/new").get_data(as_text=True)
    assert '<html lang="es"' in html and "Contraseña" in html


def test_without_accounts_the_page_says_how_to_add_one(make_app, tmp_path):
    client = make_app(**CLINIC, STAFF_FILE=str(tmp_path / "none.toml")).test_client()
    assert client.get("/en/plan/new").headers["Location"] == "/staff/sign-in?next=/en/plan/new"
    html = client.get("/staff/sign-in").get_data(as_text=True)
    assert "python -m webapp.staff add NAME" in html and 'type="password"' not in html


def test_no_patient_page_links_the_builder_or_the_sign_in(app, client):
    for url in routes.urls(app):
        if "/plan/new" in url or "/plan/ready" in url or url.startswith("/staff/"):
            continue
        response = client.get(url)
        if response.mimetype in ("text/html", "application/javascript", "application/json"):
            body = response.get_data(as_text=True)
            assert "/plan/new" not in body and "/staff/" not in body, url


def run_staff(path, *args, password=None):
    env = {**os.environ, "STAFF_FILE": str(path)}
    return subprocess.run(
        [sys.executable, "-m", "webapp.staff", *args],
        input=password,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def test_the_command_adds_lists_and_removes_accounts(tmp_path):
    path = tmp_path / "instance" / "staff.toml"
    assert run_staff(path, "add", "maria", password="short\n").returncode == 2
    assert not path.exists()
    added = run_staff(path, "add", "maria", password="twelve chars ok\n")
    assert added.returncode == 0, added.stderr
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    assert "twelve" not in path.read_text() and "scrypt:" in path.read_text()
    assert run_staff(path, "list").stdout.split() == ["maria"]
    assert run_staff(path, "add", "bad name!", password="twelve chars ok\n").returncode == 2
    assert run_staff(path, "remove", "nobody").returncode == 1
    assert run_staff(path, "remove", "maria").returncode == 0
    assert run_staff(path, "list").stdout.split() == []
