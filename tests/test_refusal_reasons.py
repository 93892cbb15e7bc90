"""Every reason a refusal can carry has its own words, and the code names reasons only through
the enumerations, so a misspelt reason fails at once instead of falling to a generic message."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from bot import texts
from bot.domain import errors
from bot.domain.errors import Reason
from bot.domain.numbers import Expected, InvalidNumber, NumberProblem

ROOT = Path(__file__).resolve().parents[1]
PRODUCT = ("bot", "conversations", "storage", "reports")
# Values every message may use; a message must not show "None" for one it needs.
PARAMS = {"step": 7, "name": "Laporan.pdf", "division": "Bidang Bina Marga",
          "role": "Sekretaris", "value": "abc", "code": "DPUPR", "known": ["DPUPR", "DINKES"],
          "year": 2026, "quarter": 2, "count": 3, "missing": ["IK 1.1: realisasi"],
          "problem": "too_large", "field": "", "user_id": 5, "divisions": ["Bidang Bina Marga"]}


@pytest.mark.parametrize("reason", list(Reason), ids=str)
def test_every_reason_has_its_message_in_the_chat(reason: Reason) -> None:
    assert reason in texts.REFUSALS
    message = texts.error_message(errors.InvalidInput(reason=reason, **PARAMS))
    assert message and message != texts.REFUSED_INPUT
    assert "None" not in message
    assert message == message.strip()
    assert "sakip-bot " not in message  # commands of the admin's, not the official's


@pytest.mark.parametrize("reason", sorted(texts.CLI_REFUSALS), ids=str)
def test_the_command_line_words_some_reasons_its_own_way(reason: Reason) -> None:
    message = texts.cli_error(errors.InvalidInput(reason=reason, **PARAMS), user_id=5,
                              divisions=["Bidang Bina Marga"])
    assert message != texts.error_message(errors.InvalidInput(reason=reason, **PARAMS))
    assert "None" not in message


def test_an_unknown_reason_gets_the_general_message() -> None:
    assert texts.error_message(errors.InvalidInput(reason="tidak_ada")) == texts.REFUSED_INPUT
    assert texts.invite_error("tidak_ada") == texts.INVITE_REFUSED


@pytest.mark.parametrize("problem", list(NumberProblem), ids=str)
def test_every_number_problem_has_its_message(problem: NumberProblem) -> None:
    refused = InvalidNumber(reason=problem, text="1,2,3", expected=Expected.NUMBER, decimals=2)
    message = texts.error_message(refused)
    assert message.split(" Contoh:")[0] != "Angka tidak dapat digunakan."
    assert message != texts.REFUSED_INPUT


def _written_out(value: ast.expr) -> bool:
    """A string, an f-string, or a choice between values of which one is."""
    if isinstance(value, ast.IfExp):
        return _written_out(value.body) or _written_out(value.orelse)
    return isinstance(value, ast.Constant | ast.JoinedStr)


def _literal_reasons(tree: ast.AST) -> list[int]:
    """Lines where a reason is written as a string instead of a member of an enumeration."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            for keyword in node.keywords:
                if keyword.arg == "reason" and _written_out(keyword.value):
                    found.append(node.lineno)
        if not isinstance(node, ast.Compare):
            continue
        sides = [node.left, *node.comparators]
        if any(isinstance(side, ast.Call) and side.args and isinstance(side.args[0], ast.Constant)
               and side.args[0].value == "reason" for side in sides) and any(
                isinstance(side, ast.Constant) and isinstance(side.value, str) for side in sides):
            found.append(node.lineno)
    return found


def test_the_code_names_reasons_only_through_the_enumerations() -> None:
    offenders = {}
    for package in PRODUCT:
        for path in sorted((ROOT / package).rglob("*.py")):
            lines = _literal_reasons(ast.parse(path.read_text(encoding="utf-8")))
            if lines:
                offenders[str(path.relative_to(ROOT))] = lines
    assert offenders == {}


def test_the_check_finds_a_literal_reason() -> None:
    """The scan above would pass on nothing: show it catches both ways of writing one."""
    source = ('raise errors.InvalidInput(reason="unknown_itme")\n'
              'if error.params.get("reason") == "no_agency":\n    pass\n'
              'raise InvalidInput(reason=Reason.UNKNOWN_AGENCY if known else "no_agency")\n'
              'raise InvalidInput(reason=Reason.UNKNOWN_AGENCY if known else Reason.NO_AGENCY)\n')
    assert _literal_reasons(ast.parse(source)) == [1, 2, 4]
