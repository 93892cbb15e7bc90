"""The deployment files in docs/deploy say what the program reads: every setting they set is
one the bot has, every command they run is one the CLI knows, and the image holds every
package of the program. (Docker itself is not on the test machines.)"""

from __future__ import annotations

import re
import shlex
import tomllib
from pathlib import Path

import pytest

from bot.cli import build_parser
from bot.config import Settings

DEPLOY = Path(__file__).resolve().parents[1] / "docs" / "deploy"
ROOT = DEPLOY.parents[1]


def _block(text: str, opening: str) -> list[str]:
    """The lines indented under ``opening``."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip().startswith(opening))
    indent = len(lines[start]) - len(lines[start].lstrip())
    block = []
    for line in lines[start + 1:]:
        if line.strip() and len(line) - len(line.lstrip()) <= indent:
            break
        block.append(line.strip())
    return [line for line in block if line and not line.startswith("#")]


def test_the_workers_settings_are_the_bots() -> None:
    compose = (DEPLOY / "compose.yaml").read_text(encoding="utf-8")
    names = {line.split(":")[0] for line in _block(compose, "environment: &bot-environment")}
    known = {name.upper() for name in Settings.model_fields}
    assert names and names <= known, names - known
    unit = (DEPLOY / "sakip-bot@.service").read_text(encoding="utf-8")
    for name in re.findall(r"^Environment=(\w+)=", unit, re.MULTILINE):
        assert name in known, name


@pytest.mark.parametrize("argv", [["db", "upgrade"], ["--help"], ["run"],
                                  ["agency", "list"]])
def test_the_commands_they_run_are_the_clis(argv: list[str]) -> None:
    compose = (DEPLOY / "compose.yaml").read_text(encoding="utf-8")
    unit = (DEPLOY / "sakip-bot@.service").read_text(encoding="utf-8")
    written = {tuple(re.findall(r'"([^"]+)"', c))
               for c in re.findall(r"command: \[(.*)\]", compose)}
    written.add(tuple(shlex.split(re.search(r"^ExecStart=\S+ (.*)$", unit,
                                            re.MULTILINE).group(1))))
    written.add(("agency", "list"))  # in the compose file's instructions
    assert tuple(argv) in written
    if argv != ["--help"]:
        build_parser().parse_args(argv)


def test_the_image_holds_every_package_and_the_proxy_the_webhook_path() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    packages = [name.rstrip("*") for name in project["tool"]["setuptools"]["packages"]["find"]
                ["include"]]
    dockerfile = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
    for package in packages:
        assert f"COPY {package} {package}" in dockerfile, package
    caddy = (DEPLOY / "Caddyfile").read_text(encoding="utf-8")
    workers = re.findall(r"^  (bot-\d+): \*bot$", (DEPLOY / "compose.yaml").read_text(
        encoding="utf-8"), re.MULTILINE)
    assert len(workers) >= 2
    for worker in workers:
        assert f"{worker}:8443" in caddy, "every worker behind the proxy"
    assert "reverse_proxy /telegram/sakip" in caddy
