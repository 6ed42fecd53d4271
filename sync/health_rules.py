"""The puskesmas counting rules the desktop's LB1 and malaria register and the centre's Dinkes pages share:
kasus baru/lama per diagnosis, kunjungan baru/lama per unit, LB1 age groups, malaria cases (episodes), and
how one patient's visits become LB1 entries.

Case types are derived, never stored: from a patient's visit history as it is now, by the rules in
resources/reference/case_rules.json (with their sources): per ICD-10 category an acute *episode* window
(default 30 days since the last visit for it; malaria 28 days from the start of the case) or a *chronic*
condition (new once per patient, or once a year). A nurse's override of one diagnosis (``kasus`` with
``kasus_alasan``) wins, and the history after it follows the override.

LB1 age groups (12): 0–7 hari, 8–28 hari, 1–11 bulan, 1–4, 5–9, 10–14, 15–19, 20–44, 45–54, 55–59,
60–69, 70+ tahun — the columns of the LB1 form of the puskesmas reporting system (SP2TP/SP3, carried on
in the SIKDA Generik and e-Puskesmas LB1 exports; Permenkes 31/2019 keeps LB1 as the monthly morbidity
report). Bounds: 0–7 days, 8–28 days, 29 days up to the first birthday, then full years. A patient
registered with an age instead of a birth date (``umur_tahun`` stated on ``umur_tanggal``) ages with the
calendar; a baby needs a birth date (days cannot be estimated from a year count).

A malaria positive test starts a case unless it falls in the follow-up period of the patient's current
case (the malaria rule's window from the case's first positive test). Every test inside that period is a
follow-up of that case, not a new case and not a new person tested.

Pure Python over plain dicts: no store, no Qt, no desktop imports. Which rules file is read is pluggable:
the desktop reads the office's pushed copy (``use_loader``); the centre passes a ``RuleBook`` of its own.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache

from sync.schema import resources_dir

KASUS = ("baru", "lama")
SEXES = ("L", "P")


# --- the rules file ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Rule:
    group: str  # what counts as "the same illness": a rule group, or the ICD-10 category itself
    kind: str  # "episode" | "chronic"
    window_days: int = 30
    anchor: str = "last"  # episode window counted from the "last" visit for it, or from the case's "start"
    reset: str = "never"  # chronic: new once "never" again, or once a "year"


@dataclass(frozen=True)
class CaseType:
    code: str
    auto: str  # what the rules give
    kasus: str  # what counts: the override when there is one, else ``auto``
    override: str | None = None
    reason: str | None = None  # the nurse's reason for the override
    rule: str = "episode"  # kind of rule that applied ("episode" | "chronic")
    since: str | None = None  # for "lama": the date of the visit it continues (or the first diagnosis)


class RuleBook:
    """One version of case_rules.json, with the rule of each ICD-10 category looked up once."""

    def __init__(self, data: dict):
        self.data = data
        self._by_category = {cat: g for g in data["groups"] for cat in g["categories"]}
        self._rules: dict[str, Rule] = {}

    def rule_for(self, code: str) -> Rule:
        category = code[:3]
        rule = self._rules.get(category)
        if rule is None:
            rule = self._rules[category] = self._rule_for_category(category)
        return rule

    def _rule_for_category(self, category: str) -> Rule:
        spec = self._by_category.get(category)
        if spec is None:
            d = self.data["default"]
            return Rule(category, "episode", int(d.get("window_days", 30)), d.get("anchor", "last"))
        return Rule(spec["group"], spec["kind"], int(spec.get("window_days", 30)), spec.get("anchor", "last"),
                    spec.get("reset", "never"))

    def group_name(self, code: str, lang: str = "id") -> str | None:
        spec = self._by_category.get(code[:3])
        return spec["name"][lang] if spec else None


@cache
def bundled_rules() -> dict:
    """resources/reference/case_rules.json as shipped."""
    with (resources_dir() / "reference" / "case_rules.json").open(encoding="utf-8") as f:
        return json.load(f)


_loader: Callable[[], dict] = bundled_rules
_book: RuleBook | None = None


def use_loader(loader: Callable[[], dict]) -> None:
    """Where the default rules come from (the desktop: the office's pushed copy, else the bundled file).
    The loader may cache; a different object handed back rebuilds the rule book."""
    global _loader, _book
    _loader, _book = loader, None


def rule_book() -> RuleBook:
    global _book
    data = _loader()
    if _book is None or _book.data is not data:
        _book = RuleBook(data)
    return _book


def clear_cache() -> None:
    global _book
    _book = None
    bundled_rules.cache_clear()


def rule_for(code: str) -> Rule:
    return rule_book().rule_for(code)


def group_name(code: str, lang: str = "id") -> str | None:
    """The rule group's name ("Hipertensi") when the code belongs to a named group."""
    return rule_book().group_name(code, lang)


def rules_document() -> dict:
    """The whole rules file (for HEALTH.md checks and the centre)."""
    return rule_book().data


# --- case types ----------------------------------------------------------------------------------------

def diagnoses_of(visit: dict) -> list[dict]:
    value = visit.get("diagnosa")
    if isinstance(value, str):
        value = json.loads(value) if value else None
    return [d for d in value or [] if isinstance(d, dict) and d.get("kode")]


def override_of(diagnosis: dict) -> str | None:
    """A diagnosis's own kasus counts only with a reason: older versions stored a kasus they computed once
    (and never again); those are ignored, the history decides."""
    kasus = diagnosis.get("kasus")
    if kasus is None:
        return None
    if kasus in KASUS and str(diagnosis.get("kasus_alasan") or "").strip():
        return kasus
    return None


def visit_order(visit: dict) -> tuple:
    """Visits in the order they happened: date, arrival time, then when they were recorded."""
    return (visit.get("tanggal") or "", visit.get("jam_datang") or "", visit.get("created_at") or "",
            visit.get("id") or "")


def derive(history: Iterable[dict], rules: RuleBook | None = None) -> dict[str, dict[str, CaseType]]:
    """Case type of every diagnosis of one patient's visits: ``{visit id: {code: CaseType}}``.

    ``history`` is all of the patient's (not deleted) visits up to the last one of interest, in any order.
    Diagnoses of one visit that fall in the same rule group are one illness: they share one case type.
    """
    book = rules or rule_book()
    state: dict[str, dict] = {}  # group -> {"start": date, "last": date, "first": date}
    out: dict[str, dict[str, CaseType]] = {}
    for visit in sorted(history, key=visit_order):
        try:
            day = dt.date.fromisoformat(visit.get("tanggal"))
        except (TypeError, ValueError):
            continue
        per_group: dict[str, tuple[str, str | None]] = {}  # group -> (auto, since)
        final: dict[str, str] = {}  # group -> what counts for the illness on this visit
        result: dict[str, CaseType] = {}
        for d in diagnoses_of(visit):
            code = d["kode"]
            rule = book.rule_for(code)
            if rule.group not in per_group:
                per_group[rule.group] = _auto(rule, state.get(rule.group), day)
            auto, since = per_group[rule.group]
            override = override_of(d)
            kasus = override or auto
            result[code] = CaseType(code, auto, kasus, override,
                                    (d.get("kasus_alasan") or None) if override else None, rule.kind,
                                    since if kasus == "lama" else None)
            if kasus == "baru" or rule.group not in final:
                final[rule.group] = kasus
        for group, kasus in final.items():
            s = state.get(group)
            if s is None:
                state[group] = {"first": day, "start": day, "last": day}
                continue
            if kasus == "baru":
                s["start"] = day
            s["last"] = day
        out[visit["id"]] = result
    return out


def _auto(rule: Rule, seen: dict | None, day: dt.date) -> tuple[str, str | None]:
    if seen is None:
        return "baru", None
    if rule.kind == "chronic":
        first = seen["first"]
        if rule.reset == "year" and seen["last"].year != day.year:
            return "baru", None
        return "lama", first.isoformat()
    anchor = seen["start"] if rule.anchor == "start" else seen["last"]
    if (day - anchor).days <= rule.window_days:
        return "lama", anchor.isoformat()
    return "baru", None


def unit_visit_kinds(history: Iterable[dict]) -> dict[str, str]:
    """Kunjungan baru/lama per unit for one patient's visits: ``{visit id: "baru"|"lama"}``.

    New for a unit is the patient's first visit to that unit in the calendar year (case_rules.json
    ``unit_visit``); every later visit that year to that unit is old.
    """
    seen: set[tuple[str, str]] = set()
    out = {}
    for visit in sorted(history, key=visit_order):
        key = ((visit.get("tanggal") or "")[:4], visit.get("unit") or "")
        out[visit["id"]] = "lama" if key in seen else "baru"
        seen.add(key)
    return out


def by_patient(visits: Iterable[dict]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for v in visits:
        out.setdefault(v.get("patient_id") or "", []).append(v)
    return out


# --- ages ----------------------------------------------------------------------------------------------

AGE_GROUPS: tuple[tuple[str, str, str], ...] = (
    ("0-7h", "0–7 hari", "0–7 days"),
    ("8-28h", "8–28 hari", "8–28 days"),
    ("1-11b", "1–11 bulan", "1–11 months"),
    ("1-4t", "1–4 tahun", "1–4 years"),
    ("5-9t", "5–9 tahun", "5–9 years"),
    ("10-14t", "10–14 tahun", "10–14 years"),
    ("15-19t", "15–19 tahun", "15–19 years"),
    ("20-44t", "20–44 tahun", "20–44 years"),
    ("45-54t", "45–54 tahun", "45–54 years"),
    ("55-59t", "55–59 tahun", "55–59 years"),
    ("60-69t", "60–69 tahun", "60–69 years"),
    ("70+t", "70+ tahun", "70+ years"),
)
AGE_GROUP_CODES = tuple(g[0] for g in AGE_GROUPS)
_YEAR_BOUNDS = ((1, 4, "1-4t"), (5, 9, "5-9t"), (10, 14, "10-14t"), (15, 19, "15-19t"), (20, 44, "20-44t"),
                (45, 54, "45-54t"), (55, 59, "55-59t"), (60, 69, "60-69t"))


@dataclass(frozen=True)
class Age:
    years: int
    days: int | None  # known only with a birth date

    def text(self, lang: str = "id") -> str:
        if self.days is not None and self.years == 0:
            if self.days < 29:
                return f"{self.days} hari" if lang == "id" else f"{self.days} days"
            months = max(1, self.days // 30)
            return f"{months} bulan" if lang == "id" else f"{months} months"
        return f"{self.years} tahun" if lang == "id" else f"{self.years} years"


def _date(value) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def full_years(start: dt.date, end: dt.date) -> int:
    years = end.year - start.year
    if (end.month, end.day) < (start.month, start.day):
        years -= 1
    return years


def age_on(patient: dict, day: dt.date | str) -> Age | None:
    """The patient's age on ``day``; None when neither a birth date nor an age is known."""
    day = _date(day)
    if day is None:
        return None
    born = _date(patient.get("tanggal_lahir"))
    if born is not None:
        if born > day:
            return Age(0, 0)  # a visit recorded before the birth date: a typing error, counted as newborn
        return Age(full_years(born, day), (day - born).days)
    years = patient.get("umur_tahun")
    if years is None:
        return None
    stated = _date(patient.get("umur_tanggal"))
    if stated is not None and day > stated:
        years += full_years(stated, day)
    return Age(int(years), None)


def group_of(age: Age | None) -> str | None:
    """The LB1 age group code of ``age``; None when it cannot be placed (no age, or a baby without birth date)."""
    if age is None:
        return None
    if age.years == 0:
        if age.days is None:
            return None
        if age.days <= 7:
            return "0-7h"
        if age.days <= 28:
            return "8-28h"
        return "1-11b"
    for low, high, code in _YEAR_BOUNDS:
        if low <= age.years <= high:
            return code
    return "70+t"


def lb1_group(patient: dict, day: dt.date | str) -> str | None:
    return group_of(age_on(patient, day))


# --- LB1 entries -----------------------------------------------------------------------------------------

EXCLUDED_REASONS = {"pasien_tidak_ada": ("pasien tidak ditemukan", "patient not found"),
                    "jenis_kelamin": ("jenis kelamin kosong", "sex missing"),
                    "umur": ("umur tidak diketahui (bayi tanpa tanggal lahir)", "age unknown (baby without birth date)")}


@dataclass(frozen=True)
class Lb1Entry:
    """One diagnosis of one visit as the LB1 counts it; ``excluded`` names why it cannot be placed."""
    visit: dict
    code: str  # as recorded (B50.9)
    kasus: str
    sex: str | None
    age_group: str | None
    excluded: str | None = None


def lb1_entries(history: list[dict], patient: dict | None, first: str, last: str,
                rules: RuleBook | None = None) -> Iterator[Lb1Entry]:
    """The LB1 entries of one patient's visits dated ``first``..``last``; ``history`` holds every visit of the
    patient up to ``last`` (the case types depend on the earlier ones)."""
    kinds = derive(history, rules)
    groups: dict[str, str | None] = {}  # visit date -> age group
    for visit in history:
        if not first <= (visit.get("tanggal") or "") <= last:
            continue
        for d in diagnoses_of(visit):
            case = kinds.get(visit["id"], {}).get(d["kode"])
            kasus = case.kasus if case else "baru"
            if patient is None:
                yield Lb1Entry(visit, d["kode"], kasus, None, None, "pasien_tidak_ada")
                continue
            sex = patient.get("jenis_kelamin")
            if sex not in SEXES:
                yield Lb1Entry(visit, d["kode"], kasus, None, None, "jenis_kelamin")
                continue
            day = visit["tanggal"]
            if day not in groups:
                groups[day] = lb1_group(patient, day)
            if groups[day] is None:
                yield Lb1Entry(visit, d["kode"], kasus, sex, None, "umur")
                continue
            yield Lb1Entry(visit, d["kode"], kasus, sex, groups[day])


# --- malaria cases ---------------------------------------------------------------------------------------

FOLLOW_UP_DAYS = (3, 7, 14, 28)  # hari ke-3/7/14/28 of the national register


@dataclass
class Test:
    visit_id: str
    tanggal: str
    pemeriksaan: str | None
    hasil: str | None
    spesies: str | None
    pengobatan: str | None
    primakuin: bool
    unit: str | None
    day: int = 0  # days since the case's start (0 for the test that starts it or a diagnostic test)

    @property
    def slot(self) -> int | None:
        """The register's follow-up column (hari ke-3/7/14/28) nearest to this test; None on the first days."""
        if self.day < 2:
            return None
        return min(FOLLOW_UP_DAYS, key=lambda d: (abs(d - self.day), -d))


@dataclass
class Episode:
    patient_id: str
    first: Test
    follow_ups: list[Test] = field(default_factory=list)

    @property
    def start(self) -> str:
        return self.first.tanggal

    @property
    def species(self) -> str | None:
        """The species of the first test that names one (an RDT Pan result may be named by microscopy)."""
        for t in [self.first, *self.follow_ups]:
            if t.hasil == "positif" and t.spesies:
                return t.spesies
        return None

    @property
    def treatment(self) -> str | None:
        return next((t.pengobatan for t in [self.first, *self.follow_ups] if t.pengobatan), None)

    @property
    def primakuin(self) -> bool:
        return any(t.primakuin for t in [self.first, *self.follow_ups])


def malaria_of(visit: dict) -> dict | None:
    value = visit.get("malaria")
    if isinstance(value, str):
        value = json.loads(value) if value else None
    return value if isinstance(value, dict) and value.get("pemeriksaan") else None


def patient_cases(history: Iterable[dict], rules: RuleBook | None = None) -> tuple[list[Episode], list[Test]]:
    """(cases, diagnostic tests) of one patient's visits: diagnostic tests are the tests that are not a
    follow-up of a case (each case's first test among them)."""
    window = (rules or rule_book()).rule_for("B50").window_days
    cases: list[Episode] = []
    diagnostic: list[Test] = []
    current: Episode | None = None
    for visit in sorted(history, key=visit_order):
        m = malaria_of(visit)
        if m is None:
            continue
        test = Test(visit["id"], visit["tanggal"], m.get("pemeriksaan"), m.get("hasil"), m.get("spesies"),
                    m.get("pengobatan") or None, bool(m.get("primakuin")), visit.get("unit"))
        day = dt.date.fromisoformat(test.tanggal)
        if current is not None and (day - dt.date.fromisoformat(current.start)).days <= window:
            test.day = (day - dt.date.fromisoformat(current.start)).days
            current.follow_ups.append(test)
            continue
        diagnostic.append(test)
        if test.hasil == "positif":
            current = Episode(visit["patient_id"], test)
            cases.append(current)
    return cases, diagnostic
