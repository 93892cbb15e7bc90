"""Shared in-memory state of the stand-in: chats, updates, files, transcript, waiting."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from standin.files import FileStore
from standin.models import (
    ApiCall,
    ApiError,
    CallbackQueryRecord,
    SentMessage,
    TranscriptEvent,
    bad_request,
)

if TYPE_CHECKING:
    from standin.users import SimulatedUser
    from standin.webhook import Webhook

T = TypeVar("T")
EventListener = Callable[[TranscriptEvent], None]

_LOG = logging.getLogger(__name__)


class ApiState:
    """Everything the HTTP side and the simulated users share; lives on one event loop."""

    def __init__(self, token: str, bot_username: str, bot_first_name: str) -> None:
        """Create empty state for a bot with this token and username."""
        self.token = token
        bot_id_part = token.split(":", 1)[0]
        self.bot_user: dict[str, Any] = {
            "id": int(bot_id_part) if bot_id_part.isdigit() else 1,
            "is_bot": True,
            "first_name": bot_first_name,
            "username": bot_username,
        }
        self.users: dict[int, SimulatedUser] = {}
        self.messages: dict[int, list[SentMessage]] = {}
        self.user_messages: dict[tuple[int, int], dict[str, Any]] = {}
        self.files = FileStore()
        self.updates: list[dict[str, Any]] = []
        self.last_update_id = 0
        self.last_delivered_update_id = 0
        self.callback_queries: dict[str, CallbackQueryRecord] = {}
        self.transcript: list[TranscriptEvent] = []
        self.listeners: list[EventListener] = []
        self.calls: list[ApiCall] = []
        self.commands: dict[str, list[dict[str, Any]]] = {}
        self.last_activity = time.monotonic()
        self.in_flight = 0
        self.closing = False
        self.poll_generation = 0
        self.webhook: Webhook | None = None  # set by setWebhook; updates are pushed then
        self._seq = 0
        self._message_ids: dict[int, int] = {}
        self._query_ids = 0
        self._changed = asyncio.Event()

    # --- counters -------------------------------------------------------------------------

    def next_seq(self) -> int:
        """Global order of everything that happens (events, edits, presses)."""
        self._seq += 1
        return self._seq

    @property
    def seq(self) -> int:
        """The latest sequence number handed out."""
        return self._seq

    def next_message_id(self, chat_id: int) -> int:
        """Message ids are per chat and shared by both sides, as in private chats."""
        value = self._message_ids.get(chat_id, 0) + 1
        self._message_ids[chat_id] = value
        return value

    def next_query_id(self) -> str:
        """Callback query ids are opaque strings of digits in Telegram."""
        self._query_ids += 1
        return f"{self.bot_user['id']}{self._query_ids:06d}"

    # --- change notification --------------------------------------------------------------

    def notify(self) -> None:
        """Wake every waiter; they re-check their own condition."""
        self._changed.set()
        self._changed = asyncio.Event()

    async def wait_until(
        self,
        predicate: Callable[[], T],
        timeout: float,
        describe: Callable[[], str] | None = None,
    ) -> T:
        """Return the first truthy ``predicate()`` result, re-checked on every change."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            changed = self._changed
            result = predicate()
            if result:
                return result
            remaining = deadline - loop.time()
            if remaining <= 0:
                detail = describe() if describe else "condition"
                raise TimeoutError(f"timed out after {timeout:g}s waiting for {detail}")
            try:
                await asyncio.wait_for(changed.wait(), remaining)
            except TimeoutError:
                continue

    async def wait_changed(self, timeout: float) -> None:
        """Sleep until the next change or ``timeout``, whichever comes first."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._changed.wait(), max(timeout, 0))

    def touch(self) -> None:
        """Note bot activity (used by ``wait_idle``)."""
        self.last_activity = time.monotonic()
        self.notify()

    # --- updates ----------------------------------------------------------------------------

    def enqueue_update(self, kind: str, payload: dict[str, Any]) -> dict[str, Any]:
        """Queue an update for getUpdates; ids increase by one like Telegram's."""
        self.last_update_id += 1
        update = {"update_id": self.last_update_id, kind: payload}
        self.updates.append(update)
        self.notify()
        return update

    def confirm_updates(self, offset: int) -> None:
        """Forget updates below ``offset``; a negative offset keeps only the last ones."""
        if offset < 0:
            keep = self.updates[offset:]
            self.updates = keep
        elif offset > 0:
            self.updates = [u for u in self.updates if u["update_id"] >= offset]
        if self.updates:
            first = self.updates[0]["update_id"]
            self.last_delivered_update_id = max(self.last_delivered_update_id, first - 1)
        else:
            self.last_delivered_update_id = self.last_update_id

    @property
    def undelivered(self) -> int:
        """Updates the bot has not fetched (or, with a webhook, not acknowledged) yet."""
        if self.webhook is not None:
            return len(self.updates)
        return sum(1 for u in self.updates if u["update_id"] > self.last_delivered_update_id)

    # --- chats and messages -----------------------------------------------------------------

    def user_for_chat(self, chat_id: Any) -> SimulatedUser:
        """Resolve a chat_id parameter (int, digit string or @username) to a user."""
        user: SimulatedUser | None = None
        if isinstance(chat_id, str) and chat_id.startswith("@"):
            wanted = chat_id[1:].lower()
            user = next(
                (u for u in self.users.values() if u.username and u.username.lower() == wanted),
                None,
            )
        else:
            try:
                user = self.users.get(int(chat_id))
            except (TypeError, ValueError):
                user = None
        if user is None:
            raise bad_request("chat not found")
        return user

    def ensure_reachable(self, user: SimulatedUser) -> None:
        """Refuse to deliver to users who blocked or never started the bot, like Telegram."""
        if user.blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        if not user.started:
            raise ApiError(403, "Forbidden: bot can't initiate conversation with a user")

    def chat_messages(self, chat_id: int) -> list[SentMessage]:
        """Bot messages in a chat, in order (the list is live)."""
        return self.messages.setdefault(chat_id, [])

    def find_message(self, chat_id: int, message_id: int) -> SentMessage | None:
        """A bot message by id, or None."""
        for message in reversed(self.chat_messages(chat_id)):
            if message.message_id == message_id:
                return message
        return None

    def chat_dict(self, user: SimulatedUser) -> dict[str, Any]:
        """Bot API ``Chat`` of a private chat with ``user``."""
        chat: dict[str, Any] = {"id": user.id, "type": "private", "first_name": user.first_name}
        if user.last_name:
            chat["last_name"] = user.last_name
        if user.username:
            chat["username"] = user.username
        return chat

    def user_dict(self, user: SimulatedUser) -> dict[str, Any]:
        """Bot API ``User`` for a simulated user."""
        data: dict[str, Any] = {"id": user.id, "is_bot": False, "first_name": user.first_name}
        if user.last_name:
            data["last_name"] = user.last_name
        if user.username:
            data["username"] = user.username
        if user.language_code:
            data["language_code"] = user.language_code
        return data

    def message_sender(self) -> dict[str, Any]:
        """The ``from`` of bot messages (getMe without the capability flags)."""
        return dict(self.bot_user)

    # --- transcript -------------------------------------------------------------------------

    def record(self, event: TranscriptEvent) -> TranscriptEvent:
        """Append to the transcript, tell listeners and wake waiters."""
        self.transcript.append(event)
        for listener in list(self.listeners):
            try:
                listener(event)
            except Exception:
                # A broken printer in a demo must not break the API the bot talks to.
                _LOG.exception("transcript listener failed")
        self.notify()
        return event

    def label_of(self, chat_id: int) -> str:
        """Transcript label of a chat's user."""
        user = self.users.get(chat_id)
        return user.label if user else str(chat_id)
