"""The build: articles in, one RDF dataset out, one named graph per article.

``ingest -> nlp -> extract -> build -> (validate) -> dataset``. A bad article is reported
and skipped; everything else is built.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from rdflib import Dataset, Graph, Literal
from rdflib.namespace import XSD

from . import __version__, ids
from .build import RunInfo, bind_prefixes, build_article_graph
from .errors import InputError
from .extract import extract_article
from .ingest import iter_articles
from .model import Article, ArticleExtraction
from .resolve import apply_merges, find_merges, record_merges
from .validate import ValidationReport, combine_reports, validate_conflicts, validate_graph
from .vocab import DCTERMS, PROV

__all__ = [
    "BuildResult",
    "Rejected",
    "add_article_graph",
    "build_dataset",
    "extract_articles",
    "rejected_dataset",
]

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Rejected:
    """An article graph set aside because it has a SHACL Violation, with its report."""

    article: Article
    graph: Graph
    report: ValidationReport


@dataclass(frozen=True)
class BuildResult:
    """What a build made and what it had to skip.

    Attributes:
        dataset: one named graph per article plus build metadata in the default graph.
        articles: how many articles were built into the dataset.
        entities: distinct entity IRIs across all article graphs.
        problems: input errors; each names the file (and line) and the fix.
        seconds: wall-clock time of the build.
        rejected: article graphs set aside for a Violation (not in ``dataset``).
        report: the Warnings and Infos of the accepted graphs, or None without validation.
    """

    dataset: Dataset
    articles: int
    entities: int
    problems: tuple[InputError, ...]
    seconds: float
    rejected: tuple[Rejected, ...] = ()
    report: ValidationReport | None = None

    @property
    def triples(self) -> int:
        """Quads in the dataset, metadata included."""
        return len(self.dataset)


def extract_articles(
    articles: Sequence[Article],
    *,
    model: str | None = None,
    frames: Sequence[str] | None = None,
    batch_size: int = 32,
) -> Iterator[ArticleExtraction]:
    """Parse articles with spaCy in batches and extract each one."""
    from .nlp import load_pipeline

    nlp = load_pipeline(model)
    pairs = ((a.text, a) for a in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield extract_article(article, doc, frames)


def _record_graph(ds: Dataset, article: Article, run: RunInfo, when: Literal) -> None:
    graph_iri = ids.article_graph_iri(article.id)
    meta = ds.default_graph
    meta.add((graph_iri, PROV.wasDerivedFrom, ids.article_iri(article.id)))
    meta.add((graph_iri, PROV.wasGeneratedBy, run.iri))
    meta.add((graph_iri, PROV.generatedAtTime, when))
    if article.source:
        meta.add((graph_iri, DCTERMS.source, Literal(article.source)))


def add_article_graph(
    ds: Dataset, extraction: ArticleExtraction, graph: Graph, run: RunInfo, when: Literal
) -> None:
    """Put one article's graph into the dataset, replacing any earlier version of it."""
    graph_iri = ids.article_graph_iri(extraction.article.id)
    ds.remove_graph(graph_iri)
    target = ds.graph(graph_iri)
    target.addN((s, p, o, target) for s, p, o in graph)
    _record_graph(ds, extraction.article, run, when)


def build_dataset(
    paths: Sequence[str | Path],
    *,
    model: str | None = None,
    frames: Sequence[str] | None = None,
    progress: Progress | None = None,
    resolve: bool = True,
    validate: bool = True,
    shapes: Graph | None = None,
) -> BuildResult:
    """Build a dataset from article files and folders.

    Args:
        paths: files (.txt, .md, .html, .jsonl, .csv) and folders searched recursively.
        model: the spaCy model; None for :func:`newskg.nlp.default_model`.
        frames: frame extractors to run; None for the defaults.
        progress: called with (articles extracted, articles read) after each article.
        resolve: join one entity's different names across articles (see
            :mod:`newskg.resolve`); the merges are recorded in the dataset.
        validate: check each article graph against the SHACL shapes; a graph with a
            Violation is set aside in ``rejected`` instead of joining the dataset.
        shapes: the shapes to check with (:func:`newskg.validate.load_shapes`); newskg's
            own by default.

    Returns:
        The dataset and what went wrong on the way; input problems never stop the build.
    """
    from .nlp import default_model

    started = time.perf_counter()
    problems: list[InputError] = []
    articles: list[Article] = []
    for item in iter_articles(paths):
        if isinstance(item, InputError):
            problems.append(item)
        else:
            articles.append(item)
    run = RunInfo(__version__, model or default_model())
    when = Literal(datetime.now(UTC).replace(microsecond=0).isoformat(), datatype=XSD.dateTime)
    ds = Dataset()
    bind_prefixes(ds)
    extractions = []
    for extraction in extract_articles(articles, model=model, frames=frames):
        extractions.append(extraction)
        if progress is not None:
            progress(len(extractions), len(articles))
    merges = find_merges(extractions) if resolve else []
    record_merges(ds, merges, run.iri)
    entities: set[str] = set()
    rejected: list[Rejected] = []
    reports: list[ValidationReport] = []
    union = Graph()
    for extraction in extractions:
        extraction = apply_merges(extraction, merges)
        graph = build_article_graph(extraction, run)
        if validate:
            report = validate_graph(graph, shapes, extraction.article.id)
            if report.has_violations():
                rejected.append(Rejected(extraction.article, graph, report))
                continue
            reports.append(report)
            union += graph
        add_article_graph(ds, extraction, graph, run, when)
        entities.update(str(ids.entity_iri(e.type, e.name)) for e in extraction.entities)
    if validate:
        reports.append(validate_conflicts(union, shapes))
    return BuildResult(
        ds,
        len(extractions) - len(rejected),
        len(entities),
        tuple(problems),
        time.perf_counter() - started,
        tuple(rejected),
        combine_reports(reports) if validate else None,
    )


def rejected_dataset(rejected: Sequence[Rejected]) -> Dataset:
    """The set-aside article graphs as a dataset, one named graph each, for review."""
    ds = Dataset()
    bind_prefixes(ds)
    for item in rejected:
        target = ds.graph(ids.article_graph_iri(item.article.id))
        target.addN((s, p, o, target) for s, p, o in item.graph)
    return ds
