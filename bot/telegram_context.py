"""The Application subclass and callback context that give handlers typed access to services."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from telegram import Update
from telegram.ext import Application, CallbackContext, ConversationHandler, ExtBot

from bot.domain.clock import use_zone
from bot.outbox_sender import OutboxSender
from bot.pacing import Pacer
from bot.persistence import DatabasePersistence
from bot.services.context import ServiceContext
from bot.services.identity import Member
from bot.update_unit import UpdateUnits


@dataclass(frozen=True)
class Conversation:
    """One persistent conversation an update belongs to: its handler's name, the handler's
    states (all chats) and the key of this update's chat in them."""

    name: str
    states: Any
    key: Any


class SakipApplication(Application):  # type: ignore[type-arg]
    """An Application that carries the services, built once in ``main()``."""

    __slots__ = ("menus", "outbox_sender", "pacer", "services", "units")

    def __init__(self, services: ServiceContext, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.services = services
        self.outbox_sender: OutboxSender | None = None
        self.pacer: Pacer | None = None
        self.units = UpdateUnits(self)
        # chat id → the commands its menu was given by this process (conversations.command_menu)
        self.menus: dict[int, tuple[str, ...]] = {}

    async def process_update(self, update: object) -> None:
        """Handle an update in its unit of work (see ``bot.update_unit``)."""
        if not isinstance(update, Update):
            await super().process_update(update)
            return
        await self.units.process(update, super().process_update)

    @property
    def state_store(self) -> DatabasePersistence | None:
        """The persistence, when it is ours (it is in production)."""
        persistence = self.persistence
        return persistence if isinstance(persistence, DatabasePersistence) else None

    def conversations_of(self, update: Update) -> list[Conversation]:
        """Every persistent conversation ``update`` belongs to."""
        found = []
        for group in self.handlers.values():
            for handler in group:
                if not (isinstance(handler, ConversationHandler) and handler.persistent
                        and handler.name is not None):
                    continue
                try:
                    key = handler._get_key(update)  # PTB's own key for the update
                except RuntimeError:
                    continue  # the update belongs to no conversation of this handler
                found.append(Conversation(
                    handler.name, self._conversation_handler_conversations[handler.name], key))
        return found


class BotContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """Callback context with the services and the member who sent the update."""

    # No __slots__: the access guard sets ``member`` once per update for every later handler.
    _member: Member | None = None

    @property
    def member(self) -> Member | None:
        return self._member

    @member.setter
    def member(self, value: Member | None) -> None:
        # From the moment the official (or the agency they switch to) is known, every time the
        # update shows or reads is in that agency's zone; the update's own task keeps it.
        self._member = value
        if value is not None:
            use_zone(value.zone)

    @property
    def services(self) -> ServiceContext:
        return cast(SakipApplication, self.application).services

    @property
    def me(self) -> Member:
        """The sender; handlers behind the access guard can rely on it."""
        assert self.member is not None
        return self.member
