"""Which part of the knowledge graph becomes the network: relations, kinds, articles, dates.

>>> f = NetworkFilter.make(relations=["member of party"], min_confidence=0.5)
>>> f.relations, f.kinds
(('member_of_party',), ('person', 'organization', 'state'))
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TypedDict

from ..errors import ConfigError
from .relations import ACTOR_KINDS, CO_MENTIONED, FACT_RELATIONS, NODE_KINDS, relation_name

__all__ = ["KIND_GROUPS", "FilterOptions", "NetworkFilter"]


class FilterOptions(TypedDict, total=False):
    """The keywords of :meth:`NetworkFilter.make`, for functions that pass them on."""

    relations: Iterable[str] | None
    kinds: Iterable[str] | None
    articles: Iterable[str] | None
    min_confidence: float
    since: date | str | None
    until: date | str | None
    co_mentions: bool


KIND_GROUPS: dict[str, tuple[str, ...]] = {"actors": ACTOR_KINDS, "all": NODE_KINDS}
"""Names that stand for several node kinds in ``kinds``."""


@dataclass(frozen=True)
class NetworkFilter:
    """What to keep. Build it with :meth:`make`, which checks and normalizes every value.

    Attributes:
        relations: the relations whose edges are kept.
        kinds: the node kinds kept (an edge needs both ends kept).
        articles: article ids whose evidence counts, or None for every article.
        min_confidence: fact edges need at least this confidence in one article.
        since: only articles published on or after this date (undated ones drop out).
        until: only articles published on or before this date (undated ones drop out).
    """

    relations: tuple[str, ...] = FACT_RELATIONS
    kinds: tuple[str, ...] = ACTOR_KINDS
    articles: frozenset[str] | None = None
    min_confidence: float = 0.0
    since: date | None = None
    until: date | None = None

    @property
    def co_mentions(self) -> bool:
        """Whether weak co-mention edges are made."""
        return CO_MENTIONED in self.relations

    @classmethod
    def make(
        cls,
        *,
        relations: Iterable[str] | None = None,
        kinds: Iterable[str] | None = None,
        articles: Iterable[str] | None = None,
        min_confidence: float = 0.0,
        since: date | str | None = None,
        until: date | str | None = None,
        co_mentions: bool = False,
    ) -> NetworkFilter:
        """A checked filter; None or empty means "no restriction" (the default kinds).

        Args:
            relations: relation names or labels (see ``RELATIONS``); default every fact
                relation.
            kinds: node kinds, ``actors`` (person, organization, state, the default) or
                ``all`` (elections and laws too).
            articles: article ids (``dcterms:identifier``, the file name or record id).
            min_confidence: in [0, 1].
            since: a date or ``YYYY-MM-DD``.
            until: a date or ``YYYY-MM-DD``.
            co_mentions: add weak edges between actors named in one sentence.

        Raises:
            ConfigError: an unknown relation or kind, or a bad confidence or date; the
                message lists what is allowed.
        """
        chosen = _relations(relations)
        if co_mentions and CO_MENTIONED not in chosen:
            chosen = (*chosen, CO_MENTIONED)
        if not 0.0 <= min_confidence <= 1.0:
            raise ConfigError(f"--min-confidence {min_confidence} is not in [0, 1]; give 0.5")
        first, last = _date(since, "--since"), _date(until, "--until")
        if first and last and first > last:
            raise ConfigError(f"--since {first} is after --until {last}; swap them")
        return cls(
            relations=chosen,
            kinds=_kinds(kinds),
            articles=frozenset(articles) if articles else None,
            min_confidence=float(min_confidence),
            since=first,
            until=last,
        )

    def keeps_article(self, article: str, published: date | None) -> bool:
        """Whether evidence from this article counts."""
        if self.articles is not None and article not in self.articles:
            return False
        if self.since is None and self.until is None:
            return True
        if published is None:
            return False
        return (self.since is None or published >= self.since) and (
            self.until is None or published <= self.until
        )


def _relations(values: Iterable[str] | None) -> tuple[str, ...]:
    names = [relation_name(v) for v in values or ()]
    if not names:
        return FACT_RELATIONS
    known = (*FACT_RELATIONS, CO_MENTIONED)
    unknown = [n for n in names if n not in known]
    if unknown:
        raise ConfigError(f"unknown relation {unknown[0]!r}; use one of {', '.join(known)}")
    return tuple(r for r in known if r in names)


def _kinds(values: Iterable[str] | None) -> tuple[str, ...]:
    chosen: set[str] = set()
    for value in values or ():
        kind = value.strip().casefold()
        if kind in KIND_GROUPS:
            chosen.update(KIND_GROUPS[kind])
        elif kind in NODE_KINDS:
            chosen.add(kind)
        else:
            allowed = ", ".join((*NODE_KINDS, *KIND_GROUPS))
            raise ConfigError(f"unknown node kind {value!r}; use one of {allowed}")
    return tuple(k for k in NODE_KINDS if k in chosen) if chosen else ACTOR_KINDS


def _date(value: date | str | None, option: str) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError as err:
        raise ConfigError(f"{option} {value!r} is not a date; write it as 2017-07-01") from err
