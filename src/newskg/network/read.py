"""Read what the network needs from a graph file: one SPARQL query per relation kind.

Queries run on Oxigraph (tens of times faster than rdflib on large graphs) and return
flat rows; :mod:`newskg.network.projection` aggregates them into edges.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

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


@dataclass(frozen=True)
class Assertion:
    """One piece of evidence for an edge: a fact, in one article, from one mention."""

    relation: str
    source: str
    target: str
    fact: str
    article: str
    sentence: str
    begin: int
    confidence: float
    detail: str


@dataclass(frozen=True)
class Mention:
    """An entity named in a sentence of an article."""

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


def _actors(store: pyoxigraph.Store) -> dict[str, Actor]:
    classes: dict[str, set[str]] = defaultdict(set)
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    aliases: dict[str, set[str]] = defaultdict(set)
    for row in _rows(store, "actors"):
        iri = row["entity"]
        classes[iri].add(row["class"])
        labels[iri][row["label"]] += 1
        if row["alias"]:
            aliases[iri].add(row["alias"])
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

    Args:
        kg: what ``newskg build`` wrote (a TriG or N-Quads dataset keeps each article's
            confidence apart; a union file works too, as does anything
            :func:`newskg.graphio.load_store` opens), or an Oxigraph store.

    Raises:
        GraphFileError: the file is missing or not valid RDF, or holds no articles.
    """
    store = _open(kg)
    dates = {row["article"]: _date(row["date"]) for row in _rows(store, "articles")}
    if not dates:
        raise GraphFileError(
            f"{kg}: holds no schema:NewsArticle; give a graph file written by `newskg build`"
        )
    assertions = []
    for relation in FACT_RELATIONS:
        for row in _rows(store, relation):
            assertions.append(
                Assertion(
                    relation=relation,
                    source=row["source"],
                    target=row["target"],
                    fact=row["fact"],
                    article=row["article"],
                    sentence=row["sentence"],
                    begin=int(row["begin"]),
                    confidence=float(row["confidence"]),
                    detail=row["detail"],
                )
            )
    mentions = tuple(
        Mention(row["entity"], row["article"], row["sentence"], int(row["begin"]))
        for row in _rows(store, "mentions")
    )
    return NetworkData(dates, _actors(store), tuple(assertions), mentions)
