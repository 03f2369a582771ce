"""The warning-sign check's rules, defined once.

The questions, their order and which answer ends the check with which outcome live only
here. The server applies them for the no-JavaScript form, and the same table is rendered
into the check page as JSON for the on-device path, so the two cannot drift apart.

Each question maps some answers to an outcome: such an answer stops the check there
(the most urgent questions come first, so the first warning sign decides). Answers it
does not map lead on to the next question; the last question maps every answer.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from .content import WARNING_SIGNS, WarningSign

YES, NO, NOT_SURE = "yes", "no", "not-sure"
ANSWERS = (YES, NO, NOT_SURE)
ANSWER_LABELS = {YES: _l("Yes"), NO: _l("No"), NOT_SURE: _l("Not sure")}
OUTCOMES = ("emergency", "urgent", "evaluate", "self-care")


@dataclass(frozen=True)
class Question:
    key: str  # also the form field's name
    text: object
    hint: object
    sign: WarningSign | None  # the warning sign it asks about (None: not a warning sign)
    stops: Mapping[str, str]  # answer -> outcome that ends the check at this question


def _warning_question(sign: WarningSign, text) -> Question:
    # "Not sure" counts as yes: a patient who cannot rule a warning sign out is told to act.
    return Question(sign.key, text, sign.detail, sign, {YES: sign.urgency, NOT_SURE: sign.urgency})


_SIGN = {sign.key: sign for sign in WARNING_SIGNS}

QUESTIONS: tuple[Question, ...] = (
    _warning_question(
        _SIGN["bladder-bowel"],
        _l("Have you noticed any new changes in how your bladder or bowels work?"),
    ),
    _warning_question(
        _SIGN["groin-numbness"],
        _l("Do you have numbness or tingling in your groin or between your legs?"),
    ),
    _warning_question(
        _SIGN["night-pain"],
        _l("Does your back pain keep you awake all night?"),
    ),
    _warning_question(
        _SIGN["weight-change"],
        _l("Have you lost or gained weight without being able to explain why?"),
    ),
    Question(
        "recurring",
        _l("Has back pain become a problem that keeps coming back for you?"),
        None,
        None,
        {YES: "evaluate", NO: "self-care", NOT_SURE: "self-care"},
    ),
)
BY_KEY = {question.key: question for question in QUESTIONS}


@dataclass(frozen=True)
class Decision:
    """Where a set of answers leads: an outcome, or the next question to ask."""

    outcome: str | None = None
    stopped_at: Question | None = None  # the question whose answer ended the check
    answer: str | None = None  # the answer given to it
    next_question: int | None = None  # index of the question to ask next


def decide(answers: Mapping[str, str]) -> Decision:
    """Apply the rules in order to answers keyed by question key.

    Raises ValueError for an answer that is not one of ANSWERS. Answers given after the
    question that ended the check are ignored (the check stopped there).
    """
    for index, question in enumerate(QUESTIONS):
        answer = answers.get(question.key)
        if answer is None:
            return Decision(next_question=index)
        if answer not in ANSWERS:
            raise ValueError(f"not an answer: {answer!r}")
        if answer in question.stops:
            return Decision(question.stops[answer], question, answer)
    raise AssertionError("the last question maps every answer")  # pragma: no cover


def rules_for_the_device() -> dict:
    """The same table, as the on-device check reads it (rendered into the page as JSON)."""
    return {
        "answers": list(ANSWERS),
        "questions": [{"key": q.key, "stops": dict(q.stops)} for q in QUESTIONS],
    }


# Outcome texts. Shown identically on both paths: the check page renders them once per
# possible outcome for the on-device path, and the server renders the one it reached.
# The emergency signs (F12, F13) go to the emergency service first, as the NHS and the
# cauda equina pathways route them (docs/design.md, "The warning-sign check").
OUTCOME_HEADINGS = {
    "emergency": _l("Go to an emergency department now"),
    "urgent": _l("Contact your doctor as soon as possible"),
    "evaluate": _l("No warning signs: book an evaluation"),
    "self-care": _l("You have none of the warning signs we asked about"),
}
# Urgency in words, not only colour: read out with the outcome's heading.
OUTCOME_LABELS = {"emergency": _l("Emergency"), "urgent": _l("Urgent")}
EMERGENCY_ACTION = _l(
    "Go to an emergency department now or call %(emergency)s. Do not wait for an appointment."
)
EMERGENCY_THEN = _l("Then let your doctor and your physical therapy clinic know.")
URGENT_ACTION = _l("Your answer points to a warning sign. Contact your doctor as soon as possible.")
# "Not sure" decides an outcome as "yes" would: say so, so the verdict is not a surprise.
NOT_SURE_COUNTED = _l("You answered “Not sure”. To be safe, we counted it as “Yes”.")
EVALUATE_ACTION = _l(
    "Because your back pain keeps coming back, book an evaluation with a low back expert. "
    "They can find the cause and give you an active recovery plan. Treating the cause "
    "also takes care of the spasms."
)
WATCH_FOR = _l("Watch for the warning signs. If one of them starts, do what it says:")
EVALUATION_HELPS = _l(
    "An evaluation by a low back expert helps you recover, especially if your back pain "
    "keeps coming back."
)

# The card a patient shows a doctor who may not read the patient's language.
CARD_HEADING = _l("Show this to your doctor")
CARD_TITLE = _l("Back Spasm Guide: warning-sign check")
CARD_SIGN = _l("Warning sign reported")
CARD_QUESTION = _l("Question asked")
CARD_ANSWER = _l("Answer given")
CARD_STOPPED = _l("The check stopped at this question, so the later questions were not asked.")

# On the emergency outcome the card becomes a note for the emergency department. Only the
# clinician's column names the condition to rule out; the patient's never says "you have".
ED_HEADING = _l("Show this at the emergency department")
ED_FOR_PATIENT = _l("For you")
ED_FOR_CLINICIAN = _l("For the doctor or nurse")
ED_PATIENT_REASON = _l("These can be signs of a rare nerve problem that must be checked today.")
ED_CLINICIAN_REASON = _l(
    "Reason for attending: suspected cauda equina syndrome, reported in a self-check. "
    "Please assess today."
)
ED_STARTED = _l("It started")
ED_STARTED_CHOICES = {
    "": _l("Choose when it started"),
    "today": _l("today"),
    "yesterday": _l("yesterday"),
    "2-7-days": _l("2 to 7 days ago"),
    "over-a-week": _l("more than a week ago"),
}
ED_CLINIC = _l("Physical therapy clinic: %(clinic)s")
