"""Carries the official list of kelurahan and kampung of Kabupaten Mimika into
resources/reference/wilayah_mimika.json (the ``desa`` list and its counts).

Input: a ``kode;nama;tingkat`` CSV such as shared/data/wilayah-mimika.csv, taken from the MIT-licensed
cahyadsn/wilayah (db/wilayah.sql), which follows Kepmendagri No. 300.2.2-2138 Tahun 2025. Run it again
when the Kepmendagri list changes:  python scripts/wilayah_from_csv.py path/to/wilayah-mimika.csv
The distrik already in the JSON must match the CSV's (code and name); the script refuses otherwise.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

TARGET = Path(__file__).resolve().parents[1] / "resources" / "reference" / "wilayah_mimika.json"
SOURCE = ("Kelurahan dan kampung: Kepmendagri No. 300.2.2-2138 Tahun 2025, through the MIT-licensed "
          "cahyadsn/wilayah (db/wilayah.sql), as shared/data/wilayah-mimika.csv (see shared/REFERENCE.md); "
          "carried in by scripts/wilayah_from_csv.py.")


def main(csv_path: str) -> int:
    with open(csv_path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f, delimiter=";"))
    data = json.loads(TARGET.read_text(encoding="utf-8"))
    distrik = {d["code"]: d["name"] for d in data["distrik"]}
    from_csv = {r["kode"]: r["nama"] for r in rows if r["tingkat"] == "distrik"}
    if from_csv != distrik:
        print(f"distrik differ: {sorted(set(from_csv.items()) ^ set(distrik.items()))}", file=sys.stderr)
        return 1
    desa = []
    for r in rows:
        if r["tingkat"] not in ("kelurahan", "kampung"):
            continue
        parent = r["kode"].rsplit(".", 1)[0]
        if parent not in distrik:
            print(f"{r['kode']} {r['nama']}: no distrik {parent}", file=sys.stderr)
            return 1
        desa.append({"code": r["kode"], "name": r["nama"].strip(), "kind": r["tingkat"], "distrik_code": parent})
    desa.sort(key=lambda d: [int(p) for p in d["code"].split(".")])
    data["desa_source"] = SOURCE
    data["desa"] = desa
    data["counts"]["kelurahan"] = sum(d["kind"] == "kelurahan" for d in desa)
    data["counts"]["kampung"] = sum(d["kind"] == "kampung" for d in desa)
    TARGET.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"{len(distrik)} distrik, {data['counts']['kelurahan']} kelurahan, {data['counts']['kampung']} kampung")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
