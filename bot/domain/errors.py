"""Typed refusals of the workflow; each carries a key and values for the user-facing reason."""

from __future__ import annotations

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
