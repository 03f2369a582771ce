"""The guide: the page a printed QR code opens, and `/`, which picks its language."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for

from .languages import negotiate

bp = Blueprint("guide", __name__)


@bp.get("/")
def choose_language():
    response = redirect(url_for("guide.page", lang=negotiate(request).code), code=302)
    response.headers["Vary"] = "Accept-Language, Cookie"
    response.headers["Cache-Control"] = "no-cache"
    return response


@bp.get("/<lang:lang>/")
def page(lang: str):
    return render_template("guide.html")
