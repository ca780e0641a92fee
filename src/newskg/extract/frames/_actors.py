"""Who a phrase names: the actors of the claims and stances frames, and parse helpers.

:class:`ActorResolver` maps a noun phrase's head to the entities it names: a mention, a
list of mentions ("West Virginia, Michigan and Ohio"), a relative pronoun, an anaphor
from ``claim_anaphors.tsv`` ("he", "the group"), a numbered group ("the three
senators") or a proxy noun ("a State Department spokeswoman"). :func:`subject_of`,
:func:`pobjs` and :func:`negated` are the dependency steps both frames take.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING

from ...gazetteer import read_tsv
from ...model import EntityType
from ...resources import data_path

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

    from ...model import Entity
    from .. import FrameContext

__all__ = ["ActorResolver", "negated", "pobjs", "subject_of"]

_CLIMB = frozenset({"conj", "xcomp", "acomp", "advcl"})
_LIST = frozenset({"conj", "appos"})
_NUMBERS = {"both": 2, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def negated(token: Token) -> bool:
    """Whether a word is negated ("would not comply", "never said").

    Args:
        token: a verb or adjective of the parse.
    """
    return any(c.dep_ == "neg" for c in token.children)


def pobjs(token: Token, preps: frozenset[str] | set[str], dep: str = "prep") -> Iterator[Token]:
    """Objects of some of a token's prepositions: "Roe" in "a tip from Roe".

    Args:
        token: the word the prepositions hang on.
        preps: the prepositions wanted, lower case ({"from", "by"}).
        dep: their dependency label ("agent" for the "by" of a passive).
    """
    for prep in token.children:
        if prep.dep_ == dep and prep.lower_ in preps:
            yield from (c for c in prep.children if c.dep_ == "pobj")


def subject_of(verb: Token) -> Token | None:
    """The subject of a verb, inherited through coordination, control and participles.

    Args:
        verb: a verb (or predicative adjective) of the parse.
    """
    current = verb
    for _ in range(4):
        subjects = [c for c in current.children if c.dep_ == "nsubj"]
        if subjects:  # the nearest: "Others don't, Roe said."
            return min(subjects, key=lambda c: abs(c.i - current.i))
        if current.dep_ in _CLIMB and (current.dep_ != "advcl" or current.tag_ == "VBG"):
            current = current.head
        elif current.dep_ == "pcomp" and current.head.dep_ == "prep":  # "after charging"
            current = current.head.head
        else:
            return None
    return None


@cache
def _anaphors() -> dict[str, tuple[frozenset[EntityType], bool, bool]]:
    """word -> (types it refers to, needs "the", antecedent must be a subject)."""
    rows = read_tsv(data_path("lexicons", "claim_anaphors.tsv"))
    return {
        r["word"]: (
            frozenset(EntityType(t) for t in r["types"].split("|")),
            r["definite"] == "yes",
            r["antecedent"] == "subject",
        )
        for r in rows
    }


class ActorResolver:
    """Which entities a token names, and how sure that reading is (one per article).

    Args:
        ctx: the article, its parse and its entities.
    """

    _last: tuple[FrameContext, ActorResolver] | None = None

    def __init__(self, ctx: FrameContext) -> None:
        doc = self.doc = ctx.doc
        self.at: list[Entity | None] = [None] * len(doc)
        mentions = [(m, e) for e in ctx.index.entities for m in e.mentions]
        for mention, entity in sorted(mentions, key=lambda p: p[0].begin - p[0].end):
            span = doc.char_span(mention.begin, mention.end, alignment_mode="expand")
            if span is not None:  # shorter mentions win: "Kansas" inside an election's name
                self.at[span.start : span.end] = [entity] * len(span)
        self.sents: list[SpacySpan] = list(doc.sents)
        self.starts = [s.start for s in self.sents]
        self._subjects: list[tuple[int, int, Entity]] = []  # (sentence, token, entity)
        self._next = 0
        self._mentions: list[tuple[int, int, Entity]] | None = None
        self._lists: list[tuple[int, list[Entity]]] | None = None

    @classmethod
    def of(cls, ctx: FrameContext) -> ActorResolver:
        """The resolver of a frame context, built once for all frames that ask."""
        if cls._last is None or cls._last[0] is not ctx:
            cls._last = (ctx, cls(ctx))
        return cls._last[1]

    def sentence(self, i: int) -> int:
        """The index of the sentence holding token ``i``."""
        return bisect_right(self.starts, i) - 1

    def sent(self, token: Token) -> SpacySpan:
        """The sentence holding a token (``token.sent`` rescans the document each time)."""
        return self.sents[self.sentence(token.i)]

    def resolve(
        self, token: Token, proxies: frozenset[str] = frozenset(), depth: int = 0
    ) -> tuple[list[Entity], float]:
        """The entities a noun phrase's head names, with a confidence factor.

        Args:
            token: the head of a noun phrase (a subject, mostly).
            proxies: nouns that speak for the entity modifying them ("spokeswoman").
            depth: recursion guard.
        """
        entity = self.at[token.i]
        if entity is not None:
            return self._members(token, entity), 1.0
        anaphor = _anaphors().get(token.lower_)
        if depth > 3:
            return [], 0.0
        if token.lower_ in {"who", "that", "which"} and token.head.dep_ == "relcl":
            found, how = self.resolve(token.head.head, proxies, depth + 1)
            return found, how * 0.95
        if anaphor is not None and (  # "the group", "the advocacy group"
            not anaphor[1] or any(c.dep_ == "det" and c.lower_ == "the" for c in token.lefts)
        ):
            antecedent = self._antecedent(token.i, anaphor[0], anaphor[2])
            return ([antecedent], 0.8) if antecedent is not None else ([], 0.0)
        for child in token.children:  # "Roe's lawyer, Jane Doe"; "Georgia, Ohio and Utah"
            if child.dep_ in _LIST and (other := self.at[child.i]) is not None:
                return self._members(child, other), 0.95
        if token.dep_ == "pobj" and token.head.lower_ == "among":  # "X were among the states"
            subject = subject_of(token.head.head)
            if subject is not None and subject.i != token.i:
                found, how = self.resolve(subject, proxies, depth + 1)
                return found, how * 0.9
        group = self._numbered(token)
        if group:
            return group, 0.8
        if token.lemma_.lower() in proxies:  # "a State Department spokeswoman"
            for pobj in pobjs(token, {"for", "of", "by"}):  # "a spokeswoman for Jane Roe"
                if (other := self.at[pobj.i]) is not None:
                    return [other], 0.85
            stack = [c for c in token.lefts if c.dep_ in {"compound", "poss", "nmod"}]
            while stack:
                child = stack.pop()
                other = self.at[child.i]
                if other is not None and other.type is not EntityType.POLITICAL_PARTY:
                    return [other], 0.85
                stack.extend(c for c in child.lefts if c.dep_ in {"compound", "poss"})
        return [], 0.0

    def _members(self, token: Token, entity: Entity) -> list[Entity]:
        """An entity and those listed with it ("West Virginia, Michigan and Ohio")."""
        found = {entity.key: entity}
        stack = [c for c in token.children if c.dep_ in _LIST]
        while stack:
            child = stack.pop()
            other = self.at[child.i]
            if other is None or (child.dep_ == "appos" and other.type is not entity.type):
                continue  # "Jane Roe, the state's lawyer" is no list
            found.setdefault(other.key, other)
            stack.extend(c for c in child.children if c.dep_ in _LIST)
        return list(found.values())

    def _numbered(self, token: Token) -> list[Entity]:
        """ "the three senators": the latest list of exactly three actors of one kind."""
        words = [c.lower_ for c in token.children if c.dep_ in {"nummod", "det", "predet"}]
        size = max((_NUMBERS.get(w, int(w) if w.isdigit() else 0) for w in words), default=0)
        if size < 2 or token.tag_ not in {"NNS", "NNPS"}:
            return []
        if self._lists is None:
            self._lists = []
            for t in self.doc:
                entity = self.at[t.i]
                if entity is not None and any(c.dep_ in _LIST for c in t.children):
                    members = self._members(t, entity)
                    if len({e.type for e in members}) == 1:
                        self._lists.append((t.i, members))
        here = self.sentence(token.i)
        for i, members in reversed(self._lists):
            if i < token.i and here - self.sentence(i) <= 5 and len(members) == size:
                return members
        return []

    def _antecedent(self, i: int, types: frozenset[EntityType], subject: bool) -> Entity | None:
        """The one entity of those types in the nearest sentence (up to two back, this one
        first) that has any: among its subjects, or among all its mentions."""
        if subject:
            self._subjects_until(i)
            pool = self._subjects
        else:
            if self._mentions is None:
                at = self.at
                self._mentions = [
                    (self.sentence(k), k, e)
                    for k, e in enumerate(at)
                    if e is not None and (k == 0 or at[k - 1] is not e)
                ]
            pool = self._mentions
        here, nearest = self.sentence(i), None
        chosen: dict[str, Entity] = {}
        for sent, _, entity in reversed(pool[: bisect_left(pool, i, key=lambda p: p[1])]):
            if here - sent > 2 or (nearest is not None and sent != nearest):
                break
            if entity.type in types:
                nearest = sent
                chosen.setdefault(entity.key, entity)
        return next(iter(chosen.values())) if len(chosen) == 1 else None

    def _subjects_until(self, i: int) -> None:
        while self._next < i:
            token = self.doc[self._next]
            self._next += 1
            if token.dep_ in {"nsubj", "nsubjpass"}:  # "Roe was asked ... He said"
                sent = self.sentence(token.i)
                self._subjects.extend((sent, token.i, e) for e in self.resolve(token)[0])
