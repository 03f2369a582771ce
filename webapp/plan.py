"""The recovery plan: the therapist's builder and the patient's page.

`/<lang>/plan/new` is the builder (GET the form, POST to make the plan's QR code and
printable plan). It is the only page of the app meant for staff, and the only one whose
form carries a CSRF token from the first view. The POST is validated against the limits
in docs/design.md, signed (plan_code.py) and answered `no-store`; nothing posted is stored or
logged, and the plan itself leaves the server only inside the link's fragment.

`/<lang>/plan` is the patient's page: the same static page for everyone (so it is
precached and works offline). It reads the plan from the link's fragment or from the
phone's storage; checking, showing and saving all happen on the phone (static/js/plan.js).
"""

from __future__ import annotations

import unicodedata
from datetime import date, datetime, timedelta

from flask import Blueprint, abort, current_app, make_response, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup
from wtforms import SelectMultipleField, StringField, TextAreaField

from . import languages, plan_code, plan_content, staff
from .i18n import public_base
from .languages import BY_CODE
from .plan_code import Plan
from .printed import address_problem
from .security import from_this_site, no_store_redirect

bp = Blueprint("plan", __name__)

EXERCISE_FIELDS = tuple(f"exercise_{n}" for n in range(1, plan_code.MAX_EXERCISES + 1))

MESSAGES = {
    "walk_minutes": _l("Enter the minutes of each walk as a number from 1 to 60"),
    "walk_minutes_missing": _l("Enter the minutes of each walk, or leave the walking empty"),
    "walk_times": _l("Enter how many walks a day as a number from 1 to 6"),
    "walk_increase": _l("Enter the minutes to add each week as a number from 1 to 15"),
    "rest_days": _l("Enter the days as a number from 1 to 28"),
    "rest_missing": _l("Choose what to take a break from, or leave the days empty"),
    "exercise": _l("Exercise %(number)s must be 80 characters or fewer"),
    "note": _l("The note must be 200 characters or fewer"),
    "date": _l("Enter the appointment date as a real date"),
    "date_range": _l("Enter an appointment date from today to one year from now"),
    "date_missing": _l("Enter the date of the appointment"),
    "time": _l("Enter the appointment time, for example 14:30"),
    "time_missing": _l("Enter the time of the appointment"),
    "empty": _l("Fill in at least one part of the plan"),
    "too_long": _l(
        "The plan is too long for one QR code. Shorten the exercises or the note "
        "by about %(count)s letters."
    ),
    "expired": _l(
        "This form was open for a long time, so it could not be sent safely. "
        "Nothing was lost. Press “Make the QR code” again."
    ),
}


class PlanForm(FlaskForm):
    """The builder's fields. Numbers are text fields so that every message is our own."""

    patient_lang = StringField()
    walk_minutes = StringField()
    walk_times = StringField()
    walk_increase = StringField()
    keep = SelectMultipleField(choices=list(plan_code.KEEP), validate_choice=False)
    rest = SelectMultipleField(choices=list(plan_code.BREAK), validate_choice=False)
    rest_days = StringField()
    appointment_date = StringField()
    appointment_time = StringField()
    note = TextAreaField()


for _name in EXERCISE_FIELDS:
    setattr(PlanForm, _name, StringField())


class Forged(Exception):
    """Values our form cannot send (unknown choices): a 400, not a message."""


def clean(text: str | None) -> str:
    """One line of plain text: NFC, control characters dropped, spaces collapsed."""
    text = unicodedata.normalize("NFC", text or "")
    text = "".join(" " if ch.isspace() else ch for ch in text if ch.isprintable() or ch.isspace())
    return " ".join(text.split())


def number(value: str | None, limits: tuple[int, int]) -> int | bool | None:
    """The number in a field: None when empty, False when not a number within the limits."""
    value = (value or "").strip()
    if not value:
        return None
    if not (value.isascii() and value.isdigit()) or len(value) > 3:
        return False
    n = int(value)
    return n if limits[0] <= n <= limits[1] else False


def read_plan(form: PlanForm) -> tuple[Plan | None, dict[str, str]]:
    """The plan in a posted form, or the messages to show next to each field (in order)."""
    errors: dict[str, str] = {}
    lang = form.patient_lang.data
    if not languages.is_offered(lang) or not set(form.keep.data or ()) <= set(plan_code.KEEP):
        raise Forged
    if not set(form.rest.data or ()) <= set(plan_code.BREAK):
        raise Forged

    minutes = number(form.walk_minutes.data, plan_code.WALK_MINUTES)
    times = number(form.walk_times.data, plan_code.WALK_TIMES)
    increase = number(form.walk_increase.data, plan_code.WALK_INCREASE)
    if minutes is False:
        errors["walk_minutes"] = MESSAGES["walk_minutes"]
    elif minutes is None and (times or increase):
        errors["walk_minutes"] = MESSAGES["walk_minutes_missing"]
    if times is False or (minutes and times is None):
        errors["walk_times"] = MESSAGES["walk_times"]
    if increase is False:
        errors["walk_increase"] = MESSAGES["walk_increase"]

    keep = tuple(k for k in plan_code.KEEP if k in (form.keep.data or ()))
    rest = tuple(k for k in plan_code.BREAK if k in (form.rest.data or ()))
    rest_days = number(form.rest_days.data, plan_code.BREAK_DAYS)
    if rest_days is False:
        errors["rest_days"] = MESSAGES["rest_days"]
    elif rest_days and not rest:
        errors["rest"] = MESSAGES["rest_missing"]

    exercises = []
    for n, name in enumerate(EXERCISE_FIELDS, start=1):
        line = clean(form[name].data)
        if len(line) > plan_code.EXERCISE_CHARS:
            errors[name] = MESSAGES["exercise"] % {"number": n}
        elif line:
            exercises.append(line)

    appointment = read_appointment(form, errors)

    note = clean(form.note.data)
    if len(note) > plan_code.NOTE_CHARS:
        errors["note"] = MESSAGES["note"]
    if errors:
        return None, errors
    plan = Plan(
        lang=lang,
        made=date.today(),
        walk_minutes=minutes or None,
        walk_times=times if minutes else None,
        walk_increase=increase if minutes else None,
        keep=keep,
        rest=rest,
        rest_days=rest_days or None,
        exercises=tuple(exercises),
        appointment=appointment,
        note=note,
    )
    if not (minutes or keep or rest or exercises or appointment or note):
        return None, {"walk_minutes": MESSAGES["empty"]}
    return plan, {}


def read_appointment(form: PlanForm, errors: dict) -> datetime | None:
    day_text = (form.appointment_date.data or "").strip()
    time_text = (form.appointment_time.data or "").strip()
    if not day_text and not time_text:
        return None
    day = when = None
    if not day_text:
        errors["appointment_date"] = MESSAGES["date_missing"]
    else:
        try:
            day = date.fromisoformat(day_text) if len(day_text) == 10 else None
        except ValueError:
            day = None
        today = date.today()
        if day is None:
            errors["appointment_date"] = MESSAGES["date"]
        elif not today - timedelta(days=1) <= day <= today + timedelta(days=366):
            errors["appointment_date"] = MESSAGES["date_range"]
    if not time_text:
        errors["appointment_time"] = MESSAGES["time_missing"]
    else:
        try:
            when = datetime.strptime(time_text[:5], "%H:%M").time() if time_text else None
        except ValueError:
            when = None
        if when is None or len(time_text) not in (5, 8):
            errors["appointment_time"] = MESSAGES["time"]
    if "appointment_date" in errors or "appointment_time" in errors:
        return None
    return datetime.combine(day, when)


def plan_link_base(lang: str) -> str:
    """Where the phone opens a plan: the public address, never this request's Host alone."""
    return public_base() + url_for("plan.page", lang=lang)


def qr_markup(qr, label: str) -> Markup:
    """The QR code as inline SVG (no request, no data: URL), black on white in every scheme."""
    svg = qr.svg_inline(
        dark="#000", light="#fff", border=4, omitsize=True, svgclass="qr", lineclass=None
    )
    # segno's SVG holds only numbers and path data: no text from the form reaches it.
    drawing = Markup(svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1))  # noqa: S704
    return Markup('<div class="plan-qr" role="img" aria-label="{}">{}</div>').format(label, drawing)


def render_form(form: PlanForm, errors: dict, status: int = 200, notice: str | None = None):
    order = ["patient_lang", "walk_minutes", "walk_times", "walk_increase", "keep", "rest"]
    order += ["rest_days", *EXERCISE_FIELDS, "appointment_date", "appointment_time", "note"]
    summary = [(name, errors[name]) for name in order if name in errors]
    response = make_response(
        render_template(
            "plan_new.html",
            form=form,
            errors=errors,
            summary=summary,
            notice=notice,
            plan_content=plan_content,
            limits=plan_code,
            exercise_fields=EXERCISE_FIELDS,
            messages=MESSAGES,
            staff_name=staff.signed_in(),
        ),
        status,
    )
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/<lang:lang>/plan/new")
def new(lang: str):
    if current_app.config.get("STATIC_EXPORT"):
        abort(404)
    if not staff.signed_in():
        return staff.sign_in_redirect(request.path)
    form = PlanForm(formdata=None, patient_lang=lang)
    return render_form(form, {})


@bp.post("/<lang:lang>/plan/new")
def build(lang: str):
    if not staff.signed_in():
        # Only staff sign plans. Nothing posted is echoed or kept.
        return staff.sign_in_redirect(url_for("plan.new", lang=lang))
    form = PlanForm()
    form.validate()  # fills .data; our own checks below decide
    try:
        plan, errors = read_plan(form)
    except Forged:
        abort(400)
    if form.csrf_token.errors:
        if not form.csrf_token.data or not from_this_site():
            # Tokenless or from another site: it may be a page elsewhere pre-filling the
            # builder. Start afresh, echoing nothing posted.
            return no_store_redirect(url_for("plan.new", lang=lang))
        # Our own page whose token expired: the form again, filled, with a fresh token.
        return render_form(form, {}, status=400, notice=str(MESSAGES["expired"]))
    if errors:
        return render_form(form, errors)
    base = plan_link_base(plan.lang)
    try:
        code = plan_code.sign(plan, current_app.config["SECRET_KEY"])
        qr = plan_code.make_qr(base, code)
    except plan_code.TooLong as too_long:
        field = next((n for n in reversed(EXERCISE_FIELDS) if form[n].data), "note")
        field = "note" if plan.note else field
        message = MESSAGES["too_long"] % {"count": too_long.over}
        return render_form(form, {field: message})

    patient = BY_CODE[plan.lang]
    link = f"{base}#{code}"
    with force_locale(patient.locale):
        printed = render_template(
            "_plan_printed.html",
            plan=plan,
            plan_content=plan_content,
            text=plan_content.sentences(plan),
            patient=patient,
            qr=qr_markup(qr, str(_l("QR code of your recovery plan"))),
        )
    response = make_response(
        render_template(
            "plan_ready.html",
            patient=patient,
            link=link,
            qr=qr_markup(qr, str(_l("QR code of the patient's recovery plan"))),
            qr_version=qr.version,
            printed=Markup(printed),  # noqa: S704 - rendered by Jinja with autoescape
            problem=address_problem(),
            address=base,
            staff_name=staff.signed_in(),
            csrf_token=generate_csrf(),
        )
    )
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/<lang:lang>/plan")
def page(lang: str):
    device = {
        "key": plan_code.public_jwk(current_app.config["SECRET_KEY"]),
        "lang": lang,
        "languages": list(plan_code.LANGUAGE_CODES),
        "text": plan_content.for_the_device(),
        "pages": {
            other.code: url_for("plan.page", lang=other.code) for other in languages.offered()
        },
    }
    return render_template("plan.html", device=device, plan_content=plan_content)
