"""Regenerates resources/i18n/layan_en.ts from the GUI's sources and compiles layan_en.qm.

Indonesian is the source language (the strings in the code); English is the translation.
``pyside6-lupdate`` keeps the English already written in the .ts and marks vanished strings
obsolete; ``pyside6-lrelease`` compiles the .qm the app loads. Run: ``make translations``.
With ``--check`` it fails when a string has no English yet (CI and the tests use that).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("desktop/ui", "desktop/tasks")
TS = ROOT / "resources" / "i18n" / "layan_en.ts"
QM = TS.with_suffix(".qm")


def tool(name: str) -> str:
    beside_python = Path(sys.executable).parent / name
    found = str(beside_python) if beside_python.exists() else shutil.which(name)
    if not found:
        sys.exit(f"{name} not found: install PySide6 (it ships {name})")
    return found


def source_files() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for folder in SOURCES for p in (ROOT / folder).rglob("*.py"))


def update_ts() -> None:
    subprocess.run([tool("pyside6-lupdate"), *source_files(), "-source-language", "id_ID", "-target-language",
                    "en_GB", "-no-obsolete", "-ts", str(TS.relative_to(ROOT))], cwd=ROOT, check=True)


def compile_qm() -> None:
    subprocess.run([tool("pyside6-lrelease"), str(TS), "-qm", str(QM)], cwd=ROOT, check=True)


def untranslated(ts: Path = TS) -> list[tuple[str, str]]:
    """(context, source) of every message without an English translation."""
    missing = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete") \
                    or not (translation.text or "").strip():
                if translation is not None and translation.get("type") in ("vanished", "obsolete"):
                    continue
                missing.append((name, message.findtext("source")))
    return missing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="only report strings without English")
    args = parser.parse_args(argv)
    if not args.check:
        update_ts()
        compile_qm()
    missing = untranslated()
    for context, source in missing:
        print(f"untranslated: [{context}] {source}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
