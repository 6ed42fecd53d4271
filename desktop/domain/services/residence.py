"""Does a certificate state a residence that is not this office's?

Most certificates say the applicant is "penduduk wilayah Distrik <this office>" (domisili, SKTM,
pengantar SKCK, pindah, belum menikah, surat jalan: ``states_residence`` in the catalogue). For an
address in another distrik that is false. The address's distrik comes from the official list of
kampung and kelurahan (wilayah.py) — the kampung wins over a distrik typed (or left prefilled) beside
it — else from the distrik typed. Such a request is not issued silently: ``advance`` refuses it
unless the clerk gives a reason (kept in the history and the audit), and the screen offers to
forward it to the distrik where the person lives.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import reference, wilayah
from .catalogue import Service


@dataclass(frozen=True)
class ResidenceElsewhere:
    place: str  # "Kelurahan Karang Senang", or "" when only the distrik is known
    distrik: str  # "Kuala Kencana"
    office_code: str  # where to forward: "DST-KK"
    own_distrik: str  # "Mimika Baru"

    @property
    def message(self) -> tuple[str, str]:
        where_id = f"{self.place}, Distrik {self.distrik}" if self.place else f"Distrik {self.distrik}"
        where_en = f"{self.place}, Distrik {self.distrik}" if self.place else f"Distrik {self.distrik}"
        return (f"Alamat pemohon ada di {where_id}, bukan di wilayah Distrik {self.own_distrik}; surat ini menyatakan "
                f"ia penduduk wilayah kantor ini. Teruskan permohonan ke Distrik {self.distrik}, atau terbitkan "
                "dengan alasan yang dicatat.",
                f"The applicant's address is in {where_en}, not in Distrik {self.own_distrik}; this certificate "
                f"states residence in this office's area. Forward the request to Distrik {self.distrik}, or issue "
                "it with a reason that is recorded.")


def residence_elsewhere(record: dict, svc: Service | None, office_code: str | None) -> ResidenceElsewhere | None:
    """The other distrik of the applicant's address when ``svc`` states residence here; None when the
    address is here, unknown, or the service states no residence (or this office is no distrik)."""
    if svc is None or not svc.states_residence:
        return None
    own = next((d for d in reference.distrik_list() if d.office_code == office_code), None)
    if own is None:
        return None
    desa = wilayah.find(record.get("kampung"), record.get("distrik"))
    if desa is not None:
        if desa.distrik_code == own.code:
            return None
        return ResidenceElsewhere(f"{desa.kind.capitalize()} {desa.name}", desa.distrik_name, desa.distrik_office,
                                  own.name)
    distrik = wilayah.distrik_named(record.get("distrik"))
    if distrik is None or distrik.code == own.code:
        return None
    return ResidenceElsewhere("", distrik.name, distrik.office_code, own.name)
