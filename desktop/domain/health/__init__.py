"""Puskesmas health records: patients, visits per ILP unit, malaria, ICD-10, monthly reports (LB1),
SATUSEHAT-ready FHIR export, and the access rules for health data (UU 27/2022, PMK 24/2022).

No Qt here. Every function that reads or writes patient data takes the logged-in ``user`` (a dict
as returned by ``desktop.domain.users.authenticate``) and checks ``access.require_health_role``.
See docs/HEALTH.md.
"""

from . import access, ages, fhir, icd10, malaria, patients, reports, tables, units, visits
from .access import AccessDenied, require_health_role
from .patients import DuplicatePatients, find_duplicates

__all__ = ["AccessDenied", "DuplicatePatients", "access", "ages", "fhir", "find_duplicates", "icd10", "malaria",
           "patients", "reports", "require_health_role", "tables", "units", "visits"]
