"""Turn formatted text (HTML, MarkdownV2, Markdown) into plain text plus entities."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

Entity = dict[str, Any]

# Telegram reports parse errors with these prefixes, so the bot sees the real wording.
_CANT_PARSE = "Bad Request: can't parse entities: "

_HTML_SIMPLE_TAGS: dict[str, str] = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "code": "code",
    "pre": "pre",
}
_HTML_TAGS = {*_HTML_SIMPLE_TAGS, "a", "span", "tg-emoji", "blockquote"}
_HTML_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_HTML_ENTITY_RE = re.compile(r"&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]{2,4}));")

_MDV2_RESERVED = frozenset("_*[]()~`>#+-=|{}.!")


class EntityParseError(ValueError):
    """Formatted text that Telegram would reject with a 400 error."""

    def __init__(self, detail: str) -> None:
        """Prefix ``detail`` the way the Bot API does."""
        super().__init__(_CANT_PARSE + detail)


def utf16_len(text: str) -> int:
    """Length of ``text`` in UTF-16 code units, the unit of Telegram entity offsets."""
    return len(text.encode("utf-16-le")) // 2


def _byte_offset(source: str, index: int) -> int:
    """UTF-8 byte offset of ``source[index]``; Telegram's error messages count bytes."""
    return len(source[:index].encode("utf-8"))


@dataclass
class _Builder:
    """Accumulates plain text and tracks the current UTF-16 offset."""

    parts: list[str] = field(default_factory=list)
    offset: int = 0
    entities: list[Entity] = field(default_factory=list)

    def add(self, text: str) -> None:
        """Append plain text."""
        self.parts.append(text)
        self.offset += utf16_len(text)

    def entity(self, kind: str, start: int, **extra: Any) -> None:
        """Record an entity from ``start`` to the current offset; empty ones are dropped."""
        if self.offset > start:
            self.entities.append(
                {"type": kind, "offset": start, "length": self.offset - start, **extra}
            )

    def result(self) -> tuple[str, list[Entity]]:
        """Text and entities sorted by position, outer entities before inner ones."""
        # Entities are recorded when they close, so for equal ranges the outer one came last.
        indexed = sorted(
            enumerate(self.entities),
            key=lambda item: (item[1]["offset"], -item[1]["length"], -item[0]),
        )
        return "".join(self.parts), [entity for _, entity in indexed]


@dataclass
class _OpenTag:
    """An HTML start tag waiting for its end tag."""

    name: str
    start: int
    attrs: dict[str, str]


def _parse_html_attrs(source: str, pos: int, tag_start: int) -> tuple[dict[str, str], int]:
    """Parse attributes up to ``>``; returns them and the index after ``>``."""
    attrs: dict[str, str] = {}
    n = len(source)
    while True:
        while pos < n and source[pos].isspace():
            pos += 1
        if pos >= n:
            raise EntityParseError(
                f"Unclosed start tag at byte offset {_byte_offset(source, tag_start)}"
            )
        if source[pos] == ">":
            return attrs, pos + 1
        name_start = pos
        while pos < n and (source[pos].isalnum() or source[pos] in "-_"):
            pos += 1
        name = source[name_start:pos].lower()
        if not name:
            raise EntityParseError(
                f"Empty attribute name in the tag at byte offset {_byte_offset(source, tag_start)}"
            )
        value = ""
        if pos < n and source[pos] == "=":
            pos += 1
            if pos < n and source[pos] in "\"'":
                quote = source[pos]
                end = source.find(quote, pos + 1)
                if end == -1:
                    raise EntityParseError(
                        f"Unclosed start tag at byte offset {_byte_offset(source, tag_start)}"
                    )
                value = _decode_html_entities(source[pos + 1 : end])
                pos = end + 1
            else:
                value_start = pos
                while pos < n and not source[pos].isspace() and source[pos] != ">":
                    pos += 1
                value = _decode_html_entities(source[value_start:pos])
        attrs[name] = value


def _decode_html_entity(source: str, pos: int) -> tuple[str, int] | None:
    """Decode the entity at ``pos``; unknown ones stay literal, as in Telegram."""
    match = _HTML_ENTITY_RE.match(source, pos)
    if match is None:
        return None
    dec, hexa, named = match.groups()
    if named is not None:
        char = _HTML_NAMED_ENTITIES.get(named.lower())
        if char is None:
            return None
        return char, match.end()
    code = int(dec) if dec is not None else int(hexa, 16)
    if code <= 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return None
    return chr(code), match.end()


def _decode_html_entities(text: str) -> str:
    """Decode all entities in an attribute value."""
    out: list[str] = []
    pos = 0
    while pos < len(text):
        decoded = _decode_html_entity(text, pos) if text[pos] == "&" else None
        if decoded is None:
            out.append(text[pos])
            pos += 1
        else:
            out.append(decoded[0])
            pos = decoded[1]
    return "".join(out)


def _close_html_tag(builder: _Builder, tag: _OpenTag, parent: _OpenTag | None) -> None:
    """Turn a closed HTML tag into its entity."""
    if tag.name == "a":
        url = tag.attrs.get("href", "")
        if url:
            builder.entity("text_link", tag.start, url=url)
    elif tag.name in ("span", "tg-spoiler"):
        builder.entity("spoiler", tag.start)
    elif tag.name == "tg-emoji":
        builder.entity("custom_emoji", tag.start, custom_emoji_id=tag.attrs.get("emoji-id", ""))
    elif tag.name == "blockquote":
        kind = "expandable_blockquote" if "expandable" in tag.attrs else "blockquote"
        builder.entity(kind, tag.start)
    elif tag.name == "code" and parent is not None and parent.name == "pre":
        language = tag.attrs.get("class", "")
        if language.startswith("language-"):
            # Telegram folds <pre><code class="language-x"> into one pre entity.
            parent.attrs["language"] = language.removeprefix("language-")
        else:
            builder.entity("code", tag.start)
    elif tag.name == "pre":
        language = tag.attrs.get("language")
        extra = {"language": language} if language else {}
        builder.entity("pre", tag.start, **extra)
    else:
        builder.entity(_HTML_SIMPLE_TAGS[tag.name], tag.start)


def parse_html(source: str) -> tuple[str, list[Entity]]:
    """Parse Telegram-flavoured HTML into plain text and entities, or raise."""
    builder = _Builder()
    stack: list[_OpenTag] = []
    pos = 0
    n = len(source)
    while pos < n:
        char = source[pos]
        if char == "&":
            decoded = _decode_html_entity(source, pos)
            if decoded is None:
                builder.add("&")
                pos += 1
            else:
                builder.add(decoded[0])
                pos = decoded[1]
            continue
        if char != "<":
            end = pos
            while end < n and source[end] not in "<&":
                end += 1
            builder.add(source[pos:end])
            pos = end
            continue
        tag_start = pos
        if pos + 1 >= n:
            raise EntityParseError(
                f"Unclosed start tag at byte offset {_byte_offset(source, tag_start)}"
            )
        if source[pos + 1] == "/":
            end = source.find(">", pos + 2)
            if end == -1:
                raise EntityParseError(
                    f"Unclosed end tag at byte offset {_byte_offset(source, tag_start)}"
                )
            name = source[pos + 2 : end].strip().lower()
            if not stack:
                raise EntityParseError(
                    f"Unexpected end tag at byte offset {_byte_offset(source, tag_start)}"
                )
            tag = stack.pop()
            if name != tag.name:
                raise EntityParseError(
                    f"Unmatched end tag at byte offset {_byte_offset(source, tag_start)}, "
                    f'expected "</{tag.name}>", found "</{name}>"'
                )
            _close_html_tag(builder, tag, stack[-1] if stack else None)
            pos = end + 1
            continue
        name_end = pos + 1
        while name_end < n and (
            (source[name_end].isascii() and source[name_end].isalnum()) or source[name_end] == "-"
        ):
            name_end += 1
        name = source[pos + 1 : name_end].lower()
        if name not in _HTML_TAGS:
            raise EntityParseError(
                f'Unsupported start tag "{name}" at byte offset {_byte_offset(source, tag_start)}'
            )
        attrs, pos = _parse_html_attrs(source, name_end, tag_start)
        if name == "span" and attrs.get("class") != "tg-spoiler":
            raise EntityParseError(
                f'Tag "span" must have class "tg-spoiler" at byte offset '
                f"{_byte_offset(source, tag_start)}"
            )
        stack.append(_OpenTag(name, builder.offset, attrs))
    if stack:
        raise EntityParseError(
            f'Can\'t find end tag corresponding to start tag "{stack[-1].name}"'
        )
    return builder.result()


_MDV2_NAMES = {
    "bold": "Bold",
    "italic": "Italic",
    "underline": "Underline",
    "strikethrough": "Strikethrough",
    "spoiler": "Spoiler",
    "text_link": "TextUrl",
    "custom_emoji": "CustomEmoji",
}
_MDV2_OPENERS = {"*": "bold", "~": "strikethrough"}


def _mdv2_end_token(kind: str) -> str:
    """The closing token of a nestable MarkdownV2 entity."""
    return {
        "bold": "*",
        "italic": "_",
        "underline": "__",
        "strikethrough": "~",
        "spoiler": "||",
        "text_link": "]",
        "custom_emoji": "]",
    }[kind]


def _mdv2_read_code(source: str, pos: int, fence: str, start: int) -> tuple[str, int]:
    """Read code/pre content (only ` and \\ are escapable); returns content and end index."""
    out: list[str] = []
    n = len(source)
    while pos < n:
        if source[pos] == "\\" and pos + 1 < n and source[pos + 1] in "`\\":
            out.append(source[pos + 1])
            pos += 2
            continue
        if source.startswith(fence, pos):
            return "".join(out), pos + len(fence)
        out.append(source[pos])
        pos += 1
    kind = "Pre" if fence == "```" else "Code"
    raise EntityParseError(
        f"Can't find end of {kind} entity at byte offset {_byte_offset(source, start)}"
    )


def _mdv2_read_url(source: str, pos: int) -> tuple[str, int]:
    """Read ``(url)`` after a link text, where only ) and \\ are escapable."""
    out: list[str] = []
    n = len(source)
    start = pos
    pos += 1
    while pos < n:
        if source[pos] == "\\" and pos + 1 < n:
            out.append(source[pos + 1])
            pos += 2
            continue
        if source[pos] == ")":
            return "".join(out), pos + 1
        out.append(source[pos])
        pos += 1
    raise EntityParseError(f"Can't find end of a url at byte offset {_byte_offset(source, start)}")


def parse_markdown_v2(source: str) -> tuple[str, list[Entity]]:
    """Parse MarkdownV2 into plain text and entities, enforcing Telegram's escaping rules."""
    builder = _Builder()
    stack: list[tuple[str, int, int]] = []  # kind, text offset, source index
    quote_start: int | None = None
    pos = 0
    n = len(source)
    while pos < n:
        char = source[pos]
        at_line_start = pos == 0 or source[pos - 1] == "\n"
        if char == "\\" and pos + 1 < n and 0 < ord(source[pos + 1]) <= 126:
            builder.add(source[pos + 1])
            pos += 2
            continue
        if char == ">" and at_line_start:
            if quote_start is None:
                quote_start = builder.offset
            pos += 1
            continue
        if char == "\n" and quote_start is not None and not source.startswith(">", pos + 1):
            builder.entity("blockquote", quote_start)
            quote_start = None
        if char not in _MDV2_RESERVED:
            builder.add(char)
            pos += 1
            continue
        top = stack[-1][0] if stack else None
        if top is not None and source.startswith(_mdv2_end_token(top), pos):
            kind, start, _ = stack.pop()
            pos += len(_mdv2_end_token(kind))
            if kind in ("text_link", "custom_emoji"):
                url = ""
                if pos < n and source[pos] == "(":
                    url, pos = _mdv2_read_url(source, pos)
                if kind == "custom_emoji":
                    builder.entity(kind, start, custom_emoji_id=url.removeprefix("tg://emoji?id="))
                elif url:
                    builder.entity(kind, start, url=url)
            else:
                builder.entity(kind, start)
            continue
        if char == "`":
            fence = "```" if source.startswith("```", pos) else "`"
            content, end = _mdv2_read_code(source, pos + len(fence), fence, pos)
            start = builder.offset
            if fence == "```":
                language, sep, body = content.partition("\n")
                if sep and language and " " not in language:
                    builder.add(body)
                    builder.entity("pre", start, language=language)
                else:
                    builder.add(content)
                    builder.entity("pre", start)
            else:
                builder.add(content)
                builder.entity("code", start)
            pos = end
            continue
        if char == "_":
            if source.startswith("__", pos):
                stack.append(("underline", builder.offset, pos))
                pos += 2
            else:
                stack.append(("italic", builder.offset, pos))
                pos += 1
            continue
        if char in _MDV2_OPENERS:
            stack.append((_MDV2_OPENERS[char], builder.offset, pos))
            pos += 1
            continue
        if char == "|" and source.startswith("||", pos):
            stack.append(("spoiler", builder.offset, pos))
            pos += 2
            continue
        if char == "[":
            stack.append(("text_link", builder.offset, pos))
            pos += 1
            continue
        if char == "!" and source.startswith("![", pos):
            stack.append(("custom_emoji", builder.offset, pos))
            pos += 2
            continue
        raise EntityParseError(
            f"Character '{char}' is reserved and must be escaped with the preceding '\\'"
        )
    if quote_start is not None:
        builder.entity("blockquote", quote_start)
    if stack:
        kind, _, start_pos = stack[-1]
        raise EntityParseError(
            f"Can't find end of {_MDV2_NAMES[kind]} entity at byte offset "
            f"{_byte_offset(source, start_pos)}"
        )
    return builder.result()


_LEGACY_KINDS = {"*": "bold", "_": "italic", "`": "code"}


def parse_markdown(source: str) -> tuple[str, list[Entity]]:
    """Parse legacy Markdown (no nesting) into plain text and entities."""
    builder = _Builder()
    pos = 0
    n = len(source)
    while pos < n:
        char = source[pos]
        if char == "\\" and pos + 1 < n and source[pos + 1] in "_*`[":
            builder.add(source[pos + 1])
            pos += 2
            continue
        if char not in "_*`[":
            builder.add(char)
            pos += 1
            continue
        error = EntityParseError(
            f"Can't find end of the entity starting at byte offset {_byte_offset(source, pos)}"
        )
        start = builder.offset
        if char == "`" and source.startswith("```", pos):
            end = source.find("```", pos + 3)
            if end == -1:
                raise error
            builder.add(source[pos + 3 : end])
            builder.entity("pre", start)
            pos = end + 3
        elif char == "[":
            end = source.find("]", pos + 1)
            if end == -1:
                raise error
            builder.add(source[pos + 1 : end])
            pos = end + 1
            if pos < n and source[pos] == "(":
                url_end = source.find(")", pos)
                if url_end == -1:
                    raise error
                builder.entity("text_link", start, url=source[pos + 1 : url_end])
                pos = url_end + 1
        else:
            end = source.find(char, pos + 1)
            if end == -1:
                raise error
            builder.add(source[pos + 1 : end])
            builder.entity(_LEGACY_KINDS[char], start)
            pos = end + 1
    return builder.result()


def _strip_with_entities(text: str, entities: list[Entity]) -> tuple[str, list[Entity]]:
    """Trim surrounding whitespace like Telegram does, shifting and clipping entities."""
    stripped = text.strip()
    if stripped == text:
        return text, entities
    lead = utf16_len(text[: len(text) - len(text.lstrip())])
    limit = utf16_len(stripped)
    adjusted: list[Entity] = []
    for entity in entities:
        start = max(entity["offset"] - lead, 0)
        end = min(entity["offset"] + entity["length"] - lead, limit)
        if end > start:
            adjusted.append({**entity, "offset": start, "length": end - start})
    return stripped, adjusted


def render(
    source: str, parse_mode: str | None, entities: list[Entity] | None = None
) -> tuple[str, list[Entity]]:
    """What Telegram stores for ``source``: plain text and entities, trimmed."""
    mode = (parse_mode or "").lower()
    if mode == "html":
        text, found = parse_html(source)
    elif mode == "markdownv2":
        text, found = parse_markdown_v2(source)
    elif mode == "markdown":
        text, found = parse_markdown(source)
    elif mode:
        raise ValueError(f"Bad Request: unsupported parse_mode {parse_mode}")
    else:
        text, found = source, list(entities or [])
    return _strip_with_entities(text, found)
