"""Every named question on a store of at least a million triples, against rdflib.

    python benchmarks/bench_query.py --store DIR [--triples 1000000] [--runs 7]
                                     [--rdflib-runs 3] [--rdflib-limit 120]
    python benchmarks/bench_query.py --build 1600 [--jobs 2] [--keep DIR]

Takes whole article graphs of a store folder (``newskg build --store``; or builds one
from ``--build`` evaluation articles repeated under new ids), in IRI order, until they
hold ``--triples`` triples, with their metadata and merge records, into a fresh store
folder, written as a build writes (so it keeps the named questions' answers,
:mod:`newskg.answers`). Each named question then runs ``--runs`` times as ``newskg query
DIR NAME`` runs it (``run_query``: the store opened read-only, the kept answers read and
checked against the store's generation), then as SPARQL on the open store (what the
answers spare), and ``--rdflib-runs`` times on the same quads in rdflib's in-memory
``Dataset``. Prints the median latency of each (the target is under 100 ms on the store)
and the ratios to rdflib. An rdflib run that takes longer
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

from newskg.answers import order_rows
from newskg.pipeline import build_store
from newskg.query import oxigraph_result, prefixes, questions, run_query
from newskg.store import ArticleRecord, LocalStore

ARTICLE_GRAPHS = "https://w3id.org/newskg/graph/article/"


def subset(source: Path, target: Path, triples: int, batch: int = 32) -> int:
    """Copy whole article graphs (and what describes them) until ``triples`` are copied.

    The graphs are written as a build writes them, ``batch`` articles per transaction
    through :class:`LocalStore`, so the copy keeps the named questions' answers too.
    """
    db = pyoxigraph.Store.read_only(str(source))
    graphs = sorted(
        (g for g in db.named_graphs() if g.value.startswith(ARTICLE_GRAPHS)), key=lambda g: g.value
    )
    n_triples = pyoxigraph.RdfFormat.N_TRIPLES
    copied = 0
    records: list[ArticleRecord] = []
    with LocalStore(target, write=True) as out:
        for graph in graphs:
            quads = list(db.quads_for_pattern(None, None, None, graph))
            meta = db.quads_for_pattern(graph, None, None, pyoxigraph.DefaultGraph())
            records.append(
                ArticleRecord(
                    graph.value[len(ARTICLE_GRAPHS) :],
                    "",
                    pyoxigraph.serialize([q.triple for q in quads], format=n_triples).decode(),
                    pyoxigraph.serialize([q.triple for q in meta], format=n_triples).decode(),
                )
            )
            copied += len(quads)
            if len(records) == batch or copied >= triples:
                out.replace_articles(records)
                records = []
            if copied >= triples:
                break
        resolution = pyoxigraph.NamedNode("https://w3id.org/newskg/graph/resolution")
        out.db.extend(db.quads_for_pattern(None, None, None, resolution))
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

        kept, joined = {}, {}
        for q in questions().values():
            answer = run_query(folder, q.name)
            direct = order_rows(q.name, oxigraph_result(store.db, q.sparql).rows)
            assert answer.rows == direct, f"{q.name}: the kept answers differ from the store's"
            kept[q.name] = median_ms(lambda q=q: run_query(folder, q.name).rows, args.runs)
            joined[q.name] = median_ms(lambda q=q: store.query(q.sparql).rows, args.runs)
            print(
                f"{q.name}: kept answers {kept[q.name][0]:.1f} ms, "
                f"SPARQL on the store {joined[q.name][0]:.1f} ms",
                flush=True,
            )
        print(
            f"{'question':<12} {'rows':>6} {'kept ms':>8} {'SPARQL ms':>10} {'rdflib ms':>10} "
            f"{'rdflib/kept':>11} {'rdflib/SPARQL':>13}"
        )
        for q in questions().values():
            ms, rows = kept[q.name]
            sparql_ms, _ = joined[q.name]
            rdf_ms, rdf_rows = limited_median_ms(
                lambda q=q: list(ds.query(q.sparql, initNs=namespaces)),
                args.rdflib_runs,
                args.rdflib_limit,
            )
            over = ">" if rdf_rows is None else " "
            flag = "" if rdf_rows in (None, rows) else f"  (rdflib: {rdf_rows} rows)"
            print(
                f"{q.name:<12} {rows:>6} {ms:>8.1f} {sparql_ms:>10.1f} {over}{rdf_ms:>9.1f} "
                f"{over}{rdf_ms / ms:>10.0f} {over}{rdf_ms / sparql_ms:>12.1f}{flag}",
                flush=True,
            )
        worst = max(ms for ms, _ in kept.values())
        print(
            f"slowest named question, `newskg query DIR NAME` as it runs (the store opened, "
            f"the kept answers read): {worst:.1f} ms (target < 100 ms)"
        )
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
