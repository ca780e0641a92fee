"""The `claims` frame extractor: who the article reports asserting something.

A claim is a reporting verb from ``reporting_verbs.tsv`` whose subject names an entity
("Kobach insisted ...", "..., said Jane Roe."), a source phrase such as "according to X",
a claim noun from ``claim_nouns.tsv`` ("Trump's claim of fraud"), or a quoted post signed
"Name (@handle) date". ``claim_markers.tsv`` qualifies claims ("without evidence",
"falsely"); an outlet credited with someone else's claim ("..., Forbes reported.", "said
on CNN") becomes its ``reported_by``. Who a subject names is :class:`ActorResolver`'s
job, which the stances frame shares.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from ...gazetteer import read_tsv
from ...model import Claim, EntityType, EvidenceStatus
from ...resources import data_path
from .. import FrameContext, Frames, register_frame
from ._util import evidence

if TYPE_CHECKING:
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token
    from spacy.vocab import Vocab

    from ...model import Entity

__all__ = ["ActorResolver", "extract_claims", "negated", "pobjs", "subject_of"]

_CLIMB = frozenset({"conj", "xcomp", "acomp", "advcl"})
_LIST = frozenset({"conj", "appos"})
_QUOTES = frozenset({'"', "“", "”", "``", "''"})
_CONTENT = frozenset({"ccomp", "parataxis"})
_NUMBERS = {"both": 2, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_STATUS_MARKS = frozenset({"without_evidence", "disputed"})
# A plain Organization that "reports" is taken for an outlet: NER often types one so.
_OUTLETS = frozenset({EntityType.NEWS_OUTLET, EntityType.ORGANIZATION})
_NOT_CLAIMANTS = frozenset({EntityType.ELECTION, EntityType.LAW})


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
        if subjects:  # the nearest: "Others don't, Christie said."
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
        if anaphor is not None and (
            not anaphor[1] or (token.i > 0 and self.doc[token.i - 1].lower_ == "the")
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
            for pobj in pobjs(token, {"for", "of"}):  # "a spokeswoman for Jane Roe"
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


@dataclass(frozen=True)
class _Lexicon:
    verbs: dict[str, tuple[str, bool, float]]  # lemma -> (needs, credits outlet, confidence)
    nouns: dict[str, tuple[bool, float]]  # lemma -> (needs a that-clause, confidence)
    proxies: frozenset[str]
    marks: dict[str, set[str]]  # mark -> phrases


@cache
def _lexicon() -> _Lexicon:
    folder = data_path("lexicons")
    verbs = {
        r["lemma"]: (r["needs"], r["credits"] == "yes", float(r["confidence"]))
        for r in read_tsv(folder / "reporting_verbs.tsv")
    }
    nouns = {
        r["noun"]: (r["needs"] == "clause", float(r["confidence"]))
        for r in read_tsv(folder / "claim_nouns.tsv")
    }
    proxies = frozenset(r["noun"] for r in read_tsv(folder / "claim_proxies.tsv"))
    marks: dict[str, set[str]] = defaultdict(set)
    for row in read_tsv(folder / "claim_markers.tsv"):
        marks[row["marks"]].add(row["phrase"])
    return _Lexicon(verbs, nouns, proxies, marks)


_MATCHERS: dict[int, tuple[Vocab, PhraseMatcher]] = {}


def _matcher(vocab: Vocab) -> PhraseMatcher:
    """The phrase matcher of status and source markers, built once per vocabulary."""
    cached = _MATCHERS.get(id(vocab))
    if cached is None or cached[0] is not vocab:
        from spacy.matcher import PhraseMatcher
        from spacy.tokens import Doc

        matcher = PhraseMatcher(vocab, attr="LOWER")
        for mark in (*_STATUS_MARKS, "source"):
            for phrase in _lexicon().marks.get(mark, ()):  # split as spaCy does: "evidence-free"
                matcher.add(mark, [Doc(vocab, words=re.findall(r"\w+|[^\w\s]", phrase))])
        cached = _MATCHERS[id(vocab)] = (vocab, matcher)
    return cached[1]


@dataclass
class _Found:
    claimants: list[Entity]
    anchor: Token  # the verb, noun or source word the claim hangs on
    content: list[Token]
    verb: str
    confidence: float
    credits: bool = False  # an outlet subject credits the claims it holds
    extra: list[Token] = field(default_factory=list)  # more evidence tokens
    reported_by: Entity | None = None
    status: EvidenceStatus = EvidenceStatus.UNQUALIFIED
    dropped: bool = False


def _quote(sent: SpacySpan) -> list[Token]:
    """The quoted stretch of a sentence; with one mark, from it to the sentence's edge."""
    marks = [t.i for t in sent if t.text in _QUOTES]
    if not marks:
        return []
    first, last = marks[0], marks[-1]
    if first == last:
        middle = (sent.start + sent.end) // 2
        first, last = (sent.start - 1, first) if first > middle else (first, sent.end)
    return [t for t in sent.doc[first + 1 : last] if not t.is_space]


def _content(verb: Token, sent: SpacySpan, needs: str, lex: _Lexicon) -> list[Token]:
    """What a reporting verb reports, or nothing when it reports no assertion."""
    clause = next((c for c in verb.children if c.dep_ in _CONTENT), None)
    if clause is None:  # "said in a letter dated Monday that ...": a misattached clause
        after = verb.doc[verb.i + 1 : min(verb.i + 12, sent.end)]
        mark = next((t for t in after if t.dep_ == "mark" and t.lower_ == "that"), None)
        clause = mark.head if mark is not None and mark.head.i > mark.i else None
    if clause is not None:
        return list(clause.subtree)
    objects = [c for c in verb.children if c.dep_ in {"dobj", "prep"}]
    if needs == "object" and objects:
        if any(o.dep_ == "dobj" and o.lemma_.lower() in lex.marks["not_object"] for o in objects):
            return []  # "denied the request" rules on a request, asserting nothing
        return [t for o in objects for t in o.subtree]
    quote = _quote(sent)
    if quote or needs == "quote":
        if quote:
            return quote
        oprd = next((c for c in verb.children if c.dep_ in {"oprd", "xcomp"}), None)
        return list(oprd.subtree) if oprd is not None else []
    if verb.i + 1 < sent.end and verb.nbor().text == ":":  # "The Sun reports: ..."
        return list(sent.doc[verb.i + 2 : sent.end])
    return _postposed(verb, sent)


def _postposed(verb: Token, sent: SpacySpan) -> list[Token]:
    """The statement before ", Jane Roe said." when its quotation marks were lost."""
    subject = subject_of(verb)
    if subject is None or subject.i > verb.i:
        return []
    i = subject.left_edge.i - 1
    while i > sent.start and verb.doc[i].is_space:
        i -= 1
    if i <= sent.start or verb.doc[i].text != ",":
        return []
    return [t for t in verb.doc[sent.start : i] if not t.is_space]


class _Claims:
    def __init__(self, ctx: FrameContext) -> None:
        self.doc = ctx.doc
        self.lex = _lexicon()
        self.actors = ActorResolver.of(ctx)

    def claimants(self, token: Token) -> tuple[list[Entity], float]:
        found, how = self.actors.resolve(token, self.lex.proxies)
        plural = token.tag_ in {"NNS", "NNPS"}  # "Democrats said": some members, not the party
        party = EntityType.POLITICAL_PARTY
        kept = [
            e for e in found if e.type not in _NOT_CLAIMANTS and not (plural and e.type is party)
        ]
        return kept, how

    def from_verb(self, verb: Token) -> _Found | None:
        needs, credits, sure = self.lex.verbs[verb.lemma_.lower()]
        if negated(verb) or verb.dep_ in {"amod", "acl", "compound"}:
            return None
        if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in self.lex.marks["block"]:
            return None  # "declined to say"
        if any(c.dep_ in {"auxpass", "nsubjpass"} for c in verb.children):
            return None
        content = _content(verb, self.actors.sent(verb), needs, self.lex)
        twin = verb.head.head
        if verb.dep_ == "conj" and verb.head.dep_ == "ccomp" and twin.lemma_ == verb.lemma_:
            verb = twin  # "said X will work ... and said Y": the parser put Y inside X
        subject = subject_of(verb) if content else None
        who, how = self.claimants(subject) if subject is not None else ([], 0.0)
        if subject is None or not who:
            return None
        found = _Found(who, verb, content, verb.text, sure * how, credits, [subject.left_edge])
        found.reported_by = next(  # "said on CNN", "told The Times"
            (
                e
                for c in verb.children
                if c.dep_ in {"prep", "dative", "dobj"}
                for t in c.subtree
                if (e := self.actors.at[t.i]) is not None and e.type is EntityType.NEWS_OUTLET
            ),
            None,
        )
        return found

    def from_source(self, source: Token, last: Token) -> _Found | None:
        """ "..., according to Jane Roe." """
        pobj = next(pobjs(last.head, {last.lower_}), None) if last.dep_ == "prep" else None
        who, how = self.claimants(pobj) if pobj is not None else ([], 0.0)
        if pobj is None or not who:
            return None
        inside = {t.i for t in source.subtree}
        content = [t for t in source.head.subtree if t.i not in inside]
        return _Found(
            who, source.head, content, "according to", 0.85 * how, True, [source, pobj.right_edge]
        )

    def from_noun(self, noun: Token) -> _Found | None:
        """ "Roe's claim that ...", "Roe's unfounded allegations of fraud", "a tip from Roe"."""
        needs_clause, sure = self.lex.nouns[noun.lemma_.lower()]
        clause = [t for c in noun.children if c.dep_ in {"acl", "ccomp"} for t in c.subtree]
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        owner = owner or next(pobjs(noun, {"from", "by"}), None)
        if owner is None and noun.dep_ == "dobj" and noun.head.lemma_ in self.lex.marks["asserts"]:
            owner = subject_of(noun.head)  # "Roe made baseless claims of fraud"
        if owner is None or (needs_clause and not any(t.lower_ == "that" for t in clause)):
            return None
        who, how = self.claimants(owner)
        if not who:
            return None
        content = clause or [t for c in noun.children if c.dep_ == "prep" for t in c.subtree]
        return _Found(who, noun, content or [noun], noun.text, sure * how, extra=[owner.left_edge])

    def from_signature(self, handle: Token) -> _Found | None:
        """A quoted post signed "Jane Roe (@janeroe) July 1, 2017"."""
        doc, at, i = self.doc, self.actors.at, handle.i
        if not (2 <= i < len(doc) - 2 and doc[i - 1].text == "(" and doc[i + 1].text == ")"):
            return None
        author = at[i - 2]
        if author is None or author.type is not EntityType.PERSON or doc[i + 2].ent_type_ != "DATE":
            return None
        start = i - 2
        while start > 0 and at[start - 1] is author:
            start -= 1
        sent = self.actors.sentence(start)
        if self.actors.starts[sent] == start and sent > 0:  # the post is the sentence before
            sent -= 1
        content = list(doc[self.actors.starts[sent] : start])
        return _Found([author], handle, content or [handle], "posted", 0.7, extra=[doc[start]])


def _modifies(token: Token, anchor: Token) -> bool:
    """Whether a marker hangs on the anchor itself, not inside the claim's content."""
    for _ in range(6):
        if token.i == anchor.i:
            return True
        if token.dep_ in _CONTENT or token.head.i == token.i:
            return False
        token = token.head
    return False


def _credit(found: list[_Found]) -> None:
    """An outlet's report holding someone else's claim is that claim's source; an outlet
    named after the claim ("..., Forbes reported.") only attributes it."""
    for outer in found:
        if not outer.credits or any(e.type not in _OUTLETS for e in outer.claimants):
            continue
        inside = {t.i for t in outer.content}
        inner = [f for f in found if f is not outer and not f.dropped and f.anchor.i in inside]
        for claim in inner:
            claim.reported_by = claim.reported_by or outer.claimants[0]
        if inner and all(f.anchor.i < outer.anchor.i for f in inner):
            outer.dropped = True


def _text(tokens: list[Token]) -> str:
    words = [t for t in sorted(tokens, key=lambda t: t.i) if not t.is_space]
    while words and (words[0].is_punct or words[0].lower_ in {"that", "of"}):
        words = words[1:]
    while words and words[-1].is_punct:
        words = words[:-1]
    return words[0].doc[words[0].i : words[-1].i + 1].text.strip() if words else ""


@register_frame("claims")
def extract_claims(ctx: FrameContext, out: Frames) -> None:
    """Find each named claimant the article reports asserting something.

    Args:
        ctx: the article, its parse and its entities.
        out: receives one :class:`Claim` per claimant and reporting phrase.
    """
    finder, doc = _Claims(ctx), ctx.doc
    lex, sentence = finder.lex, finder.actors.sentence
    sources: dict[int, Token] = {}
    markers: dict[int, list[tuple[str, Token]]] = defaultdict(list)
    for match_id, start, end in _matcher(doc.vocab)(doc):
        mark = doc.vocab.strings[match_id]
        if mark == "source":
            sources[start] = doc[end - 1]
        else:
            markers[sentence(start)].append((mark, doc[start]))
    found: list[_Found] = []
    for token in doc:
        lemma, claim = token.lemma_.lower(), None
        if token.i in sources:
            claim = finder.from_source(token, sources[token.i])
        elif lemma in lex.verbs and token.pos_ == "VERB":
            claim = finder.from_verb(token)
        elif lemma in lex.nouns and token.pos_ == "NOUN":
            claim = finder.from_noun(token)
        elif token.text.startswith("@") and len(token.text) > 1:
            claim = finder.from_signature(token)
        if claim is not None:
            found.append(claim)
    for claim in found:
        marks = markers.get(sentence(claim.anchor.i), [])
        claim.status = next(
            (EvidenceStatus(m) for m, t in marks if _modifies(t, claim.anchor)), claim.status
        )
    _credit(found)
    at = finder.actors.at
    for claim in found:
        if claim.dropped:
            continue
        keys = {e.key for e in claim.claimants}
        about = tuple(
            dict.fromkeys(e.key for t in claim.content if (e := at[t.i]) and e.key not in keys)
        )
        span, text = evidence([claim.anchor, *claim.extra, *claim.content]), _text(claim.content)
        sure, status = round(min(claim.confidence, 1.0), 3), claim.status
        for who in claim.claimants:
            outlet = claim.reported_by or (who if who.type is EntityType.NEWS_OUTLET else None)
            by = outlet.key if outlet else None
            out.claims.append(Claim(who.key, text, claim.verb, span, sure, about, by, status))
