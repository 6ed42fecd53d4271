"""Malaria: the examination on a visit (RDT or microscopy, result, species, treatment, primaquine,
follow-up date), its rules, and the malaria register (positives by species and month).

Stored in ``visits.malaria`` (an object; see resources/schema/visits.json). A positive result
without a malaria diagnosis gets one automatically (B50.9 falciparum, B51.9 vivax, B52.9 malariae,
B53.0 ovale, B53.1 knowlesi (simian plasmodia), mixed → B50.9 since ICD-10 classes mixed infections
with P. falciparum under B50, species not known → B54), so LB1 counts every confirmed case.
"""

from __future__ import annotations

import datetime as dt

from sync.schema import FieldError

METHODS = ("rdt", "mikroskopis")
RESULTS = ("positif", "negatif")
SPECIES = ("falciparum", "vivax", "malariae", "ovale", "knowlesi", "campuran")
SPECIES_LABELS = {
    "falciparum": ("P. falciparum", "P. falciparum"),
    "vivax": ("P. vivax", "P. vivax"),
    "malariae": ("P. malariae", "P. malariae"),
    "ovale": ("P. ovale", "P. ovale"),
    "knowlesi": ("P. knowlesi", "P. knowlesi"),
    "campuran": ("Campuran (mix)", "Mixed"),
    None: ("Spesies tidak diketahui", "Species not known"),
}
SPECIES_CODE = {"falciparum": "B50.9", "vivax": "B51.9", "malariae": "B52.9", "ovale": "B53.0",
                "knowlesi": "B53.1", "campuran": "B50.9", None: "B54"}
MALARIA_CATEGORIES = ("B50", "B51", "B52", "B53", "B54")


def clean(value: dict | None) -> dict | None:
    if not value:
        return None
    out = {}
    for key, item in value.items():
        if isinstance(item, str):
            item = item.strip().lower() if key in ("pemeriksaan", "hasil", "spesies") else item.strip()
            if item == "":
                continue
        if item is None:
            continue
        out[key] = item
    aliases = {"mikroskop": "mikroskopis", "mikroskopik": "mikroskopis", "pos": "positif", "+": "positif",
               "neg": "negatif", "-": "negatif", "pf": "falciparum", "pv": "vivax", "pm": "malariae",
               "po": "ovale", "pk": "knowlesi", "mix": "campuran"}
    for key in ("pemeriksaan", "hasil", "spesies"):
        if key in out:
            out[key] = aliases.get(out[key], out[key])
    return out or None


def rules(value: dict | None, visit_date: str | None) -> list[FieldError]:
    if not value:
        return []
    errors = []
    if value.get("hasil") and not value.get("pemeriksaan"):
        errors.append(FieldError("malaria", "Malaria: pilih cara pemeriksaan (RDT atau mikroskopis).",
                                 "Malaria: choose the test (RDT or microscopy)."))
    if value.get("pemeriksaan") and not value.get("hasil"):
        errors.append(FieldError("malaria", "Malaria: isi hasil pemeriksaan (positif/negatif).",
                                 "Malaria: enter the test result (positive/negative)."))
    if value.get("spesies") and value.get("hasil") != "positif":
        errors.append(FieldError("malaria", "Malaria: spesies hanya diisi bila hasil positif.",
                                 "Malaria: the species is entered only for a positive result."))
    kontrol = value.get("tanggal_kontrol")
    if kontrol and visit_date and isinstance(kontrol, str) and kontrol[:10] < visit_date[:10]:
        errors.append(FieldError("malaria", "Malaria: tanggal kontrol sebelum tanggal kunjungan.",
                                 "Malaria: the follow-up date is before the visit date."))
    return errors


def is_positive(visit: dict) -> bool:
    m = visit.get("malaria") or {}
    return m.get("hasil") == "positif"


def default_code(value: dict) -> str:
    return SPECIES_CODE.get(value.get("spesies"), "B54")


def add_diagnosis(diagnoses: list[dict], value: dict | None) -> list[dict]:
    """A positive result without any B50–B54 diagnosis gets the species' code."""
    if not value or value.get("hasil") != "positif":
        return diagnoses
    if any(d["kode"][:3] in MALARIA_CATEGORIES for d in diagnoses):
        return diagnoses
    return [*diagnoses, {"kode": default_code(value), "utama": not diagnoses}]


def _species_text(value: dict) -> tuple[str, str]:
    label = SPECIES_LABELS.get(value.get("spesies"), SPECIES_LABELS[None])
    return label


def agreement(diagnoses: list[dict], value: dict | None) -> tuple[list[FieldError], list[FieldError]]:
    """(errors, warnings) where the malaria diagnosis and the test disagree.

    A positive test with a known species needs that species' code: B54 ("malaria tanpa konfirmasi",
    i.e. unconfirmed) is refused and the right code offered, as is a B50–B53 code of another species (a
    mixed infection may carry any of B50–B53). A confirmed code (B50–B53) with a negative test is
    allowed but warned about: the test may have been taken after treatment started. So is a confirmed
    code with no test on the visit (the test may be in another book; B54 is the code without one).
    """
    errors: list[FieldError] = []
    warnings: list[FieldError] = []
    codes = [d["kode"] for d in diagnoses if d.get("kode", "")[:3] in MALARIA_CATEGORIES]
    if not value or not value.get("hasil"):
        # A confirmed code with no test on the visit: counted as a confirmed case in the malaria reports.
        for code in codes:
            if code[:3] != "B54":
                warnings.append(FieldError(
                    "diagnosa",
                    f"Diagnosa {code} adalah malaria terkonfirmasi: isi pemeriksaan malaria (RDT atau mikroskopis) "
                    f"dan hasilnya, atau pakai B54 bila tanpa pemeriksaan.",
                    f"{code} is a confirmed malaria diagnosis: fill in the malaria test (RDT or microscopy) and its "
                    f"result, or use B54 when there was no test."))
        return errors, warnings
    species = value.get("spesies")
    if value.get("hasil") == "positif" and species:
        right = SPECIES_CODE[species]
        sp_id, sp_en = _species_text(value)
        for code in codes:
            if code[:3] == "B54":
                errors.append(FieldError(
                    "diagnosa",
                    f"Hasil malaria positif {sp_id}: pakai kode {right}, bukan {code} (malaria tanpa konfirmasi).",
                    f"Malaria test positive for {sp_en}: use code {right}, not {code} (unconfirmed malaria)."))
            elif species != "campuran" and code[:3] != right[:3]:
                errors.append(FieldError(
                    "diagnosa",
                    f"Hasil malaria positif {sp_id}: kode {code} untuk spesies lain; pakai {right}.",
                    f"Malaria test positive for {sp_en}: code {code} is for another species; use {right}."))
    if value.get("hasil") == "negatif":
        for code in codes:
            if code[:3] != "B54":
                warnings.append(FieldError(
                    "diagnosa",
                    f"Hasil malaria negatif, tetapi diagnosa {code} adalah malaria terkonfirmasi. Periksa lagi.",
                    f"The malaria test is negative, but {code} is a confirmed malaria diagnosis. Please check."))
    return errors, warnings


def proposed_code(value: dict | None) -> str | None:
    """The code a positive test with a known species calls for (the form offers it)."""
    if value and value.get("hasil") == "positif" and value.get("spesies"):
        return SPECIES_CODE[value["spesies"]]
    return None


def follow_up_date(visit_date: str, days: int = 28) -> str:
    """The date ``days`` after the visit, for a follow-up the nakes sets (a form shortcut)."""
    return (dt.date.fromisoformat(visit_date) + dt.timedelta(days=days)).isoformat()
