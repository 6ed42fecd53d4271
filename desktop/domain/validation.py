"""Domain rules a JSON schema cannot say: real NIKs, a klasifikasi code that exists.

Installed into the store by ``desktop.domain.open_store`` so every save path (forms, import,
sync of local edits) checks the same rules.
"""

from __future__ import annotations

from sync.schema import Collection, FieldError

from . import nik


def validate_record(coll: Collection, record: dict) -> list[FieldError]:
    errors = []
    for field, spec in coll.properties.items():
        value = record.get(field)
        if not value or not spec.get("x-nik"):
            continue
        try:
            nik.validate_nik(value)
        except nik.InvalidNik as exc:
            label_id, label_en = coll.label(field, "id"), coll.label(field, "en")
            errors.append(FieldError(field, f"{label_id}: {exc.message_id}", f"{label_en}: {exc.message_en}"))
    return errors
