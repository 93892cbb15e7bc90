"""``python -m standin`` serves another process over real HTTP."""

from __future__ import annotations

import asyncio
import sys

import httpx


async def test_standalone_server_serves_other_processes() -> None:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "standin",
        "--port",
        "0",
        "--token",
        "7:ABC",
        "--user",
        "1001:Budi:Sekretaris",
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
    )
    assert process.stdin is not None and process.stdout is not None
    try:
        header = [
            (await asyncio.wait_for(process.stdout.readline(), 10)).decode() for _ in range(4)
        ]
        base_url = header[0].strip().removeprefix("base_url=")
        assert header[1].startswith("base_file_url=http://127.0.0.1:")
        assert header[3].strip() == "users: 1001=Sekretaris"

        process.stdin.write(b"Sekretaris: /start\n")
        await process.stdin.drain()
        async with httpx.AsyncClient(base_url=f"{base_url}7:ABC/", timeout=10) as client:
            updates = (await client.post("getUpdates", data={"timeout": "5"})).json()
            [update] = updates["result"]
            assert update["message"]["text"] == "/start"
            sent = await client.post("sendMessage", data={"chat_id": "1001", "text": "Halo"})
            assert sent.json()["ok"]
        lines = [
            (await asyncio.wait_for(process.stdout.readline(), 10)).decode().rstrip()
            for _ in range(2)
        ]
        assert lines == ["[Sekretaris] → bot: /start", "bot → [Sekretaris]: Halo"]

        process.stdin.close()  # EOF on stdin stops the server
        assert await asyncio.wait_for(process.wait(), 10) == 0
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
