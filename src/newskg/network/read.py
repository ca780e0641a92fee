"""Read what the network needs from a graph: flat rows, one kind of row per relation.

A store (a folder, a SPARQL server, an open Oxigraph store) answers one SPARQL query per
relation kind; a graph file is parsed in one pass and joined the same way, which is
several times faster than loading it into a store first. Either way
:mod:`newskg.network.projection` aggregates the rows into edges.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from ..errors import GraphFileError
from ..graphio import load_store
from ..vocab import PREFIXES
from .relations import FACT_RELATIONS

if TYPE_CHECKING:
    import pyoxigraph

__all__ = ["Actor", "Assertion", "Mention", "NetworkData", "read_network_data"]

# Triples-only files (.ttl, .nt, .jsonld) have no article graphs: their triples are put in
# this one named graph so the per-article-graph queries still match.
_UNION_GRAPH = "https://w3id.org/newskg/graph/union"

# The most specific class decides an entity's type; the type decides its kind.
_TYPES = (
    ("https://schema.org/Person", "Person", "person"),
    ("https://schema.org/State", "State", "state"),
    ("http://dbpedia.org/ontology/Election", "Election", "election"),
    ("https://schema.org/Legislation", "Law", "law"),
    ("https://schema.org/GovernmentOrganization", "GovernmentBody", "organization"),
    ("https://schema.org/NewsMediaOrganization", "NewsOutlet", "organization"),
    ("https://schema.org/PoliticalParty", "PoliticalParty", "organization"),
    ("https://schema.org/NGO", "AdvocacyGroup", "organization"),
    (PREFIXES["nkg"] + "Court", "Court", "organization"),
    ("http://www.w3.org/ns/org#Organization", "Organization", "organization"),
)
_RANK = {iri: i for i, (iri, _, _) in enumerate(_TYPES)}


@dataclass(frozen=True)
class Actor:
    """An entity that can be a node.

    Attributes:
        iri: the entity IRI (the node id).
        label: its canonical name (the label most article graphs give it).
        type: the ``entities`` question's type (Person, GovernmentBody, State, ...).
        kind: person, organization, state, election or law.
        aliases: its other names (``nkg:alias`` and any other label), sorted.
    """

    iri: str
    label: str
    type: str
    kind: str
    aliases: tuple[str, ...]


class Assertion(NamedTuple):
    """One piece of evidence for an edge: a fact, in one article, from one mention.

    A named tuple, not a dataclass: a large graph has millions (quicker to make).
    """

    relation: str
    source: str
    target: str
    fact: str
    article: str
    sentence: str
    begin: int
    confidence: float
    detail: str


class Mention(NamedTuple):
    """An entity named in a sentence of an article (a named tuple, like Assertion)."""

    entity: str
    article: str
    sentence: str
    begin: int


@dataclass(frozen=True)
class NetworkData:
    """Everything read from a graph file, before any filter.

    Attributes:
        dates: each article id and its publication date (None when unknown).
        actors: the possible nodes, by IRI.
        assertions: the evidence of every fact relation.
        mentions: every entity mention (for node article counts and co-mentions).
    """

    dates: dict[str, date | None]
    actors: dict[str, Actor]
    assertions: tuple[Assertion, ...]
    mentions: tuple[Mention, ...]


@cache
def _query_text(name: str) -> str:
    folder = resources.files("newskg.network").joinpath("queries")
    return folder.joinpath(f"{name}.rq").read_text(encoding="utf-8")


def _rows(store: pyoxigraph.Store, name: str) -> list[dict[str, str]]:
    import pyoxigraph

    answer = store.query(_query_text(name), prefixes=PREFIXES)
    assert isinstance(answer, pyoxigraph.QuerySolutions)
    columns = [v.value for v in answer.variables]
    rows = []
    for solution in answer:
        row = {}
        for column in columns:
            term = solution[column]
            row[column] = "" if term is None else str(term.value)
        rows.append(row)
    return rows


def _open(kg: Path | str | pyoxigraph.Store) -> pyoxigraph.Store:
    import pyoxigraph

    store = kg if isinstance(kg, pyoxigraph.Store) else load_store(kg)
    if not any(True for _ in store.named_graphs()):
        union = pyoxigraph.NamedNode(_UNION_GRAPH)
        default = store.quads_for_pattern(None, None, None, pyoxigraph.DefaultGraph())
        quads = [pyoxigraph.Quad(q.subject, q.predicate, q.object, union) for q in default]
        if quads:
            store.bulk_extend(quads)
    return store


def _date(text: str) -> date | None:
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def _actors(rows: Iterable[tuple[str, str, str, str]]) -> dict[str, Actor]:
    """Actors from distinct (entity, class, label, alias) rows, as ``actors.rq`` gives."""
    classes: dict[str, set[str]] = defaultdict(set)
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    aliases: dict[str, set[str]] = defaultdict(set)
    for iri, cls, label, alias in rows:
        classes[iri].add(cls)
        labels[iri][label] += 1
        if alias:
            aliases[iri].add(alias)
    actors = {}
    for iri, found in classes.items():
        best = min(found, key=_RANK.__getitem__)
        _, type_, kind = _TYPES[_RANK[best]]
        # The label most article graphs agree on; on a tie the longest (the full name).
        label = min(labels[iri].items(), key=lambda item: (-item[1], -len(item[0]), item[0]))[0]
        others = (aliases[iri] | set(labels[iri])) - {label}
        actors[iri] = Actor(iri, label, type_, kind, tuple(sorted(others)))
    return actors


def read_network_data(kg: Path | str | pyoxigraph.Store) -> NetworkData:
    """Read articles, actors, fact evidence and mentions from a graph file or store.

    A graph file is parsed in one streaming pass (:mod:`newskg.network._stream`); a
    store folder, a SPARQL server or an open store is queried with ``queries/``.

    Args:
        kg: what ``newskg build`` wrote (a TriG or N-Quads dataset keeps each article's
            confidence apart; a union file works too, as does anything
            :func:`newskg.graphio.load_store` opens), or an Oxigraph store.

    Raises:
        GraphFileError: the file is missing or not valid RDF, or holds no articles.
    """
    if isinstance(kg, str | Path) and not _is_remote(kg) and not Path(kg).is_dir():
        return _from_file(kg)
    return _from_store(kg)


def _is_remote(kg: Path | str) -> bool:
    return str(kg).startswith(("http://", "https://"))


def _from_store(kg: Path | str | pyoxigraph.Store) -> NetworkData:
    store = _open(kg)
    dates = {row["article"]: _date(row["date"]) for row in _rows(store, "articles")}
    _check_dates(kg, dates)
    columns = ("source", "target", "fact", "article", "sentence", "begin", "confidence", "detail")
    assertions = []
    for relation in FACT_RELATIONS:
        rows = [tuple(row[c] for c in columns) for row in _rows(store, relation)]
        assertions += _assertions(relation, rows)
    mentions = tuple(
        Mention(row["entity"], row["article"], row["sentence"], int(row["begin"]))
        for row in _rows(store, "mentions")
    )
    actors = _actors(
        (row["entity"], row["class"], row["label"], row["alias"]) for row in _rows(store, "actors")
    )
    return NetworkData(dates, actors, tuple(assertions), mentions)


def _from_file(kg: Path | str, processes: int | None = None) -> NetworkData:
    from ._stream import read_rows

    if not Path(kg).is_file():
        load_store(kg)  # raises the missing-file error
    tables = read_rows(kg, processes).tables
    dates = {article: _date(text) for article, text in tables["articles"]}
    _check_dates(kg, dates)
    assertions = [row for relation in FACT_RELATIONS for row in tables[relation]]
    # Plain tuples till here: a split read pickles them quicker than named ones.
    return NetworkData(
        dates,
        _actors(tables["actors"]),
        tuple(map(Assertion._make, assertions)),
        tuple(map(Mention._make, tables["mentions"])),
    )


def _check_dates(kg: object, dates: dict[str, date | None]) -> None:
    if not dates:
        raise GraphFileError(
            f"{kg}: holds no schema:NewsArticle; give a graph file written by `newskg build`"
        )


def _assertions(relation: str, rows: Iterable[Sequence[str]]) -> list[Assertion]:
    return [
        Assertion(
            relation, source, target, fact, article, sentence, int(begin), float(confidence), detail
        )
        for source, target, fact, article, sentence, begin, confidence, detail in rows
    ]
