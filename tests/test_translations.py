"""Every catalog is complete and consistent, and the committed template is up to date."""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po

from webapp import translate
from webapp.i18n import clinical_review
from webapp.languages import LANGUAGES

TRANSLATED = [lang for lang in LANGUAGES if lang.code != "en"]
PLACEHOLDER = re.compile(r"%\((\w+)\)s|%s|%d")


def catalog(locale: str):
    path = translate.TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as f:
        return read_po(f, locale=locale)


def messages(cat):
    return [m for m in cat if m.id]


def strings(locale: str) -> list[str]:
    """Every translated text of a catalog, each plural form on its own."""
    found = []
    for m in messages(catalog(locale)):
        found += m.string if isinstance(m.string, tuple) else [m.string]
    return found


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


@pytest.mark.parametrize("lang", TRANSLATED, ids=lambda lang: lang.code)
def test_every_catalog_records_its_clinical_review(lang):
    folder = str(translate.TRANSLATIONS)
    assert clinical_review(folder, lang.locale) == "none"  # no bilingual clinician yet


def test_a_language_without_review_says_so_in_its_footer(client):
    german = client.get("/de/").get_data(as_text=True)
    footer = german[german.index('<footer class="site-footer">') :]
    assert "noch nicht von einer medizinischen Fachkraft geprüft" in footer
    english = client.get("/en/").get_data(as_text=True)
    assert "not yet been checked by a clinician" not in english  # the source text


def test_a_recorded_review_is_read_and_kept_by_update(tmp_path):
    catalog = tmp_path / "es" / "LC_MESSAGES" / "messages.po"
    catalog.parent.mkdir(parents=True)
    source = (translate.TRANSLATIONS / "es" / "LC_MESSAGES" / "messages.po").read_text("utf-8")
    reviewed = '"X-Clinical-Review: 2026-12-01, Dr A. Example (fluent in Spanish)\\n"'
    catalog.write_text(source.replace(translate.UNREVIEWED, reviewed), encoding="utf-8")
    assert clinical_review(str(tmp_path), "es") == "2026-12-01, Dr A. Example (fluent in Spanish)"
    # pybabel rewrites the header without it; update puts the record back where it was.
    records = {catalog: reviewed}
    catalog.write_text(source.replace(translate.UNREVIEWED + "\n", ""), encoding="utf-8")
    translate.keep_review_records(records)
    clinical_review.cache_clear()
    assert clinical_review(str(tmp_path), "es").startswith("2026-12-01")
    assert catalog.read_text("utf-8").count("X-Clinical-Review") == 1


def test_french_uses_narrow_no_break_spaces():
    wrong = []
    for text in strings("fr"):
        if re.search(r"[ \u00a0][?!:;]|\w[?!;]|«[^\u202f]|[^\u202f]»", text):
            wrong.append(text)
    assert wrong == []


def test_portuguese_is_brazilian_throughout():
    # Words and forms of European Portuguese that a Brazilian reader would trip over.
    european = re.compile(
        r"\b(telemóvel|ecrã|autocarro|utilizador|contacte|contactar|registo|facto|casa de banho)\b"
        r"|\b(está|estão|estar|estou) a \w+r\b",  # "está a fazer": Brazil says "está fazendo"
        re.IGNORECASE,
    )
    assert [text for text in strings("pt") if european.search(text)] == []


def test_spanish_is_neutral_latin_american():
    # Spain's forms: vosotros, and words Latin America says otherwise (celular, computadora).
    spain = re.compile(
        r"\b(vosotros|vuestr[oa]s?|móvil|ordenador|coger|zumo|vale)\b|\b\w+(áis|éis)\b",
        re.IGNORECASE,
    )
    assert [text for text in strings("es") if spain.search(text)] == []
