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

from . import exercises, languages, plan_code, plan_content, staff
from .exercises import LIBRARY
from .i18n import public_base
from .languages import BY_CODE
from .plan_code import Plan, Prescribed
from .plan_content import KEEP_LABELS
from .printed import address_problem
from .security import from_this_site, no_store_redirect

bp = Blueprint("plan", __name__)

#: A break is never open-ended: the builder offers this many days (docs/design.md).
DEFAULT_BREAK_DAYS = 3

#: The dose fields of each exercise in the builder: `<key>-<part>`.
DOSE_PARTS = {
    "reps": exercises.REPS,
    "hold": exercises.HOLD,
    "sets": exercises.SETS,
    "times": exercises.TIMES,
}

MESSAGES = {
    "walk_minutes": _l("Enter the minutes of each walk as a number from 1 to 60"),
    "walk_minutes_missing": _l("Enter the minutes of each walk, or leave the walking empty"),
    "walk_times": _l("Enter how many walks a day as a number from 1 to 6"),
    "walk_day": _l(
        "Walking adds up to more than 60 minutes a day. Make the walks shorter or fewer."
    ),
    "walk_increase": _l("Enter the minutes to add each week as a number from 1 to 5"),
    "rest_days": _l("Enter the days as a number from 1 to 14"),
    "rest_missing": _l("Choose what to take a break from, or leave the days empty"),
    "conflict": _l("“%(keep)s” and “%(rest)s” contradict each other. Choose only one of them."),
    "too_many": _l("Choose at most 8 exercises"),
    "dose": _l("%(exercise)s: enter %(what)s as a number from %(low)s to %(high)s"),
    "own_line": _l("Your own line must be 80 characters or fewer"),
    "note": _l("The note must be 200 characters or fewer"),
    "date": _l("Enter the appointment date as a real date"),
    "date_range": _l("Enter an appointment date from today to one year from now"),
    "date_missing": _l("Enter the date of the appointment"),
    "time": _l("Enter the appointment time, for example 14:30"),
    "time_missing": _l("Enter the time of the appointment"),
    "empty": _l("Fill in at least one part of the plan"),
    "too_long": _l(
        "The plan is too long for one QR code. Shorten your own line or the note "
        "by about %(count)s letters."
    ),
    "expired": _l(
        "This form was open for a long time, so it could not be sent safely. "
        "Nothing was lost. Press “Make the QR code” again."
    ),
}
#: What each dose field asks for, in the dose message.
DOSE_WORDS = {
    "reps": _l("the repetitions"),
    "hold": _l("the seconds to hold"),
    "sets": _l("the sets"),
    "times": _l("the times a day"),
}


class PlanForm(FlaskForm):
    """The builder's fields. Numbers are text fields so that every message is our own; each
    exercise's dose fields (`<key>-reps`, ...) are read beside these (see `read_doses`)."""

    patient_lang = StringField()
    walk_minutes = StringField()
    walk_times = StringField()
    walk_increase = StringField()
    keep = SelectMultipleField(choices=list(plan_code.KEEP), validate_choice=False)
    rest = SelectMultipleField(choices=list(plan_code.BREAK), validate_choice=False)
    rest_days = StringField()
    exercise = SelectMultipleField(choices=[e.key for e in LIBRARY], validate_choice=False)
    own_line = StringField()
    appointment_date = StringField()
    appointment_time = StringField()
    note = TextAreaField()


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


def dose_fields(formdata, plan: Plan | None = None) -> dict[str, str]:
    """Every dose field's text: as posted, else from a plan being changed, else the default."""
    chosen = {p.key: p for p in plan.exercises} if plan else {}
    values = {}
    for exercise in LIBRARY:
        default = chosen.get(exercise.key, exercise.dose)
        for part in DOSE_PARTS:
            name = f"{exercise.key}-{part}"
            if formdata is not None and name in formdata:
                values[name] = formdata.get(name, "")[:8]
            else:
                value = getattr(default, part)
                values[name] = str(value) if value else ""
    return values


def read_doses(chosen: list[str], values: dict[str, str], errors: dict) -> list[Prescribed]:
    found = []
    for exercise in LIBRARY:
        if exercise.key not in chosen:
            continue
        numbers = {}
        for part, limits in DOSE_PARTS.items():
            name = f"{exercise.key}-{part}"
            value = number(values.get(name), limits)
            if part == "hold" and value is None:
                value = 0
            if value is None or value is False:
                errors[name] = MESSAGES["dose"] % {
                    "exercise": exercise.name,
                    "what": DOSE_WORDS[part],
                    "low": limits[0],
                    "high": limits[1],
                }
            numbers[part] = value
        if not any(f"{exercise.key}-{part}" in errors for part in DOSE_PARTS):
            found.append(Prescribed(exercise.key, **numbers))
    return found


def read_plan(form: PlanForm, values: dict[str, str]) -> tuple[Plan | None, dict[str, str]]:
    """The plan in a posted form, or the messages to show next to each field (in order)."""
    errors: dict[str, str] = {}
    lang = form.patient_lang.data
    if not languages.is_offered(lang) or not set(form.keep.data or ()) <= set(plan_code.KEEP):
        raise Forged
    if not set(form.rest.data or ()) <= set(plan_code.BREAK):
        raise Forged
    chosen = list(form.exercise.data or ())
    if not set(chosen) <= set(exercises.BY_KEY):
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
    elif minutes and times and minutes * times > plan_code.WALK_DAY_MAX:
        errors["walk_minutes"] = MESSAGES["walk_day"]
    if increase is False:
        errors["walk_increase"] = MESSAGES["walk_increase"]

    keep = tuple(k for k in plan_code.KEEP if k in (form.keep.data or ()))
    rest = tuple(k for k in plan_code.BREAK if k in (form.rest.data or ()))
    rest_days = number(form.rest_days.data, plan_code.BREAK_DAYS)
    if rest_days is False:
        errors["rest_days"] = MESSAGES["rest_days"]
    elif rest_days and not rest:
        errors["rest"] = MESSAGES["rest_missing"]
    elif rest and not rest_days:
        rest_days = DEFAULT_BREAK_DAYS  # never open-ended
    for kept, paused in plan_code.conflicts(keep, rest):
        errors.setdefault(
            "rest",
            MESSAGES["conflict"]
            % {"keep": KEEP_LABELS[kept], "rest": plan_content.BREAK_LABELS[paused]},
        )

    if len(chosen) > plan_code.MAX_EXERCISES:
        errors["exercise"] = MESSAGES["too_many"]
    prescribed = read_doses(chosen, values, errors)

    own_line = clean(form.own_line.data)
    if len(own_line) > plan_code.OWN_LINE_CHARS:
        errors["own_line"] = MESSAGES["own_line"]

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
        exercises=tuple(prescribed),
        lines=(own_line,) if own_line else (),
        appointment=appointment,
        note=note,
    )
    if not (minutes or keep or rest or prescribed or own_line or appointment or note):
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


def form_from_plan(plan: Plan) -> PlanForm:
    """The builder filled with a plan this clinic signed ("Change this plan", Back)."""
    return PlanForm(
        formdata=None,
        patient_lang=plan.lang,
        walk_minutes=str(plan.walk_minutes or ""),
        walk_times=str(plan.walk_times or ""),
        walk_increase=str(plan.walk_increase or ""),
        keep=list(plan.keep),
        rest=list(plan.rest),
        rest_days=str(plan.rest_days or ""),
        exercise=[p.key for p in plan.exercises],
        own_line=plan.lines[0] if plan.lines else "",
        appointment_date=plan.appointment.date().isoformat() if plan.appointment else "",
        appointment_time=plan.appointment.strftime("%H:%M") if plan.appointment else "",
        note=plan.note,
    )


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


def render_form(
    form: PlanForm,
    errors: dict,
    values: dict[str, str],
    status: int = 200,
    notice: str | None = None,
):
    order = ["patient_lang", "walk_minutes", "walk_times", "walk_increase", "keep", "rest"]
    order += ["rest_days", "exercise"]
    order += [f"{e.key}-{part}" for e in LIBRARY for part in DOSE_PARTS]
    order += ["own_line", "appointment_date", "appointment_time", "note"]
    summary = [(name, errors[name]) for name in order if name in errors]
    base = plan_link_base(form.patient_lang.data or "en")
    response = make_response(
        render_template(
            "plan_new.html",
            form=form,
            errors=errors,
            summary=summary,
            notice=notice,
            plan_content=plan_content,
            limits=plan_code,
            library=LIBRARY,
            values=values,
            dose_parts=DOSE_PARTS,
            messages=MESSAGES,
            staff_name=staff.signed_in(),
            room={
                # What the meter needs to count the code's room as the therapist types.
                "capacity": plan_code.capacity(base),
                "fixed": plan_code.HEADER.size + 1 + 2 + plan_code.SIGNATURE_BYTES,
                "perExercise": plan_code.EXERCISE_BYTES,
            },
        ),
        status,
    )
    response.headers["Cache-Control"] = "no-store"
    return response


def _verified(code: str | None) -> Plan | None:
    if not code:
        return None
    try:
        return plan_code.verify(code, current_app.config["SECRET_KEY"])
    except plan_code.BadCode:
        return None


@bp.get("/<lang:lang>/plan/new")
def new(lang: str):
    if current_app.config.get("STATIC_EXPORT"):
        abort(404)
    if not staff.signed_in():
        return staff.sign_in_redirect(request.path)
    plan = _verified(request.args.get("code"))
    if plan is not None:  # "Change this plan", or Back from the plan
        return render_form(form_from_plan(plan), {}, dose_fields(None, plan))
    form = PlanForm(formdata=None, patient_lang=lang, rest_days=str(DEFAULT_BREAK_DAYS))
    return render_form(form, {}, dose_fields(None))


@bp.post("/<lang:lang>/plan/new")
def build(lang: str):
    if not staff.signed_in():
        # Only staff sign plans. Nothing posted is echoed or kept.
        return staff.sign_in_redirect(url_for("plan.new", lang=lang))
    form = PlanForm()
    form.validate()  # fills .data; our own checks below decide
    values = dose_fields(request.form)
    try:
        plan, errors = read_plan(form, values)
    except Forged:
        abort(400)
    if form.csrf_token.errors:
        if not form.csrf_token.data or not from_this_site():
            # Tokenless or from another site: it may be a page elsewhere pre-filling the
            # builder. Start afresh, echoing nothing posted.
            return no_store_redirect(url_for("plan.new", lang=lang))
        # Our own page whose token expired: the form again, filled, with a fresh token.
        return render_form(form, {}, values, status=400, notice=str(MESSAGES["expired"]))
    if errors:
        return render_form(form, errors, values)
    base = plan_link_base(plan.lang)
    try:
        code = plan_code.sign(plan, current_app.config["SECRET_KEY"])
        plan_code.make_qr(base, code)
    except plan_code.TooLong as too_long:
        field = "note" if plan.note else "own_line" if plan.lines else "exercise"
        message = MESSAGES["too_long"] % {"count": too_long.over}
        return render_form(form, {field: message}, values)
    # Post/Redirect/Get: the plan's own address, so Back and "Change this plan" find it.
    return no_store_redirect(url_for("plan.ready", lang=lang, code=code))


@bp.get("/<lang:lang>/plan/ready")
def ready(lang: str):
    """The QR code to show the patient, and the printed plan. The code in the address is
    checked again (only this clinic's signature opens it) and nothing is kept."""
    if current_app.config.get("STATIC_EXPORT"):
        abort(404)
    code = request.args.get("code", "")
    if not staff.signed_in():
        return staff.sign_in_redirect(url_for("plan.new", lang=lang))
    plan = _verified(code)
    if plan is None:
        abort(404)
    base = plan_link_base(plan.lang)
    qr = plan_code.make_qr(base, code)
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
            code=code,
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
        "layout": plan_code.for_the_device(),
        "text": plan_content.for_the_device(),
        "dose": exercises.for_the_device(),
        "pages": {
            other.code: url_for("plan.page", lang=other.code) for other in languages.offered()
        },
    }
    return render_template(
        "plan.html", device=device, plan_content=plan_content, library=exercise_cards()
    )


def exercise_cards() -> list[dict]:
    """Every exercise as the plan page shows it (the phone picks the ones in a plan)."""
    return [
        {"exercise": exercise, "pictures": exercises.pictures(exercise)} for exercise in LIBRARY
    ]
