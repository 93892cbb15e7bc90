"""One whole quarter played by simulated officials, as they would tap and type on a phone.

Used by ``sakip-bot demo`` and by the end-to-end tests; it only talks to the Bot API stand-in,
so it works the same whether the bot runs in this process or in another.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from openpyxl import load_workbook

from bot.demo_data import OFFICIALS
from bot.domain.numbers import parse_number
from bot.formatting import number
from standin import BotApiStandIn, SentMessage, SimulatedUser
from standin.files import tiny_png

TIMEOUT = 20.0
PDF = "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def sample_pdf(title: str) -> bytes:
    """A small valid PDF, so that officials' uploads look like the real thing."""
    body = f"BT /F1 12 Tf 72 720 Td ({title}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(body) + body + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for index, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % index + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


@dataclass
class Officials:
    """The simulated phones, one per official, keyed like ``bot.demo_data.OFFICIALS``."""

    by_key: dict[str, SimulatedUser]

    def __getitem__(self, key: str) -> SimulatedUser:
        return self.by_key[key]

    @classmethod
    def register(cls, standin: BotApiStandIn, *, telegram_offset: int = 0,
                 agency: str = "") -> Officials:
        """The demo agency's officials; with ``telegram_offset`` (as ``demo_data.seed`` takes
        it) those of another agency of its shape, labelled with its ``agency`` code."""
        return cls({o.key: standin.add_user(o.telegram_id + telegram_offset,
                                            o.name.split(",")[0].title(),
                                            label=f"{agency}: {o.label}" if agency else o.label)
                    for o in OFFICIALS})


PARTS = (("secretary", "Sekretariat"), ("bina_marga", "Bina Marga"),
         ("cipta_karya", "Cipta Karya"), ("tata_ruang", "Tata Ruang"))


async def play_quarter(
    people: Officials, year: int, quarter: int, *, say: Callable[[str], None] = lambda _: None,
    structured: bool = False,
) -> None:
    """Steps 1 to 9, with one return to Bina Marga at step 7.

    ``structured``: the agency has a Perjanjian Kinerja, so step 4 goes indicator by indicator
    (Cipta Karya sends the filled Excel form instead).
    """
    head, secretary, team = people["head"], people["secretary"], people["team_lead"]
    roman = {1: "I", 2: "II", 3: "III", 4: "IV"}[quarter]

    say("Langkah 1 — Kepala Dinas memerintahkan pengukuran kinerja")
    await head.send_command("mulai")
    await head.wait_for_text("tahun berapa", TIMEOUT)
    await head.press(str(year))
    await head.wait_for_text("Triwulan yang mana", TIMEOUT)
    await head.press(f"TW {roman}")
    await head.wait_for_text("Laporan Hasil Analisa Data Kinerja", TIMEOUT)
    await head.send_document(sample_pdf("Analisa Data Kinerja"), "Analisa-Data-Kinerja.pdf", PDF)
    await head.wait_for_text("Terbitkan Nota Kepala Dinas", TIMEOUT)
    await head.press("Ya, lanjutkan")
    await head.wait_for_text("telah diterbitkan", TIMEOUT)

    say("Langkah 2 — Sekretaris mencatat rapat arahan dengan Tim SAKIP")
    await begin(secretary, "Langkah 2")
    await secretary.wait_for_text("Kapan rapat", TIMEOUT)
    await secretary.press("Hari ini")
    await secretary.wait_for_text("Siapa saja anggota", TIMEOUT)
    for official in ("team_lead", "team_member"):
        name = next(o.name for o in OFFICIALS if o.key == official)
        await secretary.press(name)
        await secretary.wait_for_answer()
    await secretary.press("Selesai")
    await secretary.wait_for_text("Siapa notulis", TIMEOUT)
    await secretary.press(next(o.name for o in OFFICIALS if o.key == "team_member"))
    await secretary.wait_for_text("pokok-pokok arahan", TIMEOUT)
    await secretary.send_text("1. Isi realisasi per indikator.\n2. Lampirkan data dukung.")
    await secretary.wait_for_text("dilampirkan", TIMEOUT)
    await secretary.press("Lewati")
    await secretary.wait_for_text("Notulen Rapat", TIMEOUT)
    await secretary.press("Ya, lanjutkan")
    await secretary.wait_for_text("Notulen Rapat tersimpan", TIMEOUT)

    say("Langkah 3 — Tim SAKIP menyiapkan dan mendistribusikan format")
    await begin(team, "Langkah 3")
    await team.wait_for_text("Format yang akan dibuat", TIMEOUT)
    await team.press("Distribusikan format")
    await team.wait_for_text("telah didistribusikan", TIMEOUT)

    say("Langkah 4 — Sekretariat dan setiap Bidang mengisi realisasi")
    for key, division in PARTS:
        if not structured:
            await fill_in_part(people[key], division, year)
        elif key == "cipta_karya":
            await fill_in_by_form(people[key], division)
        else:
            await fill_in_by_chat(people[key], division)

    await compile_and_forward(people, say)

    say("Langkah 7 — Kepala Dinas mengembalikan untuk dilengkapi")
    await head.wait_for_text("Setujui untuk dijadikan", TIMEOUT)
    await head.press("Kembalikan")
    await head.wait_for_text("Kembalikan kepada siapa", TIMEOUT)
    await head.press("Bina Marga")
    await head.wait_for_answer()
    await head.press("Selesai")
    await head.wait_for_text("apa yang perlu dilengkapi", TIMEOUT)
    await head.send_text("Foto progres jalan belum dilampirkan.")
    await head.wait_for_text("dikembalikan kepada Bina Marga", TIMEOUT)

    say("Langkah 4 (ulang) — Bidang Bina Marga melengkapi")
    bina_marga = people["bina_marga"]
    await begin(bina_marga, "Dikembalikan untuk dilengkapi")
    if structured:
        menu = await bina_marga.wait_for_text("Pilih isian", TIMEOUT)
        await bina_marga.press(bina_marga.buttons(menu)[0][0][0], menu)
        prompt = await bina_marga.wait_for_text("Kirim angka realisasi", TIMEOUT)
        await bina_marga.send_text(answer_for(prompt.content, short=False))
        await bina_marga.wait_for_text("Kirim data dukung", TIMEOUT)
        await bina_marga.send_photo(tiny_png(), caption="Foto progres jalan")
        await bina_marga.wait_for_text("Data dukung tersimpan", TIMEOUT)
        await bina_marga.press("Selesai")
        await bina_marga.wait_for_text("Pilih isian", TIMEOUT)
    else:
        await bina_marga.wait_for_text("Ringkasan isian", TIMEOUT)
        await bina_marga.send_photo(tiny_png(), caption="Foto progres jalan")
        await bina_marga.wait_for_text("Data dukung tersimpan", TIMEOUT)
    await submit(bina_marga)

    await compile_and_forward(people, say)

    say("Langkah 7 — Kepala Dinas menyetujui")
    review = await head.wait_for_text("Setujui untuk dijadikan", TIMEOUT)
    await head.press("Setujui", review)
    await head.wait_for_edit(review, lambda m: "disetujui" in m.content, TIMEOUT)

    say("Langkah 8 — Sekretaris melaporkan hasil akhir")
    await begin(secretary, "Langkah 8")
    await secretary.wait_for_text("Kelengkapan", TIMEOUT)
    await secretary.press("Laporkan hasil akhir")
    await secretary.wait_for_text("Hasil akhir telah dilaporkan", TIMEOUT)

    say("Langkah 9 — Subbag Perencanaan mengunggah ke ESR dan mengarsipkan")
    planning = people["planning"]
    await begin(planning, "Langkah 9")
    await planning.wait_for_text("Daftar periksa unggah ESR", TIMEOUT)
    await planning.press("Lampirkan berkas")
    await planning.wait_for_text("kirim berkasnya", TIMEOUT)
    await planning.send_photo(tiny_png(rgb=(0, 0, 200)), caption="Bukti unggah ESR")
    await planning.wait_for_text("Tersimpan", TIMEOUT)
    await planning.press("Sudah diunggah ke ESR")
    await planning.wait_for_text("siklus telah diarsipkan", TIMEOUT)
    await head.wait_for_text("diarsipkan", TIMEOUT)


async def fill_in_by_chat(official: SimulatedUser, division: str) -> None:
    """Answer the bot item by item until it says everything is filled in, then submit."""
    await begin(official, "Langkah 4")
    await official.wait_for_text("Isian", TIMEOUT)
    await answer_prompts(official, division)
    await submit(official)


async def fill_in_by_form(official: SimulatedUser, division: str) -> None:
    """Fill the Excel form from the hand-off, send it back, then add the evidence in chat."""
    handoff = await official.wait_for_text("Langkah 4", TIMEOUT)
    form = fill_form(await official.download(handoff))
    await official.press("Mulai", handoff)
    await official.wait_for_text("Isian", TIMEOUT)
    await official.send_document(form, handoff.file_name or "format.xlsx", XLSX)
    await official.wait_for_text("Format terisi telah dibaca", TIMEOUT)
    await answer_prompts(official, division)
    await submit(official)


def fill_form(data: bytes) -> bytes:
    """Type the targets as realisations, and the money targets as money spent."""
    book = load_workbook(io.BytesIO(data))
    for sheet_name, target, value in (("Kinerja", 7, 8), ("Keuangan", 5, 6)):
        sheet = book[sheet_name]
        for row in range(6, sheet.max_row + 1):
            if sheet.cell(row=row, column=2).value:
                sheet.cell(row=row, column=value).value = sheet.cell(row=row, column=target).value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


async def answer_prompts(official: SimulatedUser, division: str) -> None:
    """Answer whatever the bot asks next until it says everything is filled in."""
    await official.press("Isi berikutnya")
    count = 0  # questions answered: what is typed depends on it, so resends must not count
    for _ in range(200):
        prompt = await official.wait_for_message(
            lambda m: any(key in m.content for key in PROMPTS), TIMEOUT)
        if _repeated(official, prompt):
            continue  # the same question twice in a row (a resend): answered once already
        text = prompt.content
        if "Semua isian lengkap" in text:
            await official.wait_for_text("Pilih isian", TIMEOUT)
            return
        if "Kirim angka realisasi" in text:
            await official.send_text(answer_for(text, short=count % 3 == 1))
        elif text.startswith(("Realisasi masih di bawah target", "Apa kendala")):
            await official.send_text("Cuaca hujan menghambat pekerjaan di lapangan.")
        elif text.startswith("Apa tindak lanjut"):
            await official.send_text("Menambah jam kerja dan tenaga lapangan.")
        elif "Kirim data dukung" in text:
            await official.send_document(sample_pdf(f"Data dukung {division} {count}"),
                                         f"Data-Dukung-{division.replace(' ', '-')}-{count}.pdf",
                                         PDF)
            await official.wait_for_text("Data dukung tersimpan", TIMEOUT)
            await official.press("Selesai")
        elif "Kirim realisasi keuangan" in text:
            await official.send_text(spend_for(text))
        count += 1
    raise AssertionError(f"{division}: the bot kept asking")


def _repeated(official: SimulatedUser, message: SentMessage) -> bool:
    """Whether ``message`` repeats, word for word, the bot message right before it."""
    messages = official.messages
    index = messages.index(message)
    return index > 0 and messages[index - 1].first_content == message.first_content


PROMPTS = ("Kirim angka realisasi", "Realisasi masih di bawah target", "Apa tindak lanjut",
           "Kirim data dukung", "Kirim realisasi keuangan", "Semua isian lengkap")


def spend_for(prompt: str) -> str:
    """Money an official might report: about sixty percent of the pagu, typed in millions."""
    budget = next(line for line in prompt.splitlines() if line.startswith("Pagu:"))
    amount = parse_number(budget.split(":", 1)[1].replace("Rp", "")) * Decimal("0.6")
    if amount >= 1_000_000_000:
        return f"{number(amount / 1_000_000_000, 2)} M"
    return f"{number(amount / 1_000_000, 1)} jt"


def answer_for(prompt: str, *, short: bool) -> str:
    """A realisation an official might type: the target, or nine tenths of it."""
    target = next(line for line in prompt.splitlines() if line.startswith("🎯 Target"))
    # "🎯 Target Triwulan II 2026: 10,00 (s.d. Triwulan II 2026: 20,00)": the quarter's own.
    shown = target.split(": ", 1)[1].split(" (", 1)[0].strip()
    decimals = len(shown.split(",")[1]) if "," in shown else 0
    value = parse_number(shown) if shown != "-" else Decimal(10)
    if short:
        value = value * Decimal("0.9")
    return number(value, decimals)


async def fill_in_part(official: SimulatedUser, division: str, year: int) -> None:
    await begin(official, "Langkah 4")
    await official.wait_for_text("Ringkasan isian", TIMEOUT)
    await official.send_text(
        f"Realisasi kinerja {division}: 87,5%\nRealisasi keuangan: Rp 1.250.000")
    await official.wait_for_text("Realisasi tersimpan", TIMEOUT)
    await official.send_document(sample_pdf(f"Data dukung {division} {year}"),
                                 f"Data-Dukung-{division.replace(' ', '-')}.pdf", PDF)
    await official.wait_for_text("Data dukung tersimpan", TIMEOUT)
    await submit(official)


async def begin(official: SimulatedUser, heading: str) -> None:
    """Wait for the hand-off that starts with ``heading`` and press its ▶️ Mulai."""
    handoff = await official.wait_for_text(heading, TIMEOUT)
    await official.press("Mulai", handoff)


async def submit(official: SimulatedUser) -> None:
    await official.press("Serahkan")
    await official.wait_for_text("Serahkan isian ini", TIMEOUT)
    await official.press("Ya, lanjutkan")
    await official.wait_for_text("telah diserahkan", TIMEOUT)


async def compile_and_forward(people: Officials, say: Callable[[str], None]) -> None:
    team, secretary = people["team_lead"], people["secretary"]
    say("Langkah 5 — Tim SAKIP menyusun laporan")
    await begin(team, "Langkah 5")
    await team.wait_for_text("Kelengkapan", TIMEOUT)
    await team.press("Susun & kirim laporan")
    await team.wait_for_text("Laporan telah disusun", TIMEOUT)
    say("Langkah 6 — Sekretaris meneruskan kepada Kepala Dinas")
    await begin(secretary, "Langkah 6")
    await secretary.wait_for_text("Kelengkapan", TIMEOUT)
    await secretary.press("Teruskan ke Kepala Dinas")
    await secretary.wait_for_text("telah diteruskan", TIMEOUT)
