"""Find an actor the way a person types its name: "Gomez" finds "Maria Gomez".

Tried in order, the first step with any match decides: the IRI; the exact label; the
label in any case and punctuation; an alias or a person's surname; every typed word in
the name. One match is the answer; several make an :class:`AmbiguousActorError` that
lists them; none an :class:`UnknownActorError` that suggests the nearest names.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("id:mg", label="Maria Gomez", kind="person", aliases=[])
>>> g.add_node("id:vt", label="Vermont", kind="state", aliases=["VT"])
>>> find_actor(g, "gomez")
'id:mg'
>>> find_actor(g, "Vermontt")
Traceback (most recent call last):
...
newskg.network.lookup.UnknownActorError: no actor named 'Vermontt'; did you mean Vermont?
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable

import networkx as nx

from ..errors import NewskgError
from ..ids import normalize_name

__all__ = ["ActorLookupError", "AmbiguousActorError", "UnknownActorError", "find_actor"]


class ActorLookupError(NewskgError):
    """A name does not pick out exactly one actor; ``candidates`` holds the labels offered."""

    def __init__(self, message: str, candidates: Iterable[str] = ()):
        super().__init__(message)
        self.candidates = tuple(candidates)


class AmbiguousActorError(ActorLookupError):
    """A name matches several actors; the message lists them."""


class UnknownActorError(ActorLookupError):
    """A name matches no actor; the message suggests the nearest names."""


def _names(graph: nx.MultiDiGraph, node: str) -> list[str]:
    data = graph.nodes[node]
    return [str(data.get("label", node)), *(str(a) for a in data.get("aliases", ()))]


def _surname(graph: nx.MultiDiGraph, node: str) -> str:
    data = graph.nodes[node]
    words = normalize_name(str(data.get("label", ""))).split()
    return words[-1] if data.get("kind") == "person" and len(words) > 1 else ""


def find_actor(graph: nx.MultiDiGraph, name: str) -> str:
    """The node id (IRI) of the one actor ``name`` stands for.

    Args:
        graph: an actor network from :func:`newskg.network.actor_graph`.
        name: an IRI, a full name, a surname, an alias, or some words of the name.

    Raises:
        AmbiguousActorError: several actors match; the message lists them.
        UnknownActorError: none matches; the message suggests the nearest names.
    """
    if name in graph:
        return name
    folded = normalize_name(name)
    words = set(folded.split())
    steps: list[Callable[[str], bool]] = [
        lambda n: graph.nodes[n].get("label") == name,
        lambda n: normalize_name(str(graph.nodes[n].get("label", ""))) == folded,
        lambda n: (
            folded in {normalize_name(a) for a in _names(graph, n)[1:]}
            or _surname(graph, n) == folded
        ),
        lambda n: (
            bool(words) and any(words <= set(normalize_name(a).split()) for a in _names(graph, n))
        ),
    ]
    for step in steps:
        found = sorted(n for n in graph if step(n))
        if len(found) == 1:
            return str(found[0])
        if found:
            raise _ambiguous(graph, name, found)
    raise _unknown(graph, name)


def _describe(graph: nx.MultiDiGraph, node: str) -> str:
    data = graph.nodes[node]
    return f"{data.get('label', node)} ({data.get('kind', '?')}, {node})"


def _ambiguous(graph: nx.MultiDiGraph, name: str, found: list[str]) -> AmbiguousActorError:
    found.sort(key=lambda n: (str(graph.nodes[n].get("label", "")), n))
    shown = "; ".join(_describe(graph, n) for n in found[:10])
    more = f"; and {len(found) - 10} more" if len(found) > 10 else ""
    return AmbiguousActorError(
        f"{name!r} matches {len(found)} actors: {shown}{more}; give the full name or the IRI",
        [str(graph.nodes[n].get("label", n)) for n in found],
    )


def _unknown(graph: nx.MultiDiGraph, name: str) -> UnknownActorError:
    by_name: dict[str, str] = {}
    for node in graph:
        for alias in _names(graph, node):
            by_name.setdefault(alias.casefold(), str(graph.nodes[node].get("label", node)))
    close = difflib.get_close_matches(name.casefold(), by_name, n=8, cutoff=0.6)
    labels = list(dict.fromkeys(by_name[c] for c in close))[:5]
    if labels:
        return UnknownActorError(
            f"no actor named {name!r}; did you mean {' or '.join(labels)}?", labels
        )
    return UnknownActorError(
        f"no actor named {name!r} in the network; check the spelling, or the --kind, "
        "--article and date filters (`newskg query KG entities` lists every name)"
    )
