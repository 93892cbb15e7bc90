"""The outbox sender under faults, against the Bot API stand-in over HTTP on 127.0.0.1.

A broken message does not hold up other chats and is set aside after its last attempt; a long
outage of Telegram loses nothing; a blocked user is set aside at once and reported once; two
senders on one database send every message once, in order per chat.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select
from telegram import Bot

from bot import cli, texts
from bot.domain.sop import DocumentKind, Role
from bot.outbox_sender import MAX_ATTEMPTS, OutboxSender
from bot.pacing import Pacer
from bot.services import delivery, provisioning
from bot.services.context import ServiceContext
from standin import BotApiStandIn, SimulatedUser
from storage import documents, outbox
from storage.documents import FileStore
from storage.models import OutboxMessage
from tests.clock import RunningClock

FAST = {"interval": 0.05, "longest_wait": timedelta(milliseconds=50)}
PEOPLE = {"secretary": (7001, Role.SECRETARY), "ani": (7002, Role.SAKIP_TEAM),
          "budi": (7003, Role.SAKIP_TEAM), "citra": (7004, Role.SAKIP_TEAM)}


@pytest.fixture
def ctx(shared_engine: Engine, tmp_path: Path) -> ServiceContext:
    context = ServiceContext(engine=shared_engine, store=FileStore(tmp_path / "files"),
                             clock=RunningClock())
    provisioning.init_agency(context, "Dinas Uji", "uji", [])
    return context


@pytest.fixture
async def api() -> AsyncIterator[BotApiStandIn]:
    async with BotApiStandIn() as stand_in:
        yield stand_in


@pytest.fixture
def people(ctx: ServiceContext, api: BotApiStandIn) -> dict[str, tuple[int, SimulatedUser]]:
    found = {}
    for key, (telegram_id, role) in PEOPLE.items():
        user = provisioning.add_user(ctx, name=key.title(), roles=[(role, None)],
                                     telegram_id=telegram_id)
        assert user.id is not None
        found[key] = (user.id, api.add_user(telegram_id, key.title()))
    return found


@pytest.fixture
async def bot(api: BotApiStandIn) -> AsyncIterator[Bot]:
    async with Bot(api.token, base_url=api.base_url, base_file_url=api.base_file_url) as b:
        yield b


def _queue(ctx: ServiceContext, user_id: int, chat_id: int, text: str,
           document_id: int | None = None) -> int:
    with ctx.transaction() as session:
        message = outbox.enqueue(session=session, agency_id=1, user_id=user_id, chat_id=chat_id,
                                 text=text, now=ctx.now(), document_id=document_id)
        session.flush()
        assert message.id is not None
        return message.id


def _row(ctx: ServiceContext, message_id: int) -> OutboxMessage:
    with Session(ctx.engine) as session:
        found = session.get(OutboxMessage, message_id)
        assert found is not None
        return found


async def _drained(ctx: ServiceContext, timeout: float = 20.0) -> None:
    def pending() -> int:
        with Session(ctx.engine) as session:
            return len(session.exec(select(OutboxMessage).where(
                OutboxMessage.sent_at == None, OutboxMessage.failed == False)).all())  # noqa: E711, E712

    for _ in range(int(timeout / 0.05)):
        if await asyncio.to_thread(pending) == 0:
            return
        await asyncio.sleep(0.05)
    raise AssertionError("the outbox was not drained")


async def _running(*senders: OutboxSender) -> None:
    for sender in senders:
        sender.start()


async def _sent_until_drained(bot: Bot, ctx: ServiceContext) -> None:
    """One sender, started and left to work until nothing is due or waiting."""
    sender = OutboxSender(bot, ctx, **FAST)  # type: ignore[arg-type]
    await _running(sender)
    try:
        await _drained(ctx)
    finally:
        await sender.stop()


async def test_a_broken_message_holds_up_no_other_chat_and_is_set_aside_once(
        ctx: ServiceContext, people: dict[str, tuple[int, SimulatedUser]], bot: Bot) -> None:
    (ani, ani_chat), (budi, budi_chat) = people["ani"], people["budi"]
    secretary_chat = people["secretary"][1]
    # A document whose file went missing from disk: an error of ours, not Telegram's.
    with ctx.transaction() as session:
        document, _ = documents.record_document(
            session=session, store=ctx.store, agency_id=1, kind=DocumentKind.ANALYSIS_REPORT,
            data=b"%PDF-1.4 hilang", original_name="hilang.pdf", mime_type="application/pdf",
            now=ctx.now())
        assert document.id is not None
        missing, path = document.id, document.path
    ctx.store.path(path).unlink()
    broken = _queue(ctx, ani, ani_chat.id, "Laporan terlampir", document_id=missing)
    after_broken = _queue(ctx, ani, ani_chat.id, "Pesan kedua untuk Ani")
    for n in range(3):
        _queue(ctx, budi, budi_chat.id, f"Untuk Budi {n}")

    sender = OutboxSender(bot, ctx, **FAST)  # type: ignore[arg-type]
    await _running(sender)
    try:
        await budi_chat.wait_for_text("Untuk Budi 2", timeout=5)
        assert _row(ctx, broken).sent_at is None, "Budi did not wait for Ani's broken message"
        assert ani_chat.texts == [], "Ani's second message keeps its place behind the first"
        await ani_chat.wait_for_text("Pesan kedua untuk Ani", timeout=10)
        await _drained(ctx)
    finally:
        await sender.stop()
    row = _row(ctx, broken)
    assert row.failed and row.attempts == MAX_ATTEMPTS and "FileNotFoundError" in (
        row.last_error or "")
    assert budi_chat.texts == [f"Untuk Budi {n}" for n in range(3)]
    notices = [t for t in secretary_chat.texts if f"(nomor {broken})" in t]
    assert len(notices) == 1 and "Ani" in notices[0] and "sakip-bot outbox retry" in notices[0]
    assert _row(ctx, after_broken).sent_at is not None
    assert [u.message_id for u in delivery.undeliverable(ctx)] == [broken]


async def test_a_long_outage_of_telegram_loses_nothing_and_keeps_the_order(
        api: BotApiStandIn, ctx: ServiceContext,
        people: dict[str, tuple[int, SimulatedUser]], bot: Bot) -> None:
    ani, ani_chat = people["ani"]
    faults = 3 * MAX_ATTEMPTS  # far more failures than the old sender allowed
    api.fail_next("sendMessage", 502, times=faults)
    ids = [_queue(ctx, ani, ani_chat.id, f"Pesan {n}") for n in range(3)]
    await _sent_until_drained(bot, ctx)
    assert ani_chat.texts == ["Pesan 0", "Pesan 1", "Pesan 2"]
    assert _row(ctx, ids[0]).attempts == faults + 1 and not _row(ctx, ids[0]).failed
    statuses = [c.status for c in api.calls_to("sendmessage")]
    print(f"\noutage: {statuses.count(502)} calls refused, {statuses.count(200)} delivered")


async def test_a_blocked_user_is_set_aside_at_once_and_reported_once(
        ctx: ServiceContext, people: dict[str, tuple[int, SimulatedUser]], bot: Bot) -> None:
    citra, citra_chat = people["citra"]
    citra_chat.block()
    first = _queue(ctx, citra, citra_chat.id, "Tugas baru")
    _queue(ctx, citra, citra_chat.id, "Pengingat")
    await _sent_until_drained(bot, ctx)
    assert _row(ctx, first).failed and _row(ctx, first).attempts == 1
    reported = [t for t in people["secretary"][1].texts if "Citra" in t]
    assert len(reported) == 2, "one notice for each message set aside"
    assert delivery.retry(ctx, [first]) == 1
    assert not _row(ctx, first).failed


async def test_the_admin_chat_named_in_the_settings_is_told_instead_of_the_sekretaris(
        ctx: ServiceContext, people: dict[str, tuple[int, SimulatedUser]], bot: Bot,
        api: BotApiStandIn) -> None:
    admin = api.add_user(990001, "Admin SAKIP")
    ctx.admin_chat_id = admin.id
    citra, citra_chat = people["citra"]
    citra_chat.block()
    _queue(ctx, citra, citra_chat.id, "Tugas baru")
    await _sent_until_drained(bot, ctx)
    assert [t for t in admin.texts if "Citra" in t and "Tugas baru" in t], admin.texts
    assert not [t for t in people["secretary"][1].texts if "Citra" in t]


async def test_two_senders_on_one_database_send_each_message_once_in_order(
        ctx: ServiceContext, people: dict[str, tuple[int, SimulatedUser]], bot: Bot,
        api: BotApiStandIn) -> None:
    chats = [people[k] for k in ("ani", "budi", "citra")]
    for n in range(20):
        for user_id, chat in chats:
            _queue(ctx, user_id, chat.id, f"{chat.first_name} {n:02d}")
    api.fail_next("sendMessage", 429, retry_after=1, times=3)
    first, second = (OutboxSender(bot, ctx, **FAST),  # type: ignore[arg-type]
                     OutboxSender(bot, ctx, **FAST))  # type: ignore[arg-type]
    await _running(first, second)
    try:
        await _drained(ctx, timeout=30)
    finally:
        await first.stop()
        await second.stop()
    for _, chat in chats:
        assert chat.texts == [f"{chat.first_name} {n:02d}" for n in range(20)]
    with Session(ctx.engine) as session:
        owners = {m.claimed_by for m in session.exec(select(OutboxMessage))}
    assert owners == {None}, "every lease was released"


def test_the_cli_lists_and_resends_what_was_set_aside(
        ctx: ServiceContext, people: dict[str, tuple[int, SimulatedUser]], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    ani, ani_chat = people["ani"]
    message = _queue(ctx, ani, ani_chat.id, "Tugas untuk Ani")
    delivery.set_aside(ctx, message, "Forbidden: bot was blocked by the user")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "cli"))
    monkeypatch.setenv("DATABASE_URL", ctx.engine.url.render_as_string(hide_password=False))
    monkeypatch.delenv("AGENCY_CODE", raising=False)

    assert cli.main(["outbox", "list"]) == 0
    listed = capsys.readouterr().out
    assert f"#{message}" in listed and "untuk Ani" in listed and "blocked" in listed
    assert cli.main(["outbox", "retry", "999999"]) == 0
    assert capsys.readouterr().out.strip() == texts.cli_outbox_retried(0)
    assert cli.main(["outbox", "retry", "--all"]) == 0
    assert capsys.readouterr().out.strip() == texts.cli_outbox_retried(1)
    row = _row(ctx, message)
    assert not row.failed and row.attempts == 0
    assert cli.main(["outbox", "list"]) == 0
    assert capsys.readouterr().out.strip() == texts.cli_outbox_list([])


async def test_a_burst_to_one_chat_is_paced_and_other_chats_are_not_held_up(
        ctx: ServiceContext, people: dict[str, tuple[int, SimulatedUser]], bot: Bot) -> None:
    (ani, ani_chat), (budi, budi_chat) = people["ani"], people["budi"]
    for n in range(6):
        _queue(ctx, ani, ani_chat.id, f"Untuk Ani {n}")
    _queue(ctx, budi, budi_chat.id, "Untuk Budi")
    # Telegram's shape, ten times faster: a burst of 3, then one every 0.1 s per chat.
    pacer = Pacer(per_second=300, chat_per_second=10, chat_burst=3)
    sender = OutboxSender(bot, ctx, pacer=pacer, **FAST)  # type: ignore[arg-type]
    await _running(sender)
    try:
        await _drained(ctx)
    finally:
        await sender.stop()
    times = [m.sent_at for m in ani_chat.messages]
    assert [m.text for m in ani_chat.messages] == [f"Untuk Ani {n}" for n in range(6)]
    # At most 3 + 10/s: six messages span at least three turns of 0.1 s (0.3 s), however the
    # sender's rounds fall. Measured where the stand-in receives them, so the span may come
    # out shorter by one send's latency.
    assert times[5] - times[0] >= 0.25, times
    assert budi_chat.messages[0].sent_at < times[3], "Budi did not wait for Ani's turns"
