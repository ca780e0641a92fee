"""How much extraction costs next to spaCy's parse, on the same texts in the same process.

    python benchmarks/bench_extract.py [--articles DIR] [--words 200000]

The articles (by default the evaluation set beside the repository) are repeated with new
ids until they hold at least ``--words`` words. The script times spaCy's parse
(``nlp.pipe``, the floor of the extraction stage), then everything after it on the same
parsed docs: entity and frame extraction, cross-article resolution, and building the
RDF graphs. It prints each time, the words per second and the ratios to the parse time.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from _corpus import DEFAULT_ARTICLES, corpus

from newskg import __version__
from newskg.build import RunInfo, build_article_graph
from newskg.extract import extract_article
from newskg.nlp import default_model, load_pipeline
from newskg.resolve import apply_merges, find_merges


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, default=DEFAULT_ARTICLES)
    parser.add_argument("--words", type=int, default=200_000)
    parser.add_argument("--batch-size", type=int, default=32)
    args = parser.parse_args()

    articles = corpus(args.articles, words=args.words)
    words = sum(len(a.text.split()) for a in articles)
    nlp = load_pipeline()
    nlp("warm up the pipeline")

    started = time.perf_counter()
    docs = list(nlp.pipe((a.text for a in articles), batch_size=args.batch_size))
    parse = time.perf_counter() - started

    started = time.perf_counter()
    extractions = [extract_article(a, d) for a, d in zip(articles, docs, strict=True)]
    merges = find_merges(extractions)
    resolved = [apply_merges(x, merges) for x in extractions]
    extract = time.perf_counter() - started

    run = RunInfo(__version__, default_model())
    started = time.perf_counter()
    triples = sum(len(build_article_graph(x, run)) for x in resolved)
    build = time.perf_counter() - started

    print(f"articles {len(articles)}, words {words}, triples {triples}")
    print(f"spaCy parse      {parse:8.2f} s  {words / parse:8.0f} words/s")
    print(f"extract+resolve  {extract:8.2f} s  ratio to parse {extract / parse:.3f}")
    print(f"build RDF        {build:8.2f} s  ratio to parse {build / parse:.3f}")
    print(
        f"after the parse  {extract + build:8.2f} s  ratio to parse {(extract + build) / parse:.3f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
