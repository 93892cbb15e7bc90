"""What the stand-in's tests share: a running stand-in, one official, an HTTP client."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from standin import BotApiStandIn, SimulatedUser


@pytest.fixture
async def api() -> AsyncIterator[BotApiStandIn]:
    """A running stand-in (without faults)."""
    async with BotApiStandIn(token="42:SECRET") as stand_in:
        yield stand_in


@pytest.fixture
def user(api: BotApiStandIn) -> SimulatedUser:
    """One simulated official."""
    return api.add_user(2001, "Rina", label="Kepala Dinas")


@pytest.fixture
async def client(api: BotApiStandIn) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client for the method URLs of the stand-in."""
    async with httpx.AsyncClient(base_url=f"{api.base_url}{api.token}/", timeout=10) as c:
        yield c
