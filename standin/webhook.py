"""Webhook delivery, as Telegram does it once ``setWebhook`` names a URL.

Updates go out one at a time, in order, as JSON POSTs carrying the secret token in
``X-Telegram-Bot-Api-Secret-Token``; an update counts as delivered only on a 2xx answer, and is
sent again after a pause otherwise (Telegram keeps trying for a day). Meanwhile ``getUpdates``
is refused with 409, as Telegram refuses it.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import time
from typing import TYPE_CHECKING

import aiohttp

from standin.models import bad_request

if TYPE_CHECKING:
    from standin.state import ApiState

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")  # what Telegram accepts as secret_token
RETRY_AFTER = 0.2  # seconds; Telegram waits longer, a test would only wait with it
POST_TIMEOUT = 10.0  # seconds an answer may take before the delivery counts as failed


class Webhook:
    """The URL the updates go to, and the task that takes them there."""

    def __init__(self, state: ApiState, url: str, secret: str | None) -> None:
        if not url.startswith(("https://", "http://")):
            raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        if secret is not None and not SECRET.fullmatch(secret):
            raise bad_request("bad webhook: Secret token contains unallowed characters")
        self.url = url
        self.secret = secret
        self.last_error: str | None = None
        self.last_error_date: int | None = None
        self.delivered = 0
        self._state = state
        self._task = asyncio.get_running_loop().create_task(self._deliver())

    async def close(self) -> None:
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task

    async def _deliver(self) -> None:
        state = self._state
        headers = {SECRET_HEADER: self.secret} if self.secret else {}
        timeout = aiohttp.ClientTimeout(total=POST_TIMEOUT)
        async with aiohttp.ClientSession(timeout=timeout) as http:
            while not state.closing:
                if not state.updates:
                    await state.wait_changed(1.0)
                    continue
                update = state.updates[0]
                state.in_flight += 1
                try:
                    async with http.post(self.url, json=update, headers=headers) as answer:
                        ok, error = 200 <= answer.status < 300, (
                            f"Wrong response from the webhook: {answer.status} {answer.reason}")
                except (aiohttp.ClientError, TimeoutError) as failure:
                    ok, error = False, f"Connection failed: {type(failure).__name__}"
                finally:
                    state.in_flight -= 1
                if ok:
                    if state.updates and state.updates[0] is update:
                        state.updates.pop(0)
                    state.last_delivered_update_id = max(state.last_delivered_update_id,
                                                         update["update_id"])
                    self.delivered += 1
                    state.touch()
                else:
                    self.last_error, self.last_error_date = error, int(time.time())
                    await asyncio.sleep(RETRY_AFTER)
