"""Validate and normalise reply_markup the way Telegram does."""

from __future__ import annotations

from typing import Any

from standin.models import Markup, bad_request

_BUTTON_ACTIONS = (
    "callback_data",
    "url",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "callback_game",
    "pay",
    "web_app",
    "copy_text",
)
_URL_SCHEMES = ("http://", "https://", "tg://")
MAX_INLINE_BUTTONS = 100  # Telegram refuses a larger inline keyboard
_BUTTON_PREFIX = "can't parse inline keyboard button: "


def _check_inline_button(button: Any) -> dict[str, Any]:
    """One inline button, rejected with Telegram's wording if invalid."""
    if not isinstance(button, dict):
        raise bad_request(_BUTTON_PREFIX + "InlineKeyboardButton must be an Object")
    if not isinstance(button.get("text"), str):
        raise bad_request(_BUTTON_PREFIX + 'Field "text" must be of type String')
    if not any(action in button for action in _BUTTON_ACTIONS):
        raise bad_request(_BUTTON_PREFIX + "Text buttons are unallowed in the inline keyboard")
    if "callback_data" in button:
        data = button["callback_data"]
        if not isinstance(data, str) or not 1 <= len(data.encode("utf-8")) <= 64:
            raise bad_request("BUTTON_DATA_INVALID")
    if "url" in button:
        url = str(button["url"])
        if not url.startswith(_URL_SCHEMES):
            raise bad_request(f"inline keyboard button URL '{url}' is invalid: Wrong HTTP URL")
    return dict(button)


def _rows(markup: dict[str, Any], key: str) -> list[list[Any]]:
    """The rows of a keyboard field, which must be an array of arrays."""
    rows = markup.get(key)
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request(f'Field "{key}" must be an Array of Arrays')
    return rows


def normalize_markup(raw: Any) -> Markup | None:
    """Checked copy of any reply_markup; reply keyboard buttons become objects."""
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" in raw:
        rows = _rows(raw, "inline_keyboard")
        checked = [[_check_inline_button(b) for b in row] for row in rows]
        if sum(len(row) for row in checked) > MAX_INLINE_BUTTONS:
            raise bad_request("reply markup is too long")
        # An empty inline keyboard shows nothing; Telegram drops it (that is how edits remove).
        return {"inline_keyboard": checked} if any(checked) else None
    if "keyboard" in raw:
        rows = _rows(raw, "keyboard")
        buttons = [[{"text": b} if isinstance(b, str) else dict(b) for b in row] for row in rows]
        if any(
            not isinstance(b.get("text"), str) or not b["text"] for row in buttons for b in row
        ):
            raise bad_request('can\'t parse keyboard button: Field "text" must be of type String')
        return {**raw, "keyboard": buttons}
    if raw.get("remove_keyboard") or raw.get("force_reply"):
        return dict(raw)
    raise bad_request("can't parse reply keyboard markup JSON object")


def inline_only(raw: Any) -> Markup | None:
    """The inline keyboard part of a markup (edits only take inline keyboards)."""
    markup = normalize_markup(raw)
    if markup is None or "inline_keyboard" not in markup:
        return None
    return markup
