"""The recovery plan's words, defined once: the builder's labels, the printed plan and the
sentences the phone puts together all come from here.

A plan carries only numbers and choices (see plan_code.py); every sentence a patient
reads is one of these, in the patient's language. The therapist's own lines (exercises,
note) are the only free text, and they are always shown as written and marked as such.
"""

from __future__ import annotations

from datetime import timedelta

from babel.dates import get_datetime_format
from flask_babel import format_date, format_time, get_locale, ngettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from . import exercises, plan_code
from .plan_code import Plan

#: Keep doing (F11: activity you can tolerate).
KEEP_LABELS = {
    "walking": _l("Walking"),
    "swimming": _l("Swimming"),
    "cycling": _l("Cycling"),
    "housework": _l("Housework"),
    "gardening": _l("Gardening"),
    "work": _l("Your usual work"),
    "sport": _l("Your usual sport"),
}
#: Take a break from (F11: rest from what makes it worse).
BREAK_LABELS = {
    "lifting": _l("Lifting heavy things"),
    "bending": _l("Bending and twisting"),
    "sitting": _l("Sitting for a long time"),
    "standing": _l("Standing for a long time"),
    "running": _l("Running and jumping"),
}
assert tuple(KEEP_LABELS) == plan_code.KEEP and tuple(BREAK_LABELS) == plan_code.BREAK

TITLE = _l("Your recovery plan")
WALKING = _l("Walking")
KEEP_HEADING = _l("Keep doing")
KEEP_LEAD = _l("Keep doing these, as much as you can manage:")
BREAK_HEADING = _l("Take a break")
EXERCISES_HEADING = _l("Your home exercises")
APPOINTMENT_HEADING = _l("Your next appointment")
NOTE_HEADING = _l("A note from your therapist")
BY_THERAPIST = _l("Written by your therapist")
MADE_ON = _l("Plan made on %(date)s")
THIS_WEEK = _l("This week")
BREAK_UNTIL = _l("Take a break from these until %(date)s:")
BREAK_ENDED = _l("Your break from these has ended. Go back to them slowly:")
DIARY_LINK = _l("Write in your diary how your back feels")
OWN_LINE_HEADING = _l("Also from your therapist")

#: The stop rule (docs/design.md, "What a plan holds"): on every plan, exercise card and
#: printed plan. The last step is an emergency.
STOP_HEADING = _l("When to stop")
#: The scale the stop rule's "over 5 out of 10" counts on (the diary's words).
PAIN_SCALE = _l("Pain is counted from 0 (no pain) to 10 (the worst pain you can imagine).")
STOP_RULE = (
    _l(
        "Mild pain or a stretch while you exercise is OK: hurting does not mean harm. It "
        "should settle within about 30 minutes, and you should be no worse the next morning."
    ),
    _l(
        "Stop that exercise if it gives you sharp pain, or pain that keeps building (over 5 "
        "out of 10)."
    ),
    _l(
        "Stop and call the clinic (or your doctor if the clinic is closed) if the pain "
        "spreads further down your leg than before, you get new numbness, tingling or "
        "weakness in one leg, or the pain is much worse the next morning and has not "
        "settled by the evening."
    ),
    _l(
        "Go to an emergency department now if you get numbness between your legs, trouble "
        "peeing or pooing, or both legs feel weak, numb or heavy."
    ),
)


def date_and_time(when) -> str:
    """The full date and the short time joined as the language joins them (Babel's pattern:
    "Wednesday, 9 December 2026, 14:30", "2026年12月9日星期三 14:30", "…، ساعت 14:30")."""
    pattern = get_datetime_format("full", locale=get_locale())
    return (
        str(pattern)
        .replace("{1}", format_date(when, "full"))
        .replace("{0}", format_time(when, "short"))
    )


def minutes(n: int) -> str:
    return ngettext("%(num)s minute", "%(num)s minutes", n)


def times_a_day(n: int) -> str:
    return ngettext("%(num)s time a day", "%(num)s times a day", n)


def walk_sentence(walk_minutes: str, walk_times: str) -> str:
    return _("Walk for %(minutes)s, %(times)s.", minutes=walk_minutes, times=walk_times)


def break_lead() -> str:
    """The break's lead when the plan gives no days (format 1 allowed it)."""
    return _("Take a break from these for now:")


def walk_schedule(plan: Plan) -> list[tuple]:
    """The weeks the walk grows: (the day, its minutes), until it reaches its ceiling, so the
    patient reads each week's walk instead of adding it up."""
    steps: list[tuple] = []
    if not (plan.walk_minutes and plan.walk_increase):
        return steps
    ceiling = max(plan.walk_minutes, plan_code.WALK_GROWS_TO)
    for week in range(1, 13):
        grown = min(plan.walk_minutes + week * plan.walk_increase, ceiling)
        if (steps and grown == steps[-1][1]) or grown == plan.walk_minutes:
            break
        steps.append((plan.made + timedelta(days=7 * week), grown))
    return steps


def sentences(plan: Plan) -> dict:
    """Every sentence of one plan, in the current language (the printed plan, the preview)."""
    out: dict = {}
    if plan.walk_minutes:
        out["walk"] = walk_sentence(minutes(plan.walk_minutes), times_a_day(plan.walk_times))
        out["schedule"] = [
            f"{format_date(day, 'full')}: {walk_sentence(minutes(n), times_a_day(plan.walk_times))}"
            for day, n in walk_schedule(plan)
        ]
    out["keep"] = [str(KEEP_LABELS[key]) for key in plan.keep]
    out["rest"] = [str(BREAK_LABELS[key]) for key in plan.rest]
    out["rest_lead"] = break_lead()
    if plan.appointment:
        out["appointment"] = date_and_time(plan.appointment)
    out["made"] = str(MADE_ON) % {"date": format_date(plan.made, "long")}
    if plan.rest_days:
        until = plan.made + timedelta(days=plan.rest_days - 1)
        out["rest_lead"] = str(BREAK_UNTIL) % {"date": format_date(until, "full")}
    out["exercises"] = [
        {
            "exercise": exercises.BY_KEY[chosen.key],
            "pictures": exercises.pictures(exercises.BY_KEY[chosen.key]),
            "dose": exercises.dose_lines(exercises.BY_KEY[chosen.key], chosen),
        }
        for chosen in plan.exercises
    ]
    return out


def for_the_device() -> dict:
    """What the phone needs to write any plan in this page's language, without a server.

    Numbers are given for every value a plan may hold, so plural rules (six forms in
    Arabic) come from the catalogs, not from JavaScript. `{m}`, `{t}`, `{d}` are filled in
    on the phone (the walk's minutes and times, a date).
    """
    low, high = plan_code.WALK_MINUTES
    return {
        "minutes": {n: minutes(n) for n in range(low, high + 1)},
        "times": {n: times_a_day(n) for n in range(plan_code.WALK_TIMES[1] + 1) if n},
        "walk": walk_sentence("{m}", "{t}"),
        "restNow": break_lead(),
        "keep": {key: str(label) for key, label in KEEP_LABELS.items()},
        "rest": {key: str(label) for key, label in BREAK_LABELS.items()},
        "made": str(MADE_ON) % {"date": "{d}"},
        "restUntil": str(BREAK_UNTIL) % {"date": "{d}"},
        "restEnded": str(BREAK_ENDED),
    }
