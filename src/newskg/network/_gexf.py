"""A streaming GEXF 1.3 writer: networkx's builds the whole XML tree in memory first.

On 100,000 nodes and 500,000 edges networkx's ``write_gexf`` takes about 45 s; writing
the elements as text as they come takes a fraction of that. List attributes are written
as JSON text. The output is what
``networkx.read_gexf`` and Gephi (0.9.3 and later) read: node ``label`` and edge
``label`` and ``weight`` as GEXF's own fields, every other attribute declared once with
its type. Parallel edges differ by their ``kind`` (GEXF 1.3's multigraph field), set to
the edge key, which is also kept in the ``networkx_key`` attribute as networkx writes it.
Edges carry no ``id`` (optional since GEXF 1.3), so reading the file back adds none.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx

from ._xml import attribute_types, element, escape_attribute, text_writer

__all__ = ["write_gexf"]

_OWN = frozenset({"label", "weight"})  # GEXF fields of their own, not declared attributes


def _declare(out: Any, cls: str, types: dict[str, tuple[str, str]]) -> None:
    out.write(f'    <attributes class="{cls}">\n')
    for title, (ident, kind) in types.items():
        out.write(
            f'      <attribute id="{ident}" title="{escape_attribute(title)}" type="{kind}" />\n'
        )
    out.write("    </attributes>\n")


Writers = dict[str, tuple[str, Callable[[Any], str]]]  # attribute: (<attvalue> head, text)


def _writers(types: dict[str, tuple[str, str]], lists: frozenset[str]) -> Writers:
    return {
        name: (f'<attvalue for="{ident}" value="', text_writer(name, kind, lists, attribute=True))
        for name, (ident, kind) in types.items()
    }


def _attvalues(data: dict[str, Any], writers: Writers) -> str:
    parts = [
        f'{writers[name][0]}{writers[name][1](value)}" />'
        for name, value in data.items()
        if value is not None and name not in _OWN
    ]
    return f"<attvalues>{''.join(parts)}</attvalues>" if parts else ""


def write_gexf(graph: nx.MultiDiGraph, path: Path, lists: frozenset[str]) -> None:
    """Write a directed multigraph; ``lists`` names the attributes written as JSON text."""
    node_values = attribute_types((d for _, d in graph.nodes(data=True)), lists, _OWN)
    edge_values = {"networkx_key": "string"}
    edge_values.update(attribute_types((d for _, _, d in graph.edges(data=True)), lists, _OWN))
    node_types = {k: (str(i), t) for i, (k, t) in enumerate(node_values.items())}
    start = len(node_types)
    edge_types = {k: (str(start + i), t) for i, (k, t) in enumerate(edge_values.items())}

    with path.open("w", encoding="utf-8") as out:
        out.write("<?xml version='1.0' encoding='utf-8'?>\n")
        out.write('<gexf xmlns="http://gexf.net/1.3" version="1.3">\n')
        out.write("  <meta><creator>newskg</creator></meta>\n")
        out.write('  <graph defaultedgetype="directed" mode="static">\n')
        _declare(out, "node", node_types)
        _declare(out, "edge", edge_types)
        node_writers, edge_writers = _writers(node_types, lists), _writers(edge_types, lists)
        out.write("    <nodes>\n")
        for node, data in graph.nodes(data=True):
            label = escape_attribute(str(data.get("label", node)))
            values = _attvalues(data, node_writers)
            ident = escape_attribute(str(node))
            out.write(element(f'      <node id="{ident}" label="{label}">{values}</node>\n'))
        out.write("    </nodes>\n    <edges>\n")
        for u, v, key, data in graph.edges(keys=True, data=True):
            kind = escape_attribute(str(key))
            head = (
                f'      <edge source="{escape_attribute(str(u))}" '
                f'target="{escape_attribute(str(v))}" kind="{kind}"'
            )
            if data.get("label") is not None:
                head += f' label="{escape_attribute(str(data["label"]))}"'
            if data.get("weight") is not None:
                head += f' weight="{float(data["weight"])!r}"'
            values = _attvalues({"networkx_key": key, **data}, edge_writers)
            out.write(element(f"{head}>{values}</edge>\n"))
        out.write("    </edges>\n  </graph>\n</gexf>\n")
