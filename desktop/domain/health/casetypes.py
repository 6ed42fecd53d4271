"""Kasus baru/lama per diagnosis and kunjungan baru/lama per unit, derived from a patient's visit history.

Nothing here is stored: the LB1, the malaria register and the visit form compute case types when they
need them, over the visits as they are now. So a visit added, back-dated, edited, deleted or arriving by
sync from another PC gives every later visit the right case type at the next report.

The rules themselves live in sync/health_rules.py, so that the centre counts by the same rules; here they
read the office's copy of resources/reference/case_rules.json (a configuration push replaces it).
"""

from __future__ import annotations

from desktop.domain.reference import load_reference
from sync import health_rules
from sync.health_rules import (  # noqa: F401  (the desktop's names for the shared rules)
    KASUS,
    CaseType,
    Rule,
    by_patient,
    derive,
    diagnoses_of,
    group_name,
    override_of,
    rule_for,
    rules_document,
    unit_visit_kinds,
    visit_order,
)

# load_reference caches the file and forgets it when IT pushes a new copy (configuration push); the rule
# book is rebuilt whenever it hands back a different copy
health_rules.use_loader(lambda: load_reference("case_rules"))


def clear_cache() -> None:
    health_rules.clear_cache()
