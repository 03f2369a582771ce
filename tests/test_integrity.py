"""Scripts: every page loads only the modules it uses, each with the digest of the bytes
served (Subresource Integrity)."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest

from webapp.languages import LANGUAGES

from .support.check_form import Patient
from .support.pages import MISSING, PAGES

EVERY_PAGE = [page.format(code=lang.code) for lang in LANGUAGES for page in (*PAGES, MISSING)]
SCRIPT = re.compile(r"<script\b([^>]*)>")
#: What each page runs, beyond site.js (language memory, offline, install) on every page.
MODULES = {
    "/{code}/": [],
    "/{code}/check": ["check.js"],
    "/{code}/card": ["print.js"],
    "/{code}/handout": ["print.js"],
    "/{code}/offline": [],
    "/{code}/plan": ["plan.js"],
    "/{code}/diary": ["diary.js"],
    "/{code}/diary/print": ["print.js"],
    "/{code}/poster": ["print.js"],
    MISSING: [],
}
#: The staff's pages (signed in): the builder and the plan it made.
STAFF_MODULES = {"/{code}/plan/new": ["builder.js"]}


def scripts_of(html: str) -> list[str]:
    """The attributes of each `<script src>` tag."""
    return [attributes for attributes in SCRIPT.findall(html) if "src=" in attributes]


def sri(body: bytes) -> str:
    return "sha384-" + base64.b64encode(hashlib.sha384(body).digest()).decode()


@pytest.mark.parametrize("path", EVERY_PAGE)
def test_every_script_tag_has_the_digest_of_what_is_served(client, path):
    response = client.get(path)
    assert response.content_type.startswith("text/html")
    scripts = scripts_of(response.get_data(as_text=True))
    assert scripts, "every page loads at least site.js"
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

        before = assets.integrity("js/site.js")
        app.extensions["asset_integrity"]["js/site.js"] = sri(b"tampered")
        tag = str(assets.script_tag("js/site.js"))
    assert before != sri(b"tampered") and sri(b"tampered") in tag
    assert tag.startswith('<script type="module"')


@pytest.mark.parametrize("page", list(MODULES))
def test_each_page_loads_only_the_modules_it_uses(client, page):
    """site.js everywhere, then the page's own module; every script a native ES module
    (no build step, deferred, strict) that imports nothing, so its digest covers all it runs."""
    for code in ("en", "ar"):
        html = client.get(page.format(code=code)).get_data(as_text=True)
        scripts = scripts_of(html)
        names = [re.search(r'src="/static/js/([^"?]+)', attrs).group(1) for attrs in scripts]
        assert sorted(names) == sorted(["site.js", *MODULES[page]]), (page, code)
        assert all('type="module"' in attrs for attrs in scripts), scripts


@pytest.mark.parametrize("page", list(STAFF_MODULES))
def test_the_staff_pages_load_only_their_module(staff_client, page):
    for code in ("en", "ar"):
        html = staff_client.get(page.format(code=code)).get_data(as_text=True)
        names = [re.search(r'src="/static/js/([^"?]+)', a).group(1) for a in scripts_of(html)]
        assert sorted(names) == sorted(["site.js", *STAFF_MODULES[page]]), (page, code)


def test_every_module_in_static_js_is_loaded_by_some_page_and_imports_nothing(app):
    """A file no page loads is dead code; an `import` would run bytes no digest covers."""
    folder = Path(app.static_folder) / "js"
    pages = {**MODULES, **STAFF_MODULES}
    loaded = {"site.js", *(name for names in pages.values() for name in names)}
    assert {path.name for path in folder.glob("*.js")} == loaded
    for path in folder.glob("*.js"):
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"^\s*import\b|\bimport\(", source, re.M), path.name


def test_the_server_screens_of_the_check_load_no_check_module(client):
    """Without JavaScript the check is a page per screen: those pages need no script."""
    patient = Patient(client)
    patient.submit("no")
    assert "Step 2 of" in patient.html
    assert "check.js" not in patient.html and "site.js" in patient.html
