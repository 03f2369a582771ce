"""No page in any language asks the browser for anything from another origin: every
resource it loads (scripts, styles, images, icons, the manifest, CSS `url()`) is our own.
The CSP would block such a request (`default-src 'none'`, then `'self'` only), so this
catches the broken page before a patient sees it; the browser walk in
tests/e2e/test_privacy_browser.py proves the whole visit, worker included."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from webapp.languages import LANGUAGES

from .support.pages import MISSING, PAGES

#: Attributes a browser fetches without a click (`<link>` except alternates, which are
#: addresses for search engines, not requests).
FETCHED = {"src", "srcset", "poster", "data", "action"}


class Resources(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if name in FETCHED and value:
                self.urls.extend(part.split()[0] for part in value.split(","))
        if tag == "link" and attributes.get("rel") != "alternate" and attributes.get("href"):
            self.urls.append(attributes["href"])


def foreign(url: str) -> bool:
    return bool(re.match(r"^([a-z][a-z0-9+.-]*:)?//", url, re.I)) and not url.startswith("data:")


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_every_page_loads_only_its_own_origin(client, lang):
    found = []
    styles = set()
    for pattern in (*PAGES, MISSING):
        path = pattern.format(code=lang.code)
        parser = Resources()
        parser.feed(client.get(path).get_data(as_text=True))
        assert parser.urls, path  # the parser sees the page's resources at all
        found += [(path, url) for url in parser.urls if foreign(url)]
        styles.update(url for url in parser.urls if url.startswith("/static/css/"))
    for url in styles:
        css = client.get(url).get_data(as_text=True)
        refs = (ref.strip("'\"") for ref in re.findall(r"url\(([^)]*)\)", css))
        found += [(url, ref) for ref in refs if foreign(ref)]
    manifest = client.get(f"/{lang.code}/manifest.webmanifest").get_json()
    icons = [item["src"] for item in manifest["icons"] + manifest.get("screenshots", [])]
    found += [("manifest", url) for url in icons if foreign(url)]
    assert found == []


def test_a_foreign_url_is_found():
    """The test above would see a CDN script, a protocol-relative image or a CSS import."""
    for html in (
        '<script src="https://cdn.example/x.js"></script>',
        '<img src="//tracker.example/p.gif" alt="">',
        '<link rel="stylesheet" href="http://fonts.example/css">',
    ):
        parser = Resources()
        parser.feed(html)
        assert [url for url in parser.urls if foreign(url)], html
    assert not foreign("/static/js/site.js?v=1") and not foreign("tel:112")
