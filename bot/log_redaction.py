"""Secrets never reach the log: a filter on every handler blanks them out of each record.

python-telegram-bot puts the token in some messages (``InvalidToken: The token `…` was
rejected``) and the Bot API's URLs hold it, so blanking at the handler catches what any
library logs, exceptions and their tracebacks included.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

MASK = "***"


class RedactingFilter(logging.Filter):
    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        # Short values would blank ordinary words; a real secret is long.
        self._secrets = sorted({s for s in secrets if len(s) >= 8}, key=len, reverse=True)

    def _clean(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, MASK)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = self._clean(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self._clean(record.exc_text)
        if record.stack_info:
            record.stack_info = self._clean(record.stack_info)
        return True


def redact(secrets: Iterable[str]) -> None:
    """Blank ``secrets`` out of everything the root logger's handlers write."""
    guard = RedactingFilter(secrets)
    for handler in logging.getLogger().handlers:
        handler.addFilter(guard)
