"""Replies an update owes, held back until the update's transaction commits.

While an update is handled, every Bot API call that changes what an official sees (a message,
an edit, the answer to a button press) is recorded here instead of being sent, and answered
with what Telegram would have answered. The calls become outbox rows in the update's
transaction, so a reply is owed exactly when the change it reports has committed, and it is
sent once, after the commit, or after a restart if the process died in between.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from telegram.request import RequestData

# Lower-case Bot API methods whose effect is owed rather than sent at once. Calls that only
# read (getFile and the download after it) go out directly: handlers need their answers.
OWED_METHODS = frozenset({
    "sendmessage", "senddocument", "sendphoto", "editmessagetext", "editmessagereplymarkup",
    "editmessagecaption", "answercallbackquery", "deletemessage",
})


@dataclass(frozen=True)
class Attachment:
    field: str
    name: str | None
    data: bytes
    mime: str | None


@dataclass(frozen=True)
class OwedCall:
    """One Bot API call as the handler made it: parameters as JSON texts, at most one file."""

    method: str
    params: dict[str, str]
    attachment: Attachment | None
    chat_id: int
    summary: str  # what the call says, for the outbox list and the logs


@dataclass
class OwedReplies:
    """The calls an update owes, in the order they were made."""

    chat_id: int
    calls: list[OwedCall] = field(default_factory=list)
    _answered: set[str] = field(default_factory=set)
    # Button presses answered at once (``at_once``): a later answer is already given.
    _answered_at_once: set[str] = field(default_factory=set)

    def answered_at_once(self, query_id: str) -> None:
        self._answered_at_once.add(query_id)

    def defer(self, method: str, request_data: RequestData | None) -> tuple[int, bytes]:
        """Keep the call; answer it as Telegram would have."""
        params = dict(request_data.json_parameters) if request_data is not None else {}
        values = dict(request_data.parameters) if request_data is not None else {}
        if method.lower() == "answercallbackquery":
            query_id = str(values.get("callback_query_id"))
            if query_id in self._answered_at_once:
                return _answer(200, result=True)  # the official saw the answer already
            if query_id in self._answered:
                # Telegram refuses a second answer; handlers rely on hearing so.
                return _answer(400, "Bad Request: query is already answered")
            self._answered.add(query_id)
        chat = values.get("chat_id")
        attachment = _attachment(request_data)
        summary = values.get("text") or values.get("caption") or (
            f"[{attachment.name}]" if attachment is not None else method)
        self.calls.append(OwedCall(method=method, params=params, attachment=attachment,
                                   chat_id=chat if isinstance(chat, int) else self.chat_id,
                                   summary=str(summary)))
        return _answer(200, result=_result(method.lower(), values))


def _attachment(request_data: RequestData | None) -> Attachment | None:
    if request_data is None or not request_data.contains_files:
        return None
    files = request_data.multipart_data
    if len(files) != 1:
        raise ValueError(f"an owed reply carries one file, not {len(files)}")
    (name, (filename, content, mime)), = files.items()
    data = content if isinstance(content, bytes) else content.read()
    return Attachment(field=name, name=filename, data=data, mime=mime)


def _result(method: str, values: dict[str, Any]) -> Any:
    """A result of the shape Telegram returns; nothing reads more than its shape."""
    if method in ("answercallbackquery", "deletemessage"):
        return True
    if method.startswith("edit") and "inline_message_id" in values:
        return True
    message: dict[str, Any] = {
        "message_id": int(values.get("message_id", 0)),
        "date": int(time.time()),
        "chat": {"id": values.get("chat_id", 0), "type": "private"},
    }
    for name in ("text", "caption"):
        if name in values:
            message[name] = values[name]
    return message


def _answer(code: int, description: str | None = None, result: Any = None) -> tuple[int, bytes]:
    body: dict[str, Any] = {"ok": code == 200}
    if code == 200:
        body["result"] = result
    else:
        body.update(error_code=code, description=description)
    return code, json.dumps(body).encode()


_collecting: ContextVar[OwedReplies | None] = ContextVar("owed_replies", default=None)


def current() -> OwedReplies | None:
    return _collecting.get()


@contextmanager
def at_once() -> Iterator[None]:
    """Calls in this block go to Telegram now, not after the commit: only for what shows that
    work is under way (a chat action, the answer to the button that started it), which is
    true whether or not the work then commits."""
    token = _collecting.set(None)
    try:
        yield
    finally:
        _collecting.reset(token)


@contextmanager
def collecting(owed: OwedReplies) -> Iterator[OwedReplies]:
    token = _collecting.set(owed)
    try:
        yield owed
    finally:
        _collecting.reset(token)
