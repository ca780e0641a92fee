"""Small helpers the frame extractors share: spans, entity lookup, lists of actors."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from ...model import Entity, EntityType, Span

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

    from ..entities import EntityIndex

__all__ = ["conjuncts", "entities_in", "entity_of", "evidence", "sentence_span"]


def evidence(tokens: Iterable[Token]) -> tuple[Span, ...]:
    """One evidence span from the first to the last of some tokens, in its sentence."""
    items = sorted(tokens, key=lambda t: t.i)
    if not items:
        return ()
    first, last = items[0], items[-1]
    # A slice of the doc, not doc.text: spaCy rebuilds doc.text on every access.
    span = first.doc[first.i : last.i + 1]
    return (Span(span.start_char, span.end_char, span.text, first.sent.text.strip()),)


def sentence_span(sent: SpacySpan) -> Span:
    """The whole sentence as an evidence span."""
    text = sent.text
    stripped = text.strip()
    offset = sent.start_char + (len(text) - len(text.lstrip()))
    return Span(offset, offset + len(stripped), stripped, stripped)


def entity_of(
    index: EntityIndex, token: Token, types: Iterable[EntityType] | None = None
) -> Entity | None:
    """The entity a token belongs to (by character overlap), optionally of given types."""
    entity = index.at(token.idx, token.idx + len(token.text))
    if entity is None:
        return None
    if types is not None and entity.type not in set(types):
        return None
    return entity


def entities_in(
    index: EntityIndex, sent: SpacySpan, types: Iterable[EntityType] | None = None
) -> list[Entity]:
    """Entities with a mention inside a sentence, in order of first mention there."""
    wanted = set(types) if types is not None else None
    found: dict[str, tuple[int, Entity]] = {}
    for entity in index.entities:
        if wanted is not None and entity.type not in wanted:
            continue
        for m in entity.mentions:
            if sent.start_char <= m.begin and m.end <= sent.end_char:
                found.setdefault(entity.key, (m.begin, entity))
    return [e for _, e in sorted(found.values(), key=lambda pair: pair[0])]


def conjuncts(token: Token) -> Iterator[Token]:
    """A token and every token coordinated with it ("West Virginia, Michigan and Ohio")."""
    yield token
    yield from token.conjuncts
