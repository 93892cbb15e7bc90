"""Step 4: a Bidang (or the Sekretaris for the Sekretariat) fills in its part and submits it."""

from __future__ import annotations

from enum import StrEnum

from telegram import Update
from telegram.ext import CallbackQueryHandler, MessageHandler, filters

from bot import texts
from bot.callbacks import Action, button, pattern
from bot.domain import errors
from bot.domain.sop import StepKey
from bot.services import drafts, fill_in, realization
from bot.services.fill_in import PartView
from bot.telegram_context import BotContext
from conversations import realization as realization_flow
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

FLOW = "fill_in"


class FillInState(StrEnum):
    FILLING = "fill_in.filling"
    CONFIRM = "fill_in.confirm"


def _actions() -> list[list[dict[str, str]]]:
    return [[button(texts.BTN_SUBMIT, Action.SUBMIT), button("📋 Ringkasan", Action.SUMMARY)],
            [button(texts.BTN_CANCEL, Action.CANCEL)]]


def _summary(part: PartView) -> str:
    return texts.fill_in_summary(part.run.division_name or "-", part.figures,
                                 [(d.name, d.size) for d in part.evidence])


@refusals
async def begin(update: Update, context: BotContext) -> object:
    """The ▶️ Mulai button: shows what to send and what is already saved."""
    await close_buttons(update)
    run_id = int(callback_args(update)[1])
    part = await call(context, fill_in.open_part, context.me.user_id, run_id)
    await call(context, drafts.update, context.me.user_id, FLOW, run_id=run_id)
    run = part.run
    sheet = await call(context, realization.part_sheet, context.me.user_id, run_id)
    note = run.note if run.round > 1 else None
    if sheet.structured:
        await reply(update, texts.structured_intro(run.division_name or "-", run.period,
                                                   run.due_at, note))
        return await realization_flow.show_menu(update, context, sheet)
    await reply(update, texts.fill_in_intro(run.division_name or "-", run.period, run.due_at,
                                            note))
    await reply(update, _summary(part), _actions())
    return FillInState.FILLING


@refusals
async def figures(update: Update, context: BotContext) -> object:
    """Typed realisation figures are saved at once, replacing the previous text."""
    assert update.effective_message is not None
    run_id = await draft_run_id(context, FLOW)
    await call(context, fill_in.save_figures, context.me.user_id, run_id,
               update.effective_message.text or "")
    await reply(update, texts.FIGURES_SAVED, _actions())
    return None


@refusals
async def evidence(update: Update, context: BotContext) -> object:
    """A file (filled form, photo, PDF) is saved at once as evidence."""
    upload = await download(update, context)
    run_id = await draft_run_id(context, FLOW)
    doc = await call(context, fill_in.add_evidence, context.me.user_id, run_id,
                     upload)
    text = texts.EVIDENCE_DUPLICATE if doc.duplicate else texts.EVIDENCE_SAVED
    await reply(update, text.format(name=doc.name), _actions())
    return None


@refusals
async def summary(update: Update, context: BotContext) -> object:
    await close_buttons(update)
    run_id = await draft_run_id(context, FLOW)
    part = await call(context, fill_in.open_part, context.me.user_id, run_id)
    await reply(update, _summary(part), _actions())
    return None


@refusals
async def ask_submit(update: Update, context: BotContext) -> object:
    """Shows everything once more; a structured part must be complete first."""
    await close_buttons(update)
    run_id = await draft_run_id(context, FLOW)
    sheet = await call(context, realization.part_sheet, context.me.user_id, run_id)
    if sheet.structured:
        text = realization_flow.summary_text(sheet)
        if not sheet.complete:
            await reply(update, text)
            return await realization_flow.show_menu(update, context, sheet)
    else:
        text = _summary(await call(context, fill_in.open_part, context.me.user_id, run_id))
    await reply(update, text + "\n\n" + texts.CONFIRM_SUBMIT,
                [[button(texts.BTN_CONFIRM, Action.CONFIRM),
                  button(texts.BTN_BACK, Action.SUMMARY)]])
    return FillInState.CONFIRM


@refusals
async def submit(update: Update, context: BotContext) -> object:
    """Submits the part; it is locked and the Tim SAKIP is told."""
    await close_buttons(update)
    run_id = await draft_run_id(context, FLOW)
    try:
        run = await call(context, fill_in.submit_part, context.me.user_id, run_id)
    except errors.InvalidInput as incomplete:
        # Back to filling in, where the missing figures and files are accepted.
        await reply(update, texts.error_message(incomplete))
        sheet = await call(context, realization.part_sheet, context.me.user_id, run_id)
        if sheet.structured:
            return await realization_flow.show_menu(update, context, sheet)
        await reply(update, texts.WHAT_NEXT, _actions())
        return FillInState.FILLING
    await call(context, drafts.clear, context.me.user_id, FLOW)
    await reply(update, texts.part_done(run.division_name or "-"))
    return END


@refusals
async def back(update: Update, context: BotContext) -> object:
    sheet = await call(context, realization.part_sheet, context.me.user_id,
                       await draft_run_id(context, FLOW))
    if sheet.structured:
        return await realization_flow.summary(update, context)
    await summary(update, context)
    return FillInState.FILLING



def build_fill_in_flow() -> Flow:
    files = filters.Document.ALL | filters.PHOTO
    submit_handlers = [CallbackQueryHandler(ask_submit, pattern=pattern(Action.SUBMIT))]
    return Flow(
        entry_points=[CallbackQueryHandler(
            begin, pattern=pattern(Action.BEGIN, first=(StepKey.FILL_IN,)))],
        states={
            **realization_flow.states(submit_handlers),
            FillInState.FILLING: [
                MessageHandler(filters.TEXT & ~filters.COMMAND, figures),
                MessageHandler(files, evidence),
                CallbackQueryHandler(summary, pattern=pattern(Action.SUMMARY)),
                CallbackQueryHandler(ask_submit, pattern=pattern(Action.SUBMIT)),
            ],
            FillInState.CONFIRM: [
                CallbackQueryHandler(submit, pattern=pattern(Action.CONFIRM)),
                CallbackQueryHandler(back, pattern=pattern(Action.SUMMARY)),
            ],
        },
    )
