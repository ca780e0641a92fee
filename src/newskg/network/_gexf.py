"""A streaming GEXF 1.3 writer: networkx's builds the whole XML tree in memory first.

On 100,000 nodes and 500,000 edges networkx's ``write_gexf`` takes about 45 s; writing
the elements as text as they come takes a fraction of that. The output is what
``networkx.read_gexf`` and Gephi (0.9.3 and later) read: node ``label`` and edge
``label`` and ``weight`` as GEXF's own fields, every other attribute declared once with
its type. Parallel edges differ by their ``kind`` (GEXF 1.3's multigraph field), set to
the edge key, which is also kept in the ``networkx_key`` attribute as networkx writes it.
Edges carry no ``id`` (optional since GEXF 1.3), so reading the file back adds none.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO
from xml.sax.saxutils import quoteattr

import networkx as nx

__all__ = ["write_gexf"]

_OWN = {"label", "weight"}  # GEXF fields of their own, not declared attributes
# Characters XML 1.0 cannot hold at all, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _type(values: Iterable[Any]) -> str:
    kinds = {type(v) for v in values}
    if kinds == {bool}:
        return "boolean"
    if kinds == {int}:
        return "long"
    if kinds and kinds <= {int, float}:
        return "double"
    return "string"


def _text(value: Any, kind: str) -> str:
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "double":
        return repr(float(value))
    return _NOT_XML.sub("", str(value))


def _declare(out: TextIO, cls: str, types: dict[str, tuple[str, str]]) -> None:
    out.write(f'    <attributes class="{cls}">\n')
    for title, (ident, kind) in types.items():
        out.write(f'      <attribute id="{ident}" title={quoteattr(title)} type="{kind}" />\n')
    out.write("    </attributes>\n")


def _attvalues(out: TextIO, data: dict[str, Any], types: dict[str, tuple[str, str]]) -> None:
    values = [(types[k], v) for k, v in data.items() if k in types and v is not None]
    if not values:
        return
    out.write("<attvalues>")
    for (ident, kind), value in values:
        out.write(f'<attvalue for="{ident}" value={quoteattr(_text(value, kind))} />')
    out.write("</attvalues>")


def write_gexf(graph: nx.MultiDiGraph, path: Path) -> None:
    """Write a directed multigraph whose attributes are strings, numbers or booleans."""
    node_values: dict[str, list[Any]] = {}
    for _, data in graph.nodes(data=True):
        for key, value in data.items():
            if key not in _OWN and value is not None:
                node_values.setdefault(key, []).append(value)
    edge_values: dict[str, list[Any]] = {}
    for _, _, key, data in graph.edges(keys=True, data=True):
        edge_values.setdefault("networkx_key", []).append(key)
        for name, value in data.items():
            if name not in _OWN and value is not None:
                edge_values.setdefault(name, []).append(value)
    node_types = {k: (str(i), _type(v)) for i, (k, v) in enumerate(node_values.items())}
    start = len(node_types)
    edge_types = {k: (str(start + i), _type(v)) for i, (k, v) in enumerate(edge_values.items())}
    del node_values, edge_values

    with path.open("w", encoding="utf-8") as out:
        out.write("<?xml version='1.0' encoding='utf-8'?>\n")
        out.write('<gexf xmlns="http://gexf.net/1.3" version="1.3">\n')
        out.write("  <meta><creator>newskg</creator></meta>\n")
        out.write('  <graph defaultedgetype="directed" mode="static">\n')
        _declare(out, "node", node_types)
        _declare(out, "edge", edge_types)
        out.write("    <nodes>\n")
        for node, data in graph.nodes(data=True):
            label = data.get("label", node)
            out.write(f"      <node id={quoteattr(_text(node, 'string'))} ")
            out.write(f"label={quoteattr(_text(label, 'string'))}>")
            _attvalues(out, data, node_types)
            out.write("</node>\n")
        out.write("    </nodes>\n    <edges>\n")
        for u, v, key, data in graph.edges(keys=True, data=True):
            out.write(f"      <edge source={quoteattr(_text(u, 'string'))} ")
            out.write(f"target={quoteattr(_text(v, 'string'))}")
            out.write(f" kind={quoteattr(_text(key, 'string'))}")
            if data.get("label") is not None:
                out.write(f" label={quoteattr(_text(data['label'], 'string'))}")
            if data.get("weight") is not None:
                out.write(f' weight="{float(data["weight"])!r}"')
            out.write(">")
            _attvalues(out, {"networkx_key": key, **data}, edge_types)
            out.write("</edge>\n")
        out.write("    </edges>\n  </graph>\n</gexf>\n")
