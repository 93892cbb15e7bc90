"""One typed settings object, read from the environment or ``.env`` when ``main()`` starts."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import make_url

from reports.safe_workbook import WorkbookLimits

TELEGRAM_API = "https://api.telegram.org/bot"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    telegram_bot_token: SecretStr | None = None
    # Any other value points the bot at a self-hosted Bot API server or the local stand-in.
    telegram_api_base_url: str = TELEGRAM_API
    telegram_api_file_url: str | None = None
    data_dir: Path = Path("data")
    database_url: str | None = None
    agency_code: str | None = None
    # Office hours, breaks and holidays; the packaged default when not given.
    calendar_file: Path | None = None
    poll_timeout: float = Field(default=10.0, ge=0)
    # Seconds one Bot API call may take (connect, send, answer) before it counts as failed.
    telegram_timeout: float = Field(default=10.0, gt=0)
    # A chat (an administrator, or a group of the SAKIP team) told about notifications that
    # could not be delivered; without it the agency's Sekretaris is told.
    admin_chat_id: int | None = None
    # Keep Telegram's limits (about 30 messages a second, one a second per chat) by pacing the
    # outbox; off only against a stand-in that has no limits (benchmarks, the demo, tests).
    telegram_pacing: bool = True
    # Webhook mode (``sakip-bot run --webhook URL``): Telegram pushes updates to this public
    # HTTPS URL, which a reverse proxy passes to WEBHOOK_LISTEN:WEBHOOK_PORT. Every push carries
    # WEBHOOK_SECRET (by default one derived from the bot token).
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = Field(default=None, pattern=r"^[A-Za-z0-9_-]{1,256}$")
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = Field(default=8443, ge=1, le=65535)
    # Updates of this many different chats are handled at once (each chat's in order).
    update_concurrency: int = Field(default=16, ge=1, le=256)
    # Processes that render reports (workbook, PDF, charts) beside the bot's own, so that a
    # large agency's report does not hold up every other update (reports.pool); 0: in the
    # bot's process.
    report_workers: int = Field(default=1, ge=0, le=32)
    # What an uploaded workbook (master data, a filled form, Excel evidence) may hold before
    # it is read: see reports.safe_workbook for why each exists.
    workbook_max_bytes: int = Field(default=WorkbookLimits.max_bytes, gt=0)
    workbook_max_unpacked: int = Field(default=WorkbookLimits.max_unpacked, gt=0)
    workbook_max_parts: int = Field(default=WorkbookLimits.max_parts, gt=0)
    workbook_max_rows: int = Field(default=WorkbookLimits.max_rows, gt=0)
    workbook_max_cells: int = Field(default=WorkbookLimits.max_cells, gt=0)
    # Octal; what the program takes away from the permissions of every file and folder it
    # creates. 077: files 0600 and folders 0700, for the bot's own user alone.
    umask: str = Field(default="077", pattern=r"^0?[0-7]{3}$")

    @field_validator("telegram_api_base_url")
    @classmethod
    def _strip_slash(cls, value: str) -> str:
        return value.rstrip("/") if value.endswith("/bot/") else value

    @field_validator("database_url")
    @classmethod
    def _normalise_url(cls, value: str | None) -> str | None:
        # Hosting panels hand out postgres:// URLs, which SQLAlchemy no longer accepts; without
        # a driver named, the one we declare (psycopg 3, the "postgres" extra) is used.
        for prefix in ("postgres://", "postgresql://"):
            if value and value.startswith(prefix):
                return "postgresql+psycopg://" + value.removeprefix(prefix)
        return value

    @property
    def db_url(self) -> str:
        return self.database_url or f"sqlite:///{(self.data_dir / 'sakip.db').as_posix()}"

    @property
    def file_url(self) -> str:
        """The file download base: derived from the API base unless given."""
        if self.telegram_api_file_url:
            return self.telegram_api_file_url
        base = self.telegram_api_base_url
        if base.endswith("/bot"):
            return base[: -len("/bot")] + "/file/bot"
        return base.rstrip("/") + "/file/bot"

    def workbook_limits(self) -> WorkbookLimits:
        return WorkbookLimits(max_bytes=self.workbook_max_bytes,
                              max_unpacked=self.workbook_max_unpacked,
                              max_parts=self.workbook_max_parts,
                              max_rows=self.workbook_max_rows,
                              max_cells=self.workbook_max_cells)

    def token(self) -> str:
        if self.telegram_bot_token is None or not self.telegram_bot_token.get_secret_value():
            raise SystemExit(
                "TELEGRAM_BOT_TOKEN belum diisi. Isi di lingkungan atau di berkas .env."
            )
        return self.telegram_bot_token.get_secret_value()

    def secrets(self) -> list[str]:
        """What must never be logged: the token and the database password."""
        found = []
        for secret in (self.telegram_bot_token, self.webhook_secret):
            if secret is not None:
                found.append(secret.get_secret_value())
        if self.database_url:
            password = make_url(self.database_url).password
            if password:
                found.append(str(password))
        return [s for s in found if s]
