"""Fast paths in front of jsonschema, for the server's hot path.

jsonschema is exact but slow (hundreds of microseconds for one letter). These checkers are compiled
from the same schemas and only ever answer "certainly valid" or "not sure": "not sure" falls back
to jsonschema, which also writes the error messages. So the result is always jsonschema's result;
the property tests in tests/unit/test_protocol_validation.py check that "certainly valid" is never
said of something jsonschema refuses.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from sync.protocol import (
    MAX_FIELDS,
    MAX_INT,
    MAX_MUTATIONS,
    envelope_errors,
)
from sync.schema import SYSTEM_FIELDS, Collection, FieldError

Check = Callable[[object], bool]
_ANNOTATIONS = {"title", "description", "$comment", "examples", "default"}


def _is_int(v: object) -> bool:
    return type(v) is int


def compile_field(spec: dict, format_checker=None) -> Check | None:
    """A "certainly valid" checker for a simple field schema, or None (always ask jsonschema).
    ``format_checker`` is the one jsonschema uses for this field (sync.schema's date/uuid checks).
    Each checker is one closure (no list of small checks to walk): it runs for every field of
    every mutation the server takes."""
    keys = {k for k in spec if not k.startswith("x-") and k not in _ANNOTATIONS}
    if not keys <= {"type", "enum", "pattern", "format", "minLength", "maxLength", "minimum", "maximum"}:
        return None
    kind = spec.get("type")
    if kind not in ("string", "integer", "number", "boolean"):
        return None
    if "enum" in spec:  # a list of strings: anything else (or an enum on another type) goes to jsonschema
        inner = _string_check(spec, format_checker) if kind == "string" else None
        if inner is None or not all(type(a) is str for a in spec["enum"]):
            return None
        allowed = frozenset(spec["enum"])
        if keys <= {"type", "enum"}:  # the usual enum: membership says it all
            return lambda v: type(v) is str and v in allowed
        return lambda v: type(v) is str and v in allowed and inner(v)
    if kind == "string":
        return _string_check(spec, format_checker)
    if kind in ("integer", "number"):
        if any(k in spec for k in ("pattern", "format", "minLength", "maxLength")):
            return None
        # floats: let jsonschema judge (2026.0 is an integer to it)
        lo, hi = spec.get("minimum"), spec.get("maximum")
        if lo is None and hi is None:
            return lambda v: type(v) is int
        if hi is None:
            return lambda v: type(v) is int and v >= lo
        if lo is None:
            return lambda v: type(v) is int and v <= hi
        return lambda v: type(v) is int and lo <= v <= hi
    if keys - {"type"}:
        return None
    return lambda v: type(v) is bool


def _string_check(spec: dict, format_checker) -> Check | None:
    if any(k in spec for k in ("minimum", "maximum")):
        return None
    lo, hi = spec.get("minLength", 0), spec.get("maxLength")
    rx = re.compile(spec["pattern"]).search if "pattern" in spec else None
    conforms = None
    if "format" in spec:
        if format_checker is None or spec["format"] not in format_checker.checkers:
            return None
        # What FormatChecker.conforms does, without its exception round trip for every value.
        func, raises = format_checker.checkers[spec["format"]]

        def conforms(v: str) -> bool:
            try:
                return bool(func(v))
            except raises:
                return False

    # The common shapes get a closure of their own: one call per field, no tests of what is absent.
    if rx is None and conforms is None:
        if hi is None:
            return lambda v: type(v) is str and len(v) >= lo
        if lo == 0:
            return lambda v: type(v) is str and len(v) <= hi
        return lambda v: type(v) is str and lo <= len(v) <= hi
    if rx is None and lo == 0 and hi is None:
        return lambda v: type(v) is str and conforms(v)

    def check(v: object) -> bool:
        if type(v) is not str or len(v) < lo or (hi is not None and len(v) > hi):
            return False
        if rx is not None and rx(v) is None:
            return False
        return conforms is None or conforms(v)

    return check


def _compile_conditions(schema: dict) -> list[tuple[str, object, list[str]]] | None:
    """``allOf: [{"if": {"properties": {K: {"const": V}}}, "then": {"required": [...]}}]`` -> triples."""
    out = []
    for part in schema.get("allOf", []):
        if set(part) != {"if", "then"}:
            return None
        cond, then = part["if"], part["then"]
        if set(cond) != {"properties"} or len(cond["properties"]) != 1 or set(then) != {"required"}:
            return None
        (key, sub), = cond["properties"].items()
        if set(sub) != {"const"} or type(sub["const"]) is not str:
            return None
        out.append((key, sub["const"], list(then["required"])))
    return out


_TOP_KEYS = {"$schema", "$id", "title", "type", "properties", "required", "additionalProperties", "allOf",
             "description"}


class FastCollection:
    """Collection.validate / validate_fields with a fast path; same results."""

    def __init__(self, coll: Collection):
        self.coll = coll
        self.fields: dict[str, Check | None] = {
            name: compile_field(spec, coll.field_validator(name).format_checker if "format" in spec else None)
            for name, spec in coll.properties.items()}
        # What certainly_valid_fields looks up: every schema field but bookkeeping; one without a
        # fast checker is never "certainly valid" (jsonschema decides).
        self._checked = {name: check or _never for name, check in self.fields.items() if name not in SYSTEM_FIELDS}
        top = {k for k in coll.schema if not k.startswith("x-")}
        self.conditions = _compile_conditions(coll.schema)
        self.simple_record = (top <= _TOP_KEYS and self.conditions is not None
                              and coll.schema.get("type") == "object"
                              and coll.schema.get("additionalProperties", True) is True)
        # The presence rules, resolved once. A field counts as present when it is not None and not
        # bookkeeping, so a rule naming a bookkeeping field is never met on the fast path (None:
        # jsonschema decides); a condition on a bookkeeping field always applies.
        self._required = _plain_names(coll.required)
        self._conditions = [(key, const, _plain_names(req), key in SYSTEM_FIELDS)
                            for key, const, req in self.conditions or ()]
        self._fast_records = self.simple_record and self._required is not None

    def certainly_valid_fields(self, fields: dict) -> bool:
        checks = self._checked
        for name, value in fields.items():
            check = checks.get(name)  # None: bookkeeping or not in the schema (jsonschema allows it)
            if check is not None and value is not None and not check(value):
                return False
        return True

    def validate_fields(self, fields: dict) -> list[FieldError]:
        if self.certainly_valid_fields(fields):
            return []
        return self.coll.validate_fields(fields)

    def validate(self, record: dict) -> list[FieldError]:
        """A field counts as present when it is not None and not bookkeeping (SYSTEM_FIELDS)."""
        if self._fast_records and self.certainly_valid_fields(record) and self._all_present(record):
            return []
        return self.coll.validate(record)

    def _all_present(self, record: dict) -> bool:
        """The required fields and those of every condition that applies are present."""
        get = record.get
        for name in self._required:
            if get(name) is None:
                return False
        for key, const, required, always in self._conditions:
            if always or (value := get(key)) is None or value == const:
                if required is None:
                    return False
                for name in required:
                    if get(name) is None:
                        return False
        return True


def _plain_names(names) -> tuple[str, ...] | None:
    """``names`` as a tuple, or None when one is bookkeeping (never present on the fast path)."""
    return None if any(n in SYSTEM_FIELDS for n in names) else tuple(names)


def _never(_value: object) -> bool:
    return False

_fast: dict[str, FastCollection] = {}


def fast(coll: Collection) -> FastCollection:
    fc = _fast.get(coll.name)
    if fc is None or fc.coll is not coll:
        fc = _fast[coll.name] = FastCollection(coll)
    return fc


# --- the sync request envelope -----------------------------------------------------------------------
_MUT_KEYS = ("mseq", "collection", "id", "op", "base_rev", "hlc", "actor")


def _int_in(v: object, lo: int, hi: int) -> bool:
    return type(v) is int and lo <= v <= hi


def _plain_stats(stats: object) -> bool:
    return (type(stats) is dict and set(stats) <= {"refused", "channel"}
            and ("refused" not in stats or _int_in(stats["refused"], 0, MAX_INT))
            and ("channel" not in stats or (type(stats["channel"]) is str and len(stats["channel"]) <= 20)))


def certainly_valid_sync_request(body: object) -> bool:
    """A hand-written check at least as strict as SYNC_REQUEST_SCHEMA."""
    if type(body) is not dict:
        return False
    for key in ("schema_v", "app_version", "device_id", "mutations", "cursor"):
        if key not in body:
            return False
    if not (_int_in(body["schema_v"], 0, MAX_INT) and _int_in(body["cursor"], 0, MAX_INT)):
        return False
    if type(body["app_version"]) is not str or len(body["app_version"]) > 40:
        return False
    if type(body["device_id"]) is not str or len(body["device_id"]) > 64:
        return False
    if "client_time" in body and not _int_in(body["client_time"], -MAX_INT, MAX_INT):
        return False
    for key in ("limit", "waiting"):
        if key in body and not _int_in(body[key], 0, MAX_INT):
            return False
    if "stats" in body and not _plain_stats(body["stats"]):
        return False  # the schema decides
    muts = body["mutations"]
    if type(muts) is not list or len(muts) > MAX_MUTATIONS:
        return False
    for m in muts:
        if type(m) is not dict:
            return False
        for key in _MUT_KEYS:
            if key not in m:
                return False
        if not (_int_in(m["mseq"], 1, MAX_INT) and _int_in(m["base_rev"], 0, MAX_INT)):
            return False
        c, i, h, a = m["collection"], m["id"], m["hlc"], m["actor"]
        if not (type(c) is str and len(c) <= 40 and type(i) is str and len(i) <= 64
                and type(h) is str and len(h) <= 100 and type(a) is str and len(a) <= 64):
            return False
        if m["op"] not in ("put", "delete") or type(m["op"]) is not str:
            return False
        if "fields" in m and (type(m["fields"]) is not dict or len(m["fields"]) > MAX_FIELDS):
            return False
    return True


def sync_request_errors(body: object) -> list[str]:
    if certainly_valid_sync_request(body):
        return []
    return envelope_errors("sync_request", body)
