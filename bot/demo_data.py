"""The demo agency: a Dinas Bina Marga, Cipta Karya dan Tata Ruang with its officials."""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.sop import Role
from bot.sample_data.master_sample import sample_master
from bot.services import master_data, provisioning
from bot.services.context import ServiceContext

AGENCY_NAME = "Dinas Bina Marga, Cipta Karya dan Tata Ruang"
AGENCY_CODE = "bmcktr"
DIVISIONS = ("Bina Marga", "Cipta Karya", "Tata Ruang")
# The kop surat printed on the Nota, the Notulen and the reports.
GOVERNMENT = "Sumatera Barat"
ADDRESS = "Jl. Taman Siswa No. 1, Padang 25138"
PLACE = "Padang"


@dataclass(frozen=True)
class Official:
    key: str
    name: str
    label: str
    telegram_id: int
    roles: tuple[tuple[Role, str | None], ...]
    rank: str | None = None  # pangkat, printed under the name of whoever signs
    nip: str | None = None


OFFICIALS: tuple[Official, ...] = (
    Official("head", "ERASUKMA MUNAF, ST, MM", "Kepala Dinas", 710001,
             ((Role.HEAD, None),), "Pembina Utama Muda (IV/c)", "19720925 199803 1 003"),
    Official("secretary", "Dra. RINA MARLINA, M.Si", "Sekretaris", 710002,
             ((Role.SECRETARY, None),), "Pembina (IV/a)"),
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


def seed(ctx: ServiceContext, *, master_year: int | None = None, code: str = AGENCY_CODE,
         name: str = AGENCY_NAME, telegram_offset: int = 0) -> None:
    """Create the demo agency and register every official with their Telegram id.

    With ``master_year``, the sample Perjanjian Kinerja of that year is imported too, so that
    step 4 goes indicator by indicator. Another ``code``, ``name`` and ``telegram_offset``
    (added to every Telegram id) make one more agency of the same shape beside it.
    """
    provisioning.init_agency(ctx, name, code, list(DIVISIONS))
    provisioning.set_profile(ctx, agency_code=code, government=GOVERNMENT,
                             address=ADDRESS, place=PLACE)
    for official in OFFICIALS:
        provisioning.add_user(ctx, name=official.name, roles=list(official.roles),
                              telegram_id=official.telegram_id + telegram_offset,
                              nip=official.nip, rank=official.rank, agency_code=code)
    if master_year is not None:
        master_data.import_master(ctx, sample_master(master_year), year=master_year,
                                  source_name=f"master-{code}-{master_year}.xlsx",
                                  agency_code=code)
