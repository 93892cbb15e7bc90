"""Simulated Telegram users: they send updates to the bot and inspect what it sent them."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import Any

from standin.files import tiny_png
from standin.formatting import utf16_len
from standin.models import (
    ButtonNotFound,
    CallbackQueryRecord,
    Markup,
    SentMessage,
    TranscriptEvent,
    TranscriptKind,
    inline_rows,
    keyboard_labels,
)
from standin.state import ApiState

MessagePredicate = Callable[[SentMessage], bool]
_COMMAND_RE = re.compile(r"^/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?")


def describe_message(message: SentMessage) -> str:
    """Short one-line description of a bot message for error messages."""
    text = message.content.replace("\n", " ⏎ ")
    if len(text) > 80:
        text = text[:77] + "..."
    extras = []
    if message.file_name:
        extras.append(f"📎 {message.file_name}")
    if message.button_labels:
        extras.append(f"[tombol: {' | '.join(message.button_labels)}]")
    if message.deleted:
        extras.append("(dihapus)")
    return " ".join([f"#{message.message_id}: {text!r}", *extras])


class SimulatedUser:
    """One official in a private chat with the bot."""

    def __init__(
        self,
        state: ApiState,
        user_id: int,
        first_name: str,
        username: str | None = None,
        label: str | None = None,
        *,
        last_name: str | None = None,
        language_code: str | None = "id",
        started: bool = True,
    ) -> None:
        """Create a user; ``started=False`` means the bot may not message them yet."""
        self._state = state
        self.id = user_id
        self.first_name = first_name
        self.last_name = last_name
        self.username = username
        self.label = label or first_name
        self.language_code = language_code
        self.started = started
        self.blocked = False
        self.reply_keyboard: Markup | None = None
        self.callback_queries: list[CallbackQueryRecord] = []
        self.sent: list[dict[str, Any]] = []
        self._cursor = 0
        self._action_seq = 0

    def __repr__(self) -> str:
        """Readable identity for test output."""
        return f"SimulatedUser(id={self.id}, label={self.label!r})"

    # --- inspection -------------------------------------------------------------------------

    @property
    def messages(self) -> list[SentMessage]:
        """Everything the bot sent to this chat, in order (edits update entries in place)."""
        return self._state.chat_messages(self.id)

    @property
    def last_message(self) -> SentMessage | None:
        """The latest bot message in this chat."""
        messages = self.messages
        return messages[-1] if messages else None

    @property
    def texts(self) -> list[str]:
        """Text or caption of every bot message, in order."""
        return [message.content for message in self.messages]

    @property
    def keyboard(self) -> list[str]:
        """Labels of the reply keyboard currently shown to the user."""
        return keyboard_labels(self.reply_keyboard)

    def buttons(self, message: SentMessage | None = None) -> list[list[tuple[str, str | None]]]:
        """Inline buttons (text, callback_data) of a message, default the latest with any."""
        if message is None:
            message = next(
                (
                    m
                    for m in reversed(self.messages)
                    if not m.deleted and inline_rows(m.reply_markup)
                ),
                None,
            )
        return message.buttons if message else []

    async def download(self, message: SentMessage) -> bytes:
        """Bytes of the document or photo attached to a bot message."""
        if message.file is None:
            raise ValueError(f"message #{message.message_id} has no file")
        return message.file.data

    # --- actions ------------------------------------------------------------------------------

    def block(self) -> None:
        """Block the bot: its sends to this chat now fail with 403."""
        self.blocked = True

    def unblock(self) -> None:
        """Unblock the bot."""
        self.blocked = False

    async def send_text(self, text: str) -> dict[str, Any]:
        """Send a text message; a leading /command gets its bot_command entity."""
        if not text:
            raise ValueError("a Telegram message cannot be empty")
        message = self._new_message()
        message["text"] = text
        command = _COMMAND_RE.match(text)
        if command:
            message["entities"] = [
                {"type": "bot_command", "offset": 0, "length": utf16_len(command.group())}
            ]
        if (
            self.reply_keyboard
            and self.reply_keyboard.get("one_time_keyboard")
            and text in self.keyboard
        ):
            # One-time keyboards hide after a button is used, as in the official clients.
            self.reply_keyboard = None
        self._record("text", text=text, message_id=message["message_id"])
        return self._push(message)

    async def edit_text(self, message: dict[str, Any], text: str) -> dict[str, Any]:
        """Edit one of this user's earlier text messages, as phones allow (``edited_message``)."""
        self._begin_action()
        edited = {**message, "text": text, "edit_date": int(time.time())}
        self._state.user_messages[(self.id, message["message_id"])] = edited
        self._record("edit", text=text, message_id=message["message_id"])
        self._state.enqueue_update("edited_message", edited)
        return edited

    async def send_command(self, command: str, *args: object) -> dict[str, Any]:
        """Send ``/command arg...`` (the slash is optional in ``command``)."""
        name = command if command.startswith("/") else f"/{command}"
        return await self.send_text(" ".join([name, *(str(arg) for arg in args)]))

    async def send_document(
        self,
        data: bytes,
        filename: str,
        mime_type: str | None = None,
        caption: str | None = None,
    ) -> dict[str, Any]:
        """Upload a document (the MIME type is guessed from the name when omitted)."""
        stored = self._state.files.add(data, "document", filename, mime_type)
        message = self._new_message()
        message["document"] = stored.as_document()
        if caption:
            message["caption"] = caption
        self._record(
            "document", text=caption, file_name=filename, message_id=message["message_id"]
        )
        return self._push(message)

    async def send_photo(
        self, data: bytes | None = None, caption: str | None = None
    ) -> dict[str, Any]:
        """Send a photo (a tiny generated PNG when no bytes are given)."""
        stored = self._state.files.add(data if data is not None else tiny_png(), "photo")
        message = self._new_message()
        message["photo"] = stored.as_photo()
        if caption:
            message["caption"] = caption
        self._record("photo", text=caption, message_id=message["message_id"])
        return self._push(message)

    async def press(self, button: str, message: SentMessage | None = None) -> CallbackQueryRecord:
        """Press an inline button by visible text (or callback_data) as it is shown now."""
        target, found = self._find_button(button, message)
        data = found.get("callback_data")
        if data is None:
            raise ButtonNotFound(
                f"button {found['text']!r} on message #{target.message_id} opens "
                f"{', '.join(k for k in found if k != 'text')}; it sends no callback"
            )
        return self._callback(target, data, found["text"])

    async def press_stale(self, callback_data: str, message: SentMessage) -> CallbackQueryRecord:
        """Send a callback for ``callback_data`` even if the button is gone (double press)."""
        label = None
        markups = [message.reply_markup]
        for edit in reversed(message.edits):
            markups += [edit.reply_markup, edit.previous_reply_markup]
        for markup in reversed(markups):
            for row in inline_rows(markup):
                for candidate in row:
                    if candidate.get("callback_data") == callback_data:
                        label = candidate["text"]
        return self._callback(message, callback_data, label)

    # --- waiting ----------------------------------------------------------------------------

    async def wait_for_message(
        self,
        predicate: MessagePredicate | None = None,
        timeout: float = 10.0,
        after: int | None = None,
    ) -> SentMessage:
        """Next bot message (matching) since the last action, or from index ``after``."""
        # Successive calls continue after the message returned last (a per-user cursor).
        start = self._cursor if after is None else after

        def find() -> tuple[int, SentMessage] | None:
            """First matching message at or after ``start``."""
            messages = self.messages
            for index in range(start, len(messages)):
                if predicate is None or predicate(messages[index]):
                    return index, messages[index]
            return None

        index, message = await self._state.wait_until(
            find, timeout, lambda: self._describe_wait(f"a bot message from index {start}")
        )
        self._cursor = index + 1
        return message

    async def wait_for_text(
        self, substring: str, timeout: float = 10.0, after: int | None = None
    ) -> SentMessage:
        """Next bot message whose text or caption contains ``substring``."""
        return await self.wait_for_message(lambda m: substring in m.content, timeout, after)

    async def wait_for_edit(
        self,
        message: SentMessage,
        predicate: MessagePredicate | None = None,
        timeout: float = 10.0,
    ) -> SentMessage:
        """Wait until ``message`` is edited after this user's last action (and matches)."""
        baseline = self._action_seq

        def edited() -> SentMessage | None:
            """The message once a fresh edit makes it match."""
            fresh = any(edit.seq > baseline for edit in message.edits)
            if fresh and (predicate is None or predicate(message)):
                return message
            return None

        return await self._state.wait_until(
            edited, timeout, lambda: self._describe_wait(f"an edit of #{message.message_id}")
        )

    async def wait_for_answer(
        self, query: CallbackQueryRecord | None = None, timeout: float = 10.0
    ) -> CallbackQueryRecord:
        """Wait until the bot answered a button press (default: the latest one)."""
        if query is None:
            if not self.callback_queries:
                raise ValueError(f"{self.label} has not pressed any button")
            query = self.callback_queries[-1]
        target = query
        return await self._state.wait_until(
            lambda: target if target.answered else None,
            timeout,
            lambda: f"answerCallbackQuery for {target.data!r} pressed by {self.label}",
        )

    # --- internals ----------------------------------------------------------------------------

    def _describe_wait(self, what: str) -> str:
        """Timeout message with what the chat actually contains."""
        recent = [describe_message(m) for m in self.messages[-5:]]
        shown = "\n  ".join(recent) if recent else "(none)"
        return f"{what} to [{self.label}]; latest bot messages:\n  {shown}"

    def _begin_action(self) -> None:
        """Waits after this action look only at what the bot does in response."""
        self.started = True
        self.blocked = False
        self._cursor = len(self.messages)
        self._action_seq = self._state.seq

    def _new_message(self) -> dict[str, Any]:
        """Skeleton of a message from this user."""
        self._begin_action()
        return {
            "message_id": self._state.next_message_id(self.id),
            "from": self._state.user_dict(self),
            "chat": self._state.chat_dict(self),
            "date": int(time.time()),
        }

    def _push(self, message: dict[str, Any]) -> dict[str, Any]:
        """Remember the message (for replies) and queue it as an update."""
        self._state.user_messages[(self.id, message["message_id"])] = message
        self.sent.append(message)
        self._state.enqueue_update("message", message)
        return message

    def _record(self, kind: TranscriptKind, **fields: Any) -> None:
        """Add this user's action to the transcript."""
        self._state.record(
            TranscriptEvent(
                seq=self._state.next_seq(),
                at=time.time(),
                to_bot=True,
                kind=kind,
                chat_id=self.id,
                user_label=self.label,
                **fields,
            )
        )

    def _find_button(
        self, button: str, message: SentMessage | None
    ) -> tuple[SentMessage, dict[str, Any]]:
        """Locate a pressable button, like a user looking at the chat now."""
        if message is not None:
            if message.deleted:
                raise ButtonNotFound(f"message #{message.message_id} was deleted")
            found = message.find_button(button)
            if found is None:
                raise ButtonNotFound(
                    f"no button {button!r} on message #{message.message_id} any more; "
                    f"it shows: {message.button_labels or 'no buttons'}"
                )
            return message, found
        candidates = [
            m for m in reversed(self.messages) if not m.deleted and inline_rows(m.reply_markup)
        ]
        for candidate in candidates:
            exact = candidate.find_button(button, partial=False)
            if exact is not None:
                return candidate, exact
        for candidate in candidates:
            found = candidate.find_button(button)
            if found is not None:
                return candidate, found
        visible = "; ".join(describe_message(m) for m in candidates[:5]) or "none"
        raise ButtonNotFound(
            f"[{self.label}] sees no button {button!r}; messages with buttons: {visible}"
        )

    def _callback(self, message: SentMessage, data: str, label: str | None) -> CallbackQueryRecord:
        """Queue a callback_query update for ``message`` and remember it."""
        self._begin_action()
        state = self._state
        record = CallbackQueryRecord(
            query_id=state.next_query_id(),
            chat_id=self.id,
            message_id=message.message_id,
            data=data,
            label=label,
            seq=state.next_seq(),
        )
        state.callback_queries[record.query_id] = record
        self.callback_queries.append(record)
        self._record("press", text=data, button_label=label, message_id=message.message_id)
        state.enqueue_update(
            "callback_query",
            {
                "id": record.query_id,
                "from": state.user_dict(self),
                "message": message.to_api(),
                # Telegram's chat_instance is an opaque, stable per-chat number.
                "chat_instance": str(-(abs(self.id) * 1_000_003 + state.bot_user["id"])),
                "data": data,
            },
        )
        return record
