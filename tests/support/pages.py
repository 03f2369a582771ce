"""The one list of page paths every offered language has (format with `code=`)."""

from __future__ import annotations

#: Every page a patient or the clinic opens, per language.
PAGES = [
    "/{code}/",
    "/{code}/check",
    "/{code}/card",
    "/{code}/handout",
    "/{code}/offline",
    "/{code}/plan",
    "/{code}/diary",
    "/{code}/diary/print",
    "/{code}/poster",
]
#: A page that does not exist: the translated 404 page.
MISSING = "/{code}/missing"

#: Where a browser test runs in a few languages only (every language being covered without a
#: browser): both reading directions and a CJK script.
SAMPLE_CODES = ("en", "ar", "zh-hant")
