"""``sakip-bot`` end to end: each test runs ``main([...])`` and then opens the real database."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import select

from bot import cli, texts
from bot.bootstrap import build_context
from bot.config import Settings
from bot.domain.sop import Role, mermaid
from bot.services import identity
from bot.services.context import ServiceContext
from storage import agencies, users
from storage.models import Agency, User

AGENCY = "Dinas Bina Marga, Cipta Karya dan Tata Ruang"
INIT = ["init", "--name", AGENCY, "--code", "bmcktr",
        "--division", "Bina Marga", "--division", "Cipta Karya"]


@pytest.fixture(autouse=True)
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, database_url: str | None) -> Path:
    monkeypatch.chdir(tmp_path)  # no stray .env
    monkeypatch.setenv("DATA_DIR", str(tmp_path))
    for name in ("DATABASE_URL", "AGENCY_CODE", "BOT_USERNAME", "TELEGRAM_BOT_TOKEN",
                 "POLL_TIMEOUT"):
        monkeypatch.delenv(name, raising=False)
    if database_url is not None:
        monkeypatch.setenv("DATABASE_URL", database_url)
    return tmp_path


@pytest.fixture
def ctx() -> Iterator[ServiceContext]:
    """The database the CLI wrote, opened the way the bot opens it."""
    context = build_context(Settings(), migrate=True)
    yield context
    context.engine.dispose()


@pytest.fixture
def agency(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(INIT) == 0
    capsys.readouterr()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def all_users(ctx: ServiceContext) -> list[User]:
    with ctx.transaction() as session:
        agency = agencies.get_agency(session=session, code="bmcktr")
        assert agency is not None and agency.id is not None
        return users.list_users(session=session, agency_id=agency.id)


def roles_of(ctx: ServiceContext, user_id: int) -> set[tuple[str, str | None]]:
    with ctx.transaction() as session:
        found = set()
        for assignment in users.roles_of(session=session, user_id=user_id):
            division = (agencies.get_division(session=session,
                                              division_id=assignment.division_id)
                        if assignment.division_id else None)
            found.add((str(assignment.role), division.name if division else None))
        return found


def printed_user_id(out: str) -> int:
    line = next(line for line in out.splitlines() if line.startswith("ID pengguna:"))
    return int(line.split(":")[1])


# --- general ------------------------------------------------------------------------------------
def test_no_command_prints_help_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys)
    assert code == 2 and out == ""
    assert "Penggunaan: sakip-bot" in err
    assert "init" in err and "users" in err


def test_user_without_subcommand_prints_user_help(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "user")
    assert code == 2
    assert "sakip-bot user" in err and "invite" in err


def test_usage_errors_are_in_indonesian(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "user", "add", "--role", "kepala")
    assert code == 2
    assert "argumen berikut wajib diisi: --name" in err
    assert "required" not in err


def test_commands_without_agency_refuse_politely(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "user", "add", "--name", "Budi", "--role", "kepala")
    assert code == 1
    assert "Dinas belum disiapkan" in err and "sakip-bot init" in err
    assert "Traceback" not in err and out == ""


def test_invalid_settings_name_the_field_only(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("POLL_TIMEOUT", "-12345")
    code, _, err = run(capsys, "users")
    assert code == 1
    assert "POLL_TIMEOUT" in err and "-12345" not in err


# --- init ---------------------------------------------------------------------------------------
def test_init_is_idempotent_and_adds_new_divisions(
    capsys: pytest.CaptureFixture[str], ctx: ServiceContext
) -> None:
    code, out, _ = run(capsys, *INIT)
    assert code == 0
    assert "telah dibuat" in out and "Sekretariat" in out

    code, out, _ = run(capsys, *INIT[:-4], "--division", "Bina Marga", "--division", "Tata Ruang")
    assert code == 0
    assert "sudah ada" in out and "Tata Ruang (baru)" in out
    assert "Bina Marga (baru)" not in out

    with ctx.transaction() as session:
        found = list(session.exec(select(Agency)))
        assert [(a.name, a.code) for a in found] == [(AGENCY, "bmcktr")]
        assert found[0].id is not None
        divisions = agencies.list_divisions(session=session, agency_id=found[0].id)
        names = [d.name for d in divisions]
    assert names == ["Sekretariat", "Bina Marga", "Cipta Karya", "Tata Ruang"]
    assert [d.is_secretariat for d in divisions] == [True, False, False, False]


# --- user add -----------------------------------------------------------------------------------
@pytest.mark.usefixtures("agency")
def test_user_add_with_several_roles(
    capsys: pytest.CaptureFixture[str], ctx: ServiceContext
) -> None:
    code, out, err = run(capsys, "user", "add", "--name", "Ir. Budi Santoso", "--role", "head",
                         "--role", "sakip_team", "--role", "bidang", "--division", "Bina Marga",
                         "--telegram-id", "700100")
    assert code == 0, err
    [user] = all_users(ctx)
    assert printed_user_id(out) == user.id
    assert (user.name, user.telegram_id, user.nip, user.active) == (
        "Ir. Budi Santoso", 700100, None, True)
    assert roles_of(ctx, user.id) == {
        ("head", None), ("sakip_team", None), ("division", "Bina Marga")}
    assert "Kepala Dinas" in out and "Bidang Bina Marga" in out


@pytest.mark.usefixtures("agency")
@pytest.mark.parametrize(("typed", "role"), [
    ("kepala", Role.HEAD),
    ("KEPALA", Role.HEAD),
    ("Sekretaris", Role.SECRETARY),
    ("tim-sakip", Role.SAKIP_TEAM),
    ("Tim_SAKIP", Role.SAKIP_TEAM),
    ("perencanaan", Role.PLANNING_UNIT),
    ("subbag-perencanaan", Role.PLANNING_UNIT),
    ("Planning_Unit", Role.PLANNING_UNIT),
])
def test_role_aliases(
    capsys: pytest.CaptureFixture[str], ctx: ServiceContext, typed: str, role: Role
) -> None:
    code, out, _ = run(capsys, "user", "add", "--name", "Siti", "--role", typed)
    assert code == 0
    assert roles_of(ctx, printed_user_id(out)) == {(role.value, None)}


@pytest.mark.usefixtures("agency")
def test_unknown_role_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], ctx: ServiceContext
) -> None:
    code, _, err = run(capsys, "user", "add", "--name", "Siti", "--role", "bos")
    assert code == 2
    assert "peran 'bos' tidak dikenal" in err
    assert all_users(ctx) == []


@pytest.mark.usefixtures("agency")
def test_division_role_needs_division(
    capsys: pytest.CaptureFixture[str], ctx: ServiceContext
) -> None:
    code, out, err = run(capsys, "user", "add", "--name", "Siti", "--role", "bidang")
    assert code == 1
    assert "Peran Bidang memerlukan nama Bidang" in err and "--division" in err
    assert "Traceback" not in err and out == ""
    assert all_users(ctx) == []  # the refused registration left nothing behind


@pytest.mark.usefixtures("agency")
def test_unknown_division_lists_the_known_ones(
    capsys: pytest.CaptureFixture[str], ctx: ServiceContext
) -> None:
    code, _, err = run(capsys, "user", "add", "--name", "Siti", "--role", "bidang",
                       "--division", "Sumber Daya Air")
    assert code == 1
    assert 'Bidang "Sumber Daya Air" tidak dikenal' in err
    assert "Bina Marga, Cipta Karya" in err
    assert all_users(ctx) == []


@pytest.mark.usefixtures("agency")
@pytest.mark.parametrize("typed", ["197209251998031003", " 19720925 199803 1 003 "])
def test_valid_nip_is_stored_normalised(
    capsys: pytest.CaptureFixture[str], ctx: ServiceContext, typed: str
) -> None:
    code, _, err = run(capsys, "user", "add", "--name", "Siti", "--role", "sekretaris",
                       "--nip", typed)
    assert code == 0
    assert err == ""
    [user] = all_users(ctx)
    assert user.nip == "19720925 199803 1 003"


@pytest.mark.usefixtures("agency")
@pytest.mark.parametrize("typed", [
    "19721325 199803 1 003",  # month 13 of birth
    "19720231 199803 1 003",  # 31 February
    "19850101 2021 21 1 001",  # a PPPK number
    "12345",
])
def test_other_nip_is_kept_as_text_with_a_warning(
    capsys: pytest.CaptureFixture[str], ctx: ServiceContext, typed: str
) -> None:
    code, _, err = run(capsys, "user", "add", "--name", "Siti", "--role", "sekretaris",
                       "--nip", typed)
    assert code == 0
    assert "Peringatan" in err and "bukan NIP PNS yang sah" in err
    [user] = all_users(ctx)
    assert user.nip == typed


@pytest.mark.parametrize(("typed", "expected"), [
    ("197209251998031003", ("19720925 199803 1 003", None)),
    ("19720925199803200 1", ("19720925 199803 2 001", None)),
    ("19720925 199803 3 003", ("19720925 199803 3 003", "sex")),
    ("19720925 199813 1 003", ("19720925 199813 1 003", "appointment")),
    ("19720925 196803 1 003", ("19720925 196803 1 003", "appointment")),
    ("19720230 199803 1 003", ("19720230 199803 1 003", "birth_date")),
    ("1972092519980310", ("1972092519980310", "length")),
    ("1972O925199803I003", ("1972O925199803I003", "length")),
    ("   ", (None, None)),
])
def test_normalise_nip(typed: str, expected: tuple[str | None, str | None]) -> None:
    assert cli.normalise_nip(typed) == expected


# --- invite -------------------------------------------------------------------------------------
def invite_code(out: str) -> str:
    line = next(line for line in out.splitlines() if line.startswith("/start "))
    return line.removeprefix("/start ")


@pytest.mark.usefixtures("agency")
def test_invite_creates_user_and_code_is_redeemable(
    capsys: pytest.CaptureFixture[str], ctx: ServiceContext
) -> None:
    code, out, err = run(capsys, "user", "invite", "--name", "Dewi", "--role", "bidang",
                         "--division", "Cipta Karya")
    assert code == 0, err
    invite = invite_code(out)
    assert f"Kode undangan untuk Dewi (ID 1): {invite}" in out
    assert "https://t.me/" not in out
    [user] = all_users(ctx)
    assert (user.name, user.telegram_id) == ("Dewi", None)

    member = identity.redeem_invite(ctx, 880011, invite)
    assert member.user_id == user.id and member.name == "Dewi"
    assert member.roles[0][0] == "division" and member.roles[0][2] == "Cipta Karya"
    [user] = all_users(ctx)
    assert user.telegram_id == 880011


@pytest.mark.usefixtures("agency")
def test_invite_link_from_option_or_environment(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, _ = run(capsys, "user", "invite", "--name", "Dewi", "--role", "kepala",
                       "--bot-username", "@sakip_bmcktr_bot")
    assert code == 0
    assert f"https://t.me/sakip_bmcktr_bot?start={invite_code(out)}" in out

    monkeypatch.setenv("BOT_USERNAME", "dari_env_bot")
    code, out, _ = run(capsys, "user", "invite", "--user-id", "1")
    assert code == 0
    assert f"https://t.me/dari_env_bot?start={invite_code(out)}" in out


@pytest.mark.usefixtures("agency")
def test_invite_existing_user_by_id(
    capsys: pytest.CaptureFixture[str], ctx: ServiceContext
) -> None:
    assert run(capsys, "user", "add", "--name", "Siti", "--role", "sekretaris")[0] == 0
    code, out, _ = run(capsys, "user", "invite", "--user-id", "1")
    assert code == 0
    assert identity.redeem_invite(ctx, 42, invite_code(out)).name == "Siti"
    assert len(all_users(ctx)) == 1


@pytest.mark.usefixtures("agency")
def test_invite_refuses_unknown_id_and_duplicate_name(
    capsys: pytest.CaptureFixture[str], ctx: ServiceContext
) -> None:
    code, _, err = run(capsys, "user", "invite", "--user-id", "99")
    assert code == 1
    assert "Pengguna dengan ID 99 tidak ditemukan" in err

    assert run(capsys, "user", "invite", "--name", "Dewi", "--role", "kepala")[0] == 0
    code, out, err = run(capsys, "user", "invite", "--name", "dewi", "--role", "kepala")
    assert code == 1
    assert "sudah terdaftar" in err and "--user-id 1" in err and out == ""
    assert len(all_users(ctx)) == 1


@pytest.mark.usefixtures("agency")
def test_invite_by_name_needs_a_role(
    capsys: pytest.CaptureFixture[str], ctx: ServiceContext
) -> None:
    code, _, err = run(capsys, "user", "invite", "--name", "Dewi")
    assert code == 1
    assert "--role" in err
    assert all_users(ctx) == []


# --- activate, list, diagram, run, demo ---------------------------------------------------------
@pytest.mark.usefixtures("agency")
def test_deactivate_and_activate(capsys: pytest.CaptureFixture[str], ctx: ServiceContext) -> None:
    assert run(capsys, "user", "add", "--name", "Siti", "--role", "kepala")[0] == 0
    code, out, _ = run(capsys, "user", "deactivate", "1")
    assert code == 0 and "dinonaktifkan" in out
    assert [u.active for u in all_users(ctx)] == [False]
    code, out, _ = run(capsys, "user", "activate", "1")
    assert code == 0 and "diaktifkan kembali" in out
    assert [u.active for u in all_users(ctx)] == [True]

    code, _, err = run(capsys, "user", "deactivate", "7")
    assert code == 1 and "ID 7 tidak ditemukan" in err


@pytest.mark.usefixtures("agency")
def test_users_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "users")
    assert code == 0 and "Belum ada pengguna" in out

    run(capsys, "user", "add", "--name", "Ir. Budi", "--role", "kepala", "--role", "tim-sakip",
        "--telegram-id", "5551", "--nip", "197209251998031003")
    run(capsys, "user", "add", "--name", "Sari", "--role", "bidang", "--division", "Bina Marga")
    run(capsys, "user", "deactivate", "2")
    code, out, _ = run(capsys, "users")
    assert code == 0
    header, rule, first, second = out.splitlines()
    assert header.split() == ["ID", "Nama", "Telegram", "ID", "NIP", "Aktif", "Peran"]
    assert set(rule) == {"-", " "}
    assert first.split() == ["1", "Ir.", "Budi", "5551", "19720925", "199803", "1", "003", "ya",
                             "Kepala", "Dinas,", "Tim", "SAKIP"]
    assert second.split() == ["2", "Sari", "-", "-", "tidak", "Bidang", "Bina", "Marga"]
    assert first.index("Kepala") == second.index("Bidang")  # columns line up


def test_diagram_prints_mermaid(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "diagram")
    assert code == 0
    assert out.startswith("flowchart") and out == mermaid()


def test_python_dash_m_bot(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "bot", "diagram"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("flowchart")


def test_run_hands_settings_to_the_app_without_printing_the_token(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, env: Path
) -> None:
    import bot.app

    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123456:RAHASIA-SEKALI")
    seen: list[Settings] = []

    def fake_run(settings: Settings) -> int:
        seen.append(settings)
        return 7

    monkeypatch.setattr(bot.app, "run", fake_run)
    code, out, err = run(capsys, "run")
    assert code == 7
    assert seen[0].data_dir == env and seen[0].token() == "123456:RAHASIA-SEKALI"
    assert "RAHASIA" not in out + err


def test_demo_passes_the_output_folder(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import standin.demo

    seen: list[Path | None] = []
    monkeypatch.setattr(standin.demo, "main", lambda out=None: seen.append(out) or 0)
    assert run(capsys, "demo", "--out", str(tmp_path / "hasil"))[0] == 0
    assert run(capsys, "demo")[0] == 0
    assert seen == [tmp_path / "hasil", None]


def test_demo_without_the_source_checkout_says_where_to_run_it(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Installed from a wheel, the stand-in is not there: one sentence, no traceback."""
    monkeypatch.setitem(sys.modules, "standin.demo", None)  # import fails as if absent
    code, _, err = run(capsys, "demo")
    assert code == 1 and err.strip() == texts.CLI_DEMO_NEEDS_SOURCE


@pytest.mark.parametrize(("umask", "file_mode", "folder_mode"),
                         [(None, 0o600, 0o700), ("027", 0o640, 0o750)])
def test_the_database_and_the_files_are_for_the_bot_s_user_alone(
        tmp_path: Path, umask: str | None, file_mode: int, folder_mode: int) -> None:
    """Made by the program as it is run (its own process), under a permissive umask; UMASK
    set, the agency's own choice instead."""
    env = {**os.environ, "DATA_DIR": str(tmp_path / "data"),
           "PYTHONPATH": str(Path(__file__).resolve().parents[1])}  # this checkout's code
    env.pop("DATABASE_URL", None)
    env.pop("UMASK", None)
    if umask:
        env["UMASK"] = umask
    done = subprocess.run(["sh", "-c", 'umask 022; exec "$0" -m bot init --name "Dinas X" '
                           '--code x', sys.executable], env=env, capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    data = tmp_path / "data"
    assert stat.S_IMODE(data.stat().st_mode) == 0o700, "the data folder itself stays private"
    created = [p for p in data.rglob("*") if p.is_file()]
    assert created and all(stat.S_IMODE(p.stat().st_mode) == file_mode for p in created), [
        (p.name, oct(p.stat().st_mode)) for p in created]
    folders = [p for p in data.rglob("*") if p.is_dir()]
    assert all(stat.S_IMODE(p.stat().st_mode) == folder_mode for p in folders), [
        (p.name, oct(p.stat().st_mode)) for p in folders]
