"""``/arsip``: pick an archived quarter by button and receive its sealed zip."""

from __future__ import annotations

from telegram import InputFile, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot import texts
from bot.callbacks import Action, button, pattern
from bot.formatting import file_size
from bot.keyboards import columns
from bot.services import archive_access
from bot.telegram_context import BotContext
from conversations.common import call, callback_args, close_buttons, refusals, reply


@refusals
async def list_archives(update: Update, context: BotContext) -> object:
    rows = await call(context, archive_access.archives_for, context.me.user_id)
    if not rows:
        await reply(update, texts.NO_ARCHIVES)
        return None
    buttons = [button(r.period, Action.ARCHIVE, r.year, r.quarter) for r in rows]
    await reply(update, texts.ARCHIVES_HEADER, columns(buttons, 2))
    return None


@refusals
async def send_archive(update: Update, context: BotContext) -> object:
    await close_buttons(update)
    year, quarter = (int(a) for a in callback_args(update))
    name, data = await call(context, archive_access.archive_file, context.me.user_id, year,
                            quarter)
    message = update.effective_message
    assert message is not None
    await message.reply_document(InputFile(data, filename=name),
                                 caption=texts.archive_caption(name, file_size(len(data))))
    return None


def archive_handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    return [CommandHandler("arsip", list_archives),
            CallbackQueryHandler(send_archive, pattern=pattern(Action.ARCHIVE))]
