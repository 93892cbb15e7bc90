"""``/laporan``: the latest report of any quarter, and the year's capaian trend; ``/provinsi``:
every agency's progress, for the province."""

from __future__ import annotations

from telegram import InputFile, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot import texts
from bot.callbacks import Action, button, pattern
from bot.keyboards import columns
from bot.services import province, year_report
from bot.telegram_context import BotContext
from conversations.common import call, callback_args, close_buttons, refusals, reply


@refusals
async def list_reports(update: Update, context: BotContext) -> object:
    rows = await call(context, year_report.reports, context.me.user_id)
    if not rows:
        await reply(update, texts.NO_REPORTS)
        return None
    buttons = [button(r.period, Action.REPORT, r.cycle_id) for r in rows]
    years = sorted({r.year for r in rows}, reverse=True)
    trend = [button(texts.trend_button(y), Action.TREND, y) for y in years]
    await reply(update, texts.REPORTS_HEADER, [*columns(buttons, 2), *columns(trend, 2)])
    return None


@refusals
async def send_report(update: Update, context: BotContext) -> object:
    await close_buttons(update)
    name, data = await call(context, year_report.report_file, context.me.user_id,
                            int(callback_args(update)[0]))
    message = update.effective_message
    assert message is not None
    await message.reply_document(InputFile(data, filename=name))
    return None


@refusals
async def send_trend(update: Update, context: BotContext) -> object:
    await close_buttons(update)
    year = int(callback_args(update)[0])
    name, workbook, picture = await call(context, year_report.year_trend, context.me.user_id,
                                         year)
    message = update.effective_message
    assert message is not None
    await message.reply_photo(InputFile(picture, filename=f"tren-{year}.png"),
                              caption=texts.trend_title(year))
    await message.reply_document(InputFile(workbook, filename=name))
    return None


@refusals
async def province_view(update: Update, context: BotContext) -> object:
    """/provinsi: a line per agency, the picture, and the workbook."""
    view = await call(context, province.overview, context.me.user_id)
    if not view.rows:
        await reply(update, texts.PROVINCE_EMPTY)
        return None
    lines = [texts.province_header(len(view.rows), province.late_count(view.rows)),
             *province.summary_lines(view.rows)]
    await reply(update, "\n".join(lines))
    message = update.effective_message
    assert message is not None
    await message.reply_photo(InputFile(view.picture, filename="pemantauan-dinas.png"))
    await message.reply_document(InputFile(view.workbook, filename=view.file_name))
    return None


def report_handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    return [CommandHandler("laporan", list_reports),
            CommandHandler("provinsi", province_view),
            CallbackQueryHandler(send_report, pattern=pattern(Action.REPORT)),
            CallbackQueryHandler(send_trend, pattern=pattern(Action.TREND))]
