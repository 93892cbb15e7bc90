"""Run the stand-in standalone: ``python -m standin --port 8081 --token TOKEN``."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import mimetypes
import sys
import threading
from pathlib import Path

from standin.faults import FaultPlan, parse_fault_plan
from standin.server import BotApiStandIn
from standin.users import SimulatedUser

_STDIN_HELP = """\
Lines on stdin act as a simulated user (the first one unless prefixed by a label):
  Sekretaris: /tugas           send text or a command
  !press ✅ Setujui             press an inline button on the latest message showing it
  Kepala Dinas: !file a.xlsx   upload a file from disk
  !photo                       send a small generated photo
  !quit                        stop (so does end of input)
"""


def _parse_user(spec: str) -> tuple[int, str, str | None]:
    """``ID:FirstName[:Label]`` from the command line."""
    parts = spec.split(":", 2)
    if len(parts) < 2 or not parts[0].lstrip("-").isdigit():
        raise argparse.ArgumentTypeError(f"expected ID:FirstName[:Label], got {spec!r}")
    return int(parts[0]), parts[1], parts[2] if len(parts) > 2 else None


def _parse_faults(spec: str) -> FaultPlan:
    """``--faults`` value, with argparse's error message on a bad one."""
    try:
        return parse_fault_plan(spec)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _build_parser() -> argparse.ArgumentParser:
    """Command line options."""
    parser = argparse.ArgumentParser(
        epilog=_STDIN_HELP,
        prog="python -m standin",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8081)
    parser.add_argument("--token", default="123456:TEST")
    parser.add_argument("--bot-username", default="sakip_demo_bot")
    parser.add_argument(
        "--user",
        action="append",
        type=_parse_user,
        default=[],
        metavar="ID:NAME[:LABEL]",
        help="simulated user (repeatable)",
    )
    parser.add_argument(
        "--no-stdin", action="store_true", help="ignore stdin and serve until interrupted"
    )
    parser.add_argument(
        "--faults",
        type=_parse_faults,
        default=None,
        metavar="KEY=VALUE,...",
        help="seeded random faults, e.g. seed=7,share=0.2,hang=6 (also retry_after, "
        "kinds=hang_after+dropped, methods=sendMessage+editMessageText, outage_after, outage)",
    )
    return parser


def _stdin_lines(loop: asyncio.AbstractEventLoop) -> asyncio.Queue[str]:
    """Feed stdin lines into a queue from a daemon thread ('' marks EOF)."""
    queue: asyncio.Queue[str] = asyncio.Queue()

    def pump() -> None:
        """Forward lines until EOF."""
        # A daemon thread, so a blocked readline never delays interpreter exit.
        for line in sys.stdin:
            loop.call_soon_threadsafe(queue.put_nowait, line)
        loop.call_soon_threadsafe(queue.put_nowait, "")

    threading.Thread(target=pump, name="standin-stdin", daemon=True).start()
    return queue


async def _act(api: BotApiStandIn, line: str) -> None:
    """Carry out one stdin line as a simulated user."""
    user: SimulatedUser = api.users[0]
    head, sep, rest = line.partition(":")
    if sep and not head.startswith(("/", "!")):
        with contextlib.suppress(KeyError):
            user = api.user(head.strip())
            line = rest.strip()
    if line.startswith("!press "):
        await user.press(line.removeprefix("!press ").strip())
    elif line.startswith("!file "):
        path = Path(line.removeprefix("!file ").strip())
        mime = mimetypes.guess_type(path.name)[0]
        await user.send_document(path.read_bytes(), path.name, mime)
    elif line.startswith("!photo"):
        await user.send_photo()
    else:
        await user.send_text(line)


async def _serve(args: argparse.Namespace) -> None:
    """Serve until EOF or ``!quit`` on stdin, or Ctrl+C."""
    users = args.user or [(1001, "Budi", "Sekretaris")]
    async with BotApiStandIn(
        args.token, args.host, args.port, args.bot_username, faults=args.faults
    ) as api:
        for user_id, name, label in users:
            api.add_user(user_id, name, label=label)
        api.add_listener(lambda event: print(event.format(), flush=True))
        print(
            f"base_url={api.base_url}\nbase_file_url={api.base_file_url}\n"
            f"token={api.token}\nusers: " + ", ".join(f"{u.id}={u.label}" for u in api.users),
            flush=True,
        )
        if args.no_stdin:
            await asyncio.Event().wait()
        lines = _stdin_lines(asyncio.get_running_loop())
        while True:
            line = await lines.get()
            if not line or line.strip() == "!quit":
                break
            if line.strip():
                try:
                    await _act(api, line.strip())
                except Exception as exc:
                    print(f"! {exc}", flush=True)


def main(argv: list[str] | None = None) -> None:
    """Entry point."""
    args = _build_parser().parse_args(argv)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(args))


if __name__ == "__main__":
    main()
