"""Reading and writing knowledge-graph files; reading stores too.

Datasets (every article graph kept apart) go to TriG or N-Quads; Turtle, N-Triples and
JSON-LD hold the union graph, because rdflib's Turtle writer silently drops named graphs.
Writing is deterministic: the same dataset gives the same bytes.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Dataset, Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from .errors import GraphFileError
from .vocab import PREFIXES

if TYPE_CHECKING:
    import pyoxigraph

__all__ = [
    "FORMATS",
    "GraphFormat",
    "format_for",
    "load_dataset",
    "load_store",
    "serialize",
    "write_graph_file",
]


@dataclass(frozen=True)
class GraphFormat:
    """One RDF file format and how each library names it."""

    name: str
    suffixes: tuple[str, ...]
    rdflib: str
    oxigraph: str
    is_dataset: bool


FORMATS = {
    f.name: f
    for f in (
        GraphFormat("trig", (".trig",), "trig", "TRIG", True),
        GraphFormat("nquads", (".nq", ".nquads"), "nquads", "N_QUADS", True),
        GraphFormat("turtle", (".ttl", ".turtle"), "turtle", "TURTLE", False),
        GraphFormat("ntriples", (".nt",), "nt", "N_TRIPLES", False),
        GraphFormat("jsonld", (".jsonld", ".json"), "json-ld", "JSON_LD", False),
    )
}


def format_for(path: Path | str) -> GraphFormat:
    """The format a file name implies, or a GraphFileError listing the known suffixes."""
    suffix = Path(path).suffix.lower()
    for fmt in FORMATS.values():
        if suffix in fmt.suffixes:
            return fmt
    known = ", ".join(s for f in FORMATS.values() for s in f.suffixes)
    raise GraphFileError(f"{path}: unknown graph file type {suffix!r}; use one of {known}")


def _union(ds: Dataset) -> Graph:
    union = Graph()
    for prefix, ns in ds.namespaces():
        union.bind(prefix, ns, override=True, replace=True)
    for s, p, o, _ in ds.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


def _stable_trig(ds: Dataset) -> str:
    """TriG with graphs in IRI order (rdflib orders them by hash, which varies per run)."""
    header = {f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES.items()}
    parts = []
    graphs = sorted((g for g in ds.graphs() if len(g)), key=lambda g: str(g.identifier))
    default = [g for g in graphs if g.identifier == DATASET_DEFAULT_GRAPH_ID]
    named = [g for g in graphs if g.identifier != DATASET_DEFAULT_GRAPH_ID]
    for graph in default + named:
        body = Graph(namespace_manager=ds.namespace_manager)
        body += graph
        turtle = body.serialize(format="turtle")
        # A namespace outside newskg's prefixes (read from a store, say) keeps its own.
        header.update(f"{line}\n" for line in turtle.splitlines() if line.startswith("@prefix"))
        triples = "\n".join(
            line for line in turtle.splitlines() if not line.startswith("@prefix")
        ).strip()
        name = "" if graph.identifier == DATASET_DEFAULT_GRAPH_ID else f"<{graph.identifier}> "
        # No re-indenting: lines inside multi-line literals are part of their value.
        parts.append(f"\n{name}{{\n{triples}\n}}\n")
    return "".join(sorted(header)) + "".join(parts)


def serialize(ds: Dataset, fmt: GraphFormat) -> str:
    """The dataset as text in ``fmt``, in a stable order (datasets flattened for triples)."""
    if fmt.name == "nquads":
        lines = ds.serialize(format="nquads").splitlines()
        return "".join(sorted(f"{line}\n" for line in lines if line.strip()))
    if fmt.name == "ntriples":
        lines = _union(ds).serialize(format="nt").splitlines()
        return "".join(sorted(f"{line}\n" for line in lines if line.strip()))
    if fmt.name == "trig":
        return _stable_trig(ds)
    return _union(ds).serialize(format=fmt.rdflib)


def write_graph_file(ds: Dataset, path: Path | str, fmt: GraphFormat | None = None) -> None:
    """Write atomically: a crash mid-write never leaves a half-written graph file."""
    target = Path(path)
    fmt = fmt or format_for(target)
    text = serialize(ds, fmt)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(tmp, target)
    except OSError as err:
        raise GraphFileError(
            f"{target}: cannot write ({err.strerror}); check the folder exists and is writable"
        ) from err


def _existing(path: Path | str) -> Path:
    p = Path(path)
    if not p.is_file():
        raise GraphFileError(
            f"{p}: no such graph file or store; give the file `newskg build -o` wrote "
            "or the folder `newskg build --store` wrote"
        )
    return p


def _is_store(path: Path | str) -> bool:
    return str(path).startswith(("http://", "https://")) or Path(path).is_dir()


def load_dataset(path: Path | str) -> Dataset:
    """Read a graph file, store folder or SPARQL server into an rdflib Dataset.

    Triples-only files go into the default graph. A store is copied whole, so this suits
    stores that fit in memory; query large ones in place with :func:`load_store`.
    """
    if _is_store(path):
        from .store import open_store

        with open_store(path) as store:
            data = store.dump()
        ds = Dataset()
        for prefix, namespace in PREFIXES.items():
            ds.bind(prefix, namespace, override=True, replace=True)
        ds.parse(data=data.decode("utf-8"), format="nquads")
        return ds
    p = _existing(path)
    fmt = format_for(p)
    ds = Dataset()
    try:
        if fmt.is_dataset:
            ds.parse(p, format=fmt.rdflib)
        else:
            ds.default_graph.parse(p, format=fmt.rdflib)
    except Exception as err:  # rdflib raises many unrelated types for bad syntax
        raise GraphFileError(
            f"{p}: not valid {fmt.name} ({err}); rebuild it with `newskg build`"
        ) from err
    return ds


def load_store(path: Path | str) -> pyoxigraph.Store:
    """An Oxigraph store to query: a store folder opened read-only in place, or a graph
    file (or a SPARQL server's data) loaded into memory.

    Raises:
        GraphFileError: the file is missing or not valid RDF.
        StoreError: the folder is not a store, or another process is writing to it.
    """
    import pyoxigraph

    if Path(path).is_dir():
        from .store import LocalStore

        local = LocalStore(Path(path))
        db = local.db
        local.close()  # the lock guards the opening; the read-only store stays usable
        return db
    if str(path).startswith(("http://", "https://")):
        from .remote import RemoteStore

        store = pyoxigraph.Store()
        store.bulk_load(RemoteStore(str(path)).dump(), format=pyoxigraph.RdfFormat.N_QUADS)
        return store
    p = _existing(path)
    fmt = format_for(p)
    store = pyoxigraph.Store()
    try:
        store.bulk_load(path=str(p), format=getattr(pyoxigraph.RdfFormat, fmt.oxigraph))
    except (SyntaxError, ValueError, OSError) as err:
        raise GraphFileError(
            f"{p}: not valid {fmt.name} ({err}); rebuild it with `newskg build`"
        ) from err
    return store
