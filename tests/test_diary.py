"""The diary's pages as the server sends them (the browser behaviour: tests/e2e/test_diary_*)."""

from __future__ import annotations

import json
import re

import pytest

from webapp import content
from webapp.languages import LANGUAGES


def texts_of(html: str) -> dict:
    found = re.search(r'<script type="application/json" id="diary-texts">(.*?)</script>', html)
    return json.loads(found.group(1))


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_diary_page_in_every_language(client, lang):
    response = client.get(f"/{lang.code}/diary")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-cache"  # the same page for everyone
    html = response.get_data(as_text=True)
    assert f'<html lang="{lang.html_lang}" dir="{lang.dir}"' in html
    assert re.search(
        r'<script type="module" src="/static/js/diary\.js\?v=\w+" integrity="sha384-', html
    )
    assert re.search(r'<link rel="stylesheet" href="/static/css/diary\.css\?v=\w+">', html)
    # Safety: the check, the card, and the four warning signs with the emergency line.
    assert f'<a href="/{lang.code}/check">' in html
    assert f'<a href="/{lang.code}/card">' in html
    assert html.count('<li data-sign="') == len(content.WARNING_SIGNS)
    assert 'class="emergency-line"' in html
    # Without JavaScript: said so, and the paper diary linked.
    noscript = html[html.index("<noscript>") : html.index("</noscript>")]
    assert f'href="/{lang.code}/diary/print"' in noscript
    # The pain scale: eleven choices, with its words at both ends.
    assert len(re.findall(r'<input type="radio" name="pain" value="\d+"', html)) == 11
    # Nothing is ever posted from this page.
    assert 'method="post"' not in html
    texts = texts_of(html)
    assert texts["restored"].count("%(added)s") == 1 and texts["pain"].count("%(pain)s") == 1


def test_the_diary_script_and_styles_load_only_on_diary_pages(client):
    for path in ("/en/", "/en/check", "/en/handout"):
        html = client.get(path).get_data(as_text=True)
        assert "diary.js" not in html and "diary.css" not in html
    assert "diary.js" not in client.get("/en/diary/print").get_data(as_text=True)


def test_summary_headings_in_the_patients_and_the_clinics_language(make_app):
    client = make_app(CLINIC_LANGUAGE="es").test_client()
    html = client.get("/fr/diary").get_data(as_text=True)
    table = html.split('id="summary-table"')[1].split("</table>")[0]
    assert '<th scope="row" lang="fr" dir="ltr">Jours avec un spasme</th>' in table
    assert '<th scope="row" lang="es" dir="ltr">Días con espasmo</th>' in table
    assert '<p lang="es" dir="ltr"><strong>Resumen del diario de dolor</strong></p>' in html
    # The CSV is for the clinic: its header row is in the clinic's language.
    columns = texts_of(html)["csvColumns"]
    assert columns["pain"] == "Dolor (0–10)" and columns["walked"] == "Minutos caminados"
    assert texts_of(html)["csvYesNo"] == {"yes": "Sí", "no": "No"}
    # Same language: one column of headings, not the same twice.
    same = client.get("/es/diary").get_data(as_text=True)
    assert (
        same.count('<th scope="row" lang="es"') == 11
        and 'lang="fr"' not in same.split('id="summary-table"')[1].split("</table>")[0]
    )


def test_arabic_summary_keeps_each_column_in_its_own_direction(client):
    html = client.get("/ar/diary").get_data(as_text=True)
    assert '<th scope="row" lang="ar" dir="rtl">' in html
    assert '<th scope="row" lang="en" dir="ltr">Days with a spasm</th>' in html


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_paper_diary_in_every_language(client, lang):
    response = client.get(f"/{lang.code}/diary/print")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    body = html[html.index("<tbody>") : html.index("</tbody>")]
    assert body.count("<tr>") == 14
    assert html.count('<li data-sign="') == len(content.WARNING_SIGNS)
    assert "/static/js/diary.js" not in html  # paper needs no diary module
    assert f"/{lang.code}/check</bdi>" in html  # on paper: the address, not just a link


def test_paper_diary_english_has_every_field(client):
    html = client.get("/en/diary/print").get_data(as_text=True)
    for words in (
        "0 = no pain",
        "10 = worst pain you can imagine",
        "A warning sign? Run the check.",
        "Date and time",
        "Spasm",
        "Minutes walked",
        "Plan items done",
        "Note",
        str(content.WARNING_SIGNS[0].name),
    ):
        assert words in html, words


def test_only_get_is_allowed(client):
    for path in ("/en/diary", "/en/diary/print"):
        response = client.post(path, data={"pain": "5"})
        assert response.status_code == 405
        assert "<html" in response.get_data(as_text=True)


def test_unknown_language_is_a_404(client):
    assert client.get("/xx/diary").status_code == 404
