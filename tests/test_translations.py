"""Every catalog is complete and consistent, and the committed template is up to date."""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po

from webapp import translate
from webapp.languages import LANGUAGES

TRANSLATED = [lang for lang in LANGUAGES if lang.code != "en"]
PLACEHOLDER = re.compile(r"%\((\w+)\)s|%s|%d")


def catalog(locale: str):
    path = translate.TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as f:
        return read_po(f, locale=locale)


def messages(cat):
    return [m for m in cat if m.id]


@pytest.mark.parametrize("lang", TRANSLATED, ids=lambda lang: lang.code)
def test_catalog_is_complete(lang):
    cat = catalog(lang.locale)
    empty = [
        m.id
        for m in messages(cat)
        if not (m.string if isinstance(m.string, str) else all(m.string))
    ]
    fuzzy = [m.id for m in messages(cat) if m.fuzzy]
    assert empty == [], f"{len(empty)} untranslated in {lang.code}"
    assert fuzzy == [], f"{len(fuzzy)} fuzzy in {lang.code}"


@pytest.mark.parametrize("lang", TRANSLATED, ids=lambda lang: lang.code)
def test_placeholders_match_the_english(lang):
    wrong = []
    for m in messages(catalog(lang.locale)):
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        expected = sorted(PLACEHOLDER.findall(ids[0]))
        wrong += [m.id for s in strings if sorted(PLACEHOLDER.findall(s)) != expected]
    assert wrong == []


@pytest.mark.parametrize("lang", TRANSLATED, ids=lambda lang: lang.code)
def test_catalog_matches_the_template(lang):
    template = {m.id for m in messages(catalog_template())}
    assert {m.id for m in messages(catalog(lang.locale))} == template


def catalog_template():
    with translate.POT.open("rb") as f:
        return read_po(f)


def test_committed_template_is_up_to_date(tmp_path):
    fresh = tmp_path / "messages.pot"
    translate.extract(fresh)
    with fresh.open("rb") as f:
        extracted = {m.id for m in read_po(f) if m.id}
    committed = {m.id for m in messages(catalog_template())}
    assert extracted - committed == set(), "run: python -m webapp.translate update"
    assert committed - extracted == set(), "run: python -m webapp.translate update"
