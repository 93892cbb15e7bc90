"""Commands open to every member: /start, /bantuan, /tugas, /status, /batal; and the guard."""

from __future__ import annotations

from telegram import Update
from telegram.ext import (
    ApplicationHandlerStop,
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot import texts
from bot.callbacks import Action, button
from bot.domain import errors
from bot.domain.sop import Role
from bot.services import identity, tasks
from bot.telegram_context import BotContext
from conversations.common import call, reply


async def guard(update: Update, context: BotContext) -> None:
    """Let members through; refuse strangers and deactivated users politely, once per update."""
    user = update.effective_user
    if user is None or update.effective_chat is None or update.effective_chat.type != "private":
        raise ApplicationHandlerStop
    context.member = await call(context, identity.whoami, user.id)
    message = update.effective_message
    is_start = bool(message and message.text and message.text.startswith("/start"))
    if context.member is None and not is_start:
        await _refuse(update, texts.STRANGER)
    if context.member is not None and not context.member.active:
        await _refuse(update, texts.DEACTIVATED)


async def _refuse(update: Update, text: str) -> None:
    if update.callback_query is not None:
        await update.callback_query.answer()
    await reply(update, text)
    raise ApplicationHandlerStop


def _role_names(member: identity.Member) -> list[str]:
    return [texts.role_label(role, division) for role, _, division in member.roles]


async def start(update: Update, context: BotContext) -> None:
    """/start, optionally with an invitation code from the deep link."""
    user = update.effective_user
    assert user is not None
    if context.args:
        try:
            context.member = await call(context, identity.redeem_invite, user.id, context.args[0])
        except errors.InvalidInput as error:
            await reply(update, texts.invite_error(str(error.params.get("reason"))))
            return
    if context.member is None:
        await reply(update, texts.STRANGER)
        return
    await reply(update, texts.welcome(context.member.name, _role_names(context.member)))


async def help_command(update: Update, context: BotContext) -> None:
    await reply(update, texts.help_text(_role_names(context.me)))


async def my_tasks(update: Update, context: BotContext) -> None:
    """/tugas: every open task of the member, each with a button to begin it."""
    found = await call(context, tasks.open_tasks, context.me.user_id)
    if not found:
        await reply(update, texts.NO_TASKS)
        return
    lines = [texts.tasks_header(len(found))]
    rows = []
    for task in found:
        lines.append(texts.task_line(task.number, task.label, task.period, task.division,
                                     task.due_at, task.overdue))
        label = f"▶️ Langkah {task.number}" + (f" — {task.division}" if task.division else "")
        rows.append([button(label, Action.BEGIN, task.step, task.run_id)])
    await reply(update, "\n".join(lines), rows)


async def status(update: Update, context: BotContext) -> None:
    """/status: where each open cycle stands and who it waits for."""
    found = await call(context, tasks.cycle_status, context.me.user_id)
    if not found:
        await reply(update, texts.NO_OPEN_CYCLE)
        return
    blocks = []
    for cycle in found:
        lines = [texts.status_header(cycle.year, cycle.quarter, cycle.archived)]
        for s in cycle.steps:
            if s.state in ("active", "overdue"):
                assert s.due_at is not None
                detail = texts.waiting_for(s.waiting_for, s.due_at, s.state == "overdue")
                if s.detail:
                    detail = f"{s.detail}; {detail}"
            elif s.state == "done":
                detail = texts.done_by(s.done_by, s.done_at)
            else:
                detail = ""
            lines.append(texts.status_line(s.number, s.label, s.state, detail))
        blocks.append("\n".join(lines))
    await reply(update, "\n\n".join(blocks))


async def nothing_to_cancel(update: Update, context: BotContext) -> None:
    await reply(update, texts.NOTHING_TO_CANCEL)


async def unknown(update: Update, context: BotContext) -> None:
    await reply(update, texts.UNKNOWN_INPUT)


async def stale_button(update: Update, context: BotContext) -> None:
    """A button whose moment has passed: say so, change nothing."""
    query = update.callback_query
    assert query is not None
    await query.answer(texts.ALREADY_HANDLED, show_alert=False)


def guard_handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    return [TypeHandler(Update, guard)]


def command_handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    """Handled before the SOP conversation, so they work in the middle of any flow."""
    return [
        CommandHandler("start", start),
        CommandHandler("bantuan", help_command),
        CommandHandler("help", help_command),
        CommandHandler("tugas", my_tasks),
        CommandHandler("status", status),
    ]


def fallback_handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    """After the SOP conversation: whatever nobody else took."""
    return [
        CommandHandler("batal", nothing_to_cancel),
        CallbackQueryHandler(stale_button),
        MessageHandler(filters.ALL, unknown),
    ]


def is_head(context: BotContext) -> bool:
    return context.me.holds(Role.HEAD)
