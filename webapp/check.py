"""The warning-sign check at `/<lang>/check`: one page for both ways of running it.

GET renders the first screen (the emergency signs) as an ordinary form, plus every later
screen and outcome in an inert `<template>` for the on-device path (JavaScript answers
there, never posts, and works offline). Without JavaScript the same form is posted here:
earlier screens' answers travel in hidden fields and are checked again on every POST, so a
forged later step cannot skip a screen. Nothing about the answers is stored or logged, and
results are sent with `Cache-Control: no-store`.

Cookies: the GET page carries no form token, so reading the check (or running it on the
device) sets no cookie. The first POST, which can only carry answers of screen 1, is
protected by checking that it comes from this site (`Sec-Fetch-Site` / `Origin`); its
response starts the session that holds the Flask-WTF token every later step must return.
"""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    make_response,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import force_locale
from flask_wtf import FlaskForm
from flask_wtf.csrf import generate_csrf, validate_csrf
from wtforms import RadioField, SelectMultipleField
from wtforms.validators import Optional
from wtforms.validators import ValidationError as WTFValidationError

from . import triage
from .check_state import Screen, StaleState, seal, unseal
from .i18n import current_language
from .languages import BY_CODE
from .security import from_this_site, no_store_redirect

bp = Blueprint("check", __name__)

RADIO_SIGNS = [sign for screen in triage.SCREENS if not screen.checklist for sign in screen.signs]
CHECKLIST = next(screen for screen in triage.SCREENS if screen.checklist)
#: The `step` field: a screen's index, or this for the outcome screen.
OUTCOME_STEP = "outcome"


class CheckForm(FlaskForm):
    """The answers a POST may carry: one radio group per sign, the check-up ticks."""

    class Meta:
        csrf = False  # checked by hand below: the first step has no token by design

    checkup = SelectMultipleField(
        choices=[s.key for s in CHECKLIST.signs] + [triage.NONE_OF_THESE],
        validators=[Optional()],
    )


for _sign in RADIO_SIGNS:
    setattr(CheckForm, _sign.key, RadioField(choices=list(triage.ANSWERS), validators=[Optional()]))


class BadAnswers(Exception):
    """The posted answers cannot come from our form (forged, duplicated or out of order)."""


def posted() -> tuple[dict[str, str], int | str]:
    """The answers in this POST, validated, and the screen they came from."""
    if any(len(request.form.getlist(s.key)) > 1 for s in RADIO_SIGNS):
        raise BadAnswers
    step_field = request.form.get("step", "0")
    if step_field == OUTCOME_STEP:
        step: int | str = OUTCOME_STEP
    elif step_field in {str(i) for i in range(len(triage.SCREENS))}:
        step = int(step_field)
    else:
        raise BadAnswers
    form = CheckForm(request.form)
    if not form.validate():
        raise BadAnswers
    # WTForms' Optional() lets a blank value through unchecked: a value of only spaces is no
    # answer (the screen asks again); anything else must be one of the answers.
    answers = {}
    for sign in RADIO_SIGNS:
        value = (form[sign.key].data or "").strip()
        if value and value not in triage.ANSWERS:
            raise BadAnswers
        if value:
            answers[sign.key] = value
    ticks = set(form.checkup.data or ())
    for sign in CHECKLIST.signs:
        # A tick is Yes; with "None of these" (and no tick) every check-up sign is No.
        if sign.key in ticks:
            answers[sign.key] = triage.YES
        elif ticks:
            answers[sign.key] = triage.NO
    return answers, step


def check_order(answers: dict[str, str], step: int | str) -> None:
    """Refuse answers our form could not have sent: answers to a screen after the one
    shown, an earlier screen incomplete, or an earlier screen that would have ended the
    check (a forged later step cannot skip a level)."""
    if step == OUTCOME_STEP:
        decision = triage.decide(answers)
        if decision.outcome is None or decision.screen != _stopping_screen(answers):
            raise BadAnswers
        return
    if _stopping_screen(answers) > step:
        raise BadAnswers
    if triage.decide(_answers_before(answers, step)).next_screen != step:
        raise BadAnswers


def hidden_fields(answers: dict[str, str]) -> list[tuple[str, str]]:
    """Answers as the form's hidden fields: a radio answer each; the check-up ticks (or
    "None of these") as the checklist sends them."""
    fields = [(k, v) for k, v in answers.items() if k not in CHECKLIST.keys]
    ticks = [k for k in CHECKLIST.keys if answers.get(k) == triage.YES]
    if ticks:
        fields += [("checkup", k) for k in ticks]
    elif any(k in answers for k in CHECKLIST.keys):
        fields.append(("checkup", triage.NONE_OF_THESE))
    return fields


def only_first_screen(answers: dict[str, str]) -> bool:
    return set(answers) <= set(triage.SCREENS[0].keys)


def token_problem(answers: dict[str, str]) -> bool:
    """True when this POST must be refused for its form token (missing, forged, expired)."""
    token = request.form.get("csrf_token")
    if token:
        try:
            validate_csrf(token)
        except WTFValidationError:
            return True
        return False
    return not (only_first_screen(answers) and from_this_site())


def note_lines(signs, locale: str) -> list[dict[str, str]]:
    """The lines of a note in one language: each sign's short name, and "not sure"."""
    with force_locale(locale):
        return [
            {"key": s.key, "name": str(s.name), "not_sure": str(triage.NOT_SURE_MARK)}
            for s in signs
        ]


def report_card(outcome: str, locale: str, role: str) -> dict:
    """The note's text in one language: the patient's column, or the clinician's.

    Only the clinician's words name the condition to rule out (docs/design.md, "Safety
    net"); with one column (the patient reads the clinic's language) it carries both.
    """
    emergency = outcome == "emergency"
    # An emergency may come from the first screen or, by a combination, the second.
    signs = triage.SCREENS[1].signs
    if emergency:
        signs = triage.SCREENS[0].signs + signs
    with force_locale(locale):
        card = {
            "role": role,
            "heading": str(triage.ED_HEADING if emergency else triage.CARD_HEADING),
            "title": str(triage.CARD_TITLE),
            "signs_label": str(triage.CARD_SIGNS),
            "lines": note_lines(signs, locale),
            "not_asked": str(triage.CARD_NOT_ASKED),
            "started_label": str(triage.ED_STARTED),
            "clinic_label": str(triage.ED_CLINIC),
            "for": str(triage.ED_FOR_PATIENT if role == "patient" else triage.ED_FOR_CLINICIAN),
            "for_clinician": str(triage.ED_FOR_CLINICIAN),
            "patient_reason": str(triage.ED_PATIENT_REASON),
            "clinician_reason": "",
        }
        if emergency and role in ("clinician", "both"):
            card["clinician_reason"] = str(triage.ED_CLINICIAN_REASON)
        return card


def cards_for(outcome: str) -> list:
    """The note's columns: the patient's language, then the clinic's when it differs."""
    if outcome not in ("emergency", "urgent"):
        return []
    patient = current_language()
    clinic = BY_CODE[current_app.config["CLINIC_LANGUAGE"]]
    if clinic == patient:
        return [(patient, report_card(outcome, patient.locale, "both"))]
    return [
        (patient, report_card(outcome, patient.locale, "patient")),
        (clinic, report_card(outcome, clinic.locale, "clinician")),
    ]


def started_choices() -> list[tuple[str, str]]:
    """The "it started" options, each in the patient's and the clinic's language."""
    patient = current_language()
    clinic = BY_CODE[current_app.config["CLINIC_LANGUAGE"]]
    choices = []
    for value, label in triage.ED_STARTED_CHOICES.items():
        text = str(label)
        if clinic != patient and value:
            with force_locale(clinic.locale):
                text = f"{text} / {label}"
        choices.append((value, text))
    return choices


def render_check(mode: str, status: int, token: bool = True, **context):
    needs_token = mode != "start" and token
    context.setdefault("answers", {})
    if mode in ("start", "outcome"):  # the check-up outcome's "what you told us" lines
        context["evaluate_lines"] = note_lines(CHECKLIST.signs, current_language().locale)
    response = make_response(
        render_template(
            "check.html",
            mode=mode,
            total=len(triage.SCREENS),
            screens=triage.SCREENS,
            answer_labels=triage.ANSWER_LABELS,
            started_choices=started_choices(),
            csrf_token=generate_csrf() if needs_token else None,
            **context,
        ),
        status,
    )
    if mode != "start":
        response.headers["Cache-Control"] = "no-store"
    return response


def render_screen(
    answers: dict[str, str],
    index: int,
    *,
    error=False,
    notice=None,
    status=200,
    token=True,
):
    """Screen `index`, earlier screens' answers in hidden fields, its own answers selected."""
    screen = triage.SCREENS[index]
    earlier = hidden_fields(_answers_before(answers, index))
    mine = {k: v for k, v in answers.items() if k in screen.keys}
    missing = [k for k in screen.keys if k not in mine] if error else []
    return render_check(
        "step",
        status,
        token=token,
        screen=screen,
        index=index,
        step=index,
        earlier=earlier,
        answers=mine,
        missing=missing,
        none_checked=screen.checklist
        and len(mine) == len(screen.keys)
        and all(v == triage.NO for v in mine.values()),
        error=error,
        notice=notice,
    )


@bp.get("/<lang:lang>/check")
def check(lang: str):
    return render_check(
        "start",
        200,
        screen=triage.SCREENS[0],
        index=0,
        step=0,
        earlier=[],
        missing=[],
        none_checked=False,
        error=False,
        notice=None,
        rules=triage.rules_for_the_device(),
        device_outcomes=[(o, cards_for(o)) for o in triage.OUTCOMES],
    )


@bp.post("/<lang:lang>/check")
def answer(lang: str):
    action = request.form.get("action", "continue")
    if action == "restart":
        # A new form session: every earlier screen's address (bound to the old one, see
        # check_state) now starts afresh, so Back cannot bring the answers back.
        session.pop("csrf_token", None)
        return fresh_start(lang)
    if action not in ("continue", "back"):
        abort(400)
    try:
        answers, step = posted()
        check_order(answers, step)
    except (BadAnswers, ValueError):
        abort(400)

    on_outcome = step == OUTCOME_STEP
    if token_problem(answers):
        if not request.form.get("csrf_token") or not from_this_site():
            # Tokenless (past the first screen) or from another site: it may be a page
            # elsewhere pre-answering "No" for the patient. Start afresh and echo nothing
            # posted; no session is started, so no cookie is set.
            return fresh_start(lang)
        # Our own page whose token expired: friendly, translated, and nothing lost (the
        # same place again, with a fresh token).
        shown = _stopping_screen(answers) if on_outcome else step
        return render_screen(answers, shown, notice="expired", status=400)

    # Post/Redirect/Get: the answer to a POST is a 303 to the next screen's own address.
    if action == "back":
        back_to = _stopping_screen(answers) if on_outcome else max(step - 1, 0)
        return show(Screen(_answers_before(answers, back_to + 1), back_to))
    decision = triage.decide(answers)
    if decision.outcome:
        return show(Screen(answers, len(triage.SCREENS), outcome=True))
    if decision.next_screen > step:
        return show(Screen(answers, decision.next_screen))
    return show(Screen(answers, step, error=True))


def fresh_start(lang: str):
    return no_store_redirect(url_for("check.check", lang=lang))


def _stopping_screen(answers: dict[str, str]) -> int:
    """The screen whose answers ended the check (the last one answered)."""
    levels = {triage.LEVEL_OF_SCREEN[triage.SIGNS[k].level] for k in answers}
    return max(levels, default=0)


def _answers_before(answers: dict[str, str], index: int) -> dict[str, str]:
    """The answers to screens before `index` (kept when going back to a screen)."""
    return {
        k: v for k, v in answers.items() if triage.LEVEL_OF_SCREEN[triage.SIGNS[k].level] < index
    }


def show(screen: Screen):
    return no_store_redirect(url_for("check.screen", lang=current_language().code, s=seal(screen)))


@bp.get("/<lang:lang>/check/answers")
def screen(lang: str):
    """A screen of the no-JavaScript check, from its sealed address (`check_state`).

    A stale address (expired, forged, or from a session that has ended) starts the check
    again: it never shows, or hints at, the answers it held.
    """
    try:
        shown = unseal(request.args.get("s", ""))
        decision = triage.decide(shown.answers)
    except (StaleState, ValueError):
        return fresh_start(lang)
    if shown.outcome and decision.outcome:
        return render_check(
            "outcome",
            200,
            outcome=decision.outcome,
            decision=decision,
            cards=cards_for(decision.outcome),
            earlier=hidden_fields(shown.answers),
            step=OUTCOME_STEP,
        )
    index = min(shown.index, len(triage.SCREENS) - 1)
    return render_screen(shown.answers, index, error=shown.error)
