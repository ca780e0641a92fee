"""Shared fixtures: the spaCy pipeline and a graph of the seed article, built once."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from newskg.extract import extract_article
from newskg.model import Article, ArticleExtraction

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
SEED = SEEDS / "000_37f6897af02eb592.txt"


@pytest.fixture(scope="session")
def nlp() -> Any:
    """The real spaCy pipeline with newskg's gazetteer ruler (loaded once)."""
    from newskg.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def extract(nlp: Any) -> Callable[[str], ArticleExtraction]:
    """Extract entities and facts from a text written for a test."""

    def run(text: str) -> ArticleExtraction:
        return extract_article(Article(id="t.txt", text=text), nlp(text))

    return run


@pytest.fixture(scope="session")
def seed_kg(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed article built into a TriG file by the library (once per session)."""
    from newskg.graphio import write_graph_file
    from newskg.pipeline import build_dataset

    folder = tmp_path_factory.mktemp("seed")
    shutil.copy(SEED, folder)
    out = folder / "seed.trig"
    write_graph_file(build_dataset([folder / SEED.name]).dataset, out)
    return out
