"""Step 2: the Sekretaris records the briefing meeting with the Tim SAKIP as Notulen Rapat."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from telegram import Update
from telegram.ext import CallbackQueryHandler, MessageHandler, filters

from bot import texts
from bot.callbacks import Action, button, pattern
from bot.domain import errors
from bot.domain.clock import to_local
from bot.domain.errors import Reason
from bot.domain.sop import DocumentKind, StepKey
from bot.formatting import date_long
from bot.keyboards import checklist, with_cancel
from bot.services import drafts, steps
from bot.telegram_context import BotContext
from conversations.common import (
    END,
    Flow,
    call,
    callback_args,
    chosen_or_alert,
    close_buttons,
    download,
    refusals,
    reply,
    toggle_choice,
)

FLOW = "briefing"
_DATE = re.compile(r"^\s*(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{4})\s*$")


class BriefingState(StrEnum):
    DATE = "briefing.date"
    ATTENDEES = "briefing.attendees"
    NOTE_TAKER = "briefing.note_taker"
    DIRECTIONS = "briefing.directions"
    ATTACHMENT = "briefing.attachment"
    CONFIRM = "briefing.confirm"


def parse_date(text: str, today: date) -> date | None:
    """``11-01-2024`` (also with / or .) as a date that is not in the future."""
    match = _DATE.match(text)
    if not match:
        return None
    day, month, year = (int(g) for g in match.groups())
    try:
        parsed = date(year, month, day)
    except ValueError:
        return None
    return parsed if parsed <= today else None


@refusals
async def begin(update: Update, context: BotContext) -> object:
    """The ▶️ Mulai button: asks for the meeting date, or goes on from what was saved."""
    await close_buttons(update)
    run_id = int(callback_args(update)[1])
    run = await call(context, steps.get_run, context.me.user_id, run_id)
    draft = await call(context, drafts.load, context.me.user_id, FLOW)
    if draft.get("run_id") != run_id:
        await call(context, drafts.clear, context.me.user_id, FLOW)
        draft = {"run_id": run_id, "attendees": []}
    earliest = (steps.earliest_meeting(to_local(run.started_at).date())
                if run.started_at else None)
    draft = await call(context, drafts.update, context.me.user_id, FLOW,
                       **{**draft, "earliest": earliest.isoformat() if earliest else None})
    if "date" in draft:
        await reply(update, texts.BRIEFING_RESUMED)
        return await _go_on(update, context, draft)
    today = _today(context)
    choices = [button(texts.BTN_TODAY, Action.DATE, today.isoformat()),
               button(texts.BTN_YESTERDAY, Action.DATE, (today - timedelta(days=1)).isoformat())]
    await reply(update, texts.ASK_MEETING_DATE, with_cancel([choices]))
    return BriefingState.DATE


async def date_button(update: Update, context: BotContext) -> object:
    await close_buttons(update)
    return await _store_date(update, context, date.fromisoformat(callback_args(update)[0]))


async def date_text(update: Update, context: BotContext) -> object:
    """A typed date; a wrong one is asked again with an example."""
    assert update.effective_message is not None
    parsed = parse_date(update.effective_message.text or "", _today(context))
    if parsed is None:
        await reply(update, texts.BAD_DATE)
        return None
    earliest = (await call(context, drafts.load, context.me.user_id, FLOW)).get("earliest")
    if earliest and parsed < date.fromisoformat(earliest):
        await reply(update, texts.meeting_before_order(date_long(date.fromisoformat(earliest))))
        return None
    return await _store_date(update, context, parsed)


async def _store_date(update: Update, context: BotContext, chosen: date) -> object:
    """Keep the date; one on a weekend or a holiday is taken with a word, in case of a slip."""
    holiday = await call(context, steps.day_off, context.me.user_id, chosen)
    if holiday is not None:
        await reply(update, texts.meeting_on_day_off(chosen, holiday))
    await call(context, drafts.update, context.me.user_id, FLOW, date=chosen.isoformat())
    return await _ask_attendees(update, context)


async def _ask_attendees(update: Update, context: BotContext) -> object:
    draft = await call(context, drafts.load, context.me.user_id, FLOW)
    chosen = set(draft.get("attendees", []))
    team = await call(context, steps.sakip_team, context.me.user_id)
    await reply(update, texts.ASK_ATTENDEES, checklist(team, chosen))
    return BriefingState.ATTENDEES



async def toggle_attendee(update: Update, context: BotContext) -> object:
    """Adds or removes one attendee and redraws the list in place."""
    team = await call(context, steps.sakip_team, context.me.user_id)
    await toggle_choice(update, context, FLOW, "attendees", team)
    return None


async def attendees_done(update: Update, context: BotContext) -> object:
    if await chosen_or_alert(update, context, FLOW, "attendees", texts.NO_ATTENDEES) is None:
        return None
    await close_buttons(update)
    return await _ask_note_taker(update, context,
                                 await call(context, drafts.load, context.me.user_id, FLOW))


async def _ask_note_taker(update: Update, context: BotContext, draft: dict[str, Any]) -> object:
    """The chair records the meeting; one of the attendees minutes it. A single attendee is
    the notulis without asking."""
    attendees = list(draft.get("attendees", []))
    if len(attendees) == 1:
        return await _store_note_taker(update, context, attendees[0])
    team = dict(await call(context, steps.sakip_team, context.me.user_id))
    rows = [[button(team.get(uid, "-"), Action.PICK, uid)] for uid in attendees]
    await reply(update, texts.ASK_NOTE_TAKER, with_cancel(rows))
    return BriefingState.NOTE_TAKER


@refusals
async def note_taker_button(update: Update, context: BotContext) -> object:
    chosen = int(callback_args(update)[0])
    draft = await call(context, drafts.load, context.me.user_id, FLOW)
    if chosen not in draft.get("attendees", []):
        raise errors.InvalidInput(reason=Reason.NOTE_TAKER)
    await close_buttons(update)
    team = dict(await call(context, steps.sakip_team, context.me.user_id))
    await reply(update, texts.note_taker_chosen(team.get(chosen, "-")))
    return await _store_note_taker(update, context, chosen)


async def _store_note_taker(update: Update, context: BotContext, user_id: int) -> object:
    draft = await call(context, drafts.update, context.me.user_id, FLOW, note_taker=user_id)
    return await _go_on(update, context, draft)


async def _go_on(update: Update, context: BotContext, draft: dict[str, Any]) -> object:
    """The first question the saved minutes have no answer to yet: what was typed before a
    /batal (or before an upgrade that added a question) is never asked again."""
    if not draft.get("attendees"):
        return await _ask_attendees(update, context)
    if not draft.get("note_taker"):
        return await _ask_note_taker(update, context, draft)
    if not draft.get("directions"):
        await reply(update, texts.ASK_DIRECTIONS)
        return BriefingState.DIRECTIONS
    if draft.get("attachment_id"):
        return await _confirm(update, context)
    await reply(update, texts.ASK_MINUTES_FILE,
                with_cancel([[button(texts.BTN_SKIP, Action.SKIP)]]))
    return BriefingState.ATTACHMENT


async def directions(update: Update, context: BotContext) -> object:
    assert update.effective_message is not None
    text = (update.effective_message.text or "").strip()
    await call(context, drafts.update, context.me.user_id, FLOW, directions=text)
    if missing := steps.unprintable_in_minutes(text):
        await reply(update, texts.unprintable_note(missing))
    await reply(update, texts.ASK_MINUTES_FILE,
                with_cancel([[button(texts.BTN_SKIP, Action.SKIP)]]))
    return BriefingState.ATTACHMENT


@refusals
async def attachment(update: Update, context: BotContext) -> object:
    """An optional file with the minutes (a scan, a photo of the attendance list)."""
    draft = await call(context, drafts.load, context.me.user_id, FLOW)
    upload = await download(update, context)
    doc = await call(context, steps.attach, context.me.user_id, int(draft["run_id"]),
                     DocumentKind.MINUTES_ATTACHMENT, upload)
    await call(context, drafts.update, context.me.user_id, FLOW, attachment_id=doc.document_id,
               attachment_name=doc.name)
    return await _confirm(update, context)


async def skip_attachment(update: Update, context: BotContext) -> object:
    await close_buttons(update)
    return await _confirm(update, context)


async def _confirm(update: Update, context: BotContext) -> object:
    draft = await call(context, drafts.load, context.me.user_id, FLOW)
    team = dict(await call(context, steps.sakip_team, context.me.user_id))
    attendees = list(draft.get("attendees", []))
    names = [team.get(uid, "-") for uid in attendees]
    note_taker = draft.get("note_taker") or (attendees[0] if attendees else None)
    text = texts.confirm_minutes(date_long(date.fromisoformat(draft["date"])), names,
                                 team.get(note_taker, "-"),
                                 draft.get("directions", ""), draft.get("attachment_name"))
    await reply(update, text, with_cancel([[button(texts.BTN_CONFIRM, Action.CONFIRM)]]))
    return BriefingState.CONFIRM


@refusals
async def save(update: Update, context: BotContext) -> object:
    """Writes the Notulen Rapat; the Tim SAKIP is notified."""
    await close_buttons(update)
    draft = await call(context, drafts.load, context.me.user_id, FLOW)
    if "date" not in draft:
        raise errors.InvalidInput(reason=Reason.UNKNOWN_RUN)
    await call(context, steps.record_briefing, context.me.user_id, int(draft["run_id"]),
               meeting_date=date.fromisoformat(draft["date"]),
               attendee_ids=list(draft.get("attendees", [])),
               directions=draft.get("directions", ""), attachment_id=draft.get("attachment_id"),
               note_taker_id=draft.get("note_taker"))
    await call(context, drafts.clear, context.me.user_id, FLOW)
    await reply(update, texts.MINUTES_SAVED)
    return END


async def expect_text(update: Update, context: BotContext) -> object:
    await reply(update, texts.EXPECT_TEXT)
    return None


def _today(context: BotContext) -> date:
    now: datetime = context.services.now()
    return to_local(now).date()


def build_briefing_flow() -> Flow:
    text = filters.TEXT & ~filters.COMMAND
    files = filters.Document.ALL | filters.PHOTO
    return Flow(
        entry_points=[CallbackQueryHandler(
            begin, pattern=pattern(Action.BEGIN, first=(StepKey.BRIEFING,)))],
        states={
            BriefingState.DATE: [
                CallbackQueryHandler(date_button, pattern=pattern(Action.DATE)),
                MessageHandler(text, date_text),
            ],
            BriefingState.ATTENDEES: [
                CallbackQueryHandler(toggle_attendee, pattern=pattern(Action.TOGGLE)),
                CallbackQueryHandler(attendees_done, pattern=pattern(Action.DONE)),
            ],
            BriefingState.NOTE_TAKER: [
                CallbackQueryHandler(note_taker_button, pattern=pattern(Action.PICK)),
            ],
            BriefingState.DIRECTIONS: [
                MessageHandler(text, directions),
                MessageHandler(files, expect_text),
            ],
            BriefingState.ATTACHMENT: [
                MessageHandler(files, attachment),
                CallbackQueryHandler(skip_attachment, pattern=pattern(Action.SKIP)),
            ],
            BriefingState.CONFIRM: [CallbackQueryHandler(save, pattern=pattern(Action.CONFIRM))],
        },
    )
