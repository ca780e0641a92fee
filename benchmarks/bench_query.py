"""Every named question on a store of at least a million triples, against rdflib.

    python benchmarks/bench_query.py --store DIR [--triples 1000000] [--runs 7]
                                     [--rdflib-runs 3] [--rdflib-limit 120]
    python benchmarks/bench_query.py --build 1600 [--jobs 2] [--keep DIR]

Takes whole article graphs of a store folder (``newskg build --store``; or builds one
from ``--build`` evaluation articles repeated under new ids), in IRI order, until they
hold ``--triples`` triples, with their metadata and merge records, into a fresh store
folder. Each named question then runs there as ``newskg query DIR`` runs it (the answer
read into rows of text) ``--runs`` times, and on the same quads in rdflib's in-memory
``Dataset`` ``--rdflib-runs`` times. Prints the median latency of each (the target is
under 100 ms on the store) and the ratio rdflib / store. An rdflib run that takes longer
than ``--rdflib-limit`` seconds is stopped and the question's figures printed as lower
bounds (``>``). ``--keep DIR`` keeps the store ``--build`` made, for another run.
"""

from __future__ import annotations

import argparse
import shutil
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph
from _corpus import DEFAULT_ARTICLES, corpus, write_jsonl
from rdflib import Dataset

from newskg.pipeline import build_store
from newskg.query import prefixes, questions
from newskg.store import LocalStore

ARTICLE_GRAPHS = "https://w3id.org/newskg/graph/article/"


def subset(source: Path, target: Path, triples: int) -> int:
    """Copy whole article graphs (and what describes them) until ``triples`` are copied."""
    db = pyoxigraph.Store.read_only(str(source))
    graphs = sorted(
        (g for g in db.named_graphs() if g.value.startswith(ARTICLE_GRAPHS)), key=lambda g: g.value
    )
    out = pyoxigraph.Store(str(target))
    copied = 0
    chosen = []
    for graph in graphs:
        quads = list(db.quads_for_pattern(None, None, None, graph))
        out.extend(quads)
        copied += len(quads)
        chosen.append(graph)
        if copied >= triples:
            break
    for graph in chosen:  # metadata in the default graph
        out.extend(db.quads_for_pattern(graph, None, None, pyoxigraph.DefaultGraph()))
    resolution = pyoxigraph.NamedNode("https://w3id.org/newskg/graph/resolution")
    out.extend(db.quads_for_pattern(None, None, None, resolution))
    out.flush()
    del out
    return copied


def median_ms(function: object, runs: int) -> tuple[float, int]:
    times, rows = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        rows = len(function())  # type: ignore[operator]
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), rows


class _Overtime(Exception):
    pass


def _overtime(signum: int, frame: object) -> None:
    raise _Overtime


def limited_median_ms(function: object, runs: int, limit: int) -> tuple[float, int | None]:
    """Like :func:`median_ms`, but a run over ``limit`` seconds stops it: (limit, None)."""
    signal.signal(signal.SIGALRM, _overtime)
    signal.alarm(limit)
    try:
        return median_ms(function, runs)
    except _Overtime:
        return limit * 1000.0, None
    finally:
        signal.alarm(0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=None)
    parser.add_argument("--build", type=int, default=1600)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--articles", type=Path, default=DEFAULT_ARTICLES)
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--rdflib-runs", type=int, default=3)
    parser.add_argument("--rdflib-limit", type=int, default=120)
    parser.add_argument("--keep", type=Path, default=None)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-query-") as tmp:
        source = args.store
        if source is None:
            source = Path(tmp) / "built"
            articles = corpus(args.articles, articles=args.build)[: args.build]
            corpus_file = write_jsonl(articles, Path(tmp) / "corpus.jsonl")
            build_store([corpus_file], source, jobs=args.jobs)
            if args.keep is not None:
                shutil.copytree(source, args.keep)
        folder = Path(tmp) / "store"
        copied = subset(source, folder, args.triples)
        store = LocalStore(folder)
        total = store.triples()
        print(f"store: {total} quads ({copied} in article graphs)", flush=True)

        started = time.perf_counter()
        ds = Dataset()
        ds.parse(data=store.dump().decode("utf-8"), format="nquads")
        print(f"rdflib: parsed the same quads in {time.perf_counter() - started:.1f} s")
        namespaces = prefixes()

        timed = {}
        for q in questions().values():
            timed[q.name] = median_ms(lambda q=q: store.query(q.sparql).rows, args.runs)
            print(f"store: {q.name} {timed[q.name][0]:.1f} ms", flush=True)
        print(f"{'question':<12} {'rows':>6} {'store ms':>10} {'rdflib ms':>10} {'ratio':>7}")
        for q in questions().values():
            ms, rows = timed[q.name]
            rdf_ms, rdf_rows = limited_median_ms(
                lambda q=q: list(ds.query(q.sparql, initNs=namespaces)),
                args.rdflib_runs,
                args.rdflib_limit,
            )
            over = ">" if rdf_rows is None else ""
            flag = "" if rdf_rows in (None, rows) else f"  (rdflib: {rdf_rows} rows)"
            print(
                f"{q.name:<12} {rows:>6} {ms:>10.1f} {over:>1}{rdf_ms:>9.1f} "
                f"{over:>1}{rdf_ms / ms:>6.1f}{flag}",
                flush=True,
            )
        worst = max(ms for ms, _ in timed.values())
        print(f"slowest named question on the store: {worst:.1f} ms (target < 100 ms)")
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
