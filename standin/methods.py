"""Bot API methods implemented by the stand-in, each ``(state, params) -> result``."""

from __future__ import annotations

import contextlib
import json
import re
import time
from collections.abc import Awaitable, Callable
from typing import Any

from standin.files import DOWNLOAD_LIMIT, FileKind, StoredFile, image_size
from standin.formatting import EntityParseError, render, utf16_len
from standin.markup import inline_only, normalize_markup
from standin.models import (
    ApiError,
    MessageEdit,
    SentMessage,
    TranscriptEvent,
    bad_request,
    inline_rows,
    keyboard_labels,
)
from standin.params import Params, UploadedPart
from standin.state import ApiState
from standin.webhook import Webhook

Method = Callable[[ApiState, Params], Awaitable[Any]]

MAX_TEXT = 4096
MAX_CAPTION = 1024
NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly the "
    "same as a current content and reply markup of the message"
)
WEBHOOK_ACTIVE = ("Conflict: can't use getUpdates method while webhook is active; use "
                  "deleteWebhook to delete the webhook first")
CONFLICT = (
    "Conflict: terminated by other getUpdates request; make sure that only one bot instance "
    "is running"
)
QUERY_INVALID = "query is too old and response timeout expired or query ID is invalid"
CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
_COMMAND_RE = re.compile(r"^[a-z0-9_]{1,32}$")


def _render(source: str, parse_mode: str | None, entities: Any) -> tuple[str, list[Any]]:
    """Render formatted text, turning parse problems into Telegram's 400 errors."""
    try:
        return render(source, parse_mode, entities if isinstance(entities, list) else None)
    except EntityParseError as exc:
        raise bad_request(str(exc)) from None
    except ValueError:
        raise bad_request("unsupported parse_mode") from None


def _message_text(p: Params) -> tuple[str, list[Any], str]:
    """Validated text of sendMessage/editMessageText: (plain text, entities, source)."""
    source = p.get_str("text")
    if not source:
        raise bad_request("message text is empty")
    text, entities = _render(source, p.get_str("parse_mode"), p.get_json("entities"))
    if not text:
        raise bad_request("message text is empty")
    if utf16_len(text) > MAX_TEXT:
        raise bad_request("message is too long")
    return text, entities, source


def _caption(p: Params) -> tuple[str | None, list[Any]]:
    """Validated optional caption and its entities."""
    source = p.get_str("caption")
    if not source:
        return None, []
    text, entities = _render(source, p.get_str("parse_mode"), p.get_json("caption_entities"))
    if utf16_len(text) > MAX_CAPTION:
        raise bad_request("message caption is too long")
    return text or None, entities


def _reply_target(state: ApiState, chat_id: int, p: Params) -> dict[str, Any] | None:
    """The message being replied to (reply_parameters or legacy reply_to_message_id)."""
    reply = p.get_json("reply_parameters")
    message_id = p.get_int("reply_to_message_id")
    allow_missing = p.get_bool("allow_sending_without_reply")
    if isinstance(reply, dict):
        message_id = reply.get("message_id")
        allow_missing = allow_missing or bool(reply.get("allow_sending_without_reply"))
    if message_id is None:
        return None
    if (chat_id, int(message_id)) in state.user_messages:
        return state.user_messages[(chat_id, int(message_id))]
    bot_message = state.find_message(chat_id, int(message_id))
    if bot_message is not None and not bot_message.deleted:
        return bot_message.to_api()
    if allow_missing:
        return None
    raise bad_request("message to be replied not found")


def _deliver(state: ApiState, p: Params, content: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """Create a bot message in the target chat, record it and return its API form."""
    # ``content`` runs only after every check passed, so failed sends store no files.
    user = state.user_for_chat(p.require("chat_id"))
    markup = normalize_markup(p.get_json("reply_markup"))
    state.ensure_reachable(user)
    reply_to = _reply_target(state, user.id, p)
    fields = content()
    message = SentMessage(
        message_id=state.next_message_id(user.id),
        chat_id=user.id,
        date=int(time.time()),
        seq=state.next_seq(),
        parse_mode=p.get_str("parse_mode"),
        reply_markup=markup,
        reply_to_message_id=reply_to["message_id"] if reply_to else None,
        sender=state.message_sender(),
        chat=state.chat_dict(user),
        reply_to=reply_to,
        **fields,
    )
    state.chat_messages(user.id).append(message)
    keyboard: tuple[str, ...] | None = None
    if markup and "keyboard" in markup:
        user.reply_keyboard = markup
        keyboard = tuple(keyboard_labels(markup))
    elif markup and markup.get("remove_keyboard"):
        user.reply_keyboard = None
        keyboard = ()
    kind = "document" if message.document else "photo" if message.photo else "message"
    state.record(
        TranscriptEvent(
            seq=message.seq,
            at=message.sent_at,
            to_bot=False,
            kind=kind,
            chat_id=user.id,
            user_label=user.label,
            text=message.content,
            file_name=message.file_name,
            buttons=tuple(message.button_labels),
            keyboard=keyboard,
            message_id=message.message_id,
        )
    )
    return message.to_api()


async def send_message(state: ApiState, p: Params) -> Any:
    """sendMessage."""
    state.user_for_chat(p.require("chat_id"))
    text, entities, source = _message_text(p)
    return _deliver(state, p, lambda: {"text": text, "entities": entities, "source_text": source})


def _stored_input(state: ApiState, p: Params, field: str, kind: FileKind) -> StoredFile:
    """The file of sendDocument/sendPhoto: a fresh upload or a known file_id."""
    source = p.input_file(field)
    if source is None or source == "":
        raise bad_request(f"there is no {field} in the request")
    if isinstance(source, UploadedPart):
        if not source.data:
            raise bad_request("file must be non-empty")
        if kind == "photo" and image_size(source.data) is None:
            raise bad_request("IMAGE_PROCESS_FAILED")
        return state.files.add(source.data, kind, source.filename, source.content_type)
    if source.startswith(("http://", "https://")):
        # The stand-in is offline on purpose; Telegram would fetch the URL itself.
        raise bad_request("failed to get HTTP URL content")
    stored = state.files.get(source)
    if stored is None:
        raise bad_request("wrong file identifier/HTTP URL specified")
    if stored.kind != kind:
        raise bad_request("type of file mismatch")
    return stored


async def send_document(state: ApiState, p: Params) -> Any:
    """sendDocument."""
    state.user_for_chat(p.require("chat_id"))
    caption, entities = _caption(p)
    source = p.get_str("caption")
    return _deliver(
        state,
        p,
        lambda: {
            "document": _stored_input(state, p, "document", "document"),
            "caption": caption,
            "entities": entities,
            "source_text": source,
        },
    )


async def send_photo(state: ApiState, p: Params) -> Any:
    """sendPhoto."""
    state.user_for_chat(p.require("chat_id"))
    caption, entities = _caption(p)
    source = p.get_str("caption")
    return _deliver(
        state,
        p,
        lambda: {
            "photo": _stored_input(state, p, "photo", "photo"),
            "caption": caption,
            "entities": entities,
            "source_text": source,
        },
    )


def _edit_target(state: ApiState, p: Params) -> SentMessage:
    """The bot message an edit method refers to."""
    if p.get("inline_message_id"):
        raise bad_request("MESSAGE_ID_INVALID")
    user = state.user_for_chat(p.require("chat_id"))
    state.ensure_reachable(user)
    message_id = p.require_int("message_id")
    message = state.find_message(user.id, message_id)
    if message is None or message.deleted:
        if (user.id, message_id) in state.user_messages:
            raise bad_request("message can't be edited")
        raise bad_request("message to edit not found")
    return message


def _edit(
    state: ApiState,
    message: SentMessage,
    method: str,
    markup: dict[str, Any] | None,
    *,
    text: str | None = None,
    caption: str | None = None,
    entities: list[Any] | None = None,
    source: str | None = None,
    parse_mode: str | None = None,
) -> dict[str, Any]:
    """Store the new state of an edited message, keep the old one, add it to the transcript."""
    previous = (message.text, message.caption, message.reply_markup)
    had_buttons = bool(inline_rows(message.reply_markup))
    content_changed = text is not None or method == "editMessageCaption"
    if text is not None:
        message.text = text
    if method == "editMessageCaption":
        message.caption = caption
    if content_changed:
        message.entities = entities or []
        message.source_text, message.parse_mode = source, parse_mode
    message.reply_markup = markup
    message.edit_date = int(time.time())
    edit = MessageEdit(
        seq=state.next_seq(),
        method=method,
        text=message.text,
        caption=message.caption,
        reply_markup=markup,
        at=time.time(),
        previous_text=previous[0],
        previous_caption=previous[1],
        previous_reply_markup=previous[2],
    )
    message.edits.append(edit)
    labels = tuple(message.button_labels)
    state.record(
        TranscriptEvent(
            seq=edit.seq,
            at=edit.at,
            to_bot=False,
            kind="edit",
            chat_id=message.chat_id,
            user_label=state.label_of(message.chat_id),
            text=message.content if content_changed else None,
            buttons=labels,
            buttons_removed=had_buttons and not labels,
            message_id=message.message_id,
        )
    )
    return message.to_api()


async def edit_message_text(state: ApiState, p: Params) -> Any:
    """editMessageText; omitting reply_markup removes the inline keyboard, as in Telegram."""
    message = _edit_target(state, p)
    if message.text is None:
        raise bad_request("there is no text in the message to edit")
    text, entities, source = _message_text(p)
    markup = inline_only(p.get_json("reply_markup"))
    if (
        text == message.text
        and entities == message.entities
        and markup == inline_only(message.reply_markup)
    ):
        raise bad_request(NOT_MODIFIED)
    return _edit(
        state,
        message,
        "editMessageText",
        markup,
        text=text,
        entities=entities,
        source=source,
        parse_mode=p.get_str("parse_mode"),
    )


async def edit_message_caption(state: ApiState, p: Params) -> Any:
    """editMessageCaption."""
    message = _edit_target(state, p)
    if message.file is None:
        raise bad_request("there is no caption in the message to edit")
    caption, entities = _caption(p)
    markup = inline_only(p.get_json("reply_markup"))
    if (
        caption == message.caption
        and entities == message.entities
        and markup == inline_only(message.reply_markup)
    ):
        raise bad_request(NOT_MODIFIED)
    return _edit(
        state,
        message,
        "editMessageCaption",
        markup,
        caption=caption,
        entities=entities,
        source=p.get_str("caption"),
        parse_mode=p.get_str("parse_mode"),
    )


async def edit_message_reply_markup(state: ApiState, p: Params) -> Any:
    """editMessageReplyMarkup; no reply_markup means removing the keyboard."""
    message = _edit_target(state, p)
    markup = inline_only(p.get_json("reply_markup"))
    if markup == inline_only(message.reply_markup):
        raise bad_request(NOT_MODIFIED)
    return _edit(state, message, "editMessageReplyMarkup", markup)


async def delete_message(state: ApiState, p: Params) -> Any:
    """deleteMessage for bot messages and the users' own messages."""
    user = state.user_for_chat(p.require("chat_id"))
    message_id = p.require_int("message_id")
    if state.user_messages.pop((user.id, message_id), None) is not None:
        return True
    message = state.find_message(user.id, message_id)
    if message is None or message.deleted:
        raise bad_request("message to delete not found")
    message.deleted = True
    preview = message.content if len(message.content) <= 60 else message.content[:57] + "..."
    state.record(
        TranscriptEvent(
            seq=state.next_seq(),
            at=time.time(),
            to_bot=False,
            kind="delete",
            chat_id=user.id,
            user_label=user.label,
            text=preview,
            message_id=message_id,
        )
    )
    return True


async def answer_callback_query(state: ApiState, p: Params) -> Any:
    """answerCallbackQuery: each query can be answered once."""
    query_id = p.get_str("callback_query_id") or ""
    record = state.callback_queries.get(query_id)
    if record is None or record.answered:
        raise bad_request(QUERY_INVALID)
    text = p.get_str("text")
    if text is not None and len(text) > 200:
        raise bad_request("MESSAGE_TOO_LONG")
    record.answered = True
    record.answer_text = text
    record.show_alert = p.get_bool("show_alert")
    record.answer_url = p.get_str("url")
    record.answered_at = time.time()
    if text:
        state.record(
            TranscriptEvent(
                seq=state.next_seq(),
                at=record.answered_at,
                to_bot=False,
                kind="answer",
                chat_id=record.chat_id,
                user_label=state.label_of(record.chat_id),
                text=text,
                show_alert=record.show_alert,
                message_id=record.message_id,
            )
        )
    else:
        state.notify()
    return True


async def send_chat_action(state: ApiState, p: Params) -> Any:
    """sendChatAction (not shown in the transcript; a user only sees a passing status)."""
    user = state.user_for_chat(p.require("chat_id"))
    if p.get_str("action") not in CHAT_ACTIONS:
        raise bad_request("wrong parameter action in request")
    state.ensure_reachable(user)
    return True


async def get_file(state: ApiState, p: Params) -> Any:
    """getFile: metadata with a path for the download route."""
    stored = state.files.get(p.get_str("file_id") or "")
    if stored is None:
        raise bad_request("invalid file_id")
    if stored.file_size > DOWNLOAD_LIMIT:
        raise bad_request("file is too big")
    return stored.as_file()


async def get_updates(state: ApiState, p: Params) -> Any:
    """getUpdates with real long polling; a newer call ends an older one with 409."""
    if state.webhook is not None:
        raise ApiError(409, WEBHOOK_ACTIVE)
    offset = p.get_int("offset", 0) or 0
    limit = min(max(p.get_int("limit", 100) or 100, 1), 100)
    timeout = max(p.get_float("timeout", 0.0), 0.0)
    state.confirm_updates(offset)
    state.poll_generation += 1
    generation = state.poll_generation
    state.notify()

    def ready() -> bool:
        """Stop waiting: updates, a newer poller, or shutdown."""
        return state.closing or generation != state.poll_generation or bool(state.updates)

    if timeout > 0:
        with contextlib.suppress(TimeoutError):
            await state.wait_until(ready, timeout)
    if generation != state.poll_generation and not state.closing:
        raise ApiError(409, CONFLICT)
    batch = state.updates[:limit]
    if batch:
        state.last_delivered_update_id = max(
            state.last_delivered_update_id, batch[-1]["update_id"]
        )
        state.touch()
    return batch


def _scope_key(p: Params) -> str:
    """Commands are stored per scope and language, as Telegram does."""
    scope = p.get_json("scope") or {"type": "default"}
    return json.dumps(scope, sort_keys=True) + "|" + (p.get_str("language_code") or "")


async def set_my_commands(state: ApiState, p: Params) -> Any:
    """setMyCommands with Telegram's validation of names and descriptions."""
    commands = p.get_json("commands")
    if not isinstance(commands, list) or len(commands) > 100:
        raise bad_request("can't parse commands JSON object")
    cleaned: list[dict[str, Any]] = []
    for command in commands:
        if not isinstance(command, dict):
            raise bad_request("can't parse BotCommand JSON object")
        name = str(command.get("command", ""))
        description = str(command.get("description", ""))
        if not _COMMAND_RE.match(name):
            raise bad_request("BOT_COMMAND_INVALID")
        if not 1 <= len(description) <= 256:
            raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        cleaned.append({"command": name, "description": description})
    state.commands[_scope_key(p)] = cleaned
    return True


async def get_my_commands(state: ApiState, p: Params) -> Any:
    """getMyCommands."""
    return state.commands.get(_scope_key(p), [])


async def delete_my_commands(state: ApiState, p: Params) -> Any:
    """deleteMyCommands."""
    state.commands.pop(_scope_key(p), None)
    return True


async def get_me(state: ApiState, p: Params) -> Any:
    """getMe."""
    return {
        **state.bot_user,
        "can_join_groups": True,
        "can_read_all_group_messages": False,
        "supports_inline_queries": False,
        "can_connect_to_business": False,
        "has_main_web_app": False,
    }


async def get_chat(state: ApiState, p: Params) -> Any:
    """getChat for a simulated user's private chat."""
    user = state.user_for_chat(p.require("chat_id"))
    return {
        **state.chat_dict(user),
        "accent_color_id": 0,
        "max_reaction_count": 11,
        "accepted_gift_types": {
            "unlimited_gifts": False,
            "limited_gifts": False,
            "unique_gifts": False,
            "premium_subscription": False,
            "gifts_from_channels": False,
        },
    }


async def delete_webhook(state: ApiState, p: Params) -> Any:
    """deleteWebhook (polling bots call it first); may drop pending updates."""
    return await _replace_webhook(state, p, None)


async def set_webhook(state: ApiState, p: Params) -> Any:
    """setWebhook: updates are pushed to ``url`` from now on (an empty URL removes it). As a
    self-hosted Bot API server does, plain http and any port are accepted."""
    url = p.get_str("url") or ""
    return await _replace_webhook(state, p, Webhook(state, url, p.get_str("secret_token"))
                                  if url else None)


async def _replace_webhook(state: ApiState, p: Params, webhook: Webhook | None) -> bool:
    old, state.webhook = state.webhook, webhook
    if old is not None:
        await old.close()
    if p.get_bool("drop_pending_updates"):
        state.updates.clear()
        state.last_delivered_update_id = state.last_update_id
    state.notify()
    return True


async def get_webhook_info(state: ApiState, p: Params) -> Any:
    """getWebhookInfo: the URL, what waits, and the last failed delivery."""
    info: dict[str, Any] = {"url": "", "has_custom_certificate": False,
                            "pending_update_count": len(state.updates)}
    webhook = state.webhook
    if webhook is not None:
        info["url"] = webhook.url
        if webhook.last_error is not None:
            info["last_error_message"] = webhook.last_error
            info["last_error_date"] = webhook.last_error_date
    return info


async def accept(state: ApiState, p: Params) -> Any:
    """Methods with no observable effect here (close, logOut, descriptions, menu button)."""
    return True


METHODS: dict[str, Method] = {
    name.lower(): method
    for name, method in {
        "getMe": get_me,
        "getUpdates": get_updates,
        "deleteWebhook": delete_webhook,
        "setWebhook": set_webhook,
        "getWebhookInfo": get_webhook_info,
        "setMyCommands": set_my_commands,
        "getMyCommands": get_my_commands,
        "deleteMyCommands": delete_my_commands,
        "sendMessage": send_message,
        "editMessageText": edit_message_text,
        "editMessageCaption": edit_message_caption,
        "editMessageReplyMarkup": edit_message_reply_markup,
        "deleteMessage": delete_message,
        "answerCallbackQuery": answer_callback_query,
        "sendDocument": send_document,
        "sendPhoto": send_photo,
        "sendChatAction": send_chat_action,
        "getFile": get_file,
        "getChat": get_chat,
        "close": accept,
        "logOut": accept,
        "setMyDescription": accept,
        "setMyShortDescription": accept,
        "setMyName": accept,
        "setChatMenuButton": accept,
    }.items()
}
