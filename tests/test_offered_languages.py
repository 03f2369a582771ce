"""`LANGUAGES`: a clinic offers some of the guide's languages, and patients see only those."""

from __future__ import annotations

import json
import re

import pytest

from webapp import settings
from webapp.languages import BY_CODE, LANGUAGES

OFFERED = "en,es,vi,zh"
HIDDEN = [lang for lang in LANGUAGES if lang.code not in OFFERED.split(",")]


@pytest.fixture
def clinic(make_app):
    return make_app(LANGUAGES=OFFERED, PUBLIC_URL="https://guide.example.org").test_client()


def hrefs(html: str) -> set[str]:
    return set(re.findall(r'href="([^"]+)"', html))


def test_default_is_every_language(app):
    assert app.config["LANGUAGES"] == tuple(lang.code for lang in LANGUAGES)
    assert len(LANGUAGES) == 16


@pytest.mark.parametrize("value", ["en,xx", "en, es, klingon", "zh_Hans"])
def test_an_unknown_code_stops_start_up_with_a_clear_message(make_app, value):
    with pytest.raises(settings.ConfigurationError, match=r"LANGUAGES names .* comma-separated"):
        make_app(LANGUAGES=value)


def test_codes_are_read_loosely_but_kept_in_the_guides_order(make_app):
    app = make_app(LANGUAGES=" ZH_hant , en,en, fa ")
    assert app.config["LANGUAGES"] == ("zh-hant", "en", "fa")
    with app.test_request_context():
        from webapp.languages import offered

        assert [lang.code for lang in offered()] == ["en", "fa", "zh-hant"]


def test_switcher_hreflang_and_404_offer_only_those(clinic):
    html = clinic.get("/es/").get_data(as_text=True)
    switcher = html[html.index('class="lang-switch"') : html.index("</details>")]
    assert re.findall(r'data-lang="([^"]+)"', switcher) == ["en", "es", "vi", "zh"]
    assert re.findall(r'hreflang="([^"]+)" href=', html) == [
        "en",
        "es",
        "vi",
        "zh-Hans",
        "x-default",
    ]
    page = clinic.get("/nowhere").get_data(as_text=True)
    assert {h for h in hrefs(page) if re.fullmatch(r"/[a-z-]+/", h)} == {
        "/en/",
        "/es/",
        "/vi/",
        "/zh/",
    }


@pytest.mark.parametrize("lang", HIDDEN, ids=lambda lang: lang.code)
def test_a_language_not_offered_answers_404_with_links_to_the_offered_ones(clinic, lang):
    for path in (f"/{lang.code}/", f"/{lang.code}/check", f"/{lang.code}/manifest.webmanifest"):
        response = clinic.get(path, headers={"Accept-Language": "es"})
        assert response.status_code == 404, path
    html = response.get_data(as_text=True)
    assert '<html lang="es"' in html
    assert "no se ofrece aquí en ese idioma" in html
    assert {"/en/", "/es/", "/vi/", "/zh/"} <= hrefs(html)
    assert f'href="/{lang.code}/"' not in html


@pytest.mark.parametrize(
    ("accept", "cookie", "expected"),
    [
        ("fa-IR,fa;q=0.9", None, "en"),  # not offered: the fallback
        ("ko, vi;q=0.5", None, "vi"),  # the first offered one in the patient's list
        ("zh-TW", None, "zh"),  # Traditional not offered: Simplified before English
        ("de", "ru", "en"),  # a saved choice the clinic no longer offers is ignored
        ("de", "vi", "vi"),
    ],
)
def test_root_negotiates_among_the_offered_languages(clinic, accept, cookie, expected):
    if cookie:
        clinic.set_cookie("lang", cookie)
    response = clinic.get("/", headers={"Accept-Language": accept})
    assert response.headers["Location"] == f"/{expected}/"


def test_without_english_negotiation_falls_back_to_the_clinics_language(make_app):
    client = make_app(LANGUAGES="tr,ru,uk,pl,de", CLINIC_LANGUAGE="de").test_client()
    assert client.get("/", headers={"Accept-Language": "ja"}).headers["Location"] == "/de/"
    client = make_app(LANGUAGES="tr,ru", CLINIC_LANGUAGE="en").test_client()
    assert client.get("/", headers={"Accept-Language": "ja"}).headers["Location"] == "/ru/"


def test_poster_precache_and_manifests_follow_the_setting(clinic):
    poster = clinic.get("/en/poster").get_data(as_text=True)
    assert re.findall(r'class="poster-label" lang="([^"]+)"', poster) == [
        "en",
        "es",
        "vi",
        "zh-Hans",
    ]
    source = clinic.get("/sw.js").get_data(as_text=True)
    build = json.loads(re.search(r"const BUILD = (\{.*?\});", source).group(1))
    for key in ("languages", "everyLanguage", "offline"):
        assert list(build[key]) == ["en", "es", "vi", "zh"], key
    saved = " ".join(build["shared"] + [u for urls in build["languages"].values() for u in urls])
    for lang in HIDDEN:
        assert f"/{lang.code}/" not in saved
        assert clinic.get(f"/{lang.code}/manifest.webmanifest").status_code == 404


def test_the_export_writes_only_the_offered_languages(tmp_path):
    from webapp import export

    export.export(tmp_path / "site", "https://guide.example.org", LANGUAGES="fa,en")
    written = {p.name for p in (tmp_path / "site").iterdir() if p.is_dir()}
    assert {"en", "fa"} <= written
    assert not written & {lang.code for lang in LANGUAGES if lang.code not in ("en", "fa")}
    page = (tmp_path / "site" / "fa" / "index.html").read_text(encoding="utf-8")
    assert 'dir="rtl"' in page and 'data-lang="en"' in page and 'data-lang="es"' not in page


def test_every_code_maps_to_its_catalog():
    assert BY_CODE["zh-hant"].locale == "zh_Hant" and BY_CODE["zh-hant"].html_lang == "zh-Hant"
    assert BY_CODE["fa"].dir == "rtl" and BY_CODE["fil"].locale == "fil"
