"""Article graphs built before the cross-article merges are known, kept for pass 2.

A build cannot finish an article graph until every article has been parsed, since a
later article may show that two names are one entity (:mod:`newskg.resolve`). Most
articles take part in no merge, though, and their graphs come out the same whether
built early or late. So the build finishes each article without merges as soon as it is
parsed (on a spare core beside one parsing process, or in the parsing workers when
there are several), and in pass 2 builds again only the articles a merge touches.

A store build writes each early graph at once (``written``) and keeps only what the
build's summary needs (entities and validation results, in a temporary file, so memory
stays flat). An article a merge touches is removed once the merges are known and
written again merged, so a build stopped in pass 2 leaves it absent (built again next
time), and one stopped while parsing leaves the articles written so far whole, only not
yet resolved against the others, as if an earlier build had stored them. An in-memory
dataset build keeps each early graph built in the build process in memory until pass 2
adds it to the dataset, and spills those the workers built (as N-Triples). An article
the store held in another version waits for pass 2 too, so that its stored version
stays should a merge break the new one.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterable
from dataclasses import replace
from typing import IO

from .workers import Finished

__all__ = ["Speculation"]


class Speculation:
    """Finished articles by id, kept until pass 2 takes them."""

    def __init__(self, spill: IO[bytes]) -> None:
        self.spill = spill
        self.in_memory: dict[str, Finished] = {}
        self.spilled: dict[str, tuple[int, int]] = {}
        self.written: set[str] = set()
        """Articles already written to the store (discarding one does not forget it)."""

    def keep(self, finished: Iterable[Finished], *, written: bool = False) -> None:
        """Keep finished articles (a later one with the same id replaces it).

        Args:
            finished: the articles.
            written: the accepted ones are already in the store: keep only their
                summary, not their graph.
        """
        for item in finished:
            self.discard(item.article.id)
            if written and not item.rejected:
                self.written.add(item.article.id)
                item = replace(item, ntriples="", graph=None)
            if item.graph is not None:  # the graph is what pass 2 reads
                self.in_memory[item.article.id] = replace(item, ntriples="")
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
