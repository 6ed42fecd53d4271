"""Malaria cases (episodes) from a patient's malaria tests, as the malaria programme counts them.

A positive test starts a case unless it falls in the follow-up period of the patient's current case
(28 days from the case's first positive test: the malaria rule in resources/reference/case_rules.json).
Every test inside that period — the microscopy that confirms an RDT the same day, the controls on days
3, 7, 14 and 28, positive or negative — is a follow-up of that case, not a new case and not a new
person tested. A negative test outside any case is a person tested and found negative.

Pure Python over visit dicts (``malaria`` as a dict or JSON text); derived at read like casetypes.py.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field

from .casetypes import rule_for, visit_order

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


def _malaria(visit: dict) -> dict | None:
    value = visit.get("malaria")
    if isinstance(value, str):
        value = json.loads(value) if value else None
    return value if isinstance(value, dict) and value.get("pemeriksaan") else None


def patient_cases(history: Iterable[dict]) -> tuple[list[Episode], list[Test]]:
    """(cases, diagnostic tests) of one patient's visits: diagnostic tests are the tests that are not a
    follow-up of a case (each case's first test among them)."""
    window = rule_for("B50").window_days
    cases: list[Episode] = []
    diagnostic: list[Test] = []
    current: Episode | None = None
    for visit in sorted(history, key=visit_order):
        m = _malaria(visit)
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
