"""Seeded fault injection: the flaky network and API a bot meets in production, reproducibly."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from standin.methods import METHODS


class FaultKind(StrEnum):
    """What goes wrong with one call; ``OUTAGE`` marks answers given during an outage."""

    TOO_MANY_REQUESTS = "too_many_requests"
    SERVER_ERROR = "server_error"
    HANG_BEFORE = "hang_before"
    HANG_AFTER = "hang_after"
    MALFORMED = "malformed"
    DROPPED = "dropped"
    OUTAGE = "outage"


#: Kinds a plan can draw per call (an outage is a period, not a per-call draw).
CALL_FAULT_KINDS: tuple[FaultKind, ...] = tuple(k for k in FaultKind if k is not FaultKind.OUTAGE)

#: Methods a plan leaves alone unless named: startup and polling must work for a run to start,
#: and their failures are not what fault runs are meant to exercise.
EXEMPT_METHODS = frozenset(
    {"getupdates", "getfile", "getme", "setmycommands", "deletewebhook", "getwebhookinfo",
     "setwebhook"}
)

#: A 200 answer cut off mid-object, as a proxy dying mid-response leaves it.
MALFORMED_BODY = b'{"ok":true,"result":{"message_id":'


@dataclass
class FaultPlan:
    """Which calls fail and how; the same seed and call sequence give the same faults."""

    seed: int = 0
    share: float = 0.1
    kinds: Collection[FaultKind | str] = CALL_FAULT_KINDS
    hang_seconds: float = 6.0
    retry_after: int = 1
    methods: Collection[str] | None = None
    outage_after: float | None = None
    outage_seconds: float = 0.0

    def __post_init__(self) -> None:
        """Reject settings that would silently inject nothing or the wrong thing."""
        if not 0.0 <= self.share <= 1.0:
            raise ValueError(f"share must be within 0..1, got {self.share}")
        if self.hang_seconds < 0 or self.outage_seconds < 0:
            raise ValueError("hang_seconds and outage_seconds must not be negative")
        if self.retry_after < 1:
            raise ValueError("retry_after must be at least 1, as Telegram's always is")
        if self.outage_after is not None and self.outage_after < 0:
            raise ValueError("outage_after must not be negative")
        wanted = {FaultKind(kind) for kind in self.kinds}
        if not wanted:
            raise ValueError("kinds must name at least one fault kind")
        if FaultKind.OUTAGE in wanted:
            raise ValueError("an outage is scheduled with outage_after, not drawn per call")
        # Enum order, not the caller's (a set's order varies between runs).
        self.kinds = tuple(kind for kind in CALL_FAULT_KINDS if kind in wanted)
        if self.methods is not None:
            names = frozenset(name.lower() for name in self.methods)
            unknown = sorted(names - METHODS.keys())
            if unknown:
                raise ValueError(f"unknown Bot API method(s): {', '.join(unknown)}")
            self.methods = names

    @property
    def eligible_methods(self) -> frozenset[str]:
        """Lower-case names of the methods that may get a fault."""
        if self.methods is None:
            return frozenset(METHODS.keys() - EXEMPT_METHODS)
        return frozenset(self.methods)

    @property
    def fault_kinds(self) -> tuple[FaultKind, ...]:
        """The kinds drawn from, in a fixed order."""
        return tuple(FaultKind(kind) for kind in self.kinds)


class FaultInjector:
    """One installed plan's random sequence; installing a plan again restarts it."""

    def __init__(self, plan: FaultPlan, now: float) -> None:
        """Seed the generator and place the plan's outage relative to ``now`` (monotonic)."""
        self.plan = plan
        self._rng = random.Random(plan.seed)
        self._methods = plan.eligible_methods
        self._kinds = plan.fault_kinds
        self.outage: tuple[float, float] | None = None
        if plan.outage_after is not None and plan.outage_seconds > 0:
            start = now + plan.outage_after
            self.outage = (start, start + plan.outage_seconds)

    def draw(self, method: str) -> FaultKind | None:
        """The fault for this call of ``method`` (lower-case), or None to run it normally."""
        if method not in self._methods:
            return None
        # Both numbers are drawn every time, so a larger share only adds faults: the calls
        # faulted at share 0.1 are faulted, with the same kinds, at share 0.2 too.
        roll = self._rng.random()
        kind = self._rng.choice(self._kinds)
        return kind if roll < self.plan.share else None

    def outage_active(self, now: float) -> bool:
        """Whether the plan's scheduled outage covers ``now``."""
        return self.outage is not None and self.outage[0] <= now < self.outage[1]


@dataclass(frozen=True)
class FaultRecord:
    """One injected fault; ``accepted`` means the method ran although the bot never heard."""

    method: str
    kind: FaultKind
    chat_id: int | str | None
    accepted: bool
    at: float


@dataclass(frozen=True)
class FaultSummary:
    """Counts a test asserts on after a fault run."""

    total: int
    by_kind: Counter[FaultKind]
    accepted_by_chat: Counter[int | str | None]


def summarize_faults(records: Iterable[FaultRecord]) -> FaultSummary:
    """Counts per kind, and per chat the calls that went through but looked failed to the bot."""
    chosen = list(records)
    return FaultSummary(
        total=len(chosen),
        by_kind=Counter(record.kind for record in chosen),
        accepted_by_chat=Counter(record.chat_id for record in chosen if record.accepted),
    )


def chat_id_of(values: Mapping[str, Any]) -> int | str | None:
    """The ``chat_id`` parameter as an int where it is numeric (form posts send strings)."""
    value = values.get("chat_id")
    if value is None or value == "" or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    text = str(value)
    try:
        return int(text)
    except ValueError:
        return text


_SPEC_KEYS = {
    "seed": "seed",
    "share": "share",
    "hang": "hang_seconds",
    "hang_seconds": "hang_seconds",
    "retry_after": "retry_after",
    "kinds": "kinds",
    "methods": "methods",
    "outage_after": "outage_after",
    "outage": "outage_seconds",
    "outage_seconds": "outage_seconds",
}


def parse_fault_plan(spec: str) -> FaultPlan:
    """A plan from ``seed=7,share=0.2,hang=6[,kinds=a+b][,methods=x+y][,outage_after=..]``."""
    values: dict[str, Any] = {}
    for item in filter(None, (part.strip() for part in spec.split(","))):
        key, sep, raw = item.partition("=")
        field = _SPEC_KEYS.get(key.strip().lower())
        if not sep or field is None:
            raise ValueError(f"expected KEY=VALUE with KEY in {', '.join(_SPEC_KEYS)}: {item!r}")
        raw = raw.strip()
        if field in ("seed", "retry_after"):
            values[field] = int(raw)
        elif field in ("kinds", "methods"):
            values[field] = [name for name in raw.split("+") if name]
        else:
            values[field] = float(raw)
    return FaultPlan(**values)
