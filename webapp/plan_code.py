"""The recovery plan as a signed code short enough for one QR code (version ≤ 10).

A plan travels in the fragment of its link, `PUBLIC_URL/<lang>/plan#<code>`, which no
browser sends to a server, so it reaches no log. The code is the plan in a fixed
positional byte layout, followed by an ECDSA P-256 signature (raw r||s, 64 bytes: the
IEEE P1363 form WebCrypto expects), written in a 43-letter alphabet that QR codes store
in their dense alphanumeric mode (5.5 bits a letter instead of 8) and that needs no
escaping in a URL fragment.

Layout (all integers big-endian; 0 means "not in the plan"):

    0  format version (2)       6  walk: added each week (min)  10-13 appointment, minutes
    1  patient language index   7  keep-doing bit set                since 2020-01-01 00:00
    2-3 day made, since 2020    8  take-a-break-from bit set         (local time, no zone)
    4  walk: minutes            9  break: days                   14 exercise count
    5  walk: times a day
    then per exercise 4 bytes: its number in the library (exercises.py), repetitions,
    hold in seconds (0: none), sets << 4 | times a day;
    then the therapist's own line and the note: each a length, then UTF-8.

Format 1 (printed before the exercise library) held up to eight free-text exercise lines
instead of exercises: its codes still open, read with its own limits, as `lines`.

The signing key is derived from SECRET_KEY (HKDF-SHA256), so there is no new setting and
every worker signs alike; the public key is printed into the patient's page. The phone
checks a plan once, on receipt, and keeps it: rotating SECRET_KEY later changes the page's
key but never makes a saved plan unreadable.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

import segno
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import (
    decode_dss_signature,
    encode_dss_signature,
)
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from segno import consts

from . import exercises

FORMAT = 2
LEGACY_FORMAT = 1
#: Language codes by their number in a code. Append only: printed plans keep their numbers.
LANGUAGE_CODES = (
    *("en", "es", "fr", "pt", "de", "vi", "zh", "ar"),
    *("ko", "fil", "ru", "uk", "pl", "tr", "fa", "zh-hant"),
)
#: Keep-doing activities (F11 activity), by bit. Append only.
KEEP = ("walking", "swimming", "cycling", "housework", "gardening", "work", "sport")
#: Take-a-break-from activities (F11 rest), by bit. Append only.
BREAK = ("lifting", "bending", "sitting", "standing", "running")

#: Limits from docs/design.md ("After the visit").
WALK_MINUTES = (1, 60)
WALK_TIMES = (1, 6)
WALK_INCREASE = (1, 5)
#: Minutes of walking a day (each walk times the walks a day), and each walk's ceiling as
#: it grows week by week.
WALK_DAY_MAX = 60
WALK_GROWS_TO = 30
BREAK_DAYS = (1, 14)
MAX_EXERCISES = 8
OWN_LINE_CHARS = 80
NOTE_CHARS = 200
#: Pairs that contradict each other: kept up and paused at once.
CONFLICTS = (("sport", "running"), ("gardening", "bending"), ("work", "lifting"))
#: Format 1's limits, for the codes printed with it.
LEGACY = {"increase": (1, 15), "days": (1, 28), "lines": 8, "line_chars": 80}
#: The largest QR code a plan may need: it must scan from a screen and from paper.
MAX_QR_VERSION = 10

EPOCH = date(2020, 1, 1)
EPOCH_TIME = datetime(2020, 1, 1)
HEADER = struct.Struct(">BBHBBBBBBI")
SIGNATURE_BYTES = 64
EXERCISE_BYTES = 4
#: The order of P-256. A signature (r, s) is also valid as (r, n - s); only the low one
#: (s <= n / 2) is made or accepted, so each plan has exactly one code.
ORDER = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551
#: Signed together with the plan, so a signature made for anything else never fits a plan.
CONTEXT = b"back-spasm-guide/plan/v1\0"

#: QR alphanumeric letters that are also plain URL-fragment characters (no space, no %).
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ$*+-./:"
BASE = len(ALPHABET)  # 43: three letters hold two bytes (43**3 = 79507 > 65536)
INDEX = {letter: i for i, letter in enumerate(ALPHABET)}


class BadCode(ValueError):
    """The code is not a plan this clinic signed: bad letters, layout or signature."""


@dataclass(frozen=True)
class Prescribed:
    """One exercise of the library with the therapist's dose."""

    key: str
    reps: int
    hold: int = 0
    sets: int = 1
    times: int = 1

    def as_json(self) -> dict:
        return {
            "key": self.key,
            "reps": self.reps,
            "hold": self.hold,
            "sets": self.sets,
            "times": self.times,
        }


@dataclass(frozen=True)
class Plan:
    """One patient's plan. Numbers are None (or empty) when the item is not in the plan."""

    lang: str
    made: date
    walk_minutes: int | None = None
    walk_times: int | None = None
    walk_increase: int | None = None
    keep: tuple[str, ...] = ()
    rest: tuple[str, ...] = ()
    rest_days: int | None = None
    exercises: tuple[Prescribed, ...] = ()
    lines: tuple[str, ...] = ()  # the therapist's own words (format 2: at most one)
    appointment: datetime | None = None
    note: str = ""

    def as_json(self) -> dict:
        """The decoded plan as the phone stores it (`bsg:plan`.plan)."""
        return {
            "lang": self.lang,
            "made": self.made.isoformat(),
            "walk": (
                {
                    "minutes": self.walk_minutes,
                    "times": self.walk_times,
                    "increase": self.walk_increase,
                }
                if self.walk_minutes
                else None
            ),
            "keep": list(self.keep),
            "rest": list(self.rest),
            "restDays": self.rest_days,
            "exercises": [exercise.as_json() for exercise in self.exercises],
            "lines": list(self.lines),
            "appointment": self.appointment.isoformat(timespec="minutes")
            if self.appointment
            else None,
            "note": self.note,
        }


# -- letters ---------------------------------------------------------------------------


def to_letters(data: bytes) -> str:
    out = []
    for i in range(0, len(data) - 1, 2):
        n = data[i] << 8 | data[i + 1]
        out += [ALPHABET[n % BASE], ALPHABET[n // BASE % BASE], ALPHABET[n // BASE // BASE]]
    if len(data) % 2:
        n = data[-1]
        out += [ALPHABET[n % BASE], ALPHABET[n // BASE]]
    return "".join(out)


def from_letters(text: str) -> bytes:
    if len(text) % 3 == 1:
        raise BadCode("length")
    out = bytearray()
    try:
        values = [INDEX[letter] for letter in text]
    except KeyError:
        raise BadCode("letter") from None
    for i in range(0, len(values), 3):
        chunk = values[i : i + 3]
        n = sum(v * BASE**k for k, v in enumerate(chunk))
        if len(chunk) == 3:
            if n > 0xFFFF:
                raise BadCode("chunk")
            out += bytes((n >> 8, n & 0xFF))
        else:
            if n > 0xFF:
                raise BadCode("chunk")
            out.append(n)
    return bytes(out)


# -- layout ----------------------------------------------------------------------------


def _bits(chosen, names) -> int:
    return sum(1 << names.index(name) for name in chosen)


def _names(bits: int, names) -> tuple[str, ...]:
    if bits >> len(names):
        raise BadCode("unknown bit")
    return tuple(name for i, name in enumerate(names) if bits >> i & 1)


def _text(value: str) -> bytes:
    data = value.encode("utf-8")
    if len(data) > 255:
        raise TooLong(len(data) - 255)
    return bytes((len(data),)) + data


class TooLong(ValueError):
    """The plan needs a bigger QR code than allowed; `over` is about how many bytes."""

    def __init__(self, over: int):
        super().__init__(over)
        self.over = over


def pack(plan: Plan) -> bytes:
    minutes = 0
    if plan.appointment:
        minutes = int((plan.appointment - EPOCH_TIME).total_seconds() // 60)
    body = HEADER.pack(
        FORMAT,
        LANGUAGE_CODES.index(plan.lang),
        (plan.made - EPOCH).days,
        plan.walk_minutes or 0,
        plan.walk_times or 0,
        plan.walk_increase or 0,
        _bits(plan.keep, KEEP),
        _bits(plan.rest, BREAK),
        plan.rest_days or 0,
        minutes,
    )
    body += bytes((len(plan.exercises),))
    for exercise in plan.exercises:
        number = exercises.BY_KEY[exercise.key].number
        body += bytes((number, exercise.reps, exercise.hold, exercise.sets << 4 | exercise.times))
    own_line = plan.lines[0] if plan.lines else ""
    return body + _text(own_line) + _text(plan.note)


def _in(value: int, limits: tuple[int, int]) -> bool:
    return limits[0] <= value <= limits[1]


def _texts(data: bytes, position: int, count: int) -> tuple[list[str], int]:
    """`count` texts (a length byte, then UTF-8) from `position`; and where they end."""
    texts = []
    for _ in range(count):
        length = data[position]
        texts.append(data[position + 1 : position + 1 + length].decode("utf-8"))
        if len(texts[-1].encode()) != length:
            raise BadCode("short")
        position += 1 + length
    return texts, position


def _exercises(data: bytes, position: int, count: int) -> tuple[list[Prescribed], int]:
    found = []
    for _ in range(count):
        number, reps, hold, packed = data[position : position + 4]
        exercise = exercises.BY_NUMBER.get(number)
        sets, times = packed >> 4, packed & 0x0F
        if not (
            exercise
            and _in(reps, exercises.REPS)
            and (hold == 0 or _in(hold, exercises.HOLD))
            and _in(sets, exercises.SETS)
            and _in(times, exercises.TIMES)
        ):
            raise BadCode("exercise")
        found.append(Prescribed(exercise.key, reps, hold, sets, times))
        position += 4
    if len({e.key for e in found}) != len(found):
        raise BadCode("repeated exercise")
    return found, position


def conflicts(keep, rest) -> list[tuple[str, str]]:
    """The pairs of choices that contradict each other (kept up and paused at once)."""
    return [(k, r) for k, r in CONFLICTS if k in keep and r in rest]


def unpack(data: bytes) -> Plan:
    """The plan in these bytes, checked against every limit a builder enforces."""
    try:
        (version, lang, made, minutes, times, increase, keep, rest, days, appointment) = (
            HEADER.unpack_from(data)
        )
        count = data[HEADER.size]
        position = HEADER.size + 1
        if version == LEGACY_FORMAT:
            found, lines = [], None
            texts, position = _texts(data, position, count + 1)
            *lines, note = texts
        else:
            found, position = _exercises(data, position, count)
            (own_line, note), position = _texts(data, position, 2)
            lines = [own_line] if own_line else []
    except (struct.error, IndexError, UnicodeDecodeError, ValueError):
        raise BadCode("layout") from None
    legacy = version == LEGACY_FORMAT
    increase_limits = LEGACY["increase"] if legacy else WALK_INCREASE
    days_limits = LEGACY["days"] if legacy else BREAK_DAYS
    keep_names, rest_names = _names(keep, KEEP), _names(rest, BREAK)
    checks = (
        version in (FORMAT, LEGACY_FORMAT),
        position == len(data),
        lang < len(LANGUAGE_CODES),
        (minutes == times == increase == 0)
        or (
            _in(minutes, WALK_MINUTES)
            and _in(times, WALK_TIMES)
            and (increase == 0 or _in(increase, increase_limits))
            and (legacy or minutes * times <= WALK_DAY_MAX)
        ),
        days == 0 or (rest and _in(days, days_limits)),
        count <= MAX_EXERCISES,
        all(0 < len(line) <= OWN_LINE_CHARS and line.isprintable() for line in lines),
        len(note) <= NOTE_CHARS and note.isprintable(),
        legacy or not conflicts(keep_names, rest_names),
    )
    if not all(checks):
        raise BadCode("limits")
    return Plan(
        lang=LANGUAGE_CODES[lang],
        made=EPOCH + timedelta(days=made),
        walk_minutes=minutes or None,
        walk_times=times or None,
        walk_increase=increase or None,
        keep=keep_names,
        rest=rest_names,
        rest_days=days or None,
        exercises=tuple(found),
        lines=tuple(lines),
        appointment=EPOCH_TIME + timedelta(minutes=appointment) if appointment else None,
        note=note,
    )


def for_the_device() -> dict:
    """The layout's names and limits, for static/js/plan.js (one source for both sides)."""
    return {
        "format": FORMAT,
        "legacyFormat": LEGACY_FORMAT,
        "keep": list(KEEP),
        "rest": list(BREAK),
        "limits": {
            "minutes": list(WALK_MINUTES),
            "times": list(WALK_TIMES),
            "increase": list(WALK_INCREASE),
            "days": list(BREAK_DAYS),
            "walkDay": WALK_DAY_MAX,
            "exercises": MAX_EXERCISES,
            "line": OWN_LINE_CHARS,
            "note": NOTE_CHARS,
            "reps": list(exercises.REPS),
            "hold": list(exercises.HOLD),
            "sets": list(exercises.SETS),
            "timesADay": list(exercises.TIMES),
        },
        "legacy": {
            "increase": list(LEGACY["increase"]),
            "days": list(LEGACY["days"]),
            "lines": LEGACY["lines"],
            "line": LEGACY["line_chars"],
        },
        "walkGrowsTo": WALK_GROWS_TO,
        "conflicts": [list(pair) for pair in CONFLICTS],
        "exerciseNumbers": {e.number: e.key for e in exercises.LIBRARY},
    }


# -- signing ---------------------------------------------------------------------------


@lru_cache(maxsize=8)
def signing_key(secret: str | bytes) -> ec.EllipticCurvePrivateKey:
    """The clinic's plan key, derived from SECRET_KEY: the same in every worker, no new setting.

    48 bytes of HKDF output reduced modulo the curve order keep the scalar's bias below
    2**-128 (the method of FIPS 186-5 A.4.1).
    """
    material = secret.encode() if isinstance(secret, str) else secret
    okm = HKDF(
        algorithm=hashes.SHA256(),
        length=48,
        salt=b"back-spasm-guide",
        info=b"recovery plan signing key, ECDSA P-256, v1",
    ).derive(material)
    order = ORDER
    scalar = int.from_bytes(okm, "big") % (order - 1) + 1
    return ec.derive_private_key(scalar, ec.SECP256R1())


def public_jwk(secret: str | bytes) -> dict:
    """The public key as a JSON Web Key, for `crypto.subtle.importKey("jwk", ...)`."""
    import base64

    numbers = signing_key(secret).public_key().public_numbers()

    def b64(n: int) -> str:
        return base64.urlsafe_b64encode(n.to_bytes(32, "big")).rstrip(b"=").decode()

    return {"kty": "EC", "crv": "P-256", "x": b64(numbers.x), "y": b64(numbers.y)}


def sign(plan: Plan, secret: str | bytes) -> str:
    """The plan's code: its bytes and their signature, in QR-friendly letters."""
    body = pack(plan)
    der = signing_key(secret).sign(CONTEXT + body, ec.ECDSA(hashes.SHA256()))
    r, s = decode_dss_signature(der)
    s = min(s, ORDER - s)  # canonical low-S
    return to_letters(body + r.to_bytes(32, "big") + s.to_bytes(32, "big"))


def verify(code: str, secret: str | bytes) -> Plan:
    """The plan in a code, if this clinic's key signed it (what the phone does, in Python)."""
    data = from_letters(code)
    if len(data) <= SIGNATURE_BYTES:
        raise BadCode("short")
    body, signature = data[:-SIGNATURE_BYTES], data[-SIGNATURE_BYTES:]
    if int.from_bytes(signature[32:], "big") > ORDER // 2:
        raise BadCode("high-S signature")
    der = encode_dss_signature(
        int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big")
    )
    try:
        signing_key(secret).public_key().verify(der, CONTEXT + body, ec.ECDSA(hashes.SHA256()))
    except InvalidSignature:
        raise BadCode("signature") from None
    return unpack(body)


# -- the QR code -----------------------------------------------------------------------


def qr_segments(link_base: str, code: str) -> list:
    """The link in two segments: the address as bytes, the code in the dense alphanumeric mode."""
    return [(link_base + "#", consts.MODE_BYTE), (code, consts.MODE_ALPHANUMERIC)]


def make_qr(link_base: str, code: str) -> segno.QRCode:
    """The smallest code that holds the link, error correction L or better (segno raises it
    when the version has room). Raises TooLong when version 10 cannot hold it."""
    if len(code) > capacity(link_base):
        raise TooLong(_overflow(link_base, code))
    return segno.make_qr(qr_segments(link_base, code), error="l", boost_error=True)


@lru_cache(maxsize=64)
def capacity(link_base: str) -> int:
    """How many code letters fit a version-10 code after this link's address."""
    low, high = 0, 800
    while low < high:
        middle = (low + high + 1) // 2
        try:
            segno.make_qr(qr_segments(link_base, "0" * middle), error="l", version=MAX_QR_VERSION)
            low = middle
        except segno.DataOverflowError:
            high = middle - 1
    return low


def _overflow(link_base: str, code: str) -> int:
    """About how many bytes of text to remove (two bytes per three letters)."""
    return max(1, -(-(len(code) - capacity(link_base)) * 2 // 3))
