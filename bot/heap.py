"""The garbage collector, set for a process that starts once and then handles updates for
months."""

from __future__ import annotations

import gc

# Allocations between two young collections (CPython's default is 700). An update allocates
# tens of thousands of objects, nearly all freed by reference counting the moment it ends;
# at 700 every update paid for dozens of collections that found almost nothing.
YOUNG_THRESHOLD = 50_000


def settle() -> None:
    """Freeze what starting created (modules, the handlers, the database's metadata: about
    300 000 objects that live as long as the process) and collect the young less often.

    Without it each full collection walked those objects again: under load 37 full
    collections took 4,0 s, a tenth of the bot's time, each one stopping every thread for
    about 0,1 s, the one holding SQLite's write lock included. Frozen, they are never walked;
    full collections still run at CPython's pace, so garbage in cycles is still freed."""
    gc.unfreeze()  # a second start: what the failed one left is garbage now, not frozen
    gc.collect()
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, middle, old)
