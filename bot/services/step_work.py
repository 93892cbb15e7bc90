"""What the bot does at each step of the SOP, in one place.

The SOP table (``bot.domain.sop``) says who does a step, with what and by when; this table
says how the official does it in the chat and what the bot does for it: the button that
confirms it, what it makes on confirming, what is shown first, what may be attached, whether
the report's charts go with its hand-off. ``tests/test_step_work.py`` checks the two tables
against each other.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from sqlmodel import Session

from bot import texts
from bot.domain import workflow
from bot.domain.sop import DocumentKind, StepKey
from bot.services import step_documents
from bot.services.context import RunRef, ServiceContext

Make = Callable[[ServiceContext, Session, RunRef, workflow.Actor], None]
Show = Callable[[Session, RunRef], list[str]]


class How(StrEnum):
    """How the official does a step in the chat (each has its conversation)."""

    ORDER = "order"  # the Kepala Dinas's order: the analysis, then the memo (conversations.order)
    BRIEFING = "briefing"  # the meeting's date, attendees, notulis, directions
    FILL_IN = "fill_in"  # each division's part: figures, money, evidence
    CONFIRM = "confirm"  # the bot prepares; one button confirms (conversations.confirm_step)
    DECISION = "decision"  # ✅ Setujui or ↩️ Kembalikan (conversations.review)


@dataclass(frozen=True)
class StepWork:
    how: How
    confirm_label: str | None = None  # the button that confirms it (How.CONFIRM)
    done_text: str | None = None  # what the official is told once confirmed
    shows: Show | None = None  # lines shown before confirming
    makes: Make | None = None  # the documents made when confirmed
    attaches: DocumentKind | None = None  # a file the official may add before confirming
    charts: bool = False  # the compiled report's charts go with the hand-off
    returns_parts: bool = False  # a submitted division's part may be sent back from here


def _confirmed(key: StepKey, *, shows: Show | None = None, makes: Make | None = None,
               attaches: DocumentKind | None = None, charts: bool = False,
               returns_parts: bool = False) -> StepWork:
    return StepWork(How.CONFIRM, texts.CONFIRM_LABELS[key], texts.STEP_DONE[key], shows=shows,
                    makes=makes, attaches=attaches, charts=charts, returns_parts=returns_parts)


WORK: dict[StepKey, StepWork] = {
    StepKey.ORDER: StepWork(How.ORDER),
    StepKey.BRIEFING: StepWork(How.BRIEFING),
    StepKey.PREPARE_FORMS: _confirmed(StepKey.PREPARE_FORMS, shows=step_documents.forms_preview,
                                      makes=step_documents.make_forms),
    StepKey.FILL_IN: StepWork(How.FILL_IN),
    StepKey.COMPILE: _confirmed(StepKey.COMPILE, shows=step_documents.completeness,
                                makes=step_documents.make_compiled_report, returns_parts=True),
    # The Sekretaris and the Kepala Dinas see the figures as pictures, to decide from a phone.
    StepKey.FORWARD: _confirmed(StepKey.FORWARD, charts=True),
    StepKey.REVIEW: StepWork(How.DECISION, charts=True),
    StepKey.FINAL_REPORT: _confirmed(StepKey.FINAL_REPORT,
                                     makes=step_documents.make_final_report),
    StepKey.ESR_UPLOAD: _confirmed(StepKey.ESR_UPLOAD, shows=step_documents.esr_preview,
                                   attaches=DocumentKind.ESR_RECEIPT),
}

CONFIRMED = tuple(key for key, work in WORK.items() if work.how is How.CONFIRM)


def work(key: StepKey | str) -> StepWork:
    return WORK[StepKey(key)]
