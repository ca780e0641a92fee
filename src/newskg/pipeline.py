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
from .vocab import DCTERMS, PROV

__all__ = ["BuildResult", "add_article_graph", "build_dataset", "extract_articles"]

Progress = Callable[[int], None]


@dataclass(frozen=True)
class BuildResult:
    """What a build made and what it had to skip.

    Attributes:
        dataset: one named graph per article plus build metadata in the default graph.
        articles: how many articles were built into the dataset.
        entities: distinct entity IRIs across all article graphs.
        problems: input errors; each names the file (and line) and the fix.
        seconds: wall-clock time of the build.
    """

    dataset: Dataset
    articles: int
    entities: int
    problems: tuple[InputError, ...]
    seconds: float

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
) -> BuildResult:
    """Build a dataset from article files and folders.

    Args:
        paths: files (.txt, .md, .html, .jsonl, .csv) and folders searched recursively.
        model: the spaCy model; None for :func:`newskg.nlp.default_model`.
        frames: frame extractors to run; None for the defaults.
        progress: called with the number of articles extracted after each article.
        resolve: join one entity's different names across articles (see
            :mod:`newskg.resolve`); the merges are recorded in the dataset.

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
            progress(len(extractions))
    merges = find_merges(extractions) if resolve else []
    record_merges(ds, merges, run.iri)
    entities: set[str] = set()
    for extraction in extractions:
        extraction = apply_merges(extraction, merges)
        graph = build_article_graph(extraction, run)
        add_article_graph(ds, extraction, graph, run, when)
        entities.update(str(ids.entity_iri(e.type, e.name)) for e in extraction.entities)
    return BuildResult(
        ds, len(extractions), len(entities), tuple(problems), time.perf_counter() - started
    )
