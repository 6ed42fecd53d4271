"""Every main page and form on a 1366×768 laptop with a Windows taskbar (1366×728 usable), at the
scaling the test sets (QT_SCALE_FACTOR): a screenshot of each, and a check of each for the things a
clerk notices at once — a window larger than the screen, a form that scrolls sideways, a label or
button whose text is cut off.

Run by test_fit_screenshots.py in a child process under Xvfb:
``python -m tests.ui.fit_tour OUT_DIR TAG``. Writes fit-TAG-*.png and prints, as its last line,
a JSON object {shot name: [problems]}.
"""

from __future__ import annotations

import json
import sys

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QApplication,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QTextEdit,
    QWidget,
)

SLACK = 2  # pixels of rounding a scaled layout may lose


def showing(widget: QWidget) -> bool:
    return widget.isVisible() and not widget.visibleRegion().isEmpty()


def layout_problems(window: QWidget) -> list[str]:
    """What does not fit in ``window`` as it is shown now."""
    problems = []
    room = (window.screen() or QApplication.primaryScreen()).availableGeometry()
    frame = window.frameGeometry()
    if frame.width() > room.width() + SLACK or frame.height() > room.height() + SLACK:
        problems.append(f"window {frame.width()}×{frame.height()} larger than the screen {room.width()}×{room.height()}")
    layout = window.layout()
    if layout is not None:
        needed = layout.totalMinimumSize()
        if needed.height() > window.height() + SLACK or needed.width() > window.width() + SLACK:
            problems.append(f"content squeezed: needs {needed.width()}×{needed.height()}, "
                            f"has {window.width()}×{window.height()}")
    for area in window.findChildren(QAbstractScrollArea):
        if isinstance(area, (QAbstractItemView, QPlainTextEdit, QTextEdit)) or not showing(area):
            continue  # a register table may scroll sideways; text boxes scroll their text
        if area.horizontalScrollBar().isVisible():
            problems.append(f"scrolls sideways: {area.objectName() or type(area.widget()).__name__}")
        content = area.widget() if isinstance(area, QScrollArea) else None
        if content is not None and content.minimumSizeHint().width() > area.viewport().width() + SLACK:
            problems.append(f"cut off at the right: {type(content).__name__} needs {content.minimumSizeHint().width()}, "
                            f"has {area.viewport().width()}")  # a form that never scrolls sideways
    for label in window.findChildren(QLabel):
        text = label.text().strip()
        if not text or not showing(label) or label.pixmap() is not None and not label.pixmap().isNull():
            continue
        if label.wordWrap():
            if label.height() + SLACK < label.heightForWidth(label.width()):
                problems.append(f"label cut off at the bottom: {text[:60]!r}")
        elif label.width() + SLACK < label.minimumSizeHint().width():
            problems.append(f"label cut off: {text[:60]!r} ({label.width()} < {label.minimumSizeHint().width()})")
    for button in window.findChildren(QAbstractButton):
        if not showing(button) or not button.text().strip() or type(button).__name__ == "QToolButton":
            continue
        if button.width() + SLACK < button.sizeHint().width():
            problems.append(f"button cut off: {button.text()!r} ({button.width()} < {button.sizeHint().width()})")
    return problems


class Tour:
    def __init__(self, app, out, tag):
        self.app, self.out, self.tag = app, out, tag
        self.report: dict[str, list[str]] = {}

    def shot(self, widget: QWidget, name: str, *, wait_ms: int = 250) -> None:
        from tests.ui.screenshot_app import settle, shoot

        settle(self.app, wait_ms)
        for _ in range(5):  # every pending layout done (a loaded machine may lag behind the clock)
            self.app.sendPostedEvents()
            self.app.processEvents()
        shoot(widget, self.out / f"fit-{self.tag}-{name}.png")
        self.report[name] = layout_problems(widget)


def distrik(tour: Tour, scratch) -> None:
    from PySide6.QtCore import QDate

    from desktop.domain import demo, letters, office, open_store, users
    from desktop.tasks import TaskManager
    from desktop.ui.app import LayanApp
    from tests.ui.screenshot_app import wait_until
    from tests.ui.test_services_screenshots import demo_complaints, demo_requests

    app = tour.app
    store = open_store(scratch / "distrik")
    office.initialize(store, code="DST-MB", name="Distrik Mimika Baru", kind="distrik",
                      admin_username="admin", admin_password="rahasia1", admin_full_name="Yohana Kogoya")
    demo.fill(store, actor="admin", count=60)
    newest = store.find(letters.LETTERS, "direction = 'masuk'", order_by="seq DESC", limit=1)[0]
    letters.add_disposition(store, newest["id"], {
        "kepada_list": ["Sekretaris Distrik", "Kasi Pemerintahan"], "instruksi_list": ["Hadiri/wakili"],
        "batas_waktu": QDate.currentDate().addDays(5).toString("yyyy-MM-dd")}, actor="admin")
    ids = demo_requests(store)
    demo_complaints(store)
    manager = TaskManager(store)
    user = next(u for u in users.list_users(store))
    controller = LayanApp(store, manager, user)
    window = controller.show_main_window()  # the first start: maximized
    wait_until(app, lambda: window.isMaximized() and window.isVisible())

    for module in window.modules:
        page = window.show_module(module)
        model = getattr(page, "model", None)
        if model is not None and hasattr(model, "loading"):
            wait_until(app, lambda m=model: not m.loading)
        tour.shot(window, f"distrik-{module.replace('_', '-')}", wait_ms=1200 if module == "sinkronisasi" else 250)

    page = window.show_module("surat_masuk")
    wait_until(app, lambda: not page.model.loading and page.model.rowCount() > 0)
    dialog = page.open_letter(0)
    wait_until(app, lambda: dialog.record is not None and dialog.dispositions is not None)
    tour.shot(dialog, "letter-masuk")
    dialog.tabs.setCurrentWidget(dialog.dispositions)
    wait_until(app, lambda: dialog.dispositions.model.rowCount() > 0 and dialog.dispositions.kepada.list.count())
    tour.shot(dialog, "letter-disposisi")
    dialog.done(0)
    new = page.new_letter()
    new.save()
    wait_until(app, lambda: bool(new.form.error_text("perihal")))
    tour.shot(new, "letter-masuk-errors")
    new._dirty = False
    new.done(0)
    outgoing = window.show_module("surat_keluar").new_letter()
    tour.shot(outgoing, "letter-keluar")
    outgoing.done(0)

    requests = window.show_module("permohonan")
    form = requests.new_record()
    form.service.setCurrentIndex(form.service.findData("sktm"))
    tour.shot(form, "permohonan-form")
    form.done(0)
    detail = requests.open_record(ids["completed"])
    wait_until(app, lambda: getattr(detail, "record", None) is not None)
    tour.shot(detail, "permohonan-detail")
    detail.done(0)

    complaints_page = window.show_module("pengaduan")
    complaint = complaints_page.new_record()
    tour.shot(complaint, "pengaduan-form")
    complaint.done(0)
    wait_until(app, lambda: not complaints_page.model.loading and complaints_page.model.rowCount() > 0)
    shown = complaints_page.open_row(0)
    wait_until(app, lambda: getattr(shown, "record", None) is not None)
    tour.shot(shown, "pengaduan-detail")
    shown.done(0)

    from desktop.ui.login_dialog import LoginDialog

    login = LoginDialog(store)
    login.show()
    login.form.set_error("password", login.tr("Nama pengguna atau kata sandi salah."))
    tour.shot(login, "login-error")
    login.done(0)

    from desktop.ui.lock import ScreenLock

    lock = ScreenLock(manager, user, minutes=0)
    lock.lock()
    lock.dialog.password.setText("salah")
    lock.dialog.try_unlock()
    wait_until(app, lambda: lock.dialog.error.isVisible(), 30_000)
    tour.shot(lock.dialog, "lock-error")
    lock.unlock()
    lock.uninstall()
    window.close()
    manager.shutdown()
    store.close()


def first_start(tour: Tour, scratch) -> None:
    from desktop.domain import open_store
    from desktop.ui.first_start import FirstStartWizard

    store = open_store(scratch / "fresh")
    wizard = FirstStartWizard(store)
    wizard.show()
    page = wizard.currentPage()
    page.form.set_error("code", "Kode kantor hanya huruf besar, angka dan tanda hubung (2–20 karakter), mis. DST-MB.")
    tour.shot(wizard, "first-start-error")
    wizard.done(0)
    store.close()


def puskesmas(tour: Tour, scratch) -> None:
    from PySide6.QtCore import QDate

    from desktop.domain import office, open_store
    from desktop.domain.users import authenticate
    from desktop.tasks import TaskManager
    from desktop.ui.app import LayanApp
    from tests.ui.screenshot_app import wait_until
    from tests.ui.test_health_screenshots import seed
    from tests.unit.test_health_support import PASSWORD, add_user

    app = tour.app
    store = open_store(scratch / "puskesmas")
    office.initialize(store, code="PKM-TIMIKA", name="Puskesmas Timika", kind="puskesmas")
    add_user(store, "bidan", "nakes", "PKM-TIMIKA")
    user = authenticate(store, "bidan", PASSWORD)
    today = QDate.currentDate()
    days = [today.addDays(-d).toString("yyyy-MM-dd") for d in range(0, today.day())][::-1]
    seed(store, user, days)
    manager = TaskManager(store)
    controller = LayanApp(store, manager, user)
    window = controller.show_main_window()
    window.showMaximized()
    for module in window.modules:
        page = window.show_module(module)
        model = getattr(page, "model", None)
        if model is not None and hasattr(model, "loading"):
            wait_until(app, lambda m=model: not m.loading)
        tour.shot(window, f"puskesmas-{module.replace('_', '-')}", wait_ms=1200 if module == "sinkronisasi" else 250)
    page = window.show_module("pasien")
    wait_until(app, lambda: not page.model.loading and page.model.rowCount() > 0)
    patient = page.new_patient()
    tour.shot(patient, "pasien-form")
    patient._dirty = False
    patient.done(0)
    visit = page.new_visit_at(0)
    wait_until(app, lambda: visit.patient is not None)
    tour.shot(visit, "kunjungan-form")
    visit._dirty = False
    visit.done(0)
    window.close()
    manager.shutdown()
    store.close()


def main(out_dir: str, tag: str) -> int:
    from tests.ui.screenshot_app import start_app

    app, out, scratch = start_app(out_dir, f"layan-fit-{tag}-")
    tour = Tour(app, out, tag)
    for part in (distrik, first_start, puskesmas):
        part(tour, scratch)
    print(json.dumps(tour.report, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
