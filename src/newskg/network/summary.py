"""The network at a glance: nodes and edges by kind, components, density, central actors."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import networkx as nx

from ..query import QueryResult
from ._igraph import undirected
from .centrality import Score, top_scores
from .relations import NODE_KINDS, RELATIONS

__all__ = ["NetworkSummary", "summarize"]


@dataclass(frozen=True)
class NetworkSummary:
    """Counts and shape of an actor network.

    Attributes:
        nodes: node count by kind (kinds with none left out).
        edges: edge count by relation (one edge per source, relation, target).
        components: connected components, ignoring direction (a lone actor is one).
        largest_component: actors in the largest component.
        isolated: actors with no edge.
        density: links over possible links in the simple undirected graph.
        central: the most central actors by degree.
    """

    nodes: dict[str, int]
    edges: dict[str, int]
    components: int
    largest_component: int
    isolated: int
    density: float
    central: tuple[Score, ...]

    def table(self) -> QueryResult:
        """One row per figure: section, name, value."""
        rows = [("nodes", "total", str(sum(self.nodes.values())))]
        rows += [("nodes", kind, str(n)) for kind, n in self.nodes.items()]
        rows.append(("edges", "total", str(sum(self.edges.values()))))
        rows += [("edges", relation, str(n)) for relation, n in self.edges.items()]
        rows += [
            ("graph", "components", str(self.components)),
            ("graph", "largest component", str(self.largest_component)),
            ("graph", "isolated actors", str(self.isolated)),
            ("graph", "density", f"{self.density:.6g}"),
        ]
        rows += [("central (degree)", s.label, f"{s.score:.6g}") for s in self.central]
        return QueryResult(("section", "name", "value"), tuple(rows))


def summarize(graph: nx.MultiDiGraph, *, top: int = 5) -> NetworkSummary:
    """Counts, components, density and the ``top`` actors by degree centrality.

    Example:
        >>> g = nx.MultiDiGraph()
        >>> g.add_node("a", kind="person", label="A")
        >>> g.add_node("b", kind="state", label="B")
        >>> g.add_edge("a", "b", key="holds_office_in")
        'holds_office_in'
        >>> s = summarize(g)
        >>> s.nodes, s.edges, s.components, s.density
        ({'person': 1, 'state': 1}, {'holds_office_in': 1}, 1, 1.0)
    """
    kinds = Counter(str(k) for _, k in graph.nodes(data="kind"))
    nodes = {kind: kinds[kind] for kind in (*NODE_KINDS, *sorted(kinds)) if kinds.get(kind)}
    relations = Counter(key for _, _, key in graph.edges(keys=True))
    edges = {name: relations[name] for name in RELATIONS if relations[name]}
    # One copy to igraph's simple undirected graph gives components, links and degrees.
    simple, ids = undirected(graph)
    n = len(ids)
    sizes = list(simple.connected_components().sizes()) if n else []
    links = simple.ecount()
    degree = [d / (n - 1) if n > 1 else 0.0 for d in simple.degree()]
    succ, pred = graph.succ, graph.pred
    return NetworkSummary(
        nodes=nodes,
        edges=edges,
        components=len(sizes),
        largest_component=max(sizes, default=0),
        isolated=sum(1 for node in graph if not succ[node] and not pred[node]),
        density=2 * links / (n * (n - 1)) if n > 1 else 0.0,
        # Degree centrality, as ``centrality(graph, "degree")``: the cheapest measure.
        central=top_scores(graph, ids, degree, top),
    )
