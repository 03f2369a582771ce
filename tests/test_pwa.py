"""The service worker's build, caching headers and hashed assets (browser tests: tests/e2e)."""

from __future__ import annotations

import json
import re

import pytest

from webapp.languages import LANGUAGES
from webapp.security import CSP


def build_of(client) -> dict:
    source = client.get("/sw.js").get_data(as_text=True)
    return json.loads(re.search(r"const BUILD = (\{.*?\});", source).group(1))


def test_sw_is_served_at_the_root_with_no_cache_and_the_page_csp(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/javascript")
    assert response.headers["Cache-Control"] == "no-cache"
    assert response.headers["Content-Security-Policy"] == CSP
    assert response.headers["ETag"]
    again = client.get("/sw.js", headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304


def test_precache_lists_every_page_of_each_language_and_every_asset(client):
    build = build_of(client)
    spanish = build["languages"]["es"]
    assert spanish == [
        "/es/",
        "/es/check",
        "/es/card",
        "/es/offline",
        "/es/plan",
        "/es/diary",
        "/es/manifest.webmanifest",
    ]
    shared = build["shared"]
    assert any(url.startswith("/static/css/site.css?v=") for url in shared)
    assert any(url.startswith("/static/js/site.js?v=") for url in shared)
    assert any(url.startswith("/static/icons/icon.svg?v=") for url in shared)
    assert not any("maskable" in url or "-512" in url for url in shared)  # install only
    assert not any("screenshots" in url for url in shared)
    for url in shared + [u for urls in build["languages"].values() for u in urls]:
        assert client.get(url).status_code == 200, url


def test_version_changes_with_content_and_not_otherwise(make_app):
    two = {"LANGUAGES": "en,ar"}  # the point is the version, not the languages
    first = build_of(make_app(CLINIC_NAME="A", **two).test_client())["version"]
    same = build_of(make_app(CLINIC_NAME="A", **two).test_client())["version"]
    changed = build_of(make_app(CLINIC_NAME="B", **two).test_client())["version"]
    assert first == same != changed


def test_version_changes_when_an_asset_changes(make_app, tmp_path, monkeypatch):
    app = make_app(LANGUAGES="en,ar")
    before = build_of(app.test_client())["version"]
    app.extensions.pop("build")  # as after a restart: the build is made once per process
    app.extensions["asset_hashes"] = {
        **app.extensions["asset_hashes"],
        "css/site.css": "0000000000",
    }
    assert build_of(app.test_client())["version"] != before


def test_kill_switch_serves_the_retiring_worker(make_app):
    app = make_app(SERVICE_WORKER_KILL_SWITCH="1")
    client = app.test_client()
    source = client.get("/sw.js").get_data(as_text=True)
    assert "registration.unregister()" in source and "caches.delete" in source
    assert "data-sw" not in client.get("/en/").get_data(as_text=True)
    assert 'data-sw="/sw.js"' in make_app().test_client().get("/en/").get_data(as_text=True)


def test_hashed_static_urls_are_immutable_and_others_revalidate(client):
    html = client.get("/en/").get_data(as_text=True)
    css = re.search(r'href="(/static/css/site\.css\?v=\w+)"', html).group(1)
    assert client.get(css).headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert client.get("/static/css/site.css").headers["Cache-Control"] == "no-cache"
    assert client.get("/static/css/site.css?v=stale").headers["Cache-Control"] == "no-cache"
    # One reading of ?v= (nginx's is the same): exactly `v=<current>`, nothing around it.
    good = css.split("?", 1)[1]
    variants = (good.upper(), "V" + good[1:], f"{good}&v=stale", f"v=stale&{good}", f"x=1&{good}")
    for query in variants:
        response = client.get(f"/static/css/site.css?{query}")
        assert response.headers["Cache-Control"] == "no-cache", query


def test_pages_revalidate_with_an_etag(client):
    for url in ("/en/", "/en/check", "/en/offline", "/en/manifest.webmanifest"):
        response = client.get(url)
        assert response.headers["Cache-Control"] == "no-cache"
        etag = response.headers["ETag"]
        assert client.get(url, headers={"If-None-Match": etag}).status_code == 304


def test_every_page_links_its_language_manifest(client):
    for code in ("en", "ar"):
        html = client.get(f"/{code}/").get_data(as_text=True)
        assert f'<link rel="manifest" href="/{code}/manifest.webmanifest">' in html


def test_offline_page_links_what_is_saved(client):
    html = client.get("/de/offline").get_data(as_text=True)
    assert 'href="/de/"' in html and 'href="/de/check"' in html


def test_building_the_worker_renders_each_language_in_its_own_language(make_app):
    client = make_app().test_client()
    client.get("/sw.js")  # renders every saved page once, inside this request
    assert '<html lang="fr"' in client.get("/fr/").get_data(as_text=True)
    assert "Spasmes" in client.get("/fr/").get_data(as_text=True)
    assert "腰背痉挛" in client.get("/zh/check").get_data(as_text=True)


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_every_language_manifest_has_what_installing_needs(client, lang):
    """What Chromium's installability check reads, in every language (the browser itself
    runs that check in three: tests/e2e/test_offline_browser.py::test_installable)."""
    response = client.get(f"/{lang.code}/manifest.webmanifest")
    assert response.content_type.startswith("application/manifest+json")
    manifest = response.get_json()
    english = client.get("/en/manifest.webmanifest").get_json()
    assert manifest["lang"] == lang.html_lang and manifest["dir"] == lang.dir
    assert manifest["name"] and manifest["short_name"] and manifest["display"] == "standalone"
    if lang.code != "en":
        assert manifest["name"] != english["name"]  # translated
    assert manifest["start_url"] == f"/{lang.code}/" and manifest["scope"] == "/"
    sizes = {icon["sizes"] for icon in manifest["icons"] if icon["type"] == "image/png"}
    assert {"192x192", "512x512"} <= sizes
    for icon in manifest["icons"]:
        assert client.get(icon["src"]).status_code == 200, icon["src"]
    assert client.get(manifest["start_url"]).status_code == 200
