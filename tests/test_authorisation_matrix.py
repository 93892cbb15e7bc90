"""Every action × every actor of the SOP *Pengukuran Kinerja*, against a table written from the
SOP text (``shared/seed/SOP-Pengukuran-Kinerja-BMCKTR-Sumbar-2024.txt`` beside the repository,
column *Pelaksana*, and ``domain.md``'s roles), not from the code.

Each cell calls the real service as that actor on a cycle brought to the step the action needs:
an allowed action succeeds, a refused one raises the domain's refusal and changes nothing (the
step runs, realisations, documents, delegations, audit log and outbox stay as they were).
Preparing a cycle takes seconds, so each stage is prepared once and every cell starts from a
copy of its database and file store.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, select

from bot import demo_data
from bot.domain import errors
from bot.domain.sop import DocumentKind, Role, StepKey
from bot.services import (
    delegation,
    fill_in,
    master_upload,
    provisioning,
    realization,
    review,
    steps,
    tasks,
)
from bot.services.context import ServiceContext
from bot.services.uploads import Upload
from storage import agencies
from storage.documents import FileStore
from storage.models import (
    AuditEvent,
    BudgetItem,
    Delegation,
    Document,
    FinancialRealization,
    Indicator,
    IndicatorRealization,
    MeasurementCycle,
    OutboxMessage,
    StepRun,
    User,
)
from tests import databases
from tests.pdf_reading import pdf_text

YEAR = 2024
START = datetime(YEAR, 4, 1, 1, 0, tzinfo=UTC)  # Monday 08:00 WIB
BIDANG_X, BIDANG_Y = "Bina Marga", "Cipta Karya"

# --- the actors (columns) ------------------------------------------------------------------------
HEAD = "kepala_dinas"
SECRETARY = "sekretaris"
MEMBER_X = "bidang_x"  # Kepala Bidang Bina Marga
MEMBER_Y = "bidang_y"  # Kepala Bidang Cipta Karya
TEAM = "tim_sakip"  # Tim SAKIP, team lead
PLANNING = "subbag_perencanaan"
NO_ROLE = "tanpa_peran"  # a registered colleague who holds no role of the SOP
DEACTIVATED = "nonaktif"  # a former official who held every role, deactivated
PLH_HEAD = "plh_kepala"  # Kepala Bidang Tata Ruang, named Plh. for the Kepala Dinas
REASSIGNED = "dialihkan"  # Tim SAKIP member to whom the Sekretaris gave steps 3 and 5
Y_REFUSED = "bidang_y_ditolak"  # Bidang Y official after /alihkan of the task to them failed
WATCHER = "pemantau_provinsi"  # the province's official: sees every agency, acts in none
ACTORS = (HEAD, SECRETARY, MEMBER_X, MEMBER_Y, TEAM, PLANNING, NO_ROLE, DEACTIVATED, PLH_HEAD,
          REASSIGNED, Y_REFUSED, WATCHER)

# Who each actor is in the demo agency (``bot.demo_data``), plus four people of our own.
PERSON = {HEAD: "head", SECRETARY: "secretary", MEMBER_X: "bina_marga",
          MEMBER_Y: "cipta_karya", TEAM: "team_lead", PLANNING: "planning", NO_ROLE: "no_role",
          DEACTIVATED: "former", PLH_HEAD: "tata_ruang", REASSIGNED: "team_member",
          Y_REFUSED: "cipta_karya", WATCHER: "watcher"}

# --- the expected table, from the SOP ------------------------------------------------------------
# Per action, the actors that may do it; every other actor is refused. The SOP's Pelaksana are
# cited; "Plh" follows domain.md: "an absent official is replaced by an acting one (Plt/Plh),
# who acts with the same rights for a period" — the Plh of the Kepala gets the Kepala's steps
# and nothing of the Kepala's that is not his, while keeping his own (Bidang Tata Ruang) role.
KEPALA = frozenset({HEAD, PLH_HEAD})
ALLOWED: dict[str, frozenset[str]] = {
    # SOP 1: "Kepala Dinas memerintahkan Sekretaris untuk melakukan pengukuran kinerja".
    "1 open the cycle (order)": KEPALA,
    "1 attach the Laporan Hasil Analisa (Kelengkapan)": KEPALA,
    "1 issue the Nota Kepala Dinas": KEPALA,
    # SOP 2: "Sekretaris melakukan rapat dengan tim SAKIP" — output Notulen Rapat. The Kepala
    # orders; he does not chair the Sekretaris's meeting.
    "2 record the briefing minutes": frozenset({SECRETARY}),
    # SOP 3: "Tim SAKIP menyiapkan data format ... dan mendistribusikannya". Any member of the
    # team, and the member the Sekretaris gave the task to.
    "3 prepare and distribute the forms": frozenset({TEAM, REASSIGNED}),
    # SOP 4: "Sekretaris dan Bidang mengisi format ... dan menyiapkan data dukung": each
    # Bidang its own part; the Sekretaris (head of the Sekretariat) the Sekretariat's part.
    # Nobody fills in another division's part (the Sekretaris included).
    "4 Bidang X: read its part": frozenset({MEMBER_X}),
    "4 Bidang X: save a realisation figure": frozenset({MEMBER_X}),
    "4 Bidang X: save kendala": frozenset({MEMBER_X}),
    "4 Bidang X: add data dukung": frozenset({MEMBER_X}),
    "4 Bidang X: save realisasi keuangan": frozenset({MEMBER_X}),
    "4 Bidang X: hand the part back to the Tim SAKIP": frozenset({MEMBER_X}),
    "4 Sekretariat: save a realisation figure": frozenset({SECRETARY}),
    "4 Sekretariat: hand the part back to the Tim SAKIP": frozenset({SECRETARY}),
    # SOP 5: "Tim SAKIP menyusun Laporan Hasil pengukuran kinerja ... dan melaporkannya kepada
    # Sekretaris"; sending a division's draft back to be completed is part of compiling.
    "5 compile the report": frozenset({TEAM, REASSIGNED}),
    "5 send Bidang X's part back": frozenset({TEAM, REASSIGNED}),
    # SOP 6: "Sekretaris melaporkan hasil pengukuran kinerja kepada Kepala Dinas".
    "6 forward the report to the Kepala": frozenset({SECRETARY}),
    # SOP 7: the three analyse together, but the report was handed to the Kepala (step 6) and
    # "apabila setuju ... jika tidak maka dikembalikan" is his decision: he signs the report.
    "7 approve": KEPALA,
    "7 return for completion": KEPALA,
    # SOP 8: "Sekretaris melaporkan hasil pengukuran kinerja kepada Kepala Dinas".
    "8 report the final result": frozenset({SECRETARY}),
    # SOP 9: "Subbag Perencanaan mengunggah ... pada aplikasi esr.menpan.go.id dan
    # mengarsipkannya".
    "9 attach the ESR receipt": frozenset({PLANNING}),
    "9 confirm the ESR upload and archive": frozenset({PLANNING}),
    # Administrative actions. The master data (PK and Rencana Aksi) is what the Tim SAKIP
    # prepares the forms from (SOP 3: "berdasarkan Perjanjian Kinerja dan Rencana Aksi").
    "master data template": frozenset({TEAM, REASSIGNED}),
    # /alihkan: the Kepala's order (SOP 1) puts the Sekretaris in charge of running the
    # measurement; she moves its tasks, nobody else does.
    "reassign step 5 to a Tim SAKIP member": frozenset({SECRETARY}),
    # /plh: an absent official is replaced by an acting one (domain.md). The officials of the
    # SOP are the Kepala Dinas, the Sekretaris, the Kepala Bidang and the Kepala Subbag
    # Perencanaan (the Plh of the Kepala is himself Kepala Bidang Tata Ruang). The Tim SAKIP is
    # a team appointed by decree: an absent member's share is done by the rest of the team.
    "name a Plh for oneself": frozenset({HEAD, SECRETARY, MEMBER_X, MEMBER_Y, PLANNING,
                                         PLH_HEAD, Y_REFUSED}),
    # The appointment is the principal's: only the Kepala ends his own Plh's period.
    "end the Plh of the Kepala": frozenset({HEAD}),
}


# --- the prepared cycle --------------------------------------------------------------------------
class Clock:
    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


def _pdf(name: str) -> Upload:
    return Upload(f"%PDF-1.4 {name}".encode(), name, "application/pdf")


def _typed(value: object) -> str:
    return str(value).replace(".", ",")


def _active_run(engine: Engine, key: StepKey, division: str | None = None) -> int:
    """The open run of ``key`` (for ``division``'s part), found without anyone's rights."""
    with Session(engine) as session:
        division_id = None
        if division is not None:
            cycle = session.exec(select(MeasurementCycle)).one()
            found = agencies.get_division_by_name(session=session, agency_id=cycle.agency_id,
                                                  name=division)
            assert found is not None
            division_id = found.id
        run = session.exec(select(StepRun).where(
            StepRun.step == key, StepRun.status == "active",
            StepRun.division_id == division_id)).one()
        assert run.id is not None
        return run.id


def _fill_part(ctx: ServiceContext, user_id: int, run_id: int) -> None:
    """Fill a structured part completely, item by item, as the official would."""
    while (item := realization.part_sheet(ctx, user_id, run_id).next_item()) is not None:
        if isinstance(item, realization.FinancialItem):
            realization.save_financial(ctx, user_id, run_id, item.item_id, "Rp 1 jt")
        elif "value" in item.missing:
            target = item.target_to_date or item.quarter_target or item.annual_target or 1
            realization.save_value(ctx, user_id, run_id, item.indicator_id, _typed(target))
        elif "obstacles" in item.missing or "follow_up" in item.missing:
            field = "obstacles" if "obstacles" in item.missing else "follow_up"
            realization.save_text(ctx, user_id, run_id, item.indicator_id, field, "Cuaca")
        else:
            realization.add_evidence(ctx, user_id, run_id, item.indicator_id,
                                     _pdf(f"bukti-{item.code}.pdf"))


STAGES = ("agency", "order", "briefing", "prepare_forms", "fill_in", "compile", "forward",
          "review", "final_report", "esr_upload")


@dataclass
class Prepared:
    snapshot: databases.Snapshot
    files: Path
    now: datetime


@dataclass
class Stages:
    ids: dict[str, int]
    prepared: dict[str, Prepared]


def _people(ctx: ServiceContext) -> dict[str, int]:
    ids: dict[str, int] = {}
    with Session(ctx.engine) as session:
        for user in session.exec(select(User)):
            assert user.id is not None
            for official in demo_data.OFFICIALS:
                if official.telegram_id == user.telegram_id:
                    ids[official.key] = user.id
    return ids


@pytest.fixture(scope="module")
def stages(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stages]:
    """The demo agency (with its sample Perjanjian Kinerja), a Plh. for the Kepala and a cycle
    frozen at each step; step 3 and step 5 given by the Sekretaris to a Tim SAKIP member."""
    folder = tmp_path_factory.mktemp("authorisation")
    prepared: dict[str, Prepared] = {}
    with databases.migrated_engine() as engine:
        clock = Clock()
        ctx = ServiceContext(engine=engine, store=FileStore(folder / "build"), clock=clock)

        def freeze(stage: str) -> None:
            files = folder / stage
            if (folder / "build").exists():
                shutil.copytree(folder / "build", files)
            else:
                files.mkdir()
            prepared[stage] = Prepared(databases.snapshot(engine), files, clock.now)

        demo_data.seed(ctx, master_year=YEAR)
        ids = _people(ctx)
        ids["no_role"] = provisioning.add_user(ctx, name="DEDI KURNIAWAN", roles=[],
                                               telegram_id=710101).id or 0
        former = provisioning.add_user(
            ctx, name="Drs. MANTAN PEJABAT", telegram_id=710102,
            roles=[(Role.HEAD, None), (Role.SECRETARY, None), (Role.SAKIP_TEAM, None),
                   (Role.PLANNING_UNIT, None), (Role.DIVISION, BIDANG_X)])
        assert former.id is not None
        provisioning.set_active(ctx, former.id, False)
        ids["former"] = former.id
        ids["watcher"] = provisioning.add_user(ctx, name="ANALIS BAPPEDA", telegram_id=710104,
                                               roles=[(Role.PROVINCE, None)]).id or 0
        ids["x_staff"] = provisioning.add_user(ctx, name="RAHMAT HIDAYAT, ST", telegram_id=710103,
                                               roles=[(Role.DIVISION, BIDANG_X)]).id or 0
        delegation.appoint(ctx, ids["head"], principal_id=ids["head"],
                           substitute_id=ids["tata_ruang"], starts_at=START,
                           ends_at=START + timedelta(days=60))
        freeze("agency")

        run = steps.start_cycle(ctx, ids["head"], YEAR, 1)
        steps.attach(ctx, ids["head"], run.run_id, DocumentKind.ANALYSIS_REPORT,
                     _pdf("analisa.pdf"))
        freeze("order")
        steps.issue_memo(ctx, ids["head"], run.run_id)
        freeze("briefing")
        steps.record_briefing(ctx, ids["secretary"], _active_run(engine, StepKey.BRIEFING),
                              meeting_date=date(YEAR, 4, 1), attendee_ids=[ids["team_lead"]],
                              directions="Isi tepat waktu", attachment_id=None)
        delegation.reassign(ctx, ids["secretary"], _active_run(engine, StepKey.PREPARE_FORMS),
                            ids["team_member"])
        freeze("prepare_forms")
        steps.confirm(ctx, ids["team_member"], _active_run(engine, StepKey.PREPARE_FORMS))
        parts = {"Sekretariat": "secretary", BIDANG_X: "bina_marga", BIDANG_Y: "cipta_karya",
                 "Tata Ruang": "tata_ruang"}
        for division, who in parts.items():
            _fill_part(ctx, ids[who], _active_run(engine, StepKey.FILL_IN, division))
            if division not in ("Sekretariat", BIDANG_X):
                fill_in.submit_part(ctx, ids[who], _active_run(engine, StepKey.FILL_IN, division))
        freeze("fill_in")  # Sekretariat and Bidang X complete, not yet handed back
        for division in ("Sekretariat", BIDANG_X):
            fill_in.submit_part(ctx, ids[parts[division]],
                                _active_run(engine, StepKey.FILL_IN, division))
        delegation.reassign(ctx, ids["secretary"], _active_run(engine, StepKey.COMPILE),
                            ids["team_member"])
        freeze("compile")
        steps.confirm(ctx, ids["team_member"], _active_run(engine, StepKey.COMPILE))
        freeze("forward")
        steps.confirm(ctx, ids["secretary"], _active_run(engine, StepKey.FORWARD))
        freeze("review")
        review.decide(ctx, ids["head"], _active_run(engine, StepKey.REVIEW), approve=True)
        freeze("final_report")
        steps.confirm(ctx, ids["secretary"], _active_run(engine, StepKey.FINAL_REPORT))
        freeze("esr_upload")
        yield Stages(ids, prepared)


@dataclass
class World:
    ctx: ServiceContext
    ids: dict[str, int]

    def run(self, key: StepKey, division: str | None = None) -> int:
        return _active_run(self.ctx.engine, key, division)

    def indicator(self, division: str) -> int:
        """The first indicator of ``division`` in the cycle's Perjanjian Kinerja."""
        with Session(self.ctx.engine) as session:
            found = session.exec(select(Indicator).where(
                Indicator.division_id == self.division_id(division))
                .order_by(Indicator.position)).first()
            assert found is not None and found.id is not None
            return found.id

    def budget_item(self, division: str) -> int:
        with Session(self.ctx.engine) as session:
            found = session.exec(select(BudgetItem).where(
                BudgetItem.division_id == self.division_id(division),
                BudgetItem.level == "sub_kegiatan").order_by(BudgetItem.id)).first()
            assert found is not None and found.id is not None
            return found.id

    def division_id(self, name: str) -> int:
        with Session(self.ctx.engine) as session:
            cycle = session.exec(select(MeasurementCycle)).one()
            found = agencies.get_division_by_name(session=session, agency_id=cycle.agency_id,
                                                  name=name)
            assert found is not None and found.id is not None
            return found.id




@pytest.fixture
def world_at(stages: Stages, tmp_path: Path) -> Iterator[Callable[[str], World]]:
    """A fresh copy of a prepared stage: its database and its file store."""
    with contextlib.ExitStack() as stack:

        def at(stage: str) -> World:
            prepared = stages.prepared[stage]
            engine = stack.enter_context(databases.engine_from(prepared.snapshot))
            files = tmp_path / stage
            shutil.copytree(prepared.files, files)
            ctx = ServiceContext(engine=engine, store=FileStore(files),
                                 clock=Clock(prepared.now))
            return World(ctx, stages.ids)

        yield at


# --- the actions (rows) --------------------------------------------------------------------------
@dataclass(frozen=True)
class Action:
    """One thing an official can ask of the bot, at the stage of the cycle where it applies."""

    stage: str
    do: Callable[[World, int], object]
    # The task acted on, which the Sekretaris tries to give to Bidang Y first (``Y_REFUSED``).
    run: tuple[StepKey, str | None] | None = None
    # Whether a raised error is this action's refusal of the actor (not some other fault).
    refused: Callable[[errors.WorkflowError], bool] = (
        lambda error: isinstance(error, errors.NotAllowed))
    writes: bool = True


def _figure_x(w: World, user: int) -> object:
    return realization.save_value(w.ctx, user, w.run(StepKey.FILL_IN, BIDANG_X),
                                  w.indicator(BIDANG_X), "1")


def _later_plh(w: World, user: int) -> object:
    """A period after the current Plh of the Kepala ends, with a colleague free then."""
    starts = START + timedelta(days=70)
    return delegation.appoint(w.ctx, user, principal_id=user, substitute_id=w.ids["x_staff"]
                              if user != w.ids["x_staff"] else w.ids["no_role"],
                              starts_at=starts, ends_at=starts + timedelta(days=5))


def _plh_of_head(w: World) -> int:
    with Session(w.ctx.engine) as session:
        found = session.exec(select(Delegation)).one()
        assert found.id is not None
        return found.id


ACTIONS: dict[str, Action] = {
    "1 open the cycle (order)": Action(
        "agency", lambda w, u: steps.start_cycle(w.ctx, u, YEAR, 1)),
    "1 attach the Laporan Hasil Analisa (Kelengkapan)": Action(
        "order", lambda w, u: steps.attach(w.ctx, u, w.run(StepKey.ORDER),
                                           DocumentKind.ANALYSIS_REPORT, _pdf("analisa-2.pdf")),
        run=(StepKey.ORDER, None)),
    "1 issue the Nota Kepala Dinas": Action(
        "order", lambda w, u: steps.issue_memo(w.ctx, u, w.run(StepKey.ORDER)),
        run=(StepKey.ORDER, None)),
    "2 record the briefing minutes": Action(
        "briefing", lambda w, u: steps.record_briefing(
            w.ctx, u, w.run(StepKey.BRIEFING), meeting_date=date(YEAR, 4, 1),
            attendee_ids=[w.ids["team_lead"]], directions="Isi", attachment_id=None),
        run=(StepKey.BRIEFING, None)),
    "3 prepare and distribute the forms": Action(
        "prepare_forms", lambda w, u: steps.confirm(w.ctx, u, w.run(StepKey.PREPARE_FORMS)),
        run=(StepKey.PREPARE_FORMS, None)),
    "4 Bidang X: read its part": Action(
        "fill_in", lambda w, u: realization.part_sheet(w.ctx, u,
                                                       w.run(StepKey.FILL_IN, BIDANG_X)),
        run=(StepKey.FILL_IN, BIDANG_X), writes=False),
    "4 Bidang X: save a realisation figure": Action(
        "fill_in", _figure_x, run=(StepKey.FILL_IN, BIDANG_X)),
    "4 Bidang X: save kendala": Action(
        "fill_in", lambda w, u: realization.save_text(
            w.ctx, u, w.run(StepKey.FILL_IN, BIDANG_X), w.indicator(BIDANG_X), "obstacles",
            "Hujan"), run=(StepKey.FILL_IN, BIDANG_X)),
    "4 Bidang X: add data dukung": Action(
        "fill_in", lambda w, u: realization.add_evidence(
            w.ctx, u, w.run(StepKey.FILL_IN, BIDANG_X), w.indicator(BIDANG_X),
            _pdf("foto-baru.pdf")), run=(StepKey.FILL_IN, BIDANG_X)),
    "4 Bidang X: save realisasi keuangan": Action(
        "fill_in", lambda w, u: realization.save_financial(
            w.ctx, u, w.run(StepKey.FILL_IN, BIDANG_X), w.budget_item(BIDANG_X), "Rp 2 jt"),
        run=(StepKey.FILL_IN, BIDANG_X)),
    "4 Bidang X: hand the part back to the Tim SAKIP": Action(
        "fill_in", lambda w, u: fill_in.submit_part(w.ctx, u, w.run(StepKey.FILL_IN, BIDANG_X)),
        run=(StepKey.FILL_IN, BIDANG_X)),
    "4 Sekretariat: save a realisation figure": Action(
        "fill_in", lambda w, u: realization.save_value(
            w.ctx, u, w.run(StepKey.FILL_IN, "Sekretariat"), w.indicator("Sekretariat"), "1"),
        run=(StepKey.FILL_IN, "Sekretariat")),
    "4 Sekretariat: hand the part back to the Tim SAKIP": Action(
        "fill_in", lambda w, u: fill_in.submit_part(w.ctx, u,
                                                    w.run(StepKey.FILL_IN, "Sekretariat")),
        run=(StepKey.FILL_IN, "Sekretariat")),
    "5 compile the report": Action(
        "compile", lambda w, u: steps.confirm(w.ctx, u, w.run(StepKey.COMPILE)),
        run=(StepKey.COMPILE, None)),
    "5 send Bidang X's part back": Action(
        "compile", lambda w, u: steps.return_part(w.ctx, u, w.run(StepKey.COMPILE),
                                                  w.division_id(BIDANG_X), "Foto kurang"),
        run=(StepKey.COMPILE, None)),
    "6 forward the report to the Kepala": Action(
        "forward", lambda w, u: steps.confirm(w.ctx, u, w.run(StepKey.FORWARD)),
        run=(StepKey.FORWARD, None)),
    "7 approve": Action(
        "review", lambda w, u: review.decide(w.ctx, u, w.run(StepKey.REVIEW), approve=True),
        run=(StepKey.REVIEW, None)),
    "7 return for completion": Action(
        "review", lambda w, u: review.decide(w.ctx, u, w.run(StepKey.REVIEW), approve=False,
                                             note="Lengkapi data dukung",
                                             division_ids=[w.division_id(BIDANG_X)]),
        run=(StepKey.REVIEW, None)),
    "8 report the final result": Action(
        "final_report", lambda w, u: steps.confirm(w.ctx, u, w.run(StepKey.FINAL_REPORT)),
        run=(StepKey.FINAL_REPORT, None)),
    "9 attach the ESR receipt": Action(
        "esr_upload", lambda w, u: steps.attach(w.ctx, u, w.run(StepKey.ESR_UPLOAD),
                                                DocumentKind.ESR_RECEIPT, _pdf("esr.pdf")),
        run=(StepKey.ESR_UPLOAD, None)),
    "9 confirm the ESR upload and archive": Action(
        "esr_upload", lambda w, u: steps.confirm(w.ctx, u, w.run(StepKey.ESR_UPLOAD)),
        run=(StepKey.ESR_UPLOAD, None)),
    "master data template": Action(
        "agency", lambda w, u: master_upload.template(w.ctx, u, YEAR), writes=False),
    "reassign step 5 to a Tim SAKIP member": Action(
        "compile", lambda w, u: delegation.reassign(w.ctx, u, w.run(StepKey.COMPILE),
                                                    w.ids["team_lead"]),
        run=(StepKey.COMPILE, None)),
    "name a Plh for oneself": Action(
        "agency", _later_plh, refused=lambda error: isinstance(error, errors.NotAllowed) or (
            isinstance(error, errors.InvalidInput)
            and error.params.get("reason") == "may_not_delegate")),
    "end the Plh of the Kepala": Action(
        "agency", lambda w, u: delegation.revoke(w.ctx, _plh_of_head(w), by_user_id=u)),
}


# --- the matrix ----------------------------------------------------------------------------------
WATCHED: tuple[type[SQLModel], ...] = (MeasurementCycle, StepRun, Document, IndicatorRealization,
                                       FinancialRealization, Delegation, AuditEvent,
                                       OutboxMessage)


def _state(engine: Engine) -> dict[str, list[dict[str, Any]]]:
    """Everything an action may change: cycles, runs, figures, files, appointments, the audit
    log and the notifications queued."""
    with Session(engine) as session:
        return {model.__name__: [row.model_dump() for row in session.exec(
                    select(model).order_by(model.id))]  # type: ignore[attr-defined]
                for model in WATCHED}


def test_the_table_covers_every_action() -> None:
    assert list(ALLOWED) == list(ACTIONS)
    assert all(actors <= set(ACTORS) for actors in ALLOWED.values())


@pytest.mark.parametrize(("action", "actor"),
                         [(action, actor) for action in ACTIONS for actor in ACTORS])
def test_the_sop_decides_who_may(world_at: Callable[[str], World], action: str,
                                 actor: str) -> None:
    spec = ACTIONS[action]
    world = world_at(spec.stage)
    user = world.ids[PERSON[actor]]
    if actor == Y_REFUSED and spec.run is not None:
        # Bidang Y may not be given the task: the attempt is refused and leaves no trace.
        before = _state(world.ctx.engine)
        with pytest.raises(errors.InvalidInput):
            delegation.reassign(world.ctx, world.ids["secretary"], world.run(*spec.run), user)
        assert _state(world.ctx.engine) == before
    before = _state(world.ctx.engine)
    if actor in ALLOWED[action]:
        spec.do(world, user)
        if spec.writes:
            assert _state(world.ctx.engine) != before
        return
    with pytest.raises(errors.WorkflowError) as refused:
        spec.do(world, user)
    assert spec.refused(refused.value), f"refused for another reason: {refused.value!r}"
    assert _state(world.ctx.engine) == before, "a refused action changed something"


# --- documents signed by an acting official ------------------------------------------------------
HEAD_NAME, HEAD_NIP = "ERASUKMA MUNAF, ST, MM", "19720925 199803 1 003"
PLH_NAME = "HENDRA GUNAWAN, ST, MT"


def _latest_pdf(world: World, kind: DocumentKind) -> str:
    with Session(world.ctx.engine) as session:
        found = session.exec(select(Document).where(
            Document.kind == kind, Document.mime_type == "application/pdf")
            .order_by(Document.id.desc())).first()  # type: ignore[union-attr]
        assert found is not None
    return pdf_text(world.ctx.store.read(found.path))


@pytest.mark.parametrize("actor", [HEAD, PLH_HEAD])
def test_the_nota_is_signed_by_whoever_orders(world_at: Callable[[str], World],
                                              actor: str) -> None:
    """The Nota Kepala Dinas of a Plh. says Plh. Kepala Dinas with his own name, and whom he
    stands in for; the Kepala's name, rank and NIP are never put under someone else."""
    world = world_at("order")
    steps.issue_memo(world.ctx, world.ids[PERSON[actor]], world.run(StepKey.ORDER))
    text = _latest_pdf(world, DocumentKind.HEAD_MEMO)
    if actor == HEAD:
        assert "Plh." not in text and HEAD_NAME in text and HEAD_NIP in text
        return
    assert f"Plh. Kepala Dinas (a.n. {HEAD_NAME})" in text
    assert PLH_NAME in text and HEAD_NIP not in text
    assert "Pembina Utama Muda" not in text, "the Kepala's rank under the Plh's name"


@pytest.mark.parametrize("actor", [HEAD, PLH_HEAD])
def test_the_report_is_signed_by_whoever_approved(world_at: Callable[[str], World],
                                                  actor: str) -> None:
    """Approved at step 7 by the Kepala or his Plh.: the final report (step 8) carries the
    approver's name under the matching title."""
    world = world_at("review")
    review.decide(world.ctx, world.ids[PERSON[actor]], world.run(StepKey.REVIEW), approve=True)
    steps.confirm(world.ctx, world.ids["secretary"], world.run(StepKey.FINAL_REPORT))
    text = _latest_pdf(world, DocumentKind.FINAL_REPORT)
    if actor == HEAD:
        assert f"Disetujui oleh {HEAD_NAME}" in text and HEAD_NIP in text
        assert "Plh." not in text and PLH_NAME not in text
        return
    assert f"Disetujui oleh Plh. {PLH_NAME} (a.n. {HEAD_NAME})" in text
    assert "Plh. Kepala Dinas" in text and HEAD_NIP not in text
    assert "Pembina Utama Muda" not in text, "the Kepala's rank under the Plh's name"


def test_a_plh_acting_in_his_own_role_signs_as_himself(
        world_at: Callable[[str], World]) -> None:
    """The Plh. of the Kepala is also Kepala Bidang Tata Ruang: his own division's part is
    his, not the Kepala's, and nothing of it says "Plh." (the Kepala's title over his act)."""
    world = world_at("fill_in")
    with Session(world.ctx.engine) as session:
        part = session.exec(select(StepRun).where(
            StepRun.step == StepKey.FILL_IN,
            StepRun.division_id == world.division_id("Tata Ruang"))).one()
        event = session.exec(select(AuditEvent).where(
            AuditEvent.action == "step.fill_in.done",
            AuditEvent.actor_user_id == world.ids["tata_ruang"])).one()
    assert part.done_by_user_id == world.ids["tata_ruang"]
    assert "acting_for" not in part.data
    assert "acting_as" not in (event.after or {})


# --- to whom /alihkan may give a task ------------------------------------------------------------
@pytest.mark.parametrize(("task", "to", "allowed"), [
    # "a division's part only to a member of that division or its named Plh"
    ((StepKey.FILL_IN, BIDANG_X), "x_staff", True),
    ((StepKey.FILL_IN, BIDANG_X), "plh_of_x", True),
    ((StepKey.FILL_IN, BIDANG_X), "cipta_karya", False),
    ((StepKey.FILL_IN, "Sekretariat"), "bina_marga", False),
    # "a step can be given only to someone who may hold that step's role" (SOP 5: Tim SAKIP)
    ((StepKey.COMPILE, None), "team_member", True),
    ((StepKey.COMPILE, None), "cipta_karya", False),
    ((StepKey.COMPILE, None), "planning", False),
])
def test_a_task_goes_only_to_who_may_hold_its_role(
        world_at: Callable[[str], World], task: tuple[StepKey, str | None], to: str,
        allowed: bool) -> None:
    world = world_at("fill_in" if task[0] is StepKey.FILL_IN else "compile")
    ids = dict(world.ids)
    if to == "plh_of_x":
        # Kepala Bidang X names a colleague of another division as his Plh.
        ids[to] = ids["planning"]
        delegation.appoint(world.ctx, ids["bina_marga"], principal_id=ids["bina_marga"],
                           substitute_id=ids[to], starts_at=world.ctx.now(),
                           ends_at=world.ctx.now() + timedelta(days=3))
    run = world.run(*task)
    before = _state(world.ctx.engine)
    if allowed:
        delegation.reassign(world.ctx, ids["secretary"], run, ids[to])
        assert any(t.run_id == run for t in tasks.open_tasks(world.ctx, ids[to]))
        return
    with pytest.raises(errors.InvalidInput) as refused:
        delegation.reassign(world.ctx, ids["secretary"], run, ids[to])
    assert refused.value.params["reason"] in ("reassign_other_division", "reassign_other_role")
    assert _state(world.ctx.engine) == before
