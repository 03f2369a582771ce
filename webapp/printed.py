"""Paper: the QR codes, the one-page handout per language and the waiting-room poster.

A printed code must open the real address for years, so it encodes exactly PUBLIC_URL +
`/<lang>/` (no tracking parameters), as a regular QR code (never Micro QR) with error
correction M or better and the quiet zone kept. Staff are warned on screen when the
address they are about to print is not a public https one.
"""

from __future__ import annotations

import hashlib
import io
import ipaddress
from functools import lru_cache
from urllib.parse import urlsplit

import segno
from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from .build import IMMUTABLE
from .i18n import public_base
from .languages import LANGUAGES, negotiate

bp = Blueprint("printed", __name__)

INVITATION = _l("Back pain or spasms? Scan for a guide in your language. It works offline.")
SCAN_LINE = _l("Scan to keep this guide on your phone — it works offline")


def guide_address(lang: str) -> str:
    """What a printed code for this language opens."""
    return public_base() + url_for("guide.page", lang=lang)


@lru_cache(maxsize=64)
def _render(address: str, kind: str) -> tuple[bytes, str]:
    """The code's bytes and type; kept for the few addresses of the offered languages."""
    code = segno.make_qr(address, error="m")  # make_qr: never a Micro QR
    out = io.BytesIO()
    if kind == "svg":
        code.save(
            out, kind="svg", border=4, omitsize=True, xmldecl=False, dark="#000", light="#fff"
        )
        return out.getvalue(), "image/svg+xml; charset=utf-8"
    code.save(out, kind="png", border=4, scale=10, dark="#000", light="#fff")
    return out.getvalue(), "image/png"


def qr_version(lang: str) -> str:
    return hashlib.sha256(guide_address(lang).encode()).hexdigest()[:10]


def qr_url(lang: str, kind: str = "svg") -> str:
    """The code's URL, versioned by the address it encodes (so it can be cached for good)."""
    return url_for("printed.qr", lang=lang, kind=kind, v=qr_version(lang))


@bp.get("/qr/<lang:lang>.<any(svg, png):kind>")
def qr(lang: str, kind: str):
    """Served from the build in production; rendered here in development (and for it)."""
    try:
        body, content_type = _render(guide_address(lang), kind)
    except segno.DataOverflowError:  # an address too long for any QR code (a forged Host)
        abort(400)
    fresh = request.args.get("v") == qr_version(lang)
    response = Response(body, content_type=content_type)
    response.headers["Cache-Control"] = IMMUTABLE if fresh else "no-cache"
    return response


def address_problem() -> str | None:
    """Why the address on paper may not work for patients, or None when it looks right."""
    configured = current_app.config.get("PUBLIC_URL")
    if not configured:
        return "unset"
    parts = urlsplit(configured)
    host = parts.hostname or ""
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = host == "localhost" or host.endswith(".localhost")
    if loopback:
        return "loopback"
    if parts.scheme != "https":
        return "http"
    return None


@bp.get("/<lang:lang>/handout")
def handout(lang: str):
    return render_template(
        "handout.html",
        address=guide_address(lang),
        qr_src=qr_url(lang),
        problem=address_problem(),
        scan_line=SCAN_LINE,
    )


@bp.get("/poster")
def choose_poster():
    """The address printed in older instructions: the poster in the negotiated language."""
    response = redirect(url_for("printed.poster", lang=negotiate(request).code), code=302)
    response.headers["Vary"] = "Accept-Language, Cookie"
    response.headers["Cache-Control"] = "no-cache"
    return response


@bp.get("/<lang:lang>/poster")
def poster(lang: str):
    """Every offered language's code, each labelled in its own language; the page around
    them in `lang`, the language of the staff member printing it."""
    codes = []
    for lang in LANGUAGES:
        with force_locale(lang.locale):
            invitation = str(INVITATION)
        codes.append(
            {
                "lang": lang,
                "invitation": invitation,
                "src": qr_url(lang.code),
                "address": guide_address(lang.code),
            }
        )
    return render_template("poster.html", codes=codes, problem=address_problem())
