"""The warning-sign check at `/<lang>/check`: one page for both ways of running it.

GET renders the first question as an ordinary form, plus every later screen in an inert
`<template>` for the on-device path (JavaScript answers there, never posts, and works
offline). Without JavaScript the same form is posted here: earlier answers travel in
hidden fields and are checked again on every POST, so a forged later step cannot skip a
warning question. Nothing about the answers is stored or logged, and results are sent
with `Cache-Control: no-store`.

Cookies: the GET page carries no form token, so reading the check (or running it on the
device) sets no cookie. The first POST, which can only carry the answer to question 1, is
protected by checking that it comes from this site (`Sec-Fetch-Site` / `Origin`); its
response starts the session that holds the Flask-WTF token every later step must return.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import (
    Blueprint,
    abort,
    current_app,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import force_locale
from flask_wtf import FlaskForm
from flask_wtf.csrf import generate_csrf, validate_csrf
from wtforms import RadioField
from wtforms.validators import Optional
from wtforms.validators import ValidationError as WTFValidationError

from . import triage
from .check_state import Screen, StaleState, seal, unseal
from .i18n import current_language
from .languages import BY_CODE

bp = Blueprint("check", __name__)


class CheckForm(FlaskForm):
    """The answers a POST may carry: one radio group per question, all optional."""

    class Meta:
        csrf = False  # checked by hand below: the first step has no token by design


for _question in triage.QUESTIONS:
    setattr(
        CheckForm,
        _question.key,
        RadioField(choices=list(triage.ANSWERS), validators=[Optional()]),
    )


class BadAnswers(Exception):
    """The posted answers cannot come from our form (forged, duplicated or out of order)."""


def posted_answers() -> dict[str, str]:
    """The answers in this POST, validated: known values, once each, in an allowed order."""
    if any(len(request.form.getlist(q.key)) > 1 for q in triage.QUESTIONS):
        raise BadAnswers
    form = CheckForm(request.form)
    if not form.validate():
        raise BadAnswers
    answers = {q.key: form[q.key].data for q in triage.QUESTIONS if form[q.key].data}
    # Answers run from question 1 with no gap, and only the last may end the check.
    given = list(answers)
    if given != [q.key for q in triage.QUESTIONS[: len(given)]]:
        raise BadAnswers
    if any(answers[q.key] in q.stops for q in triage.QUESTIONS[: max(len(given) - 1, 0)]):
        raise BadAnswers
    return answers


def _index_of_last(answers: dict[str, str]) -> int:
    return max(len(answers) - 1, 0)


def this_origin() -> str:
    """Our origin, scheme included: PUBLIC_URL's, else (development) the request's."""
    parts = urlsplit(current_app.config.get("PUBLIC_URL") or request.host_url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def from_this_site() -> bool:
    """Cross-site POST protection for the first step, which carries no token yet."""
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None:
        return site in ("same-origin", "none")
    origin = request.headers.get("Origin")
    if origin is None:  # an old browser that sends neither: nothing to go on
        return True
    # http://clinic is another origin than https://clinic: compare scheme, host and port.
    return origin.strip().lower() == this_origin()


def token_problem(answers: dict[str, str]) -> bool:
    """True when this POST must be refused for its form token (missing, forged, expired)."""
    token = request.form.get("csrf_token")
    if token:
        try:
            validate_csrf(token)
        except WTFValidationError:
            return True
        return False
    only_first = set(answers) <= {triage.QUESTIONS[0].key}
    return not (only_first and from_this_site())


def report_card(decision: triage.Decision, locale: str, role: str) -> dict[str, str]:
    """The card's text in one language: the patient's column, or the clinician's.

    On the emergency outcome the card is a note for the emergency department; only the
    clinician's column names the condition to rule out (docs/design.md, "Safety net").
    """
    emergency = decision.outcome == "emergency"
    with force_locale(locale):
        card = {
            "role": role,
            "heading": str(triage.ED_HEADING if emergency else triage.CARD_HEADING),
            "title": str(triage.CARD_TITLE),
            "sign_label": str(triage.CARD_SIGN),
            "sign": str(decision.stopped_at.sign.name),
            "question_label": str(triage.CARD_QUESTION),
            "question": str(decision.stopped_at.text),
            "answer_label": str(triage.CARD_ANSWER),
            "answer": str(triage.ANSWER_LABELS[decision.answer]),
            "stopped": str(triage.CARD_STOPPED),
        }
        if emergency:
            patient = role == "patient"
            card["for"] = str(triage.ED_FOR_PATIENT if patient else triage.ED_FOR_CLINICIAN)
            reason = triage.ED_PATIENT_REASON if patient else triage.ED_CLINICIAN_REASON
            card["reason"] = str(reason)
            card["started_label"] = str(triage.ED_STARTED)
            card["clinic_label"] = str(triage.ED_CLINIC)
        return card


def outcome_context(decision: triage.Decision) -> dict:
    """Everything the outcome screen needs, for one reached outcome.

    The emergency note always has both columns (the patient's words and the clinician's,
    even in one language); the doctor's card adds the clinic's language when it differs.
    """
    cards = []
    if decision.outcome in ("emergency", "urgent"):
        patient = current_language()
        clinic = BY_CODE[current_app.config["CLINIC_LANGUAGE"]]
        cards.append((patient, report_card(decision, patient.locale, "patient")))
        if clinic != patient or decision.outcome == "emergency":
            cards.append((clinic, report_card(decision, clinic.locale, "clinician")))
    return {"decision": decision, "cards": cards}


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


def all_outcomes() -> list[dict]:
    """Every outcome screen the on-device check can reach, rendered ahead of time."""
    screens = []
    for question in triage.QUESTIONS:
        for answer, outcome in question.stops.items():
            decision = triage.Decision(outcome, question, answer)
            # The last question has no warning sign: one screen per outcome it can reach.
            last_question_seen = question.sign is None and any(
                s["decision"].outcome == outcome for s in screens
            )
            if not last_question_seen:
                screens.append(outcome_context(decision))
    return screens


def render_step(
    answers: dict[str, str], *, index: int, error=False, notice=None, status=200, token=True
):
    """Question `index`, earlier answers in hidden fields, its own answer (if any) selected."""
    question = triage.QUESTIONS[index]
    return render_check(
        "step",
        status,
        token=token,
        question=question,
        index=index,
        step=index,
        earlier={q.key: answers[q.key] for q in triage.QUESTIONS[:index]},
        selected=answers.get(question.key),
        error=error,
        notice=notice,
    )


def render_check(mode: str, status: int, token: bool = True, **context):
    needs_token = mode != "start" and token
    response = make_response(
        render_template(
            "check.html",
            mode=mode,
            total=len(triage.QUESTIONS),
            questions=triage.QUESTIONS,
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


@bp.get("/<lang:lang>/check")
def check(lang: str):
    return render_check(
        "start",
        200,
        question=triage.QUESTIONS[0],
        index=0,
        step=0,
        earlier={},
        selected=None,
        error=False,
        notice=None,
        rules=triage.rules_for_the_device(),
        outcomes=all_outcomes(),
    )


@bp.post("/<lang:lang>/check")
def answer(lang: str):
    action = request.form.get("action", "continue")
    if action == "restart":
        return redirect(url_for("check.check", lang=lang), code=303)
    try:
        answers = posted_answers()
        step = int(request.form.get("step", "0"))
    except (BadAnswers, ValueError):
        abort(400)
    # The screen the patient was on: question `step` (answered or not), or the outcome after
    # the last answer. Anything else did not come from our form.
    if action not in ("continue", "back") or step not in {len(answers), max(len(answers) - 1, 0)}:
        abort(400)

    decision = triage.decide(answers)
    if token_problem(answers):
        # Friendly, translated, and nothing lost: the same place again, with a fresh token.
        on_outcome = decision.outcome is not None and step == len(answers)
        index = _index_of_last(answers) if on_outcome else step
        # A refused first step starts no session (no cookie for a cross-site post): the
        # page asks again without a token, and a first step sent from our page needs none.
        first_only = set(answers) <= {triage.QUESTIONS[0].key}
        return render_step(answers, index=index, notice="expired", status=400, token=not first_only)

    # Post/Redirect/Get: the answer to a POST is a 303 to the next screen's own address.
    if action == "back":
        return show(Screen(answers, max(step - 1, 0)))
    if decision.outcome:
        return show(Screen(answers, len(answers), outcome=True))
    index = decision.next_question
    return show(Screen(answers, index, error=index == step))


def show(screen: Screen):
    address = url_for("check.screen", lang=current_language().code, s=seal(screen))
    response = redirect(address, code=303)
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/<lang:lang>/check/answers")
def screen(lang: str):
    """A screen of the no-JavaScript check, from its sealed address (`check_state`).

    A stale address (expired, forged, or from a session that has ended) starts the check
    again: it never shows, or hints at, the answers it held.
    """
    try:
        shown = unseal(request.args.get("s", ""))
    except StaleState:
        response = redirect(url_for("check.check", lang=lang), code=303)
        response.headers["Cache-Control"] = "no-store"
        return response
    decision = triage.decide(shown.answers)
    if shown.outcome and decision.outcome:
        return render_check(
            "outcome", 200, answers=shown.answers, step=shown.index, **outcome_context(decision)
        )
    return render_step(
        shown.answers, index=min(shown.index, len(triage.QUESTIONS) - 1), error=shown.error
    )
