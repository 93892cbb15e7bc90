"""Step 7: the Kepala Dinas approves the report, or returns it with a note, by button."""

from __future__ import annotations

from enum import StrEnum

from telegram import Update
from telegram.ext import CallbackQueryHandler, MessageHandler, filters

from bot import texts
from bot.callbacks import Action, pattern
from bot.domain import errors
from bot.domain.errors import Reason
from bot.domain.sop import StepKey
from bot.keyboards import checklist
from bot.services import drafts, review
from bot.telegram_context import BotContext
from conversations.common import (
    END,
    Flow,
    call,
    callback_args,
    chosen_or_alert,
    close_buttons,
    draft_run_id,
    refusals,
    reply,
    toggle_choice,
)

FLOW = "review"


class ReviewState(StrEnum):
    TARGETS = "review.targets"
    NOTE = "review.note"


@refusals
async def begin(update: Update, context: BotContext) -> object:
    """From /tugas: the request again, with the report and the decision buttons."""
    await close_buttons(update)
    await call(context, review.send_request_again, context.me.user_id,
               int(callback_args(update)[1]))
    return END


@refusals
async def approve(update: Update, context: BotContext) -> object:
    """✅ Setujui: the report goes on to step 8; the buttons disappear."""
    run_id = int(callback_args(update)[0])
    await call(context, review.decide, context.me.user_id, run_id, approve=True)
    await close_buttons(update, texts.APPROVED)
    return END


@refusals
async def start_return(update: Update, context: BotContext) -> object:
    """↩️ Kembalikan: asks whom to return to."""
    run_id = int(callback_args(update)[0])
    targets = await call(context, review.targets, context.me.user_id, run_id)
    await close_buttons(update)
    await call(context, drafts.update, context.me.user_id, FLOW, run_id=run_id, chosen=[])
    await reply(update, texts.ASK_RETURN_TARGETS, checklist(targets, set()))
    return ReviewState.TARGETS



async def toggle_target(update: Update, context: BotContext) -> object:
    targets = await call(context, review.targets, context.me.user_id,
                         await draft_run_id(context, FLOW))
    await toggle_choice(update, context, FLOW, "chosen", targets)
    return None


async def targets_done(update: Update, context: BotContext) -> object:
    if await chosen_or_alert(update, context, FLOW, "chosen", texts.NO_RETURN_TARGET) is None:
        return None
    await close_buttons(update)
    await reply(update, texts.ASK_RETURN_NOTE)
    return ReviewState.NOTE


@refusals
async def note(update: Update, context: BotContext) -> object:
    """The note goes with the return to everyone who must complete."""
    assert update.effective_message is not None
    text = (update.effective_message.text or "").strip()
    if not text:
        raise errors.InvalidInput(reason=Reason.NOTE_REQUIRED)
    draft = await call(context, drafts.load, context.me.user_id, FLOW)
    chosen = [int(c) for c in draft.get("chosen", [])]
    run_id = int(draft["run_id"])
    names = dict(await call(context, review.targets, context.me.user_id, run_id))
    await call(context, review.decide, context.me.user_id, run_id, approve=False, note=text,
               division_ids=chosen)
    await call(context, drafts.clear, context.me.user_id, FLOW)
    await reply(update, texts.returned([names[c] for c in chosen if c in names]))
    return END


async def expect_text(update: Update, context: BotContext) -> object:
    await reply(update, texts.EXPECT_TEXT)
    return None


def build_review_flow() -> Flow:
    return Flow(
        entry_points=[
            CallbackQueryHandler(approve, pattern=pattern(Action.APPROVE)),
            CallbackQueryHandler(start_return, pattern=pattern(Action.RETURN)),
            CallbackQueryHandler(begin, pattern=pattern(Action.BEGIN, first=(StepKey.REVIEW,))),
        ],
        states={
            ReviewState.TARGETS: [
                CallbackQueryHandler(toggle_target, pattern=pattern(Action.TOGGLE)),
                CallbackQueryHandler(targets_done, pattern=pattern(Action.DONE)),
            ],
            ReviewState.NOTE: [
                MessageHandler(filters.TEXT & ~filters.COMMAND, note),
                MessageHandler(filters.Document.ALL | filters.PHOTO, expect_text),
            ],
        },
    )
