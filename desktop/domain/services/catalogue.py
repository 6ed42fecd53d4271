"""The service catalogue and the checks of a request against it.

The catalogue is data (resources/reference/services.json, or the office's own copy pushed from
the centre): each service's fields, documents to check, certificate template, klasifikasi code
for numbering and SLA in working days. ``catalog()`` / ``service()``; ``check_request`` checks
the NIK and the service's required fields.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path

from desktop.store.db import StoreError
from desktop.store.records import Store, ValidationError
from sync.schema import FieldError, collection, resources_dir

from .. import nik
from .common import (
    APPLICANT_FIELDS,
    FIELD_TYPES,
    HUBUNGAN,
    MAX_MEMBERS,
    REQUEST_FIELDS,
    SERVICE_REQUESTS,
    STATUS_KAWIN,
    _clean,
    _error,
    _today,
    format_tanggal,
)

# --- the catalog ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Option:
    value: str
    label_id: str
    label_en: str


@dataclass(frozen=True)
class ServiceField:
    name: str
    label_id: str
    label_en: str
    type: str  # one of FIELD_TYPES
    required: bool = False
    options: tuple[Option, ...] = ()
    min: int | None = None
    max: int | None = None
    pattern: str | None = None
    not_before: str | None = None  # another date field this one may not precede
    not_after: str | None = None  # "today": may not lie in the future
    nik_required: bool = True  # members: each member needs a NIK

    def label(self, lang: str = "id") -> str:
        return self.label_en if lang == "en" else self.label_id

    def option_label(self, value, lang: str = "id") -> str:
        for opt in self.options:
            if opt.value == value:
                return opt.label_en if lang == "en" else opt.label_id
        return "" if value is None else str(value)


@dataclass(frozen=True)
class Document:
    code: str
    label_id: str
    label_en: str
    required: bool

    def label(self, lang: str = "id") -> str:
        return self.label_en if lang == "en" else self.label_id


@dataclass(frozen=True)
class Service:
    code: str
    name_id: str
    name_en: str
    title: str  # the heading printed on the certificate
    klasifikasi: str
    klasifikasi_unverified: bool
    sla_days: int
    template: str  # path below resources/templates (or the office's templates folder)
    applicant_required: tuple[str, ...]
    applicant_fixed: tuple[tuple[str, str], ...]
    keperluan_required: bool
    fields: tuple[ServiceField, ...]
    documents: tuple[Document, ...]
    applicant_role_id: str = "Pemohon"
    applicant_role_en: str = "Applicant"
    # The certificate says the applicant lives in this office's distrik ("penduduk wilayah …"):
    # an address elsewhere is flagged before it is issued (residence.py).
    states_residence: bool = False

    def name(self, lang: str = "id") -> str:
        return self.name_en if lang == "en" else self.name_id

    def field(self, name: str) -> ServiceField | None:
        return next((f for f in self.fields if f.name == name), None)

    @property
    def required_documents(self) -> tuple[str, ...]:
        return tuple(d.code for d in self.documents if d.required)


@dataclass(frozen=True)
class Catalog:
    version: int
    services: tuple[Service, ...]
    path: Path

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(s.code for s in self.services)

    def get(self, code: str | None) -> Service:
        for s in self.services:
            if s.code == code:
                return s
        raise ValidationError([_error(
            "service_type", f"Jenis layanan tidak dikenal: {code!r}.", f"Unknown service: {code!r}.")])


class CatalogError(StoreError):
    """The catalog file is malformed (a bad push or a hand edit): the message names the file."""


def _label(raw: dict | str | None, fallback: str) -> tuple[str, str]:
    if isinstance(raw, dict):
        return raw.get("id") or fallback, raw.get("en") or raw.get("id") or fallback
    return raw or fallback, raw or fallback


def parse_catalog(data: dict, path: Path) -> Catalog:
    """Builds the catalog from its JSON; raises CatalogError saying what is wrong and where."""
    def bad(what: str) -> CatalogError:
        return CatalogError(f"Katalog layanan {path} tidak valid: {what}",
                            f"The service catalog {path} is invalid: {what}")

    documents = data.get("documents", {})
    record_fields = set(collection(SERVICE_REQUESTS).properties)
    services = []
    seen: set[str] = set()
    for raw in data.get("services", []):
        code = raw.get("code")
        if not code or not re.match(r"^[a-z0-9_]{2,60}$", code) or code in seen:
            raise bad(f"kode layanan {code!r} kosong, tidak valid atau ganda")
        seen.add(code)
        fields = []
        for f in raw.get("fields", []):
            name, kind = f.get("name"), f.get("type", "text")
            if not name or kind not in FIELD_TYPES or name in record_fields or name in REQUEST_FIELDS:
                raise bad(f"{code}: isian {name!r} (jenis {kind!r}) tidak valid atau bentrok dengan isian pemohon")
            opts = tuple(Option(o["value"], *_label(o.get("label"), o["value"])) for o in f.get("options", []))
            if kind == "select" and not opts:
                raise bad(f"{code}: isian pilihan {name!r} tanpa pilihan")
            fields.append(ServiceField(name, *_label(f.get("label"), name), type=kind,
                                       required=bool(f.get("required")), options=opts, min=f.get("min"),
                                       max=f.get("max"), pattern=f.get("pattern"), not_before=f.get("not_before"),
                                       not_after=f.get("not_after"), nik_required=f.get("nik_required", True)))
        docs = []
        for d in raw.get("documents", []):
            if d.get("code") not in documents:
                raise bad(f"{code}: dokumen {d.get('code')!r} tidak ada di daftar dokumen")
            docs.append(Document(d["code"], *_label(documents[d["code"]], d["code"]), bool(d.get("required"))))
        klas = raw.get("klasifikasi", "")
        if not re.match(r"^[0-9]{3}(\.[0-9]{1,3})*$", klas):
            raise bad(f"{code}: kode klasifikasi {klas!r} tidak valid")
        applicant_required = tuple(raw.get("applicant_required", ("nik", "nama")))
        unknown = [a for a in applicant_required if a not in APPLICANT_FIELDS]
        if unknown:
            raise bad(f"{code}: isian pemohon tidak dikenal {unknown}")
        template = raw.get("template") or ""
        if not template.endswith(".html") or ".." in Path(template).parts:
            raise bad(f"{code}: templat {template!r} tidak valid")
        sla = raw.get("sla_days")
        if not isinstance(sla, int) or not 0 <= sla <= 60:
            raise bad(f"{code}: sla_days harus 0–60 hari kerja")
        role = _label(raw.get("applicant_role"), "Pemohon") if raw.get("applicant_role") else ("Pemohon", "Applicant")
        services.append(Service(
            code=code, name_id=_label(raw.get("name"), code)[0], name_en=_label(raw.get("name"), code)[1],
            title=raw.get("title") or _label(raw.get("name"), code)[0].upper(), klasifikasi=klas,
            klasifikasi_unverified=bool(raw.get("klasifikasi_unverified", True)), sla_days=sla,
            template=template, applicant_required=applicant_required,
            applicant_fixed=tuple(sorted((raw.get("applicant_fixed") or {}).items())),
            keperluan_required=bool(raw.get("keperluan_required")), fields=tuple(fields), documents=tuple(docs),
            applicant_role_id=role[0], applicant_role_en=role[1],
            states_residence=bool(raw.get("states_residence"))))
    if not services:
        raise bad("tidak ada layanan")
    return Catalog(int(data.get("version", 1)), tuple(services), path)


_catalog_cache: dict[tuple[str, int], Catalog] = {}


def catalog_path(store: Store | None = None) -> Path:
    """The office's own catalog (``<data folder>/reference/services.json``) if present, else the bundled one."""
    if store is not None:
        own = Path(store.data_dir) / "reference" / "services.json"
        if own.exists():
            return own
    return resources_dir() / "reference" / "services.json"


def catalog(store: Store | None = None) -> Catalog:
    """The service catalog (cached; re-read when the file changes)."""
    path = catalog_path(store)
    try:
        stat = path.stat()
        key = (str(path), stat.st_mtime_ns)
        cached = _catalog_cache.get(key)
        if cached is not None:
            return cached
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise CatalogError(f"Katalog layanan {path} tidak bisa dibaca: {exc}",
                           f"The service catalog {path} cannot be read: {exc}") from exc
    parsed = parse_catalog(data, path)
    _catalog_cache.clear()
    _catalog_cache[key] = parsed
    return parsed


def service(code: str, store: Store | None = None) -> Service:
    return catalog(store).get(code)


# --- validation -----------------------------------------------------------------------------------

def _nik_error(field: str, label_id: str, label_en: str, exc: nik.InvalidNik) -> FieldError:
    return _error(field, f"{label_id}: {exc.message_id}", f"{label_en}: {exc.message_en}")


def _check_members(spec: ServiceField, value, errors: list[FieldError]) -> list[dict] | None:
    if value in (None, "", []):
        return None
    if not isinstance(value, list):
        errors.append(_error(spec.name, f"{spec.label_id}: harus berupa daftar.", f"{spec.label_en}: must be a list."))
        return None
    if len(value) > MAX_MEMBERS:
        errors.append(_error(spec.name, f"{spec.label_id}: paling banyak {MAX_MEMBERS} orang.",
                             f"{spec.label_en}: at most {MAX_MEMBERS} people."))
        return None
    members = []
    for i, raw in enumerate(value, start=1):
        if not isinstance(raw, dict):
            errors.append(_error(spec.name, f"{spec.label_id} baris {i}: data tidak valid.",
                                 f"{spec.label_en} row {i}: invalid entry."))
            continue
        member = {k: _clean(v) for k, v in raw.items()}
        if not member.get("nama"):
            errors.append(_error(spec.name, f"{spec.label_id} baris {i}: nama wajib diisi.",
                                 f"{spec.label_en} row {i}: name is required."))
        if member.get("nik"):
            try:
                member["nik"] = nik.validate_nik(member["nik"]).nik
            except nik.InvalidNik as exc:
                errors.append(_error(spec.name, f"{spec.label_id} baris {i}: NIK {exc.message_id}",
                                     f"{spec.label_en} row {i}: NIK {exc.message_en}"))
        elif spec.nik_required:
            errors.append(_error(spec.name, f"{spec.label_id} baris {i}: NIK wajib diisi.",
                                 f"{spec.label_en} row {i}: NIK is required."))
        hubungan = member.get("hubungan")
        if hubungan:
            key = normalize_hubungan(hubungan)
            if key is None:
                allowed = ", ".join(v[0] for v in HUBUNGAN.values())
                errors.append(_error(spec.name, f"{spec.label_id} baris {i}: hubungan {hubungan!r} tidak dikenal "
                                                f"(pilih: {allowed}).",
                                     f"{spec.label_en} row {i}: unknown relation {hubungan!r}."))
            else:
                member["hubungan"] = key
        else:
            errors.append(_error(spec.name, f"{spec.label_id} baris {i}: hubungan keluarga wajib diisi.",
                                 f"{spec.label_en} row {i}: the family relation is required."))
        members.append({k: v for k, v in member.items() if v is not None})
    return members


def normalize_hubungan(text: str) -> str | None:
    """``"Kepala Keluarga"`` or ``kepala_keluarga`` → ``kepala_keluarga``; None when unknown."""
    key = re.sub(r"[\s\-]+", "_", str(text).strip().casefold())
    if key in HUBUNGAN:
        return key
    for code, (label_id, label_en) in HUBUNGAN.items():
        if key in (label_id.casefold().replace(" ", "_"), label_en.casefold().replace(" ", "_")):
            return code
    return None


def _check_detail(spec: ServiceField, value, details: dict, today: dt.date, errors: list[FieldError]):
    value = _clean(value)
    if spec.type == "members":
        value = _check_members(spec, value, errors)
        if spec.required and not value:
            errors.append(_error(spec.name, f"{spec.label_id}: isi paling sedikit satu orang.",
                                 f"{spec.label_en}: add at least one person."))
        return value
    if value is None:
        if spec.required:
            errors.append(_error(spec.name, f"{spec.label_id} wajib diisi.", f"{spec.label_en} is required."))
        return None
    if spec.type in ("text", "textarea"):
        value = str(value)
        limit = 2000 if spec.type == "textarea" else 300
        if len(value) > limit:
            errors.append(_error(spec.name, f"{spec.label_id}: terlalu panjang (maksimum {limit}).",
                                 f"{spec.label_en}: too long (maximum {limit})."))
        elif spec.pattern and not re.match(spec.pattern, value):
            errors.append(_error(spec.name, f"{spec.label_id}: format tidak sesuai.", f"{spec.label_en}: wrong format."))
        return value
    if spec.type == "integer":
        try:
            number = int(str(value).replace(".", "")) if not isinstance(value, int) else value
        except ValueError:
            errors.append(_error(spec.name, f"{spec.label_id}: harus berupa bilangan bulat.",
                                 f"{spec.label_en}: must be a whole number."))
            return value
        if isinstance(value, bool) or (spec.min is not None and number < spec.min) or (
                spec.max is not None and number > spec.max):
            bounds = f"{spec.min if spec.min is not None else '…'}–{spec.max if spec.max is not None else '…'}"
            errors.append(_error(spec.name, f"{spec.label_id}: harus di antara {bounds}.",
                                 f"{spec.label_en}: must be within {bounds}."))
        return number
    if spec.type == "date":
        try:
            day = dt.date.fromisoformat(value) if isinstance(value, str) else value
            if not isinstance(day, dt.date):
                raise ValueError
        except ValueError:
            errors.append(_error(spec.name, f"{spec.label_id}: tanggal tidak valid.", f"{spec.label_en}: invalid date."))
            return value
        if spec.not_after == "today" and day > today:
            errors.append(_error(spec.name, f"{spec.label_id} tidak boleh di masa depan.",
                                 f"{spec.label_en} cannot be in the future."))
        other = details.get(spec.not_before) if spec.not_before else None
        if isinstance(other, str):
            try:
                if day < dt.date.fromisoformat(other):
                    errors.append(_error(spec.name, f"{spec.label_id} tidak boleh sebelum tanggal "
                                                    f"{format_tanggal(other)}.",
                                         f"{spec.label_en} cannot be before {format_tanggal(other, 'en')}."))
            except ValueError:
                pass
        return day.isoformat()
    if spec.type == "select":
        allowed = [o.value for o in spec.options]
        if value not in allowed:
            match = [o.value for o in spec.options if str(value).casefold() in (o.label_id.casefold(),
                                                                               o.label_en.casefold())]
            if match:
                return match[0]
            errors.append(_error(spec.name, f"{spec.label_id}: pilih salah satu dari "
                                            f"{', '.join(o.label_id for o in spec.options)}.",
                                 f"{spec.label_en}: choose one of {', '.join(o.label_en for o in spec.options)}."))
        return value
    if spec.type == "nik":
        try:
            return nik.validate_nik(value).nik
        except nik.InvalidNik as exc:
            errors.append(_nik_error(spec.name, spec.label_id, spec.label_en, exc))
            return value
    return value


def check_request(svc: Service, fields: dict, *, today: dt.date | None = None) -> tuple[dict, list[FieldError]]:
    """Normalizes a request's fields for ``svc`` and lists every problem (empty list: valid).

    The UI may call this while the clerk types; saving calls it again. Applicant fields are
    top-level, service-specific ones go in ``fields["details"]``.
    """
    today = _today(today)
    coll = collection(SERVICE_REQUESTS)
    errors: list[FieldError] = []
    out = {k: _clean(v) for k, v in fields.items() if k not in ("details", "dokumen")}
    for key in ("service_type", "status", "due_date", "tracking_code"):
        out.pop(key, None)

    if out.get("nik"):
        try:
            out["nik"] = nik.validate_nik(out["nik"], today=today if today >= nik.CLOCK_FLOOR else None).nik
        except nik.InvalidNik as exc:
            errors.append(_nik_error("nik", "NIK", "NIK", exc))
    if out.get("no_kk"):
        try:
            out["no_kk"] = nik.validate_no_kk(out["no_kk"])
        except nik.InvalidNik as exc:
            errors.append(_nik_error("no_kk", "No. KK", "Family card no.", exc))
    if isinstance(out.get("nama"), str):
        out["nama"] = re.sub(r"\s+", " ", out["nama"])
    for name, value in svc.applicant_fixed:
        if out.get(name) in (None, value):
            out[name] = value
        else:
            shown = STATUS_KAWIN.get(value, (value, value)) if name == "status_kawin" else (value, value)
            errors.append(_error(name, f"{coll.label(name)}: {svc.name_id} hanya untuk {shown[0]}.",
                                 f"{coll.label(name, 'en')}: {svc.name_en} is only for {shown[1]}."))
    for name in svc.applicant_required:
        if not out.get(name):
            errors.append(_error(name, f"{coll.label(name)} wajib diisi untuk {svc.name_id}.",
                                 f"{coll.label(name, 'en')} is required for {svc.name_en}."))
    if svc.keperluan_required and not out.get("keperluan"):
        errors.append(_error("keperluan", f"Keperluan wajib diisi untuk {svc.name_id}.",
                             f"Purpose is required for {svc.name_en}."))
    if out.get("tanggal"):
        try:
            out["tanggal"] = dt.date.fromisoformat(str(out["tanggal"])[:10]).isoformat()
        except ValueError:
            errors.append(_error("tanggal", "Tanggal Permohonan: tanggal tidak valid.", "Request date: invalid date."))

    raw_details = fields.get("details") or {}
    if not isinstance(raw_details, dict):
        errors.append(_error("details", "Rincian layanan tidak valid.", "Invalid service details."))
        raw_details = {}
    details = {k: v for k, v in raw_details.items() if v not in (None, "", [])}
    clean_details = dict(details)  # unknown keys (a newer catalog) are kept
    for spec in svc.fields:
        value = _check_detail(spec, details.get(spec.name), details, today, errors)
        if value is None:
            clean_details.pop(spec.name, None)
        else:
            clean_details[spec.name] = value
    out["details"] = clean_details

    if fields.get("dokumen") is not None:
        out["dokumen"], errs = check_dokumen(svc, fields["dokumen"])
        errors += errs
    return out, errors


def check_dokumen(svc: Service, dokumen: list[str] | str) -> tuple[list[str], list[FieldError]]:
    """The ticked document codes, sorted and known to ``svc``; unknown codes are an error."""
    if isinstance(dokumen, str):
        dokumen = [d.strip() for d in dokumen.split(",") if d.strip()]
    known = {d.code for d in svc.documents}
    unknown = [d for d in dokumen if d not in known]
    errors = []
    if unknown:
        errors.append(_error("dokumen", f"Dokumen tidak dikenal untuk {svc.name_id}: {', '.join(unknown)}.",
                             f"Unknown documents for {svc.name_en}: {', '.join(unknown)}."))
    return sorted(set(dokumen) & known), errors


def missing_documents(svc: Service, dokumen: list[str] | None) -> list[Document]:
    """The required documents not (yet) ticked as checked."""
    have = set(dokumen or ())
    return [d for d in svc.documents if d.required and d.code not in have]
