"""The exercise library, defined once: what a therapist picks in the builder and what the
patient's phone and the printed plan show.

Eleven low-load exercises in common use for acute low back pain and in line with the
source (keep moving, hip flexors, core); walking is the plan's own line, not an exercise
here. Each has a plain name, 2–4 numbered steps, what you should feel, its own "stop if /
ask first if" line, a safe early dose, and two pictures (start and end; see
exercise_pictures.py). The doses and cautions are the table in docs/design.md ("After the
visit"), from the NHS's back-pain exercises and NICE NG59 (exercise programmes for low back
pain); the words are ours.

A plan carries an exercise by its number and its dose (plan_code.py), never its words, so
the patient reads every step in their own language. Numbers are append-only: a printed
plan keeps its exercises.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from .exercise_pictures import Picture, Pose, from_the_feet, picture_top, svg

#: Dose limits (docs/design.md): repetitions, hold in seconds (0: no hold), sets, times a day.
REPS = (1, 30)
HOLD = (5, 60)
SETS = (1, 3)
TIMES = (1, 3)


@dataclass(frozen=True)
class Dose:
    reps: int
    hold: int = 0  # seconds; 0 when the exercise is not held
    sets: int = 1
    times: int = 1


@dataclass(frozen=True)
class Exercise:
    key: str
    number: int  # its number in a plan's code: append only
    name: object
    steps: tuple
    feel: object
    caution: object
    dose: Dose  # the safe early default the builder offers
    start: Picture
    end: Picture
    start_alt: object
    end_alt: object
    sides: bool = False  # "on each side"
    floor: bool = True  # show how to get down to the floor and up again
    #: The steps the two pictures show (their captions say so: "Step 2").
    shown_steps: tuple[int, int] = (1, 2)


# -- poses -------------------------------------------------------------------------------

#: Lying on the back, knees bent, feet flat, arms by the sides (head to the left).
ON_BACK = Pose(
    hip=(104, 103),
    torso=180,
    thigh=52,
    shin=-62,
    foot=0,
    arm=-4,
    forearm=-2,
    far_thigh=52,
    far_shin=-62,
    far_foot=0,
)
#: On hands and knees, back level (head to the right).
ON_ALL_FOURS = Pose(
    hip=(66, 75),
    torso=13,
    thigh=-90,
    shin=180,
    foot=180,
    arm=-90,
    forearm=-90,
    far_thigh=-90,
    far_shin=180,
    far_foot=180,
    far_arm=-90,
    far_forearm=-90,
    neck=5,
)
#: Lying on the front (head to the right), forehead near the floor.
ON_FRONT = Pose(
    hip=(86, 104),
    torso=0,
    thigh=180,
    shin=180,
    foot=-90,
    arm=180,
    forearm=180,
    neck=-4,
)
#: Kneeling on one knee: the back knee on the floor, the front foot flat.
KNEELING = Pose(
    hip=(78, 74),
    torso=90,
    thigh=-93,
    shin=180,
    foot=180,
    far_thigh=0,
    far_shin=-90,
    far_foot=0,
    hand=(119, 48),
    far_hand=(119, 48),
)

# Where the hands hold, worked out from the poses (so a knee held stays held).
_KNEE_TO_CHEST_KNEE = (104 + 32 * -0.469, 103 - 32 * 0.883)  # thigh at 118 degrees


LIBRARY: tuple[Exercise, ...] = (
    Exercise(
        key="knee-to-chest",
        number=1,
        name=_l("Knee to chest"),
        steps=(
            _l("Lie on your back with your knees bent and your feet flat."),
            _l("Hold one knee with both hands and gently pull it towards your chest."),
            _l("Hold it there, then slowly lower the foot back to the floor."),
            _l("Do the same with the other knee."),
        ),
        feel=_l("A gentle stretch in your lower back and buttock."),
        caution=_l(
            "Pull gently. Stop if the pain or tingling in your leg gets worse. Ask your "
            "therapist first if you have thin bones (osteoporosis), a broken bone in your "
            "spine, or a new hip in the last 3 months."
        ),
        dose=Dose(reps=5, hold=10, times=2),
        sides=True,
        start=Picture(ON_BACK, ("mat",)),
        end=Picture(
            Pose(
                hip=(104, 103),
                torso=180,
                thigh=118,
                shin=-35,
                foot=55,
                far_thigh=52,
                far_shin=-62,
                far_foot=0,
                hand=(_KNEE_TO_CHEST_KNEE[0] + 2, _KNEE_TO_CHEST_KNEE[1] + 2),
                elbow_bend=1,
            ),
            ("mat",),
            (((132, 68), (96, 56), -10),),
        ),
        start_alt=_l("Lying on the back on a mat, both knees bent, feet flat on the floor."),
        end_alt=_l("The same, with one knee held in both hands and pulled towards the chest."),
    ),
    Exercise(
        key="pelvic-tilt",
        number=2,
        name=_l("Pelvic tilt"),
        steps=(
            _l("Lie on your back with your knees bent and your feet flat."),
            _l("Tighten your tummy and press the small of your back gently into the floor."),
            _l("Hold for a moment, then relax. Keep the movement small and comfortable."),
        ),
        feel=_l("Your lower back flattening and your tummy working. It should not hurt."),
        caution=_l("Keep the movement small. Stop if it gives you sharp pain."),
        dose=Dose(reps=10, times=2),
        start=Picture(Pose(**{**ON_BACK.__dict__, "arch": -8, "arm": -14}), ("mat",)),
        end=Picture(ON_BACK, ("mat",), (((90, 78), (90, 95), 0),)),
        start_alt=_l("Lying on the back, knees bent, with a small gap under the lower back."),
        end_alt=_l("The same, with the lower back pressed flat to the floor."),
    ),
    Exercise(
        key="knee-rolls",
        number=3,
        name=_l("Knee rolls"),
        steps=(
            _l(
                "Lie on your back with your knees bent and together. A pillow between "
                "your knees helps."
            ),
            _l("Keep your shoulders on the floor and let both knees roll slowly to one side."),
            _l("Go only as far as is comfortable, then bring them back to the middle."),
            _l("Roll them to the other side."),
        ),
        feel=_l("A gentle turn and stretch in your lower back and the side of your hip."),
        caution=_l("Small movements only. Ask your therapist first if you have a new hip."),
        dose=Dose(reps=5, times=2),
        sides=True,
        start=Picture(props=("mat", "knee-pillow"), lines=from_the_feet(0)),
        end=Picture(props=("mat",), lines=from_the_feet(30), arrows=(((104, 50), (124, 58), -6),)),
        start_alt=_l("Seen from the feet: lying on the back, knees bent and together."),
        end_alt=_l("Seen from the feet: both knees rolled together to one side."),
    ),
    Exercise(
        key="cat-camel",
        number=4,
        name=_l("Cat and camel"),
        steps=(
            _l(
                "Get onto your hands and knees, hands under your shoulders, knees under "
                "your hips. A cushion under your knees helps."
            ),
            _l("Slowly round your back up towards the ceiling and let your head drop."),
            _l("Then slowly let your back sink down a little and lift your head."),
        ),
        feel=_l("Your back moving gently, a little at a time. It may ease the stiffness."),
        caution=_l("Stay in a comfortable range. Do not do it if your wrists or knees hurt."),
        dose=Dose(reps=8, times=1),
        start=Picture(
            Pose(**{**ON_ALL_FOURS.__dict__, "arch": 8, "neck": -40}),
            ("mat", "knee-cushion"),
            (((90, 54), (90, 40), 0),),
        ),
        end=Picture(
            Pose(**{**ON_ALL_FOURS.__dict__, "arch": -6, "neck": 30}),
            ("mat", "knee-cushion"),
            (((90, 56), (90, 72), 0),),
        ),
        shown_steps=(2, 3),
        start_alt=_l("On hands and knees with the back rounded up and the head down."),
        end_alt=_l("On hands and knees with the back dipped a little and the head up."),
    ),
    Exercise(
        key="press-up-on-elbows",
        number=5,
        name=_l("Lying on your front on your elbows"),
        steps=(
            _l("Lie on your front with your arms by your sides for about 1 minute."),
            _l(
                "Put your elbows under your shoulders and slowly lift your chest. Keep your "
                "hips on the floor."
            ),
            _l("Hold, then slowly lie flat again."),
        ),
        feel=_l(
            "Your lower back bending backwards a little. Your pain may ease or move "
            "towards the middle of your back."
        ),
        caution=_l(
            "Only if your therapist chose it for you. Stop if the pain spreads into your "
            "leg. Not in later pregnancy."
        ),
        dose=Dose(reps=8, hold=10, times=1),
        floor=True,
        start=Picture(ON_FRONT, ("mat",)),
        end=Picture(
            Pose(
                hip=(86, 104),
                torso=25,
                thigh=180,
                shin=180,
                foot=-90,
                arm=-90,
                forearm=0,
                neck=30,
            ),
            ("mat",),
            (((150, 92), (150, 72), 0),),
        ),
        start_alt=_l("Lying flat on the front, arms by the sides."),
        end_alt=_l("Lying on the front, chest lifted, leaning on the elbows, hips down."),
    ),
    Exercise(
        key="bridge",
        number=6,
        name=_l("Bridge"),
        steps=(
            _l("Lie on your back with your knees bent, feet flat and hip-width apart."),
            _l("Tighten your tummy and buttocks and slowly lift your hips."),
            _l("Hold, then slowly lower your back to the floor."),
        ),
        feel=_l("Your buttocks and the back of your thighs working."),
        caution=_l("Lift only as high as is comfortable. Do not arch your back."),
        dose=Dose(reps=8, hold=5, times=1),
        start=Picture(ON_BACK, ("mat",)),
        end=Picture(
            Pose(
                hip=(104, 84),
                torso=206,
                neck=180,
                thigh=24,
                shin=-76,
                foot=0,
                arm=-4,
                forearm=-2,
                far_thigh=24,
                far_shin=-76,
                far_foot=0,
            ),
            ("mat",),
            (((104, 100), (104, 90), 0),),
        ),
        start_alt=_l("Lying on the back, knees bent, feet flat."),
        end_alt=_l(
            "The same, with the hips lifted so that shoulders, hips and knees make a slope."
        ),
    ),
    Exercise(
        key="hip-flexor-stretch",
        number=7,
        name=_l("Kneeling hip stretch"),
        steps=(
            _l(
                "Kneel on one knee on a cushion, the other foot flat in front. Hold a chair "
                "or a table. Or stand with one foot forward instead."
            ),
            _l("Tuck your tail under and keep your back straight."),
            _l(
                "Move your hips gently forward until you feel a stretch at the front of the "
                "back hip. Hold it."
            ),
            _l("Change legs."),
        ),
        feel=_l("A stretch at the front of your hip and thigh, on the side of the back knee."),
        caution=_l("Do not lean back. Stop if your back hurts more."),
        dose=Dose(reps=2, hold=20, times=1),
        sides=True,
        floor=False,
        start=Picture(KNEELING, ("mat", "knee-cushion", "support")),
        end=Picture(
            Pose(
                **{
                    **KNEELING.__dict__,
                    "hip": (86, 76),
                    "thigh": -104,
                    "far_thigh": -8,
                    "far_shin": -80,
                    "hand": (123, 48),
                    "far_hand": (123, 48),
                }
            ),
            ("mat", "knee-cushion", "support"),
            (((80, 60), (100, 60), 0),),
        ),
        start_alt=_l(
            "Kneeling on one knee on a cushion, the other foot in front, a hand on a chair."
        ),
        end_alt=_l("The same, with the hips moved forward and the back upright."),
    ),
    Exercise(
        key="tummy-tightening",
        number=8,
        name=_l("Tummy tightening"),
        steps=(
            _l("Lie on your back with your knees bent, or sit up straight."),
            _l("Gently draw your belly button in towards your spine. Keep breathing."),
            _l("Hold, then let go."),
        ),
        feel=_l("Your deep tummy muscles working. Your back stays still."),
        caution=_l("Keep breathing the whole time. Never hold your breath."),
        dose=Dose(reps=8, hold=10, times=2),
        start=Picture(ON_BACK, ("mat",)),
        end=Picture(
            Pose(**{**ON_BACK.__dict__, "hand": (100, 96), "elbow_bend": -1}),
            ("mat",),
            (((98, 74), (98, 88), 0),),
        ),
        start_alt=_l("Lying on the back, knees bent, relaxed."),
        end_alt=_l("The same, with a hand on the belly and the belly drawn in."),
    ),
    Exercise(
        key="bird-dog",
        number=9,
        name=_l("Bird dog"),
        steps=(
            _l("Get onto your hands and knees, with your back level."),
            _l("Slowly stretch one arm out in front, or one leg out behind. Keep your back still."),
            _l(
                "Hold, then bring it back. When that is easy, lift one arm and the other "
                "leg together."
            ),
        ),
        feel=_l("Your tummy, back and buttock muscles working to keep you steady."),
        caution=_l("Stop if your back sags or the pain gets worse."),
        dose=Dose(reps=5, hold=5, times=1),
        sides=True,
        start=Picture(ON_ALL_FOURS, ("mat", "knee-cushion")),
        end=Picture(
            Pose(
                **{
                    **ON_ALL_FOURS.__dict__,
                    "thigh": 186,
                    "shin": 182,
                    "foot": -90,
                    "far_arm": 8,
                    "far_forearm": 8,
                    "far_thigh": -90,
                }
            ),
            ("mat", "knee-cushion"),
            (((40, 66), (22, 64), 0), ((140, 54), (160, 50), 0)),
        ),
        shown_steps=(1, 3),
        start_alt=_l("On hands and knees with the back level."),
        end_alt=_l("The same, with one arm reached forward and the other leg stretched back."),
    ),
    Exercise(
        key="buttock-stretch",
        number=10,
        name=_l("Buttock stretch"),
        steps=(
            _l("Lie on your back with your knees bent. Rest one ankle on the other knee."),
            _l("Hold the back of the lower thigh and gently pull it towards you."),
            _l("Hold, then relax and change sides."),
        ),
        feel=_l("A stretch deep in the buttock of the crossed leg."),
        caution=_l(
            "Ask your therapist first if you have a new hip or hip pain. Stop if your "
            "buttock or leg tingles."
        ),
        dose=Dose(reps=2, hold=20, times=1),
        sides=True,
        start=Picture(
            Pose(**{**ON_BACK.__dict__, "thigh": 24, "shin": 155, "foot": 70}),
            ("mat",),
        ),
        end=Picture(
            Pose(
                hip=(104, 103),
                torso=180,
                thigh=45,
                shin=165,
                foot=75,
                far_thigh=100,
                far_shin=0,
                far_foot=90,
                hand=(97, 84),
                elbow_bend=1,
            ),
            ("mat",),
            (((124, 60), (100, 56), -6),),
        ),
        start_alt=_l("Lying on the back, knees bent, one ankle resting on the other knee."),
        end_alt=_l("The same, with the lower leg pulled gently towards the chest."),
    ),
    Exercise(
        key="belly-breathing",
        number=11,
        name=_l("Belly breathing"),
        steps=(
            _l(
                "Lie on your back with your knees bent, or sit comfortably. Put a hand on "
                "your belly."
            ),
            _l("Breathe in slowly through your nose and let your belly rise under your hand."),
            _l("Breathe out slowly and let your belly fall. Also do this during a spasm."),
        ),
        feel=_l("Calmer, and your back muscles letting go a little."),
        caution=_l("If you feel dizzy, breathe more slowly and less deeply."),
        dose=Dose(reps=5, times=3),
        start=Picture(
            Pose(**{**ON_BACK.__dict__, "hand": (100, 94), "elbow_bend": -1}),
            ("mat",),
            (((98, 86), (98, 72), 0),),
        ),
        end=Picture(
            Pose(**{**ON_BACK.__dict__, "hand": (100, 97), "elbow_bend": -1}),
            ("mat",),
            (((98, 72), (98, 86), 0),),
        ),
        shown_steps=(2, 3),
        start_alt=_l("Lying on the back, a hand on the belly, the belly rising."),
        end_alt=_l("The same, the belly falling."),
        floor=True,
    ),
)

BY_KEY = {exercise.key: exercise for exercise in LIBRARY}
BY_NUMBER = {exercise.number: exercise for exercise in LIBRARY}
assert len(BY_NUMBER) == len(LIBRARY) == len(BY_KEY)

GETTING_DOWN = _l(
    "Getting down: kneel, then sit on one hip and lie down on your side, then roll onto "
    "your back. A firm bed is fine instead of the floor."
)
GETTING_UP = _l(
    "Getting up: bend your knees, roll onto your side, and push yourself up with your arms."
)
FLOOR_HEADING = _l("Getting down to the floor and up again")
FEEL_LABEL = _l("You should feel:")
CAUTION_LABEL = _l("Take care:")
START_LABEL = _l("Start")
END_LABEL = _l("End")
STEP_LABEL = _l("Step %(number)s")
#: Said once above the cards: what the pictures' arrows and grey limbs mean.
PICTURE_KEY = _l("In the pictures, arrows show which way to move. Grey is your other arm or leg.")


def pictures(exercise: Exercise) -> tuple:
    """The two pictures, each with its alt text in the current language, cut to the same
    height so that they stand side by side at the same scale."""
    top = min(picture_top(exercise.start), picture_top(exercise.end))
    return (
        svg(exercise.start, str(exercise.start_alt), top=top),
        svg(exercise.end, str(exercise.end_alt), top=top),
    )


# -- the dose in words --------------------------------------------------------------------


def reps_sentence(reps: int, sides: bool) -> str:
    if sides:
        return ngettext(
            "Do it %(num)s time on each side.", "Do it %(num)s times on each side.", reps
        )
    return ngettext("Do it %(num)s time.", "Do it %(num)s times.", reps)


def hold_sentence(seconds: int) -> str:
    return ngettext(
        "Each time, hold for %(num)s second.", "Each time, hold for %(num)s seconds.", seconds
    )


def more_sentence(reps: int) -> str:
    return ngettext("Rest. Then do %(num)s more.", "Rest. Then do %(num)s more.", reps)


def daily_sentence(times: int) -> str:
    return ngettext("Do this %(num)s time a day.", "Do this %(num)s times a day.", times)


def dose_lines(exercise: Exercise, dose: Dose) -> list[str]:
    """The dose as a patient reads it: "Do it 10 times. Rest. Then do 10 more." """
    lines = []
    if dose.hold:
        lines.append(hold_sentence(dose.hold))
    lines.append(reps_sentence(dose.reps, exercise.sides))
    lines += [more_sentence(dose.reps)] * (dose.sets - 1)
    lines.append(daily_sentence(dose.times))
    return lines


def for_the_device() -> dict:
    """The dose sentences for every value a plan may hold (plural forms come from the
    catalogs, not from JavaScript); the steps and pictures are in the page itself."""
    return {
        "reps": {n: reps_sentence(n, False) for n in range(REPS[0], REPS[1] + 1)},
        "repsSides": {n: reps_sentence(n, True) for n in range(REPS[0], REPS[1] + 1)},
        "hold": {n: hold_sentence(n) for n in range(HOLD[0], HOLD[1] + 1)},
        "more": {n: more_sentence(n) for n in range(REPS[0], REPS[1] + 1)},
        "daily": {n: daily_sentence(n) for n in range(TIMES[0], TIMES[1] + 1)},
        "sides": {e.key: e.sides for e in LIBRARY},
        "numbers": {e.number: e.key for e in LIBRARY},
    }
