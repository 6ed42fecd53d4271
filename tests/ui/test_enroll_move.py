""""Daftarkan ulang…" on an enrolled PC, to ANOTHER server: the dialog shows the old and the new server
and the changes not yet sent, asks for an admin's login and a USB folder, writes those changes to a
USB sync file and only then enrolls anew. Real servers, real store, real widgets offscreen."""

from __future__ import annotations

import pytest

from desktop.domain import letters, syncing
from desktop.ui.sync.page import SyncPage
from sync import usb
from tests.integration.conftest import ServerProc
from tests.ui.test_sync_page import MASUK, SYNC_TIMEOUT, enroll_code, make_pc, new_office, pcs  # noqa: F401


@pytest.fixture(autouse=True)
def token_file(monkeypatch):
    monkeypatch.setenv("LAYAN_TOKEN_STORE", "file")


def test_moving_to_another_server_takes_an_admin_and_a_usb_folder(qtbot, tmp_path, pcs):  # noqa: F811
    old, new = ServerProc(tmp_path / "old").start(), ServerProc(tmp_path / "new").start()
    try:
        code = new_office(old)
        new.storage.add_office(code, f"Kantor {code}", "distrik")
        pc = pcs(make_pc(old, tmp_path / "pc1", code))
        letters.register_incoming(pc.store, MASUK, actor="admin")
        page = SyncPage(pc.store, pc.manager, pc.user)
        qtbot.addWidget(page)
        page.show()
        qtbot.waitUntil(lambda: page.info is not None and page.info["enrolled"])
        dialog = page.open_enroll_dialog()
        assert not dialog.move_info.isVisible() and not dialog.admin.isVisible()  # same server: plain re-enroll
        dialog.server.setText(new.url)
        assert dialog.move_info.isVisible() and dialog.admin.isVisible()
        text = dialog.move_info.text()
        assert old.url in text and new.url in text and "belum terkirim: 1" in text

        dialog.code.setText(enroll_code(new, code))
        dialog.enroll_button.click()  # no admin login: refused before anything happens
        assert dialog.form.errors["admin"].text() == "Pindah server memerlukan login admin."
        dialog.admin.setText("admin")
        dialog.admin_password.setText("rahasia1")
        dialog.enroll_button.click()  # no USB folder for the waiting change
        assert "folder USB" in dialog.form.errors["usb_folder"].text()
        assert pc.store.meta(syncing.SERVER_META) == old.url

        dialog.form.clear_errors()
        dialog.usb_folder.setText(str(tmp_path / "stick"))
        dialog.admin_password.setText("rahasia1")
        with qtbot.waitSignal(page.scheduler.finished, timeout=SYNC_TIMEOUT):
            dialog.enroll_button.click()
        assert dialog.enrollment is not None
        assert str(tmp_path / "stick") in dialog.status.text()
        assert len(usb.bundle_files(tmp_path / "stick", usb.REQUEST_SUFFIX)) == 1
        assert pc.store.meta(syncing.SERVER_META) == new.url
    finally:
        old.stop()
        new.stop()
