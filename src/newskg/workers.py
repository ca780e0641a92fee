"""The build's heavy stages, run in this process or in a pool of worker processes.

A build passes over its articles twice (see :mod:`newskg.pipeline`):

1. :func:`extract_batch` parses a batch of articles with spaCy and extracts each one;
   it returns the extraction pickled, and the few names resolution needs.
2. :func:`finish_batch` renames merged entities, builds each article graph and
   validates it; it returns the graph as N-Triples and the validation results.

With ``jobs > 1`` a :class:`Stages` runs both in a pool of processes, each holding its
own spaCy pipeline and prepared shapes, and keeps only a few batches in flight, so
memory stays flat however many articles there are. With one job and a spare core it can
parse in one worker process instead, leaving this process free to build and validate
article graphs while the worker parses (see :mod:`newskg.speculation`).
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from .build import RunInfo, build_article_graph
from .errors import WorkerError
from .model import Article, ArticleExtraction
from .resolve import Merge, NameCount, apply_merges, entity_names

if TYPE_CHECKING:
    from rdflib import Graph

    from .validate import ValidationResult

__all__ = [
    "Extracted",
    "Finished",
    "Stages",
    "WorkerConfig",
    "extract_and_finish_batch",
    "extract_batch",
    "finish_batch",
    "finish_unmerged",
]

_In = TypeVar("_In")
_Out = TypeVar("_Out")


@dataclass(frozen=True)
class WorkerConfig:
    """What every worker needs to know: model, frames, run, and how to validate.

    Attributes:
        shapes: the shapes as N-Triples text (None for newskg's own), so that a worker
            process can rebuild the shapes graph.
    """

    model: str
    frames: tuple[str, ...] | None
    version: str
    validate: bool
    shapes: str | None = None
    batch_size: int = 32


@dataclass(frozen=True)
class Extracted:
    """One article after pass 1, small enough to send between processes.

    Attributes:
        article_id: the article's id.
        names: the names resolution reads (:func:`newskg.resolve.entity_names`).
        blob: the pickled :class:`~newskg.model.ArticleExtraction`, for pass 2.
    """

    article_id: str
    names: tuple[NameCount, ...]
    blob: bytes


@dataclass(frozen=True)
class Finished:
    """One article after pass 2.

    Attributes:
        article: the article.
        ntriples: its graph as N-Triples.
        entities: the IRIs of its entities.
        results: its validation results (none without validation).
        rejected: True when a result is a Violation: the graph is set aside.
        graph: the graph itself, when built in this process for an in-memory dataset
            (else None).
    """

    article: Article
    ntriples: str
    entities: tuple[str, ...]
    results: tuple[ValidationResult, ...]
    rejected: bool
    graph: Graph | None = None


@dataclass
class _State:
    config: WorkerConfig
    nlp: Any
    run: RunInfo
    shapes: Graph | None
    keep_graphs: bool


_STATE: _State | None = None


def _init(
    config: WorkerConfig,
    keep_graphs: bool = False,
    shapes: Graph | None = None,
    parse: bool = True,
    parent: int | None = None,
) -> None:
    """Load the spaCy pipeline (unless not ``parse``) and prepare the shapes, once.

    ``parent`` is the build process's id, given to a worker process, which then stops
    when the build process dies.
    """
    global _STATE
    if parent is not None:
        _stop_with(parent)
    from rdflib import Graph

    from .nlp import load_pipeline
    from .validate import validate_graph

    if shapes is None and config.shapes is not None:
        shapes = Graph().parse(data=config.shapes, format="nt")
    if config.validate:
        validate_graph(Graph(), shapes)  # parse and prepare the shapes now, once
    nlp = load_pipeline(config.model) if parse else None
    run = RunInfo(config.version, config.model)
    _STATE = _State(config, nlp, run, shapes, keep_graphs)


def _stop_with(parent: int) -> None:
    """Have Linux stop this worker when the build process dies (killed, say): an
    orphaned worker would wait for work forever, holding the build's pipes open."""
    import ctypes
    import signal

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        return
    if os.getppid() != parent:  # it died before the request was made
        os._exit(1)


_PR_SET_PDEATHSIG = 1


def _state() -> _State:
    if _STATE is None:
        raise RuntimeError("newskg workers used before _init")
    return _STATE


def extract_batch(articles: list[Article]) -> list[Extracted]:
    """Pass 1: parse and extract a batch of articles."""
    from .extract import extract_article

    state = _state()
    found = []
    pairs = ((a.text, a) for a in articles)
    for doc, article in state.nlp.pipe(pairs, as_tuples=True, batch_size=state.config.batch_size):
        extraction = extract_article(article, doc, state.config.frames)
        blob = pickle.dumps(extraction, protocol=pickle.HIGHEST_PROTOCOL)
        found.append(Extracted(article.id, entity_names(extraction), blob))
    return found


def extract_and_finish_batch(articles: list[Article]) -> tuple[list[Extracted], list[Finished]]:
    """Pass 1 and, as if no merge touched them, pass 2 of a batch of articles."""
    extracted = extract_batch(articles)
    return extracted, finish_unmerged(extracted)


def finish_unmerged(extracted: list[Extracted]) -> list[Finished]:
    """Pass 2 of freshly extracted articles, as if no merge touched them."""
    return finish_batch([(item.blob, ()) for item in extracted])


def finish_batch(items: list[tuple[bytes, tuple[Merge, ...]]]) -> list[Finished]:
    """Pass 2: apply the merges, build each article graph, and validate it."""
    from . import ids
    from .validate import validate_graph

    state = _state()
    done = []
    for blob, merges in items:
        extraction: ArticleExtraction = pickle.loads(blob)
        if merges:
            extraction = apply_merges(extraction, merges)
        graph = build_article_graph(extraction, state.run)
        results: tuple[ValidationResult, ...] = ()
        rejected = False
        if state.config.validate:
            report = validate_graph(graph, state.shapes, extraction.article.id)
            results, rejected = report.results, report.has_violations()
        entities = tuple(str(ids.entity_iri(e.type, e.name)) for e in extraction.entities)
        done.append(
            Finished(
                extraction.article,
                graph.serialize(format="nt"),
                entities,
                results,
                rejected,
                graph if state.keep_graphs else None,
            )
        )
    return done


def _check(config: WorkerConfig) -> None:
    """Raise here what a worker would fail on at start, with its own message (in a
    worker it would only break the pool)."""
    import importlib.util

    from .errors import ConfigError
    from .extract import FRAMES
    from .extract import frames as _builtin  # noqa: F401  (registers the built-in extractors)
    from .nlp import load_pipeline

    try:
        installed = importlib.util.find_spec(config.model) is not None
    except (ImportError, ValueError):  # not a module name: a model folder, perhaps
        installed = False
    if not installed:
        load_pipeline(config.model)  # raises ConfigError naming the model and the fix
    for name in config.frames or ():
        if name not in FRAMES:
            raise ConfigError(
                f"unknown frame extractor {name!r}; use one of {', '.join(sorted(FRAMES))}"
            )


class Stages:
    """Runs the two passes in this process (``jobs=1``) or in ``jobs`` processes.

    With several processes, pass 1's workers also finish each article as if no merge
    touched it (:attr:`finishes_early`). With ``overlap`` and one job, pass 1 runs in
    one worker process and this process is set up to run :func:`finish_batch` itself
    meanwhile. ``keep_graphs`` keeps the
    rdflib graph of each article finished in this process (an in-memory dataset takes
    it as it is; a store takes N-Triples). Use as a context manager; the pool, if any,
    is closed on exit.
    """

    def __init__(
        self,
        config: WorkerConfig,
        jobs: int = 1,
        shapes: Graph | None = None,
        *,
        overlap: bool = False,
        keep_graphs: bool = True,
    ) -> None:
        self.jobs = max(1, jobs)
        self.overlap = overlap and self.jobs == 1
        self.pool: ProcessPoolExecutor | None = None
        if self.jobs == 1 and not self.overlap:
            _init(config, keep_graphs=keep_graphs, shapes=shapes)
        else:
            _check(config)
            if self.overlap:
                _init(config, keep_graphs=keep_graphs, shapes=shapes, parse=False)
            methods = multiprocessing.get_all_start_methods()
            context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
            # A pool that notices a worker dying (a multiprocessing.Pool waits forever).
            self.pool = ProcessPoolExecutor(
                self.jobs,
                mp_context=context,
                initializer=_init,
                initargs=(config, False, None, True, os.getpid()),
            )
            # Fork the workers now (the first task forks them all), not later from a
            # process with the store open and its writer thread running.
            self.pool.submit(int)

    def __enter__(self) -> Stages:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close(finished=exc[0] is None)

    def close(self, *, finished: bool = True) -> None:
        """Stop the worker processes (at once, unless ``finished``)."""
        if self.pool is None:
            return
        pool, self.pool = self.pool, None
        if not finished:
            # The executor has no public way to stop a batch under way.
            for process in list(getattr(pool, "_processes", {}).values()):
                process.terminate()
        pool.shutdown(wait=True, cancel_futures=True)

    def extract(
        self, batches: Iterable[list[Article]]
    ) -> Iterator[tuple[list[Extracted], list[Finished] | None]]:
        """Pass 1 over batches of articles, results in input order.

        With :attr:`finishes_early`, the workers also finish each article as if no
        merge touched it, and give the finished articles beside the extractions.
        """
        if self.finishes_early:
            return self._map(extract_and_finish_batch, batches)
        return ((found, None) for found in self._map(extract_batch, batches))

    @property
    def finishes_early(self) -> bool:
        """Whether pass 1's workers finish each article too (with several workers:
        with one, the spare core of an overlapped build does it instead)."""
        return self.jobs > 1

    def finish(
        self, batches: Iterable[list[tuple[bytes, tuple[Merge, ...]]]]
    ) -> Iterator[list[Finished]]:
        """Pass 2 over batches of (pickled extraction, its merges), in input order."""
        return self._map(finish_batch, batches)

    def _map(self, function: Callable[[_In], _Out], batches: Iterable[_In]) -> Iterator[_Out]:
        if self.pool is None:
            yield from map(function, batches)
            return
        # A bounded window of tasks: the inputs are read only as results are taken.
        window: deque[Future[_Out]] = deque()
        for batch in batches:
            window.append(self._submit(function, batch))
            if len(window) >= 2 * self.jobs:
                yield self._wait(window.popleft())
        while window:
            yield self._wait(window.popleft())

    def _submit(self, function: Callable[[_In], _Out], batch: _In) -> Future[_Out]:
        assert self.pool is not None
        try:
            return self.pool.submit(function, batch)
        except BrokenProcessPool as err:  # a worker died since the last result
            raise _worker_died() from err

    @staticmethod
    def _wait(future: Future[_Out]) -> _Out:
        try:
            return future.result()
        except BrokenProcessPool as err:
            raise _worker_died() from err


def _worker_died() -> WorkerError:
    return WorkerError(
        "a worker process stopped before finishing its batch (killed, out of memory, or "
        "its setup failed: see any message above); what was written to a store stays "
        "there: build again to finish, with fewer --jobs if memory is short"
    )
