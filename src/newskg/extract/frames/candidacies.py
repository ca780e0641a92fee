"""The `candidacies` frame: who runs (or ran) in which election, for which party, and how
it ended.

Triggers are data: verbs (``candidacy_verbs.tsv``: "running for governor of Kansas",
"defeated Y", "won the governorship"), nouns (``candidacy_nouns.tsv``: "the Democratic
nominee", "X's campaign for governor", "X's rival Y"), what candidates win or run for
(``candidacy_prizes.tsv``) and what keeps a phrase from stating a candidacy
(``candidacy_blockers.tsv``: "declined to run", "a potential candidate"). The election is the
one named in the trigger's own clause; else the article's only election for the office the
phrase names; else the only one named elsewhere in the sentence (or, for candidate nouns
and contests, in the previous sentence) that no other trigger's clause holds.

:class:`TokenView` (the entity of each token, a predicate's arguments, pronouns) serves
the `complaints` frame too.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING

from ...gazetteer import read_tsv, titles
from ...model import Candidacy, Entity, EntityType
from ...resources import data_path
from .. import FrameContext, Frames, register_frame
from ._util import evidence

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

    from ..entities import EntityIndex

__all__ = ["ACTORS", "PERSON", "TokenView", "extract_candidacies"]

PERSON = frozenset({EntityType.PERSON})
ACTORS = frozenset(
    {t for t in EntityType if t.is_organization} | {EntityType.PERSON, EntityType.STATE}
)
_ORGS = ACTORS - PERSON - {EntityType.STATE}
_PRONOUNS = dict.fromkeys(("he", "him", "his", "she", "her"), PERSON) | dict.fromkeys(
    ("it", "its"), _ORGS
)
_RELATIVES = frozenset({"who", "which", "that", "whom"})
_ANTECEDENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "poss"})
_CLAUSES = frozenset({"advcl", "relcl", "ccomp", "conj", "parataxis", "acl", "csubj", "xcomp"})
_MODALS = frozenset({"will", "would", "may", "might", "could", "can", "should", "must"})
_APPOINTERS = frozenset({EntityType.PERSON, EntityType.COURT})
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
        """The one person whose surname the token is ("Trump" in "the Trump campaign")."""
        return self._surnames.get(token.text) if token.pos_ == "PROPN" else None

    def resolve(self, token: Token | None) -> Entity | None:
        """The entity a token names; "who"/"which" is the noun its clause hangs on, and
        "he"/"its" the nearest subject, object or possessor of that kind before it in the
        sentence or the one before (none when an unnamed "the President" is nearer)."""
        if token is None:
            return None
        if token.lower_ in _RELATIVES and token.head.dep_ in {"relcl", "acl"}:
            return self._entity[token.head.head.i]
        wanted = _PRONOUNS.get(token.lower_)
        if wanted is None:
            return self._entity[token.i]
        start = token.sent.start
        floor = self.doc[start - 1].sent.start if start > 0 else 0
        people, seen = titles(), False
        for i in range(token.i - 1, floor - 1, -1):
            if i == start - 1 and seen:
                return None  # this sentence names a person, but in no subject role
            t, entity = self.doc[i], self._entity[i]
            dep = (
                "poss"
                if t.dep_ == "compound" and any(c.dep_ == "case" for c in t.children)
                else t.dep_
            )  # "Trump s fantasy"
            if entity is not None and entity.type in wanted:
                if dep in _ANTECEDENT_DEPS:
                    return entity
                seen = True
            elif (
                entity is None and wanted is PERSON and t.text in people and dep in _ANTECEDENT_DEPS
            ):
                return None
        return None

    def entities_of(self, token: Token | None, types: frozenset[EntityType]) -> list[Entity]:
        """The entities a noun phrase names, with those listed beside it ("A, B and C")."""
        found: dict[str, Entity] = {}
        first = self.resolve(token)
        stack = [token] if token is not None else []
        while stack:
            t = stack.pop()
            entity = self.resolve(t)
            if entity is not None and entity.type not in types and types >= PERSON:
                entity = self.person_named(t) or entity
            if entity is not None and entity.type in types:
                found.setdefault(entity.key, entity)
            stack.extend(c for c in t.children if self._beside(c, first))
        return list(found.values())

    def _beside(self, token: Token, first: Entity | None) -> bool:
        """True for a conjunct, or an apposition naming an entity of the head's kind
        ("Sens. A, B and C"; not "Roe, a Republican")."""
        other = self._entity[token.i]
        return token.dep_ == "conj" or (
            token.dep_ == "appos"
            and (first is None or (other is not None and other.type is first.type))
        )

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
                return verb.head if relative else subject
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


@dataclass(frozen=True)
class _Verb:
    frame: str
    subject: str | None
    other: str | None


@dataclass(frozen=True)
class _Prize:
    office: str | None
    decides: bool


def _value(text: str) -> str | None:
    return None if text in {"", "-"} else text


@cache
def _verbs() -> dict[str, _Verb]:
    rows = read_tsv(data_path("lexicons", "candidacy_verbs.tsv"))
    return {r["lemma"]: _Verb(r["frame"], _value(r["subject"]), _value(r["other"])) for r in rows}


@cache
def _nouns() -> dict[str, str]:
    return {r["noun"]: r["kind"] for r in read_tsv(data_path("lexicons", "candidacy_nouns.tsv"))}


@cache
def _prizes() -> dict[str, _Prize]:
    rows = read_tsv(data_path("lexicons", "candidacy_prizes.tsv"))
    return {r["phrase"]: _Prize(_value(r["office"]), r["decides"] == "yes") for r in rows}


@cache
def _blockers(where: str) -> frozenset[str]:
    rows = read_tsv(data_path("lexicons", "candidacy_blockers.tsv"))
    return frozenset(r["word"] for r in rows if r["where"] == where)


@dataclass(frozen=True)
class _Trigger:
    """One trigger's candidates, before its election is chosen."""

    token: Token
    people: tuple[tuple[Token, str | None], ...]  # (candidate token, outcome)
    office: str | None = None
    state: str | None = None  # the State's name, when the phrase names one
    nearby: bool = False  # may take an election named in the previous sentence
    party: Entity | None = None
    confidence: float = 0.9
    rival: bool = False  # "Doe's rival Roe": each ran where the other did


class _Elections:
    """The article's election mentions, and which one a trigger refers to."""

    def __init__(self, view: TokenView) -> None:
        self.view = view
        facts = {m.name: (m.office, m.jurisdiction) for m in view.index.elections}
        self.spans = [(s.start, s.end, e) for e, s in view.spans(EntityType.ELECTION)]
        self.facts = {e.key: facts.get(e.name, (None, None)) for _, _, e in self.spans}

    def _fits(self, entity: Entity, office: str | None, state: str | None) -> bool:
        known_office, known_state = self.facts[entity.key]
        return (office in {None, known_office} or known_office is None) and (
            state in {None, known_state} or known_state is None
        )

    def local(self, trigger: Token) -> Entity | None:
        """The election named in the trigger's own clause, the nearest if several."""
        near = self.view.clause(trigger)
        hits = [
            (abs(s - trigger.i), e)
            for s, end, e in self.spans
            if not near.isdisjoint(range(s, end))
        ]
        return min(hits, key=lambda h: h[0])[1] if hits else None

    def choose(
        self, trigger: _Trigger, sent: SpacySpan, claimed: set[int]
    ) -> tuple[Entity | None, float]:
        """The election a trigger refers to, and how sure that choice is."""
        office, state = trigger.office, trigger.state
        local = self.local(trigger.token)
        if local is not None and self._fits(local, office, state):
            return local, 1.0
        tiers = []
        if office is not None:
            tiers.append(
                (
                    [
                        e
                        for _, _, e in self.spans
                        if self.facts[e.key][0] == office and state in {None, self.facts[e.key][1]}
                    ],
                    0.8,
                )
            )
        me, doc = trigger.token.i, self.view.doc  # other triggers' clauses keep theirs
        others = {i for i in claimed - {me} if me not in self.view.clause(doc[i])}
        here = [
            e
            for s, _, e in self.spans
            if sent.start <= s < sent.end
            and self.view.governing_verb(self.view.doc[s]) not in others
        ]
        tiers.append((here, 0.8))
        if trigger.nearby and not here and sent.start > 0:
            before = self.view.doc[sent.start - 1].sent
            tiers.append(([e for s, _, e in self.spans if before.start <= s < before.end], 0.6))
        for candidates, sure in tiers:
            distinct = {e.key: e for e in candidates if self._fits(e, office, state)}
            if len(distinct) == 1:
                return next(iter(distinct.values())), sure
        return None, 0.0


def _prize(view: TokenView, token: Token | None) -> _Prize | None:
    """What a candidate runs for or wins: "the governorship", "the White House", "the 2016
    election", "the nomination for governor"."""
    if token is None:
        return None
    mods = [c.lower_ for c in token.lefts if c.dep_ in {"compound", "amod", "poss"}]
    prize = _prizes().get(" ".join([*mods[-1:], token.lower_])) or _prizes().get(
        token.lemma_.lower()
    )
    if prize is None:
        return _Prize(None, True) if view.entity_type(token) is EntityType.ELECTION else None
    if prize.office is None:  # "the nomination for governor"
        inner = _prize(view, view.prep_object(token, "for"))
        return _Prize(inner.office, prize.decides) if inner else prize
    return prize


def _state_in(view: TokenView, token: Token | None) -> str | None:
    for t in token.subtree if token is not None else ():
        entity = view.entity(t)
        if entity is not None and entity.type is EntityType.STATE:
            return entity.name
    return None


def _verb_trigger(
    view: TokenView, verb: Token, spec: _Verb, elections: _Elections
) -> _Trigger | None:
    if view.blocked(verb, _blockers("governor"), _blockers("modal")):
        return None
    if view.negated(verb) and spec.frame == "seek":
        return None  # "is not running": no candidacy at all
    if view.negated(verb) or not view.asserted(verb):
        spec = _Verb(spec.frame, None, None)  # "did not win": ran, outcome unsaid
    objects = [c for c in verb.children if c.dep_ == "dobj"]  # "re - election": the last
    subject, obj = view.subject(verb), objects[-1] if objects else None
    if view.passive(verb):
        subject, obj = view.prep_object(verb, "by"), view.child(verb, "nsubjpass")
    people: list[tuple[Token | None, str | None]] = []
    prize = target = None
    if spec.frame == "seek":
        target = view.prep_object(verb, "for")
        prize = _prize(view, target)
        if view.entity_type(target) is EntityType.PERSON:
            people.append((target, None))  # "campaigned for Y": Y is the candidate
        elif obj is not None or (prize is None if target else elections.local(verb) is None):
            return None  # "ran the campaign", "ran for cover"
        else:
            people.append((subject, spec.subject))
        people.append((view.prep_object(verb, "against"), None))
    elif spec.frame == "contest":
        if not view.entities_of(obj, PERSON):
            return None  # "beat the odds", "defeated the bill"
        people += [(subject, spec.subject), (obj, spec.other)]
    else:
        prize, target = _prize(view, obj), obj
        if prize is None:
            return None
        decides = prize.decides
        people += [
            (subject, spec.subject if decides else None),
            (view.prep_object(verb, "to"), spec.other if decides else None),
        ]
    if prize is None or prize.office is None:  # "defeated Y in the race for governor"
        race = next((t for t in _in_clause(view, verb) if _prize(view, t) is not None), None)
        prize, target = (_prize(view, race), race) if race is not None else (prize, target)
    kept = tuple((t, o) for t, o in people if t is not None)
    office = prize.office if prize else None
    return (
        _Trigger(verb, kept, office, _state_in(view, target), nearby=spec.frame == "contest")
        if kept
        else None
    )


def _in_clause(view: TokenView, verb: Token) -> Iterator[Token]:
    """Race nouns with a "for" phrase in a verb's clause ("a contest for the governorship")."""
    doc = verb.doc
    for i in sorted(view.clause(verb)):
        if doc[i].pos_ == "NOUN" and view.prep_object(doc[i], "for") is not None:
            yield doc[i]


def _noun_trigger(
    view: TokenView, noun: Token, kind: str, elections: _Elections
) -> _Trigger | None:
    governor = noun.head if noun.dep_ in {"attr", "oprd"} else noun
    if (
        view.modified_by(noun, _blockers("modifier"))
        or view.negated(governor)
        or view.blocked(governor, _blockers("governor"), _blockers("modal"))
    ):
        return None
    target = view.prep_object(noun, "for")
    if view.entity_type(target) is EntityType.PERSON:
        return None  # "a campaign for Y" by a surrogate
    if target is not None and _prize(view, target) is None and elections.local(noun) is None:
        return None  # "the nominee for secretary of the interior": an appointment
    owner = view.child(noun, "poss") or view.child(noun, "compound")
    owned_by = view.resolve(owner)
    if kind == "role" and owned_by is not None and owned_by.type in _APPOINTERS:
        return None  # "his nominee", "Supreme Court nominee": appointments
    if owner is not None and view.entities_of(owner, PERSON) == []:
        owner = None
    described = view.described(noun)
    people: list[tuple[Token, str | None]] = []
    if kind == "activity" and owner is not None:
        people.append((owner, None))
    elif kind in {"role", "rival"} and described is not None:
        people.append((described, None))
        if kind == "rival" and owner is not None:
            people.append((owner, None))
    mods = (c for c in noun.lefts if c.dep_ in {"compound", "amod"})  # "Senate candidate"
    prize = _prize(view, target) or next((p for c in mods if (p := _prize(view, c))), None)
    return (
        _Trigger(
            noun,
            tuple(people),
            prize.office if prize else None,
            _state_in(view, target),
            nearby=kind != "activity",
            party=view.party_near(noun),
            confidence=0.8,
            rival=kind == "rival" and len(people) == 2,
        )
        if people
        else None
    )


def _triggers(view: TokenView, sent: SpacySpan, elections: _Elections) -> list[_Trigger]:
    verbs, nouns = _verbs(), _nouns()
    found = []
    for token in sent:
        lemma = token.lemma_.lower()
        trigger = None
        if token.pos_ == "VERB" and lemma in verbs:
            trigger = _verb_trigger(view, token, verbs[lemma], elections)
        elif token.pos_ in {"NOUN", "PROPN"} and lemma in nouns:
            trigger = _noun_trigger(view, token, nouns[lemma], elections)
        if trigger is not None:
            found.append(trigger)
    return found


def _add(found: dict[tuple[str, str], Candidacy], new: Candidacy) -> None:
    """Keep one candidacy per person and election, joining what each mention says."""
    old = found.get((new.person, new.election))
    if old is not None:
        outcome = (
            old.outcome
            if new.outcome in {None, old.outcome}
            else (new.outcome if old.outcome is None else None)
        )  # "won" and "lost": unsure
        new = replace(
            old,
            evidence=tuple(dict.fromkeys(old.evidence + new.evidence)),
            confidence=max(old.confidence, new.confidence),
            party=old.party or new.party,
            outcome=outcome,
        )
    found[(new.person, new.election)] = new


@register_frame("candidacies")
def extract_candidacies(ctx: FrameContext, out: Frames) -> None:
    """Find who runs (or ran) in which election, with party and outcome where stated.

    Args:
        ctx: the article, its parse and its entities.
        out: the facts found so far; candidacies are appended to ``out.candidacies``.
    """
    view = TokenView.of(ctx)
    elections = _Elections(view)
    if not elections.spans:
        return
    found: dict[tuple[str, str], Candidacy] = {}
    rivals: list[tuple[Entity, Entity, Token]] = []
    for sent in ctx.doc.sents:
        triggers = _triggers(view, sent, elections)
        claimed = {t.token.i for t in triggers}
        for trigger in triggers:
            election, sure = elections.choose(trigger, sent, claimed)
            people = [(view.entities_of(t, PERSON), o, t) for t, o in trigger.people]
            if election is None:
                if trigger.rival and people[0][0] and people[-1][0]:
                    rivals.append((people[0][0][0], people[1][0][0], trigger.token))
                continue
            for entities, outcome, token in people:
                party = view.party_near(token) or trigger.party
                for person in entities:
                    _add(
                        found,
                        Candidacy(
                            person.key,
                            election.key,
                            evidence([trigger.token, token]),
                            round(trigger.confidence * sure, 2),
                            party.key if party else None,
                            outcome,
                        ),
                    )
    # "Doe's rival Roe" with no election in reach: Roe ran in Doe's only election (and back).
    ran = {p: {e for q, e in found if q == p} for p, _ in found}
    for one, other, token in rivals:
        for a, b in ((one, other), (other, one)):
            if a.key != b.key and len(ran.get(b.key, ())) == 1:
                _add(found, Candidacy(a.key, next(iter(ran[b.key])), evidence([token]), 0.5))
    out.candidacies.extend(found.values())
