"""Which groups form: communities of actors, and the relations that bind each.

Modularity communities by default: Leiden (Traag et al. 2019), the refinement of Louvain
(Blondel et al. 2008) that keeps every community connected, 25-50 times faster than
Louvain on large networks here; Louvain itself on request; label propagation, faster and
coarser, for graphs over :data:`LOUVAIN_EDGE_LIMIT` links or when asked. Leiden and
label propagation run in igraph, Louvain in NetworKit (igraph's own takes minutes at
scale); all on the simple undirected graph of the network, from a fixed seed, so the
same network always gives the same communities.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import networkx as nx

from ..errors import ConfigError
from ..query import QueryResult
from ._igraph import seeded, undirected
from ._louvain import louvain_membership
from .centrality import distinct_degree
from .relations import RELATIONS

__all__ = ["LOUVAIN_EDGE_LIMIT", "METHODS", "Community", "CommunityResult", "communities"]

METHODS = ("auto", "leiden", "louvain", "label_propagation")
LOUVAIN_EDGE_LIMIT = 2_000_000
"""``auto`` runs Leiden (modularity) up to this many links, label propagation above."""
LEIDEN_ITERATIONS = 2
"""Leiden passes over the network (igraph's default): most of the gain is in the first."""


@dataclass(frozen=True)
class Community:
    """A group of actors.

    Attributes:
        members: member IRIs, most connected first (then by name).
        labels: their names, in the same order.
        relations: the edges inside the community, counted by relation, most first.
    """

    members: tuple[str, ...]
    labels: tuple[str, ...]
    relations: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class CommunityResult:
    """The communities found, largest first.

    Attributes:
        algorithm: what ran, in words.
        communities: communities of at least ``min_size`` actors, largest first.
        total: how many communities were found, of any size.
        modularity: the partition's modularity on the simple undirected graph.
    """

    algorithm: str
    communities: tuple[Community, ...]
    total: int
    modularity: float

    def table(self) -> QueryResult:
        """One row per community: number, size, members and binding relations."""
        rows = tuple(
            (
                str(i),
                str(len(c.members)),
                "; ".join(c.labels),
                ", ".join(f"{RELATIONS[r].label} {n}" for r, n in c.relations),
            )
            for i, c in enumerate(self.communities, 1)
        )
        return QueryResult(("community", "size", "members", "relations"), rows)


def communities(
    graph: nx.MultiDiGraph,
    method: str = "auto",
    *,
    seed: int = 42,
    resolution: float = 1.0,
    min_size: int = 2,
    top: int = 0,
) -> CommunityResult:
    """Partition the actors into communities.

    Args:
        graph: an actor network from :func:`newskg.network.actor_graph`.
        method: ``leiden`` (modularity, :data:`LEIDEN_ITERATIONS` passes), ``louvain``
            (NetworKit's PLM without refinement: the classic method),
            ``label_propagation``, or ``auto`` (Leiden up to :data:`LOUVAIN_EDGE_LIMIT`
            links).
        seed: the random seed; the same seed gives the same communities.
        resolution: the modularity resolution of Leiden and Louvain: above 1 gives
            more, smaller communities.
        min_size: leave out communities smaller than this (2 drops lone actors).
        top: return only the ``top`` largest; 0 for all.

    Raises:
        ConfigError: an unknown method.
    """
    if method not in METHODS:
        raise ConfigError(f"unknown method {method!r}; use one of {', '.join(METHODS)}")
    g, nodes = undirected(graph)
    if method == "auto":
        method = "leiden" if g.ecount() <= LOUVAIN_EDGE_LIMIT else "label_propagation"
    if method == "louvain":
        membership = louvain_membership(
            g.vcount(), g.get_edgelist(), seed=seed, resolution=resolution
        )
        algorithm = f"Louvain (NetworKit PLM), resolution {resolution:g}, seed {seed}"
    else:
        with seeded(seed):
            if method == "leiden":
                partition = g.community_leiden(
                    objective_function="modularity",
                    resolution=resolution,
                    n_iterations=LEIDEN_ITERATIONS,
                )
                algorithm = (
                    f"Leiden (igraph, modularity), resolution {resolution:g}, "
                    f"{LEIDEN_ITERATIONS} iterations, seed {seed}"
                )
            else:
                partition = g.community_label_propagation()
                algorithm = f"label propagation (igraph), seed {seed}"
        membership = list(partition.membership)
    modularity = float(g.modularity(membership)) if g.ecount() else 0.0

    group_of = {node: membership[i] for i, node in enumerate(nodes)}
    members: dict[int, list[str]] = {}
    for node, group in group_of.items():
        members.setdefault(group, []).append(node)
    bonds: dict[int, Counter[str]] = {group: Counter() for group in members}
    for u, v, key in graph.edges(keys=True):
        if group_of[u] == group_of[v]:
            bonds[group_of[u]][key] += 1

    degree = distinct_degree(graph)
    order = {name: i for i, name in enumerate(RELATIONS)}

    def label(node: str) -> str:
        return str(graph.nodes[node].get("label", node))

    found = []
    for group, nodes_in in members.items():
        if len(nodes_in) < min_size:
            continue
        ranked = sorted(nodes_in, key=lambda n: (-degree[n], label(n), n))
        relations = sorted(bonds[group].items(), key=lambda item: (-item[1], order[item[0]]))
        found.append(Community(tuple(ranked), tuple(label(n) for n in ranked), tuple(relations)))
    found.sort(key=lambda c: (-len(c.members), c.labels))
    chosen = found if top <= 0 else found[:top]
    return CommunityResult(algorithm, tuple(chosen), len(members), modularity)
