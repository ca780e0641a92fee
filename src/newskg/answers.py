"""The named questions' answers, kept per article beside a store folder.

Every named question (``queries/*.rq``) matches inside one article graph and groups by
article, so its answer over a whole store is the union of its answers over each article
graph, ordered by article first. A build therefore answers the questions on each batch of
article graphs as it writes them (on those graphs alone, in a small in-memory store) and
keeps the rows in ``answers.sqlite3`` in the store folder; ``newskg query DIR NAME`` then
reads rows instead of joining a million quads again: tens of milliseconds instead of
seconds.

The file is only a cache of the store, kept in step by the one process that may write to
the store (:class:`newskg.store.LocalStore`): before each transaction it marks the file
*writing*, after it stores the new rows and clears the mark. A query reads the file
without opening the store while the file is unmarked, answers to the current questions,
and *complete* (it has followed every write since the store was empty). Otherwise (a
build killed between the store's transaction and the file's, a store older than the
file) the store is opened and only the articles whose content hash and run differ from
the file's are answered from it; when most of them differ, the store answers the whole
question.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Sequence
from contextlib import closing
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from .ids import article_graph_iri
from .query import QueryResult, prefixes, questions

if TYPE_CHECKING:
    import pyoxigraph

    from .store import ArticleRecord, StoredArticle

__all__ = ["ANSWERS_FILE", "AnswerFile", "order_rows", "stored_articles"]

ANSWERS_FILE = "answers.sqlite3"
_FORMAT = "2"  # bump when the file's layout changes
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    article TEXT PRIMARY KEY, content_hash TEXT NOT NULL, run TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS answers (
    question TEXT NOT NULL, article TEXT NOT NULL, rows TEXT NOT NULL,
    PRIMARY KEY (question, article));
-- Rows are forgotten by article: without this each batch scanned the whole table.
CREATE INDEX IF NOT EXISTS answers_by_article ON answers (article);
"""


@cache
def _fingerprint() -> str:
    """What the file's rows depend on: the questions' text and the file's layout."""
    digest = hashlib.sha256(_FORMAT.encode())
    for question in questions().values():
        digest.update(question.sparql.encode())
    return digest.hexdigest()


@cache
def _order(name: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """A named question's columns, and the positions of its ORDER BY variables."""
    import pyoxigraph

    sparql = questions()[name].sparql
    empty = pyoxigraph.Store().query(sparql, prefixes=prefixes())
    assert isinstance(empty, pyoxigraph.QuerySolutions)
    columns = tuple(v.value for v in empty.variables)
    ordered = re.search(r"ORDER BY((?:\s+\?\w+)+)\s*$", sparql)
    assert ordered is not None, f"{name}.rq has no ORDER BY"
    keys = tuple(columns.index(v) for v in re.findall(r"\?(\w+)", ordered.group(1)))
    assert keys[0] == columns.index("article"), f"{name}.rq must order by article first"
    return columns, keys


def order_rows(name: str, rows: Iterable[tuple[str, ...]]) -> tuple[tuple[str, ...], ...]:
    """A named question's rows in its ORDER BY order, ties broken by the whole row.

    SPARQL leaves the order of ties open; breaking them by the row makes every way of
    answering (a file, a store, this cache) print the same table.
    """
    _, keys = _order(name)
    return tuple(sorted(rows, key=lambda row: (tuple(row[k] for k in keys), row)))


def stored_articles(db: pyoxigraph.Store) -> dict[str, StoredArticle]:
    """The articles of a store folder's Oxigraph store (or of a batch in memory)."""
    import pyoxigraph

    from .store import ARTICLES_QUERY, StoredArticle

    answer = db.query(ARTICLES_QUERY % "")
    assert isinstance(answer, pyoxigraph.QuerySolutions)
    found = {}
    for row in answer:
        article, content_hash, run = row["id"], row["hash"], row["run"]
        assert article is not None and content_hash is not None
        found[str(article.value)] = StoredArticle(
            str(content_hash.value), None if run is None else str(run.value)
        )
    return found


def _answer(db: pyoxigraph.Store, name: str, graphs: Sequence[str] | None = None) -> QueryResult:
    """Run a named question on the store, or on only some of its named graphs."""
    import pyoxigraph

    named: list[pyoxigraph.NamedNode | pyoxigraph.BlankNode] | None = None
    if graphs is not None:
        named = [pyoxigraph.NamedNode(g) for g in graphs]
    answer = db.query(questions()[name].sparql, prefixes=prefixes(), named_graphs=named)
    assert isinstance(answer, pyoxigraph.QuerySolutions)
    columns = tuple(v.value for v in answer.variables)
    rows = tuple(
        tuple("" if (term := solution[c]) is None else str(term.value) for c in columns)
        for solution in answer
    )
    return QueryResult(columns, rows)


def _by_article(name: str, rows: Iterable[tuple[str, ...]]) -> dict[str, list[tuple[str, ...]]]:
    article = _order(name)[0].index("article")
    found: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for row in rows:
        found[row[article]].append(row)
    return found


class AnswerFile:
    """``answers.sqlite3`` of a store folder: read by queries, written by the store."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / ANSWERS_FILE

    def _connect(self, *, write: bool) -> sqlite3.Connection:
        if write:
            connection = sqlite3.connect(self.path, isolation_level=None)
            connection.executescript(_SCHEMA)
            return connection
        return sqlite3.connect(f"{self.path.as_uri()}?mode=ro", uri=True, isolation_level=None)

    # -- written by the store, around each transaction -----------------------------------

    def begin(self, store_was_empty: bool) -> None:
        """Mark the file *writing*, before the store's transaction.

        The file stays complete if it was and its last write was finished. Answers to
        other questions (an older newskg's) are dropped, and so are all rows when the
        store holds nothing: the file then follows the store from here, which makes it
        complete only for a store that starts empty.
        """
        with closing(self._connect(write=True)) as db:
            db.execute("BEGIN IMMEDIATE")
            meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
            if meta.get("fingerprint") != _fingerprint() or store_was_empty:
                db.execute("DELETE FROM answers")
                db.execute("DELETE FROM articles")
                complete = store_was_empty
            else:
                complete = meta.get("complete") == "1" and meta.get("writing") == "0"
            db.executemany(
                "INSERT OR REPLACE INTO meta VALUES (?, ?)",
                [
                    ("fingerprint", _fingerprint()),
                    ("complete", "1" if complete else "0"),
                    ("writing", "1"),
                ],
            )
            db.execute("COMMIT")

    def record(self, records: Sequence[ArticleRecord]) -> None:
        """After the store's transaction: answer every named question on the articles it
        wrote, keep the rows, and clear the *writing* mark."""
        import pyoxigraph

        memory = pyoxigraph.Store()
        # Turtle, a superset of N-Triples, reads whatever the store's update took.
        turtle = pyoxigraph.RdfFormat.TURTLE
        for record in records:
            graph = pyoxigraph.NamedNode(str(article_graph_iri(record.article_id)))
            memory.load(record.graph, format=turtle, to_graph=graph)
            if record.metadata:
                memory.load(record.metadata, format=turtle)
        stamps = [
            (article, stamp.content_hash, stamp.run or "")
            for article, stamp in stored_articles(memory).items()
        ]
        answers = []
        for name in questions():
            for article, rows in _by_article(name, _answer(memory, name).rows).items():
                ordered = order_rows(name, rows)  # so that reading needs no sort
                answers.append((name, article, json.dumps(ordered, ensure_ascii=False)))
        with closing(self._connect(write=True)) as db:
            db.execute("BEGIN IMMEDIATE")
            self._forget(db, [record.article_id for record in records])
            db.executemany("INSERT OR REPLACE INTO articles VALUES (?, ?, ?)", stamps)
            db.executemany("INSERT OR REPLACE INTO answers VALUES (?, ?, ?)", answers)
            db.execute("INSERT OR REPLACE INTO meta VALUES ('writing', '0')")
            db.execute("COMMIT")

    def forget(self, article_ids: Sequence[str]) -> None:
        """After the store's transaction removed articles: drop their rows, clear the mark."""
        with closing(self._connect(write=True)) as db:
            db.execute("BEGIN IMMEDIATE")
            self._forget(db, article_ids)
            db.execute("INSERT OR REPLACE INTO meta VALUES ('writing', '0')")
            db.execute("COMMIT")

    @staticmethod
    def _forget(db: sqlite3.Connection, article_ids: Sequence[str]) -> None:
        gone = [(a,) for a in article_ids]
        db.executemany("DELETE FROM articles WHERE article = ?", gone)
        db.executemany("DELETE FROM answers WHERE article = ?", gone)

    # -- read by queries -----------------------------------------------------------------

    def kept(self, name: str) -> QueryResult | None:
        """A named question's answer from the file alone, or None when the file may be
        behind the store (then :meth:`answer`)."""
        try:
            with closing(self._connect(write=False)) as file:
                meta = dict(file.execute("SELECT key, value FROM meta").fetchall())
                current = meta.get("fingerprint") == _fingerprint()
                if not (current and meta.get("complete") == "1" and meta.get("writing") == "0"):
                    return None
                blobs = file.execute(
                    "SELECT rows FROM answers WHERE question = ? ORDER BY article", (name,)
                ).fetchall()
        except sqlite3.Error:
            return None  # missing or unreadable: the store answers
        return self._rows(name, (blob for (blob,) in blobs))

    def answer(self, db: pyoxigraph.Store, name: str) -> QueryResult | None:
        """A named question's answer: :meth:`kept`, else :meth:`catch_up`."""
        found = self.kept(name)
        return found if found is not None else self.catch_up(db, name)

    def catch_up(self, db: pyoxigraph.Store, name: str) -> QueryResult | None:
        """The file's rows of the articles it still matches and the store's rows of the
        others; None when the store must answer all of it.

        Args:
            db: the store folder's Oxigraph store.
            name: the named question.
        """
        try:
            with closing(self._connect(write=False)) as file:
                meta = dict(file.execute("SELECT key, value FROM meta").fetchall())
                if meta.get("fingerprint") != _fingerprint():
                    return None
                kept = {
                    article: (content_hash, run)
                    for article, content_hash, run in file.execute("SELECT * FROM articles")
                }
                blobs = dict(
                    file.execute("SELECT article, rows FROM answers WHERE question = ?", (name,))
                )
        except sqlite3.Error:
            return None
        stored = stored_articles(db)
        stale = {
            article
            for article, stamp in stored.items()
            if kept.get(article) != (stamp.content_hash, stamp.run or "")
        }
        if len(stale) > len(stored) // 2:
            return None
        rows = [
            tuple(row)
            for article in stored
            if article not in stale and article in blobs
            for row in json.loads(blobs[article])
        ]
        if stale:
            graphs = [str(article_graph_iri(article)) for article in sorted(stale)]
            rows += _answer(db, name, graphs).rows
        return QueryResult(_order(name)[0], order_rows(name, rows))

    def _rows(self, name: str, blobs: Iterable[str]) -> QueryResult:
        """The rows of all articles: each article's blob is in order and the blobs come in
        article order, so they are joined into one JSON array and parsed at once."""
        inner = [blob[1:-1] for blob in blobs if blob != "[]"]
        rows = json.loads("[" + ",".join(inner) + "]")
        return QueryResult(_order(name)[0], tuple(map(tuple, rows)))
