"""The layering rules, checked on the source: the domain knows no Telegram, handlers no SQL."""

from __future__ import annotations

import ast
import fnmatch
import re
import tomllib
from pathlib import Path

import pytest

from bot.domain.sop import mermaid

ROOT = Path(__file__).resolve().parents[1]
NO_TELEGRAM = ["bot/domain", "bot/services", "storage", "reports", "bot/texts",
               "bot/formatting.py", "bot/callbacks.py"]
NO_STORAGE_IN_HANDLERS = ["conversations"]


def _modules(*paths: str) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        target = ROOT / path
        found += [target] if target.is_file() else sorted(target.rglob("*.py"))
    return found


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", _modules(*NO_TELEGRAM), ids=lambda p: str(p.relative_to(ROOT)))
def test_domain_storage_and_reports_do_not_import_telegram(path: Path) -> None:
    forbidden = {n for n in _imports(path) if n.split(".")[0] in ("telegram", "conversations")}
    assert not forbidden, f"{path} imports {forbidden}"


@pytest.mark.parametrize("path", _modules(*NO_STORAGE_IN_HANDLERS),
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_handlers_use_services_not_the_database(path: Path) -> None:
    forbidden = {n for n in _imports(path)
                 if n.split(".")[0] in ("sqlmodel", "sqlalchemy", "storage")}
    assert not forbidden, f"{path} imports {forbidden}"
    source = path.read_text(encoding="utf-8")
    assert not re.search(r"\bselect\(|session\.add|session\.exec", source), path


def test_readme_shows_the_flow_derived_from_the_sop_table() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```mermaid\n(.*?)```", readme, re.S)
    assert block is not None
    assert block.group(1) == mermaid(), "README's diagram is out of date: sakip-bot diagram"


SHIPPED = ["bot", "conversations", "storage", "reports"]


def _top_level_imports(path: Path) -> set[str]:
    """Modules imported when ``path`` is imported (not those imported inside functions)."""
    names: set[str] = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", _modules(*SHIPPED), ids=lambda p: str(p.relative_to(ROOT)))
def test_the_installed_packages_do_not_need_the_stand_in(path: Path) -> None:
    """The Bot API stand-in is development support (tests, benchmarks, the demo): nothing the
    bot needs to run imports it."""
    assert not {n for n in _top_level_imports(path) if n.split(".")[0] == "standin"}


def test_the_stand_in_is_not_packaged() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    include = config["tool"]["setuptools"]["packages"]["find"]["include"]
    assert not any(fnmatch.fnmatch("standin", pattern) for pattern in include)
    assert all(any(fnmatch.fnmatch(package, pattern) for pattern in include)
               for package in SHIPPED)
