"""The files of the in-app manual (F1): docs/PANDUAN.md, docs/GUIDE.md and the screenshots they show.

build.spec ships exactly these (``manual_datas``), desktop/ui/help_dialog.py reads them, and a test
checks that every picture the manual names exists. No Qt here: build.spec imports it.
"""

from __future__ import annotations

import re
from pathlib import Path

MANUALS = ("PANDUAN.md", "GUIDE.md")  # Indonesian first; English for the English interface
IMAGE = re.compile(r"!\[[^\]]*\]\(([^)\s]+)\)")


def images_of(text: str) -> list[str]:
    """The picture paths a Markdown text names, relative to its folder."""
    return IMAGE.findall(text)


def manual_datas(root: Path) -> list[tuple[str, str]]:
    """(source file, folder in the bundle) for each manual and each picture it shows."""
    docs = root / "docs"
    out: list[tuple[str, str]] = []
    for name in MANUALS:
        path = docs / name
        if not path.exists():
            continue
        out.append((str(path), "docs"))
        for image in images_of(path.read_text(encoding="utf-8")):
            entry = (str(docs / image), str(Path("docs") / Path(image).parent))
            if entry not in out:
                out.append(entry)
    return out
