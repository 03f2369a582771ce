"""Everything the guide says, defined once.

Each fact of the clinic's article (F1–F17 in docs/design.md) is written here in plain words as
a translatable string, and every page that shows it (guide, check, handout) renders it
from here. A translator therefore meets each sentence exactly once, and a clinician
reviewing the content reads one file.

Blocks are small typed records so templates can render them and tests can read them
(the reading-level and "every fact present" tests walk this structure).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from flask_babel import lazy_gettext as _l

SOURCE_TITLE = "Why You Get Low Back Spasms"


@dataclass(frozen=True)
class Para:
    kind: ClassVar[str] = "para"
    text: object
    facts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Bullets:
    kind: ClassVar[str] = "bullets"
    items: tuple
    lead: object = None
    facts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Term:
    term: object
    meaning: object
    fact: str = ""


@dataclass(frozen=True)
class Terms:
    kind: ClassVar[str] = "terms"
    items: tuple[Term, ...]
    facts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Figure:
    """The psoas illustration (F3–F4); its drawing lives in `_illustration.svg`."""

    kind: ClassVar[str] = "figure"

    caption: object
    description: object
    legend: tuple
    facts: tuple[str, ...] = ()


@dataclass(frozen=True)
class WarningSignList:
    """Renders WARNING_SIGNS in full, with the emergency tier and the safety net."""

    kind: ClassVar[str] = "warning-signs"

    facts: tuple[str, ...] = ("F12", "F13", "F14", "F15")


@dataclass(frozen=True)
class Section:
    anchor: str
    heading: object
    blocks: tuple
    facts: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class WarningSign:
    key: str
    fact: str
    urgency: str  # "emergency" or "urgent": what the check concludes when it is present
    name: object  # short label, used in lists, the callout and the doctor's card
    detail: object = None  # everyday words for what it means


WARNING_SIGNS: tuple[WarningSign, ...] = (
    WarningSign(
        "bladder-bowel",
        "F12",
        "emergency",
        _l("New changes in how your bladder or bowels work"),
        _l(
            "Trouble peeing or passing stool, leaking urine or stool, or not feeling when "
            "you need to go."
        ),
    ),
    WarningSign(
        "groin-numbness",
        "F13",
        "emergency",
        _l("Numbness or tingling in your groin or between your legs"),
        _l(
            "Around the genitals or the bottom: the part of you that would touch a saddle "
            "on a bicycle or a horse."
        ),
    ),
    WarningSign(
        "night-pain",
        "F14",
        "urgent",
        _l("Pain that keeps you awake all night"),
    ),
    WarningSign(
        "weight-change",
        "F15",
        "urgent",
        _l("Weight loss or weight gain that you cannot explain"),
    ),
)

# The level of each sign, in words (never by colour alone): shown beside every sign,
# wherever the list appears (see the `warning_signs` macro).
LEVELS = {
    "emergency": _l("Emergency: go to an emergency department now or call %(emergency)s."),
    "urgent": _l("Urgent: contact your doctor as soon as possible."),
}
WARNING_LEAD = _l("Most back spasms are not serious. But these signs need a doctor quickly:")
# Follows every list of the signs: what to do for the two emergency signs.
EMERGENCY_LINE = _l(
    "If you have either of the first two signs, do not wait for an appointment. Go to an "
    "emergency department now or call %(emergency)s. Then let your doctor and your "
    "physical therapy clinic know."
)
# For the two urgent signs: a fallback that is not the emergency department.
URGENT_FALLBACK = _l(
    "If you cannot reach your doctor, ask for an urgent appointment with another doctor."
)
LOCAL_EMERGENCY_NUMBER = _l("your local emergency number")
NOT_A_DIAGNOSIS = _l(
    "This guide gives general information. It does not replace a check-up by a health "
    "professional who has examined you."
)

# The saddle-area picture that sits next to F13 (guide, check question 2, card, handout).
SADDLE_PICTURE = {
    "caption": _l("Where to notice numbness: the shaded area"),
    "alt": _l(
        "Two outlines of a body, seen from the front and from the back. The area between "
        "the legs is shaded: around the genitals and the bottom, where you would sit on a "
        "saddle."
    ),
    "action": _l("Numbness or tingling here: go to an emergency department now."),
    "front": _l("Front view"),
    "back": _l("Back view"),
}


@dataclass(frozen=True)
class Step:
    """One numbered action: what to do, a picture that shows it, and (maybe) a button."""

    key: str  # also names its picture (`_pictures.html`)
    text: object
    picture_alt: object | None = None
    caption: object | None = None
    facts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Steps:
    kind: ClassVar[str] = "steps"
    items: tuple[Step, ...]
    facts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Details:
    """A part a reader may open: kept out of the path to action (PEMAT item 2)."""

    kind: ClassVar[str] = "details"
    anchor: str  # kept from when it was a section: a link to /<lang>/#causes still lands here
    summary: object
    blocks: tuple
    facts: tuple[str, ...] = ()


# F11 as numbered steps, each one action: the guide's first section, the handout and the
# self-care and evaluate outcomes all render this one list. No time frame the source does
# not give: the physical therapist says how much.
WHAT_TO_DO = Steps(
    (
        Step(
            "rest",
            _l(
                "Rest from what makes your pain worse. Stop or change any movement that hurts more."
            ),
            _l("A person lying on their back with their knees bent over a pillow, resting."),
            _l("Rest from what hurts"),
            ("F11",),
        ),
        Step(
            "walk",
            _l(
                "Keep moving. Walk, and do other things you can manage. Your physical "
                "therapist will tell you how much."
            ),
            _l("A person walking."),
            _l("Keep walking"),
            ("F11",),
        ),
        Step(
            "therapist",
            _l(
                "Call your physical therapy clinic and ask for physical therapy. A physical "
                "therapist gives you exercises and treatment."
            ),
            _l("A physical therapist treats the back of a person lying on a table."),
            _l("See a physical therapist"),
            ("F11",),
        ),
        Step(
            "check",
            _l("Watch for the warning signs. If you have one, do what it says at once."),
        ),
    ),
    facts=("F11",),
)
WHAT_TO_DO_HEADING = _l("What to do now")

TITLE = _l("Low back spasms")
LEAD = _l(
    "A back spasm is when the muscles of your low back suddenly tighten. This guide tells "
    "you what to do now, why it happens, and when to get help."
)
CALLOUT_HEADING = _l("Warning signs: get medical help if you have any of these")
CALLOUT_LINK = _l("Read more about the warning signs")

SECTIONS: tuple[Section, ...] = (
    Section("now", WHAT_TO_DO_HEADING, (WHAT_TO_DO,)),
    Section(
        "why",
        _l("Why does my back go into spasm?"),
        (
            Para(
                _l(
                    "Back spasms often come with back pain. It can feel like a mild ache "
                    "or like a sharp pain."
                ),
                ("F1",),
            ),
            Para(
                _l(
                    "A spasm is your body protecting itself. Say you hurt your back while "
                    "you lifted something heavy. For a while, your body sees bending forward "
                    "as a danger. So your back muscles tighten to stop you from bending "
                    "again. They get tense and hard (doctors call this a rise in muscle tone)."
                ),
                ("F2",),
            ),
            Para(
                _l(
                    "Tight muscles at the front of your hip are another common cause. These "
                    "muscles lift your leg (hip flexors). When they are tight, they often tip "
                    "your pelvis forward (anterior pelvic tilt). Your pelvis is the ring of "
                    "bones at the bottom of your spine. Then your low back curves in too much."
                ),
                ("F3",),
            ),
            Para(
                _l(
                    "One of these hip muscles, the psoas (say SO-as), is joined to the front "
                    "of your spine’s bones (vertebrae). Your spine always tries to stay "
                    "steady. When this muscle pulls on it from the front, your back muscles "
                    "tighten to pull back. That keeps your spine in balance."
                ),
                ("F4",),
            ),
            Figure(
                _l("How a tight psoas muscle can lead to a back spasm"),
                _l(
                    "Side view of the low back and hip. The psoas muscle runs from the "
                    "front of the spine down to the thigh bone and pulls the spine "
                    "forward. The pelvis is tipped forward, the low back curves too much, "
                    "and the back muscles tighten to pull back."
                ),
                (
                    _l("The psoas muscle pulls the spine forward."),
                    _l("The back muscles tighten to pull back."),
                    _l("The pelvis tips forward."),
                    _l("The low back curves too much."),
                ),
                ("F3", "F4"),
            ),
            Details(
                "causes",
                _l("Other causes"),
                (
                    Terms(
                        (
                            Term(
                                _l("Muscle strain"),
                                _l("A muscle that was stretched too far or slightly torn."),
                                "F5",
                            ),
                            Term(
                                _l("Facet joint osteoarthritis"),
                                _l(
                                    "Wear and tear of the small joints that link the bones "
                                    "of your spine at the back."
                                ),
                                "F6",
                            ),
                            Term(
                                _l("Spinal stenosis"),
                                _l("The space in your spine where the nerves run gets narrower."),
                                "F7",
                            ),
                            Term(
                                _l("Herniated disc"),
                                _l(
                                    "Discs are soft pads between the bones of your spine. In "
                                    "a herniated disc, some of the soft center pushes out of "
                                    "its outer ring."
                                ),
                                "F8",
                            ),
                            Term(
                                _l("Core weakness"),
                                _l(
                                    "Your core is the muscles of your belly, sides and back "
                                    "that hold your body steady. When they are weak, your "
                                    "back gets less support."
                                ),
                                "F9",
                            ),
                        ),
                        ("F5", "F6", "F7", "F8", "F9"),
                    ),
                ),
                ("F5", "F6", "F7", "F8", "F9"),
            ),
        ),
    ),
    Section(
        "serious",
        _l("Are back spasms serious?"),
        (
            Para(
                _l(
                    "Usually not. Most back pain with spasms comes from how the joints, "
                    "muscles and discs of your back move and carry weight. Doctors call this "
                    "mechanical pain. The steps in “What to do now” help."
                ),
                ("F10",),
            ),
        ),
    ),
    Section(
        "warning-signs",
        _l("Warning signs: when to get help"),
        (WarningSignList(),),
    ),
    Section(
        "recovery",
        _l("How to get rid of back spasms"),
        (
            Para(
                _l(
                    "A spasm is a symptom of your low back problem, not the problem "
                    "itself. When the cause of your low back pain is found and treated, "
                    "the spasms go away too."
                ),
                ("F16",),
            ),
            Para(
                _l(
                    "So have your back checked by a low back expert. They can give you an "
                    "active recovery plan: exercises and activities you do yourself to help "
                    "your back get better. This matters most if back pain keeps coming back "
                    "for you."
                ),
                ("F17",),
            ),
        ),
    ),
)

# The guide in five lines: a box at the end of the guide and on the handout (PEMAT item 11).
KEY_POINTS_HEADING = _l("Key points")
KEY_POINTS = (
    _l("A back spasm is your body protecting your back. It is usually not serious."),
    _l("Now: rest from what hurts, keep walking, and ask for physical therapy."),
    _l(
        "Changes in your bladder or bowels, or numbness between your legs: go to an "
        "emergency department now."
    ),
    _l("Pain all night, or weight change you cannot explain: contact your doctor soon."),
    _l("If back pain keeps coming back, get checked for an active recovery plan."),
)
# The handout's purpose line and the boxes a patient fills in (PEMAT items 1 and 23).
HANDOUT_PURPOSE = _l("This sheet tells you what to do for a back spasm, and when to get help.")
HANDOUT_CHECKLIST = _l("Tick a box if you notice the sign. Then do what it says.")
MY_DOCTOR = _l("My doctor:")
PHONE_FIELD = _l("Phone:")


def all_facts() -> set[str]:
    """Which facts of docs/design.md the content carries (used by tests)."""
    found: set[str] = set()

    def visit(blocks) -> None:
        for block in blocks:
            found.update(block.facts)
            if isinstance(block, Terms):
                found.update(term.fact for term in block.items)
            if isinstance(block, Details):
                visit(block.blocks)

    for section in SECTIONS:
        visit(section.blocks)
    return found
