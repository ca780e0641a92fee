"""Build throughput against spaCy's bare ``nlp.pipe``, on the same texts in the same run.

    python benchmarks/bench_build.py [--articles DIR] [--counts 1000 10000] [--jobs 1 2]
                                     [--keep DIR]

For each count, the evaluation articles are repeated under new ids into a JSONL corpus.
For each number of processes N it times spaCy alone (``nlp.pipe(texts, n_process=N)``,
the model already loaded) and the whole build into a fresh store folder
(``build_store(..., jobs=N)``: reading the corpus, loading the model in the workers,
parsing, extraction, resolution, graph building, validation of each article graph and
of the conflicts between them, and writing the store). It prints both throughputs,
their ratio (build / spaCy, the target is at least 0.8) and the speed-up of the build
from one process to N (the target is at least 1.7 on two cores). With each figure go
the CPU seconds the work took (its processes and their workers) and the load average,
since other work on the machine slows both down; and the peak memory of each build
(the proportional set size of its process and workers). ``--keep DIR`` keeps the last
store built, e.g. for ``bench_query.py --store DIR``.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

from _corpus import DEFAULT_ARTICLES, corpus, write_jsonl
from bench_memory import Sampler, mb

from newskg.nlp import load_pipeline
from newskg.pipeline import build_store


def cpu_seconds() -> float:
    """CPU seconds of this process and its finished children so far."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def spacy_seconds(texts: list[str], jobs: int) -> tuple[float, float]:
    nlp = load_pipeline()
    nlp("warm up the pipeline")
    cpu = cpu_seconds()
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32, n_process=jobs):
        pass
    return time.perf_counter() - started, cpu_seconds() - cpu


def build_seconds(corpus_file: Path, jobs: int, store: Path) -> tuple[float, float, int, int, int]:
    sampler = Sampler()
    sampler.start()
    cpu = cpu_seconds()
    started = time.perf_counter()
    result = build_store([corpus_file], store, jobs=jobs)
    seconds = time.perf_counter() - started
    sampler.stop.set()
    sampler.join()
    return seconds, cpu_seconds() - cpu, result.articles, result.triples, sampler.peak


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, default=DEFAULT_ARTICLES)
    parser.add_argument("--counts", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--keep", type=Path, default=None)
    args = parser.parse_args()

    for count in args.counts:
        articles = corpus(args.articles, articles=count)[:count]
        texts = [a.text for a in articles]
        words = sum(len(t.split()) for t in texts)
        print(f"== {count} articles, {words} words", flush=True)
        with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
            folder = Path(tmp)
            corpus_file = write_jsonl(articles, folder / "corpus.jsonl")
            builds: dict[int, float] = {}
            for jobs in args.jobs:
                load = os.getloadavg()[0]
                parse, parse_cpu = spacy_seconds(texts, jobs)
                store = folder / f"store-{jobs}"
                build, build_cpu, built, triples, peak = build_seconds(corpus_file, jobs, store)
                builds[jobs] = build
                print(
                    f"jobs {jobs}: spaCy nlp.pipe {parse:8.1f} s {words / parse:7.0f} words/s"
                    f" {count / parse:6.2f} articles/s (cpu {parse_cpu:.0f} s) | build"
                    f" {build:8.1f} s {words / build:7.0f} words/s {count / build:6.2f}"
                    f" articles/s (cpu {build_cpu:.0f} s, peak PSS {mb(peak).strip()};"
                    f" {built} built, {triples} triples) | build/spaCy throughput"
                    f" {parse / build:.3f} | load average before {load:.1f},"
                    f" after {os.getloadavg()[0]:.1f}",
                    flush=True,
                )
                if args.keep is not None:
                    shutil.rmtree(args.keep, ignore_errors=True)
                    shutil.copytree(store, args.keep)
                shutil.rmtree(store)
            if 1 in builds:
                for jobs, seconds in builds.items():
                    if jobs != 1:
                        print(f"build speed-up jobs {jobs} / jobs 1: {builds[1] / seconds:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
