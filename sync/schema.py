"""Record schemas, declared once as data in resources/schema/ (one JSON Schema per collection).

The desktop forms, the local store and the central server all read these files, so a record that
the desktop refuses is refused centrally too. Validation returns field-level errors with an
Indonesian message (the UI's source language) and its English twin.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from .resources import resources_dir  # noqa: F401  (here first; many modules import it from sync.schema)

if TYPE_CHECKING:  # jsonschema is imported on first validation: it costs ~0.2 s of the app's start
    import jsonschema
    from jsonschema import Draft202012Validator

# Fields the store sets on every record; they travel with the record but are not user input.
SYSTEM_FIELDS = ("created_at", "created_by", "updated_at", "updated_by")
SCHEMA_VERSION = 1  # the protocol's schema_v: raised only for additive changes


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str  # Indonesian
    message_en: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}" if self.field else self.message


def _is_date(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if len(value) != 10:
        raise ValueError("not YYYY-MM-DD")
    dt.date.fromisoformat(value)
    return True


def _is_uuid(value: object) -> bool:
    if isinstance(value, str):
        import uuid  # here: with it comes platform (~3 ms), which opening a store does not need

        uuid.UUID(value)
    return True


@cache
def _format_checker():
    from jsonschema import FormatChecker

    checker = FormatChecker()
    checker.checks("date", raises=ValueError)(_is_date)
    checker.checks("uuid", raises=ValueError)(_is_uuid)
    return checker


def _validator_for(schema: dict) -> Draft202012Validator:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(schema, format_checker=_format_checker())


class Collection:
    """One collection's schema: its fields, labels, search fields and validator."""

    def __init__(self, schema: dict):
        # The schemas themselves are checked against the meta-schema by the tests
        # (tests/unit/test_schemas.py), not at every start: that check costs ~0.3 s.
        self.schema = schema
        self.name: str = schema["x-collection"]
        self.version: int = schema.get("x-version", 1)
        self.properties: dict[str, dict] = schema["properties"]
        self.required: list[str] = schema.get("required", [])
        self.fts_fields: list[str] = schema.get("x-fts", [])
        self.append_only: bool = bool(schema.get("x-append-only", False))
        self.title: dict = schema.get("x-title", {"id": self.name, "en": self.name})
        self._whole_validator: Draft202012Validator | None = None
        self._field_validators: dict[str, Draft202012Validator] = {}

    @property
    def fields(self) -> list[str]:
        return list(self.properties)

    def label(self, field: str, lang: str = "id") -> str:
        spec = self.properties.get(field, {})
        return spec.get("x-label", {}).get(lang) or field

    def column_type(self, field: str) -> type:
        kind = self.properties.get(field, {}).get("type")
        return {"integer": int, "number": float, "boolean": int}.get(kind, str)

    def is_json(self, field: str) -> bool:
        if field not in self.properties:
            return False
        kind = self.properties[field].get("type")
        return kind in ("object", "array") or kind is None  # untyped fields (e.g. conflict values)

    def validate(self, record: dict) -> list[FieldError]:
        """All problems with a whole record (user fields only); empty when valid."""
        clean = {k: v for k, v in record.items() if v is not None and k not in SYSTEM_FIELDS}
        if self._whole_validator is None:
            self._whole_validator = _validator_for(self.schema)
        errors = [_to_field_error(self, e) for e in self._whole_validator.iter_errors(clean)]
        return sorted(set(errors), key=lambda e: (self._order(e.field), e.field))

    def validate_fields(self, fields: dict) -> list[FieldError]:
        """Checks only the given fields' types and formats (a partial update, e.g. a sync mutation)."""
        errors = []
        for name, value in fields.items():
            spec = self.properties.get(name)
            if spec is None or value is None or name in SYSTEM_FIELDS:
                continue  # unknown fields are kept, never dropped (DESIGN.md: additive schema changes)
            for err in self.field_validator(name).iter_errors(value):
                err.path.appendleft(name)
                errors.append(_to_field_error(self, err))
        return errors

    def field_validator(self, name: str) -> Draft202012Validator:
        """The (cached) validator of one declared field; the server validates every mutation with it."""
        sub = self._field_validators.get(name)
        if sub is None:
            sub = _validator_for(self.properties[name])
            self._field_validators[name] = sub
        return sub

    def _order(self, field: str) -> int:
        return self.fields.index(field) if field in self.properties else len(self.properties)


def _to_field_error(coll: Collection, err: jsonschema.ValidationError) -> FieldError:
    field = str(err.path[0]) if err.path else ""
    label_id, label_en = coll.label(field, "id"), coll.label(field, "en")
    v = err.validator
    if v == "required":
        missing = err.message.split("'")[1] if "'" in err.message else ""
        return FieldError(missing, f"{coll.label(missing, 'id')} wajib diisi.",
                          f"{coll.label(missing, 'en')} is required.")
    if v == "format":
        if err.validator_value == "date":
            return FieldError(field, f"{label_id}: tanggal tidak valid (gunakan format tanggal yang benar).",
                              f"{label_en}: not a valid date.")
        return FieldError(field, f"{label_id}: format tidak valid.", f"{label_en}: invalid format.")
    if v == "enum":
        allowed = ", ".join(str(x) for x in err.validator_value)
        return FieldError(field, f"{label_id}: pilih salah satu dari {allowed}.",
                          f"{label_en}: choose one of {allowed}.")
    if v == "pattern":
        return FieldError(field, f"{label_id}: format tidak sesuai.", f"{label_en}: wrong format.")
    if v in ("minLength",) and err.validator_value == 1:
        return FieldError(field, f"{label_id} wajib diisi.", f"{label_en} is required.")
    if v in ("maxLength", "maxItems"):
        return FieldError(field, f"{label_id}: terlalu panjang (maksimum {err.validator_value}).",
                          f"{label_en}: too long (maximum {err.validator_value}).")
    if v == "minimum":
        return FieldError(field, f"{label_id}: paling kecil {err.validator_value}.",
                          f"{label_en}: at least {err.validator_value}.")
    if v == "maximum":
        return FieldError(field, f"{label_id}: paling besar {err.validator_value}.",
                          f"{label_en}: at most {err.validator_value}.")
    if v == "type":
        kind = {"integer": ("bilangan bulat", "a whole number"), "number": ("angka", "a number"),
                "string": ("teks", "text"), "boolean": ("ya/tidak", "yes/no"),
                "object": ("objek", "an object"), "array": ("daftar", "a list")}
        want = err.validator_value if isinstance(err.validator_value, str) else "string"
        ind, en = kind.get(want, (want, want))
        return FieldError(field, f"{label_id}: harus berupa {ind}.", f"{label_en}: must be {en}.")
    return FieldError(field, f"{label_id}: nilai tidak valid.", f"{label_en}: invalid value.")


@cache
def collections() -> dict[str, Collection]:
    out = {}
    for path in sorted((resources_dir() / "schema").glob("*.json")):
        coll = Collection(json.loads(path.read_text(encoding="utf-8")))
        out[coll.name] = coll
    return out


def collection(name: str) -> Collection:
    try:
        return collections()[name]
    except KeyError:
        raise KeyError(f"unknown collection: {name!r}") from None
