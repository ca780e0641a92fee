"""Write docs/cli.md from the commands' --help (tests/test_docs.py checks it is current).

python scripts/gen_cli_docs.py
"""

from __future__ import annotations

import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent.parent / "docs" / "cli.md"


def render() -> str:
    """The command reference, one section per command, from click's own help."""
    import click

    from newskg.cli import cli

    parts = [
        "# Command reference\n",
        "Generated from `--help` by `python scripts/gen_cli_docs.py`; do not edit.\n",
    ]

    def section(path: list[str], command: click.Command) -> None:
        name = " ".join(["newskg", *path])
        with click.Context(
            command,
            info_name=name,
            terminal_width=88,
            help_option_names=["-h", "--help"],
            max_content_width=88,
        ) as ctx:
            text = command.get_help(ctx)
        parts.append(f"\n## `{name}`\n\n```\n{text}\n```\n")
        if isinstance(command, click.Group):
            for sub in command.list_commands(ctx):
                child = command.get_command(ctx, sub)
                if child is not None:
                    section([*path, sub], child)

    section([], cli)
    return "".join(parts)


if __name__ == "__main__":
    DOCS.write_text(render(), encoding="utf-8")
    sys.stdout.write(f"wrote {DOCS}\n")
