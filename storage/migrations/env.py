"""Alembic's environment: the models' metadata, on the connection that ``storage.schema`` hands
over (so the CLI, the bot and the tests all migrate the engine they already have)."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import storage.models  # noqa: F401  (registers the tables on SQLModel.metadata)

config = context.config
target_metadata = SQLModel.metadata


def run_migrations_online() -> None:
    connection = config.attributes["connection"]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things in place: batch mode copies the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():  # pragma: no cover - SQL scripts are not offered
    raise SystemExit("sakip-bot migrates a live database only (sakip-bot db upgrade)")
run_migrations_online()
