"""Every record schema in resources/schema is a valid JSON Schema and declares what the app relies on."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator

from sync.schema import collections, resources_dir

SCHEMA_FILES = sorted((resources_dir() / "schema").glob("*.json"))


@pytest.mark.parametrize("path", SCHEMA_FILES, ids=lambda p: p.name)
def test_schema_is_valid_json_schema(path):
    schema = json.loads(path.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["x-collection"] == path.stem
    for name, spec in schema["properties"].items():
        assert {"id", "en"} <= set(spec.get("x-label", {})), f"{path.name}: {name} needs id/en labels"
    assert set(schema.get("x-fts", [])) <= set(schema["properties"])


def test_all_five_collections_are_declared():
    assert {"letters", "service_requests", "complaints", "patients", "visits"} <= set(collections())
