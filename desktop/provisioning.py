"""Provisioning files: IT hands an office a JSON file, and a PC sets itself up from it (no Qt).

A file (``layan-server provision-file --office DST-MB -o layan-provision-DST-MB.json``)::

    {
      "format": "layan-provision", "format_version": 1,
      "server_url": "https://layan.mimikakab.go.id",
      "office": {"code": "DST-MB", "name": "Distrik Mimika Baru", "kind": "distrik"},
      "enrollment_code": "…", "enrollment_expires": "2026-06-01T00:00:00+00:00",
      "settings": {"language": "id", "numbering_template": "{klasifikasi}/{nomor}/{kode_unit}/{tahun}",
                   "update_channel": "stable"},
      "update_root": { …the update repository's root metadata (TUF)… }
    }

``load(path)`` parses and validates (every problem in plain Indonesian, with its English twin, in
one ProvisioningError); ``apply(plan, store)`` initializes the office (if the PC is new), enrolls
with the server (``desktop.domain.syncing.enroll``), stores the settings and the update root of
trust. Applying the same file again is harmless: what is done already is skipped. The first-start
wizard calls ``load`` + ``apply`` (and ``result.language`` for the UI's language setting).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from desktop.store.db import StoreError

FORMAT = "layan-provision"
MAX_BYTES = 256 * 1024
KINDS = ("distrik", "puskesmas", "central")
LANGUAGES = ("id", "en")
CHANNELS = ("stable", "pilot")
CODE_RE = re.compile(r"^[A-Z0-9][A-Z0-9\-]{1,19}$")
ENROLL_CODE_RE = re.compile(r"^[A-Za-z0-9\-]{4,64}$")
SETTINGS = ("language", "numbering_template", "update_channel")


class ProvisioningError(StoreError):
    """A bad file or a failed step: ``problems`` lists each (id, en) message."""

    def __init__(self, problems: list[tuple[str, str]], *, heading: tuple[str, str] | None = None):
        self.problems = problems
        head_id, head_en = heading or ("Berkas provisioning tidak dapat dipakai:",
                                       "The provisioning file cannot be used:")
        super().__init__(head_id + "\n" + "\n".join(f"- {p[0]}" for p in problems),
                         head_en + "\n" + "\n".join(f"- {p[1]}" for p in problems))


@dataclass
class Plan:
    """A validated provisioning file."""

    server_url: str
    office: dict
    enrollment_code: str
    settings: dict = field(default_factory=dict)
    update_root: dict | None = None
    enrollment_expires: dt.datetime | None = None
    source: str = ""
    document: dict = field(default_factory=dict)  # the whole file, for its signature (sync/provision_sig.py)
    tls: dict = field(default_factory=dict)  # {"pin_sha256"?, "ca_pem"?}: how to check the server's certificate
    allow_insecure_http: bool = False  # the lab flag: http:// to a server that is not on this PC


@dataclass
class Result:
    ok: bool
    office: dict
    enrolled: bool
    initialized: bool
    language: str | None
    notes: list[tuple[str, str]] = field(default_factory=list)  # (id, en) lines for the clerk / IT


def load(path: Path | str) -> Plan:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ProvisioningError([(f"Berkas {path} tidak ditemukan.", f"File {path} not found.")]) from None
    except OSError as e:
        raise ProvisioningError([(f"Berkas {path} tidak dapat dibaca ({e.strerror}).",
                                  f"Cannot read {path} ({e.strerror}).")]) from None
    return parse(raw, source=str(path))


def parse(raw: bytes | str, *, source: str = "") -> Plan:
    if isinstance(raw, str):
        raw = raw.encode("utf-8")
    if len(raw) > MAX_BYTES:
        raise ProvisioningError([("Berkas terlalu besar untuk berkas provisioning.", "The file is too large.")])
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ProvisioningError([("Berkas bukan teks UTF-8.", "The file is not UTF-8 text.")]) from None
    except json.JSONDecodeError as e:
        raise ProvisioningError([(f"Berkas bukan JSON yang benar (baris {e.lineno}, kolom {e.colno}). "
                                  "Mungkin terpotong atau diubah; minta berkas baru dari IT.",
                                  f"Not valid JSON (line {e.lineno}, column {e.colno}). It may be cut short "
                                  "or edited; ask IT for a new file.")]) from None
    return validate(data, source=source)


def validate(data, *, source: str = "") -> Plan:
    problems: list[tuple[str, str]] = []
    add = lambda i, e: problems.append((i, e))  # noqa: E731
    if not isinstance(data, dict):
        raise ProvisioningError([("Isi berkas harus berupa objek JSON.", "The file must hold a JSON object.")])
    if data.get("format") != FORMAT:
        add("Ini bukan berkas provisioning Layan (format harus \"layan-provision\").",
            "This is not a Layan provisioning file (format must be \"layan-provision\").")
        raise ProvisioningError(problems)
    if data.get("format_version") != 1:
        add(f"Versi berkas {data.get('format_version')!r} tidak dikenal; perbarui Layan atau minta berkas versi 1.",
            f"Unknown file version {data.get('format_version')!r}; update Layan or ask for a version 1 file.")
    url = data.get("server_url")
    if not isinstance(url, str) or not re.match(r"^https?://[^\s/]+(/[^\s]*)?$", url.strip()):
        add("Alamat server (server_url) harus diawali http:// atau https://.",
            "The server address (server_url) must start with http:// or https://.")
    insecure = data.get("allow_insecure_http", False)
    if not isinstance(insecure, bool):
        add("allow_insecure_http harus true atau false.", "allow_insecure_http must be true or false.")
        insecure = False
    if isinstance(url, str) and not problems:
        from sync.client import InsecureTransport, check_transport

        try:
            check_transport(url.strip(), allow_insecure_http=insecure)
        except InsecureTransport as exc:
            add(exc.message, exc.message_en)
    tls = data.get("tls", {})
    if not isinstance(tls, dict) or set(tls) - {"pin_sha256", "ca_pem"}:
        add("Bagian tls hanya boleh berisi pin_sha256 dan ca_pem.", "tls may hold only pin_sha256 and ca_pem.")
        tls = {}
    if "pin_sha256" in tls:
        from sync.client import normalize_pin

        try:
            normalize_pin(str(tls["pin_sha256"]))
        except ValueError:
            add("Sidik server (tls.pin_sha256) harus 64 digit heksadesimal (sertifikat) atau "
                "sha256//<base64> (kunci publik).",
                "The server pin (tls.pin_sha256) must be 64 hex digits (certificate) or sha256//<base64> "
                "(public key).")
    if "ca_pem" in tls and (not isinstance(tls["ca_pem"], str) or "BEGIN CERTIFICATE" not in tls["ca_pem"]):
        add("Sertifikat CA (tls.ca_pem) tidak valid.", "The CA certificate (tls.ca_pem) is invalid.")
    office = data.get("office")
    if not isinstance(office, dict):
        add("Data kantor (office) tidak ada.", "The office is missing.")
        office = {}
    else:
        if not isinstance(office.get("code"), str) or not CODE_RE.match(office["code"]):
            add("Kode kantor tidak valid (2–20 huruf besar, angka atau tanda minus, mis. DST-MB).",
                "Invalid office code (2–20 capital letters, digits or dashes, e.g. DST-MB).")
        if not isinstance(office.get("name"), str) or not office["name"].strip():
            add("Nama kantor wajib diisi.", "The office name is required.")
        if office.get("kind") not in KINDS:
            add("Jenis kantor harus distrik, puskesmas atau central.", "The office kind must be distrik, puskesmas or central.")
    code = data.get("enrollment_code")
    if not isinstance(code, str) or not ENROLL_CODE_RE.match(code.strip()):
        add("Kode pendaftaran (enrollment_code) tidak ada atau tidak valid.",
            "The enrollment code is missing or invalid.")
    expires = None
    if data.get("enrollment_expires") is not None:
        try:
            expires = dt.datetime.fromisoformat(str(data["enrollment_expires"]).replace("Z", "+00:00"))
        except ValueError:
            add("Tanggal kedaluwarsa kode pendaftaran tidak valid.", "Invalid enrollment code expiry date.")
    settings = data.get("settings", {})
    if not isinstance(settings, dict):
        add("Pengaturan (settings) harus berupa objek.", "Settings must be an object.")
        settings = {}
    unknown = sorted(set(settings) - set(SETTINGS))
    if unknown:
        add(f"Pengaturan tidak dikenal: {', '.join(unknown)}.", f"Unknown settings: {', '.join(unknown)}.")
    if "language" in settings and settings["language"] not in LANGUAGES:
        add("Bahasa harus id atau en.", "The language must be id or en.")
    if "update_channel" in settings and settings["update_channel"] not in CHANNELS:
        add("Kanal pembaruan harus stable atau pilot.", "The update channel must be stable or pilot.")
    if "numbering_template" in settings:
        from desktop.domain import numbering

        try:
            numbering.check_template(settings["numbering_template"])
        except StoreError as e:
            add(f"Format penomoran: {e.message}", f"Numbering template: {e.message_en}")
        except (TypeError, ValueError, AttributeError):
            add("Format penomoran tidak valid.", "Invalid numbering template.")
    root = data.get("update_root")
    if root is not None:
        try:
            from tuf.api.metadata import Metadata, Root

            md = Metadata.from_bytes(json.dumps(root).encode())
            if not isinstance(md.signed, Root):
                raise ValueError("not a root")
            md.verify_delegate("root", md)
        except Exception:  # noqa: BLE001 - any defect means the same thing to the clerk
            add("Kunci pembaruan (update_root) rusak atau tidak bertanda tangan yang benar.",
                "The update key (update_root) is damaged or not correctly signed.")
    if problems:
        raise ProvisioningError(problems)
    return Plan(server_url=url.strip().rstrip("/"), office={k: office[k].strip() if isinstance(office[k], str) else office[k]
                                                             for k in ("code", "name", "kind")},
                enrollment_code=code.strip(), settings=dict(settings), update_root=root,
                enrollment_expires=expires, source=source, document=data, tls=dict(tls),
                allow_insecure_http=insecure)


def apply(plan: Plan, store, *, enroll: bool = True, admin_username: str | None = None,
          admin_password: str | None = None, client=None) -> Result:
    """Office, enrollment, settings, update key: each step skipped when already done."""
    from desktop import updates
    from desktop.domain import numbering, office, syncing, users

    notes: list[tuple[str, str]] = []
    trusted = check_trust(plan, store)
    local = store.office()
    initialized = False
    if local is None:
        office.initialize(store, **plan.office, admin_username=admin_username, admin_password=admin_password)
        initialized = True
        notes.append((f"Kantor {plan.office['code']} ({plan.office['name']}) disiapkan.",
                      f"Office {plan.office['code']} ({plan.office['name']}) set up."))
    elif local["code"] != plan.office["code"]:
        raise ProvisioningError([(f"Berkas ini untuk kantor {plan.office['code']}, sedangkan PC ini milik {local['code']}.",
                                  f"This file is for office {plan.office['code']}, but this PC belongs to {local['code']}.")],
                                heading=("Provisioning ditolak:", "Provisioning refused:"))
    elif admin_username and not users.list_users(store):
        with store.transaction() as tx:
            users.create_local_admin(tx, office_id=local["code"], username=admin_username,
                                     password=admin_password or "", full_name=admin_username)

    with store.transaction() as tx:
        if "numbering_template" in plan.settings:
            numbering.check_template(plan.settings["numbering_template"])
            tx.set_meta("numbering_template", plan.settings["numbering_template"])
        if "update_channel" in plan.settings:
            tx.set_meta(updates.CHANNEL_META, plan.settings["update_channel"])
        if "language" in plan.settings:
            tx.set_meta("ui_language", plan.settings["language"])
        tx.set_meta("provisioned_at", dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
    if plan.update_root is not None and trusted is None:
        # Only a PC that trusts no root yet takes the file's; after that, only TUF's rotation changes it.
        try:
            updates.install_bootstrap_root(store.data_dir, plan.update_root)
        except updates.UpdateError as e:
            raise ProvisioningError([(e.message, e.message_en)]) from e

    enrolled = syncing.is_enrolled(store) and store.meta(syncing.SERVER_META) == plan.server_url
    ok = True
    if enrolled:
        notes.append(("PC ini sudah terdaftar ke server; pendaftaran dilewati.",
                      "This PC is enrolled already; enrollment skipped."))
    elif not enroll:
        notes.append(("Pendaftaran ke server belum dilakukan (tanpa jaringan). Jalankan lagi saat ada sambungan.",
                      "Not enrolled with the server yet (no network). Run again when there is a link."))
    else:
        if plan.enrollment_expires and plan.enrollment_expires < dt.datetime.now(dt.UTC):
            notes.append(("Kode pendaftaran di berkas ini mungkin sudah kedaluwarsa (menurut jam PC ini).",
                          "The enrollment code in this file may have expired (by this PC's clock)."))
        try:
            transport = syncing.Transport(pin_sha256=plan.tls.get("pin_sha256"), ca_pem=plan.tls.get("ca_pem"),
                                          allow_insecure_http=plan.allow_insecure_http)
            syncing.enroll(store, plan.server_url, plan.enrollment_code, client=client, transport=transport)
        except StoreError as e:
            raise ProvisioningError([(e.message, e.message_en)],
                                    heading=("Kantor dan pengaturan sudah disimpan, tetapi pendaftaran ke server gagal:",
                                             "The office and settings are saved, but enrollment with the server failed:")) from e
        enrolled = True
        notes.append((f"PC ini terdaftar ke {plan.server_url} untuk kantor {plan.office['code']}.",
                      f"This PC is enrolled with {plan.server_url} for office {plan.office['code']}."))
        if plan.allow_insecure_http and plan.server_url.startswith("http://"):
            notes.append(("PERINGATAN: sambungan ke server tanpa enkripsi (http://), hanya untuk lab uji.",
                          "WARNING: the link to the server is not encrypted (http://): for a test lab only."))
    return Result(ok=ok, office=plan.office, enrolled=enrolled, initialized=initialized,
                  language=plan.settings.get("language"), notes=notes)


def check_trust(plan: Plan, store) -> bytes | None:
    """Refuses (changing nothing) a file this PC must not take: on a PC that already trusts an update
    root, or is enrolled, only a file signed by the key that root names; an enrolled PC is moved to
    another server only by re-enrolling with an admin login. Returns the root the PC trusts (or None)."""
    from desktop import updates
    from desktop.domain import syncing
    from sync import provision_sig

    refused = ("Provisioning ditolak:", "Provisioning refused:")
    trusted = updates.trusted_root(store.data_dir)
    enrolled = syncing.is_enrolled(store)
    if enrolled and trusted is None:
        raise ProvisioningError([("PC ini sudah terdaftar dan belum memiliki kunci pembaruan untuk memeriksa berkas ini. "
                                  "Daftarkan ulang lewat Pengaturan → Sinkronisasi (perlu login admin).",
                                  "This PC is enrolled and has no update key to check this file with. Re-enroll it "
                                  "in Settings → Sync (needs an admin login).")], heading=refused)
    anchor = trusted
    if anchor is None and plan.update_root is not None and plan.document.get(provision_sig.SIGNATURES):
        anchor = json.dumps(plan.update_root).encode()  # a new PC: the file must at least agree with itself
    if anchor is not None:
        try:
            provision_sig.verify(plan.document, anchor)
        except provision_sig.SignatureProblem as exc:
            raise ProvisioningError([("Berkas ini tidak ditandatangani dengan kunci pembaruan yang dipercaya PC ini "
                                      "(bukan dari server Diskominfo, atau sudah diubah). Minta berkas baru dari IT.",
                                      f"This file is not signed with the update key this PC trusts ({exc}): not from "
                                      "the Diskominfo server, or changed. Ask IT for a new file.")],
                                    heading=refused) from None
    current = store.meta(syncing.SERVER_META)
    if enrolled and current and current != plan.server_url:
        raise ProvisioningError([(f"PC ini terdaftar ke {current}. Memindahkannya ke {plan.server_url} hanya lewat "
                                  "Daftarkan ulang (Pengaturan → Sinkronisasi, perlu login admin).",
                                  f"This PC is enrolled with {current}. It moves to {plan.server_url} only by "
                                  "re-enrolling (Settings → Sync, needs an admin login).")], heading=refused)
    return trusted


def apply_to_data_dir(plan: Plan, data_dir: Path | str, **kwargs) -> Result:
    from desktop.domain import open_store

    store = open_store(data_dir)
    try:
        return apply(plan, store, **kwargs)
    finally:
        store.close()
