"""The table of what the bot does at each step agrees with the SOP table: every step has its
entry, and each entry fits what the SOP says of the step."""

from __future__ import annotations

import pytest

from bot.domain.sop import STEPS, TRANSITIONS, DocumentKind, Outcome, Step, step
from bot.services.step_work import CONFIRMED, WORK, How, work


def test_every_step_of_the_sop_has_its_entry_and_nothing_else_does() -> None:
    assert list(WORK) == [s.key for s in STEPS]


@pytest.mark.parametrize("s", STEPS, ids=lambda s: s.key)
def test_each_entry_fits_its_step(s: Step) -> None:
    todo = work(s.key)
    assert (todo.how is How.DECISION) == s.decision
    assert (todo.how is How.FILL_IN) == s.per_division
    confirmed = todo.how is How.CONFIRM
    assert bool(todo.confirm_label) == confirmed and bool(todo.done_text) == confirmed
    if not confirmed:
        assert todo.makes is todo.shows is todo.attaches is None
    # A confirmed step makes documents exactly when it outputs a kind it did not receive.
    new_outputs = set(s.outputs) - set(s.inputs)
    if confirmed:
        assert (todo.makes is not None) == bool(new_outputs)
    # The charts are drawn from the compiled report: only steps that receive it show them.
    if todo.charts:
        assert DocumentKind.REPORT in s.inputs
    if todo.returns_parts:
        assert any(step(t.source).per_division for t in TRANSITIONS if t.target == s.key)


def test_confirm_buttons_and_done_messages_are_all_different() -> None:
    labels = [work(key).confirm_label for key in CONFIRMED]
    done = [work(key).done_text for key in CONFIRMED]
    assert len(set(labels)) == len(labels) and len(set(done)) == len(done)


def test_a_decision_returns_along_the_sop_tables_edges() -> None:
    """The review's returns name one step per division and one for the whole report, which is
    what ``workflow.decide`` relies on."""
    decision = next(s for s in STEPS if s.decision)
    back = [step(t.target) for t in TRANSITIONS
            if t.source is decision.key and t.outcome is Outcome.RETURNED and t.target]
    assert sorted(s.per_division for s in back) == [False, True]
