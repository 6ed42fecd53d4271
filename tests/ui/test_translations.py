"""Every user-visible string of the GUI has its English translation, and the .qm is compiled."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def load_script():
    spec = importlib.util.spec_from_file_location("translations", ROOT / "scripts" / "translations.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_string_in_the_sources_has_english(tmp_path):
    script = load_script()
    ts = tmp_path / "layan_en.ts"
    shutil.copyfile(script.TS, ts)
    # lupdate on a copy: strings added to the code since the .ts was updated show up as unfinished.
    subprocess.run([script.tool("pyside6-lupdate"), *script.source_files(), "-no-obsolete", "-ts", str(ts)],
                   cwd=ROOT, check=True, capture_output=True)
    assert script.untranslated(ts) == []


def test_the_compiled_translation_is_shipped():
    script = load_script()
    assert script.QM.exists() and script.QM.stat().st_size > 1000
