"""Finding 2: an unsigned provisioning file, or one made by any other layan-server, took an enrolled PC
over (re-enrolled it elsewhere and replaced its update root). Now an enrolled PC takes only a file
signed by the key its own update root names, and provisioning never changes that root."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("tuf", reason="tuf is not installed (see docs/UPDATES.md, dependencies)")

from desktop import provisioning, updates  # noqa: E402
from desktop.domain import open_store, syncing  # noqa: E402
from sync import provision_sig  # noqa: E402
from sync.server.releases import Repository, provisioning_file  # noqa: E402
from sync.server.storage import Storage  # noqa: E402
from tests.integration.conftest import ServerProc  # noqa: E402
from tests.integration.updates_helpers import UpdateServer  # noqa: E402


@pytest.fixture(autouse=True)
def token_file(monkeypatch):
    monkeypatch.setenv("LAYAN_TOKEN_STORE", "file")


@pytest.fixture(scope="module")
def up(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("provision-trust")
    server = ServerProc(tmp / "server").start()
    yield UpdateServer(server, tmp)
    server.stop()


def file_from(up, office: str, tmp_path, name: str) -> dict:
    path = tmp_path / f"{name}.json"
    up.server.cli("provision-file", "--office", office, "-o", str(path), "--server-url", up.server.url)
    return json.loads(path.read_text())


def foreign_file(tmp_path, office: str) -> dict:
    """A file made by another layan-server (its own release keys), for an office of the same code."""
    other = tmp_path / "other-server"
    repo = Repository(other)
    repo.init_keys()
    storage = Storage.open(other)
    try:
        storage.add_office(office, "Kantor palsu", "distrik")
        return provisioning_file(storage, repo, office, "https://layan.evil.example")
    finally:
        storage.close()


def refused(store, body: dict, words: str) -> None:
    with pytest.raises(provisioning.ProvisioningError) as err:
        provisioning.apply(provisioning.validate(body), store)
    assert words in err.value.message, err.value.message


def test_an_enrolled_pc_takes_only_files_signed_by_its_own_update_root(up, tmp_path):
    office = up.office()
    store = open_store(tmp_path / "pc")
    try:
        result = provisioning.apply(provisioning.validate(file_from(up, office, tmp_path, "first")), store)
        assert result.enrolled
        root_path = updates.updates_dir(store.data_dir) / updates.BOOTSTRAP_ROOT
        root_before = root_path.read_bytes()
        server_before = store.meta(syncing.SERVER_META)

        refused(store, foreign_file(tmp_path, office), "tidak ditandatangani")
        unsigned = file_from(up, office, tmp_path, "unsigned")
        del unsigned[provision_sig.SIGNATURES]
        refused(store, unsigned, "tidak ditandatangani")
        changed = file_from(up, office, tmp_path, "changed")
        changed["settings"] = {"numbering_template": "{nomor}/PALSU/{tahun}"}
        refused(store, changed, "tidak ditandatangani")
        assert root_path.read_bytes() == root_before
        assert store.meta(syncing.SERVER_META) == server_before
        assert store.meta("numbering_template") != "{nomor}/PALSU/{tahun}"

        # A genuine file is fine, even after the server's keys were rotated (the file carries the
        # chain of roots); the PC's own root still changes only through TUF.
        assert provisioning.apply(provisioning.validate(file_from(up, office, tmp_path, "again")), store).enrolled
        up.server.cli("release", "rotate-keys")
        rotated = file_from(up, office, tmp_path, "rotated")
        assert rotated["update_root"]["signed"]["version"] == 2
        assert provisioning.apply(provisioning.validate(rotated), store).enrolled
        assert root_path.read_bytes() == root_before
    finally:
        store.close()


def test_an_enrolled_pc_is_not_moved_to_another_server_by_a_file(up, tmp_path):
    office = up.office()
    store = open_store(tmp_path / "pc")
    try:
        provisioning.apply(provisioning.validate(file_from(up, office, tmp_path, "first")), store)
        path = tmp_path / "elsewhere.json"
        up.server.cli("provision-file", "--office", office, "-o", str(path), "--server-url", "https://127.0.0.2:1")
        refused(store, json.loads(path.read_text()), "Daftarkan ulang")
    finally:
        store.close()


def test_a_new_pc_refuses_a_file_whose_signature_does_not_match_its_own_root(up, tmp_path):
    office = up.office()
    body = file_from(up, office, tmp_path, "first")
    body["server_url"] = "https://layan.evil.example"
    store = open_store(tmp_path / "pc")
    try:
        refused(store, body, "tidak ditandatangani")
        assert store.office() is None
        assert updates.trusted_root(store.data_dir) is None
    finally:
        store.close()
