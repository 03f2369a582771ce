"""Error pages: in the site's layout, translated, with the right status, never a trace.

A patient who mistypes a printed address or follows an old link should land on a page
that says what happened in their language and offers every way back in.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from flask import Flask, current_app, render_template, request
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import BadHost, HTTPException, InternalServerError, SecurityError

from . import languages

log = logging.getLogger(__name__)

MESSAGES = {
    400: (
        _l("Something in that request was not right"),
        _l("The page could not understand what was sent. Please go back and try again."),
    ),
    404: (
        _l("Page not found"),
        _l("We could not find that page. It may have moved, or the address may have a typo."),
    ),
    405: (
        _l("That action is not allowed here"),
        _l("This page cannot be used in that way. Please open it again from the guide."),
    ),
    413: (
        _l("That was too much to send"),
        _l("What was sent was larger than this guide accepts. Please try again."),
    ),
    500: (
        _l("Something went wrong on our side"),
        _l("Sorry, the guide had a problem showing this page. Please try again in a moment."),
    ),
}


#: The 404 for a language the guide has but this clinic does not offer (`LANGUAGES`).
NOT_OFFERED = _l(
    "This guide is not offered in that language here. Please choose one of the languages below."
)


def _not_offered(path: str) -> bool:
    first = path.lstrip("/").split("/", 1)[0]
    return first in languages.BY_CODE and not languages.is_offered(first)


def _trusted_environ() -> dict | None:
    """This request's environ with a Host we trust, when no link can be built for its own.

    A request whose Host is untrusted or malformed has no URL adapter, so no link of its
    error page could be built. The page is then rendered in a request context of its own,
    for the clinic's public host (or its first trusted one), so no link ever carries the
    forged Host.
    """
    # Flask binds no URL adapter when the Host fails its checks; it keeps the reason here.
    if not isinstance(request.routing_exception, (BadHost, SecurityError)):
        return None
    config = current_app.config
    public = config.get("PUBLIC_URL")
    host = urlsplit(public).netloc if public else (config.get("TRUSTED_HOSTS") or ["localhost"])[0]
    return {**request.environ, "HTTP_HOST": host.lstrip(".")}


def render_error(error: HTTPException):
    code = error.code or 500
    title, message = MESSAGES.get(code, MESSAGES[500 if code >= 500 else 400])
    if code == 404 and _not_offered(request.path):
        message = NOT_OFFERED
    page = {"code": code, "title": title, "message": message, "show_languages": code == 404}
    environ = _trusted_environ()
    if environ is None:
        body = render_template("error.html", **page)
    else:
        with current_app.request_context(environ):
            body = render_template("error.html", **page)
    headers = {
        name: value
        for name, value in error.get_headers()
        if name.lower() not in ("content-type", "content-length")
    }
    headers["Cache-Control"] = "no-store"
    return body, code, headers


def render_crash(error: InternalServerError):
    # Flask has already logged the cause for the operator; the patient sees this page.
    try:
        return render_error(InternalServerError())
    except Exception:  # the layout itself failed: fall back to plain text
        log.exception("The error page could not be rendered")
        return "Something went wrong. Please try again.", 500, {"Content-Type": "text/plain"}


def init_app(app: Flask) -> None:
    app.register_error_handler(HTTPException, render_error)
    app.register_error_handler(InternalServerError, render_crash)
