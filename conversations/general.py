"""Commands open to every member: /start, /bantuan, /tugas, /status, /batal; and the guard."""

from __future__ import annotations

from telegram import InputFile, Update
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
from bot.callbacks import Action, button, pattern
from bot.domain import errors
from bot.domain.clock import to_local
from bot.domain.sop import Role
from bot.keyboards import Rows
from bot.services import compliance, identity, reminders, tasks
from bot.telegram_context import BotContext
from conversations import agency_choice, command_menu
from conversations.archive import archive_handlers
from conversations.common import call, callback_args, refusals, reply
from conversations.reports import report_handlers


async def guard(update: Update, context: BotContext) -> None:
    """Let members through; refuse strangers and deactivated users politely, once per update."""
    user = update.effective_user
    if user is None or update.effective_chat is None or update.effective_chat.type != "private":
        raise ApplicationHandlerStop
    query = update.callback_query
    if query is not None and query.message is not None and query.message.chat.id != user.id:
        # Only a forged press can name a message of another chat: answer the presser alone
        # and leave that chat and its buttons as they are.
        await query.answer(texts.FOREIGN_BUTTON, show_alert=True)
        raise ApplicationHandlerStop
    if update.edited_message is not None:
        # An edit of an earlier message would be read as the answer to the current question.
        await reply(update, texts.EDIT_IGNORED)
        raise ApplicationHandlerStop
    context.member = await call(context, identity.whoami, user.id)
    message = update.effective_message
    is_start = bool(message and message.text and message.text.startswith("/start"))
    if context.member is None and not is_start:
        await _refuse(update, texts.STRANGER)
    if context.member is not None and not context.member.active:
        await _refuse(update, texts.DEACTIVATED)
    await agency_choice.follow_notice(update, context)
    if (context.member is not None and not context.member.chosen and not is_start
            and not agency_choice.is_choosing(update)):
        # Nothing is done for an agency the official did not mean: they choose first.
        await _refuse(update, texts.AGENCY_CHOOSE, agency_choice.choice_buttons(context.member))
    await command_menu.follow_roles(update, context)


async def _refuse(update: Update, text: str, buttons: Rows | None = None) -> None:
    if update.callback_query is not None:
        await update.callback_query.answer()
    await reply(update, text, buttons)
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
    if not context.member.chosen:
        await reply(update, texts.AGENCY_CHOOSE, agency_choice.choice_buttons(context.member))


async def help_command(update: Update, context: BotContext) -> None:
    member = context.me
    await reply(update, texts.help_text([role for role, _, _ in member.roles],
                                        several_agencies=len(member.agencies) > 1))


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
    """/status: where each open cycle stands, whom it waits for, and time against standard."""
    found = await call(context, tasks.cycle_status, context.me.user_id)
    if not found:
        await reply(update, texts.NO_OPEN_CYCLE)
        return
    may_nudge = context.me.holds(Role.SAKIP_TEAM) or context.me.holds(Role.SECRETARY)
    for cycle in found:
        lines = [texts.status_header(cycle.year, cycle.quarter, cycle.archived)]
        for s in cycle.steps:
            lines.append(texts.status_line(s.number, s.label, s.state, _detail(s)))
            lines += [f"   {division}: {texts.PART_STATES[state]}" for division, state in s.parts]
        buttons = [[button(texts.BTN_STATUS_CHART, Action.CHART, cycle.cycle_id)]]
        if may_nudge and cycle.laggards and not cycle.archived:
            buttons.append([button(texts.BTN_NUDGE, Action.NUDGE, cycle.cycle_id)])
        await reply(update, "\n".join(lines), buttons)


def _detail(s: tasks.StepState) -> str:
    if s.state in ("active", "overdue"):
        assert s.due_at is not None
        detail = texts.waiting_for(s.waiting_for, s.due_at, s.state == "overdue")
        return f"{s.detail}; {detail}" if s.detail else detail
    if s.state == "done":
        done = texts.done_by(s.done_by, s.done_at)
        if s.actual_minutes is not None and s.standard and s.on_time is not None:
            done += "\n   " + texts.step_timing(s.actual_minutes, s.standard, s.on_time)
        return done
    return ""


async def status_chart(update: Update, context: BotContext) -> None:
    """📊 under /status: the cycle's steps as a picture, for the Kepala Dinas on a phone."""
    query = update.callback_query
    assert query is not None and update.effective_message is not None
    await query.answer()  # at once: drawing takes a moment
    found = await call(context, tasks.status_picture, context.me.user_id,
                       int(callback_args(update)[0]))
    if found is None:
        await reply(update, texts.NO_OPEN_CYCLE)
        return
    title, picture = found
    await update.effective_message.reply_photo(InputFile(picture, filename="status.png"),
                                               caption=title)


@refusals
async def nudge(update: Update, context: BotContext) -> object:
    """🔔 under /status: a polite reminder to the divisions that have not submitted."""
    query = update.callback_query
    assert query is not None
    count = await call(context, reminders.nudge, context.me.user_id,
                       int(callback_args(update)[0]))
    await query.answer(texts.nudged(count), show_alert=True)
    return None


async def compliance_view(update: Update, context: BotContext) -> None:
    """/kepatuhan [tahun]: which SOP steps were late most often this year, and by how much."""
    year = to_local(context.services.now()).year
    if context.args and context.args[0].isdigit():
        year = int(context.args[0])
    rows = await call(context, compliance.year_view, context.me.user_id, year)
    measured = [r for r in rows if r.runs]
    if not measured:
        await reply(update, texts.no_compliance(year))
        return
    lines = [texts.compliance_header(year)]
    lines += [texts.compliance_line(r.number, r.label, r.runs, r.late, r.average_late_minutes,
                                    r.worst_late_minutes) for r in measured]
    await reply(update, "\n".join(lines))
    picture = await call(context, compliance.year_picture, rows, year)
    message = update.effective_message
    assert message is not None
    await message.reply_photo(InputFile(picture, filename=f"kepatuhan-{year}.png"),
                              caption=texts.compliance_chart_title(year))


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
        CommandHandler("kepatuhan", compliance_view),
        *agency_choice.command_handlers(),
        CallbackQueryHandler(nudge, pattern=pattern(Action.NUDGE)),
        CallbackQueryHandler(status_chart, pattern=pattern(Action.CHART)),
        *archive_handlers(),
        *report_handlers(),
    ]


def fallback_handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    """After the SOP conversation: whatever nobody else took."""
    return [
        CommandHandler("batal", nothing_to_cancel),
        *agency_choice.choice_handlers(),
        CallbackQueryHandler(stale_button),
        MessageHandler(filters.ALL, unknown),
    ]
