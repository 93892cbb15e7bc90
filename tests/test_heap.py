"""The collector settings of a running bot, checked in a fresh interpreter: freezing the
test runner's own heap would keep every later test's garbage."""

from __future__ import annotations

import json
import subprocess
import sys

SCRIPT = """
import gc, json, weakref
from bot import heap

class Node:
    pass

def garbage_cycle():
    node = Node()
    node.itself = node
    return weakref.ref(node)

made_before = garbage_cycle()
held = Node()
held.itself = held
held_ref = weakref.ref(held)
heap.settle()
frozen = gc.get_freeze_count()
del held  # garbage now, but frozen by the first start
gc.collect()
kept_while_frozen = held_ref() is not None
made_after = garbage_cycle()
gc.collect()
heap.settle()  # a second start
print(json.dumps({
    "frozen": frozen, "threshold": gc.get_threshold(),
    "made_before_freed": made_before() is None, "made_after_freed": made_after() is None,
    "kept_while_frozen": kept_while_frozen, "freed_by_second_start": held_ref() is None,
}))
"""


def test_starting_freezes_what_it_made_and_garbage_cycles_are_still_freed() -> None:
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                          timeout=60, check=True)
    seen = json.loads(done.stdout)
    assert seen["frozen"] > 1000
    assert seen["threshold"][0] == 50_000
    assert seen["made_before_freed"] and seen["made_after_freed"]
    assert seen["kept_while_frozen"] and seen["freed_by_second_start"]
