"""The baseline of ``bench_updates``: a bare python-telegram-bot echo bot in its own process.

Run by ``benchmarks.bench_updates`` (not meant to be started by hand)::

    TELEGRAM_BOT_TOKEN=... TELEGRAM_API_BASE_URL=http://127.0.0.1:PORT/bot \\
    TELEGRAM_API_FILE_URL=http://127.0.0.1:PORT/file/bot POLL_TIMEOUT=10 \\
        python -m benchmarks.echo_bot

It reads the same environment variables as ``sakip-bot run`` (``bot.config``) and polls the same
way (``run_polling`` with ``POLL_TIMEOUT``, every update type), so that the two bots differ
only in what they do with an update. Every update gets exactly one message back: a text is
echoed, a document or photo is acknowledged with its name, and a button press is answered
(``answerCallbackQuery``, as the real bot does) and replied to with its data. PTB's defaults
otherwise: one update at a time, no persistence, no database. Stops on SIGTERM or SIGINT.
"""

from __future__ import annotations

import logging
import os
import sys

from telegram import Update
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.config import TELEGRAM_API


def _file_url(base: str) -> str:
    """The file base derived from the API base, as ``Settings.file_url`` does."""
    return base[: -len("/bot")] + "/file/bot" if base.endswith("/bot") else base + "/file/bot"


async def _echo(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is None:
        return
    if message.text:
        await message.reply_text(message.text)
    elif message.document is not None:
        await message.reply_text(f"diterima: {message.document.file_name}")
    elif message.photo:
        await message.reply_text("diterima: foto")


async def _pressed(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    assert query is not None
    await query.answer()  # the real bot answers every press too (close_buttons)
    if query.message is not None:
        await query.get_bot().send_message(query.message.chat.id, f"ditekan: {query.data}")


def build() -> Application:  # type: ignore[type-arg]
    base = os.environ.get("TELEGRAM_API_BASE_URL", TELEGRAM_API)
    application: Application = (  # type: ignore[type-arg]
        ApplicationBuilder()
        .token(os.environ["TELEGRAM_BOT_TOKEN"])
        .base_url(base)
        .base_file_url(os.environ.get("TELEGRAM_API_FILE_URL") or _file_url(base))
        .build()
    )
    application.add_handler(MessageHandler(filters.ALL, _echo))
    application.add_handler(CallbackQueryHandler(_pressed))
    return application


def main() -> int:
    logging.basicConfig(level=logging.WARNING,
                        format="%(asctime)s %(levelname)s %(name)s %(message)s")
    timeout = int(float(os.environ.get("POLL_TIMEOUT", "10")))
    build().run_polling(timeout=timeout, allowed_updates=Update.ALL_TYPES)
    return 0


if __name__ == "__main__":
    sys.exit(main())
