"""layan-server behind TLS (uvicorn's own, `serve --ssl-certfile/--ssl-keyfile`, docs/INSTALL.md) with a
self-signed certificate made here, and PCs that check it: pinned by its sha256, or through a CA
bundle; an unknown or wrong certificate is refused."""

from __future__ import annotations

import datetime as dt
import gc
import ipaddress
import json
import subprocess
import sys
import time

import pytest

from desktop import provisioning
from desktop.domain import letters, open_store, syncing
from sync.client import SyncClient, spki_pin
from sync.protocol import NetworkError
from sync.server.releases import cert_sha256
from tests.integration.conftest import ROOT, ServerProc, free_port

MASUK = {"tanggal_terima": "2026-11-27", "asal": "Dinas Sosial", "perihal": "Undangan", "sifat": "biasa"}


@pytest.fixture(autouse=True)
def token_file(monkeypatch):
    monkeypatch.setenv("LAYAN_TOKEN_STORE", "file")


def self_signed(folder, key_pem: bytes | None = None, stem: str = "cert") -> tuple:
    """A self-signed certificate for 127.0.0.1 (with a new key, or ``key_pem``'s: a renewal)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    if key_pem is None:
        key = ec.generate_private_key(ec.SECP256R1())
    else:
        key = serialization.load_pem_private_key(key_pem, password=None)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "layan-test")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=30))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost"),
                                                        x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = folder / f"{stem}.pem", folder / f"{stem}-key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


class TlsServer(ServerProc):
    def __init__(self, data_dir, cert, key):
        super().__init__(data_dir)
        self.cert, self.key = cert, key
        self.pin = cert_sha256(cert.read_bytes())

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.port}"

    def start(self, port: int | None = None) -> TlsServer:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.port = port or free_port()
        with open(self.log_path, "ab") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "sync.server.cli", "serve", "--port", str(self.port), "--log-level", "warning",
                 "--ssl-certfile", str(self.cert), "--ssl-keyfile", str(self.key), *self.db_args()],
                stdout=log, stderr=subprocess.STDOUT, cwd=ROOT)
        with SyncClient(self.url, retries=0, timeout=(2, 5), pin_sha256=self.pin) as probe:
            for _ in range(600):
                if self.proc.poll() is not None:
                    break
                try:
                    if probe.health()["ok"]:
                        return self
                except NetworkError:
                    time.sleep(0.05)
        raise RuntimeError(f"TLS server did not start:\n{self.log_path.read_text(errors='replace')[-3000:]}")

    def stop(self) -> None:
        # A refused handshake (a wrong pin) leaves its socket in a reference cycle with the exception's
        # frames. Until it is collected the connection stays open, and the server's graceful shutdown
        # waits for it (asyncio's TLS close waits for the peer): stop() then sat out its 20 s timeout.
        gc.collect()
        super().stop()


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("tls")
    cert, key = self_signed(tmp)
    server = TlsServer(tmp / "server", cert, key).start()
    yield server
    server.stop()


def test_pinned_or_ca_checked_certificates_are_accepted_and_others_refused(tls_server):
    with SyncClient(tls_server.url, retries=0, pin_sha256=tls_server.pin) as pinned:
        assert pinned.health()["ok"]
    with SyncClient(tls_server.url, retries=0, ca_bundle=str(tls_server.cert)) as by_ca:
        assert by_ca.health()["ok"]
    with SyncClient(tls_server.url, retries=0) as unchecked, pytest.raises(NetworkError):
        unchecked.health()  # self-signed, not in the system's CAs: refused
    with SyncClient(tls_server.url, retries=0, pin_sha256="ab" * 32) as wrong, pytest.raises(NetworkError):
        wrong.health()


def test_a_pc_provisioned_with_a_pinned_certificate_enrolls_and_syncs(tls_server, tmp_path):
    office = tls_server.new_office()
    path = tmp_path / "prov.json"
    tls_server.cli("provision-file", "--office", office, "-o", str(path), "--server-url", tls_server.url,
                   "--pin-cert", str(tls_server.cert))
    body = json.loads(path.read_text())
    assert body["tls"]["pin_sha256"] == tls_server.pin
    store = open_store(tmp_path / "pc")
    try:
        result = provisioning.apply(provisioning.validate(body), store)
        assert result.enrolled
        assert store.meta(syncing.PIN_META) == tls_server.pin
        letters.register_incoming(store, MASUK, actor="op")
        report = syncing.run_sync(store)
        assert report.ok, report.error
        assert report.waiting == 0
        # Enrolled again with the same server (e.g. after IT revoked it): the pin is kept and used.
        syncing.enroll(store, tls_server.url, tls_server.enroll_code(office))
        assert store.meta(syncing.PIN_META) == tls_server.pin
        assert syncing.run_sync(store).ok
    finally:
        store.close()


def test_plain_http_elsewhere_needs_the_lab_flag_in_the_provisioning_file(tls_server, tmp_path):
    office = tls_server.new_office()
    refused = tls_server.cli("provision-file", "--office", office, "-o", str(tmp_path / "p.json"),
                             "--server-url", "http://layan.example.go.id", check=False)
    assert refused.returncode == 1 and "https" in refused.stderr
    lab = tls_server.cli("provision-file", "--office", office, "-o", str(tmp_path / "p.json"),
                         "--server-url", "http://10.0.0.5:8470", "--allow-insecure-http")
    assert "lab" in lab.stderr
    body = json.loads((tmp_path / "p.json").read_text())
    assert body["allow_insecure_http"] is True
    del body["allow_insecure_http"]
    body.pop("signatures", None)
    with pytest.raises(provisioning.ProvisioningError, match="https"):
        provisioning.validate(body)


def test_a_public_key_pin_survives_a_certificate_renewed_with_the_same_key(tmp_path):
    import ssl

    first, key = self_signed(tmp_path)
    renewed, _ = self_signed(tmp_path, key.read_bytes(), stem="renewed")
    other, _ = self_signed(tmp_path, stem="other")

    def der(cert) -> bytes:
        return ssl.PEM_cert_to_DER_cert(cert.read_text())

    pin = spki_pin(der(first))
    assert pin.startswith("sha256//") and pin == spki_pin(der(renewed)) != spki_pin(der(other))
    assert cert_sha256(first.read_bytes()) != cert_sha256(renewed.read_bytes())
    server = TlsServer(tmp_path / "server", first, key).start()
    office = server.new_office()
    prov = tmp_path / "prov.json"
    server.cli("provision-file", "--office", office, "-o", str(prov), "--server-url", server.url,
               "--pin-key", str(first))
    assert json.loads(prov.read_text())["tls"]["pin_sha256"] == pin
    store = open_store(tmp_path / "pc")
    try:
        assert provisioning.apply(provisioning.validate(json.loads(prov.read_text())), store).enrolled
        assert store.meta(syncing.PIN_META) == pin
        with SyncClient(server.url, retries=0, pin_sha256=cert_sha256(first.read_bytes())) as by_cert:
            assert by_cert.health()["ok"]
        port = server.port
        server.stop()
        server = TlsServer(tmp_path / "server", renewed, key).start(port)  # renewed, same key

        letters.register_incoming(store, MASUK, actor="op")
        report = syncing.run_sync(store)  # the PC pinned the key: the renewal changes nothing for it
        assert report.ok, report.error
        assert report.waiting == 0
        with SyncClient(server.url, retries=0, pin_sha256=pin) as by_key:
            assert by_key.health()["ok"]
        with SyncClient(server.url, retries=0, pin_sha256=cert_sha256(first.read_bytes())) as old_cert, \
                pytest.raises(NetworkError):
            old_cert.health()  # a certificate pin does not survive the renewal
        with SyncClient(server.url, retries=0, pin_sha256=spki_pin(der(other))) as wrong, pytest.raises(NetworkError):
            wrong.health()  # another key is refused
    finally:
        store.close()
        server.stop()


@pytest.mark.parametrize("pin", ["sha256//" + "A" * 43 + "=", "AB:" * 31 + "AB"])
def test_both_pin_forms_are_told_apart_and_normalized(pin):
    from sync.client import normalize_pin

    out = normalize_pin(pin)
    assert out.startswith("sha256//") if pin.startswith("sha256//") else len(out) == 64 and out == out.lower()


@pytest.mark.parametrize("bad", ["sha256//abc", "sha256//" + "A" * 44, "ab" * 31, "sha1//" + "A" * 28 + "=",
                                 "zz" * 32])
def test_a_malformed_pin_is_refused(bad):
    from sync.client import normalize_pin

    with pytest.raises(ValueError):
        normalize_pin(bad)
