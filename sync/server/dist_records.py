"""The ``*.dist-info/RECORD`` files a build copies into the frozen app, made the same in every venv.

pip's RECORD lists, besides the package's own files, what the install put OUTSIDE site-packages
(``../../../bin/keyring,sha256=…``): console scripts whose first line is the venv's own Python
path, so their hashes differ from one venv (one build machine, one clone) to the next, and
``__pycache__`` entries and ``direct_url.json`` that depend on how and where it was installed. The
frozen app has none of those files, and a RECORD that differs between two builds of the same
source grows every update patch. ``build.spec`` puts :func:`reproducible_record`'s text in place
of each RECORD through :func:`clean_records` (tests/unit/test_dist_records.py builds two venvs).
Used at build time only: nothing here runs in the app or the server.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

# Lines for files that exist only in a venv, or say how and where it was installed.
_VENV_ONLY = ("direct_url.json", "INSTALLER", "REQUESTED")


def reproducible_record(text: str) -> str:
    """RECORD without the lines that depend on the venv, in a fixed order (csv as pip writes it)."""
    rows = []
    for row in csv.reader(io.StringIO(text)):
        if not row:
            continue
        path = row[0].replace("\\", "/")
        if path.startswith(("../", "/")) or "__pycache__/" in path or path.rsplit("/", 1)[-1] in _VENV_ONLY:
            continue
        rows.append(row)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerows(sorted(rows))
    return out.getvalue()


def clean_records(datas: list, workdir: Path | str) -> list:
    """PyInstaller's data list with every ``*.dist-info/RECORD`` source replaced by a reproducible
    copy written under ``workdir`` (entries are ``(dest_name, src_name, typecode)``)."""
    cleaned = []
    for entry in datas:
        dest, src, kind = entry
        if Path(dest).name == "RECORD" and Path(dest).parent.name.endswith(".dist-info"):
            copy = Path(workdir) / "records" / Path(dest).parent.name / "RECORD"
            copy.parent.mkdir(parents=True, exist_ok=True)
            copy.write_text(reproducible_record(Path(src).read_text(encoding="utf-8")), encoding="utf-8")
            entry = (dest, str(copy), kind)
        cleaned.append(entry)
    return cleaned
