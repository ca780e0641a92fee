"""Graph stores: where article graphs live once built, one named graph per article.

A store is either a **store folder** (:class:`LocalStore`, an on-disk Oxigraph database)
or a **SPARQL server** (:class:`newskg.remote.RemoteStore`, over the SPARQL 1.1 protocol
and Graph Store Protocol). Both offer the same typed API, :class:`GraphStore`:

- :meth:`~GraphStore.articles` and :meth:`~GraphStore.has_article`: which articles are
  stored, with the content hash (sha256 of the text) and run they were built from, so an
  unchanged article is not built again;
- :meth:`~GraphStore.replace_articles`: put article graphs in, each replacing its earlier
  version, with its metadata and its entity merges; in a store folder a whole batch is
  one transaction, so an interrupted build leaves every article all in or not at all;
- :meth:`~GraphStore.remove_articles`: drop articles, the nodes only they described, and
  their merge records;
- :meth:`~GraphStore.query`: SPARQL, every graph read as one (the union).

A store folder has one writer at a time: a second newskg process gets a
:class:`~newskg.errors.StoreError` naming the folder, and the store is left as it was.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Protocol, Self

from .errors import StoreError
from .ids import article_graph_iri, article_iri
from .model import EntityType
from .query import QueryResult, oxigraph_result, prefixes
from .resolve import RESOLUTION_GRAPH

if TYPE_CHECKING:
    import pyoxigraph

    from .answers import AnswerFile

__all__ = [
    "LOCK_FILE",
    "ArticleRecord",
    "GraphStore",
    "LocalStore",
    "StoreBase",
    "StoredArticle",
    "is_remote",
    "is_store_folder",
    "open_store",
    "reading",
    "remove_text",
    "restore_datatypes",
    "update_text",
]

LOCK_FILE = "newskg.lock"
FLUSH_EVERY = 16_000_000
"""Characters of updates a store folder takes before flushing its write buffers to disk
(about 100,000 quads): what bounds a long build's memory."""
_RESOLUTION = f"<{RESOLUTION_GRAPH}>"
_NKG = "https://w3id.org/newskg/ontology#"

# The store's bookkeeping reads newskg's own terms in every article graph.
ARTICLES_QUERY = """
SELECT ?id ?hash ?run WHERE {
  GRAPH ?g { ?a <https://w3id.org/newskg/ontology#contentHash> ?hash ;
                <http://purl.org/dc/terms/identifier> ?id }
  OPTIONAL { %s { ?g <http://www.w3.org/ns/prov#wasGeneratedBy> ?run } }
}
"""
NAMES_QUERY = """
SELECT ?label ?kind (COUNT(?m) AS ?n) WHERE {
  GRAPH ?g {
    ?m nkg:refersTo ?e . ?e rdfs:label ?label ; a ?class .
    VALUES (?class ?kind) { (schema:Person "Person") (org:Organization "Organization") }
  }
} GROUP BY ?label ?kind
"""
# What the cross-article (Warning) shapes read: entities, offices and facts, each triple
# once, without the mentions, claims and articles that make up most of a store.
CONFLICT_VIEW_QUERY = """
CONSTRUCT { ?s ?p ?o } WHERE { SELECT DISTINCT ?s ?p ?o WHERE {
  GRAPH ?g {
    ?s a ?class ; ?p ?o .
    VALUES ?class { schema:Person org:Organization schema:State dbo:Election
                    schema:Legislation org:Post org:Role org:Membership nkg:Candidacy }
  }
} }
"""


@dataclass(frozen=True)
class ArticleRecord:
    """One article ready for a store, its triples as N-Triples text.

    Attributes:
        article_id: the article's id (its graph is ``graph/article/{id}``).
        content_hash: sha256 of the article's text, as in its ``nkg:contentHash``.
        graph: the article graph.
        metadata: triples about the article graph (source, run, time), kept in the
            store's metadata graph (the default graph of a store folder).
        merges: the ``nkg:Merge`` records that renamed entities of this article, each
            with ``nkg:inArticle`` this article only; kept in ``graph/resolution``.
    """

    article_id: str
    content_hash: str
    graph: str
    metadata: str = ""
    merges: str = ""


@dataclass(frozen=True)
class StoredArticle:
    """What a store knows of an article it holds: the hash of its text, and its run."""

    content_hash: str
    run: str | None


class GraphStore(Protocol):
    """What the build, ``newskg query`` and ``newskg remove`` need of a store."""

    location: str

    def articles(self) -> dict[str, StoredArticle]:
        """Every stored article by id."""

    def has_article(self, article_id: str, content_hash: str, run: str | None = None) -> bool:
        """True when the article is stored from the same text (and run, if given)."""

    def replace_articles(self, records: Sequence[ArticleRecord]) -> None:
        """Store article graphs, each replacing its earlier version, all or nothing."""

    def remove_articles(self, article_ids: Sequence[str]) -> tuple[str, ...]:
        """Remove articles; return the ids that were stored (and so removed)."""

    def entity_names(self) -> dict[EntityType, Counter[str]]:
        """Canonical names of stored people and organizations, with their mention counts."""

    def query(self, sparql: str) -> QueryResult:
        """Run SPARQL (newskg's prefixes predeclared) on the union of the graphs."""

    def construct(self, sparql: str) -> bytes:
        """Run a CONSTRUCT query; the triples as N-Triples."""

    def dump(self) -> bytes:
        """Everything, as N-Quads (metadata in the default graph)."""

    def triples(self) -> int:
        """How many quads the store holds."""

    def close(self) -> None:
        """Release the store (and its lock)."""

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None: ...


def is_remote(location: str | Path) -> bool:
    """True for an ``http://`` or ``https://`` location: a SPARQL server."""
    return str(location).startswith(("http://", "https://"))


def is_store_folder(location: str | Path) -> bool:
    """True for a folder holding a store (what ``newskg build --store DIR`` made)."""
    path = Path(location)
    return path.is_dir() and (path / "CURRENT").is_file()


def open_store(location: str | Path, *, write: bool = False) -> GraphStore:
    """Open a store folder or SPARQL server.

    Args:
        location: a folder (created when ``write`` and missing) or an http(s) URL of a
            SPARQL endpoint (see :mod:`newskg.remote` for the endpoints it derives).
        write: open for writing; a store folder is then locked against other writers.

    Raises:
        StoreError: the folder is not a store, is locked by another newskg process, or
            the server cannot be reached.
    """
    if is_remote(location):
        from .remote import RemoteStore

        return RemoteStore(str(location))
    return LocalStore(Path(location), write=write)


def update_text(
    records: Sequence[ArticleRecord], metadata_graph: str | None, *, graphs: bool = True
) -> str:
    """One SPARQL update replacing the records' graphs, metadata and merge records.

    Args:
        records: the articles.
        metadata_graph: the graph IRI metadata goes to; None for the default graph.
        graphs: replace the article graphs too (False when they are written apart).
    """
    ops = _orphan_candidates([record.article_id for record in records])
    inserts: list[str] = []
    for record in records:
        graph = f"<{article_graph_iri(record.article_id)}>"
        if graphs:
            ops.append(f"DROP SILENT GRAPH {graph}")
            inserts.append(f"GRAPH {graph} {{\n{record.graph}}}")
        ops.extend(_forget(record.article_id, metadata_graph))
        if record.metadata:
            inserts.append(_in_graph(record.metadata, metadata_graph))
        if record.merges:
            inserts.append(f"GRAPH {_RESOLUTION} {{\n{record.merges}}}")
    ops.append("INSERT DATA {\n" + "\n".join(inserts) + "\n}")
    ops.append(_ORPHAN_MERGES)
    return " ;\n".join(ops)


def remove_text(article_ids: Sequence[str], metadata_graph: str | None) -> str:
    """One SPARQL update removing articles, their metadata and their merge links."""
    ops = _orphan_candidates(article_ids)
    for article_id in article_ids:
        ops.append(f"DROP SILENT GRAPH <{article_graph_iri(article_id)}>")
        ops.extend(_forget(article_id, metadata_graph))
    ops.append(_ORPHAN_MERGES)
    return " ;\n".join(ops)


# Merges linked to the articles an update replaces or removes are noted first in a
# scratch graph; at the end those left without any article are deleted. Only they can
# have lost their last article, and checking every merge in the store instead made each
# batch of a long build slower than the last.
_CANDIDATES = "<https://w3id.org/newskg/graph/merge-candidates>"
_ORPHAN_MERGES = (
    f"DELETE {{ GRAPH {_RESOLUTION} {{ ?m ?p ?o }} }} WHERE {{ GRAPH {_CANDIDATES} "
    f"{{ ?m a <{_NKG}Merge> }} GRAPH {_RESOLUTION} {{ ?m ?p ?o "
    f"FILTER NOT EXISTS {{ ?m <{_NKG}inArticle> ?any }} }} }} ;\n"
    f"DROP SILENT GRAPH {_CANDIDATES}"
)


def _orphan_candidates(article_ids: Sequence[str]) -> list[str]:
    """The first operations of an update: note the merges linked to these articles."""
    values = " ".join(f"<{article_iri(a)}>" for a in article_ids)
    return [
        f"DROP SILENT GRAPH {_CANDIDATES}",
        f"INSERT {{ GRAPH {_CANDIDATES} {{ ?m a <{_NKG}Merge> }} }} WHERE {{ "
        f"GRAPH {_RESOLUTION} {{ VALUES ?a {{ {values} }} ?m <{_NKG}inArticle> ?a }} }}",
    ]


_NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_OFFSET = re.compile(
    rf'(<{re.escape(_NIF)}(?:begin|end)Index> "\d+"\^\^<){re.escape(_XSD)}integer>'.encode()
)


def restore_datatypes(nquads: bytes) -> bytes:
    """Undo what stores normalize: Oxigraph and Virtuoso keep NIF offsets, which newskg
    types ``xsd:nonNegativeInteger``, as ``xsd:integer``; the shapes want the former."""
    return _OFFSET.sub(rb"\1" + f"{_XSD}nonNegativeInteger>".encode(), nquads)


def _forget(article_id: str, metadata_graph: str | None) -> list[str]:
    graph = f"<{article_graph_iri(article_id)}>"
    article = f"<{article_iri(article_id)}>"
    meta = f"{graph} ?p ?o"
    where = f"GRAPH <{metadata_graph}> {{ {meta} }}" if metadata_graph else meta
    return [
        f"DELETE WHERE {{ {where} }}",
        f"DELETE WHERE {{ GRAPH {_RESOLUTION} {{ ?m <{_NKG}inArticle> {article} }} }}",
    ]


def _in_graph(triples: str, graph: str | None) -> str:
    return f"GRAPH <{graph}> {{\n{triples}}}" if graph else triples


@contextlib.contextmanager
def reading(folder: Path) -> Iterator[None]:
    """Hold a store folder's lock as a reader (no writer meanwhile) without opening it.

    Raises:
        StoreError: another process is writing to the store.
    """
    fd = _lock(folder, exclusive=False)
    try:
        yield
    finally:
        os.close(fd)


def _lock(folder: Path, exclusive: bool) -> int:
    """Hold the store's advisory lock: exclusive for a writer, shared for a reader."""
    try:
        fd = os.open(folder / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as err:
        raise StoreError(
            f"{folder}: cannot open the store ({err.strerror}); check the folder is writable"
        ) from err
    try:
        fcntl.flock(fd, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        doing = "using" if exclusive else "writing to"
        raise StoreError(
            f"{folder}: another newskg process is {doing} this store; wait for it to "
            "finish, or give another --store"
        ) from None
    return fd


class StoreBase:
    """What both kinds of store share: bookkeeping read through :meth:`_rows`, removal
    written through :meth:`_update`, and the context manager."""

    location: str
    metadata_graph: str | None = None  # where article metadata lives; None: default graph

    def _rows(self, sparql: str) -> list[dict[str, str]]:
        """A SELECT's rows, each bound variable by name to its value as text."""
        raise NotImplementedError

    def _update(self, text: str) -> None:
        """Run a SPARQL update."""
        raise NotImplementedError

    def close(self) -> None:
        """Release the store."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def articles(self) -> dict[str, StoredArticle]:
        """Every stored article by id, with its content hash and run."""
        scope = f"GRAPH <{self.metadata_graph}>" if self.metadata_graph else ""
        return {
            row["id"]: StoredArticle(row["hash"], row.get("run"))
            for row in self._rows(ARTICLES_QUERY % scope)
        }

    def has_article(self, article_id: str, content_hash: str, run: str | None = None) -> bool:
        """True when the article is stored from the same text (and run, if given)."""
        stored = self.articles().get(article_id)
        return (
            stored is not None
            and stored.content_hash == content_hash
            and (run is None or stored.run == run)
        )

    def remove_articles(self, article_ids: Sequence[str]) -> tuple[str, ...]:
        """Remove articles, their metadata and merge links, in one update."""
        stored = self.articles()
        present = tuple(a for a in dict.fromkeys(article_ids) if a in stored)
        if present:
            self._update(remove_text(present, self.metadata_graph))
        return present

    def entity_names(self) -> dict[EntityType, Counter[str]]:
        """Canonical names of stored people and organizations, with their mention counts."""
        names: dict[EntityType, Counter[str]] = {}
        for row in self._rows(NAMES_QUERY):
            names.setdefault(EntityType(row["kind"]), Counter())[row["label"]] = int(row["n"])
        return names


class LocalStore(StoreBase):
    """A store folder: an Oxigraph (RocksDB) database and newskg's lock file.

    Open it for writing to build into it or remove from it (one writer at a time, and no
    reader while it writes), or for reading to query it (any number of readers).
    """

    def __init__(self, folder: Path, *, write: bool = False) -> None:
        import pyoxigraph

        self.location = str(folder)
        self.folder = folder
        self.write = write
        self._db: pyoxigraph.Store | None = None
        self._fd: int | None = None
        self._unflushed = 0
        if write:
            if folder.exists() and not folder.is_dir():
                raise StoreError(f"{folder}: not a folder; give a folder for --store")
            if folder.is_dir() and any(folder.iterdir()) and not is_store_folder(folder):
                raise StoreError(
                    f"{folder}: the folder holds other files, not a newskg store; "
                    "give an empty or new folder for --store"
                )
            folder.mkdir(parents=True, exist_ok=True)
        elif not is_store_folder(folder):
            what = "no such store folder" if not folder.exists() else "not a newskg store"
            raise StoreError(f"{folder}: {what}; give the folder `newskg build --store` made")
        self._fd = _lock(folder, exclusive=write)
        try:
            if write:
                self._db = pyoxigraph.Store(str(folder))
            else:
                self._db = pyoxigraph.Store.read_only(str(folder))
        except OSError as err:
            self.close()
            if "lock" in str(err).lower():
                raise StoreError(
                    f"{folder}: another process is writing to this store; wait for it "
                    "to finish, or give another --store"
                ) from err
            raise StoreError(f"{folder}: cannot open the store ({err})") from err

    def close(self) -> None:
        """Flush, and release the store and its lock."""
        store, self._db = self._db, None
        try:
            if store is not None and self.write:
                store.flush()
        finally:
            if self._fd is not None:
                os.close(self._fd)
                self._fd = None

    @property
    def db(self) -> pyoxigraph.Store:
        """The open Oxigraph store."""
        if self._db is None:
            raise StoreError(f"{self.location}: the store is closed")
        return self._db

    def _rows(self, sparql: str) -> list[dict[str, str]]:
        import pyoxigraph

        try:
            answer = self.db.query(sparql, prefixes=prefixes())
            assert isinstance(answer, pyoxigraph.QuerySolutions)
            names = [v.value for v in answer.variables]
            return [
                {n: t.value for n, t in zip(names, row, strict=True) if t is not None}
                for row in answer
            ]
        except OSError as err:
            raise StoreError(f"{self.location}: cannot read the store ({err})") from err

    def replace_articles(self, records: Sequence[ArticleRecord]) -> None:
        """Store article graphs, each replacing its earlier version, in one transaction;
        and keep the named questions' answers on them (:mod:`newskg.answers`)."""
        if records:
            answers = self._begin_answers()
            self._update(update_text(records, None))
            if answers is not None:
                self._keep_answers(lambda: answers.record(records))

    def remove_articles(self, article_ids: Sequence[str]) -> tuple[str, ...]:
        """Remove articles, their metadata and merge links, in one update."""
        stored = self.articles()
        present = tuple(a for a in dict.fromkeys(article_ids) if a in stored)
        if present:
            answers = self._begin_answers()
            self._update(remove_text(present, None))
            if answers is not None:
                self._keep_answers(lambda: answers.forget(present))
        return present

    def _begin_answers(self) -> AnswerFile | None:
        """Mark the answers file as being written, or remove it if that fails (a file
        that cannot follow this write must not be read as current)."""
        from .answers import AnswerFile

        answers = AnswerFile(self.folder)
        empty = next(iter(self.db.named_graphs()), None) is None
        if self._keep_answers(lambda: answers.begin(empty)):
            return answers
        with contextlib.suppress(OSError):
            answers.path.unlink(missing_ok=True)
        return None

    @staticmethod
    def _keep_answers(write: Callable[[], None]) -> bool:
        # Only a cache: a file that could not take this write stays marked as writing,
        # and queries then ask the store about what it may have missed.
        try:
            write()
        except (sqlite3.Error, OSError, SyntaxError, ValueError):
            return False
        return True

    def _update(self, text: str) -> None:
        try:
            self.db.update(text)
            self._unflushed += len(text)
            if self._unflushed >= FLUSH_EVERY:
                # RocksDB keeps every write in memory until its buffers are flushed to
                # disk: without this a build's memory grows by about 1 KB per quad.
                self.db.flush()
                self._unflushed = 0
        except (OSError, SyntaxError, ValueError) as err:
            raise StoreError(f"{self.location}: cannot write to the store ({err})") from err

    def query(self, sparql: str) -> QueryResult:
        """Run SPARQL (newskg's prefixes predeclared) on the union of the graphs."""
        return oxigraph_result(self.db, sparql)

    def construct(self, sparql: str) -> bytes:
        """Run a CONSTRUCT query on the union of the graphs; N-Triples."""
        import pyoxigraph

        answer = self.db.query(sparql, prefixes=prefixes())
        assert isinstance(answer, pyoxigraph.QueryTriples)
        return answer.serialize(format=pyoxigraph.RdfFormat.N_TRIPLES) or b""

    def dump(self) -> bytes:
        """Everything, as N-Quads."""
        import pyoxigraph

        return restore_datatypes(self.db.dump(format=pyoxigraph.RdfFormat.N_QUADS) or b"")

    def triples(self) -> int:
        """How many quads the store holds."""
        return len(self.db)
