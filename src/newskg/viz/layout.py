"""Where each actor is drawn: a force-directed layout per connected component, packed in rows.

One spring layout of a whole network throws small components and lone actors to the
edge and squeezes the big one in the middle. Laying out each component on its own,
scaling it by its size and packing the boxes in rows (largest first, lone actors last
in a grid) keeps every part readable. Components are laid out by igraph: Kamada-Kawai
(even spacing) up to :data:`LARGE_COMPONENT` nodes, Fruchterman-Reingold above. Without
igraph, networkx's spring layout draws components under 500 nodes (it needs SciPy
above). The seed fixes every position, so the same graph always gives the same drawing.

Coordinates are in layout units, about one unit between linked actors, with y growing
downwards as on a screen.

>>> import networkx as nx
>>> pos = positions(nx.MultiDiGraph([("a", "b")]))
>>> sorted(pos), round(abs(pos["a"][0] - pos["b"][0]), 3)
(['a', 'b'], 1.0)
"""

from __future__ import annotations

import importlib.util
import math
from collections.abc import Iterable

import networkx as nx

from ..errors import ConfigError

__all__ = ["LARGE_COMPONENT", "positions"]

LARGE_COMPONENT = 1000
"""Components this size or larger get Fruchterman-Reingold (Kamada-Kawai is quadratic)."""
_NETWORKX_LIMIT = 500
"""networkx's spring layout needs SciPy from this many nodes."""
_SAMPLE = 500
"""Nodes whose nearest neighbour sets the scale of a component's layout."""

_GAP = 1.0
"""Space between packed components, in layout units."""

Position = tuple[float, float]


def _simple(graph: nx.MultiDiGraph) -> nx.Graph:
    simple = nx.Graph()
    simple.add_nodes_from(sorted(graph))
    simple.add_edges_from(sorted((u, v) for u, v in graph.edges() if u != v))
    return simple


def _spread(nodes: list[str], points: Iterable[Iterable[float]]) -> dict[str, Position]:
    """Scale a layout so the distance to a node's nearest neighbour is one unit on average.

    The average is taken over at most :data:`_SAMPLE` evenly spaced nodes, so large
    components cost a few matrix rows, not a full distance matrix.
    """
    import numpy as np

    xy = np.asarray([[float(x), float(y)] for x, y in points], dtype=float).reshape(-1, 2)
    if len(nodes) < 2:
        return {node: (0.0, 0.0) for node in nodes}
    step = max(1, len(nodes) // _SAMPLE)
    probes = xy[::step]
    distances = np.hypot(*(probes[:, None, :] - xy[None, :, :]).transpose(2, 0, 1))
    distances[np.arange(len(probes)), np.arange(0, len(nodes), step)[: len(probes)]] = np.inf
    nearest = float(distances.min(axis=1).mean())
    scale = 1.0 / max(nearest, 1e-9)
    return {
        node: (float(x) * scale, float(y) * scale) for node, (x, y) in zip(nodes, xy, strict=True)
    }


def _component(sub: nx.Graph, seed: int) -> dict[str, Position]:
    nodes = sorted(sub)
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    if len(nodes) == 2:
        return {nodes[0]: (0.0, 0.0), nodes[1]: (1.0, 0.0)}
    if importlib.util.find_spec("igraph") is None:
        if len(nodes) >= _NETWORKX_LIMIT:
            raise ConfigError(
                f"laying out {len(nodes)} connected actors needs python-igraph; install it "
                "with `pip install igraph`, or draw fewer actors with --top"
            )
        found = nx.spring_layout(sub, seed=seed, iterations=200)
        return _spread(nodes, (found[n] for n in nodes))
    from ..network._igraph import seeded, undirected

    ig, names = undirected(sub)
    with seeded(seed):
        if len(names) < LARGE_COMPONENT:
            coords = ig.layout_kamada_kawai().coords
        else:
            coords = ig.layout_fruchterman_reingold(niter=500).coords
    return _spread(names, coords)


def _pack(parts: list[dict[str, Position]]) -> dict[str, Position]:
    """Place each part's bounding box left to right in rows of about a square's width."""
    boxes = []
    for part in parts:
        xs = [x for x, _ in part.values()]
        ys = [y for _, y in part.values()]
        boxes.append((min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)))
    area = sum((w + _GAP) * (h + _GAP) for _, _, w, h in boxes)
    width = max(max(w for _, _, w, _ in boxes), math.sqrt(area) * 1.2)
    placed: dict[str, Position] = {}
    x = y = row_height = 0.0
    for part, (left, top, w, h) in zip(parts, boxes, strict=True):
        if x > 0 and x + w > width:
            x, y, row_height = 0.0, y + row_height + _GAP, 0.0
        for node, (px, py) in part.items():
            placed[node] = (round(px - left + x, 4), round(py - top + y, 4))
        x += w + _GAP
        row_height = max(row_height, h)
    return placed


def positions(graph: nx.MultiDiGraph, *, seed: int = 42) -> dict[str, Position]:
    """The position of every node, by node id.

    Args:
        graph: the network to draw (direction and parallel edges do not matter).
        seed: the random seed of the force layouts.

    Returns:
        ``{node: (x, y)}`` with the top-left corner at (0, 0).
    """
    if graph.number_of_nodes() == 0:
        return {}
    simple = _simple(graph)
    components = sorted(nx.connected_components(simple), key=lambda c: (-len(c), min(c)))
    return _pack([_component(simple.subgraph(c), seed) for c in components])
