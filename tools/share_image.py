"""Render the share picture (og:image) from its SVG source with the system Chromium:
``python -m tools.share_image`` writes theme/static/images/share.png (1200 x 630). Run it after
editing theme/share-image.svg, and commit both."""

from __future__ import annotations

import sys
from pathlib import Path

from tools.chromium import CHROMIUM_FLAGS, chromium_path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "theme" / "share-image.svg"
TARGET = ROOT / "theme" / "static" / "images" / "share.png"
WIDTH, HEIGHT = 1200, 630


def main() -> int:
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    if executable is None:
        print("error: no Chromium (Debian's 'chromium', or CHROMIUM_PATH)", file=sys.stderr)
        return 1
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
        page.set_content("<style>html,body{margin:0}</style>" + SOURCE.read_text(encoding="utf-8"))
        TARGET.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(TARGET), clip={"x": 0, "y": 0, "width": WIDTH, "height": HEIGHT})
        browser.close()
    print(f"wrote {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
