"""Paper: the QR codes, the one-page handout per language and the waiting-room poster.

A printed code must open the real address for years, so it encodes exactly PUBLIC_URL +
`/<lang>/` (no tracking parameters), as a regular QR code (never Micro QR) with error
correction M or better and the quiet zone kept. Staff are warned on screen when the
address they are about to print is not a public https one.
"""

from __future__ import annotations

import hashlib
import io
from functools import lru_cache

import segno
from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    render_template,
    request,
    url_for,
)
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from . import languages, settings
from .build import IMMUTABLE, is_current
from .i18n import public_base, redirect_to_language
from .languages import BY_CODE

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
    fresh = is_current(qr_version(lang), request.query_string.decode("latin-1"))
    response = Response(body, content_type=content_type)
    response.headers["Cache-Control"] = IMMUTABLE if fresh else "no-cache"
    return response


def address_problem() -> str | None:
    """Why the address on paper may not work for patients, or None when it looks right."""
    return settings.address_problem(current_app.config.get("PUBLIC_URL"))


STAFF_HEADING = _l("For staff: check the address before printing")
STAFF_PROBLEMS = {
    "unset": _l(
        "PUBLIC_URL is not set, so the codes point to the address this page was opened "
        "with: %(address)s. Set PUBLIC_URL to the guide's public https address before printing."
    ),
    "loopback": _l(
        "The codes point to %(address)s, which only works on this computer. Set PUBLIC_URL "
        "to the guide's public https address before printing."
    ),
    "http": _l(
        "The codes point to a plain http address: %(address)s. Set PUBLIC_URL to the "
        "guide's https address before printing."
    ),
}


@bp.app_template_global()
def staff_warning(problem: str, address: str) -> dict:
    """The warning above a handout or poster, in the language staff read (CLINIC_LANGUAGE).

    The page itself is in the patient's language; the person at the printer is not.
    """
    lang = BY_CODE[current_app.config["CLINIC_LANGUAGE"]]
    with force_locale(lang.locale):
        return {
            "lang": lang,
            "heading": str(STAFF_HEADING),
            "text": str(STAFF_PROBLEMS[problem]) % {"address": address},
        }


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
    return redirect_to_language("printed.poster")


#: Codes on one printed sheet: three columns of two rows fit A4 and Letter with each code
#: at least 4.5 cm wide above a label at 20/14 pt; more languages continue on another sheet.
POSTER_CODES_PER_SHEET = 6


@bp.get("/<lang:lang>/poster")
def poster(lang: str):
    """Every offered language's code, each labelled in its own language; the page around
    them in `lang`, the language of the staff member printing it."""
    codes = []
    for offered in languages.offered():
        with force_locale(offered.locale):
            invitation = str(INVITATION)
        codes.append(
            {
                "lang": offered,
                "invitation": invitation,
                "src": qr_url(offered.code),
                "address": guide_address(offered.code),
            }
        )
    size = POSTER_CODES_PER_SHEET
    sheets = [codes[start : start + size] for start in range(0, len(codes), size)]
    return render_template(
        "poster.html",
        codes=codes,
        sheets=sheets,
        typed_address=public_base().split("://", 1)[-1] + "/",
        problem=address_problem(),
    )
