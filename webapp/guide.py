"""The guide: the page a printed QR code opens, and `/`, which picks its language."""

from __future__ import annotations

from flask import Blueprint, render_template

from .i18n import redirect_to_language

bp = Blueprint("guide", __name__)


@bp.get("/")
def choose_language():
    return redirect_to_language("guide.page")


@bp.get("/<lang:lang>/")
def page(lang: str):
    return render_template("guide.html")
