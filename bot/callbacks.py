"""Callback data for inline buttons: one encoder, one parser, one pattern builder.

Telegram allows 64 bytes of callback data, so actions are short codes followed by arguments.
"""

from __future__ import annotations

import re
from enum import StrEnum

MAX_BYTES = 64


class Action(StrEnum):
    BEGIN = "begin"
    APPROVE = "approve"
    RETURN = "return"
    YEAR = "year"
    QUARTER = "qtr"
    REUSE = "reuse"
    CONFIRM = "ok"
    CANCEL = "cancel"
    SKIP = "skip"
    DONE = "done"
    TOGGLE = "tgl"
    DATE = "date"
    SUBMIT = "submit"
    ATTACH = "attach"
    SUMMARY = "sum"
    ITEM = "item"
    NEXT = "next"
    PART_BACK = "pback"
    NUDGE = "nudge"
    ARCHIVE = "arsip"
    PICK = "pick"
    PERIOD = "period"
    REPORT = "rpt"
    TREND = "trend"
    END_ACTING = "endplh"
    REMOVE_FILE = "rmfile"
    KEEP = "keep"
    AGENCY = "dinas"
    PAGE = "page"
    CHART = "chart"


def data(action: Action, *args: object) -> str:
    """``action:arg1:arg2``; refuses anything Telegram would refuse."""
    encoded = ":".join([action.value, *(str(a) for a in args)])
    if len(encoded.encode()) > MAX_BYTES:
        raise ValueError(f"callback data too long: {encoded!r}")
    return encoded


def parse(raw: str) -> tuple[Action, list[str]]:
    action, *args = raw.split(":")
    return Action(action), args


def pattern(*actions: Action, first: tuple[str, ...] = ()) -> str:
    """A regex matching data of any of ``actions``, whose first argument is in ``first``."""
    names = "|".join(re.escape(a.value) for a in actions)
    if not first:
        return rf"^(?:{names})(?::|$)"
    args = "|".join(re.escape(f) for f in first)
    return rf"^(?:{names}):(?:{args})(?::|$)"


def button(text: str, action: Action, *args: object) -> dict[str, str]:
    """A button as plain data, storable in the outbox and renderable by the chat layer."""
    return {"text": text, "callback_data": data(action, *args)}
