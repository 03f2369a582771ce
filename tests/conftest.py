"""Shared fixtures, after the Flask tutorial: an app made by the factory, and its client.

The app loads its settings one way everywhere (`webapp.settings.load`: defaults, the
instance file, the environment, then a test's overrides). So that a developer's own
`instance/config.py` or exported `CLINIC_NAME` never changes what a test sees, the tests
run with an empty instance folder and none of the clinic's variables in the environment;
a test that wants them sets them (monkeypatch, or a subprocess's own environment).
"""

from __future__ import annotations

import os
import re
import tempfile

import pytest
from werkzeug.security import generate_password_hash

from webapp import create_app, settings, staff

from .support.clinic import CLINIC, STAFF

for _name in (*settings.CLINIC_SETTINGS, "FLASK_DEBUG"):
    os.environ.pop(_name, None)
os.environ["INSTANCE_PATH"] = tempfile.mkdtemp(prefix="bsg-empty-instance-")


@pytest.fixture(scope="session")
def staff_file(tmp_path_factory):
    """The session app's staff accounts: one therapist (STAFF)."""
    path = tmp_path_factory.mktemp("staff") / "staff.toml"
    staff.write_accounts(path, {STAFF[0]: generate_password_hash(STAFF[1], method="scrypt")})
    return path


@pytest.fixture(scope="session")
def app(staff_file):
    """One app for the session: building one renders every template once. A test that
    needs other settings makes its own (`make_app`); none changes this one."""
    return create_app({"TESTING": True, **CLINIC, "STAFF_FILE": str(staff_file)})


@pytest.fixture(scope="session")
def staff_cookie(app):
    """The staff cookie of one real sign-in through the form, made once per session."""
    client = app.test_client()
    page = client.get("/staff/sign-in").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    data = {"csrf_token": csrf, "name": STAFF[0], "password": STAFF[1]}
    response = client.post("/staff/sign-in", data=data)
    assert response.status_code == 303, response.get_data(as_text=True)
    return client.get_cookie("staff").value


@pytest.fixture
def staff_client(app, staff_cookie):
    """A new browser of a therapist who signed in."""
    client = app.test_client()
    client.set_cookie("staff", staff_cookie)
    return client


@pytest.fixture
def client(app):
    """A new browser for each test: no cookie carries over."""
    return app.test_client()


@pytest.fixture
def make_app():
    """Build an app with particular settings (tests of configuration)."""

    def build(**config):
        return create_app({"TESTING": True, **config})

    return build
