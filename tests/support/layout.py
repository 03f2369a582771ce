"""What a browser test measures of a page's layout at large text sizes."""

from __future__ import annotations

from pathlib import Path

_SOURCE = (Path(__file__).parent / "squeezed.js").read_text(encoding="utf-8")
#: `page.evaluate(SQUEEZED, MIN_BLOCK_PX)` -> {"narrow": [[box, width, text]], "split": [word]}
#: (the file's leading comment lines dropped: Playwright wants the function itself).
SQUEEZED = "\n".join(line for line in _SOURCE.splitlines() if not line.startswith("//"))
#: The narrowest a block of words may be (issue 28: 140 px at 320 px with 200 % text).
MIN_BLOCK_PX = 140
