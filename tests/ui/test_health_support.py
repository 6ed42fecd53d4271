"""Shared fixtures for the health screens' tests: the real puskesmas store of the health unit tests
(PKM-TIMIKA with nakes, kepala, admin and operator users), its TaskManager and the main window.
No tests here; import the fixtures with ``from tests.ui.test_health_support import *``-style imports.
"""
# ruff: noqa: F401, F811 - fixtures are re-exported and used by the fixtures below

from __future__ import annotations

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from tests.unit.test_health_support import (
    NIK_MARIA,
    NIK_YANCE,
    add_user,
    nakes,
    patient_fields,
    pkm,
    pkm_dir,
    pkm_template,
    users,
)

NIK_YOSEP = "9404012206700003"  # Mimika, man born 1970-06-22


@pytest.fixture
def pkm_manager(pkm, qapp):
    from desktop.tasks import TaskManager

    manager = TaskManager(pkm)
    yield manager
    manager.shutdown()


@pytest.fixture
def operator(users) -> dict:
    return users["loket"]


@pytest.fixture
def pkm_window(qtbot, pkm, pkm_manager, nakes):
    from desktop.ui.main_window import MainWindow

    window = MainWindow(pkm, pkm_manager, nakes)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.waitUntil(lambda: window.app_filters_installed)  # and what waits for the first screen (Impor/Ekspor)
    return window


def active(qtbot, window):
    """Keyboard shortcuts go to the active window: wait until it is, for widgets and for Qt's own window
    (the two are told apart by a queued event, which a loaded machine can delay)."""
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window
                    and QGuiApplication.focusWindow() is window.windowHandle())
    return window


def register(store, user, **fields) -> dict:
    from desktop.domain.health import patients

    change = patients.register_patient(store, user, patient_fields(**fields), confirmed_new=True)
    return store.get("patients", change.record_id)


def audit_opens(store, patient_id: str) -> int:
    return store.read().execute(
        "SELECT count(*) FROM audit WHERE collection = 'patients' AND record_id = ? AND action = 'open'",
        (patient_id,)).fetchone()[0]
