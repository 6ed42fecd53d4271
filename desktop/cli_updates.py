"""`layan update check|apply|sideload DIR|rollback|status`, `layan provision FILE` and the hidden
`layan selftest` (what CI runs on the frozen app)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from desktop import __version__
from desktop.cli import EXIT_FAIL, EXIT_OK, EXIT_USAGE, Output


def add_commands(sub, common) -> dict:
    p = sub.add_parser("update", parents=[common], help="pembaruan aplikasi (cek, pasang, USB, kembali)")
    upd = p.add_subparsers(dest="update_cmd", required=True)
    app_home = argparse.ArgumentParser(add_help=False)
    app_home.add_argument("--app-home", type=Path, default=None,
                          help="folder versi terpasang (default: dari launcher, env LAYAN_APP_HOME)")
    app_home.add_argument("--json", action="store_true", help="laporan dalam JSON")
    q = upd.add_parser("check", parents=[common, app_home], help="cek pembaruan di server (tanpa unduh)")
    q.add_argument("--server", help="alamat server (default: server tempat PC ini terdaftar)")
    q = upd.add_parser("apply", parents=[common, app_home],
                       help="unduh (dapat dilanjutkan), verifikasi, pasang; aktif saat Layan dibuka lagi")
    q.add_argument("--server", help="alamat server (default: server tempat PC ini terdaftar)")
    q = upd.add_parser("sideload", parents=[common, app_home], help="pasang pembaruan dari folder/USB")
    q.add_argument("folder", type=Path)
    upd.add_parser("rollback", parents=[common, app_home], help="kembali ke versi sebelumnya (saat dibuka lagi)")
    upd.add_parser("status", parents=[common, app_home], help="versi terpasang, aktif, menunggu")

    p = sub.add_parser("provision", parents=[common], help="atur PC ini dari berkas provisioning IT")
    p.add_argument("file", type=Path)
    p.add_argument("--admin", help="buat juga administrator lokal dengan nama ini")
    p.add_argument("--admin-password-stdin", action="store_true", help="baca kata sandi admin dari stdin")
    p.add_argument("--no-enroll", action="store_true", help="jangan mendaftar ke server sekarang (tanpa jaringan)")
    p.add_argument("--app-home", type=Path, default=None, help=argparse.SUPPRESS)

    p = sub.add_parser("selftest", parents=[common], help=argparse.SUPPRESS)
    p.add_argument("--gui", action="store_true", help="buka jendela utama (data sementara, kantor demo), lalu tutup")
    return {"update": cmd_update, "provision": cmd_provision, "selftest": cmd_selftest}


# --- updates ---------------------------------------------------------------------------------------
def _app_home(args, out: Output, *, required: bool):
    from desktop import updates

    home = updates.app_home(args.app_home)
    if home is None and required:
        out.say("Galat: Layan ini tidak dijalankan dari pemasangan (launcher). Gunakan --app-home FOLDER.",
                "Error: this Layan was not started from an installation (launcher). Use --app-home FOLDER.",
                err=True)
    return home


def _print_report(args, out: Output, report) -> int:
    if getattr(args, "json", False):
        print(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        out.say(report.message, report.message_en, err=not report.ok)
    return EXIT_OK if report.ok else EXIT_FAIL


def cmd_update(args, data_dir: Path, out: Output) -> int:
    from desktop import updates
    from desktop.store.db import StoreError

    cmd = args.update_cmd
    try:
        if cmd == "status":
            home = _app_home(args, out, required=False)
            print(json.dumps(updates.status(home), ensure_ascii=False, indent=2))
            return EXIT_OK
        if cmd == "rollback":
            home = _app_home(args, out, required=True)
            if home is None:
                return EXIT_USAGE
            return _print_report(args, out, updates.rollback(home))
        home = _app_home(args, out, required=cmd != "check")
        if home is None and cmd != "check":
            return EXIT_USAGE
        if cmd == "sideload":
            report = updates.sideload(data_dir, args.folder, home)
        else:
            report = updates.check_and_apply(data_dir, home, server_url=args.server, download=cmd == "apply")
    except StoreError as exc:
        out.error(exc)
        return EXIT_FAIL
    return _print_report(args, out, report)


# --- provisioning ----------------------------------------------------------------------------------
def cmd_provision(args, data_dir: Path, out: Output) -> int:
    from desktop import provisioning

    password = None
    if args.admin_password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    if args.admin and not password:
        out.say("Galat: --admin memerlukan --admin-password-stdin.", "Error: --admin needs --admin-password-stdin.",
                err=True)
        return EXIT_USAGE
    try:
        plan = provisioning.load(args.file)
        result = provisioning.apply_to_data_dir(plan, data_dir, enroll=not args.no_enroll,
                                                admin_username=args.admin, admin_password=password)
    except provisioning.ProvisioningError as exc:
        out.error(exc)
        return EXIT_FAIL
    for id_text, en_text in result.notes:
        out.say(id_text, en_text)
    return EXIT_OK if result.ok else EXIT_FAIL


# --- the frozen app's smoke test ---------------------------------------------------------------------
def cmd_selftest(args, data_dir: Path, out: Output) -> int:
    """Resources present; with --gui: the main window of a demo office opens on a temporary data
    folder, the event loop runs once, and everything closes. Prints one JSON line; exit 0 when good."""
    import tempfile

    from sync.schema import collections, resources_dir

    report = {"version": __version__, "frozen": bool(getattr(sys, "frozen", False)),
              "resources": str(resources_dir()), "schemas": len(collections())}
    problems = []
    for rel in ("qss/layan.qss", "i18n/layan_en.qm", "reference/services.json", "templates/letter.html"):
        if not (resources_dir() / rel).is_file():
            problems.append(f"missing resources/{rel}")
    if args.gui and not problems:
        with tempfile.TemporaryDirectory(prefix="layan-selftest-") as tmp:
            problems += _gui_smoke(Path(tmp), report, lang=args.lang if "lang" in args else "id")
    report["problems"] = problems
    print(json.dumps(report, ensure_ascii=False))
    return EXIT_OK if not problems else EXIT_FAIL


def _gui_smoke(tmp: Path, report: dict, lang: str) -> list[str]:
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.domain import demo, office, open_store, users
    from desktop.tasks import TaskManager
    from desktop.ui import i18n
    from desktop.ui.app import LayanApp
    from desktop.ui.style import apply_style

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp / "settings"))
    data = tmp / "data"
    store = open_store(data)
    office.initialize(store, code="DEMO", name="Kantor Demo", kind="distrik",
                      admin_username="admin", admin_password="selftest")
    demo.fill(store, actor="admin", count=10)
    user = users.authenticate(store, "admin", "selftest")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    report["platform"] = app.platformName()
    report["translation"] = i18n.install_language(lang)
    apply_style(app)
    manager = TaskManager(store)
    problems = []
    try:
        controller = LayanApp(store, manager, user)
        window = controller.show_main_window()
        seen = {}

        def once():  # runs inside the event loop, after the window was shown
            seen.update(visible=window.isVisible(), title=window.windowTitle(), size=[window.width(), window.height()])
            app.quit()

        QTimer.singleShot(0, once)
        report["exec"] = app.exec()
        report["window"] = seen.get("title")
        report["size"] = seen.get("size")
        if not seen.get("visible"):
            problems.append("main window not visible while the event loop ran")
        window.close()
        app.processEvents()
    finally:
        manager.shutdown()
        store.close()
    return problems


if __name__ == "__main__":  # pragma: no cover
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from desktop.cli import main

    sys.exit(main(sys.argv[1:]))
