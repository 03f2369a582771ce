"""The exercise library's pictures: one drawing style, made from poses.

Every picture is a side view (two are seen from the feet) of the same figure: limbs of fixed
lengths set by their angles, so the body keeps its proportions from one exercise to the
next and a pose is a handful of numbers, not a hand-drawn path. The limb nearer the viewer
is solid; the far one is lighter. Arrows show the movement from the start picture to the
end picture. There is no skin tone, no face and no text in a picture: the steps carry the
words, and the alt text says what the picture shows.

The SVG is drawn with `currentColor` and classes only (no `style`), so it follows dark mode
on screen, prints black on paper, and passes the Content-Security-Policy. It is written into
the page inline: no request, nothing to cache separately.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace

from markupsafe import Markup, escape

WIDTH, HEIGHT = 200, 120
FLOOR = 110

#: Segment lengths, in picture units (the figure is about 1.7 m for 150 units).
TORSO, NECK, HEAD = 44, 7, 8
THIGH, SHIN, FOOT = 32, 31, 8
UPPER_ARM, FOREARM = 22, 21


def at(origin: tuple[float, float], angle: float, length: float) -> tuple[float, float]:
    """The point `length` away from `origin` at `angle` degrees (0 = right, 90 = up)."""
    radians = math.radians(angle)
    return origin[0] + length * math.cos(radians), origin[1] - length * math.sin(radians)


def reach(start, target, first: float, second: float, bend: int = 1) -> tuple[float, float]:
    """The joint between two segments from `start` towards `target` (an elbow or a knee);
    `bend` chooses which side it bends to. Too far: the limb is held straight towards it."""
    dx, dy = target[0] - start[0], target[1] - start[1]
    distance = min(math.hypot(dx, dy), first + second - 0.01)
    cos_a = (first**2 + distance**2 - second**2) / (2 * first * distance)
    angle = math.atan2(dy, dx) + bend * math.acos(max(-1.0, min(1.0, cos_a)))
    return start[0] + first * math.cos(angle), start[1] + first * math.sin(angle)


@dataclass(frozen=True)
class Pose:
    """A side view, by angles. The hip is where the figure is placed; `arch` bends the back
    (positive: the middle of the back rises, negative: it sags). `far_*` set the other
    leg or arm (None: behind the near one, hidden). `hand`/`far_hand` pin a hand to a point
    (holding a knee, resting on the belly), with the elbow worked out."""

    hip: tuple[float, float]
    torso: float
    thigh: float
    shin: float
    arm: float = 0
    forearm: float = 0
    foot: float | None = None
    neck: float | None = None
    arch: float = 0
    far_thigh: float | None = None
    far_shin: float | None = None
    far_foot: float | None = None
    far_arm: float | None = None
    far_forearm: float | None = None
    hand: tuple[float, float] | None = None
    far_hand: tuple[float, float] | None = None
    elbow_bend: int = 1


@dataclass(frozen=True)
class Picture:
    """A pose with what stands around it: a mat, a cushion, a support, movement arrows."""

    pose: Pose | None = None
    props: tuple[str, ...] = ()
    arrows: tuple[tuple, ...] = ()
    #: For the drawings that are not a side view: ready-made lines (see FROM_THE_FEET).
    lines: tuple = field(default=())

    def moved(self, **changes) -> Picture:
        return replace(self, pose=replace(self.pose, **changes))


def _number(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _polyline(points, css: str) -> str:
    joined = " ".join(f"{_number(x)},{_number(y)}" for x, y in points)
    return f'<polyline class="{css}" points="{joined}"/>'


def _leg(hip, thigh, shin, foot):
    knee = at(hip, thigh, THIGH)
    ankle = at(knee, shin, SHIN)
    toe = at(ankle, shin + 90 if foot is None else foot, FOOT)
    return [hip, knee, ankle, toe]


def _arm(shoulder, arm, forearm, hand, bend):
    if hand is not None:
        elbow = reach(shoulder, hand, UPPER_ARM, FOREARM, bend)
        return [shoulder, elbow, hand]
    elbow = at(shoulder, arm, UPPER_ARM)
    return [shoulder, elbow, at(elbow, forearm, FOREARM)]


def figure(pose: Pose) -> list[str]:
    """The figure's shapes: far limbs first (under), then the back, head and near limbs."""
    hip = pose.hip
    shoulder = at(hip, pose.torso, TORSO)
    neck_angle = pose.torso if pose.neck is None else pose.neck
    head = at(shoulder, neck_angle, NECK + HEAD)
    shapes = []
    if pose.far_thigh is not None:
        far_leg = _leg(hip, pose.far_thigh, pose.far_shin, pose.far_foot)
        shapes.append(_polyline(far_leg, "far"))
    if pose.far_arm is not None or pose.far_hand is not None:
        far_arm = _arm(
            shoulder, pose.far_arm or 0, pose.far_forearm or 0, pose.far_hand, pose.elbow_bend
        )
        shapes.append(_polyline(far_arm, "far"))
    # The back: a curve from hip to shoulder, raised or sagging in the middle by `arch`.
    middle = ((hip[0] + shoulder[0]) / 2, (hip[1] + shoulder[1]) / 2)
    normal = at((0, 0), pose.torso + 90, pose.arch)
    control = (middle[0] + 2 * normal[0], middle[1] + 2 * normal[1])
    shapes.append(
        f'<path class="body" d="M{_number(hip[0])},{_number(hip[1])} '
        f"Q{_number(control[0])},{_number(control[1])} "
        f'{_number(shoulder[0])},{_number(shoulder[1])}"/>'
    )
    neck_end = at(shoulder, neck_angle, NECK - 1)
    shapes.append(_polyline([shoulder, neck_end], "body"))
    shapes.append(
        f'<circle class="head" cx="{_number(head[0])}" cy="{_number(head[1])}" r="{HEAD}"/>'
    )
    shapes.append(_polyline(_leg(hip, pose.thigh, pose.shin, pose.foot), "body"))
    arm = _arm(shoulder, pose.arm, pose.forearm, pose.hand, pose.elbow_bend)
    shapes.append(_polyline(arm, "body"))
    return shapes


PROPS = {
    # A mat on the floor (a firm bed is as good).
    "mat": f'<rect class="prop" x="14" y="{FLOOR}" width="172" height="4" rx="2"/>',
    # A folded towel under the knees.
    "knee-cushion": f'<rect class="prop" x="54" y="{FLOOR - 6}" width="26" height="6" rx="3"/>',
    "knee-cushion-forward": (
        f'<rect class="prop" x="70" y="{FLOOR - 6}" width="26" height="6" rx="3"/>'
    ),
    # The back of a sturdy chair to hold.
    "support": (
        f'<polyline class="prop" points="126,{FLOOR} 126,46 116,46"/>'
        f'<polyline class="prop" points="126,76 150,76 150,{FLOOR}"/>'
    ),
    # A pillow between the knees, seen from the feet.
    "knee-pillow": '<ellipse class="prop" cx="100" cy="66" rx="7" ry="10"/>',
}


def _arrow(start, end, bend: float = 0) -> str:
    """A movement arrow: a curve from `start` to `end` with its head at `end`."""
    middle = ((start[0] + end[0]) / 2, (start[1] + end[1]) / 2)
    angle = math.degrees(math.atan2(-(end[1] - start[1]), end[0] - start[0]))
    control = at(middle, angle + 90, bend)
    # The head points along the curve's last tangent (from the control point to the end).
    tangent = math.degrees(math.atan2(-(end[1] - control[1]), end[0] - control[0]))
    left, right = at(end, tangent + 150, 7), at(end, tangent - 150, 7)
    points = " ".join(_number(v) for point in (left, end, right) for v in point)
    return (
        f'<path class="move" d="M{_number(start[0])},{_number(start[1])} '
        f'Q{_number(control[0])},{_number(control[1])} {_number(end[0])},{_number(end[1])}"/>'
        f'<polyline class="move" points="{points}"/>'
    )


def _top(drawing: str) -> int:
    """The top of what is drawn, less a margin: a figure lying down needs less height than
    one kneeling, at the same scale (every picture is WIDTH units wide)."""
    ys = [float(y) for y in re.findall(r"-?[\d.]+,(-?[\d.]+)", drawing)]
    ys += [float(cy) - HEAD for cy in re.findall(r'cy="(-?[\d.]+)"', drawing)]
    return max(0, min(60, int(min(ys)) - 8))


def _parts(picture: Picture) -> list[str]:
    parts = [f'<line class="floor" x1="4" y1="{FLOOR}" x2="196" y2="{FLOOR}"/>']
    parts += [PROPS[name] for name in picture.props]
    if picture.pose is not None:
        parts += figure(picture.pose)
    parts += list(picture.lines)
    parts += [_arrow(*arrow) for arrow in picture.arrows]
    return parts


def picture_top(picture: Picture) -> int:
    return _top("".join(_parts(picture)))


def svg(picture: Picture, label: str, css: str = "exercise-picture", top=None) -> Markup:
    """The picture as inline SVG with its alt text (`role="img"` and `aria-label`); `top`
    cuts it (by default, just above what is drawn)."""
    parts = _parts(picture)
    top = _top("".join(parts)) if top is None else top
    # Every number and class here is ours; the one text, the label, is escaped.
    return Markup(  # noqa: S704
        f'<svg class="{css}" viewBox="0 {top} {WIDTH} {HEIGHT - top}" '
        # The size in the markup gives the picture its shape before CSS sizes it (print
        # layout measures an SVG without one as 150 px high).
        f'width="{WIDTH}" height="{HEIGHT - top}" role="img" '
        f'aria-label="{escape(label)}" focusable="false" fill="none" stroke="currentColor" '
        f'stroke-linecap="round" stroke-linejoin="round">{"".join(parts)}</svg>'
    )


def from_the_feet(tilt: float) -> tuple[str, ...]:
    """Lying on the back with bent knees, seen from the feet; the knees lean by `tilt`
    degrees (knee rolls). The head and shoulders stay flat on the floor."""
    lines = [
        # The head and shoulders, further away, flat on the floor behind the knees.
        f'<circle class="far" cx="100" cy="{FLOOR - 22}" r="{HEAD}"/>',
        _polyline([(70, FLOOR - 8), (130, FLOOR - 8)], "far"),
        _polyline([(84, FLOOR - 4), (116, FLOOR - 4)], "body"),  # the hips
    ]
    for side in (-1, 1):
        hip = (100 + side * 12, FLOOR - 4)
        knee = at((100 + side * 5, FLOOR - 4), 90 - tilt, 50)
        knee = (knee[0] + side * 4, knee[1])
        lines.append(_polyline([hip, knee], "body"))
    return tuple(lines)
