"""Patients of a puskesmas: registration with an automatic nomor rekam medis, likely-duplicate
detection before saving, fast returning-patient lookup, and audited opening of a record.

The RM number (``RM-000123``) is per office for life, never per year: a counter series of
``desktop.domain.numbering`` (series ``rekam_medis``, year 0), taken inside the transaction that
saves the patient, so a refused save never burns a number. Prefix and width are the office's meta
``health_rm_prefix`` (default ``RM-``) and ``health_rm_pad`` (default 6).

A NIK that does not fit the rest of the form (coded for the other sex: women's birth day + 40; another
birth date) is a likely typing error: ``nik_mismatches`` lists them and a save raises ``NeedsConfirmation``
until the clerk confirms (``confirmed_nik=True``), as a registrar would. A NIK's own problems (length,
region, birth date, serial) are reported with the clear message of ``desktop.domain.nik``, not the
schema's generic "format tidak sesuai".

Lookups use the patients FTS index (no_rm, nik, nama, no_bpjs are indexed there), so they stay fast
with 100,000 patients; ``nik_ibu`` is not in that index and is found by a scan (rare: babies).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from desktop.domain import nik as nik_rules
from desktop.domain import numbering
from desktop.store.db import StoreError
from desktop.store.records import Change, RecordNotFound, Store, ValidationError, WriteTx
from sync.schema import FieldError, collection

from . import access, ages, names

PATIENTS = "patients"
RM_SERIES = "rekam_medis"
RM_YEAR = 0  # the RM counter never restarts
DEFAULT_RM_PREFIX = "RM-"
DEFAULT_RM_PAD = 6
FIXED_FIELDS = ("no_rm",)
SUMMARY_FIELDS = ("id", "no_rm", "nama", "nik", "nik_ibu", "jenis_kelamin", "tanggal_lahir", "umur_tahun",
                  "umur_tanggal", "alamat", "kampung", "no_bpjs", "penjamin", "telepon")


class DuplicatePatients(StoreError):
    """A new patient looks like one already registered; ``matches`` says who and why. Nothing was saved."""

    def __init__(self, matches: list[DuplicateMatch], *, hard: bool):
        self.matches = matches
        self.hard = hard  # same NIK: never saved twice; otherwise the clerk may confirm it is someone else
        first = matches[0]
        who = f"{first.patient.get('no_rm')} {first.patient.get('nama')}"
        if hard:
            super().__init__(f"NIK ini sudah terdaftar: {who}. Buka data pasien tersebut.",
                             f"This NIK is already registered: {who}. Open that patient's record.")
        else:
            super().__init__(
                f"Mungkin pasien ini sudah terdaftar ({len(matches)} data mirip, misalnya {who}). "
                "Periksa dulu; jika memang orang lain, simpan dengan konfirmasi.",
                f"This patient may already be registered ({len(matches)} similar records, e.g. {who}). "
                "Check first; if it is someone else, save with confirmation.")


class NeedsConfirmation(ValidationError):
    """The record is valid but something looks wrong (``errors``, at their fields): saved only when confirmed."""


@dataclass
class DuplicateMatch:
    patient: dict  # summary fields of the existing patient
    score: float  # 0..1, higher = more likely the same person
    reasons: list[tuple[str, str, str]] = field(default_factory=list)  # (code, Indonesian, English)

    @property
    def hard(self) -> bool:
        return any(code == "nik" for code, _, _ in self.reasons)


# -- helpers ---------------------------------------------------------------------------------------

def rm_format(store_or_tx) -> tuple[str, int]:
    prefix = store_or_tx.meta("health_rm_prefix") or DEFAULT_RM_PREFIX
    pad = int(store_or_tx.meta("health_rm_pad") or DEFAULT_RM_PAD)
    return prefix, pad


def format_rm(number: int, prefix: str = DEFAULT_RM_PREFIX, pad: int = DEFAULT_RM_PAD) -> str:
    return f"{prefix}{number:0{pad}d}"


def _fts_phrase(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


def _where_equal(conn, column: str, value: str) -> list:
    """Rows whose ``column`` (an FTS-indexed one) equals ``value``, found through the FTS index."""
    return conn.execute(
        f"SELECT * FROM patients WHERE rowid IN (SELECT rowid FROM patients_fts WHERE patients_fts MATCH ?) "
        f"AND [{column}] = ? AND deleted = 0",
        (f"{column} : {_fts_phrase(value)}", value),
    ).fetchall()


def _decode(rows) -> list[dict]:
    from desktop.store.records import decode_row

    coll = collection(PATIENTS)
    return [decode_row(coll, r) for r in rows]


def summary(patient: dict, *, today: dt.date | None = None) -> dict:
    out = {k: patient.get(k) for k in SUMMARY_FIELDS}
    age = ages.age_on(patient, today or nik_rules.effective_today())
    out["umur"] = age.years if age else None
    out["umur_teks"] = age.text() if age else ""
    return out


def _clean(fields: dict) -> dict:
    out = {}
    for key, value in fields.items():
        if isinstance(value, str):
            value = " ".join(value.split()) if key not in ("alamat",) else value.strip()
            if value == "":
                value = None
        out[key] = value
    for key in ("nik", "nik_ibu", "no_bpjs"):
        if isinstance(out.get(key), str):
            out[key] = re.sub(r"[\s.\-]", "", out[key])
    if isinstance(out.get("jenis_kelamin"), str):
        out["jenis_kelamin"] = {"l": "L", "p": "P", "laki-laki": "L", "perempuan": "P"}.get(
            out["jenis_kelamin"].lower(), out["jenis_kelamin"])
    if isinstance(out.get("penjamin"), str):
        out["penjamin"] = out["penjamin"].lower()
    return out


def _rules(record: dict, today: dt.date) -> list[FieldError]:
    """Rules the schema cannot say."""
    errors = []
    born = record.get("tanggal_lahir")
    if born is None and record.get("umur_tahun") is None:
        errors.append(FieldError("tanggal_lahir", "Isi tanggal lahir atau umur (tahun).",
                                 "Enter the date of birth or the age in years."))
    elif born is None and record.get("umur_tahun") == 0:
        errors.append(FieldError("tanggal_lahir", "Untuk bayi di bawah 1 tahun, isi tanggal lahir (lihat buku KIA).",
                                 "For a baby under 1 year, enter the date of birth (see the KIA book)."))
    if isinstance(born, str):
        try:
            if dt.date.fromisoformat(born) > today:
                errors.append(FieldError("tanggal_lahir", "Tanggal lahir ada di masa depan.",
                                         "The date of birth is in the future."))
        except ValueError:
            pass  # the schema reports it
    if record.get("penjamin") == "bpjs" and not record.get("no_bpjs"):
        errors.append(FieldError("no_bpjs", "Penjamin BPJS: isi No. BPJS (13 digit).",
                                 "Payer BPJS: enter the BPJS number (13 digits)."))
    if record.get("nik") and record.get("nik") == record.get("nik_ibu"):
        errors.append(FieldError("nik_ibu", "NIK ibu sama dengan NIK pasien. Untuk bayi tanpa NIK, isi NIK ibu saja.",
                                 "The mother's NIK equals the patient's. For a baby without a NIK, fill only the mother's NIK."))
    return errors


def _validate(store: Store, record: dict) -> list[FieldError]:
    """The schema's errors, with the domain validator's clearer message where both speak about a field
    (a 15-digit NIK: "harus 16 digit … tertulis 15 digit", not "format tidak sesuai")."""
    better = store.validator(collection(PATIENTS), record) if store.validator is not None else []
    fields = {e.field for e in better}
    return better + [e for e in collection(PATIENTS).validate(record) if e.field not in fields]


def nik_mismatches(record: dict, today: dt.date | None = None) -> list[FieldError]:
    """What in ``record`` disagrees with its (valid) NIK: the sex, the birth date. Empty when it fits."""
    value = record.get("nik")
    if not value:
        return []
    try:
        info = nik_rules.validate_nik(value, today=today)
    except nik_rules.InvalidNik:
        return []  # the NIK's own problem is reported by the validation
    out = []
    sex = record.get("jenis_kelamin")
    if sex in ("L", "P") and sex != info.sex:
        coded_id, coded_en = ("perempuan", "female") if info.sex == "P" else ("laki-laki", "male")
        typed_id, typed_en = ("Perempuan", "female") if sex == "P" else ("Laki-laki", "male")
        out.append(FieldError(
            "jenis_kelamin",
            f"NIK ini berkode {coded_id} (tanggal lahir perempuan ditambah 40: {info.nik[6:8]}), tetapi jenis "
            f"kelamin diisi {typed_id}. Periksa NIK dan jenis kelamin.",
            f"This NIK is coded {coded_en} (a woman's birth day plus 40: {info.nik[6:8]}), but the sex entered "
            f"is {typed_en}. Check the NIK and the sex."))
    born = record.get("tanggal_lahir")
    if isinstance(born, str) and born[:10] != info.birth_date.isoformat():
        try:
            typed = dt.date.fromisoformat(born[:10])
        except ValueError:
            typed = None
        if typed is not None:
            out.append(FieldError(
                "tanggal_lahir",
                f"Tanggal lahir dalam NIK {info.birth_date:%d-%m-%Y}, diisi {typed:%d-%m-%Y}. Periksa keduanya.",
                f"The birth date in the NIK is {info.birth_date:%d-%m-%Y}; {typed:%d-%m-%Y} was entered. "
                "Check both."))
    return out


def _prepare(fields: dict, today: dt.date) -> dict:
    record = _clean(fields)
    if record.get("umur_tahun") is not None and not record.get("tanggal_lahir") and not record.get("umur_tanggal"):
        record["umur_tanggal"] = today.isoformat()
    if record.get("no_bpjs") and not record.get("penjamin"):
        record["penjamin"] = "bpjs"
    return record


# -- duplicates ------------------------------------------------------------------------------------

def find_duplicates(store: Store, candidate: dict, user: dict, *, exclude_id: str | None = None,
                    limit: int = 10) -> list[DuplicateMatch]:
    """Patients that may be the same person as ``candidate`` (a new patient's fields, before saving).

    Reasons: same NIK (hard: never saved twice); same BPJS number; similar name and the same birth
    date; same mother's NIK and a similar name; similar name, age within a year and the same
    kampung when birth dates are not known. Best first.
    """
    access.require_health_role(user, store)
    return _find_duplicates(store.read(), _clean(candidate), exclude_id=exclude_id, limit=limit)


def _find_duplicates(conn, cand: dict, *, exclude_id: str | None, limit: int, soft: bool = True) -> list[DuplicateMatch]:
    today = nik_rules.effective_today()
    found: dict[str, DuplicateMatch] = {}

    def add(patient: dict, score: float, code: str, id_text: str, en_text: str) -> None:
        if patient["id"] == exclude_id:
            return
        match = found.get(patient["id"])
        if match is None:
            match = found[patient["id"]] = DuplicateMatch(summary(patient), 0.0)
        match.score = max(match.score, score)
        if code not in {r[0] for r in match.reasons}:
            match.reasons.append((code, id_text, en_text))

    name = cand.get("nama") or ""
    if cand.get("nik"):
        for p in _decode(_where_equal(conn, "nik", cand["nik"])):
            add(p, 1.0, "nik", "NIK sama", "same NIK")
    if not soft:
        return list(found.values())
    if cand.get("no_bpjs"):
        for p in _decode(_where_equal(conn, "no_bpjs", cand["no_bpjs"])):
            add(p, 0.95, "bpjs", "No. BPJS sama", "same BPJS number")
    if cand.get("tanggal_lahir") and name:
        rows = conn.execute("SELECT * FROM patients WHERE tanggal_lahir = ? AND deleted = 0",
                            (cand["tanggal_lahir"],)).fetchall()
        for p in _decode(rows):
            sim = names.similarity(name, p.get("nama") or "")
            if sim:
                add(p, 0.6 + 0.3 * sim, "nama_tgl", "nama mirip, tanggal lahir sama", "similar name, same birth date")
    if cand.get("nik_ibu") and name:
        rows = conn.execute("SELECT * FROM patients WHERE nik_ibu = ? AND deleted = 0", (cand["nik_ibu"],)).fetchall()
        for p in _decode(rows):
            sim = names.similarity(name, p.get("nama") or "")
            if sim and not (cand.get("tanggal_lahir") and p.get("tanggal_lahir")
                            and cand["tanggal_lahir"] != p["tanggal_lahir"]):
                add(p, 0.6 + 0.3 * sim, "nik_ibu", "NIK ibu sama, nama mirip", "same mother's NIK, similar name")
    # Without birth dates: similar name + age within a year (+ same kampung when both have one).
    cand_age = ages.age_on(cand, today)
    words, _ = names.tokens(name)
    if cand_age is not None and words:
        query = " OR ".join(f"nama : {_fts_phrase(w)}" for w in dict.fromkeys(words) if len(w) > 1)
        if query:
            # both birth dates known: the rule above decides, so only patients without one are read here
            only_undated = " AND tanggal_lahir IS NULL" if cand.get("tanggal_lahir") else ""
            rows = conn.execute(
                "SELECT * FROM patients WHERE rowid IN (SELECT rowid FROM patients_fts WHERE patients_fts MATCH ? "
                "LIMIT 500) AND deleted = 0" + only_undated, (query,)).fetchall()
            for p in _decode(rows):
                other_age = ages.age_on(p, today)
                if other_age is None or abs(other_age.years - cand_age.years) > 1:
                    continue
                if cand.get("kampung") and p.get("kampung") and \
                        names.fold(cand["kampung"]).strip() != names.fold(p["kampung"]).strip():
                    continue
                sim = names.similarity(name, p.get("nama") or "")
                if sim == 1.0 or (sim and len(words) == 1):
                    add(p, 0.3 + 0.3 * sim, "nama_umur", "nama mirip, umur sama", "similar name, same age")
    matches = sorted(found.values(), key=lambda m: (-m.score, m.patient.get("no_rm") or ""))
    return matches[:limit]


# -- writes ----------------------------------------------------------------------------------------

def _is_rm_used(tx: WriteTx, prefix: str, pad: int):
    def check(number: int) -> bool:
        return bool(_where_equal(tx.conn, "no_rm", format_rm(number, prefix, pad)))
    return check


def _register(tx: WriteTx, user: dict, record: dict, *, confirmed_new: bool, source: str = "local") -> Change:
    # A confirmed new patient (the clerk saw the list, or an import) is checked for a repeated NIK only.
    matches = _find_duplicates(tx.conn, record, exclude_id=None, limit=10, soft=not confirmed_new)
    hard = [m for m in matches if m.hard]
    if hard:
        raise DuplicatePatients(hard, hard=True)
    if matches and not confirmed_new:
        raise DuplicatePatients(matches, hard=False)
    prefix, pad = rm_format(tx)
    if record.get("no_rm"):
        if _where_equal(tx.conn, "no_rm", record["no_rm"]):
            raise ValidationError([FieldError("no_rm", f"No. rekam medis {record['no_rm']} sudah dipakai.",
                                              f"Medical record no. {record['no_rm']} is already used.")])
        m = re.fullmatch(re.escape(prefix) + r"(\d+)", record["no_rm"])
        if m:
            if tx.meta(numbering.AUTHORITY_META) == "1":
                # a standalone PC opens its open-ended block first, so the next number skips this one
                numbering.grant_block(tx, RM_SERIES, RM_YEAR, 1, None)
            numbering.note_used(tx, RM_SERIES, RM_YEAR, int(m.group(1)))
    else:
        number = numbering.next_number(tx, RM_SERIES, RM_YEAR, _is_rm_used(tx, prefix, pad))
        record["no_rm"] = format_rm(number, prefix, pad)
    return tx.save(PATIENTS, record, actor=access.actor(user), source=source)


def register_patient(store: Store, user: dict, fields: dict, *, confirmed_new: bool = False,
                     confirmed_nik: bool = False) -> Change:
    """Registers a new patient and gives it the next RM number (unless ``no_rm`` is given: old cards).

    Raises ValidationError (nothing saved, no number used) or DuplicatePatients: always for a NIK
    already registered; for other likely duplicates unless ``confirmed_new`` (the clerk checked the
    list from ``find_duplicates`` and says this is someone else). Raises NeedsConfirmation when the NIK
    does not fit the sex or birth date, unless ``confirmed_nik``.
    """
    access.require_health_role(user, store)
    today = nik_rules.effective_today()
    record = _prepare(fields, today)
    trial = {**record, "no_rm": record.get("no_rm") or "RM-0"}
    errors = _validate(store, trial) + _rules(record, today)
    if errors:
        raise ValidationError(errors)
    if not confirmed_nik and (doubts := nik_mismatches(record, today)):
        registered = _find_duplicates(store.read(), record, exclude_id=None, limit=1, soft=False)
        if registered:  # a NIK already registered is the first thing to say
            raise DuplicatePatients(registered, hard=True)
        raise NeedsConfirmation(doubts)
    with store.transaction() as tx:
        return _register(tx, user, record, confirmed_new=confirmed_new)


def update_patient(store: Store, user: dict, patient_id: str, fields: dict, *, confirmed_nik: bool = False) -> Change:
    """Edits a patient; the RM number stays. A NIK that another patient has is refused; one that does not
    fit the sex or birth date raises NeedsConfirmation unless ``confirmed_nik``."""
    access.require_health_role(user, store)
    today = nik_rules.effective_today()
    fields = {k: v for k, v in _clean(fields).items() if k not in FIXED_FIELDS}
    with store.transaction() as tx:
        current = tx.get(PATIENTS, patient_id)
        if current is None or current.get("deleted"):
            raise RecordNotFound(PATIENTS, patient_id)
        merged = {**current, **fields}
        if "umur_tahun" in fields and fields["umur_tahun"] != current.get("umur_tahun") and "umur_tanggal" not in fields:
            fields["umur_tanggal"] = today.isoformat()
            merged["umur_tanggal"] = fields["umur_tanggal"]
        errors = [e for e in _validate(store, merged) if e.field in fields] + _rules(merged, today)
        if errors:
            raise ValidationError(errors)
        if fields.get("nik") and fields["nik"] != current.get("nik"):
            others = [p for p in _decode(_where_equal(tx.conn, "nik", fields["nik"])) if p["id"] != patient_id]
            if others:
                raise DuplicatePatients([DuplicateMatch(summary(others[0]), 1.0, [("nik", "NIK sama", "same NIK")])],
                                        hard=True)
        if not confirmed_nik and {"nik", "jenis_kelamin", "tanggal_lahir"} & set(fields) \
                and (doubts := nik_mismatches(merged, today)):
            raise NeedsConfirmation(doubts)
        return tx.save(PATIENTS, fields, record_id=patient_id, actor=access.actor(user))


# -- reads -----------------------------------------------------------------------------------------

def open_patient(store: Store, user: dict, patient_id: str) -> dict:
    """One patient's full record, for the record screen. Writes an 'open' audit entry (UU 27/2022)."""
    access.require_health_role(user, store)
    patient = store.get(PATIENTS, patient_id)
    store.record_opened(PATIENTS, patient_id, actor=access.actor(user))
    return patient


def get_by_rm(store: Store, user: dict, no_rm: str) -> dict | None:
    """The patient with this RM number (summary, not audited: use open_patient to show the record)."""
    access.require_health_role(user, store)
    rows = _decode(_where_equal(store.read(), "no_rm", no_rm.strip().upper()))
    return summary(rows[0]) if rows else None


_DIGITS = re.compile(r"^\d+$")


def lookup(store: Store, user: dict, text: str, limit: int = 20) -> list[dict]:
    """Returning-patient lookup by RM number, NIK (also the mother's NIK), BPJS number or name prefix.

    "123" or "rm123" → RM-000123; 16 digits → NIK; 13 digits → BPJS; anything else → every word is a
    prefix of a word of the name ("yan bea" finds "Yance Beanal"). Summaries, best first; not audited.
    """
    access.require_health_role(user, store)
    conn = store.read()
    raw = (text or "").strip()
    if not raw:
        return []
    compact = re.sub(r"[\s.\-]", "", raw)
    prefix, pad = rm_format(store)
    rows: list = []
    if _DIGITS.match(compact) and len(compact) == 16:
        rows = _where_equal(conn, "nik", compact)
        rows += conn.execute("SELECT * FROM patients WHERE nik_ibu = ? AND deleted = 0 ORDER BY no_rm LIMIT ?",
                             (compact, limit)).fetchall()
    elif _DIGITS.match(compact) and len(compact) == 13:
        rows = _where_equal(conn, "no_bpjs", compact)
    else:
        rm_digits = None
        m = re.fullmatch(r"(?:" + re.escape(prefix.replace("-", "").upper()) + r")?(\d{1,12})", compact.upper())
        if m:
            rm_digits = int(m.group(1))
        if rm_digits is not None:
            rows = _where_equal(conn, "no_rm", format_rm(rm_digits, prefix, pad))
            if not rows and raw.upper() != format_rm(rm_digits, prefix, pad):
                rows = _where_equal(conn, "no_rm", raw.upper())
        elif raw.upper().startswith(prefix.upper()) or "-" in raw:
            rows = _where_equal(conn, "no_rm", raw.upper())
        if not rows and not _DIGITS.match(compact):
            words = re.findall(r"[0-9a-z]+", names.fold(raw))
            if words:
                query = " AND ".join(f"nama : {_fts_phrase(w)}*" for w in words)
                rows = conn.execute(
                    "SELECT * FROM patients WHERE rowid IN (SELECT rowid FROM patients_fts WHERE patients_fts MATCH ?) "
                    "AND deleted = 0 ORDER BY nama, no_rm LIMIT ?", (query, limit)).fetchall()
    seen, out = set(), []
    for p in _decode(rows):
        if p["id"] not in seen:
            seen.add(p["id"])
            out.append(summary(p))
    return out[:limit]


def count(store: Store) -> int:
    return store.count(PATIENTS)
