"""The menu: which pages each centre role sees, in order. A page module adds its entries here (one
line each); ``require_role`` on the page itself is what enforces access, the menu only hides links."""

from __future__ import annotations

from dataclasses import dataclass

from sync.server.web.texts import add


@dataclass(frozen=True)
class NavEntry:
    path: str
    text_key: str
    roles: tuple[str, ...]


add({
    "nav_devices": ("Perangkat & kantor", "Devices & offices"),
    "nav_releases": ("Rilis & konfigurasi", "Releases & configuration"),
    "nav_logins": ("Catatan masuk", "Login log"),
    "nav_users": ("Pengguna pusat", "Centre users"),
    "my_password": ("Kata sandi saya", "My password"),
})

ENTRIES: list[NavEntry] = [
    NavEntry("/it/perangkat", "nav_devices", ("it",)),
    NavEntry("/it/rilis", "nav_releases", ("it",)),
    NavEntry("/it/masuk", "nav_logins", ("it",)),
    NavEntry("/it/pengguna", "nav_users", ("it",)),
    NavEntry("/pelayanan", "nav_pelayanan", ("pimpinan", "organisasi")),
    NavEntry("/dinkes", "nav_dinkes", ("dinkes", "pimpinan")),
]


def for_role(role: str | None) -> list[NavEntry]:
    return [e for e in ENTRIES if role in e.roles]
