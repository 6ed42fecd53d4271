"""The IT console: offices × devices (version, channel, last sync, waiting changes, clock offset,
configuration current or behind, refused changes), offices silent for more than N days in red,
releases and published configuration, one device's sync history, and the centre's login log."""

from __future__ import annotations

import json
from functools import partial
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from starlette.concurrency import run_in_threadpool

from sync.protocol import now_ms, parse_version
from sync.server.web import accounts, auth, history
from sync.server.web.render import language, message_page, render
from sync.server.web.texts import add

router = APIRouter(prefix="/it")
ItUser = Annotated[dict, Depends(auth.require_role("it"))]
DEFAULT_SILENT_DAYS = 7
CLOCK_WARN_MS = 5 * 60_000  # a PC clock further off than this is shown in red

add({
    "devices_title": ("Perangkat & kantor", "Devices & offices"),
    "devices_intro": ("Setiap kantor dan PC-nya, menurut sinkronisasi terakhir yang diterima server.",
                      "Every office and its PCs, as of the last sync the server received."),
    "silent_days": ("Diam lebih dari (hari)", "Silent for more than (days)"),
    "show": ("Tampilkan", "Show"),
    "offices_total": ("Kantor", "Offices"),
    "offices_silent": ("Kantor diam", "Silent offices"),
    "devices_total": ("Perangkat aktif", "Active devices"),
    "devices_behind": ("Perlu pembaruan", "Need an update"),
    "col_office": ("Kantor", "Office"),
    "col_device": ("Perangkat", "Device"),
    "col_version": ("Versi", "Version"),
    "col_channel": ("Kanal", "Channel"),
    "col_last_sync": ("Sinkron terakhir", "Last sync"),
    "col_waiting": ("Menunggu", "Waiting"),
    "col_clock": ("Selisih jam", "Clock offset"),
    "col_config": ("Konfigurasi", "Configuration"),
    "col_rejected": ("Ditolak server", "Refused by server"),
    "col_refused_pc": ("Ditolak PC", "Refused by PC"),
    "col_status": ("Status", "Status"),
    "never": ("belum pernah", "never"),
    "no_devices": ("belum ada PC terdaftar", "no PC enrolled yet"),
    "silent_badge": ("diam {days} hari", "silent {days} days"),
    "silent_never": ("belum pernah sinkron", "never synced"),
    "config_current": ("terkini", "current"),
    "config_behind": ("tertinggal", "behind"),
    "config_sent": ("terkirim", "sent"),
    "config_none": ("–", "–"),
    "revoked": ("dicabut", "revoked"),
    "active": ("aktif", "active"),
    "update_due": ("perlu pembaruan ke {version}", "update to {version} due"),
    "history_link": ("riwayat", "history"),
    "kind_distrik": ("Distrik", "District"),
    "kind_puskesmas": ("Puskesmas", "Health centre"),
    "kind_central": ("Pusat", "Centre"),
    "releases_title": ("Rilis & konfigurasi", "Releases & configuration"),
    "releases_none": ("Belum ada rilis yang diterbitkan.", "No release has been published yet."),
    "col_platform": ("Platform", "Platform"),
    "col_offices": ("Kantor", "Offices"),
    "col_size": ("Ukuran", "Size"),
    "all_offices": ("semua kantor", "every office"),
    "pilot_offices": ("Kantor kanal pilot", "Pilot channel offices"),
    "none": ("tidak ada", "none"),
    "config_title": ("Konfigurasi yang diterbitkan", "Published configuration"),
    "config_empty": ("Belum ada konfigurasi pusat.", "No central configuration yet."),
    "col_key": ("Kunci", "Key"),
    "col_scope": ("Cakupan", "Scope"),
    "col_cfg_version": ("Versi", "Version"),
    "col_published": ("Diterbitkan", "Published"),
    "col_by": ("Oleh", "By"),
    "col_value": ("Nilai", "Value"),
    "history_title": ("Riwayat sinkronisasi {name}", "Sync history of {name}"),
    "device_unknown": ("Perangkat ini tidak dikenal server.", "The server does not know this device."),
    "col_started": ("Mulai", "Started"),
    "col_pushed": ("Dikirim", "Sent"),
    "col_pulled": ("Diterima", "Received"),
    "col_cursor": ("Kursor", "Cursor"),
    "history_empty": ("Belum ada sinkronisasi yang tercatat.", "No sync recorded yet."),
    "refused_title": ("Perubahan terakhir yang ditolak server", "Latest changes the server refused"),
    "refused_none": ("Tidak ada perubahan dari PC ini yang ditolak.", "No change from this PC was refused."),
    "col_mseq": ("No. urut", "Sequence"),
    "col_field": ("Kolom", "Field"),
    "col_reason": ("Alasan", "Reason"),
    "device_id": ("ID perangkat", "Device id"),
    "enrolled": ("Terdaftar", "Enrolled"),
    "back_devices": ("Kembali ke daftar perangkat", "Back to the device list"),
    "logins_title": ("Catatan masuk & pengguna pusat", "Login log & centre users"),
    "centre_users": ("Pengguna pusat", "Centre users"),
    "col_user": ("Pengguna", "User"),
    "col_role": ("Peran", "Role"),
    "col_last_login": ("Masuk terakhir", "Last login"),
    "col_locked": ("Dikunci sampai", "Locked until"),
    "col_when": ("Waktu", "When"),
    "col_event": ("Kejadian", "Event"),
    "col_address": ("Alamat", "Address"),
    "disabled": ("nonaktif", "disabled"),
    "event_login": ("masuk", "logged in"),
    "event_logout": ("keluar", "logged out"),
    "event_login_failed": ("gagal masuk", "failed login"),
    "event_locked": ("dikunci", "locked"),
    "event_login_locked": ("ditolak: terkunci", "refused: locked"),
    "event_login_disabled": ("ditolak: nonaktif", "refused: disabled"),
    "event_expired": ("sesi berakhir", "session expired"),
})


def _silent_days(text: str | None) -> int:
    try:
        return min(max(int(text or DEFAULT_SILENT_DAYS), 1), 3650)
    except ValueError:
        return DEFAULT_SILENT_DAYS


def _newest_releases(data_dir) -> tuple[list[dict], list[str]]:
    """The signed release list and the pilot offices ([] when no repository is set up)."""
    if not data_dir:
        return [], []
    from sync.server.releases import Repository

    repo = Repository(data_dir)
    if not repo.initialized:
        return [], repo.pilot_offices()
    return repo.index().get("releases", []), repo.pilot_offices()


def _due_version(releases: list[dict], office: str, channel: str) -> str | None:
    """The newest release this office's PCs should run on their channel (any platform)."""
    fits = [r["version"] for r in releases
            if (office in r.get("offices", []) or not r.get("offices"))
            and (r.get("channel") == "stable" or channel == "pilot")]
    return max(fits, key=parse_version, default=None)


def console(storage, data_dir, silent_days: int) -> dict:
    """Offices with their devices, each with the figures the page shows."""
    now = now_ms()
    devices = storage.list_devices()
    offices = storage.list_offices()
    reported = history.summaries(storage)
    releases, pilots = _newest_releases(data_dir)
    limit = silent_days * 86_400_000
    by_office: dict[str, list[dict]] = {o["code"]: [] for o in offices}
    behind = 0
    for d in devices:
        extra = reported.get(d["id"], {})
        channel = extra.get("channel") or ("pilot" if d["office_code"] in pilots else "stable")
        due = _due_version(releases, d["office_code"], channel)
        update_due = due if due and d["app_version"] and parse_version(d["app_version"]) < parse_version(due) else None
        behind += bool(update_due) and not d["revoked_ms"]
        off = d["clock_offset_ms"]
        served = extra.get("served_cursor")
        # current: the PC confirmed it (its cursor); sent: its last sync delivered it, confirmed at the next
        config_state = None if d["config_current"] is None else "current" if d["config_current"] else \
            "sent" if served is not None and served >= d["config_rev"] else "behind"
        by_office.setdefault(d["office_code"], []).append({
            **d, "channel": channel, "update_due": update_due, "config_state": config_state, "rejected": extra.get("rejected", 0),
            "refused_by_pc": extra.get("refused_by_pc"), "clock_bad": off is not None and abs(off) > CLOCK_WARN_MS,
        })
    rows = []
    for o in offices:
        active = [d for d in by_office.get(o["code"], []) if not d["revoked_ms"]]
        last = max((d["last_seen_ms"] for d in active if d["last_seen_ms"]), default=None)
        # The centre's own office syncs no PC of its own as a rule: only a PC it enrolled can fall silent.
        silent = (now - last > limit) if last is not None else o["kind"] != "central"
        rows.append({**o, "devices": by_office.get(o["code"], []), "last_seen_ms": last, "silent": silent,
                     "silent_days": None if last is None else (now - last) // 86_400_000})
    rows.sort(key=lambda r: (not r["silent"], r["code"]))
    return {"offices": rows, "silent_days": silent_days, "n_offices": len(rows),
            "n_silent": sum(r["silent"] for r in rows), "n_devices": sum(1 for d in devices if not d["revoked_ms"]),
            "n_behind": behind}


def clock_text(offset_ms: int | None, lang: str = "id") -> str:
    """How far a PC's clock is off: ``+40 s``, ``−3 mnt``, ``+2 j 5 mnt``, ``+400 hr`` (English: min, h, d)."""
    if offset_ms is None:
        return "–"
    minute, hour, day = ("min", "h", "d") if lang == "en" else ("mnt", "j", "hr")
    sign = "+" if offset_ms >= 0 else "−"
    s = abs(offset_ms) // 1000
    if s < 60:
        return f"{sign}{s} s"
    if s < 3600:
        return f"{sign}{s // 60} {minute}"
    if s < 86400 * 2:
        return f"{sign}{s // 3600} {hour} {s % 3600 // 60} {minute}"
    return f"{sign}{s // 86400} {day}"


@router.get("/perangkat")
async def devices(request: Request, user: ItUser, hari: str | None = None):
    data = await run_in_threadpool(console, auth.storage(request), request.app.state.settings.data_dir,
                                   _silent_days(hari))
    clock = partial(clock_text, lang=language(request))
    return render(request, "it/devices.html", {**data, "clock_text": clock}, user=user)


@router.get("/perangkat/{device_id}")
async def device_history(request: Request, device_id: str, user: ItUser):
    storage = auth.storage(request)
    device = next((d for d in await run_in_threadpool(storage.list_devices) if d["id"] == device_id), None) \
        if len(device_id) <= 64 else None
    if device is None:
        return message_page(request, 404, "not_found_title", "device_unknown")
    sessions = await run_in_threadpool(history.device_history, storage, device_id)
    refused = await run_in_threadpool(history.refused, storage, device_id)
    clock = partial(clock_text, lang=language(request))
    return render(request, "it/device.html", {"device": device, "sessions": sessions, "refused": refused,
                                              "clock_text": clock}, user=user)


@router.get("/rilis")
async def releases(request: Request, user: ItUser):
    storage = auth.storage(request)
    rel, pilots = await run_in_threadpool(_newest_releases, request.app.state.settings.data_dir)
    items = await run_in_threadpool(storage.list_config)

    for item in items:
        text = json.dumps(item["value"], ensure_ascii=False)
        item["value_text"] = text if len(text) <= 120 else text[:117] + "…"
    return render(request, "it/releases.html", {
        "releases": sorted(rel, key=lambda r: parse_version(r["version"]), reverse=True),
        "pilots": pilots, "config": items}, user=user)


@router.get("/masuk")
async def logins(request: Request, user: ItUser):
    storage = auth.storage(request)
    users = await run_in_threadpool(accounts.list_users, storage)
    events = await run_in_threadpool(accounts.recent_audit, storage, 100)
    return render(request, "it/logins.html", {"users": users, "events": events, "now": now_ms()}, user=user)
