"""Peak memory of a build into a store, and whether it stays flat as the count grows.

    python benchmarks/bench_memory.py [--articles DIR] [--count 10000] [--jobs 2]
                                      [--keep DIR]

The evaluation articles, repeated under new ids to ``--count`` articles, are built into a
store folder with ``--jobs`` processes. A sampler adds up the memory of the build's
process and its worker processes every 0.2 s: their proportional set size (PSS: a page
shared by forked processes counted once in all) and, as an upper bound, their RSS. The
script prints the memory at each tenth of each stage, the peak of the whole build (the
target is under 2 GB) and the peaks of the first and second halves of the writing stage
(flat means the second is no higher than the first, give or take noise). ``--keep DIR``
keeps the store, e.g. for ``bench_query.py --store DIR``.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import threading
import time
from pathlib import Path

from _corpus import DEFAULT_ARTICLES, corpus, write_jsonl

from newskg.pipeline import build_store

PAGE = os.sysconf("SC_PAGE_SIZE")


def _pss(pid: int, resident: int) -> int:
    """Bytes of ``pid``'s proportional set size: its resident pages, each page shared
    with other processes (a forked worker shares the model with its parent) counted as
    its share."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return resident


def _tree_memory(root: int) -> tuple[int, int]:
    """Bytes resident in ``root`` and every process descending from it: the sum of
    their RSS (shared pages counted in each process) and of their PSS."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{entry}/statm", encoding="ascii") as statm:
                resident = int(statm.read().split()[1]) * PAGE
        except (OSError, IndexError, ValueError):
            continue
        parents[int(entry)] = int(fields[1])
        rss[int(entry)] = resident
    wanted = {root}
    changed = True
    while changed:
        changed = False
        for pid, parent in parents.items():
            if parent in wanted and pid not in wanted:
                wanted.add(pid)
                changed = True
    total_rss = sum(rss.get(pid, 0) for pid in wanted)
    total_pss = sum(_pss(pid, rss.get(pid, 0)) for pid in wanted if pid in rss)
    return total_rss, total_pss


class Sampler(threading.Thread):
    """Samples the memory of this process and its workers every 0.2 s: ``now``, ``peak``
    and ``window_peak`` are PSS sums, ``rss_peak`` the peak RSS sum."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.now = 0
        self.peak = 0
        self.rss_peak = 0
        self.window_peak = 0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            rss, self.now = _tree_memory(os.getpid())
            self.rss_peak = max(self.rss_peak, rss)
            self.peak = max(self.peak, self.now)
            self.window_peak = max(self.window_peak, self.now)
            time.sleep(0.2)

    def take_window(self) -> int:
        peak, self.window_peak = self.window_peak, self.now
        return peak


def mb(n: int) -> str:
    return f"{n / 2**20:7.0f} MB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, default=DEFAULT_ARTICLES)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--keep", type=Path, default=None)
    args = parser.parse_args()

    articles = corpus(args.articles, articles=args.count)[: args.count]
    with tempfile.TemporaryDirectory(prefix="bench-memory-") as tmp:
        corpus_file = write_jsonl(articles, Path(tmp) / "corpus.jsonl")
        del articles
        store = args.keep or Path(tmp) / "store"
        sampler = Sampler()
        sampler.start()
        halves: dict[str, list[int]] = {}
        marks: set[tuple[str, int]] = set()

        def progress(stage: str, done: int, total: int) -> None:
            tenth = done * 10 // max(total, 1)
            if (stage, tenth) in marks:
                return
            marks.add((stage, tenth))
            peak = sampler.take_window()
            halves.setdefault(stage, []).append(peak)
            print(
                f"{stage:10} {done:>6}/{total:<6} PSS now {mb(sampler.now)}  peak since last "
                f"{mb(peak)}",
                flush=True,
            )

        started = time.perf_counter()
        result = build_store([corpus_file], store, jobs=args.jobs, progress=progress)
        seconds = time.perf_counter() - started
        sampler.stop.set()
        sampler.join()
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    print(
        f"built {result.articles} articles, {result.triples} triples in {seconds:.0f} s "
        f"with {args.jobs} processes"
    )
    print(
        f"peak memory, build process and workers together: PSS {mb(sampler.peak)}, "
        f"RSS summed {mb(sampler.rss_peak)} (shared pages counted in every process)"
    )
    print(f"peak RSS of the build process alone {mb(own)}, of the largest worker {mb(children)}")
    writing = halves.get("writing", [])
    if len(writing) >= 4:
        half = len(writing) // 2
        first, second = max(writing[:half]), max(writing[half:])
        print(
            f"writing stage: peak in the first half {mb(first)}, in the second {mb(second)} "
            f"(ratio {second / first:.2f})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
