"""An HTTP request class that records every message the bot sends or edits.

All of the bot's traffic passes through here, so this one place logs replies and notifications
alike, without handlers having to remember to.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable
from typing import Any

from telegram.request import HTTPXRequest, RequestData

log = logging.getLogger(__name__)

RECORDED_METHODS = frozenset({
    "sendmessage", "senddocument", "sendphoto", "editmessagetext", "editmessagereplymarkup",
    "editmessagecaption",
})

Recorder = Callable[[int, str, int | None, str | None], None]


class RecordingRequest(HTTPXRequest):
    def __init__(self, recorder: Recorder, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._recorder = recorder

    async def do_request(
        self, url: str, method: str, request_data: RequestData | None = None, **kwargs: Any
    ) -> tuple[int, bytes]:
        code, payload = await super().do_request(url, method, request_data, **kwargs)
        api_method = url.rsplit("/", 1)[-1].lower()
        if code == 200 and api_method in RECORDED_METHODS:
            await self._record(api_method, payload)
        return code, payload

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
            await asyncio.to_thread(self._recorder, chat_id, api_method,
                                    result.get("message_id"), text)
        except Exception:  # recording must never break sending
            log.exception("could not record a sent message")
