"""A parsed doc marked token by token: entity mentions, sentence bounds, title matches.

:class:`MarkedDoc` is the ground the description reader of the roles and parties frames
walks on; it also gives the small token steps that reader takes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...model import Entity, EntityType, Span
from ._titles import Lexicon, match_titles

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from ..entities import EntityIndex

__all__ = ["MarkedDoc", "Mention"]

_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
_PLACES = frozenset({"GPE", "LOC", "NORP", "PERSON"})
Mention = tuple[int, int, Entity]  # first token, end token (exclusive), entity


class MarkedDoc:
    """A doc's entity mentions, sentence bounds and title matches, by token.

    Args:
        doc: the parsed article.
        index: its entities.
        lex: the title lexicon to match.

    Attributes:
        ents: token -> the mention covering it, preferring a person's, then a state's.
        persons: the person mentions, in order, none inside another.
        lo, hi: token -> first token and end token of its sentence.
        starts, ends, within: the title matches (see :class:`~._titles.TitleMatches`).
    """

    def __init__(self, doc: Doc, index: EntityIndex, lex: Lexicon):
        self.doc, self.index, self.lex = doc, index, lex
        self.text = doc.text  # Doc.text joins every token on each access
        self.ents: dict[int, Mention] = {}
        self.persons: list[Mention] = []
        self._cover: dict[int, list[Mention]] = {}
        self._names = {
            n: e
            for e in index.entities
            if e.type is not EntityType.PERSON
            for n in (e.name, *e.aliases)
        }
        self._words: dict[str, Entity | None] | None = None
        self._index_mentions()
        self.lo, self.hi = [0] * len(doc), [0] * len(doc)
        for sent in doc.sents:
            self.lo[sent.start : sent.end] = [sent.start] * len(sent)
            self.hi[sent.start : sent.end] = [sent.end] * len(sent)
        titles = match_titles(doc, self.text, lex, self._cover, self._names)
        self.starts, self.ends, self.within = titles.starts, titles.ends, titles.within
        self._embedded = titles.embedded

    def _index_mentions(self) -> None:
        rank = {
            EntityType.PERSON: 0,
            EntityType.STATE: 1,
            EntityType.LAW: 3,
            EntityType.ELECTION: 3,
        }
        for entity in self.index.entities:
            for m in entity.mentions:
                span = self.doc.char_span(m.begin, m.end, alignment_mode="expand")
                if span is None:
                    continue
                item = (span.start, span.end, entity)
                if entity.type is EntityType.PERSON:
                    self.persons.append(item)
                for i in range(span.start, span.end):
                    if entity.type is not EntityType.PERSON:
                        self._cover.setdefault(i, []).append(item)
                    old = self.ents.get(i)
                    if old is None or rank.get(entity.type, 2) < rank.get(old[2].type, 2):
                        self.ents[i] = item
        kept: list[Mention] = []
        for item in sorted(self.persons, key=lambda m: (m[0], -m[1])):
            if not kept or item[0] >= kept[-1][1]:
                kept.append(item)
        self.persons = kept

    def _body_word(self, token: Token) -> Entity | None:
        """A body or state named by one word: "Kansas", "Interior" (Interior Department)."""
        if token.text in self._names:
            return self._names[token.text]
        if self._words is None:
            self._words = {}
            for e in self.index.entities:
                if e.type.is_organization and e.type is not EntityType.POLITICAL_PARTY:
                    for w in e.name.split():
                        if w[:1].isupper() and w.lower() not in self.lex.generic:
                            self._words[w] = e if self._words.get(w, e) is e else None
        return None if token.ent_type_ in _PLACES else self._words.get(token.text)

    def back(self, i: int, floor: int) -> int:
        """The nearest non-space token at or before ``i`` (below ``floor`` if none)."""
        while i >= floor and self.doc[i].is_space:
            i -= 1
        return i

    def fwd(self, i: int, stop: int) -> int:
        """The nearest non-space token at or after ``i`` (``stop`` if none)."""
        while i < stop and self.doc[i].is_space:
            i += 1
        return i

    def party_at(self, i: int) -> Mention | None:
        """The party mention at token ``i`` when it is a party word ("Republican")."""
        m = self.ents.get(i)
        if m is None or m[2].type is not EntityType.POLITICAL_PARTY:
            return None
        return m if self.doc[i].text[:1].isupper() else None

    def evidence(self, first: int, last: int) -> tuple[Span, ...]:
        """Tokens ``first``..``last`` in their sentence (as ``_util.evidence``, cheaper)."""
        doc, text = self.doc, self.text
        begin, end = doc[first].idx, doc[last].idx + len(doc[last])
        lo, hi = doc[self.lo[first]], doc[self.hi[first] - 1]
        sentence = text[lo.idx : hi.idx + len(hi)].strip()
        return (Span(begin, end, text[begin:end], sentence),)

    def _possessive(self, i: int) -> bool:
        text = self.doc[i].text
        return text in _POSSESSIVE or (text == "s" and i > 0 and self.doc[i - 1].is_title)

    def _boundary(self, i: int, stop: int) -> bool:
        """No noun follows: the word before ``i`` heads its phrase."""
        i = self.fwd(i, stop)
        return i >= stop or not (
            self.doc[i].pos_ in ("NOUN", "PROPN") or self._possessive(i) or self.doc[i].text == "-"
        )
