"""The actor network: a projection of the RDF graph onto a networkx ``MultiDiGraph``.

Nodes are entity IRIs; there is one edge per (source, relation, target), keyed by the
relation, aggregating every article that supports it. A multigraph, because two actors
can be linked by several relations (a person holds office in a state *and* responded to
its request) and each keeps its own evidence; directed, because "complained about" reads
one way. Algorithms that need a simple undirected graph collapse it themselves.

Node attributes: ``label``, ``kind`` (person, organization, state, election, law),
``type`` (the ``entities`` question's type), ``articles`` (how many selected articles
name it), ``aliases`` (list). Edge attributes: ``relation``, ``label``, ``articles``,
``weight`` (= articles, for Gephi), ``confidence`` (the highest), ``confidence_mean``,
``evidence`` (list of (article, sentence)), ``details`` (list), ``weak`` (co-mention).
"""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING, Unpack

import networkx as nx

from ..errors import ConfigError
from . import cache as _cache
from .filters import FilterOptions, NetworkFilter
from .read import NetworkData, read_network_data
from .relations import CO_MENTIONED, RELATIONS

if TYPE_CHECKING:
    import pyoxigraph

__all__ = ["actor_graph", "project"]


# An edge's evidence: the assertions (or co-mentions, shaped alike) behind it, in order.
_Rows = list[tuple[str, str, str, str, str, str, int, float, str]]


def _attributes(relation: str, rows: _Rows) -> dict[str, object]:
    """An edge's attributes from its rows: the highest and mean confidence of each (fact,
    article), each (article, sentence) once at its first begin, the distinct details."""
    if len(rows) == 1:  # most edges: no aggregation
        _, _, _, _, article, sentence, _, confidence, detail = rows[0]
        values: list[float] = [confidence]
        ordered = [(article, sentence)]
        details = [detail] if detail else []
        articles = 1
    else:
        confidences: dict[tuple[str, str], float] = {}
        evidence: dict[tuple[str, str], int] = {}
        for _, _, _, fact, article, sentence, begin, confidence, _ in rows:
            known = confidences.get((fact, article))
            if known is None or confidence > known:
                confidences[(fact, article)] = confidence
            first = evidence.get((article, sentence))
            if first is None or begin < first:
                evidence[(article, sentence)] = begin
        values = list(confidences.values())
        ordered = sorted(evidence, key=lambda place: (place[0], evidence[place]))
        details = sorted({row[8] for row in rows if row[8]})
        articles = len({row[4] for row in rows})
    kind = RELATIONS[relation]
    return {
        "relation": relation,
        "label": kind.label,
        "articles": articles,
        "weight": float(articles),
        "confidence": round(max(values), 4),
        "confidence_mean": round(sum(values) / len(values), 4),
        "evidence": ordered,
        "details": details,
        "weak": kind.weak,
    }


def project(data: NetworkData, filt: NetworkFilter | None = None) -> nx.MultiDiGraph:
    """Build the actor network from rows already read, keeping what ``filt`` selects.

    Every actor of a kept kind named in a kept article is a node, even with no edge.
    """
    filt = filt or NetworkFilter()
    articles = {a for a, published in data.dates.items() if filt.keeps_article(a, published)}
    actors = {iri: a for iri, a in data.actors.items() if a.kind in filt.kinds}
    named: dict[str, set[str]] = defaultdict(set)
    for entity, article, _, _ in data.mentions:
        if article in articles and entity in actors:
            named[entity].add(article)

    # Each edge's rows first, aggregated once per edge after: millions of rows on large
    # graphs, most edges with one.
    edges: dict[tuple[str, str, str], _Rows] = {}
    relations, threshold = set(filt.relations), filt.min_confidence
    for row in data.assertions:
        relation, source, target, _, article, _, _, confidence, _ = row
        if (
            relation in relations
            and article in articles
            and confidence >= threshold
            and source in actors
            and target in actors
            and source != target
        ):
            key = (source, relation, target)
            found = edges.get(key)
            if found is None:
                edges[key] = [row]
            else:
                found.append(row)
    if filt.co_mentions:
        _add_co_mentions(edges, data, articles, actors.keys())

    graph = nx.MultiDiGraph()
    ends = {end for source, _, target in edges for end in (source, target)}
    for iri in sorted(named.keys() | ends):
        actor = actors[iri]
        graph.add_node(
            iri,
            label=actor.label,
            kind=actor.kind,
            type=actor.type,
            articles=len(named.get(iri, ())),
            aliases=list(actor.aliases),
        )
    order = {name: i for i, name in enumerate(RELATIONS)}
    keys = sorted(edges, key=lambda e: (e[0], order[e[1]], e[2]))
    _add_edges(graph, ((key, _attributes(key[1], edges[key])) for key in keys))
    return graph


def _add_edges(
    graph: nx.MultiDiGraph, edges: Iterable[tuple[tuple[str, str, str], dict[str, object]]]
) -> None:
    """``graph.add_edge(source, target, key=relation, **attributes)`` for new edges
    between nodes already in a new graph, writing networkx's adjacency dicts straight:
    add_edge's checks and copies take about as long again on large networks."""
    successors, predecessors = graph._succ, graph._pred
    for (source, relation, target), attributes in edges:
        keyed = successors[source].get(target)
        if keyed is None:
            keyed = successors[source][target] = predecessors[target][source] = {}
        keyed[relation] = attributes


def _add_co_mentions(
    edges: dict[tuple[str, str, str], _Rows],
    data: NetworkData,
    articles: set[str],
    actors: Iterable[str],
) -> None:
    """One weak edge per pair of actors named in one sentence (IRI order gives direction)."""
    keep = set(actors)
    sentences: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    for m in data.mentions:
        if m.article in articles and m.entity in keep and m.sentence:
            found = sentences[(m.article, m.sentence)]
            found[m.entity] = min(m.begin, found.get(m.entity, m.begin))
    for (article, sentence), found in sentences.items():
        begin = min(found.values())
        for first, second in combinations(sorted(found), 2):
            # Co-mentions state no fact, so they carry no extractor confidence.
            row = (CO_MENTIONED, first, second, "", article, sentence, begin, 0.0, "")
            edges.setdefault((first, CO_MENTIONED, second), []).append(row)


def actor_graph(
    kg: Path | str | pyoxigraph.Store, *, cache: bool = False, **filters: Unpack[FilterOptions]
) -> nx.MultiDiGraph:
    """The network of actors in a knowledge graph, as a networkx ``MultiDiGraph``.

    Args:
        kg: what ``newskg build`` wrote: a graph file, a store folder, the http(s) URL
            of a SPARQL server (see :func:`newskg.graphio.load_store`), or an open
            Oxigraph store.
        **filters: what to keep, as :meth:`NetworkFilter.make` takes it: ``relations``
            (names or labels; ``co_mentioned`` adds the weak edges), ``kinds``
            (``actors`` by default, or ``all``), ``articles`` (ids), ``min_confidence``,
            ``since`` and ``until`` (publication dates), ``co_mentions``.
        cache: keep what a graph file gives in the user's cache folder and use it while
            the file is unchanged (see :mod:`newskg.network.cache`); the
            ``newskg network`` commands do, unless ``--no-cache``.

    Returns:
        One node per actor (id: its IRI), one edge per (source, relation, target) keyed
        by the relation, with its evidence; see the module docstring for attributes.

    Raises:
        GraphFileError: the file cannot be read.
        StoreError: the folder is not a store, or the server does not answer.
        ConfigError: a filter value is not allowed (the message lists the allowed ones).

    Example:
        >>> g = actor_graph("kg.trig", relations=["member_of_party"])  # doctest: +SKIP
        >>> g.edges["https://w3id.org/newskg/id/person/maria-gomez-0c3f9a12",
        ...         "https://w3id.org/newskg/id/organization/green-party-5e1d2b77",
        ...         "member_of_party"]["articles"]  # doctest: +SKIP
        2
    """
    filt = NetworkFilter.make(**filters)
    key = _cache.cache_key(kg) if cache else None
    with _collector_paused():
        # A cached network of the default filters, else cached rows, else the file.
        default = key is not None and filt == NetworkFilter()
        graph = _cache.load_graph(key) if key is not None and default else None
        if graph is not None:
            return graph
        cached = _cache.load_rows(key) if key is not None else None
        data = read_network_data(kg) if cached is None else cached
        if key is not None and cached is None:
            _cache.save(key, data=data)
        if filt.articles is not None:
            _check_articles(filt.articles, data)
        graph = project(data, filt)
        if key is not None and default:
            _cache.save(key, graph=graph)
        return graph


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while the network is built.

    Reading and projecting make millions of small objects and free none: each allocation
    burst triggers a full collection that finds nothing, about 70% of the time on large
    graphs. Reference counting still frees what is dropped.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _check_articles(wanted: frozenset[str], data: NetworkData) -> None:
    missing = sorted(wanted - data.dates.keys())
    if missing:
        example = min(data.dates)
        raise ConfigError(
            f"no article {missing[0]!r} in the graph; give an article id such as {example!r} "
            "(the `article` column of `newskg query KG entities`)"
        )
