"""The diary's figures computed in Python, to check what `static/js/diary.js` shows.

Same definitions as the page states them: a day is the date of the entry's own local time;
the chart shows each day's highest pain; the summary's period runs from the first day with
an entry in the chosen window (14 or 28 days ending today) to today; the first week is the
period's first 7 days, the last week the 7 days ending today.
"""

from __future__ import annotations

import statistics
from datetime import date, timedelta

#: Puts a diary and a plan (JSON strings) into the page's storage, as the app keeps them.
PUT = "([d, p]) => { localStorage.setItem('bsg:diary', d); localStorage.setItem('bsg:plan', p); }"


def day_of(entry: dict) -> date:
    return date.fromisoformat(entry["time"][:10])


def number(value) -> str:
    if value is None:
        return "—"
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def figures(entries: list[dict], days: int, today: date, plan_items: list[dict]) -> dict:
    first_day = today - timedelta(days=days - 1)
    inside = [e for e in entries if first_day <= day_of(e) <= today]
    by_day: dict[date, list[dict]] = {}
    for entry in inside:
        by_day.setdefault(day_of(entry), []).append(entry)
    chart = []
    for i in range(days):
        day = first_day + timedelta(days=i)
        found = by_day.get(day, [])
        chart.append(
            {
                "day": day.isoformat(),
                "pain": max((e["pain"] for e in found), default=None),
                "spasm": any(e["spasm"] for e in found),
                "entries": len(found),
            }
        )
    start = min(by_day) if by_day else None
    pains = [e["pain"] for e in inside]

    def median_between(low: date, high: date):
        values = [e["pain"] for e in inside if low <= day_of(e) <= high]
        return statistics.median(values) if values else None

    walked = [e["walked"] for e in inside if e["walked"] is not None]
    summary = {
        "period": f"{start.isoformat()} – {today.isoformat()}" if start else "—",
        "days": str(len(by_day)),
        "entries": str(len(inside)),
        "pain-low": number(min(pains) if pains else None),
        "pain-median": number(statistics.median(pains) if pains else None),
        "pain-high": number(max(pains) if pains else None),
        "first-week": number(median_between(start, start + timedelta(days=6)) if start else None),
        "last-week": number(median_between(today - timedelta(days=6), today) if start else None),
        "spasm-days": str(sum(1 for d in chart if d["spasm"])),
        "walked": number(sum(walked) if walked else None),
    }
    done_days = {
        item["id"]: sum(
            1 for found in by_day.values() if any(item["id"] in e["done"] for e in found)
        )
        for item in plan_items
    }
    return {"chart": chart, "summary": summary, "plan": done_days}
