"""One article's parse seen through its entities, for the frame extractors that walk
dependency trees (`candidacies`, `complaints`): which entity each token is part of, whom a
pronoun or a title ("the mayor") refers to, a predicate's subject and objects, and whether
a modal, a negation or a governing verb ("declined to") keeps a phrase from stating a fact.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from typing import TYPE_CHECKING

from ...gazetteer import read_tsv, titles
from ...model import Entity, EntityType
from ...resources import data_path

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

    from .. import FrameContext
    from ..entities import EntityIndex

__all__ = ["ACTORS", "PERSON", "TokenView"]

PERSON = frozenset({EntityType.PERSON})
ACTORS = frozenset(
    {t for t in EntityType if t.is_organization} | {EntityType.PERSON, EntityType.STATE}
)
_ORGS = ACTORS - PERSON - {EntityType.STATE}
_PRONOUNS = dict.fromkeys(("he", "him", "his", "she", "her"), PERSON) | dict.fromkeys(
    ("it", "its"), _ORGS
)
_RELATIVES = frozenset({"who", "which", "that", "whom"})
_REPORTING = frozenset({"say", "tell", "add", "write", "insist", "argue", "declare"})
_DESCRIPTIONS = frozenset({EntityType.POLITICAL_PARTY})  # "a Republican who ..." describes
_ANTECEDENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "poss"})
_CLAUSES = frozenset({"advcl", "relcl", "ccomp", "conj", "parataxis", "acl", "csubj", "xcomp"})
_MODALS = frozenset({"will", "would", "may", "might", "could", "can", "should", "must"})
# Links a trigger may sit under its governor by: "declined to say whether he would run".
_GOVERNED_BY = frozenset({"xcomp", "ccomp", "pcomp", "prep", "dobj", "pobj", "acl"})


class TokenView:
    """One article's parse seen through its entities: who each token is, and the
    arguments of a predicate (subject, objects, lists, pronouns)."""

    _last: tuple[FrameContext, TokenView] | None = None

    def __init__(self, doc: Doc, index: EntityIndex) -> None:
        self.doc, self.index = doc, index
        self._entity: list[Entity | None] = [None] * len(doc)
        self._spans: list[tuple[Entity, SpacySpan]] = []
        for entity in index.entities:
            for m in entity.mentions:
                span = doc.char_span(m.begin, m.end, alignment_mode="expand")
                if span is not None and len(span):
                    self._spans.append((entity, span))
        # Shorter mentions win: "Kansas" inside "running for governor of Kansas" is a State.
        for entity, span in sorted(self._spans, key=lambda pair: -len(pair[1])):
            for i in range(span.start, span.end):
                self._entity[i] = entity
        self._surnames: dict[str, Entity | None] = {}
        for entity in index.entities:
            if entity.type is EntityType.PERSON:
                last = entity.name.split()[-1]
                self._surnames[last] = None if last in self._surnames else entity
        for token in doc:  # NER may call a known person's bare surname a place
            if self._entity[token.i] is None and token.pos_ == "PROPN":
                self._entity[token.i] = self._surnames.get(token.text)
        # Who the article names with which title: "Mayor Jane Roe", "Energy Secretary Roe".
        self._titled: dict[str, dict[str, Entity]] = {}
        for entity, span in self._spans:
            if entity.type is EntityType.PERSON:
                for t in doc[max(span.start - 2, 0) : span.start]:
                    office = _title_office(t.text)
                    if office is not None:
                        self._titled.setdefault(office, {})[entity.key] = entity

    @classmethod
    def of(cls, ctx: FrameContext) -> TokenView:
        """The view of a frame context, built once however many frames ask for it."""
        if cls._last is not None and cls._last[0] is ctx:
            return cls._last[1]
        view = cls(ctx.doc, ctx.index)
        cls._last = (ctx, view)
        return view

    def spans(self, kind: EntityType) -> Iterator[tuple[Entity, SpacySpan]]:
        """Each mention of an entity of one type, as a spaCy span."""
        return ((e, s) for e, s in self._spans if e.type is kind)

    def entity(self, token: Token | None) -> Entity | None:
        """The entity a token is part of, if any."""
        return self._entity[token.i] if token is not None else None

    def person_named(self, token: Token) -> Entity | None:
        """The one person whose surname the token is ("Roe" in "the Roe campaign")."""
        return self._surnames.get(token.text) if token.pos_ == "PROPN" else None

    def resolve(self, token: Token | None, depth: int = 0) -> Entity | None:
        """The entity a token names: its own; for "who"/"which" the noun its clause hangs
        on; for "the mayor" the one person the article calls Mayor; for "he"/"its" the
        antecedent (see :meth:`antecedent`)."""
        if token is None:
            return None
        if token.lower_ in _RELATIVES and token.head.dep_ in {"relcl", "acl"}:
            return self._entity[token.head.head.i]
        if token.lower_ in {"i", "me", "my"}:
            return self.speaker(token)
        wanted = _PRONOUNS.get(token.lower_)
        if wanted is None:
            if self._entity[token.i] is not None or self._named_by(token):
                return self._entity[token.i]
            return self.titled(token) or self.body_named(token)
        return self.antecedent(token, wanted, depth)

    def _named_by(self, noun: Token) -> bool:
        """True when a name stands beside a noun: "the group American Oversight"."""
        return any(
            c.dep_ in {"appos", "compound"} and self._entity[c.i] is not None for c in noun.children
        )

    def offices_of(self, person: Entity) -> set[str]:
        """The offices the article gives a person by title: "Gov. Jane Roe": governor."""
        return {office for office, people in self._titled.items() if person.key in people}

    def speaker(self, token: Token) -> Entity | None:
        """Who says "I" in a quote: the subject of the sentence's reporting verb ("... and I
        want somebody to look at it," Roe said)."""
        for verb in token.sent:
            if verb.lemma_.lower() in _REPORTING and verb.i != token.i:
                subject = self.child(verb, "nsubj")
                entity = self._entity[subject.i] if subject is not None else None
                if entity is not None and entity.type in ACTORS:
                    return entity
        return None

    def titled(self, token: Token) -> Entity | None:
        """The one person the article names with the title a definite noun gives: "the
        mayor" after "Mayor Jane Roe", "the Secretary's travel" after "Energy Secretary
        Jane Roe"."""
        if token.pos_ not in {"NOUN", "PROPN"} or token.dep_ == "compound":
            return None
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
            return None
        if self.prep_object(token, "of") is not None:
            return None  # "the president of the NAACP" is someone else
        office = _title_office(token.text)
        people = self._titled.get(office) if office else None
        return next(iter(people.values())) if people and len(people) == 1 else None

    def body_named(self, token: Token) -> Entity | None:
        """The body a definite noun refers to ("the committee", "the agency"): of the fitting
        ones named before it, the last named as a subject close by, else the nearest; else
        the article's only fitting one."""
        fits = _descriptions().get(token.lower_)
        if fits is None or not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
            return None
        heads, types = fits
        found = [
            (span, e)
            for e, span in self._spans
            if e.type.is_organization
            and (not types or e.type.value in types)
            and ("*" in heads or heads & {w.casefold() for w in e.name.split()})
        ]
        before = sorted(
            (pair for pair in found if pair[0].start < token.i), key=lambda p: p[0].start
        )
        subjects = [
            pair
            for pair in before
            if pair[0].root.dep_ in {"nsubj", "nsubjpass"} and token.i - pair[0].start < 60
        ]
        if before:
            return (subjects or before)[-1][1]
        distinct = {e.key: e for _, e in found}
        return next(iter(distinct.values())) if len(distinct) == 1 else None

    def antecedent(
        self, pronoun: Token, wanted: frozenset[EntityType], depth: int = 0
    ) -> Entity | None:
        """What "he", "her" or "its" refers to: the nearest subject, object or possessor of
        its kind before it in the sentence, else the subject of the previous sentence, else
        the nearest such there. An object pronoun is never its own verb's subject ("she will
        challenge him"); an unnamed "the President" nearer than any name leaves it
        unresolved; a pronoun found on the way is followed to its own antecedent."""
        excluded = None
        if pronoun.dep_ in {"dobj", "dative", "pobj"}:
            verb = pronoun.head if pronoun.dep_ != "pobj" else pronoun.head.head
            subject = self.subject(verb) if verb.pos_ in {"VERB", "AUX"} else None
            if subject is not None and subject.i < pronoun.i and depth < 2:
                excluded = self.resolve(subject, depth + 1)
        start = pronoun.sent.start
        found, seen = self._scan(range(pronoun.i - 1, start - 1, -1), wanted, depth, excluded)
        if found is not None or seen or start == 0:
            return found if found is not excluded else None
        before = self.doc[start - 1].sent
        root = self.subject(before.root) if before.root.pos_ in {"VERB", "AUX"} else None
        if root is not None:
            first, _ = self._scan((root.i,), wanted, depth, excluded)
            if first is not None:
                return first
        found, _ = self._scan(range(start - 1, before.start - 1, -1), wanted, depth, excluded)
        return found

    def _scan(
        self,
        indices: Iterable[int],
        wanted: frozenset[EntityType],
        depth: int,
        excluded: Entity | None,
    ) -> tuple[Entity | None, bool]:
        """The first antecedent among some tokens, and whether a person of the wanted kind
        was passed in no subject role (which makes a farther sentence an unsafe place)."""
        seen = False
        for i in indices:
            t, entity = self.doc[i], self._entity[i]
            dep = (
                "poss"
                if t.dep_ == "compound" and any(c.dep_ == "case" for c in t.children)
                else t.dep_
            )  # "Roe s fantasy"
            if dep not in _ANTECEDENT_DEPS:
                seen = seen or (
                    entity is not None and entity.type in wanted and entity is not excluded
                )
                continue
            if entity is None and depth < 2 and _PRONOUNS.get(t.lower_) is wanted:
                entity = self.antecedent(t, wanted, depth + 1)  # "he told ...; he said"
            if entity is None and wanted is PERSON and t.text in titles():
                entity = self.titled(t)
                if entity is None:
                    return None, True  # "the President", unnamed, is nearer
            if entity is not None and entity.type in wanted and entity is not excluded:
                return entity, seen
        return None, seen

    def entities_of(self, token: Token | None, types: frozenset[EntityType]) -> list[Entity]:
        """The entities a noun phrase names, with those listed beside it ("A, B and C")."""
        found: dict[str, Entity] = {}
        first = self.resolve(token)
        stack = [token] if token is not None else []
        while stack:
            t = stack.pop()
            if self.dateline(t):
                continue
            entity = self.resolve(t)
            if entity is not None and entity.type not in types and types >= PERSON:
                entity = self.person_named(t) or entity
            if entity is not None and entity.type in types:
                found.setdefault(entity.key, entity)
            stack.extend(c for c in t.children if self._beside(c, first))
        return list(found.values())

    def _beside(self, token: Token, first: Entity | None) -> bool:
        """True for a conjunct, or an apposition naming an entity of the head's kind
        ("Sens. A, B and C"; not "Roe, a Republican", nor "Roe PAC, a super PAC")."""
        other = self._entity[token.i]
        if token.dep_ == "conj":
            return True
        described = any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in token.children)
        return (
            token.dep_ == "appos"
            and not described
            and (first is None or (other is not None and other.type is first.type))
        )

    def led(self, group: Token) -> list[Entity]:
        """Who leads an unnamed group: "a coalition of 16 states led by New Mexico Attorney
        General Jane Roe" is New Mexico (a coalition of states is its states), "a group led
        by Common Cause" is Common Cause."""
        of = self.prep_object(group, "of")
        for noun in (group, of):
            leader = next(
                (
                    self.prep_object(c, "by")
                    for c in (noun.children if noun is not None else ())
                    if c.dep_ == "acl" and c.lemma_ in {"lead", "head"}
                ),
                None,
            )
            if leader is None:
                continue
            people = self.entities_of(leader, ACTORS)
            if of is None or of.lemma_ != "state":
                return people
            states = (self._entity[t.i] for p in people for t in self._before(p, leader))
            return list({e.key: e for e in states if e and e.type is EntityType.STATE}.values())
        return []

    def _before(self, person: Entity, token: Token) -> list[Token]:
        """The tokens of a name's title: "New Mexico Attorney General" of "... Jane Roe"."""
        return [t for t in token.subtree if t.i < token.i and self._entity[t.i] is not person]

    def introduced(self, noun: Token) -> list[Entity]:
        """The person an indefinite description stands for when the next sentence names
        her with that noun as a title: "A council member filed ... . Council member Jane
        Roe said ..."."""
        if not any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in noun.children):
            return []
        end = noun.sent.end
        if end >= len(self.doc):
            return []
        after = self.doc[end].sent
        for t in after[1:]:
            entity = self._entity[t.i]
            if entity is not None and entity.type is EntityType.PERSON:
                title = self.doc[max(t.i - 3, after.start) : t.i]
                if any(w.lemma_.lower() == noun.lemma_.lower() for w in title):
                    return [entity]
        return []

    def dateline(self, token: Token) -> bool:
        """True for the agency of a dateline: "WASHINGTON (Reuters) -"."""
        doc, i = self.doc, token.i
        return (
            1 < i < len(doc) - 1
            and doc[i - 1].text == "("
            and doc[i + 1].text == ")"
            and (doc[i - 2].is_upper or doc[i - 2].text.endswith("."))
        )

    def principal(self, entity: Entity) -> Entity:
        """The candidate a campaign acts for ("the Roe campaign" is Jane Roe), else the
        entity itself."""
        words = entity.name.split()
        if entity.type is not EntityType.PERSON and len(words) == 2 and words[1] == "campaign":
            return self._surnames.get(words[0]) or entity
        return entity

    def entity_type(self, token: Token | None) -> EntityType | None:
        """The type of the token's entity, if any."""
        entity = self.entity(token)
        return entity.type if entity is not None else None

    def child(self, token: Token, dep: str) -> Token | None:
        """The first child with a dependency label."""
        return next((c for c in token.children if c.dep_ == dep), None)

    def prep_object(self, token: Token | None, *words: str) -> Token | None:
        """The object of the first of some prepositions found under a token: "governor" in
        "run for governor" for ``"for"``."""
        if token is None:
            return None
        for word in words:
            for prep in token.children:
                if prep.dep_ in {"prep", "agent"} and prep.lower_ == word:
                    return self.child(prep, "pobj") or self.child(prep, "pcomp")
        return None

    def subject(self, verb: Token) -> Token | None:
        """A verb's subject, through relative clauses, control ("asked X to sue": X),
        coordination ("met and sued") and participles ("wrote, asking ...")."""
        for _ in range(4):
            subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            if subject is not None:
                relative = subject.lower_ in _RELATIVES and verb.dep_ in {"relcl", "acl"}
                if not relative:
                    return subject
                noun, named = verb.head, self._entity[verb.head.i]
                if noun.dep_ == "appos" and (named is None or named.type in _DESCRIPTIONS):
                    return noun.head  # "Roe, a Republican who is running": Roe
                return noun
            if verb.dep_ == "xcomp":
                return self.child(verb.head, "dobj") or self.subject(verb.head)
            if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.dep_ == "dobj":
                return self.subject(verb.head.head)  # "X sent a letter requesting ..."
            if verb.dep_ != "conj" and not (verb.dep_ == "advcl" and verb.tag_ == "VBG"):
                return None
            verb = verb.head
        return None

    def passive(self, verb: Token) -> bool:
        """True for "was defeated", "were sued"."""
        return any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)

    def negated(self, token: Token) -> bool:
        """True when the token carries a negation ("not", "never", "no")."""
        return any(
            c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in token.children
        )

    def asserted(self, verb: Token) -> bool:
        """True when a verb states a fact, not under "will", "could" or "hopes to"."""
        return verb.dep_ != "xcomp" and not any(
            c.dep_ == "aux" and c.lower_ in _MODALS for c in verb.children
        )

    def blocked(self, token: Token, governors: frozenset[str], modals: frozenset[str]) -> bool:
        """True when a modal, a governing verb ("declined to") or a negated one ("did not
        agree to") keeps the token from stating what happened."""
        if any(c.dep_ == "aux" and c.lemma_.lower() in modals for c in token.children):
            return True
        for _ in range(4):
            dep = token.dep_
            if dep not in _GOVERNED_BY or token.head is token:
                return False
            token = token.head
            if token.lemma_.lower() in governors or (dep == "xcomp" and self.negated(token)):
                return True
        return False

    def modified_by(self, noun: Token, words: frozenset[str]) -> bool:
        """True when a modifier of the noun is one of ``words`` ("potential")."""
        return any(
            c.dep_ in {"amod", "compound"} and c.lemma_.lower() in words for c in noun.children
        )

    def described(self, noun: Token) -> Token | None:
        """The entity a describing noun is about: "candidate Jane Roe", "Roe, the nominee",
        "the nominee, Roe", "Roe is the nominee"."""
        if noun.dep_ in {"compound", "appos"} and self._entity[noun.head.i] is not None:
            return noun.head
        appos = next(
            (c for c in noun.children if c.dep_ == "appos" and self._entity[c.i] is not None), None
        )
        if appos is None and noun.dep_ in {"attr", "oprd"}:
            return self.subject(noun.head)
        if appos is None and noun.dep_ == "pobj" and noun.head.lower_ == "as":
            verb = self.governing_verb(noun)  # "X ran (in 2016) as the Democratic nominee"
            return self.subject(self.doc[verb]) if verb is not None else None
        return appos

    def party_near(self, token: Token) -> Entity | None:
        """A party among the token's modifiers: "Republican Ed Roe", "the Democratic
        nominee", "Roe, a Republican"."""
        stack = [(token, 0)]
        while stack:
            t, depth = stack.pop()
            for c in t.children:
                if c.dep_ not in {"compound", "amod", "appos", "nmod", "poss"}:
                    continue
                entity = self._entity[c.i]
                if entity is not None and entity.type is EntityType.POLITICAL_PARTY:
                    return entity
                if depth < 2:
                    stack.append((c, depth + 1))
        return None

    def clause(self, token: Token) -> set[int]:
        """Indices of the token's own clause: its phrase without subordinate or coordinated
        clauses, and the noun a relative clause hangs on."""
        start = token.head if token.dep_ == "compound" else token
        near = {start.i, token.i}
        if start.dep_ in {"relcl", "acl"}:
            near.add(start.head.i)
        stack = [start]
        while stack:
            for c in stack.pop().children:
                if c.dep_ not in _CLAUSES or c.pos_ not in {"VERB", "AUX"}:
                    near.add(c.i)
                    stack.append(c)
        return near

    def governing_verb(self, token: Token) -> int | None:
        """The index of the nearest verb above a token, if any."""
        while token.head is not token:
            token = token.head
            if token.pos_ in {"VERB", "AUX"}:
                return int(token.i)
        return None


def _title_office(word: str) -> str | None:
    """The office a title word names, whatever its case: "Mayor", "mayor", "Secretary"."""
    known = titles()
    entry = known.get(word) or known.get(word.capitalize()) or known.get(f"{word.capitalize()}.")
    return entry[0] if entry is not None and entry[1] == "office" else None


@cache
def _descriptions() -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """Definite nouns ("the committee") to the name words and types of what they refer to."""
    rows = read_tsv(data_path("lexicons", "definite_descriptions.tsv"))
    return {
        r["noun"]: (
            frozenset(r["heads"].split("|")),
            frozenset(filter(None, r["types"].split("|"))),
        )
        for r in rows
    }
