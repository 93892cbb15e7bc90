"""The SOP table: validated as python-statemachine validates a machine, checked against the seed.

The seed's procedure rows are copied below so that the suite runs without the seed file; when
the file is at hand, a test checks that the copy still matches it.
"""

from __future__ import annotations

from collections import deque
from pathlib import Path
from typing import NamedTuple

import pytest

from bot.domain.sop import (
    DOCUMENT_LABELS,
    FIRST_STEP,
    LAST_STEP,
    ROLE_LABELS,
    STEP_BY_KEY,
    STEPS,
    TRANSITIONS,
    DocumentKind,
    Outcome,
    Role,
    Step,
    StepKey,
    Transition,
    mermaid,
    next_step,
    transitions_from,
)


class SeedRow(NamedTuple):
    """One row of the seed's *Prosedur* table (the Pelaksana ticks did not survive the export)."""

    number: int
    description: str
    inputs: str
    time: str
    output: str


SEED_ROWS: tuple[SeedRow, ...] = (
    SeedRow(
        1,
        "Kepala Dinas memerintahkan Sekretaris untuk melakukan pengukuran kinerja",
        "Laporan Hasil Analisa Data Kinerja",
        "10 menit",
        "Nota Kepala Dinas",
    ),
    SeedRow(
        2,
        "Sekretaris melakukan rapat dengan tim SAKIP untuk memberikan arahan pelaksanaan "
        "kegiatan pengukuran kinerja",
        "Nota Kepala Dinas",
        "2 Jam",
        "Notulen Rapat",
    ),
    SeedRow(
        3,
        "Tim SAKIP menyiapkan data format pengukuran kinerja dan realisasi keuangan berdasarkan "
        "Perjanjian Kinerja dan Rencana Aksi dan mendistribusikannya kepada Sekretaris",
        "Notulen Rapat",
        "1 Jam",
        "Format Realisasi Rencana Aksi Akuntabilitas Kinerja",
    ),
    SeedRow(
        4,
        "Sekretaris dan Bidang mengisi format pengukuran kinerja dan realisasi keuangan dan "
        "menyiapkan data dukung kemudian menyerahkan kembali kepada Tim SAKIP",
        "Format Realisasi Rencana Aksi Akuntabilitas Kinerja",
        "2 Hari",
        "1. Draf Realisasi Rencana Aksi Akuntabilitas Kinerja 2. Lampiran Data Dukung",
    ),
    SeedRow(
        5,
        "Tim SAKIP menyusun Laporan Hasil pengukuran kinerja dan Realisasi Keuangan dan "
        "melaporkannya kepada Sekretaris",
        "1. Draf Realisasi Rencana Aksi Akuntabilitas Kinerja 2. Lampiran Data Dukung",
        "2 Hari",
        "Realisasi Rencana Aksi Akuntabilitas Kinerja",
    ),
    SeedRow(
        6,
        "Sekretaris melaporkan hasil pengukuran kinerja kepada Kepala Dinas",
        "Realisasi Rencana Aksi Akuntabilitas Kinerja",
        "30 Menit",
        "Realisasi Rencana Aksi Akuntabilitas Kinerja",
    ),
    SeedRow(
        7,
        "Kepala Dinas, Sekretaris, bersama Tim SAKIP menganalisa hasil pengukuran kinerja yang "
        "telah diserahkan, apabila setuju akan digunakan sebagai bahan untuk evaluasi internal, "
        "jika tidak maka dikembalikan untuk dilengkapi",
        "Realisasi Rencana Aksi Akuntabilitas Kinerja",
        "2 Jam",
        "Realisasi Rencana Aksi Akuntabilitas Kinerja",
    ),
    SeedRow(
        8,
        "Sekretaris melaporkan hasil pengukuran kinerja kepada Kepala Dinas",
        "Realisasi Rencana Aksi Akuntabilitas Kinerja",
        "30 Menit",
        "Realisasi Rencana Aksi Akuntabilitas Kinerja",
    ),
    SeedRow(
        9,
        "Subbag Perencanaan mengunggah Realisasi Rencana Aksi Akuntabilitas Kinerja Triwulanan "
        "pada aplikasi esr.menpan.go.id dan mengarsipkannya",
        "Realisasi Rencana Aksi Akuntabilitas Kinerja",
        "2 Menit",
        "Realisasi Rencana Aksi Akuntabilitas Kinerja",
    ),
)

SEED_FILE_NAME = "SOP-Pengukuran-Kinerja-BMCKTR-Sumbar-2024.txt"


def _seed_file() -> Path | None:
    """The seed SOP, next to the repository (``../shared/seed``) or inside it (``seed/``)."""
    repo = Path(__file__).resolve().parents[1]
    for folder in (repo / "seed", repo.parent / "shared" / "seed"):
        if (folder / SEED_FILE_NAME).is_file():
            return folder / SEED_FILE_NAME
    return None


def _parse_seed(text: str) -> list[SeedRow]:
    """The numbered rows of the *Prosedur* table: number, uraian, kelengkapan, waktu, output."""
    rows = []
    for line in text.splitlines():
        cells = [cell.strip() for cell in line.split("\t") if cell.strip()]
        if len(cells) == 5 and cells[0].isdigit():
            rows.append(SeedRow(int(cells[0]), *cells[1:]))
    return rows


def _seed_row(s: Step) -> SeedRow:
    return SEED_ROWS[s.number - 1]


def _edges(source: StepKey) -> list[Outcome]:
    return [t.outcome for t in TRANSITIONS if t.source is source]


# --- the seed copy --------------------------------------------------------------------------


def test_seed_copy_matches_the_seed_file() -> None:
    path = _seed_file()
    if path is None:
        pytest.skip("seed SOP file not found next to the repository")
    assert _parse_seed(path.read_text(encoding="utf-8")) == list(SEED_ROWS)


# --- states ---------------------------------------------------------------------------------


def test_nine_steps_numbered_in_order() -> None:
    assert [s.number for s in STEPS] == list(range(1, 10))
    assert FIRST_STEP is STEPS[0]
    assert LAST_STEP is STEPS[-1]


def test_step_keys_are_unique_and_all_used() -> None:
    keys = [s.key for s in STEPS]
    assert len(set(keys)) == len(keys)
    assert set(keys) == set(StepKey)
    assert all(STEP_BY_KEY[s.key] is s for s in STEPS)


def test_step_labels_are_unique() -> None:
    labels = [s.label for s in STEPS]
    assert len(set(labels)) == len(labels)


@pytest.mark.parametrize("s", STEPS, ids=lambda s: s.key)
def test_step_has_actors_without_repeats(s: Step) -> None:
    assert s.actors
    assert len(set(s.actors)) == len(s.actors)
    assert all(isinstance(role, Role) for role in s.actors + s.participants)
    assert not set(s.actors) & set(s.participants)


@pytest.mark.parametrize("s", STEPS, ids=lambda s: s.key)
def test_step_description_is_the_seed_uraian(s: Step) -> None:
    assert s.description == _seed_row(s).description


@pytest.mark.parametrize("s", STEPS, ids=lambda s: s.key)
def test_step_actors_are_named_in_the_uraian(s: Step) -> None:
    for role in s.actors:
        assert ROLE_LABELS[role].lower() in s.description.lower()


@pytest.mark.parametrize(
    ("key", "label"),
    [
        (StepKey.ORDER, "10 menit"),
        (StepKey.BRIEFING, "2 jam"),
        (StepKey.PREPARE_FORMS, "1 jam"),
        (StepKey.FILL_IN, "2 hari"),
        (StepKey.COMPILE, "2 hari"),
        (StepKey.FORWARD, "30 menit"),
        (StepKey.REVIEW, "2 jam"),
        (StepKey.FINAL_REPORT, "30 menit"),
        (StepKey.ESR_UPLOAD, "2 menit"),
    ],
)
def test_time_standard_matches_the_seed(key: StepKey, label: str) -> None:
    s = STEP_BY_KEY[key]
    assert s.time_standard.label == label
    assert s.time_standard.label == _seed_row(s).time.lower()
    assert s.time_standard.duration.total_seconds() > 0


@pytest.mark.parametrize("s", STEPS[:5], ids=lambda s: s.key)
def test_inputs_of_the_first_steps_carry_the_seed_names(s: Step) -> None:
    # From step 6 on, the table names the compiled report and the final report apart, where the
    # seed calls both "Realisasi Rencana Aksi Akuntabilitas Kinerja".
    seed_inputs = _seed_row(s).inputs
    for kind in s.inputs:
        assert DOCUMENT_LABELS[kind] in seed_inputs


def test_every_role_and_document_has_a_label() -> None:
    assert set(ROLE_LABELS) == set(Role)
    assert set(DOCUMENT_LABELS) == set(DocumentKind)


def test_forward_and_final_report_share_wording_but_not_key() -> None:
    forward, final = STEPS[5], STEPS[7]
    assert forward.description == final.description
    assert forward.key != final.key
    assert forward.label != final.label


def test_only_the_fill_in_step_runs_per_division() -> None:
    per_division = [s for s in STEPS if s.per_division]
    assert per_division == [STEP_BY_KEY[StepKey.FILL_IN]]
    assert {Role.SECRETARY, Role.DIVISION} <= set(per_division[0].actors)


def test_only_step_7_is_a_decision() -> None:
    assert [s.number for s in STEPS if s.decision] == [7]


# --- documents ------------------------------------------------------------------------------


def test_step_1_input_comes_from_outside() -> None:
    produced = {kind for s in STEPS for kind in s.outputs}
    assert FIRST_STEP.inputs == (DocumentKind.ANALYSIS_REPORT,)
    assert DocumentKind.ANALYSIS_REPORT not in produced


@pytest.mark.parametrize("s", STEPS[1:], ids=lambda s: s.key)
def test_inputs_are_produced_by_an_earlier_step(s: Step) -> None:
    earlier = {kind for e in STEPS if e.number < s.number for kind in e.outputs}
    assert s.inputs
    assert set(s.inputs) <= earlier


@pytest.mark.parametrize("s", STEPS, ids=lambda s: s.key)
def test_step_has_outputs(s: Step) -> None:
    assert s.outputs


# --- transitions ----------------------------------------------------------------------------


@pytest.mark.parametrize("t", TRANSITIONS, ids=lambda t: f"{t.source}-{t.outcome}-{t.target}")
def test_transition_ends_exist(t: Transition) -> None:
    assert t.source in STEP_BY_KEY
    assert t.target is None or t.target in STEP_BY_KEY
    assert t.label


def test_transitions_are_unique() -> None:
    triples = [(t.source, t.outcome, t.target) for t in TRANSITIONS]
    assert len(set(triples)) == len(triples)


def test_every_step_is_reachable_from_step_1() -> None:
    seen = {FIRST_STEP.key}
    queue = deque([FIRST_STEP.key])
    while queue:
        source = queue.popleft()
        for t in TRANSITIONS:
            if t.source is source and t.target is not None and t.target not in seen:
                seen.add(t.target)
                queue.append(t.target)
    assert seen == set(StepKey)


def test_exactly_one_transition_closes_the_cycle_from_the_last_step() -> None:
    closing = [t for t in TRANSITIONS if t.target is None]
    assert len(closing) == 1
    assert closing[0].source is LAST_STEP.key
    assert closing[0].outcome is Outcome.DONE
    # Nothing else leaves the final step.
    assert _edges(LAST_STEP.key) == [Outcome.DONE]


def test_nothing_enters_step_1() -> None:
    assert not [t for t in TRANSITIONS if t.target is FIRST_STEP.key]


@pytest.mark.parametrize("s", STEPS[:-1], ids=lambda s: s.key)
def test_non_final_step_moves_on_when_done_or_approved(s: Step) -> None:
    forward = transitions_from(s.key, Outcome.DONE) + transitions_from(s.key, Outcome.APPROVED)
    assert len(forward) == 1, "one way forward, so that the next step is never ambiguous"
    assert forward[0].target is not None
    assert next_step(s.key) is STEPS[s.number]  # the step numbered one higher


def test_last_step_has_no_next_step() -> None:
    assert next_step(LAST_STEP.key) is None


@pytest.mark.parametrize("s", STEPS, ids=lambda s: s.key)
def test_only_the_decision_step_approves_or_returns(s: Step) -> None:
    outcomes = set(_edges(s.key))
    if s.decision:
        assert outcomes == {Outcome.APPROVED, Outcome.RETURNED}
    else:
        assert outcomes == {Outcome.DONE}


def test_returns_go_back_to_fill_in_and_compile() -> None:
    review = STEP_BY_KEY[StepKey.REVIEW]
    targets = {t.target for t in transitions_from(review.key, Outcome.RETURNED)}
    assert targets == {StepKey.FILL_IN, StepKey.COMPILE}
    assert all(STEP_BY_KEY[t].number < review.number for t in targets if t is not None)


# --- the diagram ----------------------------------------------------------------------------


def test_mermaid_shows_every_step_and_edge() -> None:
    diagram = mermaid()
    assert diagram.startswith("flowchart TD\n")
    for s in STEPS:
        assert f'{s.key}["{s.number}. {s.label}<br/>' in diagram
        assert s.time_standard.label in diagram
    for t in TRANSITIONS:
        assert f"{t.source} -->|{t.label}| {t.target or 'archived'}" in diagram
    assert diagram.count("-->") == len(TRANSITIONS)
