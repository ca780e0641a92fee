"""How long each `newskg network` command takes on a large actor network.

    python benchmarks/bench_network.py [--nodes 100000] [--edges 500000] [--kg FILE] [--rdf]

Generates a random actor network straight as a networkx MultiDiGraph, with the
attributes the projection gives (labels, kinds, articles, confidence, evidence
sentences) and a heavy-tailed degree distribution like news coverage has (a few actors
in many stories), then times the library function behind each command. The projection
from RDF is timed apart on a real graph: --kg, or the evaluation articles built first.
With --rdf the generated network is also written as the knowledge graph a build would
make of it (N-Quads) and read back with `actor_graph` (one streaming pass over the
file), the cost every command pays before its own work; the last column adds it.
Every command should finish within 60 s on 100,000 nodes and 500,000 edges.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections.abc import Callable
from itertools import accumulate
from pathlib import Path
from typing import Any

import networkx as nx
from _corpus import DEFAULT_ARTICLES
from _network_rdf import write_nquads

from newskg.network import (
    RELATIONS,
    UnknownActorError,
    actor_graph,
    centrality,
    communities,
    ego_network,
    export_network,
    project,
    shortest_paths,
    summarize,
)
from newskg.network.read import Actor, Assertion, Mention, NetworkData

FIRST = [
    "Ana",
    "Ben",
    "Cara",
    "Dan",
    "Eva",
    "Finn",
    "Gia",
    "Hal",
    "Ida",
    "Jon",
    "Kim",
    "Lea",
    "Max",
    "Nia",
    "Oto",
    "Pia",
    "Raj",
    "Sol",
    "Tia",
    "Uma",
]
LAST = [
    "Ruiz",
    "Smith",
    "Chen",
    "Okafor",
    "Novak",
    "Haddad",
    "Silva",
    "Kim",
    "Berg",
    "Rossi",
    "Nagy",
    "Sato",
    "Costa",
    "Weber",
]
KINDS = [("person", "Person", 0.55), ("organization", "GovernmentBody", 0.2),
         ("organization", "Organization", 0.2), ("state", "State", 0.05)]  # fmt: skip
FACTS = [name for name, r in RELATIONS.items() if not r.weak]
BUDGET = 60.0
# The rows that are commands (each reads the graph first), not parts of the projection.
COMMANDS = ("summary", "centrality", "path", "neighbors", "communities", "export")


def generate(nodes: int, edges: int, seed: int) -> nx.MultiDiGraph:
    """A random actor network with the projection's attributes."""
    rng = random.Random(seed)
    graph = nx.MultiDiGraph()
    ids = []
    kinds = rng.choices(KINDS, weights=[w for *_, w in KINDS], k=nodes)
    for i, (kind, type_, _) in enumerate(kinds):
        iri = f"https://w3id.org/newskg/id/{kind}/actor-{i:06d}"
        label = f"{rng.choice(FIRST)} {rng.choice(LAST)} {i}"
        graph.add_node(
            iri, label=label, kind=kind, type=type_, articles=rng.randint(1, 9), aliases=[]
        )
        ids.append(iri)
    # Zipf-like popularity: actor i is picked in proportion to 1 / (i + 1) ** 0.8.
    popularity = list(accumulate(1.0 / (i + 1) ** 0.8 for i in range(nodes)))
    while graph.number_of_edges() < edges:
        missing = edges - graph.number_of_edges()
        sources = rng.choices(ids, cum_weights=popularity, k=missing)
        targets = rng.choices(ids, k=missing)
        for u, v in zip(sources, targets, strict=True):
            if u == v:
                continue
            relation = rng.choice(FACTS)
            articles = min(1 + int(rng.expovariate(1.0)), 9)
            evidence = [
                (f"article-{rng.randrange(50_000):05d}.txt", f"{u[-6:]} and {v[-6:]}, sentence.")
                for _ in range(articles)
            ]
            confidence = round(rng.uniform(0.5, 1.0), 3)
            graph.add_edge(
                u,
                v,
                key=relation,
                relation=relation,
                label=RELATIONS[relation].label,
                articles=articles,
                weight=float(articles),
                confidence=confidence,
                confidence_mean=confidence,
                evidence=evidence,
                details=[],
                weak=False,
            )
    return graph


def as_rows(graph: nx.MultiDiGraph) -> NetworkData:
    """The rows the SPARQL queries would return for this network, to time the projection."""
    actors = {n: Actor(n, d["label"], d["type"], d["kind"], ()) for n, d in graph.nodes(data=True)}
    assertions, mentions, dates = [], [], {}
    for u, v, key, data in graph.edges(keys=True, data=True):
        for i, (article, sentence) in enumerate(data["evidence"]):
            dates[article] = None
            fact = f"{u}|{key}|{v}"
            assertions.append(
                Assertion(key, u, v, fact, article, sentence, i, data["confidence"], "")
            )
            mentions += [Mention(u, article, sentence, i), Mention(v, article, sentence, i + 1)]
    return NetworkData(dates, actors, tuple(assertions), tuple(mentions))


def time_projection(graph: nx.MultiDiGraph) -> tuple[str, float, str]:
    """The projection's own work (aggregating rows into edges) at this size."""
    data = as_rows(graph)
    seconds, _ = timed(lambda: project(data))
    sizes = f"{len(data.assertions)} assertions, {len(data.mentions)} mentions"
    return "projection (aggregate rows only)", seconds, sizes


def timed(call: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = call()
    return time.perf_counter() - started, result


def eval_kg(folder: Path, scratch: Path) -> Path:
    from newskg.graphio import write_graph_file
    from newskg.pipeline import build_dataset

    out = scratch / "eval.trig"
    write_graph_file(build_dataset([folder]).dataset, out)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=100_000)
    parser.add_argument("--edges", type=int, default=500_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--kg", type=Path, help="A built graph file to time the projection on.")
    parser.add_argument("--articles", type=Path, default=DEFAULT_ARTICLES)
    parser.add_argument(
        "--rdf", action="store_true", help="Also time reading the network from a graph file."
    )
    args = parser.parse_args()

    rows: list[tuple[str, float, str]] = []
    with tempfile.TemporaryDirectory() as scratch:
        kg = args.kg or eval_kg(args.articles, Path(scratch))
        seconds, small = timed(lambda: actor_graph(kg))
        rows.append(("projection (read + build)", seconds, f"{kg.name}: {len(small)} nodes, "
                     f"{small.number_of_edges()} edges"))  # fmt: skip
        seconds, small = timed(lambda: actor_graph(kg, kinds=["all"], co_mentions=True))
        rows.append(("projection, all kinds + co-mentions", seconds,
                     f"{len(small)} nodes, {small.number_of_edges()} edges"))  # fmt: skip

        seconds, graph = timed(lambda: generate(args.nodes, args.edges, args.seed))
        print(f"generated {len(graph)} nodes, {graph.number_of_edges()} edges in {seconds:.1f} s",
              file=sys.stderr)  # fmt: skip
        rows.append(time_projection(graph))
        read = time_read(graph, Path(scratch)) if args.rdf else None
        if read:
            rows.append(read)
        rng = random.Random(args.seed)
        giant = max(nx.weakly_connected_components(graph), key=len)
        a, b = (graph.nodes[n]["label"] for n in rng.sample(sorted(giant), 2))
        hub = max(graph, key=graph.degree)
        typical = rng.choice(sorted(giant))

        def note(result: Any) -> str:
            return str(getattr(result, "algorithm", ""))

        cases: list[tuple[str, Callable[[], Any], Callable[[Any], str]]] = [
            ("summary", lambda: summarize(graph), lambda r: f"{r.components} components"),
            ("centrality degree", lambda: centrality(graph, "degree"), note),
            ("centrality betweenness", lambda: centrality(graph, "betweenness"), note),
            ("centrality pagerank", lambda: centrality(graph, "pagerank"), note),
            ("centrality eigenvector", lambda: centrality(graph, "eigenvector"), note),
            ("path A B", lambda: shortest_paths(graph, a, b),
             lambda r: f"{len(r.paths[0])} hops" if r.paths else "no path"),
            ("path A B --all", lambda: shortest_paths(graph, a, b, all_paths=True),
             lambda r: f"{len(r.paths)} paths"),
            ("path, unknown name", lambda: _unknown(graph), str),
            ("neighbors typical --depth 2", lambda: ego_network(graph, typical, 2),
             lambda r: f"{len(r.edges)} edges"),
            ("neighbors hub --depth 1", lambda: ego_network(graph, hub, 1),
             lambda r: f"{len(r.edges)} edges"),
            ("communities (auto: Louvain)", lambda: communities(graph),
             lambda r: f"{r.total} communities, modularity {r.modularity:.3f}"),
            ("communities label propagation",
             lambda: communities(graph, "label_propagation"),
             lambda r: f"{r.total} communities, modularity {r.modularity:.3f}"),
        ]  # fmt: skip
        for fmt in ("graphml", "gexf", "csv", "json"):
            out = Path(scratch) / f"net.{fmt}"
            cases.append(
                (f"export {fmt}", lambda out=out: export_network(graph, out),
                 lambda files: f"{sum(f.stat().st_size for f in files) / 1e6:.0f} MB")
            )  # fmt: skip
        for name, call, describe in cases:
            seconds, result = timed(call)
            rows.append((name, seconds, describe(result)))
            print(f"{name:<36} {seconds:8.2f} s", file=sys.stderr)

    reading = read[1] if read else 0.0
    print(f"\n{args.nodes} nodes, {args.edges} edges; budget {BUDGET:.0f} s a command\n")
    head = f"| {'command':<36} | {'seconds':>8} | {'of budget':>9} |"
    if read:
        head += " with read | of budget |"
    print(f"{head} note")
    print(f"|{'-' * 38}|{'-' * 10}|{'-' * 11}|" + ("-----------|-----------|" if read else "")
          + "------")  # fmt: skip
    slow = []
    for name, seconds, text in rows:
        line = f"| {name:<36} | {seconds:8.2f} | {seconds / BUDGET:9.0%} |"
        total = seconds
        if read:
            command = name.startswith(COMMANDS)
            total = seconds + reading if command else seconds
            line += f" {total:9.2f} | {total / BUDGET:9.0%} |" if command else f" {'':9} | {'':9} |"
        print(f"{line} {text}")
        if total > BUDGET:
            slow.append(name)
    if slow:
        print(f"\nover {BUDGET:.0f} s: {', '.join(slow)}")
    return 1 if slow else 0


def time_read(graph: nx.MultiDiGraph, scratch: Path) -> tuple[str, float, str]:
    """Write the network as a knowledge graph and time reading it back into a network."""
    path = scratch / "network.nq"
    seconds, quads = timed(lambda: write_nquads(graph, path))
    print(f"wrote {quads} quads ({path.stat().st_size / 1e6:.0f} MB) in {seconds:.1f} s",
          file=sys.stderr)  # fmt: skip
    cpu = time.process_time()
    seconds, read = timed(lambda: actor_graph(path))
    cpu = time.process_time() - cpu
    print(f"{'read + projection (file)':<36} {seconds:8.2f} s ({cpu:.1f} s CPU)", file=sys.stderr)
    # The CPU time shows how much of the wall time was waiting for a shared CPU.
    sizes = f"{quads} quads -> {len(read)} nodes, {read.number_of_edges()} edges; {cpu:.1f} s CPU"
    return "read + projection (N-Quads file)", seconds, sizes


def _unknown(graph: nx.MultiDiGraph) -> str:
    try:
        shortest_paths(graph, "Zzyzx Quorple", "Ana Ruiz 1")
    except UnknownActorError as err:
        return f"{len(err.candidates)} suggestions"
    return "found"


if __name__ == "__main__":
    sys.exit(main())
