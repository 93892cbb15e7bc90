"""``sakip-bot agency`` (letterhead), ``user update``, ``--rank`` and ``plh`` (Plh/Plt).

The CLI is the installed program and reads the wall clock: where a test here speaks of "today"
(a ``--until`` date), it means the real today on purpose and reads it from the same clock.
"""
# ruff: noqa: F811  (pytest fixtures imported from tests.test_cli are parameters here)

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session, select

from bot.domain.clock import as_utc, to_local
from bot.domain.sop import Role
from bot.services.context import ServiceContext, load_actor
from storage import agencies
from storage.models import AuditEvent, Delegation, OutboxMessage
from tests.test_cli import agency, all_users, ctx, env, printed_user_id, run  # noqa: F401


def _people(capsys: pytest.CaptureFixture[str]) -> dict[str, int]:
    ids = {}
    for key, role, extra in (("head", "kepala", ["--rank", "Pembina Utama Muda (IV/c)"]),
                             ("secretary", "sekretaris", []), ("team", "tim-sakip", [])):
        code, out, _ = run(capsys, "user", "add", "--name", key.title(), "--role", role,
                           "--telegram-id", str(100 + len(ids)), *extra)
        assert code == 0, out
        ids[key] = printed_user_id(out)
    return ids


def test_init_and_agency_set_write_the_letterhead(capsys: pytest.CaptureFixture[str],
                                                   ctx: ServiceContext) -> None:
    code, out, _ = run(capsys, "init", "--name", "Dinas PU", "--code", "pu", "--province",
                       "Kabupaten Agam", "--address", "Jl. Sudirman 1", "--place", "Lubuk Basung")
    assert code == 0 and "Pemerintah daerah: Kabupaten Agam" in out
    code, out, _ = run(capsys, "agency", "set", "--address", "", "--name", "Dinas PUPR")
    assert code == 0
    assert "Dinas: Dinas PUPR (kode pu)" in out and "Alamat: (belum diisi)" in out
    with ctx.transaction() as session:
        agency_ = agencies.get_agency(session=session, code="pu")
        assert agency_ is not None and agency_.id is not None
        profile = agencies.get_profile(session=session, agency_id=agency_.id)
    assert (agency_.name, profile.government, profile.address, profile.place) == (
        "Dinas PUPR", "Kabupaten Agam", "", "Lubuk Basung")
    code, out, _ = run(capsys, "agency", "show")
    assert "Kota penandatanganan: Lubuk Basung" in out
    code, _, err = run(capsys, "agency", "set")
    assert code == 1 and "Tidak ada yang diubah" in err


def test_agency_commands_need_an_agency(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "agency", "show")
    assert code == 1 and "sakip-bot init" in err


def test_rank_is_stored_and_corrected(capsys: pytest.CaptureFixture[str], agency: None,
                                      ctx: ServiceContext) -> None:
    people = _people(capsys)
    head = next(u for u in all_users(ctx) if u.id == people["head"])
    assert head.title == "Pembina Utama Muda (IV/c)"
    code, out, _ = run(capsys, "user", "update", str(people["head"]), "--rank",
                       "Pembina Utama Madya (IV/d)", "--nip", "197209251998031003")
    assert code == 0 and "Pangkat: Pembina Utama Madya (IV/d)" in out
    assert "NIP: 19720925 199803 1 003" in out
    head = next(u for u in all_users(ctx) if u.id == people["head"])
    assert (head.title, head.nip) == ("Pembina Utama Madya (IV/d)", "19720925 199803 1 003")
    code, out, _ = run(capsys, "user", "update", str(people["head"]), "--rank", "")
    assert code == 0 and "Pangkat: -" in out
    code, _, err = run(capsys, "user", "update", "999", "--rank", "x")
    assert code == 1 and "tidak ditemukan" in err
    code, _, err = run(capsys, "user", "update", str(people["head"]), "--name", "  ")
    assert code == 1 and "Nama" in err


def test_plh_add_list_end(capsys: pytest.CaptureFixture[str], agency: None,
                          ctx: ServiceContext) -> None:
    people = _people(capsys)
    tomorrow = to_local(ctx.now()).date() + timedelta(days=1)
    code, out, err = run(capsys, "plh", "add", "--for", str(people["head"]), "--by",
                         str(people["secretary"]), "--until", tomorrow.isoformat())
    assert code == 0, err
    assert "Secretary ditunjuk sebagai Plh. untuk Head" in out
    with Session(ctx.engine) as session:
        made = session.exec(select(Delegation)).one()
        told = session.exec(select(OutboxMessage).where(
            OutboxMessage.user_id == people["secretary"])).all()
    # "until tomorrow" lasts to the end of tomorrow, WIB.
    ends = to_local(as_utc(made.ends_at))
    assert (ends.date(), ends.hour, ends.minute) == (tomorrow, 23, 59)
    assert made.created_by_user_id is None
    assert any("Plh." in m.text for m in told), "the acting official is told"
    with Session(ctx.engine) as session:
        head = load_actor(session, people["secretary"], ctx.now())
    assert head.holds(Role.HEAD), "during the period the Plh holds the head's role"
    code, out, _ = run(capsys, "plh", "list")
    assert code == 0 and _status(out, made.id) == "berlaku"
    assert f"{tomorrow.day} " in out and str(tomorrow.year) in out, "dates carry the year"
    code, out, _ = run(capsys, "plh", "end", str(made.id))
    assert code == 0 and "diakhiri" in out
    with Session(ctx.engine) as session:
        back = session.exec(select(OutboxMessage).where(
            OutboxMessage.user_id == people["head"])).all()
    assert any("kembali kepada Anda" in m.text for m in back), "the official is told"
    code, out, _ = run(capsys, "plh", "list")
    assert "Tidak ada penunjukan" in out
    code, out, _ = run(capsys, "plh", "list", "--all")
    assert _status(out, made.id) in ("berakhir", "dibatalkan")
    code, _, err = run(capsys, "plh", "end", str(made.id))
    assert code == 1 and "sudah berakhir" in err
    with Session(ctx.engine) as session:
        actions = [e.action for e in session.exec(select(AuditEvent))]
    assert "delegation.add" in actions and "delegation.end" in actions


def _status(out: str, delegation_id: int | None) -> str:
    """The Status column of the row of ``delegation_id`` in ``plh list``."""
    header, _, *rows = out.splitlines()
    start = header.index("Status")
    row = next(r for r in rows if r.split()[0] == str(delegation_id))
    return row[start:].strip()


def test_a_future_appointment_is_listed_as_coming(capsys: pytest.CaptureFixture[str],
                                                  agency: None, ctx: ServiceContext) -> None:
    people = _people(capsys)
    code, _, err = run(capsys, "plh", "add", "--for", str(people["head"]), "--by",
                       str(people["secretary"]), "--from", "2099-01-05", "--until", "2099-01-09",
                       "--kind", "plt")
    assert code == 0, err
    code, out, _ = run(capsys, "plh", "list")
    assert _status(out, 1) == "akan berlaku" and "5 Jan 2099 00.00" in out
    assert "Plt." in out and "9 Jan 2099 23.59" in out
    code, out, _ = run(capsys, "plh", "end", "1")
    code, out, _ = run(capsys, "plh", "list", "--all")
    assert _status(out, 1) == "dibatalkan" and "9 Jan 2099 23.59" in out


def test_one_stand_in_at_a_time_and_no_chains(capsys: pytest.CaptureFixture[str],
                                               agency: None, ctx: ServiceContext) -> None:
    people = _people(capsys)
    head, secretary, team = (str(people[k]) for k in ("head", "secretary", "team"))
    run(capsys, "user", "add", "--name", "Kabid", "--role", "bidang", "--division",
        "Bina Marga", "--telegram-id", "150")
    assert run(capsys, "plh", "add", "--for", head, "--by", secretary, "--from", "2099-01-05",
               "--until", "2099-01-09")[0] == 0
    refusals = [
        (["--for", head, "--by", team, "--from", "2099-01-08", "--until", "2099-01-12"],
         "sudah memiliki Plh./Plt."),
        (["--for", "4", "--by", head, "--from", "2099-01-06", "--until", "2099-01-07"],
         "berhalangan"),
        (["--for", secretary, "--by", team, "--from", "2099-01-09", "--until", "2099-01-10"],
         "sedang menjadi Plh./Plt."),
    ]
    for argv, message in refusals:
        code, _, err = run(capsys, "plh", "add", *argv)
        assert code == 1 and message in err, (argv, err)
    assert run(capsys, "plh", "add", "--for", head, "--by", team, "--from", "2099-01-10",
               "--until", "2099-01-12")[0] == 0, "the next period is free"
    assert run(capsys, "plh", "add", "--for", "4", "--by", secretary, "--from", "2099-01-06",
               "--until", "2099-01-07")[0] == 0, "one official may stand in for two"


def test_a_stand_in_must_be_reachable_and_the_official_active(
        capsys: pytest.CaptureFixture[str], agency: None, ctx: ServiceContext) -> None:
    people = _people(capsys)
    code, out, _ = run(capsys, "user", "add", "--name", "Tanpa Telegram", "--role", "tim-sakip")
    offline = printed_user_id(out)
    code, _, err = run(capsys, "plh", "add", "--for", str(people["head"]), "--by", str(offline),
                       "--until", "2099-01-01")
    assert code == 1 and "belum terhubung" in err
    run(capsys, "user", "deactivate", str(people["head"]))
    code, _, err = run(capsys, "plh", "add", "--for", str(people["head"]), "--by",
                       str(people["secretary"]), "--until", "2099-01-01")
    assert code == 1 and "tidak aktif" in err


@pytest.mark.parametrize(("argv", "message"), [
    (["--for", "{head}", "--by", "{head}", "--until", "2099-01-01"], "dirinya sendiri"),
    (["--for", "{team}", "--by", "{head}", "--until", "2099-01-01"], "hanya dapat ditunjuk"),
    (["--for", "{head}", "--by", "999", "--until", "2099-01-01"], "tidak ditemukan"),
    (["--for", "{head}", "--by", "{secretary}", "--until", "besok"], "tidak dikenali"),
    (["--for", "{head}", "--by", "{secretary}", "--from", "2020-01-01", "--until",
      "2020-01-02"], "sudah lewat"),
    (["--for", "{head}", "--by", "{secretary}", "--from", "2099-01-05", "--until",
      "2099-01-01"], "sesudah awalnya"),
])
def test_plh_add_refuses_with_a_reason(capsys: pytest.CaptureFixture[str], agency: None,
                                       ctx: ServiceContext, argv: list[str],
                                       message: str) -> None:
    people = _people(capsys)
    code, _, err = run(capsys, "plh", "add", *(a.format(**people) for a in argv))
    assert code == 1 and message in err, err
    with Session(ctx.engine) as session:
        assert session.exec(select(Delegation)).first() is None


def test_user_commands_stay_inside_the_configured_agency(
        capsys: pytest.CaptureFixture[str], agency: None, ctx: ServiceContext,
        monkeypatch: pytest.MonkeyPatch) -> None:
    people = _people(capsys)
    assert run(capsys, "init", "--name", "Dinas Lain", "--code", "lain")[0] == 0
    monkeypatch.setenv("AGENCY_CODE", "lain")
    head = str(people["head"])
    for argv in (["user", "update", head, "--rank", "X"], ["user", "deactivate", head],
                 ["user", "invite", "--user-id", head]):
        code, _, err = run(capsys, *argv)
        assert code == 1 and "tidak ditemukan" in err, argv
    monkeypatch.setenv("AGENCY_CODE", "bmcktr")
    user = next(u for u in all_users(ctx) if u.id == people["head"])
    assert user.title == "Pembina Utama Muda (IV/c)" and user.active
    with Session(ctx.engine) as session:
        before = len(session.exec(select(AuditEvent)).all())
    assert run(capsys, "user", "update", head, "--rank", " Pembina Utama Muda  (IV/c) ")[0] == 0
    with Session(ctx.engine) as session:
        assert len(session.exec(select(AuditEvent)).all()) == before, "no change, no audit"
