"""Where an update's database work runs: on the event loop, or in a worker thread.

A service marked ``database_only`` (``bot.services.context``) runs on the event loop when
``storage.db.runs_on_loop`` allows it (a SQLite file written by this process alone), and goes
to a worker thread the moment it would wait for the write lock, before writing anything;
everything else, and anything on PostgreSQL, runs in a worker thread, where it may wait.
"""

from __future__ import annotations

import asyncio
import contextvars
from collections.abc import Callable
from typing import Any, TypeVar

from storage.db import WouldWait, current_unit, on_loop, runs_on_loop

R = TypeVar("R")


async def run(fn: Callable[..., R], /, *args: Any, **kwargs: Any) -> R:
    """``fn(*args, **kwargs)``, where it costs least without making the event loop wait."""
    if getattr(fn, "database_only", False):
        return await run_database(fn, *args, **kwargs)
    return await asyncio.to_thread(fn, *args, **kwargs)


async def run_database(fn: Callable[..., R], /, *args: Any, **kwargs: Any) -> R:
    """``fn(*args, **kwargs)``, only database work of the joined unit: tried on the event loop
    when ``runs_on_loop`` allows it, in a worker thread otherwise or once it would wait."""
    if runs_on_loop(current_unit()):
        try:
            # A copy of the context, as asyncio.to_thread gives: what fn sets stays in fn.
            return contextvars.copy_context().run(_on_loop, fn, args, kwargs)
        except WouldWait:
            pass  # it wrote nothing (its savepoint rolled back what it read): again, in a thread
    return await asyncio.to_thread(fn, *args, **kwargs)


def _on_loop(fn: Callable[..., R], args: tuple[Any, ...], kwargs: dict[str, Any]) -> R:
    with on_loop():
        return fn(*args, **kwargs)
