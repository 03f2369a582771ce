"""Helpers that read the guide's content the way a reader meets it (used by tests)."""

from __future__ import annotations

import re

from webapp import content


def _sentence(text: str) -> str:
    text = " ".join(str(text).split())
    return text if text[-1:] in ".!?:" else text + "."


def main_text_units() -> list[str]:
    """Every heading, paragraph and list item of the guide, each as its own sentence."""
    units = [content.TITLE, content.LEAD, content.CALLOUT_HEADING]
    units += [sign.name for sign in content.WARNING_SIGNS]

    def visit(blocks) -> None:
        for block in blocks:
            if block.kind == "para":
                units.append(block.text)
            elif block.kind == "bullets":
                units.extend([block.lead, *block.items] if block.lead else list(block.items))
            elif block.kind == "steps":
                for step in block.items:
                    units.extend(u for u in (step.text, step.caption) if u)
            elif block.kind == "details":
                units.append(block.summary)
                visit(block.blocks)
            elif block.kind == "terms":
                for term in block.items:
                    units.extend([term.term, term.meaning])
            elif block.kind == "figure":
                units.extend([block.caption, *block.legend])
            elif block.kind == "warning-signs":
                units.append(content.WARNING_LEAD)
                for sign in content.WARNING_SIGNS:
                    units.extend([sign.name, *([sign.detail] if sign.detail else [])])
                numbers = {"emergency": "911", "urgent": "your local urgent-care line"}
                units.extend(content.LEVELS[group] % numbers for group in content.LEVELS)
                units.extend([content.EMERGENCY_LINE, content.URGENT_FALLBACK % numbers])
                units.extend([content.SADDLE_PICTURE["caption"], content.SADDLE_PICTURE["action"]])

    for section in content.SECTIONS:
        units.append(section.heading)
        visit(section.blocks)
    units.append(content.KEY_POINTS_HEADING)
    units.extend(content.KEY_POINTS)
    return [_sentence(unit) for unit in units if unit]


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("’", "'").replace("'", ""))
