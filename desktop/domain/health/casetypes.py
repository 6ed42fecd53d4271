"""Kasus baru/lama per diagnosis and kunjungan baru/lama per unit, derived from a patient's visit history.

Nothing here is stored: the LB1, the malaria register and the visit form compute case types when they
need them, over the visits as they are now. So a visit added, back-dated, edited, deleted or arriving by
sync from another PC gives every later visit the right case type at the next report.

The rules are data (resources/reference/case_rules.json, with their sources): per ICD-10 category an
acute *episode* window (default 30 days since the last visit for it; malaria 28 days from the start of
the case) or a *chronic* condition (new once per patient, or once a year). A nurse's override of one
diagnosis (``kasus`` with ``kasus_alasan``) wins, and the history after it follows the override.

Pure Python over plain dicts (no store, no Qt), so the centre can count with the same rules.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass

from desktop.domain.reference import load_reference

KASUS = ("baru", "lama")


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


_loaded: dict = {}  # the rules file as last read, and what is built from it


def _rules() -> tuple[dict, dict[str, dict]]:
    # load_reference caches the file and forgets it when IT pushes a new copy (configuration push);
    # what is built from it here is rebuilt whenever it hands back a different copy
    data = load_reference("case_rules")
    if _loaded.get("data") is not data:
        _loaded.clear()
        _loaded.update(data=data, by_category={cat: g for g in data["groups"] for cat in g["categories"]},
                       rules={})
    return _loaded["data"], _loaded["by_category"]


def clear_cache() -> None:
    _loaded.clear()


def rule_for(code: str) -> Rule:
    _rules()
    category = code[:3]
    rules = _loaded["rules"]
    if category not in rules:
        rules[category] = _rule_for_category(category)
    return rules[category]


def _rule_for_category(category: str) -> Rule:
    data, by_category = _rules()
    spec = by_category.get(category)
    if spec is None:
        d = data["default"]
        return Rule(category, "episode", int(d.get("window_days", 30)), d.get("anchor", "last"))
    return Rule(spec["group"], spec["kind"], int(spec.get("window_days", 30)), spec.get("anchor", "last"),
                spec.get("reset", "never"))


def group_name(code: str, lang: str = "id") -> str | None:
    """The rule group's name ("Hipertensi") when the code belongs to a named group."""
    spec = _rules()[1].get(code[:3])
    return spec["name"][lang] if spec else None


def rules_document() -> dict:
    """The whole rules file (for HEALTH.md checks and the centre)."""
    return _rules()[0]


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


def derive(history: Iterable[dict]) -> dict[str, dict[str, CaseType]]:
    """Case type of every diagnosis of one patient's visits: ``{visit id: {code: CaseType}}``.

    ``history`` is all of the patient's (not deleted) visits up to the last one of interest, in any order.
    Diagnoses of one visit that fall in the same rule group are one illness: they share one case type.
    """
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
            rule = rule_for(code)
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
