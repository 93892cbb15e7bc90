"""Step 4 with master data: the bot walks a division through its indicators and money.

For each indicator it shows the target and asks for the realisation; below target it asks for
obstacles and follow-up; then evidence. Then the realised money per sub-kegiatan. Every answer
is saved at once; the official can jump to any item, see a summary, or send the filled form.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from decimal import Decimal
from enum import StrEnum
from typing import TypeVar

from telegram import Update
from telegram.error import BadRequest
from telegram.ext import BaseHandler, CallbackQueryHandler, MessageHandler, filters

from bot import texts
from bot.callbacks import Action, button, parse, pattern
from bot.domain import errors
from bot.domain.errors import Reason
from bot.formatting import money, number
from bot.keyboards import columns, inline
from bot.services import drafts, realization
from bot.services.realization import FinancialItem, IndicatorItem, PartSheet
from bot.services.uploads import Upload
from bot.telegram_context import BotContext
from conversations.common import (
    call,
    callback_args,
    close_buttons,
    download,
    draft_run_id,
    refusals,
    reply,
)

FLOW = "fill_in"
T = TypeVar("T")


class RealizationState(StrEnum):
    MENU = "realization.menu"
    VALUE = "realization.value"
    OBSTACLES = "realization.obstacles"
    FOLLOW_UP = "realization.follow_up"
    EVIDENCE = "realization.evidence"
    MONEY = "realization.money"


def _fmt(value: Decimal | None, decimals: int = 2) -> str:
    return "-" if value is None else number(value, decimals)


def _pct(value: Decimal | None) -> str | None:
    return None if value is None else number(value, 2)


# Item buttons on one page of the menu: a phone shows about ten at a glance, and Telegram
# refuses a keyboard of about a hundred buttons (a division may have 150 indicators).
MENU_PAGE = 10


def _menu_items(sheet: PartSheet) -> list[tuple[bool, dict[str, str]]]:
    """Every item's button, with whether the item is complete."""
    items = [(not i.missing, button(texts.item_button(not i.missing, i.code, i.name),
                                    Action.ITEM, "i", i.indicator_id))
             for i in sheet.indicators]
    items += [(f.amount is not None, button(texts.item_button(f.amount is not None, f.code,
                                                              f.name), Action.ITEM, "f",
                                            f.item_id))
              for f in sheet.financials]
    return items


def _menu_rows(sheet: PartSheet, page: int | None = None) -> list[list[dict[str, str]]]:
    """One page of item buttons (by default the one with the first item still open), the
    page turners when there are several, and the part's own buttons."""
    items = _menu_items(sheet)
    pages = max(1, -(-len(items) // MENU_PAGE))
    if page is None:
        first_open = next((n for n, (done, _) in enumerate(items) if not done), 0)
        page = first_open // MENU_PAGE
    page = min(max(page, 0), pages - 1)
    shown = [b for _, b in items[page * MENU_PAGE:(page + 1) * MENU_PAGE]]
    rows = columns(shown, 1)
    if pages > 1:
        turners = [button(texts.page_label(page + 1, pages), Action.PAGE, page)]
        if page > 0:
            turners.insert(0, button(texts.BTN_PAGE_BACK, Action.PAGE, page - 1))
        if page < pages - 1:
            turners.append(button(texts.BTN_PAGE_NEXT, Action.PAGE, page + 1))
        rows.append(turners)
    return [*rows,
            [button(texts.BTN_NEXT_ITEM, Action.NEXT), button(texts.BTN_SUMMARY, Action.SUMMARY)],
            [button(texts.BTN_SUBMIT, Action.SUBMIT), button(texts.BTN_CANCEL, Action.CANCEL)]]


async def show_menu(update: Update, context: BotContext, sheet: PartSheet) -> object:
    filled = sum(1 for i in sheet.indicators if not i.missing)
    filled += sum(1 for f in sheet.financials if f.amount is not None)
    total = len(sheet.indicators) + len(sheet.financials)
    await reply(update, texts.items_menu(sheet.run.division_name or "-", sheet.run.period,
                                         filled, total), _menu_rows(sheet))
    return RealizationState.MENU


@refusals
async def turn_page(update: Update, context: BotContext) -> object:
    """Another page of the menu, in the same message."""
    query = update.callback_query
    assert query is not None
    await query.answer()
    sheet = await _sheet(context)
    rows = _menu_rows(sheet, int(callback_args(update)[0]))
    with contextlib.suppress(BadRequest):  # the page shown already: nothing to change
        await query.edit_message_reply_markup(inline(rows))
    return None


async def _sheet(context: BotContext) -> PartSheet:
    run_id = await draft_run_id(context, FLOW)
    return await call(context, realization.part_sheet, context.me.user_id, run_id)


async def _ask(update: Update, context: BotContext, sheet: PartSheet,
               item: IndicatorItem | FinancialItem | None) -> object:
    """Ask for what ``item`` still lacks, or go back to the menu when nothing does."""
    if item is None:
        await reply(update, texts.ALL_FILLED)
        return await show_menu(update, context, sheet)
    if isinstance(item, FinancialItem):
        await call(context, drafts.update, context.me.user_id, FLOW, item=["f", item.item_id],
                   shown=_shown("f", item.item_id, "amount", item.amount), pending=None)
        position = sheet.financials.index(item) + 1
        await reply(update, texts.ask_money(
            position, len(sheet.financials), item.name, money(item.budget or 0),
            money(item.quarter_target or 0),
            None if item.amount is None else money(item.amount)), _back_row())
        return RealizationState.MONEY
    if item.value is None or "value" in item.missing:
        return await _ask_value(update, sheet, item, context,
                                {"item": ["i", item.indicator_id], "pending": None})
    return await _ask_notes_or_evidence(update, context, item)


async def _ask_notes_or_evidence(update: Update, context: BotContext,
                                 item: IndicatorItem) -> object:
    """Kendala and tindak lanjut when due, then evidence, for an indicator with its figure."""
    changes: dict[str, object] = {"item": ["i", item.indicator_id], "pending": None}
    for name, question, state in (
            ("obstacles", texts.ASK_OBSTACLES, RealizationState.OBSTACLES),
            ("follow_up", texts.ASK_FOLLOW_UP, RealizationState.FOLLOW_UP)):
        if name in item.missing:
            await call(context, drafts.update, context.me.user_id, FLOW, **changes,
                       shown=_shown("i", item.indicator_id, name, getattr(item, name)))
            await reply(update, question, _back_row())
            return state
    await call(context, drafts.update, context.me.user_id, FLOW, **changes)
    return await _ask_evidence(update, item)


async def _ask_evidence(update: Update, item: IndicatorItem) -> object:
    await reply(update, texts.ask_item_evidence(item.name, len(item.evidence)),
                _evidence_buttons(item))
    return RealizationState.EVIDENCE


def _evidence_buttons(item: IndicatorItem) -> list[list[dict[str, str]]]:
    """A 🗑️ for each file already there, then ✔️ Selesai and the way back."""
    remove = [[button(texts.remove_file_label(doc.name), Action.REMOVE_FILE, doc.document_id)]
              for doc in item.evidence]
    return [*remove, [button(texts.BTN_DONE, Action.DONE)], *_back_row()]


async def _ask_value(update: Update, sheet: PartSheet, item: IndicatorItem,
                     context: BotContext | None = None,
                     changes: dict[str, object] | None = None) -> object:
    """Ask for the figure; with ``context``, keep in the draft that it was shown (and
    ``changes``)."""
    if context is not None:
        # What the official sees now: saving over something else asks first.
        await call(context, drafts.update, context.me.user_id, FLOW, **(changes or {}),
                   shown=_shown("i", item.indicator_id, "value", item.value))
    position = sheet.indicators.index(item) + 1
    example = number(Decimal("87.5") if item.decimals else Decimal(12), min(item.decimals, 1))
    await reply(update, texts.ask_value(
        position, len(sheet.indicators), item.name, item.unit, sheet.run.period,
        _fmt(item.quarter_target, item.decimals), _fmt(item.annual_target, item.decimals),
        item.accumulation,
        None if item.target_to_date is None else _fmt(item.target_to_date, item.decimals),
        None if item.value is None else _fmt(item.value, item.decimals), example), _back_row())
    return RealizationState.VALUE


def _back_row() -> list[list[dict[str, str]]]:
    return [[button(texts.BTN_ITEMS, Action.SUMMARY, "menu")]]


@refusals
async def next_item(update: Update, context: BotContext) -> object:
    await close_buttons(update)
    sheet = await _sheet(context)
    return await _ask(update, context, sheet, sheet.next_item())


@refusals
async def pick_item(update: Update, context: BotContext) -> object:
    """Jump to one item; a complete indicator is asked for its figure again (to correct it)."""
    kind, item_id = callback_args(update)[0], int(callback_args(update)[1])
    sheet = await _sheet(context)
    # An item of another part (or a made-up one) is refused before the menu loses its buttons;
    # a bare next() would raise StopIteration, which a coroutine turns into a RuntimeError.
    if kind == "f":
        money_item = next((f for f in sheet.financials if f.item_id == item_id), None)
        if money_item is None:
            raise errors.InvalidInput(reason=Reason.UNKNOWN_ITEM)
        await close_buttons(update)
        return await _ask(update, context, sheet, money_item)
    item = next((i for i in sheet.indicators if i.indicator_id == item_id), None)
    if item is None:
        raise errors.InvalidInput(reason=Reason.UNKNOWN_ITEM)
    await close_buttons(update)
    return await _ask_value(update, sheet, item, context, {"item": ["i", item_id]})


def _shown(kind: str, item_id: int, field: str, value: Decimal | str | None) -> list[object]:
    """What the official is shown of one field, kept to tell later if it changed meanwhile."""
    return [kind, item_id, field, realization.as_shown(value)]


def _seen(draft: dict[str, object], kind: str, item_id: int, field: str) -> object:
    """The value shown of that field, or ``ANY`` when it was not shown (an older draft)."""
    seen = draft.get("shown")
    if isinstance(seen, list) and len(seen) == 4 and seen[:3] == [kind, item_id, field]:
        return seen[3]
    return realization.ANY


async def _save_or_ask(update: Update, context: BotContext, draft: dict[str, object],
                       kind: str, item_id: int, field: str, save: Callable[..., T],
                       *args: object) -> T | None:
    """Save what the official typed with ``save(ctx, user, *args, text, shown=...)``; None after
    asking which to keep, when a colleague saved the field since ``draft`` says it was shown."""
    assert update.effective_message is not None
    text = update.effective_message.text or ""
    try:
        return await call(context, save, context.me.user_id, *args, text,
                          shown=_seen(draft, kind, item_id, field))
    except errors.ChangedMeanwhile as changed:
        await _ask_which(update, context, changed, kind, item_id, field, text)
        return None


async def _ask_which(update: Update, context: BotContext, changed: errors.ChangedMeanwhile,
                     kind: str, item_id: int, field: str, typed: str) -> object:
    """Someone else saved the field meanwhile: keep what the official typed until they choose.

    What the colleague saved now counts as shown: typing again saves without asking again.
    """
    await call(context, drafts.update, context.me.user_id, FLOW,
               pending=[kind, item_id, field, typed],
               shown=_shown(kind, item_id, field, changed.params["value"]))
    await reply(update, texts.changed_meanwhile(changed), [
        [button(texts.keep_mine_label(changed), Action.KEEP, "mine")],
        [button(texts.keep_theirs_label(changed), Action.KEEP, "theirs")]])
    return None


async def _current(context: BotContext) -> tuple[int, int, dict[str, object]]:
    """The run and the item the official is answering about, and the whole draft."""
    draft = await call(context, drafts.load, context.me.user_id, FLOW)
    _kind, item_id = draft.get("item", ["", 0])
    if not item_id:
        raise errors.InvalidInput(reason=Reason.UNKNOWN_ITEM)
    return int(draft["run_id"]), int(item_id), draft


@refusals
async def value(update: Update, context: BotContext) -> object:
    """A realisation figure; a wrong one is explained with an example and asked again."""
    assert update.effective_message is not None
    run_id, indicator_id, draft = await _current(context)
    # A refused figure is explained by @refusals and asked again; the last good one stays.
    item = await _save_or_ask(update, context, draft, "i", indicator_id, "value",
                              realization.save_value, run_id, indicator_id)
    return None if item is None else await _value_saved(update, context, item)


async def _value_saved(update: Update, context: BotContext, item: IndicatorItem) -> object:
    await reply(update, texts.value_saved(_fmt(item.value, item.decimals), item.unit,
                                          _pct(item.achievement)))
    return await _continue(update, context, item)


@refusals
async def keep(update: Update, context: BotContext) -> object:
    """The choice after someone else saved the same field meanwhile."""
    run_id, item_id, draft = await _current(context)
    pending = draft.get("pending")
    kind = "f" if draft.get("item", [""])[0] == "f" else "i"
    if not (isinstance(pending, list) and len(pending) == 4 and pending[:2] == [kind, item_id]):
        # Pressed twice, or after moving on to another item: that choice is no longer open.
        await close_buttons(update, texts.ALREADY_HANDLED)
        return None
    await close_buttons(update)
    await call(context, drafts.update, context.me.user_id, FLOW, pending=None)
    _, _, field, typed = pending
    if callback_args(update)[:1] == ["mine"] and typed:
        user_id = context.me.user_id
        if field == "amount":
            return await _money_saved(update, context, await call(
                context, realization.save_financial, user_id, run_id, item_id, str(typed)))
        if field == "value":
            return await _value_saved(update, context, await call(
                context, realization.save_value, user_id, run_id, item_id, str(typed)))
        return await _continue(update, context, await call(
            context, realization.save_text, user_id, run_id, item_id, field, str(typed)))
    await reply(update, texts.KEPT_THEIRS)
    if field == "amount":
        sheet = await _sheet(context)
        return await _ask(update, context, sheet, sheet.next_item())
    return await _continue(update, context, await _item(context, run_id, item_id))


async def _continue(update: Update, context: BotContext, item: IndicatorItem) -> object:
    """After an answer about ``item``: its obstacles and follow-up if due, then its evidence.

    Evidence is always offered, so a correct figure can still get another photo.
    The item is as the save left it: the rest of the sheet is read only when its figure is
    still missing (a note kept before any figure), to say which of how many is asked.
    """
    if item.value is None or "value" in item.missing:
        sheet = await _sheet(context)
        return await _ask(update, context, sheet, item)
    return await _ask_notes_or_evidence(update, context, item)


async def _item(context: BotContext, run_id: int, indicator_id: int) -> IndicatorItem:
    return await call(context, realization.part_item, context.me.user_id, run_id, indicator_id)


async def _text_field(update: Update, context: BotContext, name: str) -> object:
    assert update.effective_message is not None
    run_id, indicator_id, draft = await _current(context)
    item = await _save_or_ask(update, context, draft, "i", indicator_id, name,
                              realization.save_text, run_id, indicator_id, name)
    return None if item is None else await _continue(update, context, item)


@refusals
async def obstacles(update: Update, context: BotContext) -> object:
    return await _text_field(update, context, "obstacles")


@refusals
async def follow_up(update: Update, context: BotContext) -> object:
    return await _text_field(update, context, "follow_up")


@refusals
async def evidence(update: Update, context: BotContext) -> object:
    """A file for the current indicator; more may follow until ✔️ Selesai."""
    run_id, indicator_id, _ = await _current(context)
    upload = await download(update, context)
    if await call(context, realization.is_filled_form, upload):
        return await _import_form(update, context, upload)
    added = await call(context, realization.add_evidence, context.me.user_id, run_id,
                       indicator_id, upload)
    text = texts.EVIDENCE_DUPLICATE if added.doc.duplicate else texts.ITEM_EVIDENCE_SAVED
    await reply(update, text.format(name=added.doc.name), _evidence_buttons(added.item))
    return None


@refusals
async def remove_evidence(update: Update, context: BotContext) -> object:
    """🗑️ on a file sent by mistake: it no longer backs the indicator."""
    query = update.callback_query
    assert query is not None and query.data is not None
    await close_buttons(update)
    run_id, indicator_id, _ = await _current(context)
    args = parse(query.data)[1]
    if len(args) != 1 or not args[0].isdigit():
        raise errors.InvalidInput(reason=Reason.UNKNOWN_FILE)
    document_id = int(args[0])
    removed = await call(context, realization.remove_evidence, context.me.user_id, run_id,
                         indicator_id, document_id)
    await reply(update, texts.file_removed(removed.name))
    return await _ask_evidence(update, await _item(context, run_id, indicator_id))


@refusals
async def evidence_done(update: Update, context: BotContext) -> object:
    await close_buttons(update)
    sheet = await _sheet(context)
    return await _ask(update, context, sheet, sheet.next_item())


@refusals
async def money_amount(update: Update, context: BotContext) -> object:
    assert update.effective_message is not None
    run_id, item_id, draft = await _current(context)
    item = await _save_or_ask(update, context, draft, "f", item_id, "amount",
                              realization.save_financial, run_id, item_id)
    return None if item is None else await _money_saved(update, context, item)


async def _money_saved(update: Update, context: BotContext, item: FinancialItem) -> object:
    await reply(update, texts.money_saved(money(item.amount or 0), _pct(item.absorption),
                                          over_budget=(item.absorption or 0) > 100))
    sheet = await _sheet(context)
    return await _ask(update, context, sheet, sheet.next_item())


@refusals
async def filled_form(update: Update, context: BotContext) -> object:
    """The Excel form sent back: every figure saved, or a list of what to correct."""
    return await _import_form(update, context, await download(update, context))


async def _import_form(update: Update, context: BotContext, upload: Upload) -> object:
    run_id = await draft_run_id(context, FLOW)
    try:
        sheet = await call(context, realization.import_form, context.me.user_id, run_id,
                           upload.data)
    except realization.FormInvalid as error:
        problems = [texts.form_problem(*p) for p in error.params.get("problems", [])]
        reason = str(error.params.get("reason"))
        await reply(update, texts.form_problems(problems) if problems
                    else texts.form_unreadable(reason, error.params.get("limit")))
        return None
    await reply(update, texts.FORM_IMPORTED)
    await reply(update, summary_text(sheet))
    return await show_menu(update, context, sheet)


def summary_text(sheet: PartSheet) -> str:
    indicator_lines = [
        texts.indicator_line(i.code, i.name, _fmt(i.value, i.decimals),
                             _fmt(i.quarter_target, i.decimals), i.unit, _pct(i.achievement),
                             len(i.evidence))
        for i in sheet.indicators]
    money_lines = [
        texts.money_line(f.code, f.name, "-" if f.amount is None else money(f.amount),
                         money(f.budget or 0), _pct(f.absorption))
        for f in sheet.financials]
    missing = [texts.missing_line(i.code, i.missing) for i in sheet.indicators if i.missing]
    missing += [texts.missing_line(f.code, ["amount"]) for f in sheet.financials
                if f.amount is None]
    return texts.sheet_summary(sheet.run.division_name or "-", sheet.run.period,
                               indicator_lines, money_lines, missing)


@refusals
async def summary(update: Update, context: BotContext) -> object:
    await close_buttons(update)
    sheet = await _sheet(context)
    await reply(update, summary_text(sheet))
    return await show_menu(update, context, sheet)


def states(
    submit_handlers: list[BaseHandler],  # type: ignore[type-arg]
) -> dict[object, list[BaseHandler]]:  # type: ignore[type-arg]
    """The states of the structured input; ``submit_handlers`` come from the fill-in flow."""
    text = filters.TEXT & ~filters.COMMAND
    files = filters.Document.ALL | filters.PHOTO
    xlsx = filters.Document.FileExtension("xlsx")
    keep_handler = CallbackQueryHandler(keep, pattern=pattern(Action.KEEP))
    navigation: list[BaseHandler] = [  # type: ignore[type-arg]
        CallbackQueryHandler(pick_item, pattern=pattern(Action.ITEM)),
        CallbackQueryHandler(next_item, pattern=pattern(Action.NEXT)),
        CallbackQueryHandler(summary, pattern=pattern(Action.SUMMARY)),
        CallbackQueryHandler(turn_page, pattern=pattern(Action.PAGE)),
        MessageHandler(xlsx, filled_form),
        *submit_handlers,
    ]
    return {
        RealizationState.MENU: navigation,
        RealizationState.VALUE: [
            MessageHandler(text, value),
            keep_handler,
            *navigation,
        ],
        RealizationState.OBSTACLES: [MessageHandler(text, obstacles), keep_handler,
                                     *navigation],
        RealizationState.FOLLOW_UP: [MessageHandler(text, follow_up), keep_handler,
                                     *navigation],
        RealizationState.EVIDENCE: [
            MessageHandler(files, evidence),
            CallbackQueryHandler(evidence_done, pattern=pattern(Action.DONE)),
            CallbackQueryHandler(remove_evidence, pattern=pattern(Action.REMOVE_FILE)),
            *navigation,
        ],
        RealizationState.MONEY: [MessageHandler(text, money_amount), keep_handler,
                                 *navigation],
    }
