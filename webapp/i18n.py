"""Per-request language and the template context every page shares.

The language comes from the URL prefix when there is one (so a printed code always opens
the language it was printed for) and is negotiated otherwise. Templates receive the
current language, every language's address for this same page (for the switcher and the
`hreflang` links) and the clinic's settings, ready to show.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from flask import Flask, Response, current_app, g, redirect, request, url_for
from flask_babel import Babel, format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from werkzeug.exceptions import SecurityError

from . import languages, plan_content
from .languages import Language

#: The source language: its text is the one a clinician reviews (CONTENT_REVIEWED).
SOURCE_LANGUAGE = "en"
DIARY_TITLE = _l("Your diary")
#: How a catalog records its clinical review (see README, "Clinical review of translations").
REVIEW_HEADER = re.compile(r'^"X-Clinical-Review:[ \t]*(.*?)\\n"$', re.MULTILINE)


def current_language() -> Language:
    if "lang" not in g:
        view_lang = (request.view_args or {}).get("lang")
        g.lang = (
            languages.BY_CODE.get(view_lang)
            or languages.from_path(request.path)
            or languages.negotiate(request)
        )
    return g.lang


def redirect_to_language(endpoint: str) -> Response:
    """A 302 to `endpoint` in the negotiated language (saved choice, then Accept-Language).

    The answer varies with those headers, so shared caches must not keep one for everyone.
    """
    response = redirect(url_for(endpoint, lang=languages.negotiate(request).code), code=302)
    response.headers["Vary"] = "Accept-Language, Cookie"
    response.headers["Cache-Control"] = "no-cache"
    return response


def select_locale() -> str:
    return current_language().locale


def public_base() -> str:
    """Where patients reach the app: PUBLIC_URL, else the address this request used."""
    public = current_app.config.get("PUBLIC_URL")
    if public:
        return public
    try:
        return request.host_url.rstrip("/")
    except SecurityError:  # an untrusted Host header: never echo it into the page
        return ""


def same_page_in(lang: Language) -> str:
    """This page's address in another language; the guide when there is no such page."""
    args = dict(request.view_args or {})
    endpoint = request.endpoint
    if endpoint == "staff.sign_in":  # the sign-in page speaks the language of its builder
        return url_for(endpoint, next=url_for("plan.new", lang=lang.code))
    if endpoint and "lang" in args and request.url_rule and "GET" in request.url_rule.methods:
        args["lang"] = lang.code
        return url_for(endpoint, **args)
    return url_for("guide.page", lang=lang.code)


@lru_cache(maxsize=32)
def clinical_review(folder: str, locale: str) -> str:
    """The catalog's `X-Clinical-Review` header: who reviewed it and when, or "none".

    Read from the `.po` file because gettext's compiled `.mo` keeps no custom header. A
    catalog without the header counts as not reviewed.
    """
    catalog = Path(folder) / locale / "LC_MESSAGES" / "messages.po"
    try:
        with catalog.open(encoding="utf-8") as file:
            head = file.read(4096)
    except FileNotFoundError:
        return "none"
    found = REVIEW_HEADER.search(head)
    return (found.group(1).strip() if found else "") or "none"


def translation_unreviewed(lang: Language) -> bool:
    if lang.code == SOURCE_LANGUAGE:
        return False
    folder = current_app.config["BABEL_TRANSLATION_DIRECTORIES"]
    return clinical_review(folder, lang.locale).lower() == "none"


def tel_href(number: str) -> str:
    return "tel:" + re.sub(r"[^\d+*#]", "", number)


def _template_context() -> dict:
    config = current_app.config
    reviewed = config.get("CONTENT_REVIEWED")
    lang = current_language()
    phone = config.get("CLINIC_PHONE")
    emergency = config.get("EMERGENCY_NUMBER")
    urgent = config.get("URGENT_NUMBER")
    offered = languages.offered()
    return {
        "lang": lang,
        "languages": offered,
        "alternates": [(other, same_page_in(other)) for other in offered],
        "translation_unreviewed": translation_unreviewed(lang),
        "public_base": public_base(),
        "clinic": {
            "name": config.get("CLINIC_NAME"),
            # What every page shows as the clinic's name: the setting, or a neutral default.
            "display_name": config.get("CLINIC_NAME") or _("Your physical therapy clinic"),
            "phone": phone,
            "phone_href": tel_href(phone) if phone else None,
            "emergency": emergency,
            "emergency_href": tel_href(emergency) if emergency else None,
            # The same-day line when a doctor cannot be reached (e.g. 111 or a nurse line).
            "urgent": urgent,
            "urgent_href": tel_href(urgent) if urgent else None,
        },
        "content_reviewed": format_date(reviewed, format="long") if reviewed else None,
        # What the menu, the guide's first screen and the manifest call the two records.
        "plan_title": plan_content.TITLE,
        "diary_title": DIARY_TITLE,
    }


def _remember_language(endpoint, values) -> None:
    if values and languages.is_offered(values.get("lang")):
        g.lang = languages.BY_CODE[values["lang"]]


def _default_language(endpoint, values) -> None:
    """Let templates call url_for('guide.page') and stay in the current language."""
    if "lang" in values or not current_app.url_map.is_endpoint_expecting(endpoint, "lang"):
        return
    values["lang"] = current_language().code


def format_markup(text, **values) -> Markup:
    """Fill a translated sentence's placeholders with markup (escaping the sentence)."""
    return Markup.escape(str(text)) % values


_RANGE = re.compile(r"(\d)([–-])(\d)")


def keep_ranges(text) -> str:
    """Hold a number range such as "0–10" on one line (a word joiner beside its dash): a
    browser may otherwise break after the dash, leaving "(0–" and "10)" on two lines."""
    return _RANGE.sub("\\1\u2060\\2\u2060\\3", str(text))


def init_app(app: Flask) -> None:
    Babel(app, locale_selector=select_locale)
    app.jinja_env.filters["format_markup"] = format_markup
    app.jinja_env.filters["keep_ranges"] = keep_ranges
    app.context_processor(_template_context)
    app.url_value_preprocessor(_remember_language)
    app.url_defaults(_default_language)
