"""Redraw the card pictures the README shows: `.venv/bin/python -m tests.cards.pictures`.

They come from the same catalogue and renderer as the render test, so the README shows what the bot really sends.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from bot.config import PROJECT_ROOT
from tests.cards.catalog import samples
from tests.cards.harness import find_tools, render_cards

DOCS = PROJECT_ROOT / "docs" / "cards"


def main() -> int:
    """Render the README's cards and copy their pictures to docs/cards/."""
    try:
        tools = find_tools("adaptivecards", "markdown-it", "playwright-core")
    except RuntimeError as exc:
        print(f"pictures: {exc}", file=sys.stderr)
        return 1
    shown = [s for s in samples() if s.doc]
    with tempfile.TemporaryDirectory() as tmp:
        render_cards(tools, {s.name: s.card for s in shown}, Path(tmp))
        DOCS.mkdir(parents=True, exist_ok=True)
        for sample in shown:
            shutil.copyfile(Path(tmp) / f"{sample.name}.png", DOCS / f"{sample.name}.png")
            print(f"{DOCS / sample.name}.png  {sample.doc}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
