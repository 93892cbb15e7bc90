"""A button press forged on a message of another chat is answered to the presser alone."""

from __future__ import annotations

import pytest

from bot import texts
from bot.domain.sop import StepKey
from standin.demo import World
from tests.clock import YEAR
from tests.conversations.conftest import TIMEOUT, forward, settle


async def test_a_press_on_another_chats_message_changes_nothing_there(world: World) -> None:
    await forward(world, YEAR, 1, through=StepKey.ORDER)
    secretary, head = world.people["secretary"], world.people["head"]
    handoff = await secretary.wait_for_message(
        lambda m: texts.BTN_BEGIN in m.button_labels, TIMEOUT, after=0)
    await settle(world)
    seen = len(secretary.messages)
    [data] = [d for label, d in handoff.buttons[0] if label == texts.BTN_BEGIN]
    assert data is not None

    forged = await head.press_stale(data, handoff)
    await settle(world)

    assert forged.answered and forged.answer_text == texts.FOREIGN_BUTTON and forged.show_alert
    assert len(secretary.messages) == seen and not handoff.edits, "the other chat is untouched"
    assert texts.BTN_BEGIN in handoff.button_labels
    await secretary.press(texts.BTN_BEGIN, handoff)  # the owner's own press still works
    await secretary.wait_for_message(lambda m: m.content != handoff.content, TIMEOUT)


@pytest.mark.parametrize("data", ["rpt:abc", "arsip:2026", "arsip:x:y", "rpt:", "item:i:zz"])
async def test_malformed_button_data_gets_a_refusal_not_an_error(world: World,
                                                                 data: str) -> None:
    await forward(world, YEAR, 1, through=StepKey.ESR_UPLOAD)
    head = world.people["head"]
    await head.send_command("bantuan")
    message = await head.wait_for_message(timeout=TIMEOUT)
    await settle(world)
    seen = len(head.messages)

    forged = await head.press_stale(data, message)
    await settle(world)

    told = [forged.answer_text, *head.texts[seen:]]
    assert forged.answered and (texts.UNKNOWN_BUTTON in told or texts.ALREADY_HANDLED in told)
    assert texts.SERVER_ERROR not in told
