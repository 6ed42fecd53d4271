"""A patient's age on a given day, and the LB1 age groups: the rules shared with the centre live in
sync/health_rules.py (its docstring gives the groups and their source)."""

from __future__ import annotations

from sync.health_rules import (  # noqa: F401  (the desktop's names for the shared rules)
    AGE_GROUP_CODES,
    AGE_GROUPS,
    Age,
    age_on,
    full_years,
    group_of,
    lb1_group,
)
