"""The static export as a clinic's IT person runs it: settings honoured, unsafe addresses refused.

Each test runs `python -m webapp.export` in its own process with its own environment and
instance folder, exactly as on the clinic's machine.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

PUBLIC = "https://guide.bay-pt.example"


def run_export(tmp_path, *args: str, env: dict | None = None, config: str = ""):
    instance = tmp_path / "instance"
    instance.mkdir(exist_ok=True)
    (instance / "config.py").write_text(config, encoding="utf-8")
    environment = {"PATH": "/usr/bin:/bin", "INSTANCE_PATH": str(instance), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "webapp.export", str(tmp_path / "build"), *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=300,
    )


def outcome(html: str, name: str) -> str:
    """The markup of one outcome screen of the check page."""
    start = html.index(f'data-outcome="{name}"')
    following = html.find("data-outcome=", start + 1)
    return html[start : following if following != -1 else len(html)]


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """An export configured as a clinic would: the name in the instance file, numbers in
    the environment, the address from the environment too."""
    tmp_path = tmp_path_factory.mktemp("clinic")
    result = run_export(
        tmp_path,
        env={"EMERGENCY_NUMBER": "911", "CLINIC_PHONE": "+1 555 010 0300", "PUBLIC_URL": PUBLIC},
        config='CLINIC_NAME = "Bay Physical Therapy"\nCLINIC_PHONE = "+1 555 000 0000"\n',
    )
    assert result.returncode == 0, result.stderr
    return tmp_path / "build", result.stdout


def test_export_honours_the_instance_file_and_the_environment(exported):
    build, _ = exported
    check = (build / "en" / "check" / "index.html").read_text(encoding="utf-8")
    assert "Bay Physical Therapy" in check
    assert ">Your physical therapy clinic<" not in check  # the default name
    emergency = outcome(check, "emergency")
    # The emergency number first, then the clinic (the environment's phone beats the file's).
    calls = re.findall(r'href="(tel:[^"]+)"', emergency)
    assert calls[:2] == ["tel:911", "tel:+15550100300"]
    assert "tel:+15550000000" not in check
    guide = (build / "es" / "index.html").read_text(encoding="utf-8")
    assert "Bay Physical Therapy" in guide and 'href="tel:911"' in guide


def test_export_ends_by_naming_the_settings_it_used(exported):
    _, out = exported
    last = out.strip().splitlines()[-1]
    assert last == (
        "Clinic: Bay Physical Therapy, phone: +1 555 010 0300, emergency: 911, "
        "urgent: (none: your local urgent-care line), "
        "languages: en, es, fr, pt, de, vi, zh, ar, ko, fil, ru, uk, pl, tr, fa, zh-hant, "
        f"codes → {PUBLIC}"
    )


def test_export_codes_point_at_the_public_address(exported):
    build, _ = exported
    handout = (build / "de" / "handout" / "index.html").read_text(encoding="utf-8")
    assert f"{PUBLIC}/de/" in handout
    assert "staff-warning" not in handout  # a public https address: nothing to warn about


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://127.0.0.1:8000", "only works on this computer"),
        ("https://localhost", "only works on this computer"),
        ("http://guide.bay-pt.example", "plain http"),
    ],
)
def test_export_refuses_an_address_printed_codes_cannot_use(tmp_path, url, reason):
    result = run_export(tmp_path, "--public-url", url)
    assert result.returncode != 0
    assert reason in result.stderr and "--allow-local" in result.stderr
    assert not (tmp_path / "build").exists()  # nothing written


def test_export_without_any_address_says_how_to_give_one(tmp_path):
    result = run_export(tmp_path)
    assert result.returncode != 0
    assert "--public-url" in result.stderr and "Traceback" not in result.stderr


def test_export_refuses_a_bad_setting_with_a_clear_message(tmp_path):
    result = run_export(tmp_path, "--public-url", PUBLIC, env={"CLINIC_LANGUAGE": "xx"})
    assert result.returncode != 0
    assert "CLINIC_LANGUAGE must be one of" in result.stderr and "Traceback" not in result.stderr


def test_allow_local_exports_for_a_try_on_this_computer(tmp_path):
    result = run_export(tmp_path, "--public-url", "http://127.0.0.1:8000", "--allow-local")
    assert result.returncode == 0, result.stderr
    assert "codes → http://127.0.0.1:8000 (only this computer)" in result.stdout
    handout = (tmp_path / "build" / "en" / "handout" / "index.html").read_text(encoding="utf-8")
    assert "staff-warning" in handout  # and staff still see the warning on screen
