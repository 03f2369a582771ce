"""Shared fixtures, after the Flask tutorial: an app made by the factory, and its client."""

from __future__ import annotations

import pytest

from webapp import create_app

CLINIC = {
    "CLINIC_NAME": "Riverside Physical Therapy",
    "CLINIC_PHONE": "+1 555 010 0200",
    "EMERGENCY_NUMBER": "911",
}


@pytest.fixture
def app():
    return create_app({"TESTING": True, **CLINIC})


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def make_app():
    """Build an app with particular settings (tests of configuration)."""

    def build(**config):
        return create_app({"TESTING": True, **config})

    return build
