"""The stand-in's HTTP surface: routing, encodings, long polling, files, errors."""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

import httpx
import pytest

from standin import BotApiStandIn, SimulatedUser


async def call(client: httpx.AsyncClient, method: str, **kwargs: Any) -> tuple[int, Any]:
    """POST one method and return (status, JSON body)."""
    response = await client.post(method, **kwargs)
    return response.status_code, response.json()


async def test_wrong_token_and_unknown_method(api: BotApiStandIn) -> None:
    async with httpx.AsyncClient() as raw:
        wrong = await raw.post(f"{api.base_url}42:WRONG/getMe")
        unknown = await raw.post(f"{api.base_url}{api.token}/sendSticker")
        other = await raw.get(f"http://127.0.0.1:{api.port}/nothing")
        lower = await raw.get(f"{api.base_url}{api.token}/getme")
    assert wrong.status_code == 401
    assert wrong.json() == {"ok": False, "error_code": 401, "description": "Unauthorized"}
    assert unknown.status_code == 404
    assert unknown.json() == {"ok": False, "error_code": 404, "description": "Not Found"}
    assert other.status_code == 404
    assert lower.json()["result"]["username"] == "sakip_demo_bot"
    assert lower.json()["result"]["id"] == 42


async def test_parameters_as_json_form_and_multipart(
    api: BotApiStandIn, user: SimulatedUser, client: httpx.AsyncClient
) -> None:
    keyboard = {"inline_keyboard": [[{"text": "OK", "callback_data": "ok"}]]}
    status, body = await call(
        client, "sendMessage", json={"chat_id": user.id, "text": "json", "reply_markup": keyboard}
    )
    assert status == 200 and body["result"]["reply_markup"] == keyboard

    form = {"chat_id": str(user.id), "text": "123", "reply_markup": json.dumps(keyboard)}
    status, body = await call(client, "SENDMESSAGE", data=form)
    assert status == 200 and body["result"]["text"] == "123"  # string params stay strings

    files = {"laporan": ("laporan.pdf", b"%PDF-1.4 data", "application/pdf")}
    data = {"chat_id": str(user.id), "document": "attach://laporan", "caption": "PDF"}
    status, body = await call(client, "sendDocument", data=data, files=files)
    assert status == 200
    document = body["result"]["document"]
    assert document["file_name"] == "laporan.pdf" and document["mime_type"] == "application/pdf"
    assert document["file_size"] == len(b"%PDF-1.4 data")

    assert [m.content for m in user.messages] == ["json", "123", "PDF"]
    assert user.messages[1].buttons == [[("OK", "ok")]]
    assert user.messages[2].file_bytes == b"%PDF-1.4 data"


async def test_message_shape_matches_bot_api(
    api: BotApiStandIn, user: SimulatedUser, client: httpx.AsyncClient
) -> None:
    _, body = await call(
        client,
        "sendMessage",
        json={"chat_id": user.id, "text": "<b>Halo</b> 👋 <i>Rina</i>", "parse_mode": "HTML"},
    )
    message = body["result"]
    assert message["chat"] == {"id": 2001, "type": "private", "first_name": "Rina"}
    assert message["from"] == {
        "id": 42,
        "is_bot": True,
        "first_name": "SAKIP Demo Bot",
        "username": "sakip_demo_bot",
    }
    assert message["text"] == "Halo 👋 Rina"
    # Offsets count UTF-16 code units: the emoji takes two.
    assert message["entities"] == [
        {"type": "bold", "offset": 0, "length": 4},
        {"type": "italic", "offset": 8, "length": 4},
    ]
    assert isinstance(message["date"], int) and message["message_id"] == 1


async def test_long_poll_waits_for_update_and_offset_confirms(
    api: BotApiStandIn, user: SimulatedUser, client: httpx.AsyncClient
) -> None:
    started = time.monotonic()
    poll = asyncio.create_task(call(client, "getUpdates", data={"timeout": "5"}))
    await asyncio.sleep(0.2)
    assert not poll.done()  # held open while nothing happens
    await user.send_text("/laporan Q1")
    status, body = await poll
    assert status == 200 and time.monotonic() - started < 2
    [update] = body["result"]
    assert update["message"]["text"] == "/laporan Q1"
    assert update["message"]["entities"] == [{"type": "bot_command", "offset": 0, "length": 8}]
    assert update["message"]["from"]["language_code"] == "id"

    await user.send_text("dua")
    await user.send_text("tiga")
    _, body = await call(client, "getUpdates", data={"limit": "1"})
    assert [u["update_id"] for u in body["result"]] == [update["update_id"]]  # not confirmed
    _, body = await call(
        client, "getUpdates", data={"offset": str(update["update_id"] + 1), "limit": "1"}
    )
    assert [u["message"]["text"] for u in body["result"]] == ["dua"]
    _, body = await call(client, "getUpdates", data={"offset": str(update["update_id"] + 3)})
    assert body["result"] == []

    started = time.monotonic()
    _, body = await call(client, "getUpdates", data={"timeout": "0.3"})
    assert body["result"] == [] and 0.25 < time.monotonic() - started < 2


async def test_second_poller_ends_first_with_conflict(
    api: BotApiStandIn, client: httpx.AsyncClient
) -> None:
    first = asyncio.create_task(call(client, "getUpdates", data={"timeout": "5"}))
    await asyncio.sleep(0.2)
    second = await call(client, "getUpdates", data={"timeout": "0"})
    status, body = await first
    assert second == (200, {"ok": True, "result": []})
    assert status == 409 and body["description"].startswith("Conflict: terminated by other")


async def test_files_get_file_and_download(
    api: BotApiStandIn, user: SimulatedUser, client: httpx.AsyncClient
) -> None:
    sent = await user.send_document(b"a,b\n1,2\n", "data.csv")
    again = await user.send_document(b"a,b\n1,2\n", "copy.csv")
    file_id = sent["document"]["file_id"]
    assert file_id != again["document"]["file_id"]
    assert sent["document"]["file_unique_id"] == again["document"]["file_unique_id"]

    _, body = await call(client, "getFile", data={"file_id": file_id})
    path = body["result"]["file_path"]
    async with httpx.AsyncClient() as raw:
        download = await raw.get(f"{api.base_file_url}{api.token}/{path}")
        missing = await raw.get(f"{api.base_file_url}{api.token}/documents/nope.csv")
        wrong_token = await raw.get(f"{api.base_file_url}1:X/{path}")
    assert download.status_code == 200 and download.content == b"a,b\n1,2\n"
    assert missing.status_code == 404 and wrong_token.status_code == 401
    status, body = await call(client, "getFile", data={"file_id": "nope"})
    assert status == 400 and body["description"] == "Bad Request: invalid file_id"


async def test_callback_answer_validation_and_inline_button_rules(
    api: BotApiStandIn, user: SimulatedUser, client: httpx.AsyncClient
) -> None:
    text_only = {"inline_keyboard": [[{"text": "no action"}]]}
    status, body = await call(
        client, "sendMessage", json={"chat_id": user.id, "text": "x", "reply_markup": text_only}
    )
    assert status == 400 and "Text buttons are unallowed" in body["description"]

    markup = {
        "inline_keyboard": [
            [
                {"text": "Ya", "callback_data": "yes"},
                {"text": "Buka", "url": "https://example.org"},
            ]
        ]
    }
    await call(
        client, "sendMessage", json={"chat_id": user.id, "text": "?", "reply_markup": markup}
    )
    with pytest.raises(LookupError, match="sends no callback"):
        await user.press("Buka")
    query = await user.press("Ya")
    answer = {"callback_query_id": query.query_id, "text": "Oke"}
    assert (await call(client, "answerCallbackQuery", data=answer))[0] == 200
    status, body = await call(client, "answerCallbackQuery", data=answer)
    assert status == 400 and "query is too old" in body["description"]
    assert query.answered and query.answer_text == "Oke"


async def test_wait_helpers_time_out_with_context(
    api: BotApiStandIn, user: SimulatedUser, client: httpx.AsyncClient
) -> None:
    await call(client, "sendMessage", json={"chat_id": user.id, "text": "sebelumnya"})
    await user.send_text("halo")
    with pytest.raises(TimeoutError, match=r"(?s)Kepala Dinas.*sebelumnya"):
        await user.wait_for_message(timeout=0.2)
    first = await user.wait_for_message(timeout=0.2, after=0)
    assert first.text == "sebelumnya"
    with pytest.raises(TimeoutError, match="1 update"):
        await api.wait_idle(timeout=0.2)

    reply = asyncio.create_task(user.wait_for_text("balasan", timeout=5))
    await asyncio.sleep(0.05)
    await call(client, "sendMessage", json={"chat_id": user.id, "text": "bukan"})
    await call(client, "sendMessage", json={"chat_id": user.id, "text": "ini balasan"})
    assert (await reply).text == "ini balasan"
    await call(client, "getUpdates", data={"timeout": "0"})
    await api.wait_idle(timeout=2, quiet=0.05)
