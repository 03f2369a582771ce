"""Clinic settings: working defaults, what each setting changes, and the start-up refusal."""

from __future__ import annotations

import subprocess
import sys

import pytest

from webapp import create_app, settings


def test_runs_with_no_settings_at_all(make_app):
    client = make_app().test_client()
    html = client.get("/en/").get_data(as_text=True)
    assert "Your physical therapy clinic" in html
    assert "tel:" not in html  # no phone configured: no call button
    assert "your local emergency number" in html
    assert "last reviewed" not in html


def test_clinic_name_and_phone_are_shown_with_a_call_link(client):
    html = client.get("/en/").get_data(as_text=True)
    assert "Riverside Physical Therapy" in html
    assert 'href="tel:+15550100200"' in html
    assert "Call your physical therapy clinic" in html


def test_emergency_number_is_a_call_link_and_named_in_the_text(client):
    html = client.get("/en/").get_data(as_text=True)
    assert 'href="tel:911"' in html
    assert 'or call <bdi dir="ltr">911</bdi>' in html


def test_content_reviewed_date_is_shown_only_when_set(make_app):
    html = make_app(CONTENT_REVIEWED="2026-10-01").test_client().get("/en/").get_data(as_text=True)
    assert "Content last reviewed by a clinician on October 1, 2026." in html


def test_bad_content_reviewed_date_is_refused(make_app):
    with pytest.raises(settings.ConfigurationError, match="CONTENT_REVIEWED"):
        make_app(CONTENT_REVIEWED="last week")


def test_public_url_must_be_absolute(make_app):
    with pytest.raises(settings.ConfigurationError, match="PUBLIC_URL"):
        make_app(PUBLIC_URL="clinic.example")
    assert make_app(PUBLIC_URL="https://guide.example/")
    assert make_app(PUBLIC_URL="https://guide.example/").config["PUBLIC_URL"] == (
        "https://guide.example"
    )


def test_public_url_guards_trusted_hosts(make_app):
    client = make_app(PUBLIC_URL="https://guide.example").test_client()
    assert client.get("/en/", base_url="https://guide.example").status_code == 200
    response = client.get("/en/", base_url="https://evil.example")
    assert response.status_code == 400
    assert "Traceback" not in response.get_data(as_text=True)


def test_unknown_clinic_language_is_refused(make_app):
    with pytest.raises(settings.ConfigurationError, match="CLINIC_LANGUAGE"):
        make_app(CLINIC_LANGUAGE="xx")


def test_refuses_to_start_in_production_without_a_secret_key():
    with pytest.raises(settings.ConfigurationError, match="SECRET_KEY is not set"):
        create_app({})
    with pytest.raises(settings.ConfigurationError, match="SECRET_KEY is not set"):
        create_app({"SECRET_KEY": settings.DEV_SECRET_KEY})
    public = {"PUBLIC_URL": "https://guide.example"}
    assert create_app({"SECRET_KEY": "a" * 64, **public}).secret_key == "a" * 64


def test_refuses_to_start_in_production_without_a_public_url():
    with pytest.raises(settings.ConfigurationError, match="PUBLIC_URL is not set"):
        create_app({"SECRET_KEY": "a" * 64})
    # Development and tests may run without it (links then follow the request's address).
    assert create_app({"TESTING": True}) and create_app({"DEBUG": True})


def test_development_key_is_the_same_in_every_process():
    code = "from webapp import create_app; print(create_app({'DEBUG': True}).secret_key)"
    keys = {
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout
        for _ in range(2)
    }
    assert len(keys) == 1


def test_settings_come_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path))  # ignore a developer's instance/config.py
    monkeypatch.setenv("SECRET_KEY", "k" * 40)
    monkeypatch.setenv("PUBLIC_URL", "https://guide.example")
    monkeypatch.setenv("CLINIC_NAME", "Harbour Physio")
    monkeypatch.setenv("CLINIC_PHONE", "020 7946 0000")
    app = create_app()
    assert app.config["CLINIC_NAME"] == "Harbour Physio"
    html = app.test_client().get("/en/", base_url="https://guide.example").get_data(as_text=True)
    assert "Harbour Physio" in html and 'href="tel:02079460000"' in html


def test_start_up_refusal_message_reaches_the_operator(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", "from webapp import create_app; create_app()"],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "INSTANCE_PATH": str(tmp_path)},  # no instance config
    )
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_instance_config_file_is_read(monkeypatch, tmp_path):
    (tmp_path / "config.py").write_text(
        'SECRET_KEY = "from-the-file-0123456789"\nCLINIC_NAME = "Bay PT"\n'
        'PUBLIC_URL = "https://guide.example"\n'
    )
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path))
    app = create_app()
    assert app.secret_key == "from-the-file-0123456789"
    assert app.config["CLINIC_NAME"] == "Bay PT"
