"""What SHACL validation adds to a build, and whether it grows linearly.

    python benchmarks/bench_validate.py [--articles DIR] [--count 1000]

Builds the evaluation articles repeated under new ids to ``--count`` articles (spaCy
parse, extraction, resolution and RDF graphs: the build without validation), then
validates every article graph as ``newskg build`` does (each graph alone, then the
cross-article shapes on the union). Prints both times, their ratio, and the validation
time per article at each quarter of the corpus, which stays flat when the cost is linear.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from rdflib import Graph

from newskg import __version__
from newskg.build import RunInfo, build_article_graph
from newskg.extract import extract_article
from newskg.nlp import default_model, load_pipeline
from newskg.resolve import apply_merges, find_merges
from newskg.validate import validate_conflicts, validate_graph

from _corpus import DEFAULT_ARTICLES, corpus


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, default=DEFAULT_ARTICLES)
    parser.add_argument("--count", type=int, default=1000)
    args = parser.parse_args()

    articles = corpus(args.articles, articles=args.count)[: args.count]
    nlp = load_pipeline()
    run = RunInfo(__version__, default_model())
    validate_graph(Graph())  # parse and prepare the shapes outside the timed part

    started = time.perf_counter()
    docs = nlp.pipe((a.text for a in articles), batch_size=32)
    extractions = [extract_article(a, d) for a, d in zip(articles, docs, strict=True)]
    merges = find_merges(extractions)
    graphs = [build_article_graph(apply_merges(x, merges), run) for x in extractions]
    build = time.perf_counter() - started

    quarters = {len(graphs) * q // 4 for q in (1, 2, 3, 4)}
    union = Graph()
    started = time.perf_counter()
    marks = []
    for done, (graph, article) in enumerate(zip(graphs, articles, strict=True), start=1):
        validate_graph(graph, article=article.id)
        union += graph
        if done in quarters:
            marks.append((done, time.perf_counter() - started))
    articles_only = time.perf_counter() - started
    validate_conflicts(union)
    validation = time.perf_counter() - started

    triples = sum(len(g) for g in graphs)
    print(f"articles {len(graphs)}, triples {triples}")
    print(f"build without validation {build:8.2f} s")
    print(f"validation               {validation:8.2f} s  (article graphs {articles_only:.2f} s, "
          f"cross-article {validation - articles_only:.2f} s)")
    print(f"validation / build       {validation / build:8.3f}")
    previous_done, previous_time = 0, 0.0
    for done, elapsed in marks:
        per = (elapsed - previous_time) / (done - previous_done) * 1000
        print(f"  articles {previous_done + 1:>5}-{done:<5} {per:6.1f} ms per article graph")
        previous_done, previous_time = done, elapsed
    return 0


if __name__ == "__main__":
    sys.exit(main())
