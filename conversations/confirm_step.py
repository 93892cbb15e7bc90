"""Steps 3, 5, 6, 8 and 9: read what the step needs, optionally attach a file, confirm.

One flow serves all of them; what differs (the extra lines, the confirm label, what may be
attached, what completing produces) comes from ``bot.services.step_work``.
"""

from __future__ import annotations

from enum import StrEnum

from telegram import Update
from telegram.ext import CallbackQueryHandler, MessageHandler, filters

from bot import texts
from bot.callbacks import Action, button, pattern
from bot.domain import errors
from bot.domain.errors import Reason
from bot.domain.sop import step
from bot.services import drafts, steps
from bot.services.step_work import CONFIRMED, work
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
    show_working,
)

FLOW = "confirm"


class ConfirmState(StrEnum):
    CONFIRM = "confirm.confirm"
    ATTACH = "confirm.attach"
    RETURN_NOTE = "confirm.return_note"


@refusals
async def begin(update: Update, context: BotContext) -> object:
    """The ▶️ Mulai button: shows the step, its inputs and the confirm button."""
    await close_buttons(update)
    run_id = int(callback_args(update)[1])
    await call(context, drafts.update, context.me.user_id, FLOW, run_id=run_id)
    return await _show(update, context, run_id)


async def _show(update: Update, context: BotContext, run_id: int) -> object:
    preview = await call(context, steps.preview, context.me.user_id, run_id)
    run = preview.run
    extra = list(preview.extra)
    extra += [texts.attachment_saved(d.name, d.size) for d in preview.attachments]
    text = texts.step_intro(step(run.step), run.period, run.due_at, extra, preview.inputs)
    todo = work(run.step)
    rows = [[button(todo.confirm_label or "", Action.CONFIRM)]]
    rows += [[button(texts.return_part_button(name), Action.PART_BACK, division_id)]
             for division_id, name in preview.returnable]
    if todo.attaches is not None:
        rows.append([button(texts.BTN_ATTACH, Action.ATTACH)])
    rows.append([button(texts.BTN_CANCEL, Action.CANCEL)])
    await reply(update, text, rows)
    return ConfirmState.CONFIRM


@refusals
async def confirm(update: Update, context: BotContext) -> object:
    """Completes the step; the next role is notified by the outbox."""
    run_id = await draft_run_id(context, FLOW)
    if work((await call(context, steps.get_run, context.me.user_id, run_id)).step).makes:
        await show_working(update, context, texts.BUILDING)
    run = await call(context, steps.confirm, context.me.user_id, run_id)
    await close_buttons(update)
    await call(context, drafts.clear, context.me.user_id, FLOW)
    await reply(update, work(run.step).done_text or "")
    return END


async def ask_attachment(update: Update, context: BotContext) -> object:
    await close_buttons(update)
    await reply(update, texts.ASK_ATTACHMENT, [[button(texts.BTN_BACK, Action.SUMMARY)]])
    return ConfirmState.ATTACH


@refusals
async def attachment(update: Update, context: BotContext) -> object:
    run_id = await draft_run_id(context, FLOW)
    run = await call(context, steps.get_run, context.me.user_id, run_id)
    upload = await download(update, context)
    kind = work(run.step).attaches
    if kind is None:  # the step under way takes no attachment
        raise errors.InvalidInput(reason=Reason.NOT_CONFIRM_STEP)
    await call(context, steps.attach, context.me.user_id, run_id, kind, upload)
    return await _show(update, context, run_id)


@refusals
async def back(update: Update, context: BotContext) -> object:
    await close_buttons(update)
    return await _show(update, context, await draft_run_id(context, FLOW))



async def ask_return_note(update: Update, context: BotContext) -> object:
    """Step 5: which part goes back is chosen; the note comes next."""
    await close_buttons(update)
    division_id = int(callback_args(update)[0])
    await call(context, drafts.update, context.me.user_id, FLOW, division_id=division_id)
    await reply(update, texts.ASK_PART_RETURN_NOTE, [[button(texts.BTN_BACK, Action.SUMMARY)]])
    return ConfirmState.RETURN_NOTE


@refusals
async def return_note(update: Update, context: BotContext) -> object:
    assert update.effective_message is not None
    draft = await call(context, drafts.load, context.me.user_id, FLOW)
    name = await call(context, steps.return_part, context.me.user_id, int(draft["run_id"]),
                      int(draft["division_id"]), update.effective_message.text or "")
    await reply(update, texts.part_returned(name))
    return END


def build_confirm_flow() -> Flow:
    return Flow(
        entry_points=[CallbackQueryHandler(
            begin, pattern=pattern(Action.BEGIN, first=CONFIRMED))],
        states={
            ConfirmState.CONFIRM: [
                CallbackQueryHandler(confirm, pattern=pattern(Action.CONFIRM)),
                CallbackQueryHandler(ask_attachment, pattern=pattern(Action.ATTACH)),
                CallbackQueryHandler(ask_return_note, pattern=pattern(Action.PART_BACK)),
            ],
            ConfirmState.RETURN_NOTE: [
                MessageHandler(filters.TEXT & ~filters.COMMAND, return_note),
                CallbackQueryHandler(back, pattern=pattern(Action.SUMMARY)),
            ],
            ConfirmState.ATTACH: [
                MessageHandler(filters.Document.ALL | filters.PHOTO, attachment),
                CallbackQueryHandler(back, pattern=pattern(Action.SUMMARY)),
            ],
        },
    )
