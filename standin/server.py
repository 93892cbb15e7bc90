"""HTTP server speaking the Telegram Bot API, plus the facade tests and demos use."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from types import TracebackType
from typing import Any, TypeVar

from aiohttp import web

from standin.faults import (
    MALFORMED_BODY,
    FaultInjector,
    FaultKind,
    FaultPlan,
    FaultRecord,
    FaultSummary,
    chat_id_of,
    summarize_faults,
)
from standin.files import StoredFile
from standin.methods import METHODS
from standin.models import ApiCall, ApiError, CallbackQueryRecord, TranscriptEvent
from standin.params import Params, read_params
from standin.state import ApiState, EventListener
from standin.users import SimulatedUser

T = TypeVar("T")

_LOG = logging.getLogger(__name__)
_API_PATH = re.compile(r"^/bot(?P<token>[^/]+)/(?P<method>[^/]+)/?$")
_FILE_PATH = re.compile(r"^/file/bot(?P<token>[^/]+)/(?P<path>.+)$")
_MAX_BODY = 60 * 1024 * 1024
_DEFAULT_DESCRIPTIONS = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden: bot was blocked by the user",
    404: "Not Found",
    409: "Conflict: terminated by other getUpdates request",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}


@dataclass
class _Fault:
    """An injected error waiting to be returned instead of executing a method."""

    error_code: int
    description: str | None
    retry_after: int | None
    remaining: int

    def to_error(self) -> ApiError:
        """The error Telegram would return."""
        if self.error_code == 429:
            wait = self.retry_after or 1
            return ApiError(
                429,
                self.description or f"Too Many Requests: retry after {wait}",
                {"retry_after": wait},
            )
        description = self.description or _DEFAULT_DESCRIPTIONS.get(self.error_code, "Error")
        parameters = {"retry_after": self.retry_after} if self.retry_after else None
        return ApiError(self.error_code, description, parameters)


def _error_response(error: ApiError) -> web.Response:
    """JSON error answer with the HTTP status equal to error_code, as Telegram does."""
    return web.json_response(error.payload(), status=error.error_code)


def _summarise(params: Params) -> dict[str, Any]:
    """Call parameters for the call log, with uploads reduced to name and size."""
    summary = dict(params.values)
    for name, part in params.files.items():
        summary[name] = f"<upload {part.filename or name}, {len(part.data)} bytes>"
    return summary


class BotApiStandIn:
    """A local Telegram Bot API for running the real bot against simulated users."""

    def __init__(
        self,
        token: str = "123456:TEST",
        host: str = "127.0.0.1",
        port: int = 0,
        bot_username: str = "sakip_demo_bot",
        bot_first_name: str = "SAKIP Demo Bot",
        *,
        faults: FaultPlan | None = None,
    ) -> None:
        """Configure (not start) a stand-in; port 0 picks a free port."""
        self.host = host
        self._requested_port = port
        self._port: int | None = None
        self._runner: web.AppRunner | None = None
        self._faults: dict[str, list[_Fault]] = {}
        self._injector: FaultInjector | None = None
        self._outage_until = 0.0
        self.fault_log: list[FaultRecord] = []
        self.state = ApiState(token, bot_username, bot_first_name)
        self.errors: list[BaseException] = []
        self.set_fault_plan(faults)

    # --- lifecycle --------------------------------------------------------------------------

    async def __aenter__(self) -> BotApiStandIn:
        """Start serving."""
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Stop serving."""
        await self.stop()

    async def start(self) -> None:
        """Bind and serve on ``host:port``."""
        if self._runner is not None:
            raise RuntimeError("stand-in already started")
        self.state.closing = False
        app = web.Application(client_max_size=_MAX_BODY)
        app.router.add_route("*", "/{tail:.*}", self._handle)
        # handler_cancellation ends abandoned long polls when the bot drops the connection;
        # a short shutdown_timeout keeps stop() quick even with a poll in flight.
        runner = web.AppRunner(
            app,
            handle_signals=False,
            access_log=None,
            handler_cancellation=True,
            shutdown_timeout=1.0,
        )
        await runner.setup()
        site = web.TCPSite(runner, self.host, self._requested_port)
        await site.start()
        self._runner = runner
        self._port = int(runner.addresses[0][1])

    async def stop(self) -> None:
        """Release pending long polls and shut the server down."""
        if self._runner is None:
            return
        self.state.closing = True
        self.state.notify()
        webhook, self.state.webhook = self.state.webhook, None
        if webhook is not None:
            await webhook.close()
        runner, self._runner = self._runner, None
        await runner.cleanup()

    # --- addresses ----------------------------------------------------------------------------

    @property
    def token(self) -> str:
        """The only token this stand-in accepts."""
        return self.state.token

    @property
    def port(self) -> int:
        """The bound port (after start)."""
        if self._port is None:
            raise RuntimeError("stand-in not started")
        return self._port

    @property
    def base_url(self) -> str:
        """Value for PTB's ``base_url`` (PTB appends the token)."""
        return f"http://{self.host}:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        """Value for PTB's ``base_file_url`` (PTB appends the token)."""
        return f"http://{self.host}:{self.port}/file/bot"

    @property
    def bot_user(self) -> dict[str, Any]:
        """The bot's own ``User`` object."""
        return dict(self.state.bot_user)

    # --- users ------------------------------------------------------------------------------

    def add_user(
        self,
        user_id: int,
        first_name: str,
        username: str | None = None,
        label: str | None = None,
        *,
        last_name: str | None = None,
        language_code: str | None = "id",
        started: bool = True,
    ) -> SimulatedUser:
        """Register a user whose private chat with the bot exists (chat id == user id)."""
        if user_id in self.state.users:
            raise ValueError(f"user {user_id} already exists")
        user = SimulatedUser(
            self.state,
            user_id,
            first_name,
            username,
            label,
            last_name=last_name,
            language_code=language_code,
            started=started,
        )
        self.state.users[user_id] = user
        return user

    @property
    def users(self) -> list[SimulatedUser]:
        """All simulated users in creation order."""
        return list(self.state.users.values())

    def user(self, key: int | str) -> SimulatedUser:
        """A user by id, label, username or first name."""
        for user in self.state.users.values():
            if key in (user.id, user.label, user.username, user.first_name):
                return user
        raise KeyError(key)

    # --- records ----------------------------------------------------------------------------

    @property
    def transcript(self) -> list[TranscriptEvent]:
        """Every visible step of every conversation, in order."""
        return self.state.transcript

    @property
    def calls(self) -> list[ApiCall]:
        """Every call the bot made (empty long polls excluded)."""
        return self.state.calls

    def calls_to(self, method: str) -> list[ApiCall]:
        """Calls of one method (case-insensitive)."""
        wanted = method.lower()
        return [call for call in self.state.calls if call.method.lower() == wanted]

    def file(self, file_id: str) -> StoredFile | None:
        """A stored file by file_id."""
        return self.state.files.get(file_id)

    def commands(
        self, scope: dict[str, Any] | None = None, language_code: str = ""
    ) -> list[dict[str, Any]]:
        """Commands set with setMyCommands for a scope (default scope by default)."""
        key = json.dumps(scope or {"type": "default"}, sort_keys=True) + "|" + language_code
        return list(self.state.commands.get(key, []))

    @property
    def unanswered_callback_queries(self) -> list[CallbackQueryRecord]:
        """Button presses the bot never answered (the client would show a spinner)."""
        return [q for q in self.state.callback_queries.values() if not q.answered]

    @staticmethod
    def format_event(event: TranscriptEvent) -> str:
        """One transcript event as a readable line."""
        return event.format()

    def format_transcript(self, events: Iterable[TranscriptEvent] | None = None) -> str:
        """The whole (or given) transcript as readable lines."""
        chosen = self.state.transcript if events is None else events
        return "\n".join(event.format() for event in chosen)

    def add_listener(self, listener: EventListener) -> Callable[[], None]:
        """Call ``listener`` for each new transcript event; returns a remover."""
        self.state.listeners.append(listener)
        return lambda: self.state.listeners.remove(listener)

    # --- fault injection --------------------------------------------------------------------

    def fail_next(
        self,
        method: str,
        error_code: int = 500,
        retry_after: int | None = None,
        times: int = 1,
        *,
        description: str | None = None,
    ) -> None:
        """Answer the next ``times`` calls of ``method`` with an error instead of running it."""
        key = method.lower()
        if key not in METHODS:
            raise ValueError(f"unknown Bot API method {method!r}")
        if times < 1:
            raise ValueError("times must be at least 1")
        self._faults.setdefault(key, []).append(
            _Fault(error_code, description, retry_after, times)
        )

    def set_fault_plan(self, plan: FaultPlan | None) -> None:
        """Switch random faults on (restarting the plan's seeded sequence) or off with None."""
        self._injector = None if plan is None else FaultInjector(plan, time.monotonic())

    @property
    def fault_plan(self) -> FaultPlan | None:
        """The plan in force, if any."""
        return None if self._injector is None else self._injector.plan

    @property
    def faults(self) -> list[FaultRecord]:
        """Every injected fault and outage answer, in order (the list is live)."""
        return self.fault_log

    def fault_summary(self) -> FaultSummary:
        """Counts per kind and accepted-but-hung calls per chat, for assertions."""
        return summarize_faults(self.fault_log)

    def start_outage(self, seconds: float) -> None:
        """Answer every Bot API call with 502 for ``seconds``; it ends by itself."""
        if seconds < 0:
            raise ValueError("seconds must not be negative")
        self._outage_until = max(self._outage_until, time.monotonic() + seconds)

    def end_outage(self) -> None:
        """End a started or plan-scheduled outage now."""
        self._outage_until = 0.0
        if self._injector is not None:
            self._injector.outage = None

    @property
    def outage_active(self) -> bool:
        """Whether calls are being answered with 502 right now."""
        now = time.monotonic()
        injector = self._injector
        return now < self._outage_until or (injector is not None and injector.outage_active(now))

    def _take_fault(self, method: str) -> ApiError | None:
        """Consume one injected fault for ``method`` if any is pending."""
        queue = self._faults.get(method)
        if not queue:
            return None
        fault = queue[0]
        fault.remaining -= 1
        if fault.remaining == 0:
            queue.pop(0)
        return fault.to_error()

    # --- waiting ----------------------------------------------------------------------------

    async def wait_until(
        self, predicate: Callable[[], T], timeout: float = 10.0, what: str = "condition"
    ) -> T:
        """Wait for any state-dependent condition without polling."""
        return await self.state.wait_until(predicate, timeout, lambda: what)

    async def wait_idle(self, timeout: float = 10.0, quiet: float = 0.2) -> None:
        """Return once the bot fetched every update and made no call for ``quiet`` seconds."""
        state = self.state
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            busy = state.undelivered > 0 or state.in_flight > 0
            idle_for = time.monotonic() - state.last_activity
            if not busy and idle_for >= quiet:
                return
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise TimeoutError(
                    f"bot not idle after {timeout:g}s: {state.undelivered} update(s) not "
                    f"fetched, {state.in_flight} call(s) in flight"
                )
            await state.wait_changed(remaining if busy else min(remaining, quiet - idle_for))

    # --- HTTP -------------------------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        """Route Bot API calls and file downloads."""
        api_match = _API_PATH.match(request.path)
        if api_match:
            return await self._handle_api(request, api_match["token"], api_match["method"])
        file_match = _FILE_PATH.match(request.path)
        if file_match:
            return self._handle_file(file_match["token"], file_match["path"])
        return _error_response(ApiError(404, "Not Found"))

    async def _handle_api(
        self, request: web.Request, token: str, method_name: str
    ) -> web.StreamResponse:
        """Run one Bot API method and answer like Telegram."""
        if self.outage_active:
            return await self._answer_outage(request, method_name)
        if token != self.state.token:
            return _error_response(ApiError(401, "Unauthorized"))
        key = method_name.lower()
        method = METHODS.get(key)
        if method is None:
            return _error_response(ApiError(404, "Not Found"))
        polling = key == "getupdates"
        state = self.state
        if not polling:
            state.in_flight += 1
            state.touch()
        params = Params({}, {})
        injector = self._injector
        injected: FaultKind | None = None
        # The outer try keeps in_flight right also when a hang is cancelled (client gone, stop).
        try:
            try:
                params = await read_params(request)
                fault = self._take_fault(key)
                if fault is not None:
                    raise fault
                injected = injector.draw(key) if injector is not None else None
                if injector and injected and injected is not FaultKind.HANG_AFTER:
                    return await self._inject(
                        request, injector.plan, injected, method_name, params
                    )
                result = await method(state, params)
            except ApiError as error:
                self._log_call(method_name, params, error.error_code, error.description)
                response = _error_response(error)
            except Exception as exc:
                # A stand-in bug must be visible to the test, not only to the bot.
                _LOG.exception("stand-in failed in %s", method_name)
                self.errors.append(exc)
                error = ApiError(500, f"Internal Server Error: stand-in failed: {exc!r}")
                self._log_call(method_name, params, 500, error.description)
                response = _error_response(error)
            else:
                if not (polling and not result):
                    self._log_call(method_name, params, 200, None)
                response = web.json_response({"ok": True, "result": result})
            if injector is not None and injected is FaultKind.HANG_AFTER:
                self._record_fault(method_name, injected, params, accepted=response.status == 200)
                await self._hang(injector.plan.hang_seconds)
            return response
        finally:
            if not polling:
                state.in_flight -= 1
                state.touch()

    async def _inject(
        self,
        request: web.Request,
        plan: FaultPlan,
        kind: FaultKind,
        method_name: str,
        params: Params,
    ) -> web.StreamResponse:
        """Answer a drawn fault without running the method."""
        self._record_fault(method_name, kind, params, accepted=False)
        if kind is FaultKind.HANG_BEFORE:
            self._log_call(method_name, params, 504, "injected: hung before running")
            await self._hang(plan.hang_seconds)
            return _error_response(ApiError(504, "Gateway Timeout"))
        if kind is FaultKind.MALFORMED:
            self._log_call(method_name, params, 200, "injected: malformed answer")
            return web.Response(body=MALFORMED_BODY, content_type="application/json")
        if kind is FaultKind.DROPPED:
            self._log_call(method_name, params, 0, "injected: connection dropped")
            if request.transport is not None:
                request.transport.close()
            # Never written: with the transport closed the client gets no answer at all.
            return web.Response(status=500)
        if kind is FaultKind.TOO_MANY_REQUESTS:
            error = _Fault(429, None, plan.retry_after, 1).to_error()
        else:
            error = ApiError(500, "Internal Server Error")
        self._log_call(method_name, params, error.error_code, error.description)
        return _error_response(error)

    async def _answer_outage(self, request: web.Request, method_name: str) -> web.Response:
        """502 without running anything, as when Telegram's front end loses its backend."""
        params = Params({}, {})
        with contextlib.suppress(ApiError):
            params = await read_params(request)
        self._record_fault(method_name, FaultKind.OUTAGE, params, accepted=False)
        error = ApiError(502, "Bad Gateway")
        self._log_call(method_name, params, 502, error.description)
        if method_name.lower() != "getupdates":
            self.state.touch()
        return _error_response(error)

    async def _hang(self, seconds: float) -> None:
        """Hold the answer like a stuck upstream; stop() ends the wait at once."""
        state = self.state
        with contextlib.suppress(TimeoutError):
            await state.wait_until(lambda: state.closing, seconds)

    def _record_fault(
        self, method_name: str, kind: FaultKind, params: Params, *, accepted: bool
    ) -> None:
        """Append to the fault log."""
        self.fault_log.append(
            FaultRecord(method_name, kind, chat_id_of(params.values), accepted, time.monotonic())
        )

    def _log_call(self, method: str, params: Params, status: int, description: str | None) -> None:
        """Append to the call log."""
        self.state.calls.append(
            ApiCall(method, _summarise(params), status, description, time.time())
        )

    def _handle_file(self, token: str, file_path: str) -> web.StreamResponse:
        """Serve a download from a path handed out by getFile."""
        if token != self.state.token:
            return _error_response(ApiError(401, "Unauthorized"))
        stored = self.state.files.by_path(file_path)
        if stored is None:
            return _error_response(ApiError(404, "Not Found"))
        return web.Response(
            body=stored.data, content_type=stored.mime_type or "application/octet-stream"
        )
