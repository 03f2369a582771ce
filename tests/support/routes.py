"""Every route of the app, read from its URL map: no hand-kept list can miss a new one."""

from __future__ import annotations

import itertools

from flask import Flask, url_for

#: Sample values for each kind of URL argument; a new argument name must be added here.
SAMPLES = {
    "lang": ["en", "ar"],
    "kind": ["svg", "png"],
    "filename": ["css/site.css", "js/site.js", "icons/icon-192.png", "icons/icon.svg"],
}


def _rules(app: Flask, method: str | None = None):
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        missing = set(rule.arguments) - set(SAMPLES)
        assert not missing, f"{rule.rule}: add sample values for {missing} to SAMPLES"
        if method is None or method in rule.methods:
            yield rule


def _url(app: Flask, rule, values: dict) -> str:
    with app.test_request_context():
        return url_for(rule.endpoint, **values)


def urls(app: Flask, method: str = "GET") -> list[str]:
    """One URL (or a few) for every route answering `method`, filled with sample values."""
    found = set()
    for rule in _rules(app, method):
        names = sorted(rule.arguments)
        for values in itertools.product(*(SAMPLES[name] for name in names)):
            found.add(_url(app, rule, dict(zip(names, values, strict=True))))
    return sorted(found)


def templates(app: Flask, method: str | None = None) -> list[str]:
    """Every route (answering `method`, if given) with `{lang}` left to fill, and every
    sample of its other arguments."""
    found = set()
    for rule in _rules(app, method):
        names = sorted(set(rule.arguments) - {"lang"})
        for values in itertools.product(*(SAMPLES[name] for name in names)):
            filled = dict(zip(names, values, strict=True))
            if "lang" in rule.arguments:
                filled["lang"] = "LANG"
            found.add(_url(app, rule, filled).replace("LANG", "{lang}"))
    return sorted(found)
