"""Webhook mode: Telegram pushes each update to us instead of being polled for it.

Behind a reverse proxy (nginx, Caddy) that ends TLS and passes ``WEBHOOK_URL``'s path to
``WEBHOOK_LISTEN:WEBHOOK_PORT`` (docs/deploy.md). Every call must carry the secret token given
to ``setWebhook``; anything else is refused before it is read. An update is written to the
inbox before it is acknowledged, as a polled one is before the next poll: once we answer 200,
Telegram forgets it, so a crash after that must not. While the database is away the update is
refused (503) and Telegram delivers it again later.

python-telegram-bot's own webhook server (tornado) acknowledges an update as soon as it is
queued in memory; this one, on the aiohttp the bot already uses for the Bot API, does not.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import json
import logging
import signal
from urllib.parse import urlsplit

from aiohttp import web
from telegram import Update

from bot.config import Settings
from bot.telegram_context import SakipApplication
from bot.update_unit import DATABASE_ERRORS

log = logging.getLogger(__name__)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_UPDATE = 1 << 20  # bytes; an update is a few kilobytes (files come by file_id)


def secret_token(settings: Settings) -> str:
    """``WEBHOOK_SECRET``, or one derived from the bot token: the same after every restart,
    unguessable without the token, and never written anywhere."""
    if settings.webhook_secret is not None and settings.webhook_secret.get_secret_value():
        return settings.webhook_secret.get_secret_value()
    return hashlib.sha256(b"sakip-bot webhook\0" + settings.token().encode()).hexdigest()


def web_app(application: SakipApplication, secret: str, path: str) -> web.Application:
    # Telegram spreads pushed updates over every process behind the address.
    application.units.shared_inbox = True

    async def receive(request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), secret.encode()):
            return web.Response(status=403)
        try:
            payload = json.loads(await request.read())
            update = (Update.de_json(payload, application.bot) if _looks_like_update(payload)
                      else None)
        except (ValueError, TypeError, KeyError, AttributeError, web.HTTPException):
            update = None  # not JSON, too big, or not an update
        if update is None:
            return web.Response(status=400)
        try:
            await application.units.take([payload])
        except DATABASE_ERRORS:
            return web.Response(status=503)
        await application.update_queue.put(update)
        return web.Response()

    app = web.Application(client_max_size=MAX_UPDATE)
    app.router.add_post(path, receive)
    return app


def _looks_like_update(payload: object) -> bool:
    return (isinstance(payload, dict) and type(payload.get("update_id")) is int
            and len(payload) > 1)


async def serve(application: SakipApplication, settings: Settings) -> None:
    """Start the Application, listen, tell Telegram where to push, and run until SIGTERM or
    SIGINT. The webhook stays registered when we stop: Telegram holds the updates meanwhile."""
    assert settings.webhook_url is not None
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stopping.set)
    secret = secret_token(settings)
    path = urlsplit(settings.webhook_url).path or "/"
    await application.initialize()
    try:
        if application.post_init is not None:
            await application.post_init(application)
        await application.start()
        runner = web.AppRunner(web_app(application, secret, path), access_log=None,
                               handle_signals=False)
        await runner.setup()
        try:
            await web.TCPSite(runner, settings.webhook_listen, settings.webhook_port).start()
            await application.bot.set_webhook(settings.webhook_url, secret_token=secret,
                                              allowed_updates=Update.ALL_TYPES,
                                              max_connections=40)
            log.info("webhook set; listening on %s:%s%s", settings.webhook_listen,
                     settings.webhook_port, path)
            await stopping.wait()
        finally:
            await runner.cleanup()
            if application.running:
                await application.stop()
            if application.post_stop is not None:
                await application.post_stop(application)
    finally:
        await application.shutdown()
        for sig in (signal.SIGTERM, signal.SIGINT):
            with contextlib.suppress(Exception):
                loop.remove_signal_handler(sig)

