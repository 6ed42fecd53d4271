"""Two builds in their own venvs give the app the same ``dist-info/RECORD`` files: pip's RECORD
holds the console scripts' hashes, whose first line is each venv's Python path. Two real venvs,
the same wheel installed into each by the real pip, then what build.spec does to the data list."""

from __future__ import annotations

import base64
import hashlib
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

from sync.server.dist_records import clean_records, reproducible_record

WHEEL = "layantoy-1.0-py3-none-any.whl"


def digest(text: str) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(text.encode()).digest()).rstrip(b"=").decode()


def make_wheel(folder: Path) -> Path:
    """A small real wheel with a module and a console script (pip writes the script into bin/)."""
    info = "layantoy-1.0.dist-info"
    files = {
        "layantoy.py": "def main():\n    print('toy')\n",
        f"{info}/METADATA": "Metadata-Version: 2.1\nName: layantoy\nVersion: 1.0\n",
        f"{info}/WHEEL": "Wheel-Version: 1.0\nGenerator: hand\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
        f"{info}/entry_points.txt": "[console_scripts]\nlayantoy = layantoy:main\n",
    }
    path = folder / WHEEL
    with zipfile.ZipFile(path, "w") as whl:
        for name, text in files.items():
            whl.writestr(name, text)
        whl.writestr(f"{info}/RECORD", "".join(f"{n},sha256={digest(t)},{len(t)}\n" for n, t in files.items())
                     + f"{info}/RECORD,,\n")
    return path


def install(wheel: Path, where: Path) -> Path:
    venv.create(where, with_pip=False)
    python = where / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-index", "--no-deps",
                    "--disable-pip-version-check", "-q", str(wheel)], check=True, capture_output=True, timeout=120)
    (record,) = where.rglob("layantoy-1.0.dist-info/RECORD")
    return record


def test_records_of_two_venvs_are_equal_once_cleaned_as_the_build_does(tmp_path):
    wheel = make_wheel(tmp_path)
    first, second = install(wheel, tmp_path / "clone-a" / ".venv"), install(wheel, tmp_path / "clone-b" / ".venv")
    raw_a, raw_b = first.read_text(), second.read_text()
    assert raw_a != raw_b  # the leak: bin/layantoy starts with each venv's own python path
    assert "bin/layantoy" in raw_a or "Scripts/layantoy" in raw_a

    built = []
    for name, record in (("a", first), ("b", second)):
        datas = [("layantoy-1.0.dist-info/METADATA", str(record.parent / "METADATA"), "DATA"),
                 ("layantoy-1.0.dist-info/RECORD", str(record), "DATA")]
        cleaned = clean_records(datas, tmp_path / f"work-{name}")
        assert cleaned[0] == datas[0]  # other files are left as they are
        built.append(Path(cleaned[1][1]).read_text())
    assert built[0] == built[1]
    assert "layantoy.py,sha256=" in built[0] and "bin/" not in built[0] and "__pycache__" not in built[0]
    assert reproducible_record(built[0]) == built[0]  # stable: cleaning twice changes nothing
