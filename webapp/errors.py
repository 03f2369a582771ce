"""Error pages: in the site's layout, translated, with the right status, never a trace.

A patient who mistypes a printed address or follows an old link should land on a page
that says what happened in their language and offers every way back in.
"""

from __future__ import annotations

import logging

from flask import Flask, current_app, render_template, request
from flask.globals import request_ctx
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import HTTPException, InternalServerError

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


def _ensure_url_adapter() -> None:
    """A request with an untrusted Host has no URL adapter; bind one so links still work."""
    ctx = request_ctx._get_current_object()
    if ctx.url_adapter is None:
        ctx.url_adapter = current_app.url_map.bind("localhost", script_name=request.script_root)


def render_error(error: HTTPException):
    code = error.code or 500
    _ensure_url_adapter()
    title, message = MESSAGES.get(code, MESSAGES[500 if code >= 500 else 400])
    response = render_template(
        "error.html", code=code, title=title, message=message, show_languages=code == 404
    )
    headers = {
        name: value
        for name, value in error.get_headers()
        if name.lower() not in ("content-type", "content-length")
    }
    headers["Cache-Control"] = "no-store"
    return response, code, headers


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
