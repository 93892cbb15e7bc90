"""Typed refusals of the workflow; each carries a key and values for the user-facing reason."""

from __future__ import annotations

from enum import StrEnum
from typing import Any


class WorkflowError(Exception):
    """A refused action. ``key`` selects the Indonesian message in ``bot.texts``."""

    key = "workflow_error"

    def __init__(self, **params: Any) -> None:
        self.params = params
        super().__init__(f"{self.key}: {params}")


class NotAllowed(WorkflowError):
    """The actor does not hold a role that may do this."""

    key = "not_allowed"


class StepNotActive(WorkflowError):
    """The step (or this division's part of it) is not waiting for anyone."""

    key = "step_not_active"


class MissingInputs(WorkflowError):
    """A step cannot complete while its *Kelengkapan* are missing."""

    key = "missing_inputs"


class CycleExists(WorkflowError):
    """Only one cycle per period."""

    key = "cycle_exists"


class CycleClosed(WorkflowError):
    """Archived cycles are read-only."""

    key = "cycle_closed"


class InvalidInput(WorkflowError):
    """A value the official gave cannot be used."""

    key = "invalid_input"


class ChangedMeanwhile(WorkflowError):
    """Someone else saved this item after it was shown: the official chooses which to keep."""

    key = "changed_meanwhile"


class PartsOpen(WorkflowError):
    """Some divisions' step-4 parts are still open."""

    key = "parts_open"


class Reason(StrEnum):
    """Why an action was refused, in a refusal's ``reason``; ``bot.texts.REFUSALS`` words each
    (``tests/test_refusal_reasons.py`` checks that none is missing). A number that cannot be
    read has its own reasons, ``bot.domain.numbers.NumberProblem``."""

    # joining, and which agency
    INVITE_UNKNOWN = "invite_unknown"
    INVITE_USED = "invite_used"
    INVITE_EXPIRED = "invite_expired"
    ALREADY_BOUND = "already_bound"
    NOT_A_MEMBER = "not_a_member"  # switching to an agency the official is not in
    NO_AGENCY = "no_agency"
    UNKNOWN_AGENCY = "unknown_agency"
    AGENCY_AMBIGUOUS = "agency_ambiguous"
    AGENCY_EXISTS = "agency_exists"
    AGENCY_NAME_EMPTY = "agency_name_empty"
    BAD_TIMEZONE = "bad_timezone"
    BAD_AGENCY_CALENDAR = "bad_agency_calendar"
    BAD_LOGO = "bad_logo"
    SETTING_CAP = "setting_cap"
    SETTING_PREDIKAT = "setting_predikat"
    SETTING_EFISIENSI = "setting_efisiensi"
    # people and divisions
    NAME_EMPTY = "name_empty"
    UNKNOWN_USER = "unknown_user"
    UNKNOWN_DIVISION = "unknown_division"
    DIVISION_REQUIRED = "division_required"
    # acting officials and handing a task over
    DELEGATION_KIND = "delegation_kind"
    DELEGATION_PERIOD = "delegation_period"
    DELEGATION_SELF = "delegation_self"
    DELEGATION_PAST = "delegation_past"
    DELEGATION_OVERLAP = "delegation_overlap"
    DELEGATION_ENDED = "delegation_ended"
    UNKNOWN_DELEGATION = "unknown_delegation"
    MAY_NOT_DELEGATE = "may_not_delegate"
    SUBSTITUTE_AWAY = "substitute_away"
    SUBSTITUTE_UNREACHABLE = "substitute_unreachable"
    PRINCIPAL_ACTING = "principal_acting"
    PRINCIPAL_INACTIVE = "principal_inactive"
    REASSIGN_HEAD_STEP = "reassign_head_step"
    REASSIGN_OTHER_DIVISION = "reassign_other_division"
    REASSIGN_OTHER_ROLE = "reassign_other_role"
    # the steps
    UNKNOWN_RUN = "unknown_run"
    DECISION_STEP = "decision_step"  # step 7 ends by a decision, not by ✅ Selesai
    NOT_CONFIRM_STEP = "not_confirm_step"
    TEXT_REQUIRED = "text_required"
    NOTE_REQUIRED = "note_required"
    ATTENDEES_REQUIRED = "attendees_required"
    UNKNOWN_ATTENDEE = "unknown_attendee"
    NOTE_TAKER = "note_taker"
    DIRECTIONS_REQUIRED = "directions_required"
    MEETING_DATE = "meeting_date"
    # the divisions' forms (step 4)
    UNKNOWN_ITEM = "unknown_item"
    UNKNOWN_FIELD = "unknown_field"
    FIGURES_REQUIRED = "figures_required"
    EVIDENCE_REQUIRED = "evidence_required"
    PART_INCOMPLETE = "part_incomplete"
    PERCENT_OUT_OF_RANGE = "percent_out_of_range"
    MONEY_ABOVE_BUDGET = "money_above_budget"
    CELLS = "cells"  # a filled-in form with cells that cannot be used
    OTHER_PART = "other_part"  # a form of another division or quarter
    # files
    FILE_REQUIRED = "file_required"
    FILE_TYPE = "file_type"
    FILE_TOO_BIG = "file_too_big"
    FILE_EMPTY = "file_empty"
    FILE_CONTENT = "file_content"
    UNKNOWN_FILE = "unknown_file"
    ZIP_MEMBER = "zip_member"
    ZIP_TOO_BIG = "zip_too_big"
    # master data, reports and the archive
    BAD_YEAR = "bad_year"
    MASTER_DATA_INVALID = "master_data_invalid"
    NO_YEAR_DATA = "no_year_data"
    UNKNOWN_CYCLE = "unknown_cycle"
    CYCLE_NOT_ARCHIVED = "cycle_not_archived"
    ARCHIVE_FILE_MISSING = "archive_file_missing"
    ARCHIVE_FILE_CORRUPT = "archive_file_corrupt"
