"""Click options that several ``newskg`` commands share, spelled once.

Kept apart from ``cli.py`` so command modules can use them without importing the main
group, and free of heavy imports: ``newskg --help`` builds every option.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import click

__all__ = ["TABLE_FORMATS", "choice_option", "count_option", "table_format_option"]

F = TypeVar("F", bound=Callable[..., Any])

TABLE_FORMATS = ("table", "csv", "tsv", "json")
"""The output formats of every command that prints a table (``newskg.query.format_result``)."""


def choice_option(*decls: str, choices: Sequence[str], default: str, help: str) -> Callable[[F], F]:
    """An option taking one of ``choices``, its default shown in ``--help``."""
    return click.option(
        *decls, type=click.Choice(list(choices)), default=default, show_default=True, help=help
    )


def count_option(*decls: str, default: int, help: str, minimum: int = 0) -> Callable[[F], F]:
    """A whole-number option of at least ``minimum``, its default shown in ``--help``."""
    return click.option(
        *decls, type=click.IntRange(min=minimum), default=default, show_default=True, help=help
    )


def table_format_option(command: F) -> F:
    """``--format/-f table|csv|tsv|json``, handed to the command as ``fmt``."""
    option = choice_option(
        "--format", "-f", "fmt", choices=TABLE_FORMATS, default="table", help="Output format."
    )
    return option(command)
