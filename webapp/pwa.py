"""Installing and offline use: the manifest, the service worker and the offline page.

The service worker's precache list and its version come from the build (`build.py`): the
hashed URL of every static file, and the rendered bytes of every page and manifest it
saves. Any change of content, translation, setting or asset therefore gives a new worker,
without anyone bumping a number; `/sw.js` is built once per process, like every page.
"""

from __future__ import annotations

import json
from pathlib import Path

from flask import Blueprint, Response, abort, current_app, render_template, url_for
from flask_babel import gettext as _

from . import build, i18n, languages, plan_content
from .assets import asset_url
from .i18n import current_language

bp = Blueprint("pwa", __name__)

SOURCE = Path(__file__).resolve().parent.parent / "service_worker"
THEME_COLOR = "#0b5394"


def precache_lists() -> dict:
    """What the worker saves: assets shared by all languages, and each language's pages."""
    return build.current().precache_lists()


def worker_build() -> dict:
    """The precache lists and a version hashed from everything in them."""
    current = build.current()
    try:
        version = current.version()
    except build.RenderError:  # development: a page cannot be made for this Host
        abort(400)
    return {
        "version": version,
        "offline": {
            lang.code: url_for("pwa.offline", lang=lang.code) for lang in languages.offered()
        },
        **current.precache_lists(),
    }


@bp.get("/sw.js")
def service_worker():
    if current_app.config["SERVICE_WORKER_KILL_SWITCH"]:
        source = (SOURCE / "retire.js").read_text(encoding="utf-8")
    else:
        source = (SOURCE / "sw.js").read_text(encoding="utf-8")
        source = source.replace('"__BUILD__"', json.dumps(worker_build(), separators=(",", ":")))
    return Response(source, content_type="text/javascript; charset=utf-8")


@bp.get("/<lang:lang>/manifest.webmanifest")
def manifest(lang: str):
    current = current_language()
    icons = [
        {"src": asset_url("icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
        {"src": asset_url("icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
        {
            "src": asset_url("icons/maskable-192.png"),
            "sizes": "192x192",
            "type": "image/png",
            "purpose": "maskable",
        },
        {
            "src": asset_url("icons/maskable-512.png"),
            "sizes": "512x512",
            "type": "image/png",
            "purpose": "maskable",
        },
        {"src": asset_url("icons/icon.svg"), "sizes": "any", "type": "image/svg+xml"},
    ]
    data = {
        "id": "/",
        "name": _("Back Spasm Guide"),
        # TRANSLATORS: the name under the icon on a phone's home screen: 12 characters at most.
        "short_name": _("Back spasms"),
        "description": _(
            "Low back spasms explained in plain words: why they happen, what helps, "
            "and the warning signs that need a doctor."
        ),
        "lang": current.html_lang,
        "dir": current.dir,
        "start_url": url_for("guide.page", lang=lang),
        "scope": "/",
        "display": "standalone",
        "theme_color": THEME_COLOR,
        "background_color": "#ffffff",
        "icons": icons,
        # A long press on the home-screen icon: the plan and the diary a patient saved, the
        # check and the card.
        "shortcuts": [
            {"name": str(name), "url": url_for(endpoint, lang=lang), "icons": [icons[0]]}
            for name, endpoint in (
                (plan_content.TITLE, "plan.page"),
                (i18n.DIARY_TITLE, "diary.page"),
                (_("Check your warning signs"), "check.check"),
                (_("Emergency card"), "card.page"),
            )
        ],
        "screenshots": [
            {
                "src": asset_url(f"screenshots/{lang}-narrow.png"),
                "sizes": "390x844",
                "type": "image/png",
                "form_factor": "narrow",
                "label": _("The guide on a phone"),
            },
            {
                "src": asset_url(f"screenshots/{lang}-wide.png"),
                "sizes": "1280x800",
                "type": "image/png",
                "form_factor": "wide",
                "label": _("The guide on a computer"),
            },
        ],
    }
    body = json.dumps(data, ensure_ascii=False, indent=1)
    return Response(body, content_type="application/manifest+json; charset=utf-8")


@bp.get("/<lang:lang>/offline")
def offline(lang: str):
    return render_template("offline.html")


def init_app(app) -> None:
    app.jinja_env.globals["service_worker"] = not app.config["SERVICE_WORKER_KILL_SWITCH"]
