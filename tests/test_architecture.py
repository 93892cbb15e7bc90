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


# The layers, inner first. Words are the user-facing text and the format helpers shared by
# everyone (strings, Indonesian numbers, the buttons' callback data); Face is what meets the
# official or the administrator: handlers, the application, the CLI.
LAYERS: dict[str, str] = {
    "bot.domain": "Domain", "bot.texts": "Words", "bot.formatting": "Words",
    "bot.callbacks": "Words", "storage": "Store", "reports": "Docs", "bot.services": "Flows",
    "conversations": "Face", "bot": "Face",
}
# Which layer may import which: each only inward, so no two layers need each other.
MAY_USE: dict[str, set[str]] = {
    "Domain": set(),
    "Words": {"Domain"},
    "Store": {"Domain"},
    "Docs": {"Domain", "Words"},
    "Flows": {"Domain", "Words", "Store", "Docs"},
    "Face": {"Domain", "Words", "Store", "Docs", "Flows"},
}
OUTSIDE_THE_DOMAIN = ("sqlmodel", "sqlalchemy", "storage", "telegram", "reports",
                      "conversations", "aiohttp", "openpyxl", "pandas", "apscheduler")


def _layer(module: str) -> str | None:
    for prefix in sorted(LAYERS, key=len, reverse=True):
        if module == prefix or module.startswith(f"{prefix}."):
            return LAYERS[prefix]
    return None


def _imported_modules(path: Path) -> set[str]:
    """Every module ``path`` imports, anywhere in it; ``from bot import texts`` is
    ``bot.texts``."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:
                nested = ROOT.joinpath(*node.module.split("."), alias.name)
                is_module = nested.with_suffix(".py").exists() or (nested / "__init__.py").exists()
                found.add(f"{node.module}.{alias.name}" if is_module else node.module)
    return found


def _module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


@pytest.mark.parametrize("path", _modules("bot/domain"), ids=lambda p: str(p.relative_to(ROOT)))
def test_the_domain_is_pure(path: Path) -> None:
    """The engine, the SOP table and the formulas: no database, no Telegram, no documents, no
    services, so that each can be read and tested as plain Python."""
    imported = _imported_modules(path)
    outside = {n for n in imported if n.split(".")[0] in OUTSIDE_THE_DOMAIN}
    assert not outside, f"{path} imports {outside}"
    assert {_layer(n) for n in imported} <= {None, "Domain"}, path


def _layer_imports() -> dict[tuple[str, str], set[str]]:
    found: dict[tuple[str, str], set[str]] = {}
    for path in _modules(*SHIPPED):
        source = _layer(_module_name(path))
        assert source is not None, path
        for module in _imported_modules(path):
            target = _layer(module)
            if target is not None and target != source:
                found.setdefault((source, target), set()).add(
                    f"{_module_name(path)} → {module}")
    return found


def test_each_layer_uses_only_the_layers_inside_it() -> None:
    """Face → Flows → Docs/Store → Words → Domain, never back: the reports never call a
    service, the services never a handler, so that no two layers need each other."""
    wrong = {edge: sorted(where) for edge, where in _layer_imports().items()
             if edge[1] not in MAY_USE[edge[0]]}
    assert not wrong, wrong


def test_the_layer_rules_have_no_cycle() -> None:
    order: list[str] = []
    while len(order) < len(MAY_USE):
        ready = [layer for layer, uses in MAY_USE.items()
                 if layer not in order and uses <= set(order)]
        assert ready, f"the layers {set(MAY_USE) - set(order)} need each other"
        order += ready
    assert order[0] == "Domain" and order[-1] == "Face"


def test_the_layer_check_sees_a_wrong_import() -> None:
    """The checks above would notice: a report calling a service, a domain module reading the
    database."""
    assert "Flows" not in MAY_USE["Docs"] and "Store" not in MAY_USE["Domain"]
    assert _layer("reports.esr") == "Docs" and _layer("bot.services.engine") == "Flows"
    assert _layer("bot.callbacks") == "Words" and _layer("bot.app") == "Face"
    assert ("Flows", "Store") in _layer_imports()


# The CLI's command groups work through the services; only the wiring that opens, migrates and
# runs the database itself touches it.
CLI_WIRING = {"common.py", "database.py", "running.py"}


@pytest.mark.parametrize("path", [p for p in _modules("bot/cli") if p.name not in CLI_WIRING],
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_the_cli_commands_call_services_not_the_database(path: Path) -> None:
    forbidden = {n for n in _imported_modules(path)
                 if n.split(".")[0] in ("sqlmodel", "sqlalchemy", "storage")}
    assert not forbidden, f"{path} imports {forbidden}"


def _runtime_imports(path: Path) -> set[str]:
    """The project's modules ``path`` imports when it runs (``if TYPE_CHECKING:`` aside)."""
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and ast.unparse(node.test) in ("TYPE_CHECKING",
                                                                   "typing.TYPE_CHECKING"):
            return
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.update(_imported_modules_of(node))
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return {n for n in found if n.split(".")[0] in SHIPPED}


def _imported_modules_of(node: ast.Import | ast.ImportFrom) -> set[str]:
    if isinstance(node, ast.Import):
        return {alias.name for alias in node.names}
    if not node.module or node.level:
        return set()
    found = set()
    for alias in node.names:
        nested = ROOT.joinpath(*node.module.split("."), alias.name)
        is_module = nested.with_suffix(".py").exists() or (nested / "__init__.py").exists()
        found.add(f"{node.module}.{alias.name}" if is_module else node.module)
    return found


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The groups of modules that import each other, directly or round about."""
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def strong(module: str) -> None:
        order[module] = low[module] = len(order)
        stack.append(module)
        for other in graph.get(module, ()):
            if other not in graph:
                continue
            if other not in order:
                strong(other)
                low[module] = min(low[module], low[other])
            elif other in stack:
                low[module] = min(low[module], order[other])
        if low[module] == order[module]:
            group = []
            while (member := stack.pop()) != module:
                group.append(member)
            if group:
                found.append(sorted([module, *group]))

    for module in graph:
        if module not in order:
            strong(module)
    return found


def test_no_two_modules_need_each_other() -> None:
    """Each module can be read knowing only those below it; no import hides inside a function
    to get round a cycle."""
    graph = {_module_name(p): _runtime_imports(p) - {_module_name(p)}
             for p in _modules(*SHIPPED)}
    assert _cycles(graph) == []
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
