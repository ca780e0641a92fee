"""The build: articles in, one named graph per article out, to a dataset or a store.

``ingest -> nlp -> extract -> resolve -> build -> validate -> dataset or store``, in two
passes so that memory stays flat however many articles there are:

1. parse and extract every article (in ``jobs`` processes), keeping only the names
   resolution needs and spilling each extraction to a temporary file;
2. decide the cross-article merges, then rename, build and validate each article graph
   (in the worker processes, or this one with one job and no spare core) and write it,
   in batches, to the dataset or store.

Most articles take part in no merge, so pass 1 also builds and validates each article
graph as if none touched it (with one job and a spare core, in this process while the
worker parses; with several jobs, in the workers), and a store build writes it at once;
pass 2 then builds again only the articles a merge does touch
(:mod:`newskg.speculation`).

A bad article is reported and skipped; an article graph with a SHACL Violation is set
aside; everything else is built. A store build skips an article stored from the same
text by the same newskg version and model (its content hash), and replaces a changed one.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections import defaultdict, deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TypedDict, Unpack

from rdflib import Dataset, Graph

from . import __version__, ids
from .build import RunInfo, bind_prefixes
from .errors import InputError
from .ingest import iter_articles
from .model import Article
from .resolve import Merge, NameIndex, find_merges
from .sinks import DatasetSink, Sink, StoreSink, content_hash
from .speculation import Speculation
from .store import open_store
from .validate import ValidationReport, ValidationResult, combine_reports, validate_conflicts
from .workers import Extracted, Finished, Stages, WorkerConfig, finish_unmerged

__all__ = [
    "BuildOptions",
    "BuildResult",
    "Progress",
    "Rejected",
    "build_dataset",
    "build_store",
    "content_hash",
    "rejected_dataset",
]

Progress = Callable[[str, int, int], None]
"""Called with (stage, done, total); stage is ``"extracting"`` or ``"writing"``."""


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
        dataset: one named graph per article plus build metadata in the default graph
            (empty for a build into a store).
        articles: how many articles were built (into the dataset or store).
        entities: distinct entity IRIs across the graphs built.
        problems: input errors; each names the file (and line) and the fix.
        seconds: wall-clock time of the build.
        rejected: article graphs set aside for a Violation (not in the dataset or store).
        report: the Warnings and Infos of the accepted graphs, or None without validation.
        triples: quads in the dataset or store, metadata included.
        store: the store built into, or None.
        unchanged: articles a store already held from the same text, not built again.
    """

    dataset: Dataset
    articles: int
    entities: int
    problems: tuple[InputError, ...]
    seconds: float
    rejected: tuple[Rejected, ...] = ()
    report: ValidationReport | None = None
    triples: int = 0
    store: str | None = None
    unchanged: int = 0


class BuildOptions(TypedDict, total=False):
    """How :func:`build_dataset` and :func:`build_store` build; every key is optional.

    Attributes:
        model: the spaCy model; None (the default) for :func:`newskg.nlp.default_model`.
        frames: frame extractors to run; None (the default) for all of them.
        progress: called with (stage, done, total) as articles are extracted and written.
        resolve: join one entity's different names across articles (see
            :mod:`newskg.resolve`); the merges are recorded. Default True.
        validate: check each article graph against the SHACL shapes; a graph with a
            Violation is set aside in ``rejected`` instead of being kept. Default True.
        shapes: the shapes to check with (:func:`newskg.validate.load_shapes`); newskg's
            own by default.
        jobs: worker processes that parse, extract, build and validate. Default 1.
        batch_size: articles per batch handed to a worker (and per store transaction).
            Default 32.
    """

    model: str | None
    frames: Sequence[str] | None
    progress: Progress | None
    resolve: bool
    validate: bool
    shapes: Graph | None
    jobs: int
    batch_size: int


def build_dataset(paths: Sequence[str | Path], **options: Unpack[BuildOptions]) -> BuildResult:
    """Build an in-memory dataset from article files and folders.

    Args:
        paths: files (.txt, .md, .html, .jsonl, .csv) and folders searched recursively.
        options: see :class:`BuildOptions`.

    Returns:
        The dataset and what went wrong on the way; input problems never stop the build.
    """
    return _build(paths, DatasetSink(), _Options.of(options, force=False))


def build_store(
    paths: Sequence[str | Path],
    store: str | Path,
    *,
    force: bool = False,
    **options: Unpack[BuildOptions],
) -> BuildResult:
    """Build articles into a store folder or SPARQL server, incrementally.

    Args:
        paths: as for :func:`build_dataset`.
        store: a folder (created if missing) or the http(s) URL of a SPARQL endpoint.
        force: build every article, even those stored from the same text.
        options: see :class:`BuildOptions`.

    Each batch of article graphs is written in one transaction (a store folder) or one
    PUT per graph (a server), so an interrupted build leaves each article all in or not
    at all; building again finishes the job. Merges consider the names already stored.

    Raises:
        StoreError: the store cannot be opened (another newskg process writes to it) or
            written.
    """
    settings = _Options.of(options, force=force)
    with open_store(store, write=True) as opened:  # fail now, not after loading models
        opened.articles()
    with StoreSink(store) as sink:
        return _build(paths, sink, settings)


@dataclass(frozen=True)
class _Options:
    model: str | None
    frames: Sequence[str] | None
    resolve: bool
    validate: bool
    shapes: Graph | None
    jobs: int
    batch_size: int
    force: bool
    progress: Progress | None

    @classmethod
    def of(cls, options: BuildOptions, *, force: bool) -> _Options:
        return cls(
            options.get("model"),
            options.get("frames"),
            options.get("resolve", True),
            options.get("validate", True),
            options.get("shapes"),
            options.get("jobs", 1),
            options.get("batch_size", 32),
            force,
            options.get("progress"),
        )


def _build(paths: Sequence[str | Path], sink: Sink, options: _Options) -> BuildResult:
    from .nlp import default_model

    progress = options.progress

    started = time.perf_counter()
    problems: list[InputError] = []
    by_id: dict[str, Article] = {}
    for item in iter_articles(paths):
        if isinstance(item, InputError):
            problems.append(item)
        else:
            by_id[item.id] = item  # a later record with the same id wins
    run = RunInfo(__version__, options.model or default_model())
    overlap = options.jobs <= 1 and spare_core()
    config = WorkerConfig(
        run.model,
        None if options.frames is None else tuple(options.frames),
        __version__,
        options.validate,
        None
        if options.shapes is None or (options.jobs <= 1 and not overlap)
        else options.shapes.serialize(format="nt"),
        options.batch_size,
    )
    keep_graphs = isinstance(sink, DatasetSink)
    with (
        Stages(
            config, options.jobs, options.shapes, overlap=overlap, keep_graphs=keep_graphs
        ) as stages,
        tempfile.TemporaryFile(prefix="newskg-") as spill,
        tempfile.TemporaryFile(prefix="newskg-finished-") as early,
    ):
        sink.open()
        stored = {} if options.force else sink.stored()
        articles = [
            a
            for a in by_id.values()
            if (s := stored.get(a.id)) is None
            or (s.content_hash, s.run) != (content_hash(a), str(run.iri))
        ]
        unchanged = len(by_id) - len(articles)
        del by_id
        known = sink.known_names()  # before any early write adds this build's names
        speculation = Speculation(early)

        def finish_early(batch: list[Extracted], done: list[Finished] | None) -> None:
            if done is None:  # not finished by the worker: finish it here
                done = finish_unmerged(batch)
            # A changed article waits: its stored version stays should a merge break it.
            now: list[Finished] = []
            later: list[Finished] = []
            for f in done:
                (now if sink.writes_early and f.article.id not in stored else later).append(f)
            if now:
                sink.write([f for f in now if not f.rejected], {}, run)
            speculation.keep(now, written=True)
            speculation.keep(later)

        index, where = _extract(
            stages,
            articles,
            spill,
            options.batch_size,
            progress,
            finish_early if stages.overlap or stages.finishes_early else None,
        )
        total = len(articles)
        del articles
        merges = find_merges(index, known) if options.resolve else []
        sink.begin(merges, run)
        by_article: dict[str, list[Merge]] = defaultdict(list)
        for merge in merges:
            for article_id in merge.articles:
                by_article[article_id].append(merge)
        for article_id in by_article:
            speculation.discard(article_id)
        # Written early but touched by a merge: out of the store until written merged,
        # so that a build stopped in between leaves them absent, not half-resolved.
        touched = sorted(speculation.written.intersection(by_article))
        if touched:
            sink.withdraw(touched)
        batches = _read_batches(spill, where, by_article, options.batch_size, speculation)
        finished = _finish(stages, batches, speculation)
        outcome = _write(finished, sink, by_article, speculation, run, progress, total)
        sink.finish()
    reports = []
    if options.validate:
        reports = [ValidationReport(True, tuple(outcome.results), Graph())]
        if outcome.built:
            reports.append(validate_conflicts(sink.union(), options.shapes))
    return BuildResult(
        sink.dataset,
        outcome.built,
        len(outcome.entities),
        tuple(problems),
        time.perf_counter() - started,
        tuple(outcome.rejected),
        combine_reports(reports) if options.validate else None,
        sink.triples(),
        sink.location,
        unchanged,
    )


def spare_core() -> bool:
    """Whether this machine has a core to spare beside one parsing process."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        cores = os.cpu_count() or 1
    return cores >= 2


def _extract(
    stages: Stages,
    articles: list[Article],
    spill: IO[bytes],
    batch_size: int,
    progress: Progress | None,
    finish_early: Callable[[list[Extracted], list[Finished] | None], None] | None,
) -> tuple[NameIndex, list[tuple[str, int, int]]]:
    """Pass 1: extract every article, spill the extractions, index their names.

    ``finish_early`` is called on each batch (with the articles finished by the
    workers, if they did) while the workers parse the next ones.
    """
    index = NameIndex()
    where: list[tuple[str, int, int]] = []
    batches = (articles[i : i + batch_size] for i in range(0, len(articles), batch_size))
    for batch, finished in stages.extract(batches):
        for item in batch:
            index.add(item.article_id, item.names)
            where.append((item.article_id, spill.tell(), len(item.blob)))
            spill.write(item.blob)
        if finish_early is not None:
            finish_early(batch, finished)
        if progress is not None:
            progress("extracting", len(where), len(articles))
    return index, where


_Item = tuple[str, bytes, tuple[Merge, ...]]


def _read_batches(
    spill: IO[bytes],
    where: list[tuple[str, int, int]],
    merges: dict[str, list[Merge]],
    batch_size: int,
    finished: Speculation,
) -> Iterator[list[_Item]]:
    """Pass 2's input: (id, spilled extraction, its merges) in order; the extraction is
    not read for an article already finished."""
    batch: list[_Item] = []
    for article_id, offset, length in where:
        blob = b""
        if article_id not in finished:
            spill.seek(offset)
            blob = spill.read(length)
        batch.append((article_id, blob, tuple(merges.get(article_id, ()))))
        if len(batch) >= batch_size:
            yield batch
            batch = []
    if batch:
        yield batch


def _finish(
    stages: Stages, batches: Iterator[list[_Item]], finished: Speculation
) -> Iterator[list[Finished]]:
    """Pass 2: each batch's articles, finished in pass 1 or built now, in order."""
    queued: deque[list[_Item]] = deque()

    def to_build() -> Iterator[list[tuple[bytes, tuple[Merge, ...]]]]:
        for batch in batches:
            queued.append(batch)
            yield [
                (blob, merges) for article_id, blob, merges in batch if article_id not in finished
            ]

    for built in stages.finish(to_build()):
        batch = queued.popleft()
        fresh = iter(built)
        yield [
            finished.take(article_id) if article_id in finished else next(fresh)
            for article_id, _, _ in batch
        ]


def _write(
    batches: Iterator[list[Finished]],
    sink: Sink,
    merges: dict[str, list[Merge]],
    speculation: Speculation,
    run: RunInfo,
    progress: Progress | None,
    total: int,
) -> _Outcome:
    """Pass 2's end: hand each batch of finished articles to the sink, and count them."""
    outcome = _Outcome()
    # Written early and untouched by merges: already in the store as they are.
    kept = speculation.written.difference(merges)
    for finished in batches:
        accepted = [f for f in finished if not f.rejected and f.article.id not in kept]
        if accepted:
            sink.write(accepted, merges, run)
        outcome.add(finished)
        if progress is not None:
            progress("writing", outcome.done, total)
    return outcome


class _Outcome:
    """What pass 2 produced, counted as it goes (graphs are not kept)."""

    def __init__(self) -> None:
        self.done = 0
        self.built = 0
        self.entities: set[str] = set()
        self.results: list[ValidationResult] = []
        self.rejected: list[Rejected] = []

    def add(self, finished: list[Finished]) -> None:
        for f in finished:
            self.done += 1
            if f.rejected:
                graph = (
                    f.graph if f.graph is not None else Graph().parse(data=f.ntriples, format="nt")
                )
                bind_prefixes(graph)
                report = ValidationReport(False, f.results, Graph())
                self.rejected.append(Rejected(f.article, graph, report))
                continue
            self.built += 1
            self.entities.update(f.entities)
            self.results.extend(f.results)


def rejected_dataset(rejected: Sequence[Rejected]) -> Dataset:
    """The set-aside article graphs as a dataset, one named graph each, for review."""
    ds = Dataset()
    bind_prefixes(ds)
    for item in rejected:
        target = ds.graph(ids.article_graph_iri(item.article.id))
        target.addN((s, p, o, target) for s, p, o in item.graph)
    return ds
