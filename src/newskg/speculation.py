"""Article graphs built before the cross-article merges are known, kept for pass 2.

A build cannot finish an article graph until every article has been parsed, since a
later article may show that two names are one entity (:mod:`newskg.resolve`). Most
articles take part in no merge, though, and their graphs come out the same whether
built early or late. So, with one parsing process and a spare core, the build finishes
each article without merges while the next ones are parsed, keeps the result here, and
in pass 2 builds again only the articles a merge touches.

Finished graphs wait in memory when they carry their rdflib graph (an in-memory dataset
build, which holds every graph anyway) and in a temporary file otherwise (a store
build, so memory stays flat however many articles there are).
"""

from __future__ import annotations

import pickle
from collections.abc import Iterable
from typing import IO

from .workers import Finished

__all__ = ["Speculation"]


class Speculation:
    """Finished articles by id, kept until pass 2 takes them."""

    def __init__(self, spill: IO[bytes]) -> None:
        self.spill = spill
        self.in_memory: dict[str, Finished] = {}
        self.spilled: dict[str, tuple[int, int]] = {}

    def keep(self, finished: Iterable[Finished]) -> None:
        """Keep finished articles (a later one with the same id replaces it)."""
        for item in finished:
            self.discard(item.article.id)
            if item.graph is not None:
                self.in_memory[item.article.id] = item
            else:
                blob = pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL)
                self.spill.seek(0, 2)
                self.spilled[item.article.id] = (self.spill.tell(), len(blob))
                self.spill.write(blob)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self.in_memory or article_id in self.spilled

    def __len__(self) -> int:
        return len(self.in_memory) + len(self.spilled)

    def discard(self, article_id: str) -> None:
        """Forget an article (a merge touches it, so it must be built again)."""
        self.in_memory.pop(article_id, None)
        self.spilled.pop(article_id, None)

    def take(self, article_id: str) -> Finished:
        """The finished article, no longer kept.

        Raises:
            KeyError: the article is not kept.
        """
        if article_id in self.in_memory:
            return self.in_memory.pop(article_id)
        offset, length = self.spilled.pop(article_id)
        self.spill.seek(offset)
        finished: Finished = pickle.loads(self.spill.read(length))
        return finished
