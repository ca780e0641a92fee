"""Read a graph file in one streaming pass, without loading it into a store.

Loading a file into Oxigraph builds six indexes of every quad: on a generated graph of
11 million quads that alone takes over a minute, before the queries of
:mod:`newskg.network.read` run. The network needs a few dozen predicates joined in
fixed shapes, so this module parses the file once (Oxigraph's parser), keeps the objects
of those predicates by (graph, subject), and joins them in Python exactly as the
queries in ``queries/`` do: every pattern inside one named graph, one row per solution.
``tests/test_network.py`` checks that both readers give the same rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import product
from pathlib import Path
from typing import Any

from ..errors import GraphFileError
from ..graphio import GraphFormat, format_for
from ..vocab import PREFIXES
from .relations import FACT_RELATIONS

__all__ = ["TABLES", "Found", "Misrouted", "Rows", "Table", "read_rows"]

_RDF, _RDFS, _XSD = PREFIXES["rdf"], PREFIXES["rdfs"], PREFIXES["xsd"]
_SCHEMA, _NKG, _ORG = PREFIXES["schema"], PREFIXES["nkg"], PREFIXES["org"]
_OPENGOV, _NIF, _PROV = PREFIXES["opengov"], PREFIXES["nif"], PREFIXES["prov"]
_DCTERMS, _SKOS = PREFIXES["dcterms"], PREFIXES["skos"]

TYPE = f"{_RDF}type"
LABEL = f"{_RDFS}label"
ARTICLE = f"{_SCHEMA}NewsArticle"
ACTOR_CLASSES = frozenset(
    (
        f"{_SCHEMA}Person",
        f"{_ORG}Organization",
        f"{_SCHEMA}GovernmentOrganization",
        f"{_SCHEMA}NewsMediaOrganization",
        f"{_SCHEMA}PoliticalParty",
        f"{_SCHEMA}NGO",
        f"{_NKG}Court",
        f"{_SCHEMA}State",
        "http://dbpedia.org/ontology/Election",
        f"{_SCHEMA}Legislation",
    )
)
MEMBERSHIP, CANDIDACY = f"{_ORG}Membership", f"{_NKG}Candidacy"
COMPLAINT, RESPONSE, CLAIM = f"{_NKG}Complaint", f"{_NKG}Response", f"{_SCHEMA}Claim"
FACT_CLASSES = frozenset((MEMBERSHIP, CANDIDACY, COMPLAINT, RESPONSE, CLAIM))

# The join keys and the hot columns, read for every mention and fact.
IDENTIFIER, REFERS_TO = f"{_DCTERMS}identifier", f"{_NKG}refersTo"
CONTEXT, BEGIN, SENTENCE = f"{_NIF}referenceContext", f"{_NIF}beginIndex", f"{_NKG}sentence"
DERIVED_FROM, CONFIDENCE = f"{_PROV}wasDerivedFrom", f"{_NKG}confidence"

# Predicates whose objects are kept as text (the join keys and the hot columns) ...
_VALUE_PREDICATES = (
    IDENTIFIER,
    REFERS_TO,
    CONTEXT,
    BEGIN,
    SENTENCE,
    DERIVED_FROM,
    CONFIDENCE,
    f"{_ORG}member",
    f"{_ORG}organization",
    f"{_OPENGOV}post",
    f"{_ORG}postIn",
    f"{_OPENGOV}area",
    f"{_NKG}candidate",
    f"{_NKG}election",
    f"{_NKG}outcome",
    f"{_SCHEMA}agent",
    f"{_NKG}respondent",
    f"{_SCHEMA}recipient",
    f"{_NKG}allegedViolationOf",
    f"{_NKG}complaintKind",
    f"{_NKG}inResponseTo",
    f"{_NKG}responseStatus",
    f"{_SCHEMA}author",
    f"{_SCHEMA}about",
    f"{_NKG}reportedBy",
)
# ... and those kept as terms: text built with CONCAT, where the term's type matters.
_TERM_PREDICATES = (
    LABEL,
    f"{_NKG}alias",
    f"{_SKOS}prefLabel",
    f"{_NKG}former",
    f"{_NKG}allegation",
    f"{_SCHEMA}text",
    f"{_SCHEMA}datePublished",
)

Key = tuple[str, str]  # (graph, subject)
Record = dict[str, Any]  # a subject's kept predicates and their objects, in one graph

TABLES = ("articles", "actors", *FACT_RELATIONS, "mentions")
"""The tables a pass gives (:attr:`Found.tables`), in the order read.py reads them."""

_FIRST_LINE = ""  # in a part's records: the file line of the subject's first quad


class _Many(list[Any]):
    """Several objects of one predicate (one is kept bare: the common case)."""


def _all(record: Record | None, predicate: str) -> Sequence[Any]:
    if record is None:
        return ()
    value = record.get(predicate)
    if value is None:
        return ()
    return value if type(value) is _Many else (value,)


class Misrouted(Exception):
    """A part of a split read met a quad of a graph that another part holds."""


@dataclass
class Found:
    """What a graph file gives the network: each query's rows, in the query's order.

    Attributes:
        tables: rows by :data:`TABLES` name: ``articles`` (article id, date text),
            ``actors`` (entity, class, label, alias), one table per fact relation
            (rows as :class:`~newskg.network.read.Assertion` takes them) and
            ``mentions`` (entity, article, sentence, begin).
        lines: in a part of a split read (:mod:`newskg.network._split`), the file line
            of each row (where its subject first appears in its graph), to merge the
            parts in file order; None otherwise.
        named: the pass kept subjects of named graphs.
        unnamed: the pass met quads of the default graph.
    """

    tables: dict[str, list[Any]]
    lines: dict[str, list[int]] | None = None
    named: bool = True
    unnamed: bool = False


class Table:
    """The rows of one table and, in a part, the line of each."""

    __slots__ = ("lines", "rows")

    def __init__(self, part: bool) -> None:
        self.rows: list[Any] = []
        self.lines: list[int] | None = [] if part else None

    def add(self, record: Record, rows: list[Any]) -> None:
        self.rows += rows
        if self.lines is not None:
            self.lines += [record[_FIRST_LINE]] * len(rows)


class Rows:
    """What one pass over a file found, joined into the rows the queries return.

    The pass keeps, per (graph, subject), a small record of the kept predicates: one
    look-up in the big table per run of quads about one subject, and one per subject
    when joining. Articles, actors and mentions are joined here, the fact relations in
    :mod:`newskg.network._facts`.

    Args:
        quads: the quads, in file order.
        lines: in a part of a split read, the file line of each quad. A part keeps
            named graphs only: it holds whole named graphs, but only some of the
            default graph's quads.
        owns: in a part, whether it holds a named graph; a quad of a graph it does not
            hold raises :class:`Misrouted`.
    """

    def __init__(
        self,
        quads: Iterable[Any],
        lines: Sequence[int] | None = None,
        owns: Callable[[str], bool] | None = None,
    ) -> None:
        # Each kept predicate to itself: records key on these strings, not on the
        # parser's copies, and each graph IRI is kept once (millions of records).
        wanted = {p: p for p in (*_VALUE_PREDICATES, *_TERM_PREDICATES, TYPE)}
        as_terms = frozenset(_TERM_PREDICATES)
        graphs: dict[str, str] = {}
        records: dict[Key, Record] = {}
        last_subject, last_graph = "", ""
        record: Record = {}
        unnamed = False
        count = 0
        for count, quad in enumerate(quads, 1):
            predicate = wanted.get(quad.predicate.value)
            if predicate is None:
                continue
            subject = quad.subject.value
            try:
                graph = quad.graph_name.value
            except AttributeError:  # the default graph
                graph, unnamed = "", True
            if subject != last_subject or graph != last_graph:
                if graph != last_graph:
                    if owns is not None and graph and not owns(graph):
                        raise Misrouted(graph)
                    last_graph = graphs.setdefault(graph, graph)
                key = (last_graph, subject)
                found = records.get(key)
                if found is None:
                    found = records[key] = {} if lines is None else {_FIRST_LINE: lines[count - 1]}
                record = found
                last_subject = subject
            value = quad.object if predicate in as_terms else quad.object.value
            known = record.setdefault(predicate, value)
            if known is not value:
                if type(known) is _Many:
                    if value not in known:
                        known.append(value)
                elif known != value:
                    record[predicate] = _Many((known, value))
        self.count, self.unnamed, self.part = count, unnamed, lines is not None
        # A file with named graphs is read as the store reads it: the queries match inside
        # named graphs only. A triples-only file is one graph.
        if unnamed and (self.part or any(graph for graph, _ in records)):
            records = {k: r for k, r in records.items() if k[0]}
        self.records = records
        self._sort()
        self._ids: dict[Key, Sequence[str]] = {}
        # Each entity IRI once in the rows: the parser gives a new string per quad.
        self.names: dict[str, str] = {}

    def _sort(self) -> None:
        """File the records by what the queries ask of them."""
        self.typed: dict[str, list[tuple[Key, Record]]] = {c: [] for c in FACT_CLASSES}
        self.articles_found: list[Record] = []
        self.actors_found: list[tuple[Key, Record, list[str]]] = []
        self.mentioning: list[tuple[Key, Record]] = []
        typed = self.typed
        for key, record in self.records.items():
            if REFERS_TO in record:
                self.mentioning.append((key, record))
            classes: Any = record.get(TYPE)
            if classes is None:
                continue
            for cls in classes if type(classes) is _Many else (classes,):
                if cls in typed:
                    typed[cls].append((key, record))
                elif cls == ARTICLE:
                    self.articles_found.append(record)
            if type(classes) is _Many:
                kinds = sorted(c for c in classes if c in ACTOR_CLASSES)
            else:
                kinds = [classes] if classes in ACTOR_CLASSES else []
            if kinds:
                self.actors_found.append((key, record, kinds))

    def found(self) -> Found:
        """Every table, as :class:`Found` holds them."""
        tables: dict[str, list[Any]] = {}
        lines: dict[str, list[int]] | None = {} if self.part else None
        for name in TABLES:
            table = self._table(name)
            tables[name] = table.rows
            if lines is not None and table.lines is not None:
                lines[name] = table.lines
        return Found(tables, lines, named=bool(self.records), unnamed=self.unnamed)

    def _table(self, name: str) -> Table:
        if name == "articles":
            return self._articles()
        if name == "actors":
            return self._actors()
        if name == "mentions":
            return self._mentions()
        from ._facts import fact_table

        return fact_table(self, name)

    def _distinct(self, rows: dict[tuple[str, ...], int]) -> Table:
        """Distinct rows, each at the line of its first record."""
        table = Table(self.part)
        table.rows = list(rows)
        if table.lines is not None:
            table.lines = list(rows.values())
        return table

    def _articles(self) -> Table:
        """(article id, date text) rows, distinct, as ``articles.rq``."""
        published = f"{_SCHEMA}datePublished"
        rows: dict[tuple[str, ...], int] = {}
        for record in self.articles_found:
            dates = [str(t.value) for t in _all(record, published)] or [""]
            line = record.get(_FIRST_LINE, 0)
            for article in _all(record, IDENTIFIER):
                for date in dates:
                    rows.setdefault((article, date), line)
        return self._distinct(rows)

    def _actors(self) -> Table:
        """(entity, class, label, alias) rows, distinct, as ``actors.rq``."""
        alias = f"{_NKG}alias"
        rows: dict[tuple[str, ...], int] = {}
        for key, record, classes in self.actors_found:
            names = [str(t.value) for t in _all(record, LABEL)]
            others = [str(t.value) for t in _all(record, alias)] or [""]
            line = record.get(_FIRST_LINE, 0)
            entity = self.names.setdefault(key[1], key[1])
            for cls, label, other in product(classes, names, others):
                rows.setdefault((entity, cls, label, other), line)
        return self._distinct(rows)

    def article_ids(self, graph: str, context: str) -> Sequence[str]:
        key = (graph, context)
        found = self._ids.get(key)
        if found is None:
            found = self._ids[key] = _all(self.records.get(key), IDENTIFIER)
        return found

    def _mentions(self) -> Table:
        """(entity, article, sentence, begin) rows, as ``mentions.rq``."""
        article_ids, names = self.article_ids, self.names
        table = Table(self.part)
        rows, lines = table.rows, table.lines
        for key, record in self.mentioning:
            entity, where, begin = record[REFERS_TO], record.get(CONTEXT), record.get(BEGIN)
            text = record.get(SENTENCE, "")
            if (
                type(entity) is not _Many
                and type(where) is str
                and type(begin) is str
                and type(text) is str
            ):
                ids = article_ids(key[0], where)
                if len(ids) == 1:
                    rows.append((names.setdefault(entity, entity), ids[0], text, int(begin)))
                    if lines is not None:
                        lines.append(record[_FIRST_LINE])
                    continue
            # Any predicate with several objects: one row per combination.
            texts = _all(record, SENTENCE) or ("",)
            table.add(
                record,
                [
                    (names.setdefault(e, e), article, t, int(b))
                    for e, w, b, t in product(
                        _all(record, REFERS_TO), _all(record, CONTEXT), _all(record, BEGIN), texts
                    )
                    for article in article_ids(key[0], w)
                ],
            )
        return table


def read_rows(path: Path | str, processes: int | None = None) -> Found:
    """Parse a graph file in one pass and join what the network needs.

    A large N-Quads file is read in two processes (:mod:`newskg.network._split`) when
    the machine has two cores; the rows are the same.

    Args:
        path: the graph file.
        processes: 1 to read in this process only, 2 to split any N-Quads file; by
            default, split N-Quads files of at least ``_split.MIN_SIZE`` bytes.

    Raises:
        GraphFileError: the file is not valid RDF in the format its suffix names.
    """
    from . import _split

    p = Path(path)
    fmt = format_for(p)
    if _split.worth_splitting(p, fmt, processes):
        found = _split.read_split(p)
        if found is not None:
            return found
    return _parse(p, fmt).found()


def _parse(path: Path, fmt: GraphFormat) -> Rows:
    import pyoxigraph

    try:
        quads = pyoxigraph.parse(
            path=str(path), format=getattr(pyoxigraph.RdfFormat, fmt.oxigraph), lenient=True
        )
        return Rows(quads)
    except (SyntaxError, ValueError, OSError) as err:
        raise GraphFileError(
            f"{path}: not valid {fmt.name} ({err}); rebuild it with `newskg build`"
        ) from err
