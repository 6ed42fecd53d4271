"""Where the bundled resources are (translations, style sheet, icons, reference data): a module of its own,
so the GUI finds its translations and style without loading the record schemas (desktop/ui/i18n.py)."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def resources_dir() -> Path:
    """resources/ beside the code, inside a PyInstaller bundle, or where LAYAN_RESOURCES points."""
    if env := os.environ.get("LAYAN_RESOURCES"):
        return Path(env)
    if getattr(sys, "frozen", False):
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent)) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"
