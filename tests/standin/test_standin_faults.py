"""Seeded fault injection and outages in the stand-in, seen over real HTTP."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import json
import logging
import time
import warnings
from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import pytest
from telegram import Bot
from telegram.error import NetworkError, RetryAfter, TelegramError, TimedOut
from telegram.request import HTTPXRequest

from standin import (
    BotApiStandIn,
    FaultKind,
    FaultPlan,
    FaultRecord,
    SimulatedUser,
    parse_fault_plan,
    summarize_faults,
)
from standin.__main__ import _build_parser
from standin.faults import CALL_FAULT_KINDS, FaultInjector

HANG = 0.5  # how long an injected hang lasts in these tests
IMPATIENT = 0.2  # client read timeout, shorter than HANG


@pytest.fixture
async def impatient(api: BotApiStandIn) -> AsyncIterator[httpx.AsyncClient]:
    """A client that gives up before an injected hang ends, like the bot does."""
    async with httpx.AsyncClient(base_url=f"{api.base_url}{api.token}/", timeout=IMPATIENT) as c:
        yield c


def only(kind: FaultKind, **overrides: Any) -> FaultPlan:
    """A plan that faults every eligible call with one kind."""
    settings: dict[str, Any] = {"seed": 1, "share": 1.0, "kinds": [kind], "hang_seconds": HANG}
    settings.update(overrides)
    return FaultPlan(**settings)


async def send(client: httpx.AsyncClient, chat_id: int, text: str) -> httpx.Response:
    """sendMessage as a form post, the way PTB sends string parameters."""
    return await client.post("sendMessage", data={"chat_id": str(chat_id), "text": text})


async def eventually(condition: Callable[[], bool], timeout: float = 1.0) -> None:
    """Poll a clock-driven condition (no state change announces an outage starting)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not reached in time"
        await asyncio.sleep(0.01)


async def no_call_in_flight(api: BotApiStandIn) -> None:
    """Wait until every handler, hung ones included, has finished its accounting."""
    await api.wait_until(lambda: api.state.in_flight == 0, timeout=2, what="in_flight == 0")


# --- determinism ------------------------------------------------------------------------------


async def test_same_seed_gives_same_faults_over_http(
    api: BotApiStandIn, user: SimulatedUser, client: httpx.AsyncClient
) -> None:
    kinds = [FaultKind.TOO_MANY_REQUESTS, FaultKind.SERVER_ERROR]

    async def run(seed: int) -> list[int]:
        api.set_fault_plan(FaultPlan(seed=seed, share=0.4, kinds=kinds))
        return [(await send(client, user.id, f"m{i}")).status_code for i in range(30)]

    first = await run(7)
    again = await run(7)  # installing the plan again restarts its sequence
    other = await run(8)
    assert first == again != other
    assert set(first) == {200, 429, 500}
    faulted = [status for status in first if status != 200]
    assert [r.kind for r in api.faults[: len(faulted)]] == [
        FaultKind.TOO_MANY_REQUESTS if status == 429 else FaultKind.SERVER_ERROR
        for status in faulted
    ]
    assert len(user.messages) == 90 - len(api.faults)


def test_draws_depend_only_on_seed_and_eligible_calls() -> None:
    def draws(methods: list[str], share: float = 0.3) -> list[FaultKind | None]:
        injector = FaultInjector(FaultPlan(seed=3, share=share), now=0.0)
        return [injector.draw(m) for m in methods]

    sends = ["sendmessage"] * 200
    # Exempt calls interleaved anywhere draw nothing and do not shift the sequence.
    mixed = [m for pair in zip(sends, ["getupdates"] * 200, strict=True) for m in pair]
    assert draws(mixed)[::2] == draws(sends)
    assert draws(mixed)[1::2] == [None] * 200
    drawn = [d for d in draws(sends) if d is not None]
    assert 30 < len(drawn) < 90 and set(drawn) == set(CALL_FAULT_KINDS)

    # A larger share only adds faults, with the same kinds on the calls faulted before.
    wider = draws(sends, share=0.6)
    assert all(w == d for w, d in zip(wider, draws(sends), strict=True) if d is not None)
    assert sum(w is not None for w in wider) > len(drawn)


# --- each kind --------------------------------------------------------------------------------


async def test_too_many_requests_answers_429_without_sending(
    api: BotApiStandIn, user: SimulatedUser, client: httpx.AsyncClient
) -> None:
    api.set_fault_plan(only(FaultKind.TOO_MANY_REQUESTS, retry_after=3))
    response = await send(client, user.id, "halo")
    assert response.status_code == 429
    assert response.json() == {
        "ok": False,
        "error_code": 429,
        "description": "Too Many Requests: retry after 3",
        "parameters": {"retry_after": 3},
    }
    assert user.messages == []
    assert api.faults == [
        FaultRecord("sendMessage", FaultKind.TOO_MANY_REQUESTS, 2001, False, api.faults[0].at)
    ]
    assert [c.status for c in api.calls_to("sendMessage")] == [429]


async def test_server_error_answers_500_without_sending(
    api: BotApiStandIn, user: SimulatedUser, client: httpx.AsyncClient
) -> None:
    api.set_fault_plan(only(FaultKind.SERVER_ERROR))
    response = await send(client, user.id, "halo")
    assert response.status_code == 500
    assert response.json() == {
        "ok": False,
        "error_code": 500,
        "description": "Internal Server Error",
    }
    assert user.messages == []


async def test_hang_before_times_the_client_out_and_delivers_nothing(
    api: BotApiStandIn,
    user: SimulatedUser,
    client: httpx.AsyncClient,
    impatient: httpx.AsyncClient,
) -> None:
    api.set_fault_plan(only(FaultKind.HANG_BEFORE))
    with pytest.raises(httpx.ReadTimeout):
        await send(impatient, user.id, "hilang")
    await no_call_in_flight(api)

    started = time.monotonic()
    response = await send(client, user.id, "lambat")  # a patient client gets a late 504
    assert time.monotonic() - started >= HANG * 0.9
    assert response.status_code == 504
    assert response.json()["description"] == "Gateway Timeout"
    assert user.messages == []
    assert [r.accepted for r in api.faults] == [False, False]


async def test_hang_after_delivers_then_times_the_client_out(
    api: BotApiStandIn,
    user: SimulatedUser,
    client: httpx.AsyncClient,
    impatient: httpx.AsyncClient,
) -> None:
    api.set_fault_plan(only(FaultKind.HANG_AFTER))
    with pytest.raises(httpx.ReadTimeout):
        await send(impatient, user.id, "terkirim")
    assert user.texts == ["terkirim"]  # accepted although the bot never heard so
    [record] = api.faults
    assert (record.kind, record.accepted, record.chat_id) == (FaultKind.HANG_AFTER, True, 2001)
    await no_call_in_flight(api)
    await api.wait_idle(timeout=2, quiet=0.05)

    started = time.monotonic()
    response = await send(client, user.id, "lambat")  # a patient client gets the real answer
    assert time.monotonic() - started >= HANG * 0.9
    assert response.status_code == 200 and response.json()["result"]["text"] == "lambat"
    assert user.texts == ["terkirim", "lambat"]


async def test_hang_after_a_failing_call_is_not_counted_as_accepted(
    api: BotApiStandIn, client: httpx.AsyncClient
) -> None:
    api.set_fault_plan(only(FaultKind.HANG_AFTER, hang_seconds=0.05))
    response = await send(client, 999, "siapa?")
    assert response.status_code == 400
    assert [(r.kind, r.accepted) for r in api.faults] == [(FaultKind.HANG_AFTER, False)]
    assert api.fault_summary().accepted_by_chat == {}


async def test_malformed_answer_is_not_a_bot_api_answer(
    api: BotApiStandIn, user: SimulatedUser, client: httpx.AsyncClient
) -> None:
    api.set_fault_plan(only(FaultKind.MALFORMED))
    response = await send(client, user.id, "halo")
    assert response.status_code == 200
    with pytest.raises(json.JSONDecodeError):
        json.loads(response.content)
    assert user.messages == []


async def test_dropped_connection_gives_no_answer_and_delivers_nothing(
    api: BotApiStandIn, user: SimulatedUser, client: httpx.AsyncClient
) -> None:
    api.set_fault_plan(only(FaultKind.DROPPED))
    with pytest.raises(httpx.RemoteProtocolError):
        await send(client, user.id, "halo")
    assert user.messages == []
    await no_call_in_flight(api)
    api.set_fault_plan(None)
    assert (await send(client, user.id, "lagi")).status_code == 200  # the client recovers
    assert user.texts == ["lagi"]
    assert [c.status for c in api.calls_to("sendMessage")] == [0, 200]


async def test_ptb_sees_each_kind_as_the_error_the_bot_handles(
    api: BotApiStandIn, user: SimulatedUser
) -> None:
    request = HTTPXRequest(read_timeout=IMPATIENT)
    expected: list[tuple[FaultKind, type[TelegramError], str]] = [
        (FaultKind.TOO_MANY_REQUESTS, RetryAfter, "Retry in"),
        (FaultKind.SERVER_ERROR, NetworkError, "Internal Server Error"),
        (FaultKind.HANG_BEFORE, TimedOut, "Timed out"),
        (FaultKind.HANG_AFTER, TimedOut, "Timed out"),
        (FaultKind.MALFORMED, TelegramError, "Invalid server response"),
        (FaultKind.DROPPED, NetworkError, "Server disconnected"),
    ]
    async with Bot(api.token, base_url=api.base_url, request=request) as bot:
        for kind, error, message in expected:
            api.set_fault_plan(only(kind))
            with warnings.catch_warnings(), pytest.raises(error, match=message):
                warnings.simplefilter("ignore")  # PTB 22's retry_after deprecation note
                await bot.send_message(user.id, kind.value)
        api.set_fault_plan(None)
        api.start_outage(5)
        with pytest.raises(NetworkError, match="Bad Gateway"):
            await bot.send_message(user.id, "gangguan")
        api.end_outage()
        await bot.send_message(user.id, "pulih")
    assert user.texts == ["hang_after", "pulih"]


# --- eligibility and precedence --------------------------------------------------------------


async def test_startup_polling_and_downloads_never_fault(
    api: BotApiStandIn, user: SimulatedUser, client: httpx.AsyncClient
) -> None:
    sent = await user.send_document(b"a,b\n", "data.csv")
    api.set_fault_plan(only(FaultKind.SERVER_ERROR))
    commands = json.dumps([{"command": "start", "description": "Mulai"}])
    for method, data in [
        ("getMe", {}),
        ("deleteWebhook", {}),
        ("getWebhookInfo", {}),
        ("setMyCommands", {"commands": commands}),
        ("getUpdates", {"timeout": "0"}),
        ("getFile", {"file_id": sent["document"]["file_id"]}),
    ]:
        response = await client.post(method, data=data)
        assert response.status_code == 200, method
    path = response.json()["result"]["file_path"]
    download = await client.get(f"{api.base_file_url}{api.token}/{path}")
    assert download.content == b"a,b\n"
    assert api.faults == []
    assert (await send(client, user.id, "x")).status_code == 500


async def test_methods_limits_faults_to_the_named_ones(
    api: BotApiStandIn, user: SimulatedUser, client: httpx.AsyncClient
) -> None:
    api.set_fault_plan(only(FaultKind.SERVER_ERROR, methods=["sendChatAction", "getMe"]))
    assert (await send(client, user.id, "x")).status_code == 200
    action = {"chat_id": str(user.id), "action": "typing"}
    assert (await client.post("sendChatAction", data=action)).status_code == 500
    assert (await client.post("getMe")).status_code == 500  # named, so no longer exempt


async def test_scripted_faults_come_first(
    api: BotApiStandIn, user: SimulatedUser, client: httpx.AsyncClient
) -> None:
    api.set_fault_plan(only(FaultKind.SERVER_ERROR))
    api.fail_next("sendMessage", 403)
    assert (await send(client, user.id, "x")).status_code == 403
    assert (await send(client, user.id, "y")).status_code == 500
    assert [r.kind for r in api.faults] == [FaultKind.SERVER_ERROR]


async def test_no_plan_means_no_faults_and_plans_switch_mid_run(
    user: SimulatedUser, client: httpx.AsyncClient, api: BotApiStandIn
) -> None:
    assert api.fault_plan is None and not api.outage_active
    for i in range(20):
        assert (await send(client, user.id, f"m{i}")).status_code == 200
    plan = only(FaultKind.SERVER_ERROR)
    api.set_fault_plan(plan)
    assert api.fault_plan is plan
    assert (await send(client, user.id, "x")).status_code == 500
    api.set_fault_plan(None)
    assert (await send(client, user.id, "y")).status_code == 200
    assert len(user.messages) == 21 and len(api.faults) == 1


# --- outages ----------------------------------------------------------------------------------


async def test_outage_answers_502_to_everything_then_recovers(
    api: BotApiStandIn, user: SimulatedUser, client: httpx.AsyncClient
) -> None:
    api.start_outage(0.4)
    assert api.outage_active
    for method, data in [
        ("getUpdates", {"timeout": "5"}),
        ("getMe", {}),
        ("sendMessage", {"chat_id": str(user.id), "text": "x"}),
    ]:
        started = time.monotonic()
        response = await client.post(method, data=data)
        assert time.monotonic() - started < 0.3, method  # answered at once, even the poll
        assert response.status_code == 502, method
        assert response.json() == {"ok": False, "error_code": 502, "description": "Bad Gateway"}
    assert user.messages == []

    await asyncio.sleep(0.45)
    assert not api.outage_active
    assert (await send(client, user.id, "pulih")).status_code == 200
    assert user.texts == ["pulih"]
    assert [(r.method, r.chat_id) for r in api.faults] == [
        ("getUpdates", None),
        ("getMe", None),
        ("sendMessage", 2001),
    ]
    assert api.fault_summary().by_kind == {FaultKind.OUTAGE: 3}


async def test_plan_schedules_an_outage_and_end_outage_stops_one(
    api: BotApiStandIn, user: SimulatedUser, client: httpx.AsyncClient
) -> None:
    api.set_fault_plan(FaultPlan(share=0.0, outage_after=0.15, outage_seconds=0.25))
    assert not api.outage_active
    await eventually(lambda: api.outage_active)
    assert (await send(client, user.id, "x")).status_code == 502
    await eventually(lambda: not api.outage_active)
    assert (await send(client, user.id, "y")).status_code == 200

    api.start_outage(60)
    assert (await client.post("getMe")).status_code == 502
    api.end_outage()
    assert (await client.post("getMe")).status_code == 200


# --- statistics and accounting ---------------------------------------------------------------


async def test_summary_counts_kinds_and_accepted_hangs_per_chat(
    api: BotApiStandIn, client: httpx.AsyncClient, impatient: httpx.AsyncClient
) -> None:
    rina = api.add_user(2001, "Rina")
    budi = api.add_user(2002, "Budi")
    api.set_fault_plan(only(FaultKind.HANG_AFTER, hang_seconds=0.3))
    for chat in (rina, budi, rina):
        with pytest.raises(httpx.ReadTimeout):
            await send(impatient, chat.id, "x")
    api.set_fault_plan(only(FaultKind.SERVER_ERROR))
    await send(client, budi.id, "y")
    api.start_outage(5)
    await client.post("getUpdates")
    api.end_outage()

    summary = api.fault_summary()
    assert summary.total == 5 == len(api.faults)
    assert summary.by_kind == {
        FaultKind.HANG_AFTER: 3,
        FaultKind.SERVER_ERROR: 1,
        FaultKind.OUTAGE: 1,
    }
    assert summary.by_kind["outage"] == 1  # plain strings work as keys too
    assert summary.accepted_by_chat == {2001: 2, 2002: 1}
    assert summarize_faults(api.faults[:1]).accepted_by_chat == {2001: 1}
    times = [r.at for r in api.faults]
    assert times == sorted(times)
    await no_call_in_flight(api)


async def test_wait_idle_survives_hung_and_dropped_calls(
    api: BotApiStandIn, user: SimulatedUser, impatient: httpx.AsyncClient
) -> None:
    api.set_fault_plan(FaultPlan(seed=5, share=1.0, hang_seconds=HANG))
    for i in range(12):  # every kind, drawn at random
        with contextlib.suppress(httpx.TransportError):
            await send(impatient, user.id, f"m{i}")
    assert len({r.kind for r in api.faults}) >= 4
    await api.wait_idle(timeout=3, quiet=0.05)
    assert api.state.in_flight == 0
    assert api.errors == []


async def test_stop_ends_hangs_at_once_and_cleanly(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING)
    api = BotApiStandIn(faults=only(FaultKind.HANG_BEFORE, hang_seconds=60))
    await api.start()
    user = api.add_user(2001, "Rina")
    async with httpx.AsyncClient(base_url=f"{api.base_url}{api.token}/", timeout=10) as client:
        pending = [asyncio.create_task(send(client, user.id, f"m{i}")) for i in range(3)]
        await api.wait_until(lambda: api.state.in_flight == 3, timeout=2, what="3 hung calls")
        started = time.monotonic()
        await api.stop()
        assert time.monotonic() - started < 0.9  # under aiohttp's shutdown_timeout
        answers = await asyncio.gather(*pending, return_exceptions=True)
    for answer in answers:
        assert isinstance(answer, httpx.TransportError) or answer.status_code == 504
    assert api.state.in_flight == 0 and api.errors == [] and user.messages == []
    gc.collect()
    await asyncio.sleep(0)
    assert [r.getMessage() for r in caplog.records] == []


# --- configuration ----------------------------------------------------------------------------


def test_plan_validation() -> None:
    plan = FaultPlan(kinds={"dropped", FaultKind.TOO_MANY_REQUESTS}, methods=["SendMessage"])
    assert plan.kinds == (FaultKind.TOO_MANY_REQUESTS, FaultKind.DROPPED)  # fixed order
    assert plan.eligible_methods == {"sendmessage"}
    assert "getupdates" not in FaultPlan().eligible_methods
    assert "sendmessage" in FaultPlan().eligible_methods
    for bad in [
        {"share": 1.5},
        {"kinds": []},
        {"kinds": ["outage"]},
        {"kinds": ["flood"]},
        {"methods": ["sendSticker"]},
        {"hang_seconds": -1},
        {"retry_after": 0},
    ]:
        with pytest.raises(ValueError):
            FaultPlan(**bad)


def test_plan_from_command_line() -> None:
    plan = parse_fault_plan("seed=7,share=0.2,hang=6")
    assert (plan.seed, plan.share, plan.hang_seconds) == (7, 0.2, 6.0)
    full = parse_fault_plan(
        "seed=1, share=1, retry_after=4, kinds=hang_after+dropped, "
        "methods=sendMessage+editMessageText, outage_after=30, outage=10"
    )
    assert full.kinds == (FaultKind.HANG_AFTER, FaultKind.DROPPED)
    assert full.eligible_methods == {"sendmessage", "editmessagetext"}
    assert (full.retry_after, full.outage_after, full.outage_seconds) == (4, 30.0, 10.0)
    with pytest.raises(ValueError, match="KEY=VALUE"):
        parse_fault_plan("seed")

    args = _build_parser().parse_args(["--faults", "seed=7,share=0.2,hang=6"])
    assert args.faults == plan
    assert _build_parser().parse_args([]).faults is None
    with pytest.raises(SystemExit):
        _build_parser().parse_args(["--faults", "share=2"])
