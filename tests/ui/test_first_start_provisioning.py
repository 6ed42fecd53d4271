"""First start from IT's provisioning file, against the real server: the clerk types no URL."""

from __future__ import annotations

import json

import pytest
from PySide6.QtWidgets import QWizard

from desktop.domain import office, open_store, syncing, users
from desktop.tasks import TaskManager
from desktop.ui.first_start import FirstStartWizard
from tests.integration.conftest import ServerProc


@pytest.fixture
def fresh(tmp_path, qapp, monkeypatch):
    monkeypatch.setenv("LAYAN_TOKEN_STORE", "file")
    store = open_store(tmp_path / "fresh")
    manager = TaskManager(store)
    yield store
    manager.shutdown()
    store.close()


@pytest.fixture
def server(tmp_path):
    proc = ServerProc(tmp_path / "server").start()
    yield proc
    proc.stop()


def finish(qtbot, wizard):
    wizard.next()
    admin = wizard.admin_page
    qtbot.keyClicks(admin.username, "operator")
    qtbot.keyClicks(admin.password, "rahasia1")
    qtbot.keyClicks(admin.password2, "rahasia1")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: wizard.result() == QWizard.DialogCode.Accepted, timeout=60_000)


def test_provisioning_file_sets_up_and_enrolls_the_office(qtbot, fresh, server, tmp_path):
    code = server.new_office()
    path = tmp_path / "layan-provision.json"
    server.cli("provision-file", "--office", code, "-o", str(path), "--server-url", server.url)
    wizard = FirstStartWizard(fresh)
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.office_page
    assert page.use_provisioning_file(path)
    assert page.code.text() == code and not page.code.isEnabled()
    assert server.url in page.provision_status.text()
    finish(qtbot, wizard)
    assert fresh.office()["code"] == code
    assert syncing.is_enrolled(fresh) and fresh.meta(syncing.SERVER_META) == server.url
    assert users.authenticate(fresh, "operator", "rahasia1") is not None


def test_a_bad_file_is_explained_and_changes_nothing(qtbot, fresh, tmp_path):
    path = tmp_path / "rusak.json"
    path.write_text(json.dumps({"format": "something else"}), encoding="utf-8")
    wizard = FirstStartWizard(fresh)
    qtbot.addWidget(wizard)
    page = wizard.office_page
    assert not page.use_provisioning_file(path)
    assert page.provision_status.text()  # the reasons, in the user's language
    assert page.code.isEnabled() and page.plan is None
    assert not office.is_initialized(fresh)


def test_no_link_today_still_sets_up_the_office(qtbot, fresh, server, tmp_path):
    code = server.new_office()
    path = tmp_path / "layan-provision.json"
    server.cli("provision-file", "--office", code, "-o", str(path), "--server-url", server.url)
    server.stop()  # the VSAT is down on installation day
    wizard = FirstStartWizard(fresh)
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.office_page.use_provisioning_file(path)
    finish(qtbot, wizard)
    assert fresh.office()["code"] == code
    assert not syncing.is_enrolled(fresh)
    assert wizard.provisioning_notes  # the clerk is told enrollment must be done later
