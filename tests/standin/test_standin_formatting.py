"""Telegram-like parsing of HTML, MarkdownV2 and Markdown into text and entities."""

from __future__ import annotations

import pytest

from standin.files import image_size, tiny_png
from standin.formatting import EntityParseError, render


def test_html_tags_entities_and_escapes() -> None:
    text, entities = render(
        '<b>IKU &amp; IKK</b> <a href="https://x.id/?a=1&amp;b=2">tautan</a> &lt;80% &copy;',
        "HTML",
    )
    assert text == "IKU & IKK tautan <80% &copy;"  # unknown entities stay literal
    assert entities == [
        {"type": "bold", "offset": 0, "length": 9},
        {"type": "text_link", "offset": 10, "length": 6, "url": "https://x.id/?a=1&b=2"},
    ]


def test_html_pre_with_language_and_spoiler_nesting() -> None:
    text, entities = render(
        '<pre><code class="language-python">x = 1</code></pre>'
        '<span class="tg-spoiler"><i>rahasia</i></span>',
        "html",
    )
    assert text == "x = 1rahasia"
    assert entities == [
        {"type": "pre", "offset": 0, "length": 5, "language": "python"},
        {"type": "spoiler", "offset": 5, "length": 7},
        {"type": "italic", "offset": 5, "length": 7},
    ]


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("a < b", 'Unsupported start tag "" at byte offset 2'),
        ("<b>tebal", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ("<div>x</div>", 'Unsupported start tag "div" at byte offset 0'),
    ],
)
def test_html_errors_use_telegram_wording(source: str, message: str) -> None:
    with pytest.raises(EntityParseError) as caught:
        render(source, "HTML")
    assert str(caught.value) == "Bad Request: can't parse entities: " + message


def test_markdown_v2_requires_escaping() -> None:
    text, entities = render(
        r"*Tugas* _baru_: __Q1__ \- 80\.5% ||x|| `a_b` [web](https://x.id)", "MarkdownV2"
    )
    assert text == "Tugas baru: Q1 - 80.5% x a_b web"
    assert [e["type"] for e in entities] == [
        "bold",
        "italic",
        "underline",
        "spoiler",
        "code",
        "text_link",
    ]
    with pytest.raises(EntityParseError, match=r"Character '\.' is reserved"):
        render("Selesai.", "MarkdownV2")
    with pytest.raises(EntityParseError, match="Can't find end of Bold entity"):
        render("*tebal", "MarkdownV2")


def test_legacy_markdown_and_trimming() -> None:
    text, entities = render("  *Halo* _semua_  \n", "Markdown")
    assert text == "Halo semua"
    assert entities == [
        {"type": "bold", "offset": 0, "length": 4},
        {"type": "italic", "offset": 5, "length": 5},
    ]
    with pytest.raises(EntityParseError, match="starting at byte offset 0"):
        render("*x", "Markdown")
    assert render("  plain \n", None) == ("plain", [])


def test_image_size_sniffing() -> None:
    assert image_size(tiny_png(7, 4)) == (7, 4)
    gif = b"GIF89a" + (10).to_bytes(2, "little") + (20).to_bytes(2, "little") + b"\0" * 8
    assert image_size(gif) == (10, 20)
    jpeg = (
        b"\xff\xd8\xff\xe0\x00\x04ab\xff\xc0\x00\x11\x08"
        + (30).to_bytes(2, "big")
        + (40).to_bytes(2, "big")
        + b"\0" * 12
    )
    assert image_size(jpeg) == (40, 30)
    assert image_size(b"hello") is None
