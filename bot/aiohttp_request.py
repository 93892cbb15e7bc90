"""The HTTP client the bot talks to the Bot API with: aiohttp, in place of PTB's httpx.

Every update costs the bot two Bot API calls on average (the reply, and on a button press its
answer and the closing of the old buttons), so the client's own cost counts. On the 2-core
benchmark machine httpx spent 0,7-1,6 ms of CPU per call (more the more calls run side by
side, as the outbox sender's do) and aiohttp 0,2-0,3 ms, and the bot's throughput at saturation
rose with it (BENCHMARKS.md). The semantics are PTB's: the same time-outs, a ``TimedOut`` when
one runs out, a ``NetworkError`` for any other failure to get an answer, and the status code
and body of every answer handed to PTB, which turns them into its errors.
"""

from __future__ import annotations

import contextlib
import functools
import ssl
from typing import Any

import aiohttp
import certifi
from aiohttp.helpers import get_env_proxy_for_url
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData
from yarl import URL

# How PTB marks a time-out not given (its DefaultValue, not exported).
_NOT_GIVEN = type(BaseRequest.DEFAULT_NONE)


@functools.cache
def _tls() -> ssl.SSLContext:
    # Reading the bundle costs tens of milliseconds, and a bot opens several sessions (updates,
    # replies, the outbox): one context serves them all, as contexts may be shared.
    return ssl.create_default_context(cafile=certifi.where())


class AiohttpRequest(BaseRequest):
    """A ``telegram.request.BaseRequest`` on one ``aiohttp.ClientSession``.

    The session is made in ``initialize``, inside the event loop that will use it (aiohttp
    binds a session to its loop), and made again after ``shutdown``.
    """

    def __init__(self, *, connection_pool_size: int = 256, read_timeout: float | None = 5.0,
                 write_timeout: float | None = 5.0, connect_timeout: float | None = 5.0,
                 pool_timeout: float | None = 1.0, media_write_timeout: float | None = 20.0
                 ) -> None:
        self._pool_size = connection_pool_size
        self._read_timeout = read_timeout
        self._write_timeout = write_timeout
        self._connect_timeout = connect_timeout
        self._pool_timeout = pool_timeout
        self._media_write_timeout = media_write_timeout
        self._session: aiohttp.ClientSession | None = None

    @property
    def read_timeout(self) -> float | None:
        return self._read_timeout

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            # certifi's authorities, as httpx trusts: a server without the system's CA bundle
            # still reaches api.telegram.org. No trust_env: see _proxy.
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self._pool_size, ssl=_tls()),
                headers={"User-Agent": self.USER_AGENT})

    async def shutdown(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if self._session is None or self._session.closed:
            raise RuntimeError("This AiohttpRequest is not initialized!")
        files = request_data.multipart_data if request_data is not None else {}
        fields = request_data.json_parameters if request_data is not None else {}
        timeout = self._timeout(read_timeout, write_timeout, connect_timeout, pool_timeout,
                                uploads=bool(files))
        proxy, proxy_auth = _proxy(*_origin(url))
        try:
            async with self._session.request(method, url, data=_body(fields, files) or None,
                                             timeout=timeout, proxy=proxy,
                                             proxy_auth=proxy_auth) as response:
                return response.status, await response.read()
        except TimeoutError as error:  # aiohttp's own time-outs are subclasses
            raise TimedOut from error
        except aiohttp.ClientError as error:
            raise NetworkError(f"aiohttp.{type(error).__name__}: {error}") from error

    def _timeout(self, read: Any, write: Any, connect: Any, pool: Any, *,
                 uploads: bool) -> aiohttp.ClientTimeout:
        read = self._read_timeout if isinstance(read, _NOT_GIVEN) else read
        connect = self._connect_timeout if isinstance(connect, _NOT_GIVEN) else connect
        pool = self._pool_timeout if isinstance(pool, _NOT_GIVEN) else pool
        if isinstance(write, _NOT_GIVEN):
            write = self._media_write_timeout if uploads else self._write_timeout
        # aiohttp has no time-out for sending the request alone: writing and reading
        # together get both allowances (None if either is unlimited).
        exchange = None if read is None or write is None else read + write
        waiting = None if connect is None or pool is None else connect + pool
        return aiohttp.ClientTimeout(total=None, connect=waiting, sock_connect=connect,
                                     sock_read=read if not uploads else exchange)


def _origin(url: str) -> tuple[str, str]:
    scheme, _, rest = url.partition("://")
    return scheme, rest.split("/", 1)[0]


@functools.lru_cache(maxsize=64)
def _proxy(scheme: str, authority: str) -> tuple[URL | None, aiohttp.BasicAuth | None]:
    """The proxy an HTTPS_PROXY or NO_PROXY set for the server names for this origin, as httpx
    would use it. aiohttp's ``trust_env`` looks it up, and reads ~/.netrc in a worker thread,
    on every request (2 % of the bot's time under load); the environment is the process's,
    read once per origin."""
    with contextlib.suppress(LookupError):
        return get_env_proxy_for_url(URL(f"{scheme}://{authority}/"))
    return None, None


def _body(fields: dict[str, str], files: dict[str, Any]) -> dict[str, str] | aiohttp.FormData:
    """The form PTB's HTTPXRequest would post: url-encoded, or multipart when files go too."""
    if not files:
        return fields
    # Names as typed (UTF-8), as httpx sends them; quoted, Telegram would keep the %20s.
    form = aiohttp.FormData(quote_fields=False)
    for name, value in fields.items():
        form.add_field(name, value)
    for name, (file_name, content, mime) in files.items():
        form.add_field(name, content, filename=file_name or name, content_type=mime)
    return form
