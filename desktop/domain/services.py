"""Service requests (permohonan layanan): the catalog, intake, the workflow and the certificate.

* The **catalog** is data (resources/reference/services.json, or the office's own copy pushed
  from the centre): each service's fields, documents to check, certificate template, klasifikasi
  code for numbering and SLA in working days. ``catalog()`` / ``service()``.
* **Intake** (``new_request``) checks the NIK and the service's required fields, gives the
  request a tracking code (tracking.py) and a due date (intake date + SLA working days), and
  records the first status event, all in one transaction.
* The **workflow** is append-only status events (collection ``service_events``):
  diterima → diverifikasi → diproses → selesai, and ditolak (with a reason) from any open
  status. The request's ``status`` changes in the same transaction as its event.
* On **completion** the certificate becomes an outgoing letter with the office's next number
  (``letters.register``) in the same transaction as the ``selesai`` event, and the request gets
  a verification code that the QR on the certificate carries (``verification_payload``).
* **Forwarding** an open request to another office (``forward``) sets ``diteruskan_ke`` and
  records an event with ``to_office``/``from_office``; the status stays what it was, so the
  receiving office goes on from there. The sync layer then asks the server to transfer the
  request with its events (``pending_forwards``, as for complaints); this office keeps a
  read-only stub whose status follows the new office's work.

No Qt here; printing (desktop/printing) renders what ``certificate_context`` returns.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from desktop.store.db import StoreError
from desktop.store.records import RecordNotFound, Store, ValidationError, WriteTx
from sync.schema import FieldError, collection, resources_dir

from . import letters, nik, reference, tracking
from .office import forward_target

SERVICE_REQUESTS = "service_requests"
SERVICE_EVENTS = "service_events"

STATUSES = ("diterima", "diverifikasi", "diproses", "selesai", "ditolak")
OPEN_STATUSES = ("diterima", "diverifikasi", "diproses")
STATUS_LABELS = {
    "diterima": ("Diterima", "Received"),
    "diverifikasi": ("Diverifikasi", "Verified"),
    "diproses": ("Diproses", "In process"),
    "selesai": ("Selesai", "Completed"),
    "ditolak": ("Ditolak", "Rejected"),
}
TRANSITIONS = {
    "diterima": ("diverifikasi", "ditolak"),
    "diverifikasi": ("diproses", "ditolak"),
    "diproses": ("selesai", "ditolak"),
    "selesai": (),
    "ditolak": (),
}

# What an earlier request tells us about a resident (known_resident fills these in).
RESIDENT_FIELDS = ("nama", "no_kk", "tempat_lahir", "tanggal_lahir", "jenis_kelamin", "agama", "status_kawin",
                   "pekerjaan", "kewarganegaraan", "alamat", "rt", "rw", "kampung", "distrik", "telepon")
APPLICANT_FIELDS = ("nik", *RESIDENT_FIELDS)
# Fields of the request a clerk types besides the applicant's (details go in ``details``).
REQUEST_FIELDS = ("tanggal", "keperluan", "details", "dokumen")

JENIS_KELAMIN = {"L": ("Laki-laki", "Male"), "P": ("Perempuan", "Female")}
AGAMA = {"islam": ("Islam", "Islam"), "kristen": ("Kristen", "Protestant"), "katolik": ("Katolik", "Catholic"),
         "hindu": ("Hindu", "Hindu"), "buddha": ("Buddha", "Buddhist"), "khonghucu": ("Khonghucu", "Confucian"),
         "kepercayaan": ("Kepercayaan terhadap Tuhan YME", "Indigenous belief")}
STATUS_KAWIN = {"belum_kawin": ("Belum Kawin", "Unmarried"), "kawin": ("Kawin", "Married"),
                "cerai_hidup": ("Cerai Hidup", "Divorced"), "cerai_mati": ("Cerai Mati", "Widowed")}
# Status hubungan dalam keluarga, as on the Kartu Keluarga.
HUBUNGAN = {
    "kepala_keluarga": ("Kepala Keluarga", "Head of family"), "suami": ("Suami", "Husband"),
    "istri": ("Istri", "Wife"), "anak": ("Anak", "Child"), "menantu": ("Menantu", "Child-in-law"),
    "cucu": ("Cucu", "Grandchild"), "orang_tua": ("Orang Tua", "Parent"), "mertua": ("Mertua", "Parent-in-law"),
    "famili_lain": ("Famili Lain", "Other relative"), "pembantu": ("Pembantu", "Household help"),
    "lainnya": ("Lainnya", "Other"),
}

FIELD_TYPES = ("text", "textarea", "date", "integer", "select", "nik", "members")
MAX_MEMBERS = 30
MONTHS_ID = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
             "November", "Desember")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December")

# Store meta keys for the signatory printed on certificates (set in Pengaturan or `layan print config`).
META_TTD_NAMA = "ttd_nama"
META_TTD_NIP = "ttd_nip"
META_TTD_JABATAN = "ttd_jabatan"
# Other people who may sign (Plh./Plt. while the head is away, or a.n. — on behalf of — the head):
# a JSON list of {"nama", "nip", "jabatan", "atas_nama"}; chosen when a certificate is issued.
META_TTD_LAIN = "ttd_lain"
MAX_ALTERNATIVE_SIGNERS = 10

VERIFY_PREFIX = "LAYAN"
VERIFY_HASH_LEN = 16  # hex characters of sha256 (64 bits)


# --- small helpers ------------------------------------------------------------------------------

def format_tanggal(value: dt.date | str | None, lang: str = "id") -> str:
    """``2026-11-27`` → ``27 November 2026`` (Indonesian month names; ``lang="en"`` for English)."""
    if value in (None, ""):
        return ""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value[:10])
        except ValueError:
            return value
    if isinstance(value, dt.datetime):
        value = value.date()
    months = MONTHS_EN if lang == "en" else MONTHS_ID
    return f"{value.day} {months[value.month - 1]} {value.year}"


def _today(today: dt.date | None) -> dt.date:
    return today or dt.date.today()


def _iso(value: dt.date | str | None) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _clean(value):
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def _error(field: str, message: str, message_en: str) -> FieldError:
    return FieldError(field, message, message_en)


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
            applicant_role_id=role[0], applicant_role_en=role[1]))
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


# --- residents ------------------------------------------------------------------------------------

def known_resident(store: Store, nik_value: str) -> dict | None:
    """What the office already knows about the person with this NIK, from earlier requests.

    The newest non-empty value of each field in RESIDENT_FIELDS wins (people move and change
    jobs). None for an unknown or invalid NIK. The clerk still checks the KTP: this only saves typing.
    """
    try:
        number = nik.validate_nik(nik_value).nik
    except nik.InvalidNik:
        return None
    rows = store.find(SERVICE_REQUESTS, "nik = ?", (number,), order_by="tanggal DESC, created_at DESC, rowid DESC",
                      limit=50)
    if not rows:
        return None
    out: dict = {"nik": number}
    for row in rows:
        for name in RESIDENT_FIELDS:
            if out.get(name) in (None, "") and row.get(name) not in (None, ""):
                out[name] = row[name]
    return out


# --- intake ---------------------------------------------------------------------------------------

def _add_event(tx: WriteTx, request_id: str, status: str, *, tanggal: str, actor: str, from_status: str | None = None,
               reason: str | None = None, source: str = "local", **extra) -> None:
    event = {"request_id": request_id, "status": status, "tanggal": tanggal, "from_status": from_status,
             "reason": reason, **extra}
    tx.save(SERVICE_EVENTS, {k: v for k, v in event.items() if v is not None}, actor=actor, source=source)


def create_request(tx: WriteTx, service_code: str, fields: dict, *, actor: str, today: dt.date | None = None,
                   tracking_code: str | None = None, source: str = "local") -> str:
    """Registers a new request inside ``tx`` and returns its id (imports call this per row).

    Raises ValidationError listing every problem; nothing is written then.
    """
    today = _today(today)
    svc = catalog(tx.store).get(service_code)
    record, errors = check_request(svc, fields, today=today)
    code = None
    try:
        code = tracking.claim(tx, SERVICE_REQUESTS, tracking_code) if tracking_code else None
    except ValidationError as exc:
        errors += exc.errors
    if errors:
        raise ValidationError(errors)
    code = code or tracking.new_code(tx, SERVICE_REQUESTS)
    tanggal = record.get("tanggal") or today.isoformat()
    record.update(
        service_type=svc.code, tracking_code=code, tanggal=tanggal, status="diterima",
        due_date=reference.add_working_days(dt.date.fromisoformat(tanggal), svc.sla_days).isoformat(),
    )
    if not record.get("details"):
        record.pop("details", None)
    change = tx.save(SERVICE_REQUESTS, {k: v for k, v in record.items() if v is not None}, actor=actor,
                     source=source)
    _add_event(tx, change.record_id, "diterima", tanggal=tanggal, actor=actor, source=source)
    return change.record_id


def new_request(store: Store, service_code: str, fields: dict, *, actor: str, today: dt.date | None = None,
                tracking_code: str | None = None) -> dict:
    """Intake at the counter: validates, numbers nothing yet, returns the saved request."""
    with store.transaction() as tx:
        request_id = create_request(tx, service_code, fields, actor=actor, today=today, tracking_code=tracking_code)
    return store.get(SERVICE_REQUESTS, request_id)


def update_request(store: Store, request_id: str, fields: dict, *, actor: str, today: dt.date | None = None) -> dict:
    """Corrects an open request (a typo in the name, a forgotten field). Closed requests stay as issued."""
    with store.transaction() as tx:
        current = _get(tx, request_id)
        if current["status"] not in OPEN_STATUSES:
            label = STATUS_LABELS[current["status"]]
            raise StoreError(f"Permohonan yang sudah {label[0].lower()} tidak bisa diubah.",
                             f"A request that is {label[1].lower()} cannot be changed.")
        _refuse_while_forwarding(current, tx.meta("office_code"))
        svc = catalog(store).get(current["service_type"])
        merged = {k: current.get(k) for k in (*APPLICANT_FIELDS, *REQUEST_FIELDS)}
        merged.update(fields)
        record, errors = check_request(svc, merged, today=today)
        if errors:
            raise ValidationError(errors)
        if record.get("tanggal") and record["tanggal"] != current["tanggal"]:
            record["due_date"] = reference.add_working_days(dt.date.fromisoformat(record["tanggal"]),
                                                            svc.sla_days).isoformat()
        update = {k: v for k, v in record.items() if v != current.get(k)}
        if not record.get("details"):
            update.pop("details", None)
        if update:
            tx.save(SERVICE_REQUESTS, update, record_id=request_id, actor=actor)
    return store.get(SERVICE_REQUESTS, request_id)


# --- the workflow ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Signer:
    nama: str
    nip: str | None = None
    jabatan: str | None = None


def _head_jabatan(store: Store) -> str:
    return store.meta(META_TTD_JABATAN) or f"Kepala {store.meta('office_name') or ''}".strip()


def default_signer(store: Store) -> Signer | None:
    """The office's signatory from its settings (meta ttd_nama / ttd_nip / ttd_jabatan)."""
    nama = (store.meta(META_TTD_NAMA) or "").strip()
    if not nama:
        return None
    return Signer(nama, (store.meta(META_TTD_NIP) or "").strip() or None, _head_jabatan(store))


def alternative_signer_entries(store: Store) -> list[dict]:
    """The other signatories as kept (``{nama, nip, jabatan, atas_nama}``), for the settings screen."""
    try:
        items = json.loads(store.meta(META_TTD_LAIN) or "[]")
    except ValueError:
        return []
    return [i for i in items if isinstance(i, dict) and str(i.get("nama") or "").strip()] \
        if isinstance(items, list) else []


def signers(store: Store) -> list[Signer]:
    """Who may sign a certificate: the head first (when set), then the others. For "a.n." the
    printed position is two lines: "a.n. <the head's position>" above the signer's own."""
    out = [s for s in [default_signer(store)] if s is not None]
    for item in alternative_signer_entries(store):
        jabatan = str(item.get("jabatan") or "").strip()
        if item.get("atas_nama"):
            jabatan = f"a.n. {_head_jabatan(store)}\n{jabatan}"
        out.append(Signer(str(item["nama"]).strip(), str(item.get("nip") or "").strip() or None, jabatan))
    return out


def jabatan_in_sentence(jabatan: str) -> str:
    """The signer's position inside "Yang bertanda tangan di bawah ini, …": an "a.n." block of two
    lines ("a.n. Kepala Distrik X" above "Sekretaris Distrik") reads "Sekretaris Distrik, atas nama
    Kepala Distrik X"."""
    lines = [line.strip() for line in jabatan.splitlines() if line.strip()]
    if len(lines) == 2 and lines[0].lower().startswith("a.n. "):
        return f"{lines[1]}, atas nama {lines[0][5:]}"
    return " ".join(lines)


def set_alternative_signers(store: Store, items: list[dict]) -> None:
    """Replaces the other signatories; every row is checked before anything is written."""
    clean = check_alternative_signers(items)
    store.set_meta(META_TTD_LAIN, json.dumps(clean, ensure_ascii=False) if clean else None)


def check_alternative_signers(items: list[dict]) -> list[dict]:
    """The rows as kept (empty rows dropped); ValidationError naming each bad row."""
    errors, clean = [], []
    for number, item in enumerate(items, start=1):
        nama = str(item.get("nama") or "").strip()
        nip = str(item.get("nip") or "").strip()
        jabatan = str(item.get("jabatan") or "").strip()
        if not nama and not nip and not jabatan:
            continue
        if not nama or len(nama) > 120:
            errors.append(_error("ttd_lain", f"Penandatangan lain baris {number}: nama wajib diisi (maks. 120).",
                                 f"Other signatory row {number}: a name is required (max 120)."))
        if nip and not re.fullmatch(r"[0-9 ]{8,30}", nip):
            errors.append(_error("ttd_lain", f"Penandatangan lain baris {number}: NIP hanya berisi angka.",
                                 f"Other signatory row {number}: a NIP is digits only."))
        if not jabatan or len(jabatan) > 90:
            errors.append(_error("ttd_lain", f"Penandatangan lain baris {number}: jabatan wajib diisi (maks. 90), "
                                 "mis. Plh. Kepala Distrik atau Sekretaris Distrik.",
                                 f"Other signatory row {number}: a position is required (max 90), e.g. "
                                 "Plh. Kepala Distrik or Sekretaris Distrik."))
        clean.append({"nama": nama, "nip": nip, "jabatan": jabatan, "atas_nama": bool(item.get("atas_nama"))})
    if len(clean) > MAX_ALTERNATIVE_SIGNERS:
        errors.append(_error("ttd_lain", f"Paling banyak {MAX_ALTERNATIVE_SIGNERS} penandatangan lain.",
                             f"At most {MAX_ALTERNATIVE_SIGNERS} other signatories."))
    if errors:
        raise ValidationError(errors)
    return clean


def _get(tx: WriteTx, request_id: str) -> dict:
    """The request to act on: refuses a read-only stub (transferred away) and, while a forward waits
    for the sync, anything but forwarding it again."""
    record = tx.get(SERVICE_REQUESTS, request_id)
    if record is None or record.get("deleted"):
        raise RecordNotFound(SERVICE_REQUESTS, request_id)
    if record.get("readonly"):
        raise StoreError("Permohonan ini sudah dialihkan ke kantor lain dan hanya bisa dibaca.",
                         "This request was transferred to another office and is read-only.")
    return record


def forward_pending(record: dict, own: str | None) -> bool:
    """Forwarded by this office, not transferred yet (the record moves on the next sync)."""
    target = record.get("diteruskan_ke")
    return bool(target) and target != own and not record.get("readonly")


def _refuse_while_forwarding(record: dict, own: str | None) -> None:
    if forward_pending(record, own):
        target = record["diteruskan_ke"]
        raise ValidationError([_error(
            "status", f"Permohonan ini sedang diteruskan ke {target}; kantor tujuan yang memprosesnya setelah "
                      "sinkronisasi.",
            f"This request is being forwarded to {target}; that office processes it after the sync.")])


def _refuse_transition(current: str, to_status: str) -> ValidationError:
    cur, new = STATUS_LABELS.get(current, (current, current)), STATUS_LABELS.get(to_status, (to_status, to_status))
    allowed = TRANSITIONS.get(current, ())
    if allowed:
        nxt_id = " atau ".join(STATUS_LABELS[s][0] for s in allowed)
        nxt_en = " or ".join(STATUS_LABELS[s][1] for s in allowed)
        hint_id, hint_en = f" Berikutnya: {nxt_id}.", f" Next: {nxt_en}."
    else:
        hint_id, hint_en = " Permohonan ini sudah ditutup.", " This request is closed."
    return ValidationError([_error("status", f"Status tidak bisa diubah dari {cur[0]} ke {new[0]}.{hint_id}",
                                   f"The status cannot change from {cur[1]} to {new[1]}.{hint_en}")])


def advance(store: Store, request_id: str, to_status: str, *, actor: str, reason: str | None = None,
            today: dt.date | None = None, dokumen: list[str] | None = None, signer: Signer | None = None,
            tanggal_surat: dt.date | None = None) -> dict:
    """Moves a request to ``to_status`` (one event + the new status, one transaction).

    * ``diverifikasi``: every required document must be ticked (``dokumen`` may tick them now);
    * ``ditolak``: a reason is required;
    * ``selesai``: registers the certificate as an outgoing letter (see ``complete``).
    """
    today = _today(today)
    reason = _clean(reason)
    with store.transaction() as tx:
        current = _get(tx, request_id)
        status = current["status"]
        if to_status not in STATUSES or to_status not in TRANSITIONS.get(status, ()):
            raise _refuse_transition(status, to_status)
        _refuse_while_forwarding(current, tx.meta("office_code"))
        update: dict = {"status": to_status}
        svc = catalog(store).get(current["service_type"])
        if to_status == "ditolak":
            if not reason:
                raise ValidationError([_error("reason", "Alasan penolakan wajib diisi.",
                                              "A reason is required to reject a request.")])
            update["alasan_penolakan"] = reason
            update["tanggal_selesai"] = today.isoformat()
        if to_status == "diverifikasi":
            checked = sorted(set(current.get("dokumen") or ()) | set(dokumen or ()))
            if dokumen is not None:
                checked, errs = check_dokumen(svc, checked)
                if errs:
                    raise ValidationError(errs)
                update["dokumen"] = checked
            missing = missing_documents(svc, checked)
            if missing:
                raise ValidationError([_error(
                    "dokumen", "Dokumen wajib belum diperiksa: " + ", ".join(d.label_id for d in missing) + ".",
                    "Required documents not checked yet: " + ", ".join(d.label_en for d in missing) + ".")])
        extra: dict = {}
        if to_status == "selesai":
            extra = _issue_certificate(tx, current, svc, signer or default_signer(store), actor=actor,
                                       tanggal_surat=tanggal_surat or today)
            update.update(extra["request"])
        tx.save(SERVICE_REQUESTS, update, record_id=request_id, actor=actor)
        _add_event(tx, request_id, to_status, tanggal=today.isoformat(), actor=actor, from_status=status,
                   reason=reason, **extra.get("event", {}))
    return store.get(SERVICE_REQUESTS, request_id)


def verify(store: Store, request_id: str, *, actor: str, dokumen: list[str] | None = None,
           today: dt.date | None = None, reason: str | None = None) -> dict:
    return advance(store, request_id, "diverifikasi", actor=actor, dokumen=dokumen, today=today, reason=reason)


def process(store: Store, request_id: str, *, actor: str, today: dt.date | None = None,
            reason: str | None = None) -> dict:
    return advance(store, request_id, "diproses", actor=actor, today=today, reason=reason)


def reject(store: Store, request_id: str, reason: str, *, actor: str, today: dt.date | None = None) -> dict:
    return advance(store, request_id, "ditolak", actor=actor, reason=reason, today=today)


def complete(store: Store, request_id: str, *, actor: str, signer: Signer | None = None,
             today: dt.date | None = None, tanggal_surat: dt.date | None = None) -> dict:
    """Issues the certificate: the next outgoing letter number, in the same transaction as ``selesai``."""
    return advance(store, request_id, "selesai", actor=actor, signer=signer, today=today,
                   tanggal_surat=tanggal_surat)


def forward(store: Store, request_id: str, to_office: str, *, actor: str, note: str | None = None,
            today: dt.date | None = None) -> dict:
    """Forwards an open request to another office: ``diteruskan_ke = to_office`` and an event with
    ``to_office``/``from_office`` (and ``note`` as its reason), in one transaction.

    The status does not change (the event's ``status`` and ``from_status`` are the current one), so
    the status enum stays as older clients know it and the new office continues where this one
    stopped. The record moves only when the sync layer runs the server's transfer
    (``pending_forwards``); until then it can only be forwarded again (re-targeted).
    """
    code = forward_target(store, to_office, ("Permohonan", "A request"))
    today = _today(today)
    note = _clean(note)
    with store.transaction() as tx:
        current = _get(tx, request_id)
        status = current["status"]
        if status not in OPEN_STATUSES:
            label = STATUS_LABELS.get(status, (status, status))
            raise ValidationError([_error("status", f"Permohonan yang sudah {label[0].lower()} tidak bisa diteruskan.",
                                          f"A request that is {label[1].lower()} cannot be forwarded.")])
        tx.save(SERVICE_REQUESTS, {"diteruskan_ke": code}, record_id=request_id, actor=actor)
        _add_event(tx, request_id, status, tanggal=today.isoformat(), actor=actor, from_status=status,
                   reason=note, to_office=code, from_office=tx.meta("office_code"))
    return store.get(SERVICE_REQUESTS, request_id)


def pending_forwards(store: Store) -> list[dict]:
    """Open requests this office forwarded that the server has not transferred yet (the sync hook)."""
    own = store.office_id
    marks = ", ".join("?" for _ in OPEN_STATUSES)
    return store.find(SERVICE_REQUESTS, f"office_id = ? AND status IN ({marks}) AND diteruskan_ke IS NOT NULL "
                                        "AND diteruskan_ke != ? AND readonly = 0", (own, *OPEN_STATUSES, own),
                      order_by="rowid")


def is_forward_event(event: dict) -> bool:
    """A forwarding entry of the history (not a status change)."""
    return bool(event.get("to_office"))


def _issue_certificate(tx: WriteTx, request: dict, svc: Service, signer: Signer | None, *, actor: str,
                       tanggal_surat: dt.date) -> dict:
    if signer is None or not (signer.nama or "").strip():
        raise ValidationError([_error(
            "penandatangan",
            "Nama penandatangan belum diatur. Isi di Pengaturan → Cetak (atau: layan print config ttd_nama=…).",
            "No signatory is set. Set one in Settings → Printing (or: layan print config ttd_nama=…).")])
    letter = letters.register(tx, "keluar", {
        "tanggal_surat": tanggal_surat.isoformat(),
        "tujuan": request["nama"],
        "perihal": f"{svc.name_id} a.n. {request['nama']}",
        "sifat": "biasa",
        "klasifikasi": svc.klasifikasi,
        "penandatangan": signer.nama,
        "keterangan": f"Permohonan layanan {tracking.display(request['tracking_code'])}",
    }, actor=actor)
    number = tx.get(letters.LETTERS, letter.record_id)["nomor_surat"]
    office = tx.meta("office_code") or ""
    code = verification_code(office=office, nomor_surat=number, request_id=request["id"],
                             service_type=svc.code, nik=request.get("nik"), nama=request["nama"],
                             tanggal_surat=tanggal_surat.isoformat())
    return {
        "request": {"certificate_letter_id": letter.record_id, "nomor_surat": number, "kode_verifikasi": code,
                    "tanggal_selesai": tanggal_surat.isoformat(), "penandatangan": signer.nama.strip(),
                    "penandatangan_nip": signer.nip or None, "penandatangan_jabatan": signer.jabatan or None},
        "event": {"letter_id": letter.record_id, "nomor_surat": number},
    }


def events(store: Store, request_id: str) -> list[dict]:
    """The request's status history, oldest first."""
    return store.find(SERVICE_EVENTS, "request_id = ?", (request_id,), order_by="hlc, rowid")


# --- verification (the QR on the certificate) ---------------------------------------------------------

def _canonical_name(nama: str | None) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", nama or "")).strip().upper()


def verification_code(*, office: str, nomor_surat: str, request_id: str, service_type: str, nik: str | None,
                      nama: str, tanggal_surat: str) -> str:
    """sha256 over the certificate's key fields, first 16 hex characters (docs/SERVICES.md).

    The input is the lines ``LAYAN-SK-1``, office code, letter number, request id, service code,
    NIK (or empty), the name (NFC, spaces collapsed, upper case) and the letter date (YYYY-MM-DD),
    joined with ``\\n`` and encoded as UTF-8. The centre recomputes it from its own copy.
    """
    text = "\n".join(["LAYAN-SK-1", office, nomor_surat, request_id, service_type, nik or "",
                      _canonical_name(nama), tanggal_surat])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:VERIFY_HASH_LEN]


def verification_payload(record: dict) -> str:
    """``LAYAN|<office>|<letter number>|<request id>|<code>``: what the certificate's QR encodes."""
    if not record.get("kode_verifikasi") or not record.get("nomor_surat"):
        raise StoreError("Permohonan ini belum selesai: belum ada surat keterangan.",
                         "This request is not completed: no certificate yet.")
    return "|".join([VERIFY_PREFIX, record["office_id"], record["nomor_surat"], record["id"],
                     record["kode_verifikasi"]])


@dataclass(frozen=True)
class Verification:
    valid: bool
    message: str
    message_en: str
    request: dict | None = None


def verify_certificate(store: Store, payload: str) -> Verification:
    """Checks a scanned certificate QR against this store's copy (the centre's or the office's)."""
    parts = (payload or "").strip().split("|")
    if len(parts) != 5 or parts[0] != VERIFY_PREFIX:
        return Verification(False, "Kode QR ini bukan surat keterangan Layan.", "This QR is not a Layan certificate.")
    _, office, number, request_id, code = parts
    try:
        record = store.get(SERVICE_REQUESTS, request_id)
    except RecordNotFound:
        return Verification(False, f"Surat {number} dari {office} tidak ada di data ini (belum tersinkron?).",
                            f"Certificate {number} of {office} is not in this data (not synced yet?).")
    if record.get("office_id") != office or record.get("nomor_surat") != number or record.get("status") != "selesai":
        return Verification(False, f"Data surat {number} tidak cocok dengan arsip.",
                            f"Certificate {number} does not match the records.", record)
    expected = verification_code(office=office, nomor_surat=number, request_id=request_id,
                                 service_type=record["service_type"], nik=record.get("nik"), nama=record["nama"],
                                 tanggal_surat=record.get("tanggal_selesai") or "")
    if code != expected or record.get("kode_verifikasi") != expected:
        return Verification(False, f"Kode verifikasi surat {number} tidak cocok: data telah berubah.",
                            f"The verification code of {number} does not match: the data changed.", record)
    return Verification(True, f"Surat {number} asli: {record['nama']}, diterbitkan "
                              f"{format_tanggal(record.get('tanggal_selesai'))}.",
                        f"Certificate {number} is genuine: {record['nama']}, issued "
                        f"{format_tanggal(record.get('tanggal_selesai'), 'en')}.", record)


# --- registers and counters ---------------------------------------------------------------------------

def fts_query(text: str) -> str | None:
    """A safe FTS5 MATCH expression: every word as a quoted prefix (``"yoh"* AND "9404"*``)."""
    words = re.findall(r"\w+", text or "")
    if not words:
        return None
    return " AND ".join('"' + w.replace('"', "") + '"*' for w in words)


def register_filter(*, text: str | None = None, status: str | None = None, service_type: str | None = None,
                    overdue_only: bool = False, today: dt.date | None = None, table: str = SERVICE_REQUESTS,
                    closed: tuple[str, ...] = ("selesai", "ditolak")) -> tuple[str, list]:
    """(WHERE clause, params) for a register view; the UI's table model and ``search`` share it."""
    where, params = ["deleted = 0"], []
    query = fts_query(text or "")
    if query:
        code = tracking.normalize(text)
        where.append(f"(rowid IN (SELECT rowid FROM [{table}_fts] WHERE [{table}_fts] MATCH ?) OR tracking_code = ?)")
        params += [query, code]
    if status:
        where.append("status = ?")
        params.append(status)
    if service_type:
        where.append("service_type = ?")
        params.append(service_type)
    if overdue_only:  # a read-only stub (transferred away) is the other office's to finish
        marks = ", ".join("?" for _ in closed)
        where.append(f"status NOT IN ({marks}) AND due_date < ? AND readonly = 0")
        params += [*closed, _today(today).isoformat()]
    return " AND ".join(where), params


def search(store: Store, text: str | None = None, *, status: str | None = None, service_type: str | None = None,
           overdue_only: bool = False, today: dt.date | None = None, limit: int | None = 500) -> list[dict]:
    """Requests matching all given filters, newest first."""
    where, params = register_filter(text=text, status=status, service_type=service_type,
                                    overdue_only=overdue_only, today=today)
    return store.find(SERVICE_REQUESTS, where, params, order_by="tanggal DESC, rowid DESC", limit=limit)


def is_overdue(record: dict, today: dt.date | None = None) -> bool:
    return (record.get("status") in OPEN_STATUSES and bool(record.get("due_date")) and not record.get("readonly")
            and record["due_date"] < _today(today).isoformat())


def overdue(store: Store, today: dt.date | None = None) -> list[dict]:
    """Open requests past their due date (working-day SLA), oldest due first."""
    where, params = register_filter(overdue_only=True, today=today)
    return store.find(SERVICE_REQUESTS, where, params, order_by="due_date, rowid")


@dataclass(frozen=True)
class Counter:
    """The front desk's day: events per status today, open requests now, overdue now."""

    today: dt.date
    today_by_status: dict[str, int]  # e.g. {"diterima": 12, "selesai": 7, ...} (every status present)
    open_by_status: dict[str, int]  # open requests now, per status
    overdue: int


def counter_today(store: Store, today: dt.date | None = None) -> Counter:
    today = _today(today)
    conn = store.read()
    by_status = dict(conn.execute(
        "SELECT e.status, count(*) FROM service_events e JOIN service_requests r ON r.id = e.request_id "
        "WHERE e.deleted = 0 AND r.deleted = 0 AND e.tanggal = ? AND e.to_office IS NULL GROUP BY e.status",
        (today.isoformat(),)).fetchall())
    open_now = dict(conn.execute(
        "SELECT status, count(*) FROM service_requests WHERE deleted = 0 AND readonly = 0 AND status IN (?, ?, ?) "
        "GROUP BY status", OPEN_STATUSES).fetchall())
    late = conn.execute("SELECT count(*) FROM service_requests WHERE deleted = 0 AND readonly = 0 "
                        "AND status IN (?, ?, ?) AND due_date < ?", (*OPEN_STATUSES, today.isoformat())).fetchone()[0]
    return Counter(today, {s: by_status.get(s, 0) for s in STATUSES},
                   {s: open_now.get(s, 0) for s in OPEN_STATUSES}, late)


# --- what printing needs ------------------------------------------------------------------------------

def _label_of(table: dict, value, lang: str = "id") -> str:
    if value in (None, ""):
        return ""
    pair = table.get(value)
    return (pair[1] if lang == "en" else pair[0]) if pair else str(value)


def applicant_view(record: dict) -> dict:
    """The applicant's fields as printed (labels instead of codes, dates spelled out)."""
    ttl = ", ".join(x for x in (record.get("tempat_lahir") or "", format_tanggal(record.get("tanggal_lahir"))) if x)
    rt_rw = "/".join(x for x in (record.get("rt") or "", record.get("rw") or "") if x)
    return {
        **{name: record.get(name) or "" for name in APPLICANT_FIELDS},
        "nama_kapital": _canonical_name(record.get("nama")),
        "jenis_kelamin": _label_of(JENIS_KELAMIN, record.get("jenis_kelamin")),
        "agama": _label_of(AGAMA, record.get("agama")),
        "status_kawin": _label_of(STATUS_KAWIN, record.get("status_kawin")),
        "kewarganegaraan": record.get("kewarganegaraan") or "WNI",
        "tanggal_lahir": format_tanggal(record.get("tanggal_lahir")),
        "tempat_tanggal_lahir": ttl,
        "rt_rw": rt_rw,
    }


def details_view(svc: Service, details: dict) -> tuple[dict, list[dict], list[dict]]:
    """(details by name as printed, [{label, value}] rows for a generic table, members)."""
    shown: dict = {}
    rows: list[dict] = []
    members: list[dict] = []
    for spec in svc.fields:
        value = details.get(spec.name)
        if spec.type == "members":
            for i, m in enumerate(value or [], start=1):
                members.append({"no": i, "nama": m.get("nama", ""), "nik": m.get("nik", ""),
                                "hubungan": _label_of(HUBUNGAN, m.get("hubungan"))})
            continue
        if spec.type == "date":
            text = format_tanggal(value)
        elif spec.type == "select":
            text = spec.option_label(value) if value is not None else ""
        elif spec.type == "integer" and value is not None and spec.name == "penghasilan":
            text = "Rp " + f"{int(value):,}".replace(",", ".")
        else:
            text = "" if value is None else str(value)
        shown[spec.name] = text
        if text:
            rows.append({"label": spec.label_id, "value": text})
    return shown, rows, members


def certificate_context(store: Store, request_id: str) -> dict:
    """Everything a certificate template may use (see docs/SERVICES.md for the names)."""
    record = store.get(SERVICE_REQUESTS, request_id)
    if record.get("status") != "selesai" or not record.get("nomor_surat"):
        raise StoreError("Surat keterangan belum terbit: permohonan ini belum selesai.",
                         "No certificate yet: this request is not completed.")
    svc = catalog(store).get(record["service_type"])
    details, rows, members = details_view(svc, record.get("details") or {})
    letter = None
    if record.get("certificate_letter_id"):
        try:
            letter = store.get(letters.LETTERS, record["certificate_letter_id"])
        except RecordNotFound:
            letter = None
    return {
        "layanan": {"kode": svc.code, "nama": svc.name_id, "judul": svc.title, "peran_pemohon": svc.applicant_role_id},
        "surat": {"nomor": record["nomor_surat"], "tanggal": record.get("tanggal_selesai") or "",
                  "klasifikasi": (letter or {}).get("klasifikasi") or svc.klasifikasi,
                  "perihal": (letter or {}).get("perihal") or svc.name_id},
        "pemohon": applicant_view(record),
        "keperluan": record.get("keperluan") or "",
        "rincian": details,
        "rincian_list": rows,
        "anggota": members,
        "ada_anggota": bool(members),
        "penandatangan": {"nama": record.get("penandatangan") or "", "nip": record.get("penandatangan_nip") or "",
                          "jabatan": record.get("penandatangan_jabatan") or "",
                          "jabatan_kalimat": jabatan_in_sentence(record.get("penandatangan_jabatan") or "")},
        "kode_lacak": tracking.display(record["tracking_code"]),
        "verifikasi": {"payload": verification_payload(record), "kode": record["kode_verifikasi"]},
        "permohonan": {"id": record["id"], "tanggal": record.get("tanggal") or ""},
    }


def receipt_context(store: Store, request_id: str) -> dict:
    """What the intake receipt (tanda terima) shows the citizen."""
    record = store.get(SERVICE_REQUESTS, request_id)
    svc = catalog(store).get(record["service_type"])
    checked = set(record.get("dokumen") or ())
    return {
        "layanan": {"kode": svc.code, "nama": svc.name_id, "sla_hari": svc.sla_days},
        "kode_lacak": tracking.display(record["tracking_code"]),
        "kode_lacak_qr": record["tracking_code"],
        "pemohon": applicant_view(record),
        "keperluan": record.get("keperluan") or "",
        "permohonan": {"id": record["id"], "tanggal": record.get("tanggal") or "",
                       "batas_waktu": record.get("due_date") or "",
                       "status": STATUS_LABELS.get(record.get("status"), ("", ""))[0]},
        "dokumen": [{"nama": d.label_id, "ada": d.code in checked, "wajib": d.required} for d in svc.documents],
        "petugas": record.get("created_by") or "",
    }


# --- import and export (CSV/XLSX/JSON) ----------------------------------------------------------------
#
# Files are read with the letters' tabular reader (header found wherever it is, CSV in any Windows
# encoding, XLSX), so the same office spreadsheets work. Import is for intake lists (the centre's
# online forms, a spreadsheet kept before Layan): every row becomes a new request in status
# "diterima", with its own first event; a row that claims another status is refused, because a
# completed request needs its certificate numbered here. All rows go in one transaction with a
# savepoint per row; by default one bad row imports nothing (``partial=True`` keeps the good rows).

IMPORT_ALIASES: dict[str, tuple[str, ...]] = {
    "tracking_code": ("Kode Lacak", "Kode", "No. Registrasi", "Nomor Registrasi", "Kode Permohonan"),
    "tanggal": ("Tanggal Permohonan", "Tanggal", "Tgl", "Tanggal Masuk", "Tgl Permohonan"),
    "service_type": ("Jenis Layanan", "Layanan", "Kode Layanan", "Jenis Surat", "Jenis Permohonan"),
    "status": ("Status",),
    "nik": ("NIK", "No. NIK", "Nomor Induk Kependudukan", "NIK Pemohon"),
    "nama": ("Nama", "Nama Pemohon", "Nama Lengkap"),
    "no_kk": ("No. KK", "Nomor KK", "No KK", "Nomor Kartu Keluarga"),
    "jenis_kelamin": ("Jenis Kelamin", "JK", "L/P"),
    "tempat_lahir": ("Tempat Lahir",),
    "tanggal_lahir": ("Tanggal Lahir", "Tgl Lahir"),
    "agama": ("Agama",),
    "status_kawin": ("Status Perkawinan", "Status Kawin", "Perkawinan"),
    "pekerjaan": ("Pekerjaan",),
    "kewarganegaraan": ("Kewarganegaraan", "Warga Negara"),
    "alamat": ("Alamat", "Alamat Pemohon"),
    "rt": ("RT",),
    "rw": ("RW",),
    "kampung": ("Kampung", "Kelurahan", "Kampung/Kelurahan", "Desa"),
    "distrik": ("Distrik", "Kecamatan"),
    "telepon": ("Telepon", "No. HP", "HP", "No. Telepon", "Nomor HP"),
    "keperluan": ("Keperluan", "Untuk Keperluan"),
    "dokumen": ("Dokumen Diperiksa", "Dokumen", "Persyaratan"),
}
EXPORT_COLUMNS = ("tracking_code", "tanggal", "service_type", "status", "due_date", "nik", "nama", "no_kk",
                  "jenis_kelamin", "tempat_lahir", "tanggal_lahir", "agama", "status_kawin", "pekerjaan",
                  "kewarganegaraan", "alamat", "rt", "rw", "kampung", "distrik", "telepon", "keperluan", "dokumen")
EXPORT_TAIL = ("nomor_surat", "tanggal_selesai", "alasan_penolakan", "penandatangan")
DATE_COLUMNS = ("tanggal", "tanggal_lahir", "due_date", "tanggal_selesai")
_JSON_SKIP = {"hlc", "field_hlc", "rev", "deleted", "readonly", "extra"}


class ColumnMap:
    """Which field a spreadsheet column names (case, spaces and punctuation do not matter)."""

    def __init__(self, names: dict[str, tuple[str, ...]]):
        from .tabular import normalize_label

        self._norm = normalize_label
        self.lookup: dict[str, str] = {}
        for name, aliases in names.items():
            for alias in (*aliases, name):
                self.lookup.setdefault(normalize_label(alias), name)

    def resolve(self, column) -> str | None:
        for candidate in column.candidates:
            hit = self.lookup.get(self._norm(candidate))
            if hit is not None:
                return hit
        return None

    def score(self, columns) -> int:
        return len({hit for c in columns if (hit := self.resolve(c)) is not None})

    def assign(self, columns) -> tuple[dict[int, tuple[str, str]], list[tuple[str, str]]]:
        mapping: dict[int, tuple[str, str]] = {}
        taken: dict[str, str] = {}
        notes: list[tuple[str, str]] = []
        for column in columns:
            if not column.label:
                continue
            hit = self.resolve(column)
            if hit is None:
                notes.append((f"Kolom \"{column.label}\" tidak dikenal dan diabaikan.",
                              f"Column \"{column.label}\" is not recognised and was ignored."))
            elif hit in taken:
                notes.append((f"Kolom \"{column.label}\" diabaikan: kolom \"{taken[hit]}\" sudah berisi data yang sama.",
                              f"Column \"{column.label}\" was ignored: column \"{taken[hit]}\" gives the same data."))
            else:
                taken[hit] = column.label
                mapping[column.index] = (hit, column.label)
        return mapping, notes


def import_table(store: Store, path, columns: ColumnMap, *, required: tuple[str, ...], labels: dict[str, str],
                 example: str, row, partial: bool, actor: str):
    """Reads ``path`` and calls ``row(tx, number, values, actor)`` per non-empty row inside a savepoint.

    ``row`` returns a list of importing.RowError (empty: imported). Returns importing.ImportResult.
    """
    from . import importing, tabular

    table = tabular.read_table(path, columns.score, example=example)
    mapping, notes = columns.assign(table.columns)
    present = {name for name, _ in mapping.values()}
    missing = [name for name in required if name not in present]
    if missing:
        raise StoreError(
            f"Kolom wajib tidak ditemukan di {Path(path).name}: {', '.join(labels.get(n, n) for n in missing)}. "
            f"Kolom yang terbaca: {', '.join(c.label for c in table.columns if c.label)}.",
            f"Required columns not found in {Path(path).name}: {', '.join(missing)}. "
            f"Columns read: {', '.join(c.label for c in table.columns if c.label)}.")
    result = importing.ImportResult(total=0, imported=0, errors=[], sheet=table.sheet)
    for message, message_en in notes:
        result.warnings.append(importing.RowError(table.header_row, None, message, message_en))

    class _RollBack(Exception):
        pass

    try:
        with store.transaction() as tx:
            for number, cells in table.rows:
                if all(tabular.is_blank(c) for c in cells):
                    continue
                result.total += 1
                values = {name: cells[index] for index, (name, _) in mapping.items()
                          if index < len(cells) and not tabular.is_blank(cells[index])
                          and not (isinstance(cells[index], str) and cells[index].strip() in ("-", "--", "–", "—"))}
                mark = len(tx.changes.changes)
                tx.execute("SAVEPOINT layan_import_row")
                try:
                    errors = row(tx, number, values, actor)
                except ValidationError as exc:
                    errors = [importing.RowError(number, e.field or None, e.message, e.message_en) for e in exc.errors]
                except StoreError as exc:
                    errors = [importing.RowError(number, None, exc.message, exc.message_en)]
                if errors:
                    tx.execute("ROLLBACK TO layan_import_row")
                    del tx.changes.changes[mark:]
                    result.errors.extend(errors)
                else:
                    result.imported += 1
                tx.execute("RELEASE layan_import_row")
            if result.errors and not partial:
                raise _RollBack
    except _RollBack:
        result.imported = 0
    return result


def _code_of(table: dict, value) -> str | None:
    """A stored code from a code or a label (``Laki-laki`` → ``L``, ``Kristen`` → ``kristen``)."""
    text = str(value).strip().casefold()
    for code, (label_id, label_en) in table.items():
        if text in (code.casefold(), label_id.casefold(), label_en.casefold()):
            return code
    if table is JENIS_KELAMIN and text in ("laki laki", "lk", "pria"):
        return "L"
    if table is JENIS_KELAMIN and text in ("pr", "wanita"):
        return "P"
    return None


def parse_members(value) -> list[dict]:
    """``Nama | NIK | Hubungan`` per line (or separated by ``;``) → [{nama, nik, hubungan}]."""
    members = []
    for line in re.split(r"[\n;]+", str(value)):
        if not line.strip():
            continue
        parts = [p.strip() for p in re.split(r"\s*\|\s*", line.strip())]
        if len(parts) == 1:
            parts = [p.strip() for p in line.split(",")]
        member = {"nama": parts[0]}
        for part in parts[1:]:
            digits = re.sub(r"[\s.\-]", "", part)
            if digits.isdigit():
                member["nik"] = digits
            elif part:
                member["hubungan"] = part
        members.append(member)
    return members


def format_members(members: list[dict] | None) -> str:
    return "\n".join(" | ".join(x for x in (m.get("nama", ""), m.get("nik", ""),
                                             _label_of(HUBUNGAN, m.get("hubungan"))) if x) for m in members or [])


def _import_columns(store: Store) -> tuple[ColumnMap, dict[str, str]]:
    names = dict(IMPORT_ALIASES)
    labels = {name: collection(SERVICE_REQUESTS).label(name) for name in names}
    labels["service_type"] = "Jenis Layanan"
    for svc in catalog(store).services:
        for spec in svc.fields:
            if spec.name not in names:
                names[spec.name] = (spec.label_id, spec.label_en)
                labels[spec.name] = spec.label_id
    return ColumnMap(names), labels


def _cell_text(value) -> str:
    from .importing import parse_text

    return parse_text(value)


def _request_row(store: Store):
    from .importing import CellError, RowError, parse_date

    cat = catalog(store)

    def row(tx: WriteTx, number: int, values: dict, actor: str) -> list:
        errors: list = []

        def bad(field: str, message: str, message_en: str) -> None:
            errors.append(RowError(number, field, message, message_en))

        raw_service = _cell_text(values.get("service_type", ""))
        svc = next((s for s in cat.services if raw_service.casefold() in (s.code, s.name_id.casefold(),
                                                                         s.name_en.casefold())), None)
        if svc is None:
            bad("service_type", f"Jenis layanan \"{raw_service}\" tidak dikenal. Pilih: "
                                f"{', '.join(s.name_id for s in cat.services)}.",
                f"Unknown service \"{raw_service}\".")
            return errors
        status = _cell_text(values.get("status", "diterima")).casefold()
        if status not in ("diterima", "masuk", "baru"):
            bad("status", f"Hanya permohonan yang belum diproses (Diterima) yang bisa diimpor; baris ini berstatus "
                          f"\"{values['status']}\".",
                f"Only requests not yet processed (received) can be imported; this row is \"{values['status']}\".")
        fields: dict = {}
        details: dict = {}
        detail_names = {f.name: f for f in svc.fields}
        for name, value in values.items():
            try:
                if name in ("service_type", "status", "tracking_code"):
                    continue
                if name in ("nik", "no_kk") and isinstance(value, (int, float)):
                    bad(name, f"{collection(SERVICE_REQUESTS).label(name)} tersimpan sebagai angka di Excel, "
                              "sehingga digit terakhirnya hilang. Format kolom itu sebagai Teks lalu ketik ulang.",
                        f"{name} was stored as a number in Excel, which drops its last digit. Format the column "
                        "as Text and type it again.")
                elif name in ("tanggal", "tanggal_lahir"):
                    fields[name] = parse_date(value).isoformat()
                elif name == "jenis_kelamin":
                    fields[name] = _code_of(JENIS_KELAMIN, value) or _cell_text(value)
                elif name == "agama":
                    fields[name] = _code_of(AGAMA, value) or _cell_text(value).casefold()
                elif name == "status_kawin":
                    fields[name] = _code_of(STATUS_KAWIN, value) or _cell_text(value)
                elif name == "dokumen":
                    wanted = [d.strip() for d in re.split(r"[,;\n]+", _cell_text(value)) if d.strip()]
                    fields[name] = [next((d.code for d in svc.documents if w.casefold() in (
                        d.code, d.label_id.casefold(), d.label_en.casefold())), w) for w in wanted]
                elif name in APPLICANT_FIELDS or name == "keperluan":
                    fields[name] = _cell_text(value)
                else:
                    spec = detail_names.get(name)
                    if spec is not None and spec.type == "members":
                        details[name] = parse_members(_cell_text(value))
                    elif spec is not None and spec.type == "date":
                        details[name] = parse_date(value).isoformat()
                    elif spec is not None and spec.type == "select":
                        text = _cell_text(value)
                        details[name] = next((o.value for o in spec.options if text.casefold() in (
                            o.value.casefold(), o.label_id.casefold(), o.label_en.casefold())), text)
                    else:
                        details[name] = value if isinstance(value, int) and not isinstance(value, bool) \
                            else _cell_text(value)
            except CellError as exc:
                bad(name, exc.message, exc.message_en)
        if errors:
            return errors
        fields["details"] = details
        code = _cell_text(values["tracking_code"]) if values.get("tracking_code") else None
        create_request(tx, svc.code, fields, actor=actor, tracking_code=code, source="import")
        return []

    return row


def import_file(store: Store, path, *, partial: bool = False, actor: str):
    """Imports service requests from a CSV/XLSX file (see the section comment above)."""
    columns, labels = _import_columns(store)
    return import_table(store, path, columns, required=("service_type", "nama", "nik"), labels=labels,
                        example="Jenis Layanan | NIK | Nama | Alamat | Keperluan", row=_request_row(store),
                        partial=partial, actor=actor)


def _export_value(name: str, record: dict, svc: Service | None):
    value = record.get(name)
    if name == "service_type":
        return svc.name_id if svc else value
    if name == "status":
        return STATUS_LABELS.get(value, (value, value))[0]
    if name == "jenis_kelamin":
        return _label_of(JENIS_KELAMIN, value)
    if name == "agama":
        return _label_of(AGAMA, value)
    if name == "status_kawin":
        return _label_of(STATUS_KAWIN, value)
    if name == "dokumen":
        docs = {d.code: d.label_id for d in svc.documents} if svc else {}
        return ", ".join(docs.get(c, c) for c in value or [])
    if name in DATE_COLUMNS and value:
        return dt.date.fromisoformat(value)
    return value


def export_rows(store: Store) -> tuple[list[str], list[str], list[list]]:
    """(field names, headers, rows) of every request, oldest first, with the catalog's detail columns."""
    cat = catalog(store)
    records = store.find(SERVICE_REQUESTS, order_by="tanggal, rowid")
    coll = collection(SERVICE_REQUESTS)
    detail_specs: dict[str, ServiceField] = {}
    for svc in cat.services:
        for spec in svc.fields:
            if any(spec.name in (r.get("details") or {}) for r in records if r.get("service_type") == svc.code):
                detail_specs.setdefault(spec.name, spec)
    names = [*EXPORT_COLUMNS, *detail_specs, *EXPORT_TAIL]
    headers = []
    for name in names:
        if name in detail_specs:
            headers.append(detail_specs[name].label_id)
        elif name == "service_type":
            headers.append("Jenis Layanan")
        elif name == "tanggal":
            headers.append("Tanggal Permohonan")
        else:
            headers.append(coll.label(name))
    rows = []
    for record in records:
        svc = next((s for s in cat.services if s.code == record.get("service_type")), None)
        details = record.get("details") or {}
        row = []
        for name in names:
            if name in detail_specs:
                value = details.get(name)
                spec = detail_specs[name]
                if spec.type == "members":
                    value = format_members(value)
                elif spec.type == "date" and value:
                    value = dt.date.fromisoformat(value)
                elif spec.type == "select" and value is not None:
                    value = spec.option_label(value)
                row.append(value)
            else:
                row.append(_export_value(name, record, svc))
        rows.append(row)
    return names, headers, rows


def json_record(record: dict) -> dict:
    return {k: v for k, v in record.items() if k not in _JSON_SKIP}


def write_export(fmt: str, target, headers: list[str], rows: list[list], records_json: list[dict],
                 sheet: str) -> int:
    """Writes a register as CSV (';', UTF-8 with BOM, ISO dates: the letters' conventions, docs/IMPORT.md),
    XLSX (real dates shown DD/MM/YYYY, text cells for NIKs) or JSON (the records, field names as stored)."""
    import csv

    from . import exporting
    from .importing import FORMULA_START

    if fmt not in ("csv", "xlsx", "json"):
        raise StoreError(f"Format tidak dikenal: {fmt}. Pilih csv, xlsx atau json.",
                         f"Unknown format: {fmt}. Choose csv, xlsx or json.")

    def text(value) -> str:
        if value is None:
            return ""
        if isinstance(value, dt.date):
            return value.isoformat()  # as the letters' export: every Excel reads 2026-11-27 the same way
        value = str(value)
        return "'" + value if value.startswith(FORMULA_START) else value

    def write_csv(fh) -> None:
        out = csv.writer(fh, delimiter=exporting.CSV_DELIMITER, lineterminator="\r\n")
        out.writerow(headers)
        out.writerows([text(v) for v in row] for row in rows)

    def write_json(fh) -> None:
        json.dump(records_json, fh, ensure_ascii=False, indent=2)
        fh.write("\n")

    def write_xlsx(fh) -> None:
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Font
        from openpyxl.utils import get_column_letter

        wb = Workbook()
        ws = wb.active
        ws.title = sheet
        for col, header in enumerate(headers, start=1):
            ws.cell(row=1, column=col, value=header).font = Font(bold=True)
        for r, row in enumerate(rows, start=2):
            for col, value in enumerate(row, start=1):
                cell = ws.cell(row=r, column=col, value=value)
                if isinstance(value, str):
                    cell.data_type = "s"  # NIKs and codes stay text; "=…" never becomes a formula
                    if "\n" in value:
                        cell.alignment = Alignment(wrap_text=True, vertical="top")
                elif isinstance(value, dt.date):
                    cell.number_format = "DD/MM/YYYY"
        for col, header in enumerate(headers, start=1):
            longest = max([len(header)] + [len(str(row[col - 1]).split("\n")[0]) for row in rows
                                           if row[col - 1] is not None])
            ws.column_dimensions[get_column_letter(col)].width = min(max(longest + 2, 8), 50)
        ws.freeze_panes = "A2"
        wb.save(fh)

    if isinstance(target, (str, Path)):
        path = Path(target)
        if fmt == "xlsx":
            exporting._write_file(path, write_xlsx, binary=True)
        else:
            exporting._write_file(path, write_csv if fmt == "csv" else write_json,
                                  encoding="utf-8-sig" if fmt == "csv" else "utf-8")
    elif fmt == "xlsx":
        write_xlsx(target)
    else:
        exporting._write_stream(target, write_csv if fmt == "csv" else write_json)
    return len(rows)


def export(store: Store, fmt: str, target) -> int:
    """Writes every service request to ``target`` (a path or a text stream); returns the count."""
    _, headers, rows = export_rows(store)
    records = store.find(SERVICE_REQUESTS, order_by="tanggal, rowid") if fmt == "json" else []
    return write_export(fmt, target, headers, rows, [json_record(r) for r in records], "Permohonan")
