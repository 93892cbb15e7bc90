"""Shared PDF pieces for official documents: page, letterhead, key-value lines, signatures.

fpdf2 with the DejaVu fonts that ship inside matplotlib, so any Latin, Greek or Cyrillic name
renders (emoji do not: DejaVu has no such glyphs). Pages are A4; sizes are in millimetres.
Pass ``created_at`` to get byte-identical output for the same input.
"""

from __future__ import annotations

import functools
import io
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import matplotlib
from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.enums import TextEmphasis, XPos, YPos

from bot.formatting import format_nip, place_date
from reports.heading import SignOff

FONT = "DejaVu"
_FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
_FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf",
               "BI": "DejaVuSans-BoldOblique.ttf"}
LETTER_MARGIN = 25.0  # 2,5 cm, the usual margin of a *naskah dinas*
REPORT_MARGIN = 15.0  # a landscape report table needs the width; letters keep 2,5 cm
LINE = 6.0  # line height of 11 pt body text
LOGO_HEIGHT = 24.0  # millimetres: the height of the kop's three lines
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


# What the font has no glyph for (an emoji, most often) would vanish from the PDF without a
# trace: it is printed as this instead, and the chat says so (``unprintable``).
PLACEHOLDER = "□"


@functools.cache
def _glyphs() -> frozenset[int]:
    with TTFont(str(_FONT_DIR / _FONT_FILES[""]), lazy=True) as font:
        return frozenset(font["cmap"].getBestCmap())


def _invisible(char: str) -> bool:
    """Joiners, emoji variation selectors and skin tones: parts of a symbol, never shown
    alone."""
    return (unicodedata.category(char) == "Cf" or "\ufe00" <= char <= "\ufe0f"
            or "\U0001f3fb" <= char <= "\U0001f3ff")


def unprintable(text: str) -> int:
    """How many characters of ``text`` the PDF's font cannot show."""
    if text.isascii():
        return 0
    glyphs = _glyphs()
    return sum(1 for char in text if ord(char) not in glyphs and not char.isspace()
               and not _invisible(char))


def clean(text: object) -> str:
    """Typed text made printable: tabs become spaces, other control characters go, and a
    character the font cannot show becomes ``PLACEHOLDER``."""
    text = _CONTROL.sub("", str(text).replace("\t", "    ").replace("\r\n", "\n"))
    if text.isascii():
        return text
    glyphs = _glyphs()
    return "".join("" if _invisible(char) else
                   char if ord(char) in glyphs or char.isspace() else PLACEHOLDER
                   for char in text)


def government_line(province: str) -> str:
    """``Sumatera Barat`` → ``PEMERINTAH PROVINSI SUMATERA BARAT``; ``Kabupaten X`` and a full
    ``Pemerintah …`` line are kept as they are (upper case)."""
    text = " ".join(province.split()).upper()
    if not text or text.startswith("PEMERINTAH"):
        return text
    if text.startswith(("PROVINSI", "KABUPATEN", "KOTA")):
        return f"PEMERINTAH {text}"
    return f"PEMERINTAH PROVINSI {text}"


class OfficialPDF(FPDF):
    """An A4 page with DejaVu fonts and *Halaman n dari N* at the foot when there is more than
    one page."""

    def __init__(self, *, orientation: str = "P", margin: float = LETTER_MARGIN,
                 title: str = "", author: str = "", created_at: datetime | None = None) -> None:
        super().__init__(orientation=orientation, unit="mm", format="A4")
        self._margin = margin
        self._several_pages = False
        self.set_margins(margin, margin, margin)
        self.set_auto_page_break(True, margin=margin)
        self.set_font(FONT, size=11)
        self.set_creation_date(created_at or datetime.now(UTC))
        self.set_title(title)
        self.set_author(author)
        self.set_creator("sakip-bot")
        self.set_lang("id")

    def set_font(self, family: str | None = None, style: str | TextEmphasis = "",
                 size: float = 0) -> None:
        # Reading a DejaVu file costs about 70 ms, and most documents use two of the four
        # styles: each is read when first asked for, not for every document up front.
        letters = style.style if isinstance(style, TextEmphasis) else style
        key = "".join(sorted(letters.upper().replace("U", "").replace("S", "")))
        if (family or self.font_family or FONT).lower() == FONT.lower() \
                and key in _FONT_FILES and FONT.lower() + key not in self.fonts:
            self.add_font(FONT, key, str(_FONT_DIR / _FONT_FILES[key]))
        super().set_font(family, style, size)

    def add_page(self, *args: object, **kwargs: object) -> None:  # type: ignore[override]
        if self.page >= 1:
            self._several_pages = True
        super().add_page(*args, **kwargs)  # type: ignore[arg-type]

    def footer(self) -> None:
        if self.page < 2 and not self._several_pages:
            return
        self.set_y(-self._margin + 8)
        self.set_font(FONT, size=8)
        self.cell(0, 5, f"Halaman {self.page_no()} dari {{nb}}", align="C")

    @property
    def width(self) -> float:
        """The width between the margins."""
        return self.epw

    def to_bytes(self) -> bytes:
        return bytes(self.output())

    # --- blocks ---------------------------------------------------------------------------------
    def letterhead(self, *, agency: str, province: str = "", address: str = "",
                   logo: bytes | None = None) -> None:
        """*Kop surat*: the logo at the left when there is one, government line, agency and
        address centred beside it, then a thick and a thin rule."""
        top = self.get_y()
        band = self._logo(logo, top)
        government = government_line(clean(province))
        if government:
            self.set_font(FONT, "B", 13)
            self._centred(band, 6.5, government)
        self.set_font(FONT, "B", 15 if government else 14)
        self._centred(band, 7.5, clean(agency).upper())
        if address.strip():
            self.set_font(FONT, "", 9)
            self._centred(band, 4.5, clean(address).strip())
        self.ln(2)
        y = max(self.get_y(), top + (LOGO_HEIGHT + 2 if logo else 0))
        self.set_line_width(0.8)
        self.line(self.l_margin, y, self.w - self.r_margin, y)
        self.set_line_width(0.2)
        self.line(self.l_margin, y + 1.2, self.w - self.r_margin, y + 1.2)
        self.set_y(y + 6)
        self.set_font(FONT, "", 11)

    def title_block(self, title: str, subtitle: str | None = None) -> None:
        """A centred, bold, underlined title with an optional line (the number) below."""
        self.set_font(FONT, "BU", 12)
        self.multi_cell(0, 6.5, clean(title).upper(), align="C", new_x=XPos.LMARGIN,
                        new_y=YPos.NEXT)
        if subtitle:
            self.set_font(FONT, "", 11)
            self.multi_cell(0, LINE, clean(subtitle), align="C", new_x=XPos.LMARGIN,
                            new_y=YPos.NEXT)
        self.ln(4)
        self.set_font(FONT, "", 11)

    def report_heading(self, lines: Sequence[str], logo: bytes | None = None) -> None:
        """A report's head: centred bold lines (the first two, government and agency, larger),
        empty ones left out, beside the logo when there is one, then a rule. The report PDF
        and the ESR PDF open alike."""
        top = self.get_y()
        band = self._logo(logo, top)
        for index, line in enumerate(line for line in lines if line):
            self.set_font(FONT, "B", 14 if index < 2 else 12)
            self._centred(band, 7, clean(line))
        if logo:
            self.set_y(max(self.get_y(), top + LOGO_HEIGHT))
        self.rule()

    def _logo(self, logo: bytes | None, top: float) -> float:
        """Places the logo at the top left; the width it takes, to keep clear of the text."""
        if not logo:
            return 0.0
        placed = self.image(io.BytesIO(logo), x=self.l_margin, y=top, h=LOGO_HEIGHT)
        self.set_y(top)
        return float(placed.rendered_width) + 3

    def _centred(self, band: float, height: float, text: str) -> None:
        """Centred in the width right of ``band`` millimetres kept for the logo, as a kop
        surat with a logo is set."""
        self.set_x(self.l_margin + band)
        self.multi_cell(self.epw - band, height, text, align="C", new_x=XPos.LMARGIN,
                        new_y=YPos.NEXT)

    def key_values(self, rows: Sequence[tuple[str, str]], *, label_width: float = 32,
                   values: bool = True) -> None:
        """``Label : value`` lines, the value wrapping under itself. ``values=False`` writes
        only ``Label :`` and stays on the line, for a list that follows."""
        self.set_font(FONT, "", 11)
        for label, value in rows:
            self.set_x(self.l_margin)
            self.cell(label_width, LINE, clean(label))
            self.cell(5, LINE, ":")
            if not values:
                continue
            self.multi_cell(self.width - label_width - 5, LINE, clean(value) or "-",
                            new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def numbered(self, items: Sequence[str], *, indent: float = 0) -> None:
        """``1. item`` lines, wrapped text aligned after the number."""
        self.set_font(FONT, "", 11)
        for number, item in enumerate(items, 1):
            self.set_x(self.l_margin + indent)
            self.cell(8, LINE, f"{number}.")
            self.multi_cell(self.width - indent - 8, LINE, clean(item),
                            new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def paragraph(self, text: str, *, indent: float = 0, align: str = "J") -> None:
        self.set_font(FONT, "", 11)
        self.set_x(self.l_margin + indent)
        self.multi_cell(self.width - indent, LINE, clean(text), align=align,
                        new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(2)

    def rule(self) -> None:
        y = self.get_y() + 1
        self.set_line_width(0.3)
        self.line(self.l_margin, y, self.w - self.r_margin, y)
        self.set_line_width(0.2)
        self.set_y(y + 3)

    def signatures(self, blocks: Sequence[Signature], *, width: float = 80) -> None:
        """Signature blocks side by side: one on the right, two at left and right."""
        if not blocks:
            return
        height = max(block.height() for block in blocks)
        if self.get_y() + height > self.page_break_trigger:
            self.add_page()
        top = self.get_y() + 4
        positions = ([self.w - self.r_margin - width] if len(blocks) == 1 else
                     [self.l_margin + i * (self.width - width) / (len(blocks) - 1)
                      for i in range(len(blocks))])
        bottom = top
        for block, x in zip(blocks, positions, strict=True):
            bottom = max(bottom, self._signature(block, x, top, width))
        self.set_xy(self.l_margin, bottom)

    def _signature(self, block: Signature, x: float, top: float, width: float) -> float:
        self.set_xy(x, top)
        self.set_font(FONT, "", 11)
        for line in block.heading_lines():
            self.set_x(x)
            self.multi_cell(width, LINE, clean(line), align="C", new_x=XPos.LEFT,
                            new_y=YPos.NEXT)
        self.set_y(self.get_y() + block.space)
        self.set_x(x)
        self.set_font(FONT, "BU", 11)
        self.multi_cell(width, LINE, clean(block.name), align="C", new_x=XPos.LEFT,
                        new_y=YPos.NEXT)
        self.set_font(FONT, "", 11)
        for line in block.detail_lines():
            self.set_x(x)
            self.multi_cell(width, LINE, clean(line), align="C", new_x=XPos.LEFT,
                            new_y=YPos.NEXT)
        return self.get_y()


@dataclass(frozen=True)
class Signature:
    """``[place, date]`` / ``Kepala Dinas,`` / space / **name** / rank / ``NIP. …``."""

    title: str
    name: str
    rank: str | None = None
    nip: str | None = None
    place_date: str | None = None
    space: float = 22.0

    def heading_lines(self) -> list[str]:
        lines = [self.place_date] if self.place_date else []
        return [*lines, f"{self.title.rstrip(',')},"]

    def detail_lines(self) -> list[str]:
        lines = [self.rank.strip()] if self.rank and self.rank.strip() else []
        if self.nip and self.nip.strip():
            lines.append(f"NIP. {format_nip(self.nip)}")
        return lines

    def height(self) -> float:
        return (len(self.heading_lines()) + 1 + len(self.detail_lines())) * LINE + self.space + 8


def signature_of(signed: SignOff) -> Signature | None:
    """The signature block of a report's sign-off, dated at its place; none without a name."""
    if not signed.name:
        return None
    return Signature(signed.title, signed.name, signed.rank, signed.nip,
                     place_date=place_date(signed.place, signed.day))
