"""Draw every app icon from the one SVG source, static/icons/icon.svg.

Run after changing the SVG: .venv/bin/python -m scripts.make_icons
Chromium rasterises the SVG (the same engine that shows it), so no extra image library is
needed. "any" icons are the SVG as drawn; "maskable" icons put the same mark inside the
central 80 % safe zone on a full-bleed background, so launchers can crop them to any shape.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.support.browser import launch

ICONS = Path(__file__).resolve().parent.parent / "static" / "icons"
SOURCE = ICONS / "icon.svg"
DOCS = ICONS.parent.parent / "docs"
BACKGROUND = "#0b5394"  # the icon's own background colour, for the maskable bleed

PAGE = """<!doctype html><html><body style="margin:0;background:{bg}">
<div style="width:{size}px;height:{size}px;display:grid;place-items:center">
<img src="data:image/svg+xml;base64,{svg}" style="width:{inner}px;height:{inner}px">
</div></body></html>"""


def render(page, size: int, scale: float, background: str, out: Path) -> None:
    import base64

    svg = base64.b64encode(SOURCE.read_bytes()).decode()
    inner = round(size * scale)
    page.set_viewport_size({"width": size, "height": size})
    page.set_content(PAGE.format(bg=background, size=size, svg=svg, inner=inner))
    page.screenshot(path=out, omit_background=background == "transparent")
    shrink(out)
    print(out, out.stat().st_size, "bytes")


def shrink(path: Path) -> None:
    """A palette PNG: the icon has a few flat colours, so 64 colours lose nothing visible
    and the files shrink several times (they are part of every offline precache)."""
    from PIL import Image

    image = Image.open(path).convert("RGBA")
    image.quantize(colors=64, method=Image.Quantize.FASTOCTREE).save(path, optimize=True)


def main() -> None:
    with sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(device_scale_factor=1)
        for size in (192, 512):
            render(page, size, 1.0, "transparent", ICONS / f"icon-{size}.png")
            render(page, size, 0.72, BACKGROUND, ICONS / f"maskable-{size}.png")
        render(page, 180, 0.82, BACKGROUND, ICONS / "apple-touch-icon.png")
        # Not served: a preview to check the mark is still clear at launcher size.
        render(page, 48, 1.0, "transparent", DOCS / "icon-48.png")
        browser.close()


if __name__ == "__main__":
    main()
