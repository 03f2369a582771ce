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

    facts: tuple[str, ...] = ("F12", "F13", "F14", "F15", "F17")


@dataclass(frozen=True)
class Section:
    anchor: str
    heading: object
    blocks: tuple
    facts: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class WarningSign:
    """One sign the check asks about and every list shows, at its level (docs/design.md).

    `level` is where a Yes (or Not sure) sends the patient: "emergency", "urgent" or
    "evaluate" (book a check-up). Emergency signs also name their `action`: "call" the
    emergency number now, or "go" to an emergency department now.
    """

    key: str  # also the check's form field name
    code: str  # the sign's number in docs/design.md (E1a … V5)
    level: str
    name: object  # short: fits a line on a 320 px phone
    detail: object = None  # the hint: everyday words for what it means
    cue: object = None  # under "Not sure": a way to notice it that can only sharpen the answer
    action: str | None = None  # emergency signs: "call" or "go"
    fact: str = ""  # the source's fact it carries, if any (F12–F15, F17)

    @property
    def group(self) -> str:
        """The list it stands in: emergency-call, emergency-go, urgent or evaluate."""
        return f"{self.level}-{self.action}" if self.action else self.level


# Cues that can only sharpen an answer, worded so that noticing something is a Yes.
_PEE_CUE = _l(
    "Next time you pee, notice if starting, stopping or feeling it is different from usual."
)

WARNING_SIGNS: tuple[WarningSign, ...] = (
    # Emergency, call now (E6, E7, and the sepsis signs that turn a fever into a 999 call).
    WarningSign(
        "chest-pain",
        "E6a",
        "emergency",
        _l("Chest pain"),
        _l("Pain, pressure or tightness in your chest."),
        action="call",
    ),
    WarningSign(
        "sudden-belly-pain",
        "E6b",
        "emergency",
        _l("Sudden, very bad pain in your belly or upper back"),
        _l(
            "It may feel like tearing. Also answer Yes if you feel faint, dizzy, pale and "
            "sweaty with the back pain."
        ),
        action="call",
    ),
    WarningSign(
        "serious-accident",
        "E7",
        "emergency",
        _l("The pain started after a serious accident or fall"),
        _l(
            "In the last few weeks: for example a car crash, or a fall from a height. Do not "
            "move if you may have hurt your neck or back."
        ),
        action="call",
    ),
    WarningSign(
        "sepsis",
        "U1s",
        "emergency",
        _l("A fever, and you are confused or breathe very fast"),
        _l("Or a fever with skin, lips or tongue that look blotchy, grey or blue."),
        action="call",
    ),
    # Emergency, go now: the cauda equina signs (E1–E5).
    WarningSign(
        "pee-start",
        "E1a",
        "emergency",
        _l("Trouble starting to pee, or a weak flow"),
        _l("It is new for you, or worse than before."),
        _PEE_CUE,
        action="go",
        fact="F12",
    ),
    WarningSign(
        "pee-control",
        "E1b",
        "emergency",
        _l("You cannot control your pee, or you leak"),
        _l("You wet yourself, or you need a pad when you did not before."),
        _PEE_CUE,
        action="go",
        fact="F12",
    ),
    WarningSign(
        "pee-feeling",
        "E1c",
        "emergency",
        _l("You cannot feel when you need to pee, or when you pee"),
        _l("You do not notice that your bladder is full, or you do not feel the pee come out."),
        _PEE_CUE,
        action="go",
        fact="F12",
    ),
    WarningSign(
        "bowel-control",
        "E2",
        "emergency",
        _l("You cannot control your poo, or cannot feel it"),
        _l(
            "You leak poo, or you do not feel it pass. Hard poo or going less often is not "
            "this sign. That is common with pain medicine such as codeine."
        ),
        _l(
            "Next time you poo, notice if holding it, passing it or feeling it is different "
            "from usual."
        ),
        action="go",
        fact="F12",
    ),
    WarningSign(
        "saddle-numbness",
        "E3",
        "emergency",
        _l("Numbness or tingling between your legs"),
        _l(
            "Around your genitals, back passage (bottom), buttocks or inner thighs. Or it "
            "feels different when you wipe after the toilet."
        ),
        _l("Notice how it feels when you wipe after the toilet."),
        action="go",
        fact="F13",
    ),
    WarningSign(
        "both-legs",
        "E4a",
        "emergency",
        _l("Pain, tingling or numbness in both legs"),
        _l("In both legs, not only in one."),
        _l("Does it go down one leg, or down both?"),
        action="go",
    ),
    WarningSign(
        "legs-weak",
        "E4b",
        "emergency",
        _l("Your legs feel weak or heavy, so walking is hard"),
        _l("Your legs may give way, or you need to hold on to walk."),
        action="go",
    ),
    WarningSign(
        "sex-change",
        "E5",
        "emergency",
        _l("A new change in sex"),
        _l(
            "Trouble getting an erection or coming (ejaculating), or less feeling in your "
            "genitals. If you have not had sex since the pain began, answer No."
        ),
        action="go",
    ),
    # Urgent: a doctor today (U1–U10).
    WarningSign(
        "fever",
        "U1",
        "urgent",
        _l("A high temperature (fever), or you feel hot and shivery"),
        _l(
            "Also answer Yes if you feel very unwell or inject drugs. Or if you have a weak "
            "immune system, for example from chemotherapy or steroid tablets. Or if you "
            "recently had a spine operation or injection, or an infection such as a urine "
            "infection."
        ),
    ),
    WarningSign(
        "weight-loss",
        "U2",
        "urgent",
        _l("Weight loss you cannot explain"),
        _l("You lose weight without trying."),
        fact="F15",
    ),
    WarningSign(
        "night-pain",
        "U3",
        "urgent",
        _l("Pain that does not ease when you lie still"),
        _l(
            "Or it is much worse at night, not just when you turn over. It may wake you or "
            "stop you sleeping."
        ),
        fact="F14",
    ),
    WarningSign(
        "lump",
        "U4",
        "urgent",
        _l("A lump or swelling on your back"),
        _l("Or your back has changed shape."),
    ),
    WarningSign(
        "cancer",
        "U5",
        "urgent",
        _l("You have had cancer"),
        _l("Even if it was treated a long time ago."),
    ),
    WarningSign(
        "upper-back-cough",
        "U6",
        "urgent",
        _l("Pain between your shoulder blades"),
        _l("Or pain that gets much worse when you cough, sneeze or poo."),
    ),
    WarningSign(
        "one-leg-weaker",
        "U7",
        "urgent",
        _l("One leg gets weaker day by day"),
        _l(
            "Your foot drags or slaps, your knee gives way, or you cannot stand on your heel "
            "or toes."
        ),
    ),
    WarningSign(
        "belly-pulsing",
        "U8",
        "urgent",
        _l("A pulsing feeling in your belly"),
        _l("Or belly pain that will not go away."),
    ),
    WarningSign(
        "thin-bones",
        "U9",
        "urgent",
        _l("Pain after a small fall or lift, and you have thin bones"),
        _l(
            "Thin bones (osteoporosis), or you take steroid tablets for a long time. Or "
            "sudden, very bad pain in the middle of your spine that eases when you lie down."
        ),
    ),
    WarningSign(
        "lasting-emergency-sign",
        "U10",
        "urgent",
        _l("An emergency sign that has lasted over 2 weeks"),
        _l(
            "You have had an emergency sign for more than 2 weeks, and it is not getting "
            "worse. A doctor must arrange tests quickly."
        ),
    ),
    # Book a check-up in the next few days (V1–V5).
    WarningSign(
        "not-better",
        "V1",
        "evaluate",
        _l("Your back is not getting better"),
        _l("It is not starting to get better after 2 weeks, or it is still there after 6 weeks."),
    ),
    WarningSign(
        "cannot-cope",
        "V2",
        "evaluate",
        _l("It is getting worse, or you cannot cope"),
        _l("The pain stops you doing your daily activities, or you are worried about it."),
    ),
    WarningSign(
        "keeps-coming-back",
        "V3",
        "evaluate",
        _l("Back pain keeps coming back"),
        fact="F17",
    ),
    WarningSign(
        "weight-gain",
        "V4",
        "evaluate",
        _l("Weight gain you cannot explain"),
        fact="F15",
    ),
    WarningSign(
        "long-stiff-young",
        "V5",
        "evaluate",
        _l("Back pain for over 3 months that began before age 45"),
        _l("And it feels better when you move."),
    ),
)
BY_KEY = {sign.key: sign for sign in WARNING_SIGNS}
#: The lists the signs stand in, most urgent first; each has its own words and action.
SIGN_GROUPS = ("emergency-call", "emergency-go", "urgent", "evaluate")
#: The cauda equina signs: only the clinician's column of a note names what they may mean.
CAUDA_EQUINA = frozenset(s.key for s in WARNING_SIGNS if s.group == "emergency-go")

# Each list's level and action in words (never by colour alone), shown above its signs.
LEVELS = {
    "emergency-call": _l("Emergency: call %(emergency)s now. Do not drive yourself."),
    "emergency-go": _l(
        "Emergency: go to an emergency department now. Do not drive yourself: ask someone to "
        "take you. If you cannot get there, call %(emergency)s."
    ),
    "urgent": _l("Urgent: contact a doctor today. If you cannot, call %(urgent)s."),
    "evaluate": _l("Book a check-up: see your doctor or physical therapist in the next few days."),
}
#: The same, short, where space is tight (the wallet card).
SHORT_LEVELS = {
    "emergency-call": _l("Call %(emergency)s now:"),
    "emergency-go": _l("Go to an emergency department now:"),
    "urgent": _l("See a doctor today:"),
    "evaluate": _l("Book a check-up:"),
}
#: The keep-this card: its heading, its action, the urgent signs in one line, and the line
#: for emergency staff (shown in the clinic's language).
CARD_HEADING = _l("Emergency signs: get help now")
CARD_ACTION = _l(
    "Go to an emergency department now or call %(emergency)s. Do not wait for an appointment."
)
CARD_URGENT = _l(
    "See a doctor today for: a fever, cancer in the past, weight loss, pain at night or at "
    "rest, a lump, one leg getting weaker."
)
CARD_STAFF = _l(
    "For emergency staff: back pain with these signs. Suspected cauda equina syndrome: "
    "please assess today."
)
#: A line before the cauda equina signs, so a patient answers them without embarrassment.
EVERYONE_ASKED = _l("Doctors ask everyone these questions.")
WARNING_LEAD = _l("Most back spasms are not serious. But these signs need a doctor:")
# Follows every list of the signs.
EMERGENCY_LINE = _l(
    "With an emergency sign, do not wait for an appointment. Afterwards, tell your doctor "
    "and your physical therapy clinic."
)
# For the urgent signs: when a doctor cannot be reached today, or things get worse.
URGENT_FALLBACK = _l(
    "Cannot get help today and feel very unwell? Go to an emergency department or call "
    "%(emergency)s. Do the same if an emergency sign starts."
)
LOCAL_EMERGENCY_NUMBER = _l("your local emergency number")
LOCAL_URGENT_NUMBER = _l("your local urgent-care line")
ADULTS_ONLY = _l("This check is for adults 16 and over. A younger person should see a doctor.")
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
            "walk",
            _l(
                "Keep moving. Walk, and do the things you can manage. Some pain when you "
                "move is normal: hurting does not mean harm."
            ),
            _l("A person walking."),
            _l("Keep walking"),
            ("F11",),
        ),
        Step(
            "rest",
            _l(
                "Rest only from what makes your pain worse. Change or pause that movement, "
                "then keep going. Lying in bed for days slows recovery."
            ),
            _l("A person sitting up on a chair for a short rest."),
            _l("Short rests, then move again"),
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
    _l("Now: keep moving, rest only from what hurts, and ask for physical therapy."),
    _l(
        "Trouble peeing or pooing, numbness between your legs, or both legs weak or numb: "
        "go to an emergency department now."
    ),
    _l("Chest pain, sudden bad belly pain, or pain after a serious accident: call for help now."),
    _l("A fever, cancer in the past, or weight loss you cannot explain: see a doctor today."),
    _l("Not better after 2 weeks, or back pain that keeps coming back: book a check-up."),
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
