"""What every flow shares: calling services off the event loop, replies, refusals, uploads."""

from __future__ import annotations

import contextlib
import functools
import unicodedata
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, ParamSpec, TypeVar

from telegram import Message, Update
from telegram.constants import ChatAction
from telegram.error import BadRequest, TelegramError
from telegram.ext import BaseHandler, ConversationHandler

from bot import database_work, keyboards, owed_replies, texts
from bot.callbacks import parse
from bot.domain import errors
from bot.domain.errors import Reason
from bot.formatting import split_text
from bot.services import drafts
from bot.services.uploads import Upload, check, inspect, photo_name
from bot.telegram_context import BotContext

END = ConversationHandler.END
CAPTION_LIMIT = 1024
P = ParamSpec("P")
R = TypeVar("R")

# Refusals after which the flow cannot go on: the task is gone or was never the user's.
ENDING_ERRORS = (errors.NotAllowed, errors.StepNotActive, errors.CycleClosed)

Handler = Callable[[Update, BotContext], Awaitable[object]]


@dataclass
class Flow:
    """One conversation flow: how it starts and the handlers of each of its states."""

    entry_points: list[BaseHandler[Any, Any, Any]]
    states: dict[object, list[BaseHandler[Any, Any, Any]]] = field(default_factory=dict)


async def call(context: BotContext, fn: Callable[..., R], *args: Any, **kwargs: Any) -> R:
    """Run a (blocking) service function off the event loop, or on it when that is safe and
    cheaper (``bot.database_work``)."""
    return await database_work.run(fn, context.services, *args, **kwargs)


async def reply(update: Update, text: str, buttons: keyboards.Rows | None = None) -> Message:
    """Answer in the chat; text over Telegram's limit goes in pieces, buttons on the last."""
    message = update.effective_message
    assert message is not None
    *first, last = split_text(text)
    for piece in first:
        await message.reply_text(piece)
    return await message.reply_text(last, reply_markup=keyboards.inline(buttons))


async def close_buttons(update: Update, note: str | None = None) -> None:
    """Acknowledge a button press and take the buttons off, so it cannot be pressed again."""
    query = update.callback_query
    if query is None:
        return
    await query.answer()
    message = query.message
    if not isinstance(message, Message):
        return
    try:
        if note and message.text:
            await message.edit_text(f"{message.text}\n\n{note}", reply_markup=None)
        elif note and message.caption and len(message.caption) + len(note) < CAPTION_LIMIT:
            await message.edit_caption(f"{message.caption}\n\n{note}", reply_markup=None)
        else:
            await message.edit_reply_markup(reply_markup=None)
            if note:
                await message.reply_text(note)
    except BadRequest:
        pass  # already edited: an earlier press of the same button got here first


async def show_working(update: Update, context: BotContext, note: str) -> None:
    """Long work ahead (a report to build): the button press is answered at once with
    ``note`` and the chat shows "sending a file…", while the result itself waits for the
    commit like every reply. Neither may fail the work."""
    query = update.callback_query
    chat = update.effective_chat
    owed = owed_replies.current()
    with owed_replies.at_once():
        if query is not None:
            with contextlib.suppress(TelegramError):
                await query.answer(note)
                if owed is not None:
                    owed.answered_at_once(query.id)
        if chat is not None:
            with contextlib.suppress(TelegramError):
                await context.bot.send_chat_action(chat.id, ChatAction.UPLOAD_DOCUMENT)


def callback_args(update: Update) -> list[str]:
    query = update.callback_query
    assert query is not None and query.data is not None
    return parse(query.data)[1]


def refusals(handler: Handler) -> Handler:
    """Turn a workflow refusal into a polite message; the flow ends only if it cannot go on."""

    @functools.wraps(handler)
    async def wrapper(update: Update, context: BotContext) -> object:
        try:
            return await handler(update, context)
        except errors.WorkflowError as error:
            if update.callback_query is not None:
                with contextlib.suppress(BadRequest):
                    # Most handlers answered the press already (close_buttons); a second
                    # answer is refused by Telegram, and the refusal must still be shown.
                    await update.callback_query.answer()
            await reply(update, texts.error_message(error))
            return END if isinstance(error, ENDING_ERRORS) else None

    return wrapper


async def download(update: Update, context: BotContext) -> Upload:
    """The document or photo in the message, checked for type and size before downloading."""
    message = update.effective_message
    assert message is not None
    if message.document is not None:
        doc = message.document
        # Control characters in a name would be echoed raw in every reply that names the file.
        name = "".join(c for c in doc.file_name or "" if unicodedata.category(c) != "Cc").strip()
        name = name or f"berkas-{doc.file_unique_id}"
        mime = check(name, doc.file_size)
        file = await doc.get_file()
    elif message.photo:
        photo = message.photo[-1]
        name = f"foto-{photo.file_unique_id}.jpg"
        mime = check(name, photo.file_size)
        file = await photo.get_file()
    else:
        raise errors.InvalidInput(reason=Reason.FILE_REQUIRED)
    data = bytes(await file.download_as_bytearray())
    if message.document is None:
        # Telegram sends photos as JPEG; a Bot API server of one's own may keep a PNG.
        name, mime = photo_name(name, data)
    upload = Upload(data=data, name=name, mime_type=mime)
    inspect(upload)  # every file an official sends passes here
    return upload


async def draft_run_id(context: BotContext, flow: str) -> int:
    """The step run the member's current ``flow`` is about, kept in their draft."""
    draft = await call(context, drafts.load, context.me.user_id, flow)
    if "run_id" not in draft:
        raise errors.InvalidInput(reason=Reason.UNKNOWN_RUN)
    return int(draft["run_id"])


async def toggle_choice(
    update: Update, context: BotContext, flow: str, key: str, items: list[tuple[int, str]]
) -> None:
    """Tick or untick one item of a checklist kept in the draft, and redraw it in place."""
    query = update.callback_query
    assert query is not None
    await query.answer()
    user_id = context.me.user_id
    draft = await call(context, drafts.load, user_id, flow)
    chosen = set(draft.get(key, [])) ^ {int(callback_args(update)[0])}
    values = {key: sorted(chosen)}
    await call(context, drafts.update, user_id, flow, **values)
    await query.edit_message_reply_markup(keyboards.inline(keyboards.checklist(items, chosen)))


async def chosen_or_alert(update: Update, context: BotContext, flow: str, key: str,
                          alert: str) -> list[int] | None:
    """The ticked items, or None after telling the member to tick at least one."""
    draft = await call(context, drafts.load, context.me.user_id, flow)
    chosen = [int(c) for c in draft.get(key, [])]
    if not chosen:
        assert update.callback_query is not None
        await update.callback_query.answer(alert, show_alert=True)
        return None
    return chosen
