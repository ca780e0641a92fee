"""Where a build writes its article graphs: an in-memory dataset or a store.

The build (:mod:`newskg.pipeline`) hands each batch of finished article graphs to a sink;
the sink adds the metadata of each graph (source, run, time) and the merge records, and
gives back the union the cross-article shapes check.
"""

from __future__ import annotations

import hashlib
import queue
import threading
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from rdflib import Dataset, Graph, Literal
from rdflib.namespace import XSD

from . import ids
from .build import RunInfo, bind_prefixes
from .model import Article, EntityType
from .resolve import RESOLUTION_GRAPH, Merge, record_merges
from .store import CONFLICT_VIEW_QUERY, ArticleRecord, GraphStore, StoredArticle, open_store
from .vocab import DCTERMS, PROV
from .workers import Finished

__all__ = ["DatasetSink", "Sink", "StoreSink", "content_hash"]


def content_hash(article: Article) -> str:
    """The sha256 of an article's text: its ``nkg:contentHash``."""
    return hashlib.sha256(article.text.encode()).hexdigest()


def _metadata(graph: Graph, article: Article, run: RunInfo, when: Literal) -> None:
    graph_iri = ids.article_graph_iri(article.id)
    graph.add((graph_iri, PROV.wasDerivedFrom, ids.article_iri(article.id)))
    graph.add((graph_iri, PROV.wasGeneratedBy, run.iri))
    graph.add((graph_iri, PROV.generatedAtTime, when))
    if article.source:
        graph.add((graph_iri, DCTERMS.source, Literal(article.source)))


def _now() -> Literal:
    return Literal(datetime.now(UTC).replace(microsecond=0).isoformat(), datatype=XSD.dateTime)


class Sink:
    """Where pass 2 writes: an in-memory dataset or a store."""

    dataset: Dataset
    location: str | None = None
    writes_early = False
    """Whether graphs finished before the merges are written at once (and written
    again if a merge touches them), instead of waiting for pass 2."""

    def open(self) -> None:
        """Open the destination (after the worker processes have started)."""

    def stored(self) -> dict[str, StoredArticle]:
        """The articles already there, by id."""
        return {}

    def known_names(self) -> dict[EntityType, Counter[str]]:
        """Canonical names already there, for resolution."""
        return {}

    def begin(self, merges: list[Merge], run: RunInfo) -> None:
        """Called once the merges are decided, before any graph is written."""

    def write(self, finished: list[Finished], merges: dict[str, list[Merge]], run: RunInfo) -> None:
        raise NotImplementedError

    def withdraw(self, article_ids: Sequence[str]) -> None:
        """Remove articles written early that a merge touches, before they are built
        again: a build stopped after this leaves them absent, not half-resolved."""
        raise NotImplementedError

    def finish(self) -> None:
        """Wait until everything handed to :meth:`write` is written."""

    def union(self) -> Graph:
        raise NotImplementedError

    def triples(self) -> int:
        raise NotImplementedError


class DatasetSink(Sink):
    def __init__(self) -> None:
        self.dataset = Dataset()
        bind_prefixes(self.dataset)
        self.when = _now()

    def begin(self, merges: list[Merge], run: RunInfo) -> None:
        record_merges(self.dataset, merges, run.iri)

    def write(self, finished: list[Finished], merges: dict[str, list[Merge]], run: RunInfo) -> None:
        for f in finished:
            target = self.dataset.graph(ids.article_graph_iri(f.article.id))
            if f.graph is not None:
                target.addN((s, p, o, target) for s, p, o in f.graph)
            else:
                target.parse(data=f.ntriples, format="nt")
            _metadata(self.dataset.default_graph, f.article, run, self.when)

    def union(self) -> Graph:
        union = Graph()
        prefix = str(ids.article_graph_iri(""))
        for graph in self.dataset.graphs():
            if str(graph.identifier).startswith(prefix):
                union += graph
        return union

    def triples(self) -> int:
        return len(self.dataset)


class StoreSink(Sink):
    writes_early = True

    def __init__(self, location: str | Path) -> None:
        self.target = str(location)
        self.location = self.target
        self.dataset = Dataset()
        self.store: GraphStore | None = None
        self.writer: _Writer | None = None
        self.when = _now()

    def __enter__(self) -> StoreSink:
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            if self.writer is not None:
                self.writer.close(raise_error=exc[0] is None)
        finally:
            if self.store is not None:
                self.store.close()

    def open(self) -> None:
        self.store = open_store(self.target, write=True)
        self.writer = _Writer()

    def _store(self) -> GraphStore:
        assert self.store is not None, "open() first"
        return self.store

    def stored(self) -> dict[str, StoredArticle]:
        return self._store().articles()

    def known_names(self) -> dict[EntityType, Counter[str]]:
        return self._store().entity_names()

    def write(self, finished: list[Finished], merges: dict[str, list[Merge]], run: RunInfo) -> None:
        records = []
        for f in finished:
            meta = Graph()
            _metadata(meta, f.article, run, self.when)
            records.append(
                ArticleRecord(
                    f.article.id,
                    content_hash(f.article),
                    f.ntriples,
                    meta.serialize(format="nt"),
                    _merge_triples(f.article.id, merges.get(f.article.id, []), run),
                )
            )
        assert self.writer is not None, "open() first"
        store = self._store()
        self.writer.submit(lambda: store.replace_articles(records))

    def withdraw(self, article_ids: Sequence[str]) -> None:
        assert self.writer is not None, "open() first"
        store, gone = self._store(), tuple(article_ids)
        self.writer.submit(lambda: store.remove_articles(gone))

    def finish(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = None

    def union(self) -> Graph:
        self.finish()
        return Graph().parse(data=self._store().construct(CONFLICT_VIEW_QUERY), format="nt")

    def triples(self) -> int:
        self.finish()
        return self._store().triples()


class _Writer:
    """Writes to a store on a thread of its own, in the order the writes come.

    Oxigraph (and a server's HTTP round trips) release the GIL while they write, so the
    build makes and validates the next batch meanwhile instead of waiting. At most
    :data:`PENDING` writes wait; each batch is still written in one transaction. An
    error stops the writing and is raised to the build at its next write or at the end.
    """

    PENDING = 2

    def __init__(self) -> None:
        self.pending: queue.Queue[Callable[[], object] | None] = queue.Queue(self.PENDING)
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="newskg-store-writer", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while (write := self.pending.get()) is not None:
            if self.error is None:  # after an error, only drain what is left
                try:
                    write()
                except BaseException as err:  # raised again in the build's thread
                    self.error = err

    def submit(self, write: Callable[[], object]) -> None:
        """Queue a write (waiting while :data:`PENDING` writes wait)."""
        self._raise()
        self.pending.put(write)

    def close(self, *, raise_error: bool = True) -> None:
        """Write what is queued, stop the thread, and raise a write's error."""
        if self.thread.is_alive():
            self.pending.put(None)
            self.thread.join()
        if raise_error:
            self._raise()

    def _raise(self) -> None:
        if self.error is not None:
            error, self.error = self.error, None
            raise error


def _merge_triples(article_id: str, merges: list[Merge], run: RunInfo) -> str:
    """The merge records of one article, each naming only that article."""
    if not merges:
        return ""
    ds = Dataset()
    record_merges(ds, [replace(m, articles=(article_id,)) for m in merges], run.iri)
    return ds.graph(RESOLUTION_GRAPH).serialize(format="nt")
