"""Records of what happened in the stand-in: bot messages, edits, button presses, calls."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Literal

from standin.files import StoredFile

Markup = dict[str, Any]


class ApiError(Exception):
    """A Bot API error answer (``ok: false``) with Telegram's code and description."""

    def __init__(
        self, error_code: int, description: str, parameters: dict[str, Any] | None = None
    ) -> None:
        """Error with Telegram's code, description and optional response parameters."""
        super().__init__(f"{error_code}: {description}")
        self.error_code = error_code
        self.description = description
        self.parameters = parameters

    def payload(self) -> dict[str, Any]:
        """The JSON body Telegram sends for this error."""
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.error_code,
            "description": self.description,
        }
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def bad_request(detail: str) -> ApiError:
    """A 400 error with Telegram's ``Bad Request:`` prefix."""
    prefix = "" if detail.startswith("Bad Request:") else "Bad Request: "
    return ApiError(400, prefix + detail)


class ButtonNotFound(LookupError):
    """A simulated user tried to press a button that is not (or no longer) on screen."""


def inline_rows(markup: Markup | None) -> list[list[dict[str, Any]]]:
    """Rows of inline buttons of a markup, or no rows."""
    if not markup:
        return []
    return [list(row) for row in markup.get("inline_keyboard", [])]


def keyboard_labels(markup: Markup | None) -> list[str]:
    """Flat labels of a reply keyboard, or an empty list."""
    if not markup:
        return []
    return [button["text"] for row in markup.get("keyboard", []) for button in row]


@dataclass(frozen=True)
class MessageEdit:
    """One edit of a bot message: the state before and right after it."""

    seq: int
    method: str
    text: str | None
    caption: str | None
    reply_markup: Markup | None
    at: float
    previous_text: str | None = None
    previous_caption: str | None = None
    previous_reply_markup: Markup | None = None


@dataclass(eq=False)
class SentMessage:
    """A message the bot sent to a simulated user's chat, kept up to date with edits."""

    message_id: int
    chat_id: int
    date: int
    seq: int
    text: str | None = None
    caption: str | None = None
    entities: list[dict[str, Any]] = field(default_factory=list)
    source_text: str | None = None
    parse_mode: str | None = None
    reply_markup: Markup | None = None
    document: StoredFile | None = None
    photo: StoredFile | None = None
    reply_to_message_id: int | None = None
    edit_date: int | None = None
    deleted: bool = False
    edits: list[MessageEdit] = field(default_factory=list)
    sent_at: float = field(default_factory=time.time)
    sender: dict[str, Any] = field(default_factory=dict, repr=False)
    chat: dict[str, Any] = field(default_factory=dict, repr=False)
    reply_to: dict[str, Any] | None = field(default=None, repr=False)

    @property
    def content(self) -> str:
        """Text of a text message or caption of a media message ('' if none)."""
        if self.text is not None:
            return self.text
        return self.caption or ""

    @property
    def first_content(self) -> str:
        """``content`` as the message was sent, before any edit changed it."""
        if self.edits:
            first = self.edits[0]
            if first.previous_text is not None:
                return first.previous_text
            return first.previous_caption or ""
        return self.content

    @property
    def file(self) -> StoredFile | None:
        """The attached document or photo."""
        return self.document or self.photo

    @property
    def file_bytes(self) -> bytes | None:
        """Bytes of the attached document or photo."""
        return self.file.data if self.file else None

    @property
    def file_name(self) -> str | None:
        """File name of the attached document."""
        return self.document.file_name if self.document else None

    @property
    def buttons(self) -> list[list[tuple[str, str | None]]]:
        """Inline keyboard as rows of (visible text, callback_data or None)."""
        return [
            [(b["text"], b.get("callback_data")) for b in row]
            for row in inline_rows(self.reply_markup)
        ]

    @property
    def button_labels(self) -> list[str]:
        """Visible texts of all inline buttons, row by row."""
        return [label for row in self.buttons for label, _ in row]

    @property
    def keyboard(self) -> list[str]:
        """Labels of a reply keyboard sent with this message."""
        return keyboard_labels(self.reply_markup)

    def find_button(self, button: str, partial: bool = True) -> dict[str, Any] | None:
        """Button by exact text, then exact callback_data, then unique text substring."""
        flat = [b for row in inline_rows(self.reply_markup) for b in row]
        for key in ("text", "callback_data"):
            for candidate in flat:
                if candidate.get(key) == button:
                    return candidate
        if not partial:
            return None
        partial = [b for b in flat if button in b["text"]]
        if len(partial) > 1:
            labels = ", ".join(repr(b["text"]) for b in partial)
            raise ButtonNotFound(
                f"button {button!r} is ambiguous on message #{self.message_id}: {labels}"
            )
        return partial[0] if partial else None

    def to_api(self) -> dict[str, Any]:
        """The Bot API ``Message`` object as Telegram would return it now."""
        message: dict[str, Any] = {
            "message_id": self.message_id,
            "from": self.sender,
            "chat": self.chat,
            "date": self.date,
        }
        if self.edit_date is not None:
            message["edit_date"] = self.edit_date
        if self.reply_to is not None:
            message["reply_to_message"] = self.reply_to
        if self.text is not None:
            message["text"] = self.text
            if self.entities:
                message["entities"] = self.entities
        if self.document is not None:
            message["document"] = self.document.as_document()
        if self.photo is not None:
            message["photo"] = self.photo.as_photo()
        if self.caption is not None:
            message["caption"] = self.caption
            if self.entities:
                message["caption_entities"] = self.entities
        # Only inline keyboards belong to a message; reply keyboards are chat state.
        if self.reply_markup and "inline_keyboard" in self.reply_markup:
            message["reply_markup"] = self.reply_markup
        return message


@dataclass(eq=False)
class CallbackQueryRecord:
    """A button press by a simulated user and the bot's answer to it."""

    query_id: str
    chat_id: int
    message_id: int
    data: str
    label: str | None
    seq: int
    answered: bool = False
    answer_text: str | None = None
    show_alert: bool = False
    answer_url: str | None = None
    answered_at: float | None = None


TranscriptKind = Literal[
    "text", "document", "photo", "press", "message", "edit", "delete", "answer"
]


@dataclass(frozen=True)
class TranscriptEvent:
    """One visible step of a conversation, in either direction."""

    seq: int
    at: float
    to_bot: bool
    kind: TranscriptKind
    chat_id: int
    user_label: str
    text: str | None = None
    buttons: tuple[str, ...] = ()
    keyboard: tuple[str, ...] | None = None
    file_name: str | None = None
    button_label: str | None = None
    message_id: int | None = None
    show_alert: bool = False
    buttons_removed: bool = False

    def format(self) -> str:
        """A readable one-event line such as ``[Sekretaris] → bot: /tugas``."""
        who = f"[{self.user_label}]"
        body = _event_body(self)
        if self.to_bot:
            line = f"{who} → bot: {body}"
        elif self.kind == "edit":
            line = f"bot ✎ {who} #{self.message_id}: {body}"
        elif self.kind == "delete":
            line = f"bot ✗ {who} #{self.message_id}: {body}"
        else:
            line = f"bot → {who}: {body}"
        # Continuation lines are indented so multi-line messages stay readable in a log.
        return line.replace("\n", "\n    ")


def _event_body(event: TranscriptEvent) -> str:
    """The part of a transcript line after the arrow."""
    text = event.text or ""
    parts: list[str] = []
    if event.kind == "press":
        return f"[tekan: {event.button_label or event.text}]"
    if event.kind == "answer":
        return f"({'peringatan' if event.show_alert else 'notifikasi'}) {text}"
    if event.kind == "delete":
        return f"(pesan dihapus) {text}".rstrip()
    if event.kind == "document":
        parts.append(f"📎 {event.file_name or 'dokumen'}" + (f" — {text}" if text else ""))
    elif event.kind == "photo":
        parts.append("🖼 foto" + (f" — {text}" if text else ""))
    else:
        parts.append(text)
    if event.buttons:
        parts.append(f"[tombol: {' | '.join(event.buttons)}]")
    elif event.buttons_removed:
        parts.append("[tombol dihapus]")
    if event.keyboard:
        parts.append(f"[keyboard: {' | '.join(event.keyboard)}]")
    elif event.keyboard is not None:
        parts.append("[keyboard dihapus]")
    # Keyboards of multi-line messages go on their own line so the text stays readable.
    separator = "\n" if "\n" in text else " "
    head, *tail = [part for part in parts if part] or [""]
    return separator.join([head, " ".join(tail)]) if tail else head


@dataclass(frozen=True)
class ApiCall:
    """One HTTP call of the bot to the stand-in, for assertions and debugging."""

    method: str
    params: dict[str, Any]
    status: int
    description: str | None
    at: float
