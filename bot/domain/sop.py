"""The SOP *Pengukuran Kinerja* as data: roles, documents, the nine steps and their flow.

Everything else (routing, prompts, reminders, ``/status``, the Mermaid diagram) is derived from
these tables, so that an agency whose SOP differs changes data here, not code.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum


class Role(StrEnum):
    HEAD = "head"
    SECRETARY = "secretary"
    DIVISION = "division"
    SAKIP_TEAM = "sakip_team"
    PLANNING_UNIT = "planning_unit"
    # Above the agencies (Bappeda, the Biro Organisasi): sees every agency's progress, acts in
    # no step of any.
    PROVINCE = "province"


ROLE_LABELS: dict[Role, str] = {
    Role.HEAD: "Kepala Dinas",
    Role.SECRETARY: "Sekretaris",
    Role.DIVISION: "Bidang",
    Role.SAKIP_TEAM: "Tim SAKIP",
    Role.PLANNING_UNIT: "Subbag Perencanaan",
    Role.PROVINCE: "Pemantau Provinsi",
}


class DocumentKind(StrEnum):
    ANALYSIS_REPORT = "analysis_report"
    HEAD_MEMO = "head_memo"
    MINUTES = "minutes"
    MINUTES_ATTACHMENT = "minutes_attachment"
    FORM = "form"
    DRAFT = "draft"
    EVIDENCE = "evidence"
    REPORT = "report"
    FINAL_REPORT = "final_report"
    ESR_RECEIPT = "esr_receipt"
    ARCHIVE = "archive"
    CHART = "chart"


DOCUMENT_LABELS: dict[DocumentKind, str] = {
    DocumentKind.ANALYSIS_REPORT: "Laporan Hasil Analisa Data Kinerja",
    DocumentKind.HEAD_MEMO: "Nota Kepala Dinas",
    DocumentKind.MINUTES: "Notulen Rapat",
    DocumentKind.MINUTES_ATTACHMENT: "Lampiran Notulen Rapat",
    DocumentKind.FORM: "Format Realisasi Rencana Aksi Akuntabilitas Kinerja",
    DocumentKind.DRAFT: "Draf Realisasi Rencana Aksi Akuntabilitas Kinerja",
    DocumentKind.EVIDENCE: "Lampiran Data Dukung",
    DocumentKind.REPORT: "Laporan Hasil Pengukuran Kinerja dan Realisasi Keuangan",
    DocumentKind.FINAL_REPORT: "Realisasi Rencana Aksi Akuntabilitas Kinerja (final)",
    DocumentKind.ESR_RECEIPT: "Bukti unggah ESR",
    DocumentKind.ARCHIVE: "Arsip Pengukuran Kinerja",
    DocumentKind.CHART: "Grafik capaian dan serapan",
}


class TimeUnit(StrEnum):
    MINUTES = "minutes"
    HOURS = "hours"
    WORKING_DAYS = "working_days"


@dataclass(frozen=True)
class TimeStandard:
    """The *Waktu* of a step; working days are resolved by the calendar, not here."""

    amount: int
    unit: TimeUnit

    @property
    def duration(self) -> timedelta:
        """Wall-clock length, with a working day counted as 24 hours until the calendar exists."""
        if self.unit is TimeUnit.MINUTES:
            return timedelta(minutes=self.amount)
        if self.unit is TimeUnit.HOURS:
            return timedelta(hours=self.amount)
        return timedelta(days=self.amount)

    @property
    def label(self) -> str:
        names = {TimeUnit.MINUTES: "menit", TimeUnit.HOURS: "jam", TimeUnit.WORKING_DAYS: "hari"}
        return f"{self.amount} {names[self.unit]}"


class StepKey(StrEnum):
    ORDER = "order"
    BRIEFING = "briefing"
    PREPARE_FORMS = "prepare_forms"
    FILL_IN = "fill_in"
    COMPILE = "compile"
    FORWARD = "forward"
    REVIEW = "review"
    FINAL_REPORT = "final_report"
    ESR_UPLOAD = "esr_upload"


@dataclass(frozen=True)
class Step:
    """One numbered step of the SOP (*Uraian Prosedur*) with its *Mutu Baku*."""

    number: int
    key: StepKey
    description: str
    label: str
    actors: tuple[Role, ...]
    participants: tuple[Role, ...]
    inputs: tuple[DocumentKind, ...]
    time_standard: TimeStandard
    outputs: tuple[DocumentKind, ...]
    per_division: bool = False
    decision: bool = False

    @property
    def title(self) -> str:
        return f"Langkah {self.number}: {self.label}"


STEPS: tuple[Step, ...] = (
    Step(
        1,
        StepKey.ORDER,
        "Kepala Dinas memerintahkan Sekretaris untuk melakukan pengukuran kinerja",
        "Perintah pengukuran kinerja",
        actors=(Role.HEAD,),
        participants=(Role.SECRETARY,),
        inputs=(DocumentKind.ANALYSIS_REPORT,),
        time_standard=TimeStandard(10, TimeUnit.MINUTES),
        outputs=(DocumentKind.HEAD_MEMO,),
    ),
    Step(
        2,
        StepKey.BRIEFING,
        "Sekretaris melakukan rapat dengan tim SAKIP untuk memberikan arahan pelaksanaan "
        "kegiatan pengukuran kinerja",
        "Rapat arahan dengan Tim SAKIP",
        actors=(Role.SECRETARY,),
        participants=(Role.SAKIP_TEAM,),
        inputs=(DocumentKind.HEAD_MEMO,),
        time_standard=TimeStandard(2, TimeUnit.HOURS),
        outputs=(DocumentKind.MINUTES,),
    ),
    Step(
        3,
        StepKey.PREPARE_FORMS,
        "Tim SAKIP menyiapkan data format pengukuran kinerja dan realisasi keuangan berdasarkan "
        "Perjanjian Kinerja dan Rencana Aksi dan mendistribusikannya kepada Sekretaris",
        "Penyiapan dan distribusi format",
        actors=(Role.SAKIP_TEAM,),
        participants=(Role.SECRETARY,),
        inputs=(DocumentKind.MINUTES,),
        time_standard=TimeStandard(1, TimeUnit.HOURS),
        outputs=(DocumentKind.FORM,),
    ),
    Step(
        4,
        StepKey.FILL_IN,
        "Sekretaris dan Bidang mengisi format pengukuran kinerja dan realisasi keuangan dan "
        "menyiapkan data dukung kemudian menyerahkan kembali kepada Tim SAKIP",
        "Pengisian realisasi dan data dukung",
        actors=(Role.SECRETARY, Role.DIVISION),
        participants=(Role.SAKIP_TEAM,),
        inputs=(DocumentKind.FORM,),
        time_standard=TimeStandard(2, TimeUnit.WORKING_DAYS),
        outputs=(DocumentKind.DRAFT, DocumentKind.EVIDENCE),
        per_division=True,
    ),
    Step(
        5,
        StepKey.COMPILE,
        "Tim SAKIP menyusun Laporan Hasil pengukuran kinerja dan Realisasi Keuangan dan "
        "melaporkannya kepada Sekretaris",
        "Penyusunan laporan hasil pengukuran",
        actors=(Role.SAKIP_TEAM,),
        participants=(Role.SECRETARY,),
        inputs=(DocumentKind.DRAFT, DocumentKind.EVIDENCE),
        time_standard=TimeStandard(2, TimeUnit.WORKING_DAYS),
        outputs=(DocumentKind.REPORT,),
    ),
    Step(
        6,
        StepKey.FORWARD,
        "Sekretaris melaporkan hasil pengukuran kinerja kepada Kepala Dinas",
        "Penyampaian laporan kepada Kepala Dinas",
        actors=(Role.SECRETARY,),
        participants=(Role.HEAD,),
        inputs=(DocumentKind.REPORT,),
        time_standard=TimeStandard(30, TimeUnit.MINUTES),
        outputs=(DocumentKind.REPORT,),
    ),
    Step(
        7,
        StepKey.REVIEW,
        "Kepala Dinas, Sekretaris, bersama Tim SAKIP menganalisa hasil pengukuran kinerja yang "
        "telah diserahkan, apabila setuju akan digunakan sebagai bahan untuk evaluasi internal, "
        "jika tidak maka dikembalikan untuk dilengkapi",
        "Analisa dan persetujuan Kepala Dinas",
        actors=(Role.HEAD,),
        participants=(Role.SECRETARY, Role.SAKIP_TEAM),
        inputs=(DocumentKind.REPORT,),
        time_standard=TimeStandard(2, TimeUnit.HOURS),
        outputs=(DocumentKind.REPORT,),
        decision=True,
    ),
    Step(
        8,
        StepKey.FINAL_REPORT,
        "Sekretaris melaporkan hasil pengukuran kinerja kepada Kepala Dinas",
        "Laporan hasil akhir kepada Kepala Dinas",
        actors=(Role.SECRETARY,),
        participants=(Role.HEAD,),
        inputs=(DocumentKind.REPORT,),
        time_standard=TimeStandard(30, TimeUnit.MINUTES),
        outputs=(DocumentKind.FINAL_REPORT,),
    ),
    Step(
        9,
        StepKey.ESR_UPLOAD,
        "Subbag Perencanaan mengunggah Realisasi Rencana Aksi Akuntabilitas Kinerja Triwulanan "
        "pada aplikasi esr.menpan.go.id dan mengarsipkannya",
        "Unggah ke ESR dan pengarsipan",
        actors=(Role.PLANNING_UNIT,),
        participants=(Role.SECRETARY,),
        inputs=(DocumentKind.FINAL_REPORT,),
        time_standard=TimeStandard(2, TimeUnit.MINUTES),
        outputs=(DocumentKind.FINAL_REPORT,),
    ),
)

STEP_BY_KEY: dict[StepKey, Step] = {step.key: step for step in STEPS}
FIRST_STEP: Step = STEPS[0]
LAST_STEP: Step = STEPS[-1]


class Outcome(StrEnum):
    """How a step run ended."""

    DONE = "done"
    APPROVED = "approved"
    RETURNED = "returned"


@dataclass(frozen=True)
class Transition:
    """An edge of the flow: finishing ``source`` with ``outcome`` activates ``target``.

    ``target`` None closes the cycle.
    """

    source: StepKey
    outcome: Outcome
    target: StepKey | None
    label: str


TRANSITIONS: tuple[Transition, ...] = (
    Transition(StepKey.ORDER, Outcome.DONE, StepKey.BRIEFING, "Nota Kepala Dinas"),
    Transition(StepKey.BRIEFING, Outcome.DONE, StepKey.PREPARE_FORMS, "Notulen Rapat"),
    Transition(StepKey.PREPARE_FORMS, Outcome.DONE, StepKey.FILL_IN, "Format didistribusikan"),
    Transition(StepKey.FILL_IN, Outcome.DONE, StepKey.COMPILE, "Semua bagian diserahkan"),
    Transition(StepKey.COMPILE, Outcome.DONE, StepKey.FORWARD, "Laporan disusun"),
    Transition(StepKey.FORWARD, Outcome.DONE, StepKey.REVIEW, "Laporan disampaikan"),
    Transition(StepKey.REVIEW, Outcome.APPROVED, StepKey.FINAL_REPORT, "Disetujui"),
    Transition(StepKey.REVIEW, Outcome.RETURNED, StepKey.FILL_IN, "Dikembalikan ke Bidang"),
    Transition(StepKey.REVIEW, Outcome.RETURNED, StepKey.COMPILE, "Dikembalikan ke Tim SAKIP"),
    Transition(StepKey.FINAL_REPORT, Outcome.DONE, StepKey.ESR_UPLOAD, "Hasil akhir dilaporkan"),
    Transition(StepKey.ESR_UPLOAD, Outcome.DONE, None, "Diunggah ke ESR dan diarsipkan"),
)


def step(key: StepKey | str) -> Step:
    """The step for ``key``."""
    return STEP_BY_KEY[StepKey(key)]


def transitions_from(key: StepKey, outcome: Outcome) -> tuple[Transition, ...]:
    """Every edge leaving ``key`` with ``outcome``."""
    return tuple(t for t in TRANSITIONS if t.source is key and t.outcome is outcome)


def next_step(key: StepKey) -> Step | None:
    """The step that follows ``key`` when it is simply done (or approved)."""
    for outcome in (Outcome.DONE, Outcome.APPROVED):
        edges = transitions_from(key, outcome)
        if edges:
            target = edges[0].target
            return STEP_BY_KEY[target] if target else None
    return None


def mermaid() -> str:
    """The flow as a Mermaid diagram, derived from the tables."""
    lines = ["flowchart TD"]
    for s in STEPS:
        actors = ", ".join(ROLE_LABELS[r] for r in s.actors)
        body = f"{s.number}. {s.label}<br/>{actors} · {s.time_standard.label}"
        lines.append(f'    {s.key}["{body}"]')
    lines.append('    archived(["Arsip"])')
    for t in TRANSITIONS:
        target = t.target or "archived"
        lines.append(f"    {t.source} -->|{t.label}| {target}")
    return "\n".join(lines) + "\n"
