"""Malaria cases (episodes) from a patient's malaria tests, as the malaria programme counts them: the rule
is shared with the centre and lives in sync/health_rules.py (``patient_cases``)."""

from __future__ import annotations

from sync.health_rules import FOLLOW_UP_DAYS, Episode, Test, patient_cases  # noqa: F401

from . import casetypes  # noqa: F401  (installs the office's rules file before any case is counted)
