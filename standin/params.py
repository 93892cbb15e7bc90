"""Read Bot API parameters from JSON, url-encoded or multipart requests, and coerce them."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from standin.models import ApiError, bad_request

# PTB sends string parameters verbatim and everything else JSON-encoded, so only these names
# must be kept as strings ("123" as text must not become the number 123).
STRING_PARAMS = frozenset(
    {
        "text",
        "caption",
        "parse_mode",
        "callback_query_id",
        "action",
        "file_id",
        "url",
        "language_code",
        "inline_message_id",
        "document",
        "photo",
        "thumbnail",
        "audio",
        "video",
        "voice",
        "animation",
        "sticker",
        "video_note",
        "business_connection_id",
        "message_effect_id",
        "description",
        "short_description",
        "name",
        "emoji",
        "secret_token",
        "ip_address",
        "title",
        "question",
        "explanation",
        "address",
        "first_name",
        "last_name",
        "phone_number",
        "vcard",
        "custom_title",
    }
)


@dataclass(frozen=True)
class UploadedPart:
    """A file uploaded in a multipart request."""

    name: str
    filename: str | None
    content_type: str | None
    data: bytes = field(repr=False)


@dataclass
class Params:
    """Decoded parameters of one call plus its uploaded files."""

    values: dict[str, Any]
    files: dict[str, UploadedPart]

    def get(self, name: str, default: Any = None) -> Any:
        """Raw value or default."""
        return self.values.get(name, default)

    def require(self, name: str) -> Any:
        """Value of a required parameter, 400 like Telegram if missing."""
        value = self.values.get(name)
        if value is None or value == "":
            raise bad_request(f"{name} is empty" if name == "text" else f"{name} is required")
        return value

    def get_int(self, name: str, default: int | None = None) -> int | None:
        """Integer parameter (numbers may come as strings)."""
        value = self.values.get(name)
        if value is None or value == "":
            return default
        if isinstance(value, bool):
            raise bad_request(f"wrong parameter {name} in request")
        try:
            return int(value)
        except (TypeError, ValueError):
            raise bad_request(f"wrong parameter {name} in request") from None

    def require_int(self, name: str) -> int:
        """Required integer parameter."""
        value = self.get_int(name)
        if value is None:
            raise bad_request(f"{name} is required")
        return value

    def get_float(self, name: str, default: float = 0.0) -> float:
        """Float parameter (timeouts may be fractional)."""
        value = self.values.get(name)
        if value is None or value == "":
            return default
        try:
            return float(value)
        except (TypeError, ValueError):
            raise bad_request(f"wrong parameter {name} in request") from None

    def get_bool(self, name: str) -> bool:
        """Boolean parameter; Telegram accepts true/false, 1/0."""
        value = self.values.get(name)
        if isinstance(value, str):
            return value.lower() in ("true", "1")
        return bool(value)

    def get_str(self, name: str) -> str | None:
        """String parameter or None."""
        value = self.values.get(name)
        return None if value is None else str(value)

    def get_json(self, name: str) -> Any:
        """Structured parameter; clients may still send it as a JSON string."""
        value = self.values.get(name)
        if isinstance(value, str):
            if value == "":
                return None
            try:
                return json.loads(value)
            except json.JSONDecodeError:
                raise bad_request(f"can't parse {name} JSON object") from None
        return value

    def input_file(self, name: str) -> UploadedPart | str | None:
        """An uploaded part, a part referenced by ``attach://``, or a file_id/URL string."""
        if name in self.files:
            return self.files[name]
        value = self.values.get(name)
        if value is None:
            return None
        value = str(value)
        if value.startswith("attach://"):
            part = self.files.get(value.removeprefix("attach://"))
            if part is None:
                raise bad_request(f"file {value} not found in the request")
            return part
        return value


def _decode_form_value(name: str, value: str) -> Any:
    """Undo PTB's JSON encoding of non-string form values."""
    if name in STRING_PARAMS:
        return value
    try:
        return json.loads(value)
    except (json.JSONDecodeError, ValueError):
        return value


async def read_params(request: web.Request) -> Params:
    """Collect parameters from the query string and the body of any supported encoding."""
    values: dict[str, Any] = {k: _decode_form_value(k, v) for k, v in request.query.items()}
    files: dict[str, UploadedPart] = {}
    if not request.body_exists:
        return Params(values, files)
    content_type = request.content_type
    if content_type == "application/json":
        try:
            body = await request.json()
        except ValueError:
            raise bad_request("can't parse JSON object") from None
        if not isinstance(body, dict):
            raise bad_request("can't parse JSON object")
        values.update(body)
    elif content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        try:
            form = await request.post()
        except web.HTTPRequestEntityTooLarge:
            raise ApiError(413, "Request Entity Too Large") from None
        for name, value in form.items():
            if isinstance(value, web.FileField):
                files[name] = UploadedPart(
                    name=name,
                    filename=value.filename,
                    content_type=value.content_type,
                    data=value.file.read(),
                )
            else:
                values[name] = _decode_form_value(name, str(value))
    return Params(values, files)
