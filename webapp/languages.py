"""The languages the guide speaks, and how a request picks one.

The URL prefix is the source of truth for a page's language, because the QR codes are
printed per language. Only `/` (and pages outside any prefix, such as error pages for
unknown paths) have to guess, from a saved choice and then from the browser's
`Accept-Language`.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Request, current_app
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
    Language("ko", "ko", "ko", "한국어"),
    Language("fil", "fil", "fil", "Filipino"),
    Language("ru", "ru", "ru", "Русский"),
    Language("uk", "uk", "uk", "Українська"),
    Language("pl", "pl", "pl", "Polski"),
    Language("tr", "tr", "tr", "Türkçe"),
    Language("fa", "fa", "fa", "فارسی", "rtl"),
    Language("zh-hant", "zh_Hant", "zh-Hant", "繁體中文"),
)
BY_CODE = {lang.code: lang for lang in LANGUAGES}


class LanguageConverter(BaseConverter):
    """Matches only the languages this clinic offers, so `/xx/` is an ordinary 404.

    A language the guide has but the clinic does not offer (`LANGUAGES`) does not match
    either: its addresses answer the 404 page, which links to the offered ones.
    """

    regex = "|".join(sorted((lang.code for lang in LANGUAGES), key=len, reverse=True))

    def to_python(self, value: str) -> str:
        if not is_offered(value):
            raise ValidationError
        return value


def offered() -> tuple[Language, ...]:
    """The languages this clinic offers (the `LANGUAGES` setting), in the guide's order."""
    codes = current_app.config.get("LANGUAGES") or BY_CODE
    return tuple(lang for lang in LANGUAGES if lang.code in codes)


def is_offered(code: str | None) -> bool:
    return bool(code) and code in (current_app.config.get("LANGUAGES") or BY_CODE)


def from_path(path: str) -> Language | None:
    """The offered language of a path like `/es/anything`, even when no route matched it."""
    first = path.lstrip("/").split("/", 1)[0]
    return BY_CODE.get(first) if is_offered(first) else None


#: Regions and scripts that mean Traditional Chinese when a tag names no script.
TRADITIONAL_REGIONS = frozenset({"tw", "hk", "mo"})
#: Tags for one of our languages under another name: Tagalog is what Filipino is built on.
ALIASES = {"tl": "fil"}


def candidates(tag: str) -> list[str]:
    """Our codes a BCP 47 tag may mean, best first: `es-MX` → es, `zh-TW` → zh-hant, zh."""
    subtags = tag.strip().lower().replace("_", "-").split("-")
    primary = ALIASES.get(subtags[0], subtags[0])
    if primary != "zh":
        return [primary]
    rest = set(subtags[1:])
    traditional = "hant" in rest or ("hans" not in rest and rest & TRADITIONAL_REGIONS)
    # A reader of one Chinese script reads the other better than any other language.
    return ["zh-hant", "zh"] if traditional else ["zh", "zh-hant"]


def from_tag(tag: str) -> Language | None:
    """The offered language a BCP 47 tag means, if any."""
    for code in candidates(tag):
        if is_offered(code):
            return BY_CODE[code]
    return None


def fallback() -> Language:
    """Where negotiation ends: English, else the clinic's language, else the first offered."""
    for code in ("en", current_app.config.get("CLINIC_LANGUAGE")):
        if is_offered(code):
            return BY_CODE[code]
    return offered()[0]


def negotiate(request: Request) -> Language:
    """Saved choice first, then the best `Accept-Language` match, then the fallback."""
    saved = request.cookies.get(LANG_COOKIE, "")
    if saved in BY_CODE and is_offered(saved):
        return BY_CODE[saved]
    # Werkzeug's LanguageAccept is already sorted by quality, best first; q=0 is dropped.
    for tag, quality in request.accept_languages:
        if quality <= 0 or tag == "*":
            continue
        lang = from_tag(tag)
        if lang:
            return lang
    return fallback()
