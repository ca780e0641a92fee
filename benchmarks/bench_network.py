"""How long each `newskg network` command takes on a large actor network.

    python benchmarks/bench_network.py [--nodes 100000] [--edges 500000] [--kg FILE] [--rdf]

Generates a random actor network straight as a networkx MultiDiGraph, with the
attributes the projection gives (labels, kinds, articles, confidence, evidence
sentences) and a heavy-tailed degree distribution like news coverage has (a few actors
in many stories), then times the library function behind each command. The projection
from RDF is timed apart on a real graph: --kg, or the evaluation articles built first.
With --rdf the generated network is also written as the knowledge graph a build would
make of it (N-Quads) and read back as the commands read it, `actor_graph(file,
cache=True)`: once into an empty cache (the first command on a file: reading, projecting
and writing the cache) and once from the cache (every later command). The commands then
run on the network read back, and the table adds each way of reading to each command's
own time. --cli also runs every command through `newskg network` in a new process with
the cache warm (and one command with it cold): the time a user waits, imports included.
Every command should finish within 60 s on 100,000 nodes and 500,000 edges.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
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
    parser.add_argument(
        "--cli", action="store_true", help="With --rdf: also time each command through the CLI."
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
            rows += read.rows
            graph = read.graph
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
            ("communities (auto: Leiden)", lambda: communities(graph),
             lambda r: f"{r.total} communities, modularity {r.modularity:.3f}"),
            ("communities Louvain", lambda: communities(graph, "louvain"),
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
        cli: dict[str, float] = {}
        if read and args.cli:
            names = {"A": a, "B": b, "hub": graph.nodes[hub]["label"],
                     "typical": graph.nodes[typical]["label"]}  # fmt: skip
            cli = time_cli(read.path, names, Path(scratch), read.cache)

    print(f"\n{args.nodes} nodes, {args.edges} edges; budget {BUDGET:.0f} s a command\n")
    print(report(rows, read, cli))
    slow = [name for name, seconds, _ in rows if seconds > BUDGET]
    if read:
        slow += [f"{name} (first run)" for name, seconds, _ in rows
                 if name.startswith(COMMANDS) and seconds + read.uncached > BUDGET]  # fmt: skip
        slow += [f"{name} (cached)" for name, seconds, _ in rows
                 if name.startswith(COMMANDS) and seconds + read.cached > BUDGET]  # fmt: skip
    slow += [f"{name} (CLI)" for name, seconds in cli.items() if seconds > BUDGET]
    if slow:
        print(f"\nover {BUDGET:.0f} s: {', '.join(slow)}")
    return 1 if slow else 0


def report(rows: list[tuple[str, float, str]], read: Read | None, cli: dict[str, float]) -> str:
    """The table, as markdown: own seconds, then end to end uncached and cached."""
    head = f"| {'command':<36} | {'seconds':>8} |"
    rule = f"|{'-' * 38}|{'-' * 9}:|"
    if read:
        head += " first run | cached |"
        rule += "----------:|-------:|"
    if cli:
        head += " CLI, cached |"
        rule += "------------:|"
    lines = [f"{head} note", f"{rule}------|"]
    for name, seconds, text in rows:
        line = f"| {name:<36} | {seconds:8.2f} |"
        command = name.startswith(COMMANDS)
        if read:
            if command:
                line += f" {seconds + read.uncached:9.1f} | {seconds + read.cached:6.1f} |"
            else:
                line += f" {'':9} | {'':6} |"
        if cli:
            line += f" {cli[name]:11.1f} |" if name in cli else f" {'':11} |"
        lines.append(f"{line} {text} |")
    if "first run (CLI, summary)" in cli:
        first = cli["first run (CLI, summary)"]
        lines.append(f"\nCLI, first run on the file (summary, cache cold): {first:.1f} s")
    return "\n".join(lines)


@dataclass
class Read:
    """The network read back from its graph file, and what reading it cost."""

    path: Path
    cache: Path
    graph: nx.MultiDiGraph
    uncached: float
    cached: float
    rows: list[tuple[str, float, str]]


def time_read(graph: nx.MultiDiGraph, scratch: Path) -> Read:
    """Write the network as a knowledge graph and time reading it back, as the commands
    do: into an empty cache (a first run), then from the cache."""
    path = scratch / "network.nq"
    seconds, quads = timed(lambda: write_nquads(graph, path))
    print(f"wrote {quads} quads ({path.stat().st_size / 1e6:.0f} MB) in {seconds:.1f} s",
          file=sys.stderr)  # fmt: skip
    cache = scratch / "cache"
    os.environ["NEWSKG_CACHE_DIR"] = str(cache)
    cpu, helped = time.process_time(), _children_cpu()
    uncached, read = timed(lambda: actor_graph(path, cache=True))
    cpu, helped = time.process_time() - cpu, _children_cpu() - helped
    print(f"{'read + projection + cache (file)':<36} {uncached:8.2f} s ({cpu:.1f} s CPU, "
          f"{helped:.1f} s in the second reading process)", file=sys.stderr)  # fmt: skip
    megabytes = sum(f.stat().st_size for f in cache.iterdir()) / 1e6
    del read
    cpu_cached = time.process_time()
    cached, read = timed(lambda: actor_graph(path, cache=True))
    cpu_cached = time.process_time() - cpu_cached
    print(f"{'network from the cache':<36} {cached:8.2f} s", file=sys.stderr)
    # The CPU time shows how much of the wall time was waiting for a shared CPU.
    sizes = (
        f"{quads} quads -> {len(read)} nodes, {read.number_of_edges()} edges; "
        f"{cpu:.1f} s CPU + {helped:.1f} s in the second reading process"
    )
    rows = [
        ("first run: read + project + cache", uncached, f"{sizes}; cache {megabytes:.0f} MB"),
        ("later runs: network from the cache", cached, f"{cpu_cached:.1f} s CPU"),
    ]
    return Read(path, cache, read, uncached, cached, rows)


def _children_cpu() -> float:
    """CPU seconds of this process's finished children (the split read's second part)."""
    times = os.times()
    return times.children_user + times.children_system


# Each command as the CLI takes it; {A}, {B}, {hub} and {typical} are actor names.
CLI_COMMANDS = {
    "summary": ["summary"],
    "centrality degree": ["centrality", "--measure", "degree"],
    "centrality betweenness": ["centrality", "--measure", "betweenness"],
    "centrality pagerank": ["centrality", "--measure", "pagerank"],
    "centrality eigenvector": ["centrality", "--measure", "eigenvector"],
    "path A B": ["path", "{A}", "{B}"],
    "path A B --all": ["path", "{A}", "{B}", "--all"],
    "neighbors typical --depth 2": ["neighbors", "{typical}", "--depth", "2"],
    "neighbors hub --depth 1": ["neighbors", "{hub}", "--depth", "1"],
    "communities (auto: Leiden)": ["communities"],
    "communities Louvain": ["communities", "--method", "louvain"],
    "communities label propagation": ["communities", "--method", "label-propagation"],
    "export graphml": ["export", "-o", "{out}.graphml"],
    "export gexf": ["export", "-o", "{out}.gexf"],
    "export csv": ["export", "-o", "{out}.csv"],
    "export json": ["export", "-o", "{out}.json"],
}


def time_cli(path: Path, names: dict[str, str], scratch: Path, cache: Path) -> dict[str, float]:
    """Wall seconds of each command through `newskg network` in a new process."""
    env = {**os.environ, "NEWSKG_CACHE_DIR": str(cache)}
    found: dict[str, float] = {}

    def run(name: str, args: list[str], env: dict[str, str]) -> None:
        argv = [a.format(out=scratch / "cli", **names) for a in args]
        newskg = str(Path(sys.executable).with_name("newskg"))
        command = [newskg, "network", str(path), *argv]
        started = time.perf_counter()
        done = subprocess.run(command, env=env, capture_output=True, check=False)
        seconds = time.perf_counter() - started
        if done.returncode:
            raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr.decode()}")
        found[name] = seconds
        print(f"CLI {name:<32} {seconds:8.2f} s", file=sys.stderr)

    for name, args in CLI_COMMANDS.items():
        run(name, args, env)
    cold = {**env, "NEWSKG_CACHE_DIR": str(scratch / "cold-cache")}
    run("first run (CLI, summary)", ["summary"], cold)
    return found


def _unknown(graph: nx.MultiDiGraph) -> str:
    try:
        shortest_paths(graph, "Zzyzx Quorple", "Ana Ruiz 1")
    except UnknownActorError as err:
        return f"{len(err.candidates)} suggestions"
    return "found"


if __name__ == "__main__":
    sys.exit(main())
