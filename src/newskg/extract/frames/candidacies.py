"""The `candidacies` frame: who runs (or ran) in which election, for which party, and how
it ended.

Triggers are data: verbs (``candidacy_verbs.tsv``: "running for governor of Kansas",
"defeated Y", "faces Y in the race for lieutenant governor", "X and Y will meet in a
runoff", "won a special election", "the district backed Y in 2012", "Y drew 4 percent"),
nouns (``candidacy_nouns.tsv``: "the Democratic nominee", "Independent candidate X", "X's
campaign for governor", "announced her challenge", "X's rival Y"), what candidates win or
run for (``candidacy_prizes.tsv``) and what keeps a phrase from stating a candidacy
(``candidacy_blockers.tsv``: "declined to run", "a potential candidate", "a legal
challenge"). The election is the one named in the trigger's own clause; else the article's
only election for the office the phrase names; else the only one named elsewhere in the
sentence (or, for candidate nouns, contests and vote shares, in the previous sentence, or
the article's main contest: the one it refers to more than once) that no other trigger's
clause holds. A person whom the text plainly puts in one race is in no other on context
alone.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING

from ...gazetteer import read_tsv
from ...model import Candidacy, Entity, EntityType
from ...resources import data_path
from .. import FrameContext, Frames, register_frame
from ._util import evidence
from ._view import PERSON, TokenView

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

__all__ = ["extract_candidacies"]

_APPOINTERS = frozenset({EntityType.PERSON, EntityType.COURT})
_SURE = 0.6  # below: the election was taken from context (the sentence before, the story)


@dataclass(frozen=True)
class _Verb:
    frame: str
    subject: str | None
    other: str | None
    needs: str | None = None


@dataclass(frozen=True)
class _Prize:
    office: str | None
    decides: bool


def _value(text: str) -> str | None:
    return None if text in {"", "-"} else text


@cache
def _verbs() -> dict[str, _Verb]:
    """Each verb's reading as a predicate (its first row that is no vote share)."""
    found: dict[str, _Verb] = {}
    for r in read_tsv(data_path("lexicons", "candidacy_verbs.tsv")):
        if r["frame"] != "share":
            spec = _Verb(r["frame"], _value(r["subject"]), _value(r["other"]), _value(r["needs"]))
            found.setdefault(r["lemma"], spec)
    return found


@cache
def _share_verbs(of_vote: bool = False) -> frozenset[str]:
    """The verbs of a vote share; with ``of_vote``, also those that need "of the vote"
    ("had 41 percent of the vote")."""
    rows = read_tsv(data_path("lexicons", "candidacy_verbs.tsv"))
    return frozenset(
        r["lemma"]
        for r in rows
        if r["frame"] == "share" and (of_vote or _value(r["needs"]) != "vote")
    )


@cache
def _nouns() -> dict[str, str]:
    rows = read_tsv(data_path("lexicons", "candidacy_nouns.tsv"))
    return {r["noun"]: r["kind"] for r in rows if r["kind"] in {"role", "activity", "rival"}}


@cache
def _nouns_of(kind: str) -> frozenset[str]:
    rows = read_tsv(data_path("lexicons", "candidacy_nouns.tsv"))
    return frozenset(r["noun"] for r in rows if r["kind"] == kind)


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
    story: bool = False  # takes the article's main contest, and only that
    party: Entity | None = None
    confidence: float = 0.9
    rival: bool = False  # "Doe's rival Roe": each ran where the other did
    general: bool = False  # "X will face Y in November": the general election of X's race


class _Elections:
    """The article's election mentions, and which one a trigger refers to."""

    def __init__(self, view: TokenView) -> None:
        self.view = view
        facts = {m.name: (m.office, m.jurisdiction) for m in view.index.elections}
        stages = {m.name: m.stage for m in view.index.elections}
        self.spans = [(s.start, s.end, e) for e, s in view.spans(EntityType.ELECTION)]
        self.facts = {e.key: facts.get(e.name, (None, None)) for _, _, e in self.spans}
        # Contests decided in November: a named office's, neither a primary nor a runoff.
        self.generals = {
            e.key: e
            for _, _, e in self.spans
            if self.facts[e.key][0] is not None and stages.get(e.name) not in {"primary", "runoff"}
        }
        self.stages = {e.key: stages.get(e.name) for _, _, e in self.spans}
        told = Counter(e.key for _, _, e in self.spans)
        # The article's main contests: those it refers to more than once; a runoff's first
        # round before the runoff ("finished first with 38 percent" was not in the runoff).
        every = {e.key: e for _, _, e in self.spans}.values()
        first = {
            self.facts[e.key]: e
            for e in every
            if self.stages[e.key] != "runoff" and self.facts[e.key][0] is not None
        }
        topics = (e for e in every if told[e.key] > 1)
        self.topics = list(
            {
                t.key: t
                for e in topics
                if (t := first.get(self.facts[e.key], e) if self.stages[e.key] == "runoff" else e)
            }.values()
        )

    def general(self, offices: set[tuple[str | None, str | None]]) -> Entity | None:
        """The general election of the races some candidates are known in (their primary,
        say), or else the article's only general election."""
        fits = [e for e in self.generals.values() if self.facts[e.key] in offices]
        found = fits or list(self.generals.values())
        return found[0] if len(found) == 1 else None

    def _fits(self, entity: Entity, office: str | None, state: str | None) -> bool:
        known_office, known_state = self.facts[entity.key]
        return (office in {None, known_office} or known_office is None) and (
            state in {None, known_state} or known_state is None
        )

    def contested(self, verb: Token, obj: Token | None) -> bool:
        """True when a verb's object, or its "in"/"for" phrase, names an election: "faces Y
        in the race for governor", "faces a primary", "prepares for the primary"."""
        phrases = [obj] + [
            self.view.child(c, "pobj")
            for c in verb.children
            if c.dep_ == "prep" and c.lower_ in {"in", "for"}
        ]
        near = {t.i for p in phrases if p is not None for t in p.subtree}
        return any(not near.isdisjoint(range(s, end)) for s, end, _ in self.spans)

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
            for s, end, e in self.spans
            if sent.start <= s < sent.end
            and self.view.governing_verb(self.view.doc[s]) not in others
            and not _topic(self.view.doc[end - 1])
        ]
        tiers.append((here, 0.8))
        if trigger.story:
            tiers = [(self.topics, 0.6)]
        elif trigger.nearby and not here and sent.start > 0:
            before = self.view.doc[sent.start - 1].sent
            tiers.append(([e for s, _, e in self.spans if before.start <= s < before.end], 0.6))
        if trigger.nearby and not here and not trigger.story:  # "Independent candidate Roe"
            tiers.append((self.topics, 0.6))
        for candidates, sure in tiers:
            distinct = {e.key: e for e in candidates if self._fits(e, office, state)}
            if len(distinct) == 1:
                return next(iter(distinct.values())), sure
        return None, 0.0


def _topic(token: Token) -> bool:
    """True for an election talked about, not run in: "claims about the 2020 election"."""
    return token.dep_ == "pobj" and token.head.lower_ in _blockers("topic")


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
    if view.blocked(verb, _blockers("governor"), _modals(verb)):
        return None
    if view.negated(verb) and (spec.frame == "seek" or verb.lemma_.lower() in _blockers("negated")):
        return None  # "is not running", "will not seek re-election": no candidacy at all
    if view.negated(verb) or not view.asserted(verb):
        spec = replace(spec, subject=None, other=None)  # "did not win": ran, outcome unsaid
    objects = [c for c in verb.children if c.dep_ == "dobj"]  # "re - election": the last
    subject, obj = view.subject(verb), objects[-1] if objects else None
    if obj is None and verb.dep_ == "relcl" and spec.frame == "prize":
        obj = verb.head  # "a state Roe carried in 2016", "the seat Roe won"
    if view.passive(verb):
        subject, obj = view.prep_object(verb, "by"), view.child(verb, "nsubjpass")
    people: list[tuple[Token | None, str | None]] = []
    prize = target = against = None
    local = elections.local(verb)
    incumbent = obj is not None and view.modified_by(obj, frozenset({"incumbent"}))
    contested = elections.contested(verb, obj)
    autumn = spec.frame == "contest" and not (contested or view.negated(verb))
    autumn = autumn and _in_november(view, verb)  # "will face Y in November"
    if spec.needs == "election" and not (incumbent or contested or autumn):
        return None  # "faces Y in court", "prepares for the hearing"; not "challenges incumbent Y"
    loose = False  # "ran as a Libertarian", "ran on a platform of ...": the story's race
    if spec.frame == "seek":
        target = _whole(view.prep_object(verb, "for"))
        prize = _prize(view, target)
        loose = target is None and local is None and _stood(view, verb)
        if view.entity_type(target) is EntityType.PERSON:
            people.append((target, None))  # "campaigned for Y": Y is the candidate
        elif obj is not None or (prize is None if target else local is None and not loose):
            return None  # "ran the campaign", "ran for cover"
        else:
            people.append((subject, spec.subject))
        against = view.prep_object(verb, "against")  # "running against Y": Y ran there too
        people.append((against, None))
    elif spec.frame == "support":  # "backed Y in 2012", "voted for Y in the 2012 election"
        people.append((obj if obj is not None else view.prep_object(verb, "for"), None))
    elif spec.frame == "contest" and _prize(view, obj) is not None:
        people.append((subject, None))  # "X faces a competitive primary": X runs
    elif spec.frame == "contest":
        if not view.entities_of(obj, PERSON):
            if spec.needs != "election" or obj is not None or subject is None:
                return None  # "beat the odds", "defeated the bill"
            if len(view.entities_of(subject, PERSON)) < 2:
                return None  # "X and Y will meet in a runoff": both ran
        people += [(subject, spec.subject), (obj, spec.other)]
    else:
        prize, target = _prize(view, obj), obj
        if prize is None:
            return None
        decides = prize.decides
        people += [
            (subject, spec.subject if decides else None),
            (_winner(view, verb), spec.other if decides else None),
        ]
    if prize is None or prize.office is None:  # "defeated Y in the race for governor"
        race = next((t for t in _in_clause(view, verb) if _prize(view, t) is not None), None)
        prize, target = (_prize(view, race), race) if race is not None else (prize, target)
    kept = tuple((t, o) for t, o in people if t is not None)
    office = prize.office if prize else None
    state = _state_in(view, target)
    if _again(target) and office is None:  # "Gov. Roe, who is seeking re-election": for governor
        held = {o for e in view.entities_of(subject, PERSON) for o in view.offices_of(e)}
        office = next(iter(held)) if len(held) == 1 else None
        loose = office is None and local is None and verb.tag_ in {"VBZ", "VBP", "VBG"}
    return (
        _Trigger(
            verb,
            kept,
            office,
            state,
            spec.frame == "contest",
            story=loose,
            rival=against is not None and len(kept) == 2,
            general=autumn,
        )
        if kept
        else None
    )


def _in_november(view: TokenView, verb: Token) -> bool:
    """True for "will face Y in November": the month of general elections."""
    month = view.prep_object(verb, "in")
    return month is not None and month.lemma_.lower() in _nouns_of("general")


def _winner(view: TokenView, verb: Token) -> Token | None:
    """Whom a prize was lost to, wherever the parser hung "to": "lost the nomination to Y",
    "lost the nomination in the primary to Y"."""
    within = view.prep_object(verb, "in")
    return view.prep_object(verb, "to") or view.prep_object(within, "to")


def _modals(verb: Token) -> frozenset[str]:
    """The modals that keep a verb from stating a candidacy; "would" reports one under a
    verb of announcing: "announced that she would run for Congress"."""
    modals = _blockers("modal")
    announced = verb.dep_ == "ccomp" and verb.head.lemma_.lower() in _blockers("announce")
    conditional = any(c.dep_ == "advcl" for c in verb.children)  # "would run if ..."
    return modals - {"would"} if announced and not conditional else modals


def _share_trigger(view: TokenView, percent: Token) -> _Trigger | None:
    """A share of the vote: "Roe drew 4 percent", "Roe finished third with 9 percent", "a
    poll showed Roe with 46 percent", "followed by Doe with 31 percent"."""
    head, of = percent.head, view.prep_object(percent, "of")
    if of is not None and of.lemma_.lower() not in _nouns_of("vote"):
        return None  # "40 percent of the funding"
    shares = _share_verbs(of is not None)
    if percent.dep_ in {"dobj", "npadvmod"} and head.lemma_.lower() in shares:
        verb, who = head, view.subject(head)
    elif percent.dep_ == "pobj" and head.lower_ == "to" and head.head.lemma_.lower() in shares:
        verb, who = head.head, view.child(percent, "poss")  # "took 48 percent to Roe's 39"
    elif percent.dep_ == "pobj" and head.lower_ == "with":
        verb, named = head.head, _named_before(view, head)
        if named is not None:  # "showed Roe with 46 percent", "ahead of Doe with 31 percent"
            verb, who = _list_verb(view, head), named
        elif verb.lemma_.lower() not in shares:
            return None
        elif verb.lemma_.lower() == "follow":
            who = view.prep_object(verb, "by")
        else:
            who = view.subject(verb)
    else:
        return None
    if who is None or view.blocked(verb, _blockers("governor"), _blockers("modal")):
        return None
    return _Trigger(verb, ((who, None),), nearby=True, confidence=0.7)


def _named_before(view: TokenView, prep: Token) -> Token | None:
    """The person named right before "with N percent", however a list of them was parsed:
    "ahead of Doe with 31 percent, Roe with 9 percent and Poe with 4 percent"."""
    before = prep.doc[prep.i - 1] if prep.i > 0 else None
    if view.entity_type(before) is EntityType.PERSON:
        return before
    return prep.head if view.entity_type(prep.head) is EntityType.PERSON else None


def _list_verb(view: TokenView, prep: Token) -> Token:
    """The verb above a vote share, past names the parser took for verbs: "had 41 percent,
    ahead of Doe with 31 percent, Roe with 9 percent"."""
    token = prep.head
    while token.head is not token and (
        token.pos_ not in {"VERB", "AUX"} or view.entity_type(token) is EntityType.PERSON
    ):
        token = token.head
    return token


def _whole(token: Token | None) -> Token | None:
    """The head of a word the tokenizer split: "election" of "re - election"."""
    doc = token.doc if token is not None else None
    if doc is None or token is None or token.lower_ != "re" or token.i + 2 >= len(doc):
        return token
    return doc[token.i + 2] if doc[token.i + 1].text == "-" else token


def _again(token: Token | None) -> bool:
    """True for "re-election" (however tokenized) and "a second term"."""
    if token is None:
        return False
    split = token.lower_ == "election" and token.i > 1 and token.doc[token.i - 2].lower_ == "re"
    return split or token.lemma_.lower() in _nouns_of("again")


def _stood(view: TokenView, verb: Token) -> bool:
    """True for "ran as a Libertarian", "ran as the party's nominee", "ran on a platform of
    ...": how a candidate ran, not how fast."""
    role = view.prep_object(verb, "as")
    party = view.entity_type(role) is EntityType.POLITICAL_PARTY
    if role is not None and (party or _nouns().get(role.lemma_.lower()) == "role"):
        return True
    stand = view.prep_object(verb, "on")
    return stand is not None and stand.lemma_.lower() in _nouns_of("platform")


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
            nearby=True,
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
        if lemma in {"percent", "%"}:
            trigger = _share_trigger(view, token)
        elif token.pos_ == "VERB" and lemma in verbs:
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
    generals: list[_Trigger] = []
    for sent in ctx.doc.sents:
        triggers = _triggers(view, sent, elections)
        claimed = {t.token.i for t in triggers}
        for trigger in triggers:
            if trigger.general:
                generals.append(trigger)
                continue
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
    # "X will face Y in November": the general election of the race X or Y is known in.
    ran = {p: {e for q, e in found if q == p} for p, _ in found}
    for trigger in generals:
        named = [(view.entities_of(t, PERSON), t) for t, _ in trigger.people]
        known = {elections.facts[e] for ps, _ in named for p in ps for e in ran.get(p.key, ())}
        general = elections.general(known)
        if general is None:
            continue
        for entities, token in named:
            party = view.party_near(token)
            for person in entities:
                new = Candidacy(
                    person.key,
                    general.key,
                    evidence([trigger.token, token]),
                    0.8,
                    party.key if party else None,
                )
                _add(found, new)
    # "Doe's rival Roe" with no election in reach: Roe ran in Doe's only election (and back).
    for one, other, token in rivals:
        for a, b in ((one, other), (other, one)):
            if a.key != b.key and len(ran.get(b.key, ())) == 1:
                _add(found, Candidacy(a.key, next(iter(ran[b.key])), evidence([token]), 0.5))
    # A person the text plainly puts in one race is in no other on context alone.
    plain = {(c.person, c.election) for c in found.values() if c.confidence >= _SURE}
    out.candidacies.extend(
        c
        for c in found.values()
        if c.confidence >= _SURE or not any(p == c.person and e != c.election for p, e in plain)
    )
