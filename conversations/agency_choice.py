"""/instansi: an official of several agencies chooses, by button, which one they serve now.

Until they have chosen, the guard asks before anything else. Choosing ends any flow they were
in: its task belongs to the agency they leave, and what was saved there stays saved.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot import keyboards, texts
from bot.callbacks import Action, button, parse, pattern
from bot.domain import errors
from bot.services import identity
from bot.telegram_context import BotContext
from conversations.common import END, call, callback_args, close_buttons, reply


def choice_buttons(member: identity.Member) -> keyboards.Rows:
    return [[button(texts.agency_button(name, member.chosen and agency_id == member.agency_id),
                    Action.AGENCY, agency_id)]
            for agency_id, name in member.agencies]


def is_choosing(update: Update) -> bool:
    """A press of a choice button, or /instansi: what an official who has not chosen may do."""
    query = update.callback_query
    if query is not None:
        return bool(query.data) and parse(query.data)[0] == Action.AGENCY
    message = update.effective_message
    words = message.text.split() if message is not None and message.text else []
    return bool(words) and words[0].split("@")[0] == "/instansi"


# A notice's buttons and where their data names the step run they are about.
NOTICE_RUN_ARG = {Action.BEGIN: 1, Action.APPROVE: 0, Action.RETURN: 0}


async def follow_notice(update: Update, context: BotContext) -> None:
    """A button of a notice from another of the official's agencies serves that agency: they
    read which one it is from, so asking them to choose first would only get in the way."""
    query, user, member = update.callback_query, update.effective_user, context.member
    if (query is None or not query.data or user is None or member is None
            or len(member.agencies) < 2):
        return
    action, args = parse(query.data)
    position = NOTICE_RUN_ARG.get(action)
    if position is None or len(args) <= position or not args[position].isdigit():
        return
    moved = await call(context, identity.follow_notice, user.id, int(args[position]))
    if moved is not None:
        context.member = moved
        await reply(update, texts.agency_followed(moved.agency_name or "-"))


async def show_choice(update: Update, context: BotContext) -> None:
    """/instansi"""
    member = context.me
    if len(member.agencies) < 2:
        await reply(update, texts.AGENCY_ONLY_ONE)
        return
    text = (texts.agency_current(member.agency_name or "-") if member.chosen
            else texts.AGENCY_CHOOSE)
    await reply(update, text, choice_buttons(member))


async def choose(update: Update, context: BotContext) -> object:
    """🏛 pressed: serve that agency from now on."""
    query = update.callback_query
    user = update.effective_user
    assert query is not None and user is not None
    try:
        member = await call(context, identity.choose_agency, user.id,
                            int(callback_args(update)[0]))
    except (errors.InvalidInput, ValueError, IndexError):
        await query.answer(texts.AGENCY_CHOICE_GONE, show_alert=True)
        return END
    context.member = member
    await close_buttons(update)
    await reply(update, texts.agency_chosen(member.agency_name or "-"))
    return END


def choice_handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    """The press, for the SOP conversation's fallbacks (where it also ends the flow) and after
    it (outside any flow)."""
    return [CallbackQueryHandler(choose, pattern=pattern(Action.AGENCY))]


def command_handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    return [CommandHandler("instansi", show_choice)]
