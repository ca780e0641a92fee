"""Who is central: degree, betweenness, PageRank and eigenvector centrality.

Every measure is computed on the simple undirected graph of the network (one link per
pair of actors, whatever the relations and their direction), unweighted. Degree is
counted in networkx; the others run in igraph. Betweenness is exact up to
:data:`EXACT_BETWEENNESS_LIMIT` nodes and estimated from a sample of source nodes above
(or when ``sample`` is given), rescaled like networkx's ``betweenness_centrality(k=...)``.
"""

from __future__ import annotations

import random
import warnings
from dataclasses import dataclass

import networkx as nx

from ..errors import ConfigError
from ..query import QueryResult
from ._igraph import undirected

__all__ = [
    "DEFAULT_SAMPLE",
    "EXACT_BETWEENNESS_LIMIT",
    "MEASURES",
    "CentralityResult",
    "Score",
    "centrality",
    "distinct_degree",
]

MEASURES = ("degree", "betweenness", "pagerank", "eigenvector")
EXACT_BETWEENNESS_LIMIT = 5_000
"""Above this many nodes betweenness is estimated unless ``sample=0`` asks for exact."""
DEFAULT_SAMPLE = 500
"""Sampled source nodes for estimated betweenness (about 7 s on 100,000 nodes here)."""


@dataclass(frozen=True)
class Score:
    """One actor's centrality."""

    node: str
    label: str
    kind: str
    articles: int
    score: float


@dataclass(frozen=True)
class CentralityResult:
    """The most central actors by one measure, highest first.

    Attributes:
        measure: degree, betweenness, pagerank or eigenvector.
        algorithm: what ran, in words (say so to the user: it may be an estimate).
        approximate: whether the scores are estimates (sampled betweenness).
        scores: the top actors, highest score first, ties by name.
    """

    measure: str
    algorithm: str
    approximate: bool
    scores: tuple[Score, ...]

    def table(self) -> QueryResult:
        """Rows of rank, actor, kind, score, articles and IRI."""
        rows = tuple(
            (str(i), s.label, s.kind, f"{s.score:.6g}", str(s.articles), s.node)
            for i, s in enumerate(self.scores, 1)
        )
        return QueryResult(("rank", "actor", "kind", self.measure, "articles", "iri"), rows)


def distinct_degree(graph: nx.MultiDiGraph) -> dict[str, int]:
    """Each node's number of distinct neighbours, whatever the relations or direction."""
    return {node: len((set(graph.succ[node]) | set(graph.pred[node])) - {node}) for node in graph}


def _betweenness(graph: nx.MultiDiGraph, sample: int | None, seed: int) -> tuple[list[float], str]:
    g, _ = undirected(graph)
    n = g.vcount()
    if sample is None:
        sample = 0 if n <= EXACT_BETWEENNESS_LIMIT else DEFAULT_SAMPLE
    scale = 2.0 / ((n - 1) * (n - 2)) if n > 2 else 0.0
    if sample <= 0 or sample >= n:
        return [b * scale for b in g.betweenness(directed=False)], "exact betweenness (igraph)"
    sources = random.Random(seed).sample(range(n), sample)
    raw = g.betweenness(directed=False, sources=sources)
    # Paths from a uniform sample of sources, scaled up by n/k: an unbiased estimate.
    estimate = [b * n / sample * scale for b in raw]
    note = (
        f"approximate betweenness (igraph) from {sample} sampled sources of {n} nodes, "
        f"seed {seed}; --sample 0 for exact (slow on large graphs)"
    )
    return estimate, note


def centrality(
    graph: nx.MultiDiGraph,
    measure: str = "degree",
    *,
    top: int = 10,
    sample: int | None = None,
    seed: int = 42,
) -> CentralityResult:
    """The ``top`` most central actors of a network.

    Args:
        graph: an actor network from :func:`newskg.network.actor_graph`.
        measure: ``degree`` (share of other actors linked), ``betweenness`` (share of
            shortest paths through it), ``pagerank`` (damping 0.85) or ``eigenvector``
            (largest is 1).
        top: how many actors to return; 0 for all.
        sample: betweenness only: source nodes to sample; None decides by size (exact up
            to 5,000 nodes), 0 forces exact.
        seed: the random seed of the sample.

    Raises:
        ConfigError: an unknown measure.

    Example:
        >>> g = nx.MultiDiGraph()
        >>> g.add_edges_from([("a", "b"), ("b", "c"), ("b", "d")])
        [0, 0, 0]
        >>> [(s.node, s.score) for s in centrality(g, "degree", top=2).scores]
        [('b', 1.0), ('a', 0.3333333333333333)]
    """
    if measure not in MEASURES:
        raise ConfigError(f"unknown measure {measure!r}; use one of {', '.join(MEASURES)}")
    nodes = sorted(graph)
    n = len(nodes)
    approximate = False
    if measure == "degree":
        degree = distinct_degree(graph)
        values = [degree[node] / (n - 1) if n > 1 else 0.0 for node in nodes]
        algorithm = "degree centrality (networkx)"
    elif measure == "betweenness":
        values, algorithm = _betweenness(graph, sample, seed)
        approximate = algorithm.startswith("approximate")
    else:
        g, _ = undirected(graph)
        with warnings.catch_warnings():
            # igraph warns that eigenvector centrality is not meaningful on a
            # disconnected graph: the scores then rank the largest component.
            warnings.simplefilter("ignore", RuntimeWarning)
            if n == 0:
                values = []
            elif measure == "pagerank":
                values = g.pagerank(directed=False, damping=0.85)
            else:
                # The graph is undirected; igraph 1.0 rejects directed=False here.
                values = g.eigenvector_centrality(scale=True)
        algorithm = (
            "PageRank, damping 0.85 (igraph)"
            if measure == "pagerank"
            else "eigenvector centrality, largest 1 (igraph)"
        )
    return CentralityResult(measure, algorithm, approximate, top_scores(graph, nodes, values, top))


def top_scores(
    graph: nx.MultiDiGraph, nodes: list[str], values: list[float], top: int
) -> tuple[Score, ...]:
    """The ``top`` nodes by value (0: all), highest first, ties by name then IRI."""
    attributes = graph.nodes
    labels = [str(attributes[node].get("label", node)) for node in nodes]
    order = sorted(range(len(nodes)), key=lambda i: (-values[i], labels[i], nodes[i]))
    chosen = order if top <= 0 else order[:top]
    return tuple(
        Score(
            node=nodes[i],
            label=labels[i],
            kind=str(attributes[nodes[i]].get("kind", "")),
            articles=int(attributes[nodes[i]].get("articles", 0)),
            score=float(values[i]),
        )
        for i in chosen
    )
