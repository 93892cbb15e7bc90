"""What reached each chat, compared with what the bot meant to send, in the order it meant.

The bot's intent is its outbox: every notification and every owed reply that creates a message,
in id order per chat. What reached the chat is the stand-in's record of the chat, each message
as it was first sent (before any edit). The two are aligned per chat: a message equal to the
one just matched is a duplicate, one that belongs further down is out of order, one never seen
is lost.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from bot.formatting import split_text
from storage.models import OutboxMessage

CREATES_A_MESSAGE = {"sendmessage": "text", "senddocument": "caption", "sendphoto": "caption"}


@dataclass
class Delivery:
    expected: int = 0
    delivered: int = 0
    lost: int = 0
    duplicated: Counter[int] = field(default_factory=Counter)  # by chat
    out_of_order: int = 0
    unexpected: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (f"expected {self.expected}, delivered {self.delivered}, lost {self.lost}, "
                f"duplicated {sum(self.duplicated.values())}, out of order {self.out_of_order}, "
                f"unexpected {len(self.unexpected)}")


def intended(rows: Iterable[OutboxMessage]) -> dict[int, list[str]]:
    """Per chat, the content of each message the sent outbox rows made, in order.

    A notification too long for one message arrives in pieces; its last piece stands for it.
    """
    by_chat: dict[int, list[str]] = {}
    for row in sorted(rows, key=lambda r: r.id or 0):
        if row.sent_at is None:
            continue
        if row.method is None:
            content = split_text(row.text)[-1]
        elif (name := CREATES_A_MESSAGE.get(row.method.lower())) is not None:
            content = (row.params or {}).get(name, "")
        else:
            continue  # an edit or an answer to a press: no new message
        by_chat.setdefault(row.chat_id, []).append(content)
    return by_chat


def compare(intent: Mapping[int, list[str]], received: Mapping[int, list[str]],
            allowed_extra: Iterable[str] = ()) -> Delivery:
    """Align what each chat received with what was meant for it."""
    report = Delivery()
    extra_ok = set(allowed_extra)
    for chat in sorted(set(intent) | set(received)):
        wanted = list(intent.get(chat, []))
        got = received.get(chat, [])
        report.expected += len(wanted)
        report.delivered += len(got)
        matched = 0
        for content in got:
            if matched < len(wanted) and content == wanted[matched]:
                matched += 1
            elif matched and content == wanted[matched - 1]:
                report.duplicated[chat] += 1
            elif content in wanted[matched + 1:]:
                wanted.remove(content)  # arrived before those meant to go first
                report.out_of_order += 1
            elif content and content not in extra_ok:
                # (A document without caption goes ahead of a caption too long for it.)
                report.unexpected.append(f"{chat}: {content[:80]!r}")
        report.lost += len(wanted) - matched
    return report


def leading_pieces(rows: Iterable[OutboxMessage]) -> set[str]:
    """The pieces a long notification is sent in before its last one."""
    return {piece for row in rows if row.method is None for piece in split_text(row.text)[:-1]}
