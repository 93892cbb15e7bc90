"""``/plh``: an official names a stand-in; ``/alihkan``: the Sekretaris moves a task."""

from __future__ import annotations

from enum import StrEnum

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot import texts
from bot.callbacks import Action, button, pattern
from bot.keyboards import columns, with_cancel
from bot.services import delegation, drafts
from bot.telegram_context import BotContext
from conversations.common import END, Flow, call, callback_args, close_buttons, refusals, reply

FLOW = "acting"


class ActingState(StrEnum):
    SUBSTITUTE = "acting.substitute"
    PERIOD = "acting.period"
    TASK = "acting.task"
    ASSIGNEE = "acting.assignee"


async def _people(update: Update, context: BotContext, text: str,
                  first: list[list[dict[str, str]]] | None = None,
                  run_id: int | None = None) -> None:
    colleagues = await (call(context, delegation.candidates, context.me.user_id)
                        if run_id is None else
                        call(context, delegation.assignees, context.me.user_id, run_id))
    rows = [*(first or []), *columns(
        [button(name, Action.PICK, uid) for uid, name in colleagues], 2)]
    await reply(update, text, with_cancel(rows))


@refusals
async def start_plh(update: Update, context: BotContext) -> object:
    """/plh: whom to name; an appointment running or to come can be ended here too."""
    current = await call(context, delegation.mine, context.me.user_id)
    text = texts.ASK_SUBSTITUTE
    if current:
        text = texts.current_substitutes(
            [(v.kind, v.substitute, v.starts_at, v.ends_at, v.status) for v in current]
        ) + "\n\n" + text
    ends = [[button(texts.end_substitute(v.kind, v.substitute), Action.END_ACTING,
                    v.delegation_id)] for v in current]
    await _people(update, context, text, ends)
    return ActingState.SUBSTITUTE


@refusals
async def end_appointment(update: Update, context: BotContext) -> object:
    await close_buttons(update)
    view = await call(context, delegation.revoke, int(callback_args(update)[0]),
                      by_user_id=context.me.user_id)
    await reply(update, texts.substitute_ended(view.kind, view.substitute))
    return END


async def substitute(update: Update, context: BotContext) -> object:
    await close_buttons(update)
    await call(context, drafts.update, context.me.user_id, FLOW,
               substitute=int(callback_args(update)[0]))
    periods = [button(label, Action.PERIOD, key) for key, label in
               texts.DELEGATION_PERIODS.items()]
    await reply(update, texts.ASK_DELEGATION_PERIOD, with_cancel(columns(periods, 2)))
    return ActingState.PERIOD


@refusals
async def period(update: Update, context: BotContext) -> object:
    await close_buttons(update)
    draft = await call(context, drafts.load, context.me.user_id, FLOW)
    view = await call(context, delegation.appoint_for, context.me.user_id,
                      int(draft["substitute"]), callback_args(update)[0])
    await call(context, drafts.clear, context.me.user_id, FLOW)
    await reply(update, texts.delegation_saved(view.substitute, view.ends_at))
    return END


@refusals
async def start_move(update: Update, context: BotContext) -> object:
    """/alihkan: which open task to give to someone else."""
    runs = await call(context, delegation.open_runs, context.me.user_id)
    if not runs:
        await reply(update, texts.NO_TASKS_TO_MOVE)
        return END
    await reply(update, texts.ASK_TASK_TO_MOVE, with_cancel(columns(
        [button(label, Action.ITEM, "r", run_id) for run_id, label in runs], 1)))
    return ActingState.TASK


@refusals
async def task(update: Update, context: BotContext) -> object:
    await close_buttons(update)
    run_id = int(callback_args(update)[1])
    await call(context, drafts.update, context.me.user_id, FLOW, run_id=run_id)
    await _people(update, context, texts.ASK_NEW_ASSIGNEE, run_id=run_id)
    return ActingState.ASSIGNEE


@refusals
async def assignee(update: Update, context: BotContext) -> object:
    await close_buttons(update)
    draft = await call(context, drafts.load, context.me.user_id, FLOW)
    name = await call(context, delegation.reassign, context.me.user_id, int(draft["run_id"]),
                      int(callback_args(update)[0]))
    await call(context, drafts.clear, context.me.user_id, FLOW)
    await reply(update, texts.task_moved(name))
    return END


def build_acting_flow() -> Flow:
    return Flow(
        entry_points=[CommandHandler("plh", start_plh), CommandHandler("alihkan", start_move)],
        states={
            ActingState.SUBSTITUTE: [
                CallbackQueryHandler(substitute, pattern=pattern(Action.PICK)),
                CallbackQueryHandler(end_appointment, pattern=pattern(Action.END_ACTING)),
            ],
            ActingState.PERIOD: [CallbackQueryHandler(period, pattern=pattern(Action.PERIOD))],
            ActingState.TASK: [CallbackQueryHandler(task, pattern=pattern(Action.ITEM))],
            ActingState.ASSIGNEE: [CallbackQueryHandler(assignee, pattern=pattern(Action.PICK))],
        },
    )
