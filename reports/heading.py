"""What heads a report and what signs it off: the agency and the period at the top, and who
signs at the end. Every report renderer takes these two instead of a dozen loose values."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

HEAD_TITLE = "Kepala Dinas"


@dataclass(frozen=True)
class ReportHeading:
    agency: str
    year: int
    quarter: int
    province: str = ""  # "" for a regency or city agency: its own government line
    logo: bytes | None = None  # the agency's, prepared by reports.logo


@dataclass(frozen=True)
class SignOff:
    """Who signs, where and when; without a name the report has no signature block."""

    name: str | None = None
    rank: str | None = None
    nip: str | None = None
    title: str = HEAD_TITLE
    place: str | None = None
    day: date | None = None
    approval_note: str | None = None  # the line about the approval at step 7


UNSIGNED = SignOff()
