"""Back Spasm Guide: the Flask application factory.

`create_app()` wires the clinic settings, languages, security headers and one blueprint
per area patients and staff see. Static files and translations live at the top of the
repository (not inside the package), so their folders are given as absolute paths:
Flask-Babel would otherwise resolve a relative path against the package and silently
fall back to English.
"""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from . import access_log, assets, build, errors, i18n, security, serve, settings
from .languages import LanguageConverter

ROOT = Path(__file__).resolve().parent.parent
STATIC_DIR = ROOT / "static"
TRANSLATIONS_DIR = ROOT / "translations"


def create_app(test_config: dict | None = None) -> Flask:
    """The app, with settings from `settings.load()`; `test_config` overrides them all."""
    app = Flask(
        __name__,
        static_folder=str(STATIC_DIR),
        static_url_path="/static",
        # instance/config.py may hold settings (scripts/run keeps a local SECRET_KEY there).
        instance_path=str(settings.instance_path()),
        instance_relative_config=True,
    )
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(TRANSLATIONS_DIR)
    app.config.update(settings.load(test_config))

    app.url_map.converters["lang"] = LanguageConverter
    app.url_map.strict_slashes = True
    app.url_map.merge_slashes = False  # `//en/` is not an address of ours: a 404

    access_log.init_app()
    i18n.init_app(app)
    assets.init_app(app)
    serve.init_app(app)
    security.init_app(app)
    errors.init_app(app)

    from . import (
        card,
        check,
        content,
        diary,
        exercises,
        guide,
        health,
        plan,
        plan_content,
        printed,
        pwa,
        staff,
        triage,
    )

    app.jinja_env.globals.update(
        content=content, triage=triage, plan_content=plan_content, exercise_library=exercises
    )

    app.register_blueprint(guide.bp)
    app.register_blueprint(check.bp)
    app.register_blueprint(card.bp)
    app.register_blueprint(pwa.bp)
    app.register_blueprint(printed.bp)
    app.register_blueprint(plan.bp)
    app.register_blueprint(diary.bp)
    app.register_blueprint(staff.bp)
    pwa.init_app(app)
    app.register_blueprint(health.bp)
    if not (app.debug or app.testing):
        # Production: every public file rendered once, before gunicorn forks its workers.
        build.for_base(app, app.config["PUBLIC_URL"]).warm()
    return app
