"""Attachment records through the real server: accepted and shared with the office's other PCs like any
record; a malformed one (a path in its name, an unknown type, a bad sha256) refused with the field.
(The bytes travel on their own: that side is tested with the sync of blobs.)"""

from __future__ import annotations

from tests.integration.conftest import letter, new_id


def attachment(owner_id: str, **over) -> dict:
    fields = {"owner_collection": "letters", "owner_id": owner_id, "name": "undangan.jpg", "mime": "image/jpeg",
              "size": 150_000, "sha256": "ab" * 32, "pages": 1}
    fields.update(over)
    return fields


def test_attachment_records_are_applied_and_reach_the_other_pc(server):
    office = server.new_office()
    a = server.new_device(office)
    owner, rid = new_id(), new_id()
    reply = a.sync(a.mut("letters", owner, letter(1)), a.mut("attachments", rid, attachment(owner, slot="kk")))
    assert [r["status"] for r in reply["results"]] == ["applied", "applied"]
    b = server.new_device(office)
    assert b.pull_all()[rid]["fields"] == attachment(owner, slot="kk")


def test_malformed_attachment_records_are_refused_with_the_field(server):
    a = server.new_device(server.new_office())
    owner = new_id()
    cases = {"name": {"name": "../../etc/passwd"}, "mime": {"mime": "text/html"}, "sha256": {"sha256": "xyz"},
             "owner_collection": {"owner_collection": "users"}, "size": {"size": 0}}
    reply = a.sync(*[a.mut("attachments", new_id(), attachment(owner, **over)) for over in cases.values()])
    assert [r["status"] for r in reply["results"]] == ["rejected"] * len(cases)
    assert [{e["field"] for e in r["errors"]} for r in reply["results"]] == [{field} for field in cases]
