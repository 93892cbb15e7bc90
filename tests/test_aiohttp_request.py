"""The bot's aiohttp client against the stand-in over real HTTP, side by side with PTB's own
httpx client: the same calls give the same answers, and the same faults the same errors."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator

import aiohttp
import pytest
from aiohttp import web
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, InputFile
from telegram.error import BadRequest, NetworkError, RetryAfter, TelegramError, TimedOut
from telegram.request import BaseRequest, HTTPXRequest

from bot.aiohttp_request import AiohttpRequest, _proxy
from standin import BotApiStandIn, FaultKind, FaultPlan, SimulatedUser

CLIENTS = {"aiohttp": AiohttpRequest, "httpx (PTB's own)": HTTPXRequest}
HANG = 0.6
IMPATIENT = 0.2  # the client's read time-out, shorter than a hang


def bot_on(api: BotApiStandIn, request: BaseRequest) -> Bot:
    return Bot(api.token, base_url=api.base_url, base_file_url=api.base_file_url,
               request=request)


@pytest.fixture
async def api() -> AsyncIterator[BotApiStandIn]:
    async with BotApiStandIn(token="77:RAHASIA") as stand_in:
        yield stand_in


@pytest.fixture
def official(api: BotApiStandIn) -> SimulatedUser:
    return api.add_user(3001, "Wulan", label="Bidang")


async def test_a_message_with_buttons_arrives_as_sent(api: BotApiStandIn,
                                                      official: SimulatedUser) -> None:
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("✅ Setujui", callback_data="ok:1")]])
    async with bot_on(api, AiohttpRequest()) as bot:
        sent = await bot.send_message(official.id, "Capaian 1.234,5 — Rp 1.250.000",
                                      reply_markup=markup)
    assert sent.chat.id == official.id
    assert official.texts[-1] == "Capaian 1.234,5 — Rp 1.250.000"
    assert official.buttons() == [[("✅ Setujui", "ok:1")]]


async def test_a_file_goes_up_and_comes_back_byte_for_byte(api: BotApiStandIn,
                                                          official: SimulatedUser) -> None:
    content = bytes(range(256)) * 300  # binary, every byte value, 75 KiB
    name = "Laporan Triwulan I – Bidang Bina Marga.xlsx"
    async with bot_on(api, AiohttpRequest()) as bot:
        sent = await bot.send_document(official.id, InputFile(content, filename=name),
                                       caption="Data dukung")
        assert sent.document is not None and sent.document.file_name == name
        file = await bot.get_file(sent.document.file_id)
        downloaded = await file.download_as_bytearray()
    assert bytes(downloaded) == content
    assert await official.download(official.messages[-1]) == content


@pytest.mark.parametrize("client", CLIENTS, ids=list(CLIENTS))
@pytest.mark.parametrize(("kind", "error"), [
    (FaultKind.TOO_MANY_REQUESTS, RetryAfter),
    (FaultKind.SERVER_ERROR, NetworkError),
    (FaultKind.HANG_BEFORE, TimedOut),
    (FaultKind.MALFORMED, TelegramError),
    (FaultKind.DROPPED, NetworkError),
], ids=lambda v: getattr(v, "value", None) or getattr(v, "__name__", str(v)))
async def test_a_fault_is_the_error_ptb_raises_for_it(
        api: BotApiStandIn, official: SimulatedUser, client: str, kind: FaultKind,
        error: type[TelegramError]) -> None:
    api.set_fault_plan(FaultPlan(seed=1, share=1.0, kinds=[kind], hang_seconds=HANG))
    request = CLIENTS[client](read_timeout=IMPATIENT)
    async with bot_on(api, request) as bot:
        with pytest.raises(error) as raised:
            await bot.send_message(official.id, "halo")
    if kind is FaultKind.DROPPED:
        assert not isinstance(raised.value, TimedOut)  # refused, not waited for
    api.set_fault_plan(None)
    await asyncio.sleep(HANG)  # let a hung call finish before the stand-in stops


async def test_a_refusal_of_telegram_reaches_ptb_with_its_description(
        api: BotApiStandIn) -> None:
    async with bot_on(api, AiohttpRequest()) as bot:
        with pytest.raises(BadRequest, match=r"(?i)chat not found"):
            await bot.send_message(999_999, "tidak ada")


async def test_a_server_that_does_not_answer_is_a_network_error_at_once() -> None:
    with socket.socket() as probe:  # a loopback port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    request = AiohttpRequest(connect_timeout=2.0)
    await request.initialize()
    loop = asyncio.get_running_loop()
    started = loop.time()
    try:
        with pytest.raises(NetworkError) as raised:
            await request.post(f"http://127.0.0.1:{port}/bot1:X/getMe")
    finally:
        await request.shutdown()
    assert not isinstance(raised.value, TimedOut)
    assert loop.time() - started < 1.0
    assert "1:X" not in str(raised.value)  # the token is in the URL, never in the error


async def test_it_works_again_after_a_shutdown_and_refuses_before_it_starts(
        api: BotApiStandIn, official: SimulatedUser) -> None:
    request = AiohttpRequest()
    with pytest.raises(RuntimeError, match="not initialized"):
        await request.do_request(f"{api.base_url}{api.token}/getMe", "POST")
    bot = bot_on(api, request)
    for round_ in (1, 2):
        async with bot:
            await bot.send_message(official.id, f"putaran {round_}")
    assert official.texts[-2:] == ["putaran 1", "putaran 2"]


@pytest.fixture
async def proxy() -> AsyncIterator[tuple[str, list[str]]]:
    """A forwarding HTTP proxy on 127.0.0.1 that notes every URL it is asked for."""
    asked: list[str] = []

    async def forward(request: web.Request) -> web.Response:
        asked.append(str(request.url))
        async with aiohttp.ClientSession() as client, client.request(
                request.method, str(request.url), data=await request.read(),
                headers={"Content-Type": request.headers["Content-Type"]}) as answer:
            return web.Response(status=answer.status, body=await answer.read(),
                                content_type=answer.content_type)

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", forward)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    try:
        yield f"http://127.0.0.1:{port}", asked
    finally:
        await runner.cleanup()


@pytest.mark.parametrize("bypassed", [False, True], ids=["through the proxy", "NO_PROXY"])
async def test_the_servers_proxy_settings_apply(
        api: BotApiStandIn, official: SimulatedUser, proxy: tuple[str, list[str]],
        monkeypatch: pytest.MonkeyPatch, bypassed: bool) -> None:
    """An office network that reaches Telegram only through a proxy names it in HTTP(S)_PROXY,
    and NO_PROXY exempts hosts, as for PTB's own client."""
    address, asked = proxy
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "http_proxy", "https_proxy",
                 "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTP_PROXY", address)
    if bypassed:
        monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    _proxy.cache_clear()
    try:
        async with bot_on(api, AiohttpRequest()) as bot:
            await bot.send_message(official.id, "Lewat proxy kantor")
            await bot.send_message(official.id, "Sekali lagi")
    finally:
        _proxy.cache_clear()
    assert official.texts[-2:] == ["Lewat proxy kantor", "Sekali lagi"]
    sent = [url for url in asked if url.endswith("/sendMessage")]
    assert len(sent) == (0 if bypassed else 2)
    assert all(url.startswith(api.base_url) for url in asked)
