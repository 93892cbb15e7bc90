"""The demo agency: a Dinas Bina Marga, Cipta Karya dan Tata Ruang with its officials."""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.sop import Role
from bot.sample_data.master_sample import sample_master
from bot.services import master_data, provisioning
from bot.services.context import ServiceContext

AGENCY_NAME = "Dinas Bina Marga, Cipta Karya dan Tata Ruang Provinsi Sumatera Barat"
AGENCY_CODE = "bmcktr"
DIVISIONS = ("Bina Marga", "Cipta Karya", "Tata Ruang")


@dataclass(frozen=True)
class Official:
    key: str
    name: str
    label: str
    telegram_id: int
    roles: tuple[tuple[Role, str | None], ...]


OFFICIALS: tuple[Official, ...] = (
    Official("head", "ERASUKMA MUNAF, ST, MM", "Kepala Dinas", 710001,
             ((Role.HEAD, None),)),
    Official("secretary", "Dra. RINA MARLINA, M.Si", "Sekretaris", 710002,
             ((Role.SECRETARY, None),)),
    Official("team_lead", "ANDI PRATAMA, ST", "Tim SAKIP", 710003,
             ((Role.SAKIP_TEAM, None),)),
    Official("team_member", "SITI AMINAH, SE", "Tim SAKIP (anggota)", 710004,
             ((Role.SAKIP_TEAM, None),)),
    Official("bina_marga", "Ir. BUDI SANTOSO, MT", "Bidang Bina Marga", 710005,
             ((Role.DIVISION, "Bina Marga"),)),
    Official("cipta_karya", "FITRI YANTI, ST, M.Eng", "Bidang Cipta Karya", 710006,
             ((Role.DIVISION, "Cipta Karya"),)),
    Official("tata_ruang", "HENDRA GUNAWAN, ST, MT", "Bidang Tata Ruang", 710007,
             ((Role.DIVISION, "Tata Ruang"),)),
    Official("planning", "YULIA SARI, SE", "Subbag Perencanaan", 710008,
             ((Role.PLANNING_UNIT, None),)),
)


def seed(ctx: ServiceContext, *, master_year: int | None = None) -> None:
    """Create the demo agency and register every official with their Telegram id.

    With ``master_year``, the sample Perjanjian Kinerja of that year is imported too, so that
    step 4 goes indicator by indicator.
    """
    provisioning.init_agency(ctx, AGENCY_NAME, AGENCY_CODE, list(DIVISIONS))
    for official in OFFICIALS:
        provisioning.add_user(ctx, name=official.name, roles=list(official.roles),
                              telegram_id=official.telegram_id)
    if master_year is not None:
        master_data.import_master(ctx, sample_master(master_year), year=master_year,
                                  source_name=f"master-{AGENCY_CODE}-{master_year}.xlsx")
