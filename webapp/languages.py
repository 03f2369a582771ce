"""The languages the guide speaks, and how a request picks one.

The URL prefix is the source of truth for a page's language, because the QR codes are
printed per language. Only `/` (and pages outside any prefix, such as error pages for
unknown paths) have to guess, from a saved choice and then from the browser's
`Accept-Language`.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Request
from werkzeug.routing import BaseConverter, ValidationError

#: Name of the cookie that remembers the language a patient picked in the switcher.
LANG_COOKIE = "lang"


@dataclass(frozen=True)
class Language:
    code: str  # URL prefix, e.g. "zh"
    locale: str  # gettext catalog / Babel locale, e.g. "zh_Hans"
    html_lang: str  # BCP 47 tag for <html lang>, e.g. "zh-Hans"
    native_name: str  # the language's name in its own script
    dir: str = "ltr"


LANGUAGES: tuple[Language, ...] = (
    Language("en", "en", "en", "English"),
    Language("es", "es", "es", "Español"),
    Language("fr", "fr", "fr", "Français"),
    Language("pt", "pt", "pt", "Português"),
    Language("de", "de", "de", "Deutsch"),
    Language("vi", "vi", "vi", "Tiếng Việt"),
    Language("zh", "zh_Hans", "zh-Hans", "中文"),
    Language("ar", "ar", "ar", "العربية", "rtl"),
)
BY_CODE = {lang.code: lang for lang in LANGUAGES}
DEFAULT = BY_CODE["en"]


class LanguageConverter(BaseConverter):
    """Matches only the language codes we serve, so `/xx/` is an ordinary 404."""

    regex = "|".join(lang.code for lang in LANGUAGES)

    def to_python(self, value: str) -> str:
        if value not in BY_CODE:  # pragma: no cover - the regex already guards this
            raise ValidationError
        return value


def from_path(path: str) -> Language | None:
    """The language of a path like `/es/anything`, even when no route matched it."""
    first = path.lstrip("/").split("/", 1)[0]
    return BY_CODE.get(first)


def from_tag(tag: str) -> Language | None:
    """Map a BCP 47 tag to a served language: `es-MX` → es, `zh-Hans-CN` → zh."""
    primary = tag.strip().lower().replace("_", "-").split("-", 1)[0]
    return BY_CODE.get(primary)


def negotiate(request: Request) -> Language:
    """Saved choice first, then the best `Accept-Language` match, then English."""
    saved = BY_CODE.get(request.cookies.get(LANG_COOKIE, ""))
    if saved:
        return saved
    # Werkzeug's LanguageAccept is already sorted by quality, best first; q=0 is dropped.
    for tag, quality in request.accept_languages:
        if quality <= 0 or tag == "*":
            continue
        lang = from_tag(tag)
        if lang:
            return lang
    return DEFAULT
