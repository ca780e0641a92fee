"""The benchmark corpus: the evaluation articles repeated under new ids."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from newskg.ingest import iter_articles
from newskg.model import Article

HERE = Path(__file__).resolve().parent
DEFAULT_ARTICLES = HERE.parent.parent / "shared" / "eval" / "articles"


def corpus(folder: Path, *, words: int = 0, articles: int = 0) -> list[Article]:
    """Articles of ``folder`` repeated with new ids until there are at least ``words``
    words and ``articles`` articles."""
    base = [a for a in iter_articles([folder]) if isinstance(a, Article)]
    if not base:
        sys.exit(f"no articles in {folder}")
    found: list[Article] = []
    total, copy = 0, 0
    while total < words or len(found) < articles:
        for article in base:
            found.append(Article(f"{copy}-{article.id}", article.text, article.title))
            total += len(article.text.split())
            if articles and len(found) >= articles and total >= words:
                break
        copy += 1
    return found


def write_jsonl(articles: list[Article], path: Path) -> Path:
    """Write ``articles`` as a JSONL corpus (one record per line) at ``path``."""
    with path.open("w", encoding="utf-8") as out:
        for a in articles:
            out.write(json.dumps({"id": a.id, "title": a.title, "text": a.text}) + "\n")
    return path
