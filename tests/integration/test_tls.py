"""layan-server behind TLS (uvicorn's own, `serve --ssl-certfile/--ssl-keyfile`, docs/INSTALL.md) with a
self-signed certificate made here, and PCs that check it: pinned by its sha256, or through a CA
bundle; an unknown or wrong certificate is refused."""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import subprocess
import sys
import time

import pytest

from desktop import provisioning
from desktop.domain import letters, open_store, syncing
from sync.client import SyncClient
from sync.protocol import NetworkError
from sync.server.releases import cert_sha256
from tests.integration.conftest import ROOT, ServerProc, free_port

MASUK = {"tanggal_terima": "2026-11-27", "asal": "Dinas Sosial", "perihal": "Undangan", "sifat": "biasa"}


@pytest.fixture(autouse=True)
def token_file(monkeypatch):
    monkeypatch.setenv("LAYAN_TOKEN_STORE", "file")


def self_signed(folder) -> tuple:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "layan-test")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=30))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost"),
                                                        x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
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
