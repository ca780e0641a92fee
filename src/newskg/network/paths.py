"""How two actors are connected, and who surrounds one: paths and ego networks.

Both ignore direction: "Maria Gomez complained about the commission" links the
commission back to her. Each hop names the relation in its own direction and the
sentence that supports it, so every answer can be checked against the article.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice, pairwise

import networkx as nx

from ..query import QueryResult
from .lookup import find_actor
from .relations import RELATIONS

__all__ = ["EgoNetwork", "Hop", "PathResult", "ego_network", "shortest_paths"]

_ORDER = {name: i for i, name in enumerate(RELATIONS)}


@dataclass(frozen=True)
class Hop:
    """One edge on a path or in an ego network, in the relation's own direction.

    Attributes:
        source: the edge's source IRI; ``source_label`` its name.
        relation: the relation name (``holds_office_in``).
        target: the edge's target IRI; ``target_label`` its name.
        articles: how many articles support the edge.
        confidence: the edge's highest confidence.
        article: the first supporting article; ``sentence`` its evidence sentence.
    """

    source: str
    source_label: str
    relation: str
    target: str
    target_label: str
    articles: int
    confidence: float
    article: str
    sentence: str

    def cells(self) -> tuple[str, ...]:
        """source, relation, target, articles, confidence, article, sentence as text."""
        return (
            self.source_label,
            RELATIONS[self.relation].label,
            self.target_label,
            str(self.articles),
            f"{self.confidence:g}",
            self.article,
            self.sentence,
        )


_HOP_COLUMNS = ("source", "relation", "target", "articles", "confidence", "article", "sentence")


def _hop(graph: nx.MultiDiGraph, u: str, v: str, key: str) -> Hop:
    data = graph.edges[u, v, key]
    article, sentence = data["evidence"][0] if data["evidence"] else ("", "")
    return Hop(
        source=u,
        source_label=str(graph.nodes[u].get("label", u)),
        relation=key,
        target=v,
        target_label=str(graph.nodes[v].get("label", v)),
        articles=int(data["articles"]),
        confidence=float(data["confidence"]),
        article=article,
        sentence=sentence,
    )


def _best_hop(graph: nx.MultiDiGraph, u: str, v: str) -> Hop:
    """The strongest edge between two adjacent actors, either way round.

    Asserted facts before reported claims before co-mentions, then the most supporting
    articles, the highest confidence, and the relation order of ``RELATIONS``.
    """
    edges = [(u, v, k, d) for k, d in graph.get_edge_data(u, v, default={}).items()]
    edges += [(v, u, k, d) for k, d in graph.get_edge_data(v, u, default={}).items()]
    a, b, key, _ = min(
        edges,
        key=lambda e: (
            RELATIONS[e[2]].weak,
            RELATIONS[e[2]].claim,
            -e[3]["articles"],
            -e[3]["confidence"],
            _ORDER[e[2]],
        ),
    )
    return _hop(graph, a, b, key)


@dataclass(frozen=True)
class PathResult:
    """The shortest chains of relations between two actors (none when unconnected).

    Attributes:
        source: the first actor's IRI.
        target: the last actor's IRI.
        paths: each path as its hops, in order from ``source`` to ``target``.
        complete: False when more shortest paths exist than were returned.
    """

    source: str
    target: str
    paths: tuple[tuple[Hop, ...], ...]
    complete: bool = True

    def table(self) -> QueryResult:
        """One row per hop: path and hop numbers, then the hop's cells."""
        rows = tuple(
            (str(p), str(h), *hop.cells())
            for p, path in enumerate(self.paths, 1)
            for h, hop in enumerate(path, 1)
        )
        return QueryResult(("path", "hop", *_HOP_COLUMNS), rows)


def shortest_paths(
    graph: nx.MultiDiGraph, source: str, target: str, *, all_paths: bool = False, limit: int = 20
) -> PathResult:
    """The shortest chain of relations between two actors, or every such chain.

    Args:
        graph: an actor network from :func:`newskg.network.actor_graph`.
        source: a name as typed ("Gomez"), an alias or an IRI (see :func:`find_actor`).
        target: the same, for the other end.
        all_paths: every shortest path, not just one.
        limit: at most this many paths when ``all_paths``.

    Raises:
        AmbiguousActorError: a name matches several actors.
        UnknownActorError: a name matches none.

    Example:
        >>> g = nx.MultiDiGraph()
        >>> g.add_edge("a", "b", key="reported", weak=False, articles=1, confidence=0.9,
        ...            evidence=[("x.txt", "A reported B.")])
        'reported'
        >>> g.add_edge("c", "b", key="reported", weak=False, articles=1, confidence=0.8,
        ...            evidence=[("y.txt", "C reported B.")])
        'reported'
        >>> [(h.source, h.target, h.article) for h in shortest_paths(g, "a", "c").paths[0]]
        [('a', 'b', 'x.txt'), ('c', 'b', 'y.txt')]
    """
    start, end = find_actor(graph, source), find_actor(graph, target)
    view = graph.to_undirected(as_view=True)
    if start == end:
        return PathResult(start, end, ())
    try:
        if all_paths:
            found = list(islice(nx.all_shortest_paths(view, start, end), limit + 1))
        else:
            found = [nx.bidirectional_shortest_path(view, start, end)]
    except nx.NetworkXNoPath:
        return PathResult(start, end, ())
    complete = len(found) <= limit
    paths = tuple(
        tuple(_best_hop(graph, u, v) for u, v in pairwise(nodes)) for nodes in sorted(found[:limit])
    )
    return PathResult(start, end, paths, complete)


@dataclass(frozen=True)
class EgoNetwork:
    """An actor's neighbourhood: every edge among the actors within ``depth`` hops.

    Attributes:
        center: the actor's IRI.
        depth: the radius asked for.
        edges: (distance, hop) pairs; the distance is the farther end's hops from the center.
    """

    center: str
    depth: int
    edges: tuple[tuple[int, Hop], ...]

    def table(self) -> QueryResult:
        """One row per edge: its distance from the center, then the hop's cells."""
        rows = tuple((str(d), *hop.cells()) for d, hop in self.edges)
        return QueryResult(("distance", *_HOP_COLUMNS), rows)


def ego_network(graph: nx.MultiDiGraph, name: str, depth: int = 1) -> EgoNetwork:
    """Every relation among the actors at most ``depth`` hops from one actor.

    Args:
        graph: an actor network from :func:`newskg.network.actor_graph`.
        name: the actor, as typed, an alias or an IRI.
        depth: the radius in hops (1: the actor's own relations).

    Raises:
        AmbiguousActorError: the name matches several actors.
        UnknownActorError: the name matches none.
    """
    center = find_actor(graph, name)
    view = graph.to_undirected(as_view=True)
    distance = nx.single_source_shortest_path_length(view, center, cutoff=max(depth, 0))
    edges = []
    for u, v, key in graph.subgraph(distance).edges(keys=True):
        edges.append((max(distance[u], distance[v]), _hop(graph, u, v, key)))
    edges.sort(key=lambda e: (e[0], e[1].source_label, _ORDER[e[1].relation], e[1].target_label))
    return EgoNetwork(center, depth, tuple(edges))
