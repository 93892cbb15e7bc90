"""The SOP conversation: every step's flow composed into one ConversationHandler.

One handler rather than one per step, so that an official is in at most one flow at a time and
pressing ▶️ Mulai on another task simply switches (``allow_reentry``). Its state is persisted in
the database, so a restart resumes every official where they were.
"""

from __future__ import annotations

import warnings
from typing import Any

from telegram import Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)
from telegram.warnings import PTBUserWarning

from bot import texts
from bot.callbacks import Action, pattern
from bot.telegram_context import BotContext, SakipApplication
from conversations import agency_choice
from conversations.acting import build_acting_flow
from conversations.briefing import build_briefing_flow
from conversations.common import END, Flow, close_buttons, reply
from conversations.confirm_step import build_confirm_flow
from conversations.fill_in import build_fill_in_flow
from conversations.master_import import build_master_import_flow
from conversations.order import build_order_flow
from conversations.review import build_review_flow

NAME = "sop"


def flows() -> list[Flow]:
    return [build_order_flow(), build_briefing_flow(), build_fill_in_flow(),
            build_review_flow(), build_confirm_flow(), build_master_import_flow(),
            build_acting_flow()]


async def cancel(update: Update, context: BotContext) -> object:
    """/batal or ✖️ Batal: leave the flow; what was saved stays saved."""
    await close_buttons(update)
    await reply(update, texts.CANCELLED)
    return END


async def use_buttons(update: Update, context: BotContext) -> object:
    """Anything the current state does not expect: say what is expected, keep the state."""
    if update.callback_query is not None:
        await update.callback_query.answer(texts.ALREADY_HANDLED)
        return None
    app = context.application
    assert isinstance(app, SakipApplication)
    state = next((c.states.get(c.key) for c in app.conversations_of(update)
                  if c.name == NAME), None)
    await reply(update, texts.EXPECTED_INPUT.get(str(state), texts.PLEASE_USE_BUTTONS))
    return None


def build_sop_conversation() -> ConversationHandler[Any]:
    entry_points: list[BaseHandler[Any, Any, Any]] = []
    states: dict[object, list[BaseHandler[Any, Any, Any]]] = {}
    for flow in flows():
        entry_points += flow.entry_points
        overlap = states.keys() & flow.states.keys()
        assert not overlap, f"state names used twice: {overlap}"
        states.update(flow.states)
    with warnings.catch_warnings():
        # Tracking per user, not per message, is the point: one flow per official at a time.
        warnings.filterwarnings("ignore", category=PTBUserWarning, message=".*per_message.*")
        return _conversation(entry_points, states)


def _conversation(
    entry_points: list[BaseHandler[Any, Any, Any]],
    states: dict[object, list[BaseHandler[Any, Any, Any]]],
) -> ConversationHandler[Any]:
    return ConversationHandler(
        entry_points=entry_points,
        states=states,
        fallbacks=[
            CommandHandler("batal", cancel),
            *agency_choice.choice_handlers(),
            CallbackQueryHandler(cancel, pattern=pattern(Action.CANCEL)),
            CallbackQueryHandler(use_buttons),
            MessageHandler(~filters.COMMAND, use_buttons),
        ],
        name=NAME,
        persistent=True,
        allow_reentry=True,
    )

