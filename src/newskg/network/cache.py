"""A cache of what a graph file gives the network, so the next command skips reading it.

Reading a large graph file is most of a network command's time (35-45 s for the 11
million quads of 100,000 actors), and every command reads the same file. The first
command on a graph file saves, in the user's cache folder:

- ``NAME.rows.pickle``: the rows read (:class:`~newskg.network.read.NetworkData`), before
  any filter, in columns: any filter is applied to them again;
- ``NAME.graph.pickle``: the network the default filters give (what a command without
  filter options uses).

``NAME`` is a hash of the file's absolute path, size, modification time (ns), the newskg
version and :data:`CACHE_FORMAT`: a changed or touched file, or another version, misses
and is read again. A cache file that cannot be read (cut short, corrupt, from another
format) is ignored and replaced; a cache folder that cannot be written is skipped. Store
folders and SPARQL servers are not cached: nothing cheap tells when they change.

The folder is ``$NEWSKG_CACHE_DIR`` if set, else ``$XDG_CACHE_HOME/newskg/network``, else
``~/.cache/newskg/network``. Pickle files: only newskg writes there, as the user.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

import networkx as nx

from .. import __version__
from .read import Actor, Assertion, Mention, NetworkData

__all__ = ["CACHE_FORMAT", "cache_dir", "cache_key", "load_graph", "load_rows", "save"]

CACHE_FORMAT = 1
"""Bumped whenever what is cached changes shape, so old cache files miss."""
_MAGIC = "newskg-network-cache"


def cache_dir() -> Path:
    """The folder holding the network cache files."""
    explicit = os.environ.get("NEWSKG_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "newskg" / "network"


def cache_key(kg: object) -> tuple[str, int, int, str, int] | None:
    """What identifies a graph file's contents, or None when it is not cached.

    Only local graph files are cached: not store folders, servers or open stores.
    """
    if not isinstance(kg, str | Path) or str(kg).startswith(("http://", "https://")):
        return None
    path = Path(kg)
    try:
        if not path.is_file():
            return None
        stat = path.stat()
        resolved = str(path.resolve())
    except OSError:
        return None
    return (resolved, stat.st_size, stat.st_mtime_ns, __version__, CACHE_FORMAT)


def _path(key: tuple[Any, ...], part: str) -> Path:
    digest = hashlib.sha256(repr(key).encode("utf-8")).hexdigest()[:32]
    return cache_dir() / f"{digest}.{part}.pickle"


def _load(key: tuple[Any, ...], part: str) -> Any:
    """The cached object, or None on any failure (a miss, never an error)."""
    try:
        with _path(key, part).open("rb") as file:
            magic, found, payload = pickle.load(file)
    except Exception:  # a cache that cannot be read is a miss
        return None
    if magic != _MAGIC or found != key:
        return None
    return payload


def _store(key: tuple[Any, ...], part: str, payload: Any) -> None:
    """Write atomically; a folder that cannot be written leaves no cache, no error."""
    target = _path(key, part)
    tmp = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
        with os.fdopen(fd, "wb") as file:
            pickle.dump((_MAGIC, key, payload), file, protocol=5)
        os.replace(tmp, target)
    except (OSError, pickle.PicklingError):
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


def _columns(rows: tuple[tuple[Any, ...], ...], width: int) -> tuple[tuple[Any, ...], ...]:
    # Columns pickle several times faster than millions of named tuples.
    return tuple(zip(*rows, strict=True)) if rows else ((),) * width


def load_rows(key: tuple[Any, ...]) -> NetworkData | None:
    """The cached rows of a graph file, or None."""
    payload = _load(key, "rows")
    try:
        dates, actors, assertions, mentions = payload
        return NetworkData(
            dates,
            {row[0]: Actor(*row) for row in actors},
            tuple(map(Assertion._make, zip(*assertions, strict=True))),
            tuple(map(Mention._make, zip(*mentions, strict=True))),
        )
    except Exception:  # a payload of the wrong shape is a miss
        return None


def load_graph(key: tuple[Any, ...]) -> nx.MultiDiGraph | None:
    """The cached default network of a graph file, or None."""
    graph = _load(key, "graph")
    return graph if isinstance(graph, nx.MultiDiGraph) else None


def save(
    key: tuple[Any, ...], data: NetworkData | None = None, graph: nx.MultiDiGraph | None = None
) -> None:
    """Cache the rows and/or the default network of a graph file."""
    if graph is not None:
        _store(key, "graph", graph)
    if data is not None:
        actors = [(a.iri, a.label, a.type, a.kind, a.aliases) for a in data.actors.values()]
        payload = (
            data.dates,
            actors,
            _columns(data.assertions, len(Assertion._fields)),
            _columns(data.mentions, len(Mention._fields)),
        )
        _store(key, "rows", payload)
