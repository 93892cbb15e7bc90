"""Step 1: the Kepala Dinas opens a cycle and issues the Nota Kepala Dinas."""

from __future__ import annotations

from enum import StrEnum

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot import texts
from bot.callbacks import Action, button, pattern
from bot.domain import errors
from bot.domain.clock import to_local
from bot.domain.sop import DocumentKind, StepKey
from bot.formatting import ROMAN
from bot.keyboards import with_cancel
from bot.services import drafts, steps
from bot.telegram_context import BotContext
from conversations.common import (
    END,
    Flow,
    call,
    callback_args,
    close_buttons,
    download,
    draft_run_id,
    refusals,
    reply,
)

FLOW = "order"


class OrderState(StrEnum):
    YEAR = "order.year"
    QUARTER = "order.quarter"
    ANALYSIS = "order.analysis"
    CONFIRM = "order.confirm"


@refusals
async def order(update: Update, context: BotContext) -> object:
    """/mulai: resume an unfinished order, or ask for the year."""
    await call(context, steps.check_may_order, context.me.user_id)
    run = await call(context, steps.open_order_run, context.me.user_id)
    if run is not None:
        return await _ask_analysis(update, context, run.run_id)
    this_year = to_local(context.services.now()).year
    years = [button(str(y), Action.YEAR, y) for y in (this_year - 1, this_year)]
    await reply(update, texts.ASK_YEAR, with_cancel([years]))
    return OrderState.YEAR


@refusals
async def resume(update: Update, context: BotContext) -> object:
    """The ▶️ Mulai button of a step-1 task."""
    await close_buttons(update)
    run_id = int(callback_args(update)[1])
    await call(context, steps.get_run, context.me.user_id, run_id)
    return await _ask_analysis(update, context, run_id)


async def year(update: Update, context: BotContext) -> object:
    """Stores the year; asks for the quarter."""
    await close_buttons(update)
    chosen = int(callback_args(update)[0])
    await call(context, drafts.update, context.me.user_id, FLOW, year=chosen)
    await reply(update, texts.ASK_QUARTER, _quarter_buttons())
    return OrderState.QUARTER


@refusals
async def quarter(update: Update, context: BotContext) -> object:
    """Opens the cycle for the chosen period; asks for the analysis report."""
    await close_buttons(update)
    draft = await call(context, drafts.load, context.me.user_id, FLOW)
    try:
        run = await call(context, steps.start_cycle, context.me.user_id, int(draft["year"]),
                         int(callback_args(update)[0]))
    except errors.CycleExists as exists:
        # The buttons are gone with the press: offer them again for another quarter.
        await reply(update, texts.error_message(exists), _quarter_buttons())
        return None
    await reply(update, texts.cycle_started(run.year, run.quarter))
    return await _ask_analysis(update, context, run.run_id)


def _quarter_buttons() -> list[list[dict[str, str]]]:
    return with_cancel([[button(f"TW {ROMAN[q]}", Action.QUARTER, q) for q in (1, 2, 3, 4)]])


async def _ask_analysis(update: Update, context: BotContext, run_id: int) -> object:
    await call(context, drafts.update, context.me.user_id, FLOW, run_id=run_id)
    existing = await call(context, steps.analysis_of, context.me.user_id, run_id)
    if existing is not None:
        return await _confirm(update, context, run_id, existing.name)
    previous = await call(context, steps.previous_analysis, context.me.user_id, run_id)
    if previous is None:
        await reply(update, texts.ASK_ANALYSIS, with_cancel([]))
    else:
        await reply(update, texts.ASK_ANALYSIS_OR_PREVIOUS,
                    with_cancel([[button(texts.BTN_REUSE_PREVIOUS, Action.REUSE)]]))
    return OrderState.ANALYSIS


@refusals
async def analysis_file(update: Update, context: BotContext) -> object:
    """Stores the uploaded analysis report; asks to confirm the memo."""
    run_id = await draft_run_id(context, FLOW)
    upload = await download(update, context)
    doc = await call(context, steps.attach, context.me.user_id, run_id,
                     DocumentKind.ANALYSIS_REPORT, upload)
    await reply(update, texts.attachment_saved(doc.name, doc.size))
    return await _confirm(update, context, run_id, doc.name)


@refusals
async def reuse_previous(update: Update, context: BotContext) -> object:
    """Takes the previous quarter's report as the analysis; asks to confirm the memo."""
    await close_buttons(update)
    run_id = await draft_run_id(context, FLOW)
    doc = await call(context, steps.reuse_previous_analysis, context.me.user_id, run_id)
    return await _confirm(update, context, run_id, doc.name)


async def _confirm(update: Update, context: BotContext, run_id: int, analysis: str) -> object:
    run = await call(context, steps.get_run, context.me.user_id, run_id)
    await reply(update, texts.confirm_memo(run.year, run.quarter, analysis),
                with_cancel([[button(texts.BTN_CONFIRM, Action.CONFIRM)]]))
    return OrderState.CONFIRM


@refusals
async def issue(update: Update, context: BotContext) -> object:
    """Issues the Nota Kepala Dinas; the Sekretaris is notified."""
    await close_buttons(update)
    run_id = await draft_run_id(context, FLOW)
    run = await call(context, steps.issue_memo, context.me.user_id, run_id)
    await call(context, drafts.clear, context.me.user_id, FLOW)
    await reply(update, texts.memo_issued(run.year, run.quarter))
    return END


async def expect_file(update: Update, context: BotContext) -> object:
    await reply(update, texts.EXPECT_FILE)
    return None



def build_order_flow() -> Flow:
    files = filters.Document.ALL | filters.PHOTO
    return Flow(
        entry_points=[
            CommandHandler("mulai", order),
            CallbackQueryHandler(resume, pattern=pattern(Action.BEGIN, first=(StepKey.ORDER,))),
        ],
        states={
            OrderState.YEAR: [CallbackQueryHandler(year, pattern=pattern(Action.YEAR))],
            OrderState.QUARTER: [CallbackQueryHandler(quarter, pattern=pattern(Action.QUARTER))],
            OrderState.ANALYSIS: [
                MessageHandler(files, analysis_file),
                CallbackQueryHandler(reuse_previous, pattern=pattern(Action.REUSE)),
                MessageHandler(filters.TEXT & ~filters.COMMAND, expect_file),
            ],
            OrderState.CONFIRM: [
                CallbackQueryHandler(issue, pattern=pattern(Action.CONFIRM)),
                MessageHandler(files, analysis_file),  # another file replaces a wrong one
            ],
        },
    )
