"""The network of actors: who is connected to whom, who is central, which groups form.

:func:`actor_graph` projects a knowledge graph onto a networkx ``MultiDiGraph`` of
people, organizations and states (elections and laws on request), one edge per
(source, relation, target) with the articles, confidence and evidence sentences that
support it. The other functions answer questions about such a network; each returns a
frozen result with a ``table()`` for ``newskg.query.format_result``.

Importing this package imports networkx; importing ``newskg`` does not.

Example:
    >>> from newskg.network import actor_graph, shortest_paths  # doctest: +SKIP
    >>> g = actor_graph("kg.trig", min_confidence=0.5)  # doctest: +SKIP
    >>> for hop in shortest_paths(g, "Gomez", "Whitfield").paths[0]:  # doctest: +SKIP
    ...     print(hop.source_label, hop.relation, hop.target_label, hop.article)
"""

from __future__ import annotations

from .centrality import MEASURES, CentralityResult, Score, centrality
from .communities import METHODS, Community, CommunityResult, communities
from .export import EXPORT_FORMATS, encode, export_network, read_network
from .filters import NetworkFilter
from .lookup import ActorLookupError, AmbiguousActorError, UnknownActorError, find_actor
from .paths import EgoNetwork, Hop, PathResult, ego_network, shortest_paths
from .projection import actor_graph, project
from .read import NetworkData, read_network_data
from .relations import ACTOR_KINDS, NODE_KINDS, RELATIONS, Relation
from .summary import NetworkSummary, summarize

__all__ = [
    "ACTOR_KINDS",
    "EXPORT_FORMATS",
    "MEASURES",
    "METHODS",
    "NODE_KINDS",
    "RELATIONS",
    "ActorLookupError",
    "AmbiguousActorError",
    "CentralityResult",
    "Community",
    "CommunityResult",
    "EgoNetwork",
    "Hop",
    "NetworkData",
    "NetworkFilter",
    "NetworkSummary",
    "PathResult",
    "Relation",
    "Score",
    "UnknownActorError",
    "actor_graph",
    "centrality",
    "communities",
    "ego_network",
    "encode",
    "export_network",
    "find_actor",
    "project",
    "read_network",
    "read_network_data",
    "shortest_paths",
    "summarize",
]
