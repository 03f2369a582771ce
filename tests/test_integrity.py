"""Subresource Integrity: every script a page loads carries the digest of the bytes served."""

from __future__ import annotations

import base64
import hashlib
import re

import pytest

from webapp.languages import LANGUAGES

PAGES = ["/en/poster", "/en/missing"] + [
    f"/{lang.code}/{page}" for lang in LANGUAGES for page in ("", "check", "handout", "offline")
]
SCRIPT = re.compile(r"<script\b([^>]*)>")


def sri(body: bytes) -> str:
    return "sha384-" + base64.b64encode(hashlib.sha384(body).digest()).decode()


@pytest.mark.parametrize("path", PAGES)
def test_every_script_tag_has_the_digest_of_what_is_served(client, path):
    response = client.get(path)
    assert response.content_type.startswith("text/html")
    scripts = [
        attributes
        for attributes in SCRIPT.findall(response.get_data(as_text=True))
        if "src=" in attributes
    ]
    assert scripts, "every page loads at least app.js"
    for attributes in scripts:
        src = re.search(r'src="([^"]+)"', attributes).group(1)
        integrity = re.search(r'integrity="([^"]+)"', attributes)
        assert integrity, f"{path}: <script{attributes}> has no integrity"
        assert src.startswith("/static/")  # same origin, no crossorigin attribute needed
        served = client.get(src, headers={"Accept-Encoding": "identity"}).get_data()
        assert integrity.group(1) == sri(served)


def test_a_changed_script_gets_a_new_digest(make_app, tmp_path):
    """The digest follows the file's bytes (so a tampered copy would be refused)."""
    app = make_app()
    with app.test_request_context():
        from webapp import assets

        before = assets.integrity("js/app.js")
        app.extensions["asset_integrity"]["js/app.js"] = sri(b"tampered")
        tag = str(assets.script_tag("js/app.js"))
    assert before != sri(b"tampered") and sri(b"tampered") in tag
    assert "defer></script>" in tag
