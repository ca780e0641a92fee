"""What a drawing shows: the actors kept, their sizes and places, and the edges among them.

:func:`build_scene` turns an actor network into a :class:`Scene`: the optional ego view
(``focus``/``depth``), the cut to the ``top`` most central actors (with a notice saying
so), node sizes by centrality and positions from :func:`newskg.viz.layout.positions`. The
web page and the static pictures draw the same scene.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_edge("a", "b", key="reported")
'reported'
>>> g.add_node("c")
>>> scene = build_scene(g, top=2)
>>> [n.id for n in scene.nodes], scene.total_nodes, scene.cut
(['a', 'b'], 3, True)
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import networkx as nx

from ..network.centrality import centrality
from ..network.paths import ego_network
from ..network.relations import RELATIONS
from .layout import positions

__all__ = [
    "DEFAULT_TOP",
    "MAX_RADIUS",
    "MIN_RADIUS",
    "Scene",
    "SceneEdge",
    "SceneNode",
    "build_scene",
]

DEFAULT_TOP = 150
"""Actors shown unless asked otherwise: more make a page nobody can read."""
MIN_RADIUS, MAX_RADIUS = 6.0, 24.0
"""Node radii in pixels on the page, for the least and the most central actor."""


@dataclass(frozen=True)
class SceneNode:
    """One actor as drawn.

    Attributes:
        id: its IRI.
        label: its name; ``kind``, ``type``, ``aliases`` as in the network.
        articles: how many articles name it.
        score: its centrality (``Scene.measure``) in the network before the cut.
        radius: its radius in page pixels (from ``score``).
        x: its horizontal position in layout units; ``y`` grows downwards.
        focus: whether it is the centre of an ego view.
    """

    id: str
    label: str
    kind: str
    type: str
    articles: int
    aliases: tuple[str, ...]
    score: float
    radius: float
    x: float
    y: float
    focus: bool = False


@dataclass(frozen=True)
class SceneEdge:
    """One relation between two drawn actors, with the sentences that support it.

    Attributes:
        source: the index of its source in ``Scene.nodes``; ``target`` likewise.
        relation: the relation name; ``label`` how it reads.
        articles: how many articles support it.
        confidence: its highest confidence.
        evidence: (article, sentence) pairs, in article order.
        details: what the facts add (an office title, a claim), if anything.
        weak: whether it is a co-mention rather than a fact.
    """

    source: int
    target: int
    relation: str
    label: str
    articles: int
    confidence: float
    evidence: tuple[tuple[str, str], ...]
    details: tuple[str, ...]
    weak: bool


@dataclass(frozen=True)
class Scene:
    """A network ready to draw.

    Attributes:
        title: the heading; ``subtitle`` says what the view is.
        measure: the centrality measure behind node sizes and the cut.
        nodes: the drawn actors, most central first.
        edges: the relations among them.
        total_nodes: actors in the network (or ego view) before the cut;
            ``total_edges`` its relations.
        cut: whether only the ``top`` most central actors are drawn.
        notice: what the reader must know (the cut, an empty network), or "".
        focus: the centre's IRI in an ego view, else "".
        depth: the ego view's radius in hops (0 without focus).
    """

    title: str
    subtitle: str
    measure: str
    nodes: tuple[SceneNode, ...]
    edges: tuple[SceneEdge, ...]
    total_nodes: int
    total_edges: int
    cut: bool
    notice: str
    focus: str = ""
    depth: int = 0


def _ego(graph: nx.MultiDiGraph, focus: str, depth: int) -> tuple[nx.MultiDiGraph, str]:
    ego = ego_network(graph, focus, depth)
    members = {ego.center} | {end for _, hop in ego.edges for end in (hop.source, hop.target)}
    return graph.subgraph(members).copy(), ego.center


def _radius(score: float, best: float) -> float:
    share = math.sqrt(score / best) if best > 0 else 0.0
    return round(MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * share, 2)


def _notice(kept: int, total: int, measure: str, top: int) -> str:
    if total == 0:
        return "No actor in this network: loosen the filters (--relation, --kind, dates)."
    if kept == total:
        return ""
    return (
        f"Showing the {kept} most central of {total} actors ({measure} centrality). "
        f"Use --top to show more (0 for all), or --focus NAME for one actor's neighbourhood."
    )


def build_scene(
    graph: nx.MultiDiGraph,
    *,
    top: int = DEFAULT_TOP,
    measure: str = "degree",
    focus: str | None = None,
    depth: int = 1,
    title: str = "Actor network",
    seed: int = 42,
) -> Scene:
    """The scene that draws ``graph``: ego view, cut, sizes and layout.

    Args:
        graph: an actor network from :func:`newskg.network.actor_graph`.
        top: draw only the ``top`` most central actors (0 for every actor); the focus
            actor is always kept.
        measure: the centrality measure for sizes and the cut (``MEASURES``).
        focus: draw only this actor's neighbourhood (a name as typed, an alias or an IRI).
        depth: the neighbourhood's radius in hops.
        title: the heading.
        seed: the random seed of the layout (and of sampled betweenness).

    Raises:
        AmbiguousActorError: ``focus`` matches several actors.
        UnknownActorError: ``focus`` matches none.
        ConfigError: an unknown measure.
    """
    center = ""
    if focus is not None:
        graph, center = _ego(graph, focus, depth)
    ranked = centrality(graph, measure, top=0, seed=seed).scores
    scores = {s.node: s.score for s in ranked}
    kept = [s.node for s in ranked]
    if top > 0 and len(kept) > top:
        chosen = kept[:top]
        if center and center not in chosen:
            chosen = [center, *kept[: top - 1]]
        kept = chosen
    shown = graph.subgraph(kept)
    places = positions(shown, seed=seed)
    best = max(scores.values(), default=0.0)
    nodes = tuple(
        SceneNode(
            id=node,
            label=str(graph.nodes[node].get("label", node)),
            kind=str(graph.nodes[node].get("kind", "")),
            type=str(graph.nodes[node].get("type", "")),
            articles=int(graph.nodes[node].get("articles", 0)),
            aliases=tuple(str(a) for a in graph.nodes[node].get("aliases", ())),
            score=round(scores[node], 6),
            radius=_radius(scores[node], best),
            x=places[node][0],
            y=places[node][1],
            focus=node == center,
        )
        for node in kept
    )
    index = {node.id: i for i, node in enumerate(nodes)}
    order = {name: i for i, name in enumerate(RELATIONS)}
    edges = tuple(
        SceneEdge(
            source=index[u],
            target=index[v],
            relation=str(key),
            label=str(data.get("label", RELATIONS[key].label if key in RELATIONS else key)),
            articles=int(data.get("articles", 0)),
            confidence=float(data.get("confidence", 0.0)),
            evidence=tuple((str(a), str(s)) for a, s in data.get("evidence", ())),
            details=tuple(str(d) for d in data.get("details", ())),
            weak=bool(data.get("weak", False)),
        )
        for u, v, key, data in sorted(
            shown.edges(keys=True, data=True),
            key=lambda e: (index[e[0]], order.get(e[2], len(order)), index[e[1]]),
        )
    )
    if center:
        label = nodes[index[center]].label
        hops = "hop" if depth == 1 else "hops"
        subtitle = f"{label} and the actors within {depth} {hops}"
    else:
        subtitle = "Who is connected to whom, and why"
    return Scene(
        title=title,
        subtitle=subtitle,
        measure=measure,
        nodes=nodes,
        edges=edges,
        total_nodes=graph.number_of_nodes(),
        total_edges=graph.number_of_edges(),
        cut=len(nodes) < graph.number_of_nodes(),
        notice=_notice(len(nodes), graph.number_of_nodes(), measure, top),
        focus=center,
        depth=depth if center else 0,
    )
