"""A streaming GraphML writer, several times faster than networkx's on large networks.

The output is what ``networkx.read_graphml(path, force_multigraph=True)``, Cytoscape,
Gephi and yEd read: every attribute declared once as a ``<key>`` with its type (string,
long, double, boolean), list attributes as JSON text, and each edge's key as its ``id``,
as networkx writes a multigraph.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx

from ._xml import attribute_types, element, escape_attribute, text_writer

__all__ = ["write_graphml"]

_HEAD = (
    "<?xml version='1.0' encoding='utf-8'?>\n"
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
    'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
)


Writers = dict[str, tuple[str, Callable[[Any], str]]]  # attribute: (<data> tag, text)


def _writers(keys: dict[str, tuple[str, str]], lists: frozenset[str]) -> Writers:
    return {
        name: (f'  <data key="{ident}">', text_writer(name, kind, lists, attribute=False))
        for name, (ident, kind) in keys.items()
    }


def _data(data: dict[str, Any], writers: Writers) -> str:
    return "".join(
        [
            f"{writers[name][0]}{writers[name][1](value)}</data>\n"
            for name, value in data.items()
            if value is not None
        ]
    )


def write_graphml(graph: nx.MultiDiGraph, path: Path, lists: frozenset[str]) -> None:
    """Write a directed multigraph; ``lists`` names the attributes written as JSON text."""
    node_types = attribute_types((d for _, d in graph.nodes(data=True)), lists)
    edge_types = attribute_types((d for _, _, d in graph.edges(data=True)), lists)
    node_keys = {k: (f"d{i}", t) for i, (k, t) in enumerate(node_types.items())}
    start = len(node_keys)
    edge_keys = {k: (f"d{start + i}", t) for i, (k, t) in enumerate(edge_types.items())}
    with path.open("w", encoding="utf-8") as out:
        out.write(_HEAD)
        for cls, keys in (("node", node_keys), ("edge", edge_keys)):
            for name, (ident, kind) in keys.items():
                out.write(
                    f'<key id="{ident}" for="{cls}" attr.name="{escape_attribute(name)}" '
                    f'attr.type="{kind}"/>\n'
                )
        out.write('<graph edgedefault="directed">\n')
        node_writers, edge_writers = _writers(node_keys, lists), _writers(edge_keys, lists)
        for node, data in graph.nodes(data=True):
            body = _data(data, node_writers)
            out.write(element(f'<node id="{escape_attribute(str(node))}">\n{body}</node>\n'))
        for u, v, key, data in graph.edges(keys=True, data=True):
            head = (
                f'<edge source="{escape_attribute(str(u))}" target="{escape_attribute(str(v))}" '
                f'id="{escape_attribute(str(key))}">\n'
            )
            out.write(element(f"{head}{_data(data, edge_writers)}</edge>\n"))
        out.write("</graph></graphml>\n")
