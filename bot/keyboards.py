"""Inline keyboards from plain button data (see ``bot.callbacks.button``)."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot import texts
from bot.callbacks import Action, button

Rows = Sequence[Sequence[dict[str, str]]]


def inline(rows: Rows | None) -> InlineKeyboardMarkup | None:
    if not rows:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(b["text"], callback_data=b["callback_data"]) for b in row]
         for row in rows]
    )


def with_cancel(rows: Rows) -> list[list[dict[str, str]]]:
    """``rows`` plus the cancel button every multi-step prompt offers."""
    return [*[list(r) for r in rows], [button(texts.BTN_CANCEL, Action.CANCEL)]]


def columns(buttons: Sequence[dict[str, str]], width: int = 2) -> list[list[dict[str, str]]]:
    """Lay buttons out ``width`` to a row, for lists of names."""
    return [list(buttons[i:i + width]) for i in range(0, len(buttons), width)]


def checklist(items: Sequence[tuple[int, str]], chosen: set[int]) -> list[list[dict[str, str]]]:
    """A multiple choice: one toggle button per item, then ✔️ Selesai and ✖️ Batal."""
    names = [button(("☑️ " if key in chosen else "▫️ ") + name, Action.TOGGLE, key)
             for key, name in items]
    return with_cancel([*columns(names), [button(texts.BTN_DONE, Action.DONE)]])
