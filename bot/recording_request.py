"""The HTTP request class every Bot API call passes through.

Three things happen here, so that handlers need not remember them: a call made while an update
is handled is held back as an owed reply (``bot.owed_replies``); the updates ``getUpdates``
returns are written to the inbox before the next poll acknowledges them; and every message sent
or edited is logged (by the outbox sender with its mark, for the messages it sends).
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from telegram.error import NetworkError
from telegram.request import RequestData

from bot import owed_replies
from bot.aiohttp_request import AiohttpRequest

log = logging.getLogger(__name__)

RECORDED_METHODS = frozenset({
    "sendmessage", "senddocument", "sendphoto", "editmessagetext", "editmessagereplymarkup",
    "editmessagecaption",
})

Recorder = Callable[[int, str, int | None, str | None], None]
InboxRecorder = Callable[[list[dict[str, Any]]], Awaitable[None]]
SentRecord = tuple[int, str, int | None, str | None]  # chat id, method, message id, text

_collector: ContextVar[list[SentRecord] | None] = ContextVar("sent_records", default=None)


@contextmanager
def collected() -> Iterator[list[SentRecord]]:
    """Keep the messages sent in this context in a list instead of logging each in a commit
    of its own: the outbox sender logs them with its mark of the message as sent."""
    records: list[SentRecord] = []
    token = _collector.set(records)
    try:
        yield records
    finally:
        _collector.reset(token)


class RecordingRequest(AiohttpRequest):
    def __init__(self, recorder: Recorder, *, inbox: InboxRecorder | None = None,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._recorder = recorder
        self._inbox = inbox

    async def do_request(
        self, url: str, method: str, request_data: RequestData | None = None, **kwargs: Any
    ) -> tuple[int, bytes]:
        name = url.rsplit("/", 1)[-1]
        api_method = name.lower()
        owed = owed_replies.current()
        if owed is not None and api_method in owed_replies.OWED_METHODS:
            return owed.defer(name, request_data)
        code, payload = await super().do_request(url, method, request_data, **kwargs)
        if code == 200 and api_method == "getupdates" and self._inbox is not None:
            await self._take(payload)
        if code == 200 and api_method in RECORDED_METHODS:
            await self._record(api_method, payload)
        return code, payload

    async def _take(self, payload: bytes) -> None:
        """Write the updates to the inbox; if that fails they are not acknowledged either."""
        try:
            updates = json.loads(payload).get("result")
        except ValueError:
            return  # not JSON: PTB reports it and nothing is acknowledged
        if not isinstance(updates, list) or not updates:
            return
        try:
            await self._inbox(updates)  # type: ignore[misc]
        except Exception as error:
            # A Telegram-style error: the polling loop backs off and asks for them again.
            raise NetworkError(f"updates not recorded: {type(error).__name__}") from error

    async def _record(self, api_method: str, payload: bytes) -> None:
        try:
            result = json.loads(payload).get("result")
            if not isinstance(result, dict):
                return
            chat_id = int(result["chat"]["id"])
            text = result.get("text") or result.get("caption")
            document = (result.get("document") or {}).get("file_name")
            if document:
                text = f"[{document}] {text or ''}".strip()
            record = (chat_id, api_method, result.get("message_id"), text)
            collector = _collector.get()
            if collector is not None:
                collector.append(record)
                return
            await asyncio.to_thread(self._recorder, *record)
        except Exception:  # recording must never break sending
            log.exception("could not record a sent message")
