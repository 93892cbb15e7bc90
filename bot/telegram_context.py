"""The Application subclass and callback context that give handlers typed access to services."""

from __future__ import annotations

from typing import Any, cast

from telegram.ext import Application, CallbackContext, ExtBot

from bot.outbox_sender import OutboxSender
from bot.services.context import ServiceContext
from bot.services.identity import Member


class SakipApplication(Application):  # type: ignore[type-arg]
    """An Application that carries the services, built once in ``main()``."""

    __slots__ = ("outbox_sender", "services")

    def __init__(self, services: ServiceContext, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.services = services
        self.outbox_sender: OutboxSender | None = None


class BotContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """Callback context with the services and the member who sent the update."""

    # No __slots__: the access guard sets ``member`` once per update for every later handler.
    member: Member | None = None

    @property
    def services(self) -> ServiceContext:
        return cast(SakipApplication, self.application).services

    @property
    def me(self) -> Member:
        """The sender; handlers behind the access guard can rely on it."""
        assert self.member is not None
        return self.member
