"""Each official's command menu holds the commands of their own roles: a Kepala Dinas sees
/mulai, a Bidang does not (``BotCommandScopeChat``). Everyone else sees the common commands.
One table, ``texts.CHAT_COMMANDS``, gives both the menus and /bantuan."""

from __future__ import annotations

import logging

from telegram import Bot, BotCommand, BotCommandScopeChat, Update
from telegram.error import TelegramError

from bot import texts
from bot.services.identity import Member
from bot.telegram_context import BotContext, SakipApplication

log = logging.getLogger(__name__)


def _commands(member: Member | None) -> list[BotCommand]:
    chosen = (texts.commands_for(None) if member is None else texts.commands_for(
        [role for role, _, _ in member.roles], several_agencies=len(member.agencies) > 1))
    return [BotCommand(c.name, c.menu) for c in chosen]


async def set_default(bot: Bot) -> None:
    """The menu of anyone without one of their own."""
    await bot.set_my_commands(_commands(None))


async def follow_roles(update: Update, context: BotContext) -> None:
    """Give the official the menu of their roles, once per process and whenever they change.
    A failure only leaves the menu as it was: it never stops the update."""
    chat = update.effective_chat
    member = context.member
    if chat is None or member is None or not member.active:
        return
    commands = _commands(member)
    shown = tuple(c.command for c in commands)
    app = context.application
    assert isinstance(app, SakipApplication)
    if app.menus.get(chat.id) == shown:
        return
    try:
        await context.bot.set_my_commands(commands, scope=BotCommandScopeChat(chat.id))
    except TelegramError as error:
        log.warning("command menu of chat %s not set: %s", chat.id, error)
        return
    app.menus[chat.id] = shown
