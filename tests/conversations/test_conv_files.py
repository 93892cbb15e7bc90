"""Files that are not what they claim are refused in the chat, and the step goes on."""

from __future__ import annotations

from bot import texts
from bot.domain import errors
from standin.demo import World
from standin.demo_scenario import sample_pdf
from tests.clock import YEAR
from tests.conversations.conftest import PDF, TIMEOUT
from tests.conversations.test_conv_order import open_cycle


async def test_an_empty_or_disguised_report_is_refused_and_a_real_one_taken(
        world: World) -> None:
    head = world.people["head"]
    await open_cycle(world)
    await head.wait_for_text(texts.ASK_ANALYSIS, TIMEOUT)

    await head.send_document(b"", "Analisa.pdf", PDF)
    await head.wait_for_text(texts.error_message(errors.InvalidInput(reason="file_empty")),
                             TIMEOUT)
    await head.send_document(b"MZ\x90\x00" + b"\x00" * 200, "Analisa.pdf", PDF)
    await head.wait_for_text(texts.error_message(
        errors.InvalidInput(reason="file_content", name="Analisa.pdf")), TIMEOUT)

    data = sample_pdf("Analisa Data Kinerja")
    await head.send_document(data, "Analisa.pdf", PDF)
    await head.wait_for_text(texts.confirm_memo(YEAR, 2, "Analisa.pdf"), TIMEOUT)
