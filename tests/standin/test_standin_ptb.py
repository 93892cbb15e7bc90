"""The real python-telegram-bot stack talking to the stand-in over HTTP."""

from __future__ import annotations

import datetime as dtm
import warnings
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager

import pytest
from telegram import (
    Bot,
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputFile,
    KeyboardButton,
    Message,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    ReplyParameters,
    Update,
)
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter
from telegram.ext import (
    Application,
    ApplicationBuilder,
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from standin import BotApiStandIn, ButtonNotFound, SimulatedUser, tiny_png

APPROVE = "✅ Setujui"
RETURN = "↩️ Kembalikan"


@pytest.fixture
async def api() -> AsyncIterator[BotApiStandIn]:
    """A running stand-in with no users."""
    async with BotApiStandIn() as stand_in:
        yield stand_in


@pytest.fixture
def user(api: BotApiStandIn) -> SimulatedUser:
    """The secretary, who has started the bot."""
    return api.add_user(1001, "Budi", username="budi_sek", label="Sekretaris")


@pytest.fixture
async def bot(api: BotApiStandIn) -> AsyncIterator[Bot]:
    """A plain PTB Bot pointed at the stand-in."""
    async with Bot(api.token, base_url=api.base_url, base_file_url=api.base_file_url) as b:
        yield b


@asynccontextmanager
async def running_app(
    api: BotApiStandIn, handlers: Sequence[BaseHandler[Update, ContextTypes.DEFAULT_TYPE, None]]
) -> AsyncIterator[Application]:
    """A polling PTB Application; handler errors fail the test instead of being logged."""
    app = (
        ApplicationBuilder()
        .token(api.token)
        .base_url(api.base_url)
        .base_file_url(api.base_file_url)
        .build()
    )
    for handler in handlers:
        app.add_handler(handler)
    errors: list[BaseException] = []

    async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        errors.append(context.error or RuntimeError("unknown handler error"))

    app.add_error_handler(on_error)
    await app.initialize()
    await app.start()
    assert app.updater is not None
    await app.updater.start_polling(poll_interval=0, timeout=1)
    try:
        yield app
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()
    assert not errors, errors
    assert not api.errors, api.errors


def approval_keyboard() -> InlineKeyboardMarkup:
    """Two callback buttons as the bot's approval flow uses them."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(APPROVE, callback_data="approve:7"),
                InlineKeyboardButton(RETURN, callback_data="return:7"),
            ]
        ]
    )


async def test_get_me_returns_configured_bot(bot: Bot) -> None:
    me = await bot.get_me()
    assert me.id == 123456
    assert me.username == "sakip_demo_bot"
    assert me.is_bot


async def test_echo_app_receives_text_and_reply_lands_in_chat(
    api: BotApiStandIn, user: SimulatedUser
) -> None:
    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_user is not None and update.message is not None
        await update.message.reply_text(
            f"echo {update.effective_user.first_name}: {update.message.text}"
        )

    async with running_app(api, [MessageHandler(filters.TEXT & ~filters.COMMAND, echo)]):
        await user.send_text("halo bot")
        reply = await user.wait_for_message(timeout=5)
        await user.send_text("kedua")
        second = await user.wait_for_text("kedua", timeout=5)

    assert reply.text == "echo Budi: halo bot"
    assert reply.chat_id == user.id
    assert second.text == "echo Budi: kedua"
    assert user.texts == ["echo Budi: halo bot", "echo Budi: kedua"]
    assert [m.message_id for m in user.messages] == [2, 4]  # shared per-chat counter


async def test_command_handler_matches_send_command_with_args(
    api: BotApiStandIn, user: SimulatedUser
) -> None:
    async def tugas(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.message is not None
        await update.message.reply_text(f"tugas args={context.args}")

    async with running_app(api, [CommandHandler("tugas", tugas)]):
        await user.send_command("tugas", "2025", "Q1")
        reply = await user.wait_for_message(timeout=5)

    assert reply.text == "tugas args=['2025', 'Q1']"
    assert api.transcript[0].format() == "[Sekretaris] → bot: /tugas 2025 Q1"


async def test_callback_press_answer_and_removed_button(
    api: BotApiStandIn, user: SimulatedUser
) -> None:
    seen: list[str] = []

    async def ask(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.message is not None
        await update.message.reply_text("Setujui laporan?", reply_markup=approval_keyboard())

    async def decide(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None and query.data is not None
        seen.append(query.data)
        if query.message is not None and query.message.reply_markup is None:
            await query.answer("Sudah diproses", show_alert=True)
            return
        await query.answer("Disetujui")
        await query.edit_message_reply_markup(None)

    async with running_app(api, [CommandHandler("start", ask), CallbackQueryHandler(decide)]):
        await user.send_command("start")
        prompt = await user.wait_for_text("Setujui laporan?", timeout=5)
        assert prompt.buttons == [[(APPROVE, "approve:7"), (RETURN, "return:7")]]

        press = await user.press(APPROVE)
        answered = await user.wait_for_answer(press, timeout=5)
        await user.wait_for_edit(prompt, timeout=5)

        assert answered.answer_text == "Disetujui" and not answered.show_alert
        assert prompt.buttons == [] and prompt.edits[-1].method == "editMessageReplyMarkup"
        with pytest.raises(ButtonNotFound, match="Setujui"):
            await user.press(APPROVE, prompt)
        with pytest.raises(ButtonNotFound):
            await user.press(APPROVE)

        stale = await user.press_stale("approve:7", prompt)
        await user.wait_for_answer(stale, timeout=5)

    assert seen == ["approve:7", "approve:7"]
    assert stale.label == APPROVE and stale.show_alert
    assert stale.answer_text == "Sudah diproses"
    assert api.unanswered_callback_queries == []
    lines = [event.format() for event in api.transcript]
    assert lines == [
        "[Sekretaris] → bot: /start",
        f"bot → [Sekretaris]: Setujui laporan? [tombol: {APPROVE} | {RETURN}]",
        f"[Sekretaris] → bot: [tekan: {APPROVE}]",
        "bot → [Sekretaris]: (notifikasi) Disetujui",
        f"bot ✎ [Sekretaris] #{prompt.message_id}: [tombol dihapus]",
        f"[Sekretaris] → bot: [tekan: {APPROVE}]",
        "bot → [Sekretaris]: (peringatan) Sudah diproses",
    ]


async def test_user_document_is_downloaded_by_bot_with_same_bytes(
    api: BotApiStandIn, user: SimulatedUser
) -> None:
    payload = bytes(range(256)) * 40
    received: list[tuple[bytes, str | None, str | None]] = []

    async def on_document(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.message is not None and update.message.document is not None
        document = update.message.document
        data = await (await document.get_file()).download_as_bytearray()
        received.append((bytes(data), document.file_name, document.mime_type))
        await update.message.reply_text(f"diterima {len(data)} byte")

    async with running_app(api, [MessageHandler(filters.Document.ALL, on_document)]):
        await user.send_document(payload, "capaian_q1.xlsx", caption="Capaian Q1")
        await user.wait_for_text("diterima", timeout=5)

    mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert received == [(payload, "capaian_q1.xlsx", mime)]
    assert user.last_message is not None
    assert user.last_message.text == f"diterima {len(payload)} byte"
    assert api.transcript[0].format() == "[Sekretaris] → bot: 📎 capaian_q1.xlsx — Capaian Q1"


async def test_bot_send_document_is_retrievable(
    api: BotApiStandIn, user: SimulatedUser, bot: Bot
) -> None:
    data = b"indikator;target\nIKU 1;90\n"
    sent = await bot.send_document(
        user.id,
        InputFile(data, filename="rekap.csv"),
        caption="Rekap <b>IKU</b>",
        parse_mode="HTML",
    )

    message = user.last_message
    assert message is not None and message.document is not None
    assert message.file_bytes == data and await user.download(message) == data
    assert message.file_name == "rekap.csv" and message.document.mime_type == "text/csv"
    assert message.caption == "Rekap IKU"
    assert sent.document is not None and sent.document.file_name == "rekap.csv"
    assert sent.caption_html == "Rekap <b>IKU</b>"

    again = await bot.send_document(user.id, sent.document.file_id)
    assert user.messages[-1].file_bytes == data
    assert again.document is not None
    assert again.document.file_unique_id == sent.document.file_unique_id
    downloaded = await (await bot.get_file(sent.document.file_id)).download_as_bytearray()
    assert bytes(downloaded) == data


async def test_bot_send_photo_reports_image_size(
    api: BotApiStandIn, user: SimulatedUser, bot: Bot
) -> None:
    png = tiny_png(5, 3)
    sent = await bot.send_photo(user.id, png, caption="grafik")
    assert (sent.photo[-1].width, sent.photo[-1].height) == (5, 3)
    assert user.messages[-1].photo is not None and user.messages[-1].file_bytes == png
    with pytest.raises(BadRequest, match="Image_process_failed"):
        await bot.send_photo(user.id, b"not an image")


async def test_fault_injection_429_raises_retry_after_then_recovers(
    api: BotApiStandIn, user: SimulatedUser, bot: Bot
) -> None:
    api.fail_next("sendMessage", 429, retry_after=7)
    with warnings.catch_warnings():
        # PTB 22 warns that retry_after will become a timedelta; either form is fine here.
        warnings.simplefilter("ignore")
        with pytest.raises(RetryAfter) as caught:
            await bot.send_message(user.id, "satu")
        assert caught.value.retry_after in (7, dtm.timedelta(seconds=7))
    assert user.messages == []

    await bot.send_message(user.id, "dua")
    assert user.texts == ["dua"]
    assert [c.status for c in api.calls_to("sendmessage")] == [429, 200]


async def test_fault_injection_500_twice_raises_network_error(
    api: BotApiStandIn, user: SimulatedUser, bot: Bot
) -> None:
    api.fail_next("SENDMESSAGE", 500, times=2)
    for _ in range(2):
        with pytest.raises(NetworkError, match="Internal Server Error"):
            await bot.send_message(user.id, "x")
    await bot.send_message(user.id, "ok")
    assert user.texts == ["ok"]


async def test_bad_requests_mirror_telegram(
    api: BotApiStandIn, user: SimulatedUser, bot: Bot
) -> None:
    with pytest.raises(BadRequest, match=r"^Chat not found$"):
        await bot.send_message(999, "siapa?")
    with pytest.raises(BadRequest, match=r"^Message is too long$"):
        await bot.send_message(user.id, "x" * 4097)
    await bot.send_message(user.id, "x" * 4096)
    too_long_data = InlineKeyboardMarkup([[InlineKeyboardButton("a", callback_data="d" * 65)]])
    with pytest.raises(BadRequest, match="Button_data_invalid"):
        await bot.send_message(user.id, "tombol", reply_markup=too_long_data)
    with pytest.raises(BadRequest, match="Can't parse entities: unsupported start tag"):
        await bot.send_message(user.id, "Capaian < 80% & naik", parse_mode="HTML")
    assert len(user.messages) == 1


async def test_edit_not_modified_and_keyboard_removed_by_text_edit(
    api: BotApiStandIn, user: SimulatedUser, bot: Bot
) -> None:
    sent = await bot.send_message(user.id, "Status: draf", reply_markup=approval_keyboard())

    with pytest.raises(BadRequest, match=r"^Message is not modified"):
        await bot.edit_message_text(
            "Status: draf", user.id, sent.message_id, reply_markup=approval_keyboard()
        )
    with pytest.raises(BadRequest, match=r"^Message is not modified"):
        await bot.edit_message_reply_markup(
            user.id, sent.message_id, reply_markup=approval_keyboard()
        )

    edited = await bot.edit_message_text(
        "Status: <i>final</i>", user.id, sent.message_id, parse_mode="HTML"
    )
    assert isinstance(edited, type(sent)) and edited.text == "Status: final"
    assert edited.edit_date is not None and edited.reply_markup is None
    message = user.messages[0]
    assert message.text == "Status: final" and message.buttons == []
    assert [e.text for e in message.edits] == ["Status: final"]
    with pytest.raises(BadRequest, match=r"^Message to edit not found$"):
        await bot.edit_message_text("x", user.id, 999)


async def test_blocked_and_not_started_users_are_forbidden(
    api: BotApiStandIn, user: SimulatedUser, bot: Bot
) -> None:
    stranger = api.add_user(1002, "Sari", started=False)
    with pytest.raises(Forbidden, match="can't initiate conversation"):
        await bot.send_message(stranger.id, "halo")
    user.block()
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(user.id, "halo")
    await user.send_text("/start")  # restarting the bot unblocks it, as in the client
    await bot.send_message(user.id, "halo lagi")
    assert user.texts == ["halo lagi"]


async def test_reply_keyboard_commands_and_chat_action(
    api: BotApiStandIn, user: SimulatedUser, bot: Bot
) -> None:
    keyboard = ReplyKeyboardMarkup(
        [[KeyboardButton("Tugas saya"), "Bantuan"]], one_time_keyboard=True
    )
    await bot.send_message(user.id, "Menu", reply_markup=keyboard)
    assert user.keyboard == ["Tugas saya", "Bantuan"]
    assert user.messages[-1].to_api().get("reply_markup") is None
    await user.send_text("Bantuan")
    assert user.keyboard == []
    await bot.send_message(user.id, "Menu lagi", reply_markup=keyboard)
    await bot.send_message(user.id, "Tutup", reply_markup=ReplyKeyboardRemove())
    assert user.keyboard == []

    assert await bot.send_chat_action(user.id, "typing")
    await bot.set_my_commands([BotCommand("tugas", "Daftar tugas"), BotCommand("start", "Mulai")])
    assert [c.command for c in await bot.get_my_commands()] == ["tugas", "start"]
    assert api.commands()[0] == {"command": "tugas", "description": "Daftar tugas"}
    with pytest.raises(BadRequest, match="Bot_command_invalid"):
        await bot.set_my_commands([BotCommand("Tugas-Saya", "x")])
    assert await bot.delete_my_commands()
    assert await bot.get_my_commands() == ()
    transcript = api.format_transcript().splitlines()
    assert transcript[0] == "bot → [Sekretaris]: Menu [keyboard: Tugas saya | Bantuan]"
    assert transcript[-1] == "bot → [Sekretaris]: Tutup [keyboard dihapus]"


async def test_reply_delete_caption_edit_and_get_chat(
    api: BotApiStandIn, user: SimulatedUser, bot: Bot
) -> None:
    incoming = await user.send_text("minta rekap")
    reply = await bot.send_message(
        user.id, "siap", reply_parameters=ReplyParameters(incoming["message_id"])
    )
    assert reply.reply_to_message is not None
    assert reply.reply_to_message.text == "minta rekap"
    with pytest.raises(BadRequest, match="Message to be replied not found"):
        await bot.send_message(user.id, "x", reply_parameters=ReplyParameters(999))

    photo = await bot.send_photo(user.id, tiny_png(), caption="lama")
    edited = await bot.edit_message_caption(
        user.id, photo.message_id, caption="<b>baru</b>", parse_mode="HTML"
    )
    assert isinstance(edited, Message) and edited.caption == "baru"
    with pytest.raises(BadRequest, match="There is no text in the message to edit"):
        await bot.edit_message_text("teks", user.id, photo.message_id)

    assert await bot.delete_message(user.id, reply.message_id)
    assert user.messages[0].deleted
    with pytest.raises(BadRequest, match="Message to delete not found"):
        await bot.delete_message(user.id, reply.message_id)
    with pytest.raises(ButtonNotFound, match="deleted"):
        await user.press("x", user.messages[0])

    chat = await bot.get_chat(user.id)
    assert (chat.id, chat.type, chat.first_name, chat.username) == (
        user.id,
        "private",
        "Budi",
        "budi_sek",
    )
    assert (await bot.get_chat("@budi_sek")).id == user.id
    assert api.format_transcript().splitlines()[-2:] == [
        f"bot ✎ [Sekretaris] #{photo.message_id}: baru",
        f"bot ✗ [Sekretaris] #{reply.message_id}: (pesan dihapus) siap",
    ]


async def test_wait_idle_paces_a_two_user_conversation(api: BotApiStandIn) -> None:
    secretary = api.add_user(1001, "Budi", label="Sekretaris")
    head = api.add_user(1002, "Rina", label="Kepala Dinas")

    async def forward(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.message is not None and update.effective_user is not None
        target = head.id if update.effective_user.id == secretary.id else secretary.id
        await context.bot.send_chat_action(target, "typing")
        await context.bot.send_message(target, f"Pesan baru:\n{update.message.text}")

    printed: list[str] = []
    remove = api.add_listener(lambda event: printed.append(api.format_event(event)))
    async with running_app(api, [MessageHandler(filters.TEXT, forward)]):
        await secretary.send_text("Laporan Q1 siap")
        await api.wait_idle(timeout=5, quiet=0.05)
        assert head.texts == ["Pesan baru:\nLaporan Q1 siap"]
        await head.send_text("Terima kasih")
        await api.wait_idle(timeout=5, quiet=0.05)
    remove()

    assert secretary.texts == ["Pesan baru:\nTerima kasih"]
    assert printed == [
        "[Sekretaris] → bot: Laporan Q1 siap",
        "bot → [Kepala Dinas]: Pesan baru:\n    Laporan Q1 siap",
        "[Kepala Dinas] → bot: Terima kasih",
        "bot → [Sekretaris]: Pesan baru:\n    Terima kasih",
    ]
    assert len(api.calls_to("sendChatAction")) == 2
