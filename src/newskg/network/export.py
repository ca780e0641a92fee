"""Write the network for Gephi, Cytoscape and spreadsheets, and read it back.

GraphML and GEXF hold only strings, numbers and booleans, so list attributes (a node's
``aliases``; an edge's ``evidence`` and ``details``) are written as JSON text:
``evidence`` becomes ``[["article.txt", "The sentence."], ...]``. :func:`encode` is that
encoding; :func:`read_network` undoes it. CSV writes two files, ``NAME.nodes.csv`` and
``NAME.edges.csv``, with the same JSON text in those columns. JSON is networkx's
node-link format, where lists stay lists.
"""

from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx

from ..errors import ConfigError, GraphFileError
from ._gexf import write_gexf
from ._graphml import write_graphml

__all__ = ["EXPORT_FORMATS", "LIST_ATTRIBUTES", "encode", "export_network", "read_network"]

EXPORT_FORMATS = ("graphml", "gexf", "csv", "json")
LIST_ATTRIBUTES = frozenset({"aliases", "evidence", "details"})
"""Attributes holding lists: JSON text in GraphML, GEXF and CSV."""

_NODE_COLUMNS = ("label", "kind", "type", "articles", "aliases")
_EDGE_COLUMNS = (
    "relation",
    "label",
    "articles",
    "weight",
    "confidence",
    "confidence_mean",
    "weak",
    "details",
    "evidence",
)


def _encode_value(key: str, value: Any) -> Any:
    if key in LIST_ATTRIBUTES or isinstance(value, list | tuple | dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def encode(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose list attributes are JSON text, as GraphML, GEXF and CSV store them.

    Example:
        >>> g = nx.MultiDiGraph()
        >>> g.add_node("a", label="A", aliases=["Ay"])
        >>> encode(g).nodes["a"]["aliases"]
        '["Ay"]'
    """
    out = nx.MultiDiGraph()
    out.add_nodes_from(
        (node, {k: _encode_value(k, v) for k, v in data.items() if v is not None})
        for node, data in graph.nodes(data=True)
    )
    out.add_edges_from(
        (u, v, key, {k: _encode_value(k, x) for k, x in data.items() if x is not None})
        for u, v, key, data in graph.edges(keys=True, data=True)
    )
    return out


def _decode(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    for _, data in graph.nodes(data=True):
        _decode_attributes(data)
    for _, _, data in graph.edges(data=True):
        _decode_attributes(data)
    return graph


def _decode_attributes(data: dict[str, Any]) -> None:
    for key in LIST_ATTRIBUTES & data.keys():
        if isinstance(data[key], str):
            data[key] = json.loads(data[key])
    if "evidence" in data:
        data["evidence"] = [tuple(pair) for pair in data["evidence"]]


def _format(path: Path, fmt: str | None) -> str:
    chosen = fmt or path.suffix.lower().lstrip(".")
    if chosen not in EXPORT_FORMATS:
        raise ConfigError(
            f"{path}: unknown network format {chosen!r}; use one of {', '.join(EXPORT_FORMATS)}"
        )
    return chosen


def _atomic(target: Path, write: Callable[[Path], None]) -> Path:
    """Write through a temporary file so a crash never leaves half a file."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
        os.close(fd)
        write(Path(tmp))
        os.replace(tmp, target)
    except OSError as err:
        raise GraphFileError(
            f"{target}: cannot write ({err.strerror}); check the folder exists and is writable"
        ) from err
    return target


def _write_json(graph: nx.MultiDiGraph, path: Path) -> None:
    data = nx.node_link_data(graph, edges="edges")
    # One string from the C encoder: json.dump streams through the Python one, 3x slower.
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def _cell(key: str, value: Any) -> Any:
    return "" if value is None else _encode_value(key, value)


def _write_csv(graph: nx.MultiDiGraph, nodes_path: Path, edges_path: Path) -> tuple[Path, ...]:
    # Cells encoded as they are written (as encode() gives them), without copying the graph.
    attributes = graph.nodes

    def name(node: Any) -> Any:
        label = attributes[node].get("label")
        return node if label is None else label

    def nodes(tmp: Path) -> None:
        with tmp.open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(("id", *_NODE_COLUMNS))
            writer.writerows(
                (node, *(_cell(c, data.get(c)) for c in _NODE_COLUMNS))
                for node, data in graph.nodes(data=True)
            )

    def edges(tmp: Path) -> None:
        with tmp.open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(("source", "source_label", "target", "target_label", *_EDGE_COLUMNS))
            writer.writerows(
                (u, name(u), v, name(v), *(_cell(c, data.get(c)) for c in _EDGE_COLUMNS))
                for u, v, data in graph.edges(data=True)
            )

    return _atomic(nodes_path, nodes), _atomic(edges_path, edges)


def export_network(
    graph: nx.MultiDiGraph, path: Path | str, fmt: str | None = None
) -> tuple[Path, ...]:
    """Write an actor network to a file, node and edge attributes included.

    Args:
        graph: an actor network from :func:`newskg.network.actor_graph`.
        path: the file to write; for ``csv``, ``NAME.csv`` writes ``NAME.nodes.csv`` and
            ``NAME.edges.csv``.
        fmt: graphml, gexf, csv or json; None takes it from the file suffix.

    Returns:
        The files written.

    Raises:
        ConfigError: an unknown format.
        GraphFileError: a file cannot be written.
    """
    target = Path(path)
    chosen = _format(target, fmt)
    if chosen == "csv":
        stem = target.with_suffix("") if target.suffix.lower() == ".csv" else target
        nodes, edges = (stem.with_name(f"{stem.name}.{part}.csv") for part in ("nodes", "edges"))
        return _write_csv(graph, nodes, edges)
    if chosen == "json":
        return (_atomic(target, lambda tmp: _write_json(graph, tmp)),)
    # Streaming writers that encode list attributes as they go (see _xml.py).
    writer = write_graphml if chosen == "graphml" else write_gexf
    return (_atomic(target, lambda tmp: writer(graph, tmp, LIST_ATTRIBUTES)),)


def read_network(path: Path | str, fmt: str | None = None) -> nx.MultiDiGraph:
    """Read a network written by :func:`export_network` (GraphML, GEXF or JSON) back.

    List attributes are decoded from their JSON text, so the result equals the network
    that was written. (An edge ``id`` that another GEXF writer added is dropped.)

    Raises:
        ConfigError: an unknown or unreadable format (CSV is for spreadsheets).
        GraphFileError: the file cannot be read.
    """
    source = Path(path)
    chosen = _format(source, fmt)
    try:
        if chosen == "graphml":
            graph = nx.read_graphml(source, force_multigraph=True)
        elif chosen == "gexf":
            graph = nx.read_gexf(source)
            for _, _, data in graph.edges(data=True):
                data.pop("id", None)
        elif chosen == "json":
            with source.open(encoding="utf-8") as file:
                graph = nx.node_link_graph(json.load(file), edges="edges")
        else:
            raise ConfigError(f"{source}: CSV is not read back; export graphml, gexf or json")
    except OSError as err:
        raise GraphFileError(f"{source}: cannot read ({err.strerror}); check the path") from err
    return _decode(graph)
