"""The SOP compliance sheet of a cycle: each step's working time against its *Mutu Baku*."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from bot import texts
from bot.domain.clock import to_local
from reports.sheets import csv_text


@dataclass(frozen=True)
class ComplianceRow:
    """One finished run of a step (one division's part for step 4), in working minutes."""

    number: int
    label: str
    division: str | None
    round: int
    standard: str
    standard_minutes: int
    actual_minutes: int
    on_time: bool
    done_by: str | None
    started_at: datetime
    done_at: datetime

    @property
    def late_minutes(self) -> int:
        return max(0, self.actual_minutes - self.standard_minutes)


def compliance_csv(rows: Sequence[ComplianceRow]) -> bytes:
    """UTF-8 with BOM, so that Excel shows it right; no cell is read as a formula."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(texts.compliance_columns())
    for row in rows:
        writer.writerow([
            row.number, csv_text(row.label), _text_or_dash(row.division), row.round,
            csv_text(row.standard), row.standard_minutes, row.actual_minutes,
            texts.YES if row.on_time else texts.NO, _text_or_dash(row.done_by),
            to_local(row.started_at).strftime("%Y-%m-%d %H:%M"),
            to_local(row.done_at).strftime("%Y-%m-%d %H:%M"),
        ])
    return out.getvalue().encode("utf-8-sig")


def _text_or_dash(text: str | None) -> str:
    """A name as text no spreadsheet evaluates; a missing one as a plain ``-``."""
    return csv_text(text) if text else "-"
