"""Special personal data in the audit trail and at the access checks (UU 27/2022)."""

from __future__ import annotations

import json

import pytest
import sqlite_utils

from desktop.domain import privacy, services
from desktop.domain.health import access
from desktop.store import db
from tests.unit.test_services_samples import TODAY, sample

NIK = "9404014101900001"
NEW_NIK = "9404014101900002"


def audit_text(store) -> str:
    return "\n".join(r[0] or "" for r in store.read().execute("SELECT changes FROM audit"))


def test_the_audit_keeps_which_special_fields_changed_not_their_values(store):
    request = services.new_request(store, "domisili", sample("domisili", nik=NIK), actor="admin", today=TODAY)
    with store.transaction() as tx:
        tx.save("service_requests", {"nik": NEW_NIK, "keperluan": "melamar kerja"}, record_id=request["id"],
                actor="admin")
    text = audit_text(store)
    assert NIK not in text and NEW_NIK not in text
    (last,) = store.read().execute("SELECT changes FROM audit WHERE action = 'update'").fetchall()
    changes = json.loads(last[0])
    assert changes["nik"] == ["•••", "•••"]  # the field's name stays: who changed the NIK, and when
    assert changes["keperluan"][1] == "melamar kerja"  # ordinary fields keep their values


def test_old_audit_rows_with_nik_or_health_values_are_redacted_by_the_migration(store):
    with store.transaction() as tx:
        tx.execute("INSERT INTO audit(at, actor, collection, record_id, action, changes) VALUES "
                   "('2026-01-01', 'admin', 'visits', 'v1', 'create', ?), "
                   "('2026-01-01', 'admin', 'service_requests', 'r1', 'update', ?), "
                   "('2026-01-01', 'admin', 'letters', 'l1', 'update', ?)",
                   (json.dumps({"diagnosa": [None, "B20 HIV positif"]}), json.dumps({"nik": [NIK, NEW_NIK]}),
                    json.dumps({"perihal": ["a", "b"]})))
    db.m009_redact_special_audit(sqlite_utils.Database(store._write_conn))
    text = audit_text(store)
    assert "HIV" not in text and NIK not in text and NEW_NIK not in text
    assert '"perihal": ["a", "b"]' in text


def test_a_user_with_a_blank_office_is_no_wildcard(store):
    office = store.office()
    with store.transaction() as tx:
        tx.set_meta("office_kind", "puskesmas")
    nurse = {"username": "n", "role": "nakes", "active": 1, "office_id": ""}
    with pytest.raises(access.AccessDenied):
        access.require_health_role(nurse, store)
    with pytest.raises(privacy.AccessDenied):
        privacy.require_role({**nurse, "role": "operator"}, store, privacy.CITIZEN_DATA_ROLES)
    privacy.require_role({**nurse, "role": "operator", "office_id": office["code"]}, store, privacy.CITIZEN_DATA_ROLES)


def test_masked_nik_shows_only_its_ends():
    assert privacy.masked_nik(NIK) == "9404********0001"
