"""The warning-sign check's rules, defined once.

The signs themselves (their words and levels) live in `content.WARNING_SIGNS`; this module
says how the check asks about them and where the answers lead. The server applies these
rules for the no-JavaScript form, and the same rules are rendered into the check page as
JSON for the on-device path (`rules_for_the_device`), so the two cannot drift apart.

Three screens, most urgent first (docs/design.md, "The warning-sign check"):
1. emergency: every emergency sign is its own row with Yes / No / Not sure;
2. urgent: the same for the urgent signs; then the combination rules, which escalate some
   pairs of urgent signs to an emergency (NICE: spinal cord compression in cancer);
3. book a check-up: a checklist ("None of these" when nothing applies).
"Not sure" counts as Yes. The check stops at the first screen with a Yes or Not sure, and
the outcome lists every sign of that screen so answered.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from .content import BY_KEY as SIGNS
from .content import WARNING_SIGNS, WarningSign

YES, NO, NOT_SURE = "yes", "no", "not-sure"
ANSWERS = (YES, NO, NOT_SURE)
POSITIVE = (YES, NOT_SURE)  # "Not sure" counts as Yes: a sign not ruled out is acted on
ANSWER_LABELS = {YES: _l("Yes"), NO: _l("No"), NOT_SURE: _l("Not sure")}
OUTCOMES = ("emergency", "urgent", "evaluate", "self-care")
#: The check-up screen's "None of these" (a checklist, not a row per sign).
NONE_OF_THESE = "none"


@dataclass(frozen=True)
class Screen:
    level: str  # "emergency", "urgent" or "evaluate": where a Yes on this screen leads
    question: object  # the screen's question, with its time anchor
    hint: object
    signs: tuple[WarningSign, ...]
    checklist: bool = False  # ticks instead of a Yes / No / Not sure row per sign

    @property
    def keys(self) -> list[str]:
        return [sign.key for sign in self.signs]


def _level(level: str) -> tuple[WarningSign, ...]:
    return tuple(sign for sign in WARNING_SIGNS if sign.level == level)


SCREENS: tuple[Screen, ...] = (
    Screen(
        "emergency",
        _l(
            "Since your back pain started, or in the last 2 weeks: is any of these new or "
            "getting worse?"
        ),
        _l("Answer every line. If you are not sure, choose “Not sure”."),
        _level("emergency"),
    ),
    Screen(
        "urgent",
        _l("Do you have any of these?"),
        _l("Answer every line. If you are not sure, choose “Not sure”."),
        _level("urgent"),
    ),
    Screen(
        "evaluate",
        _l("Does any of these fit your back pain?"),
        _l("Tick every one that fits. If you are not sure, tick it."),
        _level("evaluate"),
        checklist=True,
    ),
)
LEVEL_OF_SCREEN = {screen.level: index for index, screen in enumerate(SCREENS)}


@dataclass(frozen=True)
class Combination:
    """Two urgent signs that together need an emergency department now."""

    key: str
    all_of: tuple[str, ...]
    any_of: tuple[str, ...]
    reason: object

    def applies(self, answers: Mapping[str, str]) -> bool:
        return all(answers.get(k) in POSITIVE for k in self.all_of) and any(
            answers.get(k) in POSITIVE for k in self.any_of
        )


COMBINATIONS: tuple[Combination, ...] = (
    # NICE NG234 (metastatic spinal cord compression): cancer with nerve or walking changes.
    Combination(
        "cancer-and-nerves",
        ("cancer",),
        ("one-leg-weaker", "lasting-emergency-sign"),
        _l("You have had cancer, and you have a change in your legs, walking, peeing or pooing."),
    ),
    # NHS / NICE NG59: a spinal infection with new nerve signs.
    Combination(
        "fever-and-weak-leg",
        ("fever",),
        ("one-leg-weaker",),
        _l("You have a fever, and one leg is getting weaker."),
    ),
)


@dataclass(frozen=True)
class Decision:
    """Where a set of answers leads: an outcome with the signs that led there, or the next
    screen to ask."""

    outcome: str | None = None
    next_screen: int | None = None
    screen: int | None = None  # the screen whose answers ended the check
    signs: tuple[tuple[WarningSign, str], ...] = ()  # (sign, "yes" or "not-sure")
    combinations: tuple[Combination, ...] = ()

    @property
    def call(self) -> bool:
        """An emergency to call the emergency number for (not only to go to one)."""
        return self.outcome == "emergency" and any(s.action == "call" for s, _ in self.signs)

    @property
    def go(self) -> bool:
        """An emergency to go to an emergency department for (the cauda equina signs and
        the combinations)."""
        return self.outcome == "emergency" and (
            bool(self.combinations) or any(s.action == "go" for s, _ in self.signs)
        )

    @property
    def action(self) -> str | None:
        if self.outcome != "emergency":
            return None
        return "call" if self.call else "go"

    @property
    def not_sure(self) -> bool:
        return any(answer == NOT_SURE for _, answer in self.signs)

    @property
    def cauda_equina(self) -> bool:
        return any(sign.group == "emergency-go" for sign, _ in self.signs)


def validate(answers: Mapping[str, str]) -> None:
    for key, answer in answers.items():
        if key not in SIGNS or answer not in ANSWERS:
            raise ValueError(f"not an answer: {key!r}={answer!r}")


def decide(answers: Mapping[str, str]) -> Decision:
    """Apply the rules in order to answers keyed by sign key ("yes", "no" or "not-sure";
    a check-up sign not ticked is "no").

    Raises ValueError for an unknown sign or answer. Answers to screens after the one that
    ended the check are ignored (the check stopped there).
    """
    validate(answers)
    for index, screen in enumerate(SCREENS):
        if any(key not in answers for key in screen.keys):
            return Decision(next_screen=index)
        positive = tuple((s, answers[s.key]) for s in screen.signs if answers[s.key] in POSITIVE)
        if screen.level == "urgent":
            fired = tuple(rule for rule in COMBINATIONS if rule.applies(answers))
            if fired:
                return Decision("emergency", signs=positive, combinations=fired, screen=index)
        if positive:
            return Decision(screen.level, signs=positive, screen=index)
    return Decision("self-care", screen=len(SCREENS) - 1)


def shows(decision: Decision | None, when: str) -> bool:
    """Whether an outcome's line marked `data-when="<when>"` applies to this decision.

    None stands for the on-device path, where the page holds every line and check.js
    applies this same rule (`shows` there) once the answers are known.
    """
    if decision is None:
        return True
    kind, _, key = when.partition(":")
    given = {sign.key: answer for sign, answer in decision.signs}
    if kind == "sign":
        return key in given
    if kind == "notsure":
        return given.get(key) == NOT_SURE
    if kind == "combo":
        return any(rule.key == key or not key for rule in decision.combinations)
    return {
        "call": decision.call,
        "go": decision.go,
        "not-sure": decision.not_sure,
        "cauda": decision.cauda_equina,
    }[kind]


def rules_for_the_device() -> dict:
    """The same rules, as the on-device check reads them (rendered into the page as JSON)."""
    return {
        "answers": list(ANSWERS),
        "positive": list(POSITIVE),
        "screens": [
            {
                "level": screen.level,
                "checklist": screen.checklist,
                "signs": [{"key": s.key, "action": s.action} for s in screen.signs],
            }
            for screen in SCREENS
        ],
        "combinations": [
            {"key": rule.key, "all": list(rule.all_of), "any": list(rule.any_of)}
            for rule in COMBINATIONS
        ],
    }


# Outcome texts. Shown identically on both paths: the check page renders each outcome once
# for the on-device path (with every sign's line, which the script keeps or removes), and
# the server renders the one it reached with the lines for the signs given.
OUTCOME_HEADINGS = {
    "emergency": _l("Get emergency help now"),
    "urgent": _l("Contact a doctor today"),
    "evaluate": _l("Book a check-up with your doctor or physical therapist"),
    "self-care": _l("None of the signs we asked about"),
}
# Urgency in words, not only colour: read out with the outcome's heading.
OUTCOME_LABELS = {"emergency": _l("Emergency"), "urgent": _l("Urgent")}
CALL_NOW = _l("Call %(emergency)s now. Do not drive yourself.")
DO_NOT_MOVE = _l("If you may have hurt your neck or back, do not move. Wait for help.")
GO_NOW = _l(
    "Go to an emergency department now. Do not drive yourself: ask someone to take you. If "
    "you cannot get there, call %(emergency)s."
)
DO_NOT_WAIT = _l("Do not wait for an appointment.")
AFTERWARDS = _l("Afterwards, tell your doctor and your physical therapy clinic.")
COMBINATION_LEAD = _l("These signs together need a doctor now:")
URGENT_ACTION = _l("Contact a doctor today. If you cannot, call %(urgent)s.")
CANCER_TEAM = _l("If you have a cancer team, call their 24-hour line today.")
CLINIC_IS_NOT_A_DOCTOR = _l(
    "Your physical therapy clinic can help with your back, but it is not a doctor’s office."
)
YOUR_SIGNS = _l("What you told us:")
# "Not sure" decides an outcome as "yes" would: say so, so the verdict is not a surprise.
NOT_SURE_COUNTED = _l(
    "You answered “Not sure” to some signs. To be safe, we counted them as “Yes”."
)
NOT_SURE_MARK = _l("not sure")
EVALUATE_ACTION = _l(
    "See your doctor or physical therapist in the next few days. They can check your back "
    "and give you an active recovery plan."
)
WATCH_FOR = _l("Watch for the warning signs. If one of them starts, do what it says:")
NOT_EVERY_CAUSE = _l(
    "This check cannot rule out every cause of back pain. If you are worried, ask a doctor."
)
WHEN_TO_BOOK = _l("Book a check-up with your doctor or physical therapist if:")
EVALUATION_HELPS = _l(
    "A check-up by a low back expert helps you recover, especially if your back pain keeps "
    "coming back."
)

# The note a patient shows a doctor who may not read the patient's language.
CARD_HEADING = _l("Show this to your doctor")
CARD_TITLE = _l("Back Spasm Guide: warning-sign check")
CARD_SIGNS = _l("Signs reported (Yes or Not sure)")
CARD_NOT_ASKED = _l("Later questions were not asked. Please take a full history.")

# On the emergency outcome the note is for the emergency department. Only the clinician's
# column names the condition to rule out; the patient's never says "you have".
ED_HEADING = _l("Show this at the emergency department")
ED_FOR_PATIENT = _l("For you")
ED_FOR_CLINICIAN = _l("For the doctor or nurse")
ED_PATIENT_REASON = _l("These can be signs of a rare nerve problem that must be checked now.")
ED_CLINICIAN_REASON = _l(
    "Suspected cauda equina syndrome, reported in a self-check. Please assess as an emergency."
)
ED_STARTED = _l("It started")
ED_STARTED_CHOICES = {
    "": _l("Choose when it started"),
    "today": _l("today"),
    "1-2-days": _l("1 to 2 days ago"),
    "3-14-days": _l("3 to 14 days ago"),
    "over-2-weeks": _l("more than 2 weeks ago"),
}
ED_CLINIC = _l("Physical therapy clinic: %(clinic)s")
