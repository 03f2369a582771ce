"""Shared fixtures, after the Flask tutorial: an app made by the factory, and its client.

The app loads its settings one way everywhere (`webapp.settings.load`: defaults, the
instance file, the environment, then a test's overrides). So that a developer's own
`instance/config.py` or exported `CLINIC_NAME` never changes what a test sees, the tests
run with an empty instance folder and none of the clinic's variables in the environment;
a test that wants them sets them (monkeypatch, or a subprocess's own environment).
"""

from __future__ import annotations

import os
import tempfile

import pytest

from webapp import create_app, settings

from .support.clinic import CLINIC

for _name in (*settings.CLINIC_SETTINGS, "FLASK_DEBUG"):
    os.environ.pop(_name, None)
os.environ["INSTANCE_PATH"] = tempfile.mkdtemp(prefix="bsg-empty-instance-")


@pytest.fixture(scope="session")
def app():
    """One app for the session: building one renders every template once. A test that
    needs other settings makes its own (`make_app`); none changes this one."""
    return create_app({"TESTING": True, **CLINIC})


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
