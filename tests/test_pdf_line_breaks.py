"""Words in narrow PDF columns stay whole: a file name breaks after its hyphens, underscores or
dots; a word that fits nowhere shrinks its cell's font before it is cut between letters."""

from __future__ import annotations

import pytest

from reports.pdf import OfficialPDF
from reports.pdf_tables import SMALLEST, LineBreaker, TableCell, TableLayout, _Placer, face_of


@pytest.fixture
def breaker() -> LineBreaker:
    return LineBreaker(OfficialPDF())


def test_a_file_name_breaks_after_its_separators(breaker: LineBreaker) -> None:
    face = face_of(breaker.pdf)
    name = "Data-Dukung-Bina-Marga-1.pdf"
    room = breaker.width("Data-Dukung-Bina-", face) + 0.5
    lines = [line for line, _ in breaker.lines(name, room, face)]
    assert "".join(lines) == name
    assert all(line.endswith(("-", "_", ".")) for line in lines[:-1]), lines
    assert not breaker.breaks_words(name, room, face)
    assert not breaker.breaks_words("laporan_tw1_final.xlsx", breaker.width("laporan_", face)
                                    + breaker.width("tw1_", face), face)


def test_words_are_never_cut_when_they_fit_and_spaces_come_first(breaker: LineBreaker) -> None:
    face = face_of(breaker.pdf)
    text = "Persentase dokumen perencanaan yang tepat waktu"
    room = breaker.width("perencanaan", face) + 0.1
    lines = [line for line, _ in breaker.lines(text, room, face)]
    assert " ".join(lines) == text
    assert all(word in text.split() for line in lines for word in line.split())


def test_a_word_too_wide_shrinks_its_cell_before_it_is_cut(breaker: LineBreaker) -> None:
    face = face_of(breaker.pdf)
    word = "PENYELENGGARAAN"
    room = breaker.width(word, face) * 0.85  # fits at 85 % of the size
    assert breaker.breaks_words(word, room, face)
    padding = 1.0
    layout = TableLayout(widths=[room + 2 * padding], line_height=4.0, padding=padding,
                         headings_style=None)  # type: ignore[arg-type]
    placer = _Placer(breaker, layout, [0.0], [room + 2 * padding])
    [placed] = placer.row([TableCell(word)], face)
    assert [line for line, _ in placed.lines] == [word]
    assert SMALLEST * face[2] <= placed.face[2] < face[2]
    # Narrower than the smallest size allows: cut, as the last resort, but nothing is lost.
    [squeezed] = _Placer(breaker, layout, [0.0], [room / 2 + 2 * padding]).row(
        [TableCell(word)], face)
    assert "".join(line for line, _ in squeezed.lines) == word
