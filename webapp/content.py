"""Everything the guide says, defined once.

Each fact of the clinic's article (F1–F17 in DESIGN.md) is written here in plain words as
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

# F11, shown in the guide and again on the check's outcomes.
SELF_CARE = Bullets(
    (
        _l("Rest from the things that make your pain worse."),
        _l("Stay active: walk, and do other things you can manage."),
        _l("Physical therapy: a physical therapist guides you with exercises and treatment."),
    ),
    lead=_l("What helps:"),
    facts=("F11",),
)

TITLE = _l("Low back spasms")
LEAD = _l(
    "A back spasm is when the muscles of your low back suddenly tighten. This guide "
    "explains why it happens, what helps, and when to get help."
)
CALLOUT_HEADING = _l("Warning signs: get medical help if you have any of these")
CALLOUT_LINK = _l("Read more about the warning signs")

SECTIONS: tuple[Section, ...] = (
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
                    "A spasm is the body's way of protecting itself. Say you hurt your "
                    "back while you lifted something heavy. For a while, your body treats "
                    "bending forward as a danger. So the back muscles tighten to stop you "
                    "from bending again. Doctors call this a rise in muscle tone."
                ),
                ("F2",),
            ),
            Para(
                _l(
                    "Tight hip flexors are another common cause. Hip flexors are the "
                    "muscles at the front of your hip that lift your leg. When they are "
                    "tight, they often tip your pelvis forward. Your pelvis is the ring of "
                    "bones at the bottom of your spine. Doctors call this tipping an "
                    "anterior pelvic tilt. It often comes with too much arch, or curve, "
                    "in your low back."
                ),
                ("F3",),
            ),
            Para(
                _l(
                    "One hip flexor, the psoas (say SO-as), is joined to the front of "
                    "the bones of your spine. These bones are called vertebrae. Your spine "
                    "always tries to stay steady. When the psoas pulls on it from the "
                    "front, the muscles of your back tighten to pull the other way. This "
                    "evens out the forces on your spine."
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
        ),
    ),
    Section(
        "causes",
        _l("Other common causes"),
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
                            "Wear and tear of the small joints that link the bones of "
                            "your spine at the back."
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
                            "Discs are soft pads between the bones of your spine. In a "
                            "herniated disc, some of the soft center pushes out of its "
                            "outer ring."
                        ),
                        "F8",
                    ),
                    Term(
                        _l("Core weakness"),
                        _l(
                            "Your core is the muscles of your belly, sides and back that "
                            "hold your body steady. When they are weak, your back gets "
                            "less support."
                        ),
                        "F9",
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
                    "Usually not. Most back pain that comes with spasms is mechanical. "
                    "This means it comes from the way the joints, muscles and discs of "
                    "your back move and carry loads."
                ),
                ("F10",),
            ),
            SELF_CARE,
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
                    "So it is important to have your back checked by a low back expert. "
                    "They can give you an active recovery plan: a plan of exercises and "
                    "activities that you do yourself to help your back recover. This "
                    "matters most if back pain keeps coming back for you."
                ),
                ("F17",),
            ),
        ),
    ),
)


# The handout's key messages: the guide in four lines.
KEY_MESSAGES = (
    _l("Back spasms are usually not serious. They are the body's way of protecting your back."),
    _l(
        "Rest from what makes the pain worse, stay active with walking, and ask about "
        "physical therapy."
    ),
    _l("A spasm is a symptom. Treating the cause of your low back pain also takes care of it."),
    _l("If back pain keeps coming back, see a low back expert for an active recovery plan."),
)


def all_facts() -> set[str]:
    """Which facts of DESIGN.md the content carries (used by tests)."""
    found: set[str] = set()
    for section in SECTIONS:
        for block in section.blocks:
            found.update(block.facts)
            if isinstance(block, Terms):
                found.update(term.fact for term in block.items)
    return found
