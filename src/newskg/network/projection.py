"""The actor network: a projection of the RDF graph onto a networkx ``MultiDiGraph``.

Nodes are entity IRIs; there is one edge per (source, relation, target), keyed by the
relation, aggregating every article that supports it. A multigraph, because two actors
can be linked by several relations (a person holds office in a state *and* responded to
its request) and each keeps its own evidence; directed, because "complained about" reads
one way. Algorithms that need a simple undirected graph collapse it themselves.

Node attributes: ``label``, ``kind`` (person, organization, state, election, law),
``type`` (the ``entities`` question's type), ``articles`` (how many selected articles
name it), ``aliases`` (list). Edge attributes: ``relation``, ``label``, ``articles``,
``weight`` (= articles, for Gephi), ``confidence`` (the highest), ``confidence_mean``,
``evidence`` (list of (article, sentence)), ``details`` (list), ``weak`` (co-mention).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx

from ..errors import ConfigError
from .filters import NetworkFilter
from .read import NetworkData, read_network_data
from .relations import CO_MENTIONED, RELATIONS

if TYPE_CHECKING:
    import pyoxigraph

__all__ = ["actor_graph", "project"]


@dataclass(slots=True)
class _Edge:
    """The evidence gathered for one (source, relation, target) edge."""

    confidences: dict[tuple[str, str], float] = field(default_factory=dict)
    evidence: dict[tuple[str, str], int] = field(default_factory=dict)
    details: set[str] = field(default_factory=set)
    articles: set[str] = field(default_factory=set)

    def add(self, fact: str, article: str, sentence: str, begin: int, confidence: float) -> None:
        key = (fact, article)
        known = self.confidences.get(key)
        if known is None or confidence > known:
            self.confidences[key] = confidence
        place = (article, sentence)
        first = self.evidence.get(place)
        if first is None or begin < first:
            self.evidence[place] = begin
        self.articles.add(article)

    def attributes(self, relation: str) -> dict[str, object]:
        articles = len(self.articles)
        values = list(self.confidences.values())
        ordered = sorted(self.evidence, key=lambda place: (place[0], self.evidence[place]))
        return {
            "relation": relation,
            "label": RELATIONS[relation].label,
            "articles": articles,
            "weight": float(articles),
            "confidence": round(max(values), 4),
            "confidence_mean": round(sum(values) / len(values), 4),
            "evidence": ordered,
            "details": sorted(d for d in self.details if d),
            "weak": RELATIONS[relation].weak,
        }


def project(data: NetworkData, filt: NetworkFilter | None = None) -> nx.MultiDiGraph:
    """Build the actor network from rows already read, keeping what ``filt`` selects.

    Every actor of a kept kind named in a kept article is a node, even with no edge.
    """
    filt = filt or NetworkFilter()
    articles = {a for a, published in data.dates.items() if filt.keeps_article(a, published)}
    actors = {iri: a for iri, a in data.actors.items() if a.kind in filt.kinds}
    named: dict[str, set[str]] = defaultdict(set)
    for mention in data.mentions:
        if mention.article in articles and mention.entity in actors:
            named[mention.entity].add(mention.article)

    edges: dict[tuple[str, str, str], _Edge] = defaultdict(_Edge)
    relations, threshold = set(filt.relations), filt.min_confidence
    for a in data.assertions:
        if (
            a.relation in relations
            and a.article in articles
            and a.confidence >= threshold
            and a.source in actors
            and a.target in actors
            and a.source != a.target
        ):
            edge = edges[(a.source, a.relation, a.target)]
            edge.add(a.fact, a.article, a.sentence, a.begin, a.confidence)
            edge.details.add(a.detail)
    if filt.co_mentions:
        _add_co_mentions(edges, data, articles, actors.keys())

    graph = nx.MultiDiGraph()
    ends = {end for source, _, target in edges for end in (source, target)}
    for iri in sorted(named.keys() | ends):
        actor = actors[iri]
        graph.add_node(
            iri,
            label=actor.label,
            kind=actor.kind,
            type=actor.type,
            articles=len(named.get(iri, ())),
            aliases=list(actor.aliases),
        )
    order = {name: i for i, name in enumerate(RELATIONS)}
    for source, relation, target in sorted(edges, key=lambda e: (e[0], order[e[1]], e[2])):
        attributes = edges[(source, relation, target)].attributes(relation)
        graph.add_edge(source, target, key=relation, **attributes)
    return graph


def _add_co_mentions(
    edges: dict[tuple[str, str, str], _Edge],
    data: NetworkData,
    articles: set[str],
    actors: Iterable[str],
) -> None:
    """One weak edge per pair of actors named in one sentence (IRI order gives direction)."""
    keep = set(actors)
    sentences: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    for m in data.mentions:
        if m.article in articles and m.entity in keep and m.sentence:
            found = sentences[(m.article, m.sentence)]
            found[m.entity] = min(m.begin, found.get(m.entity, m.begin))
    for (article, sentence), found in sentences.items():
        begin = min(found.values())
        for first, second in combinations(sorted(found), 2):
            # Co-mentions state no fact, so they carry no extractor confidence.
            edges[(first, CO_MENTIONED, second)].add("", article, sentence, begin, 0.0)


def actor_graph(
    kg: Path | str | pyoxigraph.Store,
    *,
    relations: Iterable[str] | None = None,
    kinds: Iterable[str] | None = None,
    articles: Iterable[str] | None = None,
    min_confidence: float = 0.0,
    since: date | str | None = None,
    until: date | str | None = None,
    co_mentions: bool = False,
) -> nx.MultiDiGraph:
    """The network of actors in a graph file, as a networkx ``MultiDiGraph``.

    Args:
        kg: a file written by ``newskg build`` (or an Oxigraph store).
        relations: keep these relations only (names or labels; default every fact
            relation, see ``RELATIONS``); ``co_mentioned`` adds the weak edges.
        kinds: node kinds: person, organization, state, election, law, ``actors``
            (the first three, the default) or ``all``.
        articles: count evidence from these article ids only.
        min_confidence: drop fact evidence below this confidence.
        since: count evidence from articles published on or after this date only.
        until: count evidence from articles published on or before this date only.
        co_mentions: add weak ``co_mentioned`` edges between actors named in one sentence.

    Returns:
        One node per actor (id: its IRI), one edge per (source, relation, target) keyed
        by the relation, with its evidence; see the module docstring for attributes.

    Raises:
        GraphFileError: the file cannot be read.
        ConfigError: a filter value is not allowed (the message lists the allowed ones).

    Example:
        >>> g = actor_graph("kg.trig", relations=["member_of_party"])  # doctest: +SKIP
        >>> g.edges["https://w3id.org/newskg/id/person/kris-kobach-83974993",
        ...         "https://w3id.org/newskg/id/organization/republican-party-36abd9bd",
        ...         "member_of_party"]["articles"]  # doctest: +SKIP
        2
    """
    filt = NetworkFilter.make(
        relations=relations,
        kinds=kinds,
        articles=articles,
        min_confidence=min_confidence,
        since=since,
        until=until,
        co_mentions=co_mentions,
    )
    data = read_network_data(kg)
    if filt.articles is not None:
        _check_articles(filt.articles, data)
    return project(data, filt)


def _check_articles(wanted: frozenset[str], data: NetworkData) -> None:
    missing = sorted(wanted - data.dates.keys())
    if missing:
        example = min(data.dates)
        raise ConfigError(
            f"no article {missing[0]!r} in the graph; give an article id such as {example!r} "
            "(the `article` column of `newskg query KG entities`)"
        )
