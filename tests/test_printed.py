"""QR codes, the handout and the poster, checked with the test client and a real decoder."""

from __future__ import annotations

import io
import re
from html import unescape

import pytest
import segno
import zxingcpp
from flask_babel import force_locale, gettext
from PIL import Image

from webapp import content
from webapp.languages import BY_CODE, LANGUAGES

from .support.clinic import CLINIC

PUBLIC = "https://guide.riverside-pt.example"


def decode_png(data: bytes) -> list[str]:
    return [result.text for result in zxingcpp.read_barcodes(Image.open(io.BytesIO(data)))]


@pytest.fixture
def public_client(make_app):
    return make_app(PUBLIC_URL=PUBLIC, **CLINIC).test_client()


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_png_decodes_to_public_url_plus_language(public_client, lang):
    response = public_client.get(f"/qr/{lang.code}.png", base_url=PUBLIC)
    assert response.status_code == 200
    assert response.mimetype == "image/png"
    assert decode_png(response.data) == [f"{PUBLIC}/{lang.code}/"]


def test_without_public_url_the_code_uses_the_request_address(client):
    assert decode_png(client.get("/qr/es.png").data) == ["http://localhost/es/"]


def test_a_regular_qr_code_with_error_correction_m_and_a_quiet_zone(public_client):
    result = zxingcpp.read_barcodes(
        Image.open(io.BytesIO(public_client.get("/qr/en.png", base_url=PUBLIC).data))
    )[0]
    assert result.format == zxingcpp.BarcodeFormat.QRCode  # not MicroQRCode
    assert result.ec_level in ("M", "Q", "H")
    image = Image.open(io.BytesIO(public_client.get("/qr/en.png", base_url=PUBLIC).data))
    module = 10
    border = image.crop((0, 0, image.width, 4 * module)).convert("L")
    assert border.getextrema() == (255, 255)  # four white modules all round
    assert segno.make_qr(f"{PUBLIC}/en/", error="m").is_micro is False


def test_svg_is_dark_on_white_without_inline_style(public_client):
    svg = public_client.get("/qr/ar.svg", base_url=PUBLIC).get_data(as_text=True)
    assert svg.startswith("<svg") and "viewBox" in svg
    assert 'fill="#fff"' in svg and 'stroke="#000"' in svg
    assert "style" not in svg


def test_codes_are_cached_for_good_only_under_their_versioned_url(client):
    html = client.get("/en/handout").get_data(as_text=True)
    src = re.search(r'<img src="(/qr/en\.svg\?v=\w+)"', html).group(1)
    assert client.get(src).headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert client.get("/qr/en.svg").headers["Cache-Control"] == "no-cache"


def test_unknown_language_or_kind_is_a_404(client):
    assert client.get("/qr/xx.svg").status_code == 404
    assert client.get("/qr/en.gif").status_code == 404
    assert client.get("/qr/en.svg/").status_code == 404


def test_handout_carries_the_key_messages_warning_signs_and_the_code(public_client):
    html = public_client.get("/en/handout", base_url=PUBLIC).get_data(as_text=True)
    for sign in content.WARNING_SIGNS:
        assert str(sign.name) in html  # names on paper; the details are on the guide
    assert 'Call <bdi dir="ltr">911</bdi> now:' in html
    assert "Riverside Physical Therapy" in html and "+1 555 010 0200" in html
    assert "Scan to keep this guide on your phone — it works offline" in html
    assert f'<bdi dir="ltr">{PUBLIC}/en/</bdi>' in html
    assert 'id="print-button"' in html
    assert "staff-warning" not in html  # a public https address: nothing to warn about


@pytest.mark.parametrize(
    ("public_url", "warning"),
    [
        (None, "PUBLIC_URL is not set"),
        ("http://127.0.0.1:8000", "only works on this computer"),
        ("http://localhost:8000", "only works on this computer"),
        ("http://guide.example", "plain http address"),
    ],
)
def test_staff_are_warned_when_the_address_will_not_work_on_paper(make_app, public_url, warning):
    client = make_app(PUBLIC_URL=public_url).test_client()
    for path in ("/en/handout", "/en/poster"):
        html = client.get(path).get_data(as_text=True)
        assert "staff-warning" in html and warning in html


def test_poster_has_every_language_labelled_in_its_own_language(public_client):
    html = public_client.get("/en/poster", base_url=PUBLIC).get_data(as_text=True)
    for lang in LANGUAGES:
        assert f'<img src="/qr/{lang.code}.svg?v=' in html
        label = f'<div class="poster-label" lang="{lang.html_lang}" dir="{lang.dir}">'
        assert label in html
        assert f'<p class="poster-language">{lang.native_name}</p>' in html
    invitations = re.findall(r'<p class="poster-invitation">([^<]+)</p>', html)
    assert len(set(invitations)) == len(LANGUAGES)  # each one in its own language


def test_footer_leads_clinics_to_the_handout_and_poster(client):
    html = client.get("/fr/").get_data(as_text=True)
    assert 'href="/fr/handout"' in html and 'href="/fr/poster"' in html


@pytest.mark.parametrize("staff", ["es", "ar"])
def test_staff_warning_is_in_the_language_staff_read(make_app, staff):
    """The patient's handout is in German or Vietnamese; the person printing it reads
    CLINIC_LANGUAGE, so the warning is in that language, marked with its lang and dir."""
    app = make_app(CLINIC_LANGUAGE=staff)
    lang = BY_CODE[staff]
    with app.test_request_context(), force_locale(lang.locale):
        heading = gettext("For staff: check the address before printing")
    assert heading != "For staff: check the address before printing"  # really translated
    client = app.test_client()
    for path in ("/de/handout", "/vi/handout", "/en/poster"):
        html = client.get(path).get_data(as_text=True)
        found = re.search(
            r'<div class="staff-warning" role="note" lang="([^"]+)" dir="([^"]+)">\s*'
            r"<h2>([^<]+)</h2>\s*<p>([^<]+)</p>",
            html,
        )
        assert found, path
        assert found.group(1, 2) == (lang.html_lang, lang.dir)
        assert unescape(found.group(3)) == heading
        assert "http://localhost/" in unescape(found.group(4))  # the address it would print
