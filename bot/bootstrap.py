"""Builds the service context from settings: engine, schema and file store."""

from __future__ import annotations

from bot.config import Settings
from bot.domain.calendar_config import load_calendar
from bot.services.context import ServiceContext
from storage.db import create_schema, make_engine
from storage.documents import FileStore


def build_context(settings: Settings) -> ServiceContext:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(settings.db_url)
    create_schema(engine)
    return ServiceContext(engine=engine, store=FileStore(settings.data_dir),
                          calendar=load_calendar(settings.calendar_file))
