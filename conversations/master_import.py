"""``/impor``: the Tim SAKIP sends the year's Perjanjian Kinerja, Rencana Aksi and budget."""

from __future__ import annotations

from enum import StrEnum

from telegram import InputFile, Update
from telegram.ext import CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot import texts
from bot.callbacks import Action, button, pattern
from bot.domain import errors
from bot.domain.clock import to_local
from bot.domain.sop import Role
from bot.keyboards import with_cancel
from bot.services import drafts, master_upload
from bot.services.master_data import MasterDataInvalid
from bot.telegram_context import BotContext
from conversations.common import (
    END,
    Flow,
    call,
    callback_args,
    close_buttons,
    download,
    refusals,
    reply,
)

FLOW = "master_import"


class ImportState(StrEnum):
    YEAR = "master_import.year"
    FILE = "master_import.file"


@refusals
async def start(update: Update, context: BotContext) -> object:
    """/impor: asks which year the workbook is for."""
    if not context.me.holds(Role.SAKIP_TEAM):
        raise errors.NotAllowed(step="-")
    this_year = to_local(context.services.now()).year
    years = [button(str(y), Action.YEAR, y) for y in (this_year, this_year + 1)]
    await reply(update, texts.ASK_MASTER_YEAR, with_cancel([years]))
    return ImportState.YEAR


@refusals
async def year(update: Update, context: BotContext) -> object:
    """Stores the year; sends the template and asks for the filled workbook."""
    await close_buttons(update)
    chosen = int(callback_args(update)[0])
    await call(context, drafts.update, context.me.user_id, FLOW, year=chosen)
    template = await call(context, master_upload.template, context.me.user_id, chosen)
    message = update.effective_message
    assert message is not None
    await message.reply_document(InputFile(template, filename=texts.MASTER_TEMPLATE_FILENAME),
                                 caption=texts.ask_master_file(chosen),
                                 reply_markup=None)
    await reply(update, texts.WAITING_MASTER_FILE, with_cancel([]))
    return ImportState.FILE


@refusals
async def workbook(update: Update, context: BotContext) -> object:
    """Imports the workbook whole, or lists every problem with sheet, row and column."""
    upload = await download(update, context)
    draft = await call(context, drafts.load, context.me.user_id, FLOW)
    try:
        summary = await call(context, master_upload.import_for, context.me.user_id,
                             upload.data, year=int(draft["year"]), source_name=upload.name)
    except MasterDataInvalid as invalid:
        lines = [str(p) for p in invalid.problems]
        await reply(update, texts.master_invalid(lines, upload.name))
        return None
    await call(context, drafts.clear, context.me.user_id, FLOW)
    await reply(update, summary.text())
    return END


async def expect_workbook(update: Update, context: BotContext) -> object:
    await reply(update, texts.WAITING_MASTER_FILE)
    return None


def build_master_import_flow() -> Flow:
    return Flow(
        entry_points=[CommandHandler("impor", start)],
        states={
            ImportState.YEAR: [CallbackQueryHandler(year, pattern=pattern(Action.YEAR))],
            ImportState.FILE: [
                MessageHandler(filters.Document.ALL, workbook),
                MessageHandler(filters.TEXT & ~filters.COMMAND, expect_workbook),
            ],
        },
    )
