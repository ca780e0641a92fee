"""What SHACL validation adds to a build, and whether its cost grows linearly.

    python benchmarks/bench_validate.py [--articles DIR] [--count 1000]

1. End to end: writes the evaluation articles repeated under new ids to ``--count``
   records of a JSONL corpus, then times ``newskg build`` on it twice in this run, with
   and without ``--no-validate`` (model load, extraction, writing the TriG file: the
   whole command), and prints the ratio.
2. Linearity: validates the article graphs in process, as the build does, and prints
   the validation time per article graph for each quarter of the corpus, and the time
   of the cross-article pass over the first quarter, half, three quarters and all of
   them; both stay flat per article when the cost grows linearly.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _corpus import DEFAULT_ARTICLES, corpus
from rdflib import Graph

from newskg import __version__
from newskg.build import RunInfo, build_article_graph
from newskg.extract import extract_article
from newskg.nlp import default_model, load_pipeline
from newskg.resolve import apply_merges, find_merges
from newskg.validate import conflict_view, validate_conflicts, validate_graph

NEWSKG = [str(Path(sys.executable).with_name("newskg"))]  # the console script beside python


def timed_build(corpus_file: Path, out: Path, *options: str) -> float:
    started = time.perf_counter()
    done = subprocess.run(
        [*NEWSKG, "build", str(corpus_file), "-o", str(out), "-q", *options],
        capture_output=True,
        text=True,
    )
    if done.returncode not in (0, 1):
        sys.exit(f"newskg build failed ({done.returncode}): {done.stderr[-500:]}")
    return time.perf_counter() - started


def end_to_end(articles: list, folder: Path) -> None:
    corpus_file = folder / "corpus.jsonl"
    with corpus_file.open("w", encoding="utf-8") as out:
        for a in articles:
            out.write(json.dumps({"id": a.id, "title": a.title, "text": a.text}) + "\n")
    plain = timed_build(corpus_file, folder / "plain.trig", "--no-validate")
    checked = timed_build(corpus_file, folder / "checked.trig")
    print(f"newskg build --no-validate  {plain:8.2f} s")
    print(f"newskg build (validating)   {checked:8.2f} s")
    print(f"validation adds             {(checked - plain) / plain:8.1%} to the build")


def linearity(articles: list) -> None:
    nlp = load_pipeline()
    run = RunInfo(__version__, default_model())
    validate_graph(Graph())  # prepare the shapes outside the timed part
    docs = nlp.pipe((a.text for a in articles), batch_size=32)
    extractions = [extract_article(a, d) for a, d in zip(articles, docs, strict=True)]
    merges = find_merges(extractions)
    graphs = [build_article_graph(apply_merges(x, merges), run) for x in extractions]
    quarters = [len(graphs) * q // 4 for q in (1, 2, 3, 4)]
    union = Graph()
    spent = 0.0
    marks = []
    for done, (graph, article) in enumerate(zip(graphs, articles, strict=True), start=1):
        started = time.perf_counter()
        validate_graph(graph, article=article.id)
        union += conflict_view(graph)
        spent += time.perf_counter() - started
        if done in quarters:
            started = time.perf_counter()
            validate_conflicts(union)  # the cross-article pass a build of `done` would run
            marks.append((done, spent, time.perf_counter() - started))
    print(
        f"triples {sum(len(g) for g in graphs)}; article graphs validated in "
        f"{spent:.2f} s, cross-article pass over all of them {marks[-1][2]:.2f} s"
    )
    before_done, before_time = 0, 0.0
    for done, elapsed, cross in marks:
        per = (elapsed - before_time) / (done - before_done) * 1000
        print(
            f"  articles {before_done + 1:>5}-{done:<5} {per:6.1f} ms per article graph; "
            f"cross-article pass over {done:>5}: {cross:6.2f} s ({cross / done * 1000:.1f} ms "
            "per article)"
        )
        before_done, before_time = done, elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, default=DEFAULT_ARTICLES)
    parser.add_argument("--count", type=int, default=1000)
    args = parser.parse_args()
    articles = corpus(args.articles, articles=args.count)[: args.count]
    print(f"articles {len(articles)}")
    with tempfile.TemporaryDirectory() as folder:
        end_to_end(articles, Path(folder))
    linearity(articles)
    return 0


if __name__ == "__main__":
    sys.exit(main())
