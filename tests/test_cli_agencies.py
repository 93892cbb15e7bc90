"""Several agencies in one database, from the command line: ``agency add|list`` and ``--agency``
on every command; a command without a code never guesses which Dinas it is for."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from sqlmodel import select

from bot import cli
from bot.services.context import ServiceContext
from storage import agencies, users
from storage.models import AuditEvent, Delegation, User
from tests.test_cli import ctx, env, printed_user_id, run  # noqa: F401
from tests.test_logo import picture

AMBIGUOUS = "Ada beberapa Dinas di basis data ini: dinkes, pupr."


@pytest.fixture
def two(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["init", "--name", "Dinas Kesehatan", "--code", "dinkes",
                     "--division", "Bidang P2P"]) == 0
    assert cli.main(["agency", "add", "--code", "pupr", "--name", "Dinas PUPR",
                     "--division", "Bina Marga", "--division", "Sumber Daya Air"]) == 0
    capsys.readouterr()


def names_in(ctx: ServiceContext, code: str) -> list[str]:  # noqa: F811
    with ctx.transaction() as session:
        agency = agencies.get_agency(session=session, code=code)
        assert agency is not None and agency.id is not None
        return [u.name for u in users.list_users(session=session, agency_id=agency.id)]


def test_agency_add_makes_a_second_agency_and_list_shows_both(
        capsys: pytest.CaptureFixture[str], ctx: ServiceContext) -> None:  # noqa: F811
    assert run(capsys, "init", "--name", "Dinas Kesehatan", "--code", "dinkes")[0] == 0
    code, out, err = run(capsys, "agency", "add", "--code", "pupr", "--name", "  Dinas   PUPR ",
                         "--division", "Bina Marga", "--division", "Sumber Daya Air")
    assert code == 0, err
    assert "Dinas PUPR (kode pupr) telah dibuat" in out
    assert "• Sekretariat\n• Bina Marga\n• Sumber Daya Air" in out

    code, out, _ = run(capsys, "agency", "list")
    assert code == 0
    rows = [line.split("  ") for line in out.splitlines()[2:]]
    assert [[cell.strip() for cell in row if cell.strip()] for row in rows] == [
        ["dinkes", "Dinas Kesehatan", "1", "0", "-"],
        ["pupr", "Dinas PUPR", "3", "0", "-"]]
    with ctx.transaction() as session:
        pupr = agencies.get_agency(session=session, code="pupr")
        assert pupr is not None and pupr.id is not None
        assert [d.name for d in agencies.list_divisions(session=session, agency_id=pupr.id)] == [
            "Sekretariat", "Bina Marga", "Sumber Daya Air"]


@pytest.mark.usefixtures("two")
@pytest.mark.parametrize(("argv", "message"), [
    (["agency", "add", "--code", "pupr", "--name", "Lain"], "Kode pupr sudah dipakai"),
    (["agency", "add", "--code", "pu pr", "--name", "Lain"], "tidak dapat dipakai"),
    (["agency", "add", "--code", "dinas/kes", "--name", "Lain"], "tidak dapat dipakai"),
    (["agency", "add", "--code", "baru", "--name", "   "], "Nama"),
])
def test_agency_add_refuses_a_taken_or_bad_code(
        capsys: pytest.CaptureFixture[str], ctx: ServiceContext,  # noqa: F811
        argv: list[str], message: str) -> None:
    code, out, err = run(capsys, *argv)
    assert code in (1, 2) and message in err + out
    with ctx.transaction() as session:
        assert [a.code for a in agencies.list_agencies(session=session)] == ["dinkes", "pupr"]
        pupr = agencies.get_agency(session=session, code="pupr")
        assert pupr is not None and pupr.name == "Dinas PUPR"


@pytest.mark.usefixtures("two")
@pytest.mark.parametrize("argv", [
    ["users"],
    ["user", "add", "--name", "Budi", "--role", "kepala"],
    ["user", "invite", "--name", "Budi", "--role", "kepala"],
    ["user", "deactivate", "1"],
    ["agency", "show"],
    ["agency", "set", "--place", "Padang"],
    ["plh", "list"],
    ["outbox", "list"],
    ["archive", "list"],
    ["template", "master", "--out", "t.xlsx"],
])
def test_without_a_code_several_agencies_are_never_guessed(
        capsys: pytest.CaptureFixture[str], ctx: ServiceContext,  # noqa: F811
        argv: list[str]) -> None:
    with ctx.transaction() as session:
        events = len(session.exec(select(AuditEvent)).all())
    code, out, err = run(capsys, *argv)
    assert code == 1 and AMBIGUOUS in err and "--agency KODE" in err
    assert out == "" and "Traceback" not in err
    with ctx.transaction() as session:
        assert session.exec(select(User)).all() == []
        assert len(session.exec(select(AuditEvent)).all()) == events


@pytest.mark.usefixtures("two")
def test_agency_before_or_after_the_command_and_agency_code_as_default(
        capsys: pytest.CaptureFixture[str], ctx: ServiceContext,  # noqa: F811
        monkeypatch: pytest.MonkeyPatch) -> None:
    assert run(capsys, "--agency", "pupr", "user", "add", "--name", "Budi", "--role", "bidang",
               "--division", "Bina Marga")[0] == 0
    assert run(capsys, "user", "add", "--agency", "dinkes", "--name", "Sari",
               "--role", "kepala")[0] == 0
    assert names_in(ctx, "pupr") == ["Budi"] and names_in(ctx, "dinkes") == ["Sari"]

    code, out, _ = run(capsys, "users", "--agency", "pupr")
    assert code == 0 and "Budi" in out and "Sari" not in out
    monkeypatch.setenv("AGENCY_CODE", "dinkes")
    code, out, _ = run(capsys, "users")
    assert code == 0 and "Sari" in out and "Budi" not in out
    code, out, _ = run(capsys, "users", "--agency", "pupr")  # the option wins
    assert code == 0 and "Budi" in out and "Sari" not in out


@pytest.mark.usefixtures("two")
def test_an_unknown_code_names_the_known_ones(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "users", "--agency", "dinsos")
    assert code == 1 and out == ""
    assert "Tidak ada Dinas dengan kode dinsos. Kode yang terdaftar: dinkes, pupr." in err


@pytest.mark.usefixtures("two")
def test_one_agency_cannot_reach_another_agencys_officials(
        capsys: pytest.CaptureFixture[str], ctx: ServiceContext) -> None:  # noqa: F811
    code, out, _ = run(capsys, "user", "add", "--agency", "pupr", "--name", "Budi",
                       "--role", "bidang", "--division", "Bina Marga", "--telegram-id", "5005")
    budi = printed_user_id(out)
    assert run(capsys, "user", "add", "--agency", "dinkes", "--name", "Kadis",
               "--role", "kepala", "--telegram-id", "6006")[0] == 0

    for argv in (["user", "deactivate", str(budi)], ["user", "update", str(budi), "--name", "X"],
                 ["user", "invite", "--user-id", str(budi)]):
        code, _, err = run(capsys, *argv, "--agency", "dinkes")
        assert code == 1 and f"Pengguna dengan ID {budi} tidak ditemukan" in err, argv
    # Another agency's division is not this one's either.
    code, _, err = run(capsys, "user", "add", "--agency", "dinkes", "--name", "Ani",
                       "--role", "bidang", "--division", "Bina Marga")
    assert code == 1 and 'Bidang "Bina Marga" tidak dikenal' in err and "Bidang P2P" in err
    # Nor its officials, as an acting official.
    code, _, err = run(capsys, "plh", "add", "--agency", "dinkes", "--for", str(budi),
                       "--by", str(budi), "--until", "2030-01-01")
    assert code == 1
    with ctx.transaction() as session:
        budi_row = session.get(User, budi)
        assert budi_row is not None and budi_row.active and budi_row.name == "Budi"
        assert session.exec(select(Delegation)).all() == []
    assert names_in(ctx, "dinkes") == ["Kadis"]


@pytest.mark.usefixtures("two")
def test_provinsi_prints_every_agency_and_writes_the_workbook_and_picture(
        capsys: pytest.CaptureFixture[str], env: Path) -> None:  # noqa: F811
    code, out, err = run(capsys, "provinsi", "--out", str(env / "p.xlsx"),
                         "--picture", str(env / "p.png"))
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].split()[:2] == ["Kode", "Dinas"]
    assert any(line.startswith("dinkes") and "Dinas Kesehatan" in line and "belum dimulai"
               in line for line in lines)
    assert any(line.startswith("pupr") for line in lines)
    assert (env / "p.xlsx").read_bytes()[:2] == b"PK"
    assert (env / "p.png").read_bytes()[:4] == b"\x89PNG"


@pytest.mark.usefixtures("two")
def test_each_agency_keeps_its_own_zone_and_calendar(
        capsys: pytest.CaptureFixture[str], ctx: ServiceContext,  # noqa: F811
        tmp_path: Path) -> None:
    additions = tmp_path / "kalender-pupr.toml"
    additions.write_text('removed_holidays = ["2026-12-24"]\n'
                         '[[holiday]]\ndate = "2026-12-10"\nname = "Hari Jadi Provinsi"\n',
                         encoding="utf-8")
    code, out, err = run(capsys, "agency", "set", "--agency", "pupr", "--timezone", "wita",
                         "--calendar", str(additions))
    assert code == 0, err
    assert "Zona waktu: WITA (Asia/Makassar)" in out
    assert "Hari libur daerah/tambahan: 1\n  • 10 Desember 2026 — Hari Jadi Provinsi" in out
    assert ("Libur nasional yang tetap masuk kerja: 1\n"
            "  • 24 Desember 2026 — Cuti Bersama Hari Raya Natal") in out
    code, out, _ = run(capsys, "agency", "show", "--agency", "dinkes")
    assert "Zona waktu: WIB (Asia/Jakarta)" in out and "tambahan: tidak ada" in out

    # Dates typed for the agency are its own wall clock: 07:30 in Makassar is 23:30 UTC.
    code, out, _ = run(capsys, "user", "add", "--agency", "pupr", "--name", "Kadis PUPR",
                       "--role", "kepala", "--telegram-id", "7007")
    head = printed_user_id(out)
    code, out, _ = run(capsys, "user", "add", "--agency", "pupr", "--name", "Wakil",
                       "--role", "sekretaris", "--telegram-id", "7008")
    deputy = printed_user_id(out)
    code, out, err = run(capsys, "plh", "add", "--agency", "pupr", "--for", str(head),
                         "--by", str(deputy), "--from", "2030-01-07 07:30",
                         "--until", "2030-01-08")
    assert code == 0, err
    assert "WITA" in out
    with ctx.transaction() as session:
        [plh] = session.exec(select(Delegation)).all()
        assert plh.starts_at.replace(tzinfo=None) == datetime(2030, 1, 6, 23, 30)

    # What cannot be used is refused in Indonesian, and nothing changes.
    for argv, message in (
            (["--timezone", "Mars/Olympus"], 'Zona waktu "Mars/Olympus" tidak dikenal'),
            (["--calendar", str(tmp_path / "tidak-ada.toml")], "tidak dapat dibaca"),
            (["--timezone", "WIT", "--calendar", str(_written(tmp_path, "[office_hours\n"))],
             "penulisan TOML tidak sah")):
        code, out, err = run(capsys, "agency", "set", "--agency", "pupr", *argv)
        assert code == 1 and message in err and "Traceback" not in err, argv
    assert "Zona waktu: WITA (Asia/Makassar)" in run(capsys, "agency", "show", "--agency",
                                                     "pupr")[1]
    code, out, _ = run(capsys, "agency", "set", "--agency", "pupr", "--no-calendar",
                       "--timezone", "")
    assert code == 0 and "Zona waktu: WIB (Asia/Jakarta)" in out and "tidak ada" in out


def _written(folder: Path, text: str) -> Path:
    path = folder / "salah.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_an_agency_sets_shows_and_removes_its_logo(
        capsys: pytest.CaptureFixture[str], two: None, tmp_path: Path) -> None:
    logo, not_a_picture = tmp_path / "logo.png", tmp_path / "logo.pdf"
    logo.write_bytes(picture(1000, 500))
    not_a_picture.write_bytes(b"%PDF-1.4 bukan gambar")
    code, out, err = run(capsys, "agency", "set", "--agency", "pupr", "--logo", str(logo))
    assert code == 0, err
    assert "Logo pada kop: PNG 400×200" in out
    code, out, _ = run(capsys, "agency", "show", "--agency", "dinkes")
    assert "Logo pada kop: (belum diisi)" in out, "the other agency keeps none"
    code, _, err = run(capsys, "agency", "set", "--agency", "pupr", "--logo",
                       str(not_a_picture))
    assert code != 0 and "Logo tidak dapat dipakai: bukan gambar" in err
    code, _, err = run(capsys, "agency", "set", "--agency", "pupr", "--logo",
                       str(tmp_path / "tidak-ada.png"))
    assert code != 0 and "tidak-ada.png" in err
    code, out, _ = run(capsys, "agency", "show", "--agency", "pupr")
    assert "Logo pada kop: PNG 400×200" in out, "a refused file changes nothing"
    code, out, _ = run(capsys, "agency", "set", "--agency", "pupr", "--no-logo")
    assert code == 0 and "Logo pada kop: (belum diisi)" in out
