"""Documentation stays true: every command has help, and docs/cli.md is current."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import click

from newskg.cli import cli

REPO = Path(__file__).resolve().parent.parent


def _render() -> str:
    spec = importlib.util.spec_from_file_location(
        "gen_cli_docs", REPO / "scripts" / "gen_cli_docs.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return str(module.render())


def test_every_command_and_option_has_help() -> None:
    ctx = click.Context(cli)
    for name in cli.list_commands(ctx):
        command = cli.get_command(ctx, name)
        assert command is not None and command.help, f"{name} has no help"
        for param in command.params:
            if isinstance(param, click.Option):
                assert param.help, f"{name} {param.opts} has no help"


def test_cli_reference_is_current() -> None:
    current = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    assert current == _render(), "docs/cli.md is stale: run python scripts/gen_cli_docs.py"


def test_readme_starts_with_the_two_setup_commands() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = readme.split("```")
    commands = [b for b in blocks[1::2]]
    assert "pip install" in commands[0] and "newskg build seeds" in commands[0]
    assert "pip install" in commands[1] and "pytest" in commands[1]
