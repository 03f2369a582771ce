"""axe-core in a page: its violations as short lines (rule id and the first targets)."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

AXE = Axe()


def violations(page) -> list[str]:
    results = AXE.run(page)
    return [
        f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]
