"""The `claims` frame extractor: who the article reports asserting something.

A claim is a reporting verb from ``reporting_verbs.tsv`` whose subject names an entity
("Roe insisted ...", "..., said Jane Roe."), a source phrase such as "according to X",
a claim noun from ``claim_nouns.tsv`` ("the mayor's claim of fraud"), or a quoted post signed
"Name (@handle) date". ``claim_markers.tsv`` qualifies claims ("without evidence",
"falsely"); an outlet credited with someone else's claim ("..., Forbes reported.", "said
on CNN") becomes its ``reported_by``. Who a subject names is
:class:`~._actors.ActorResolver`'s job, which the stances frame shares.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from ...gazetteer import read_tsv
from ...model import Claim, EntityType, EvidenceStatus
from ...resources import data_path
from .. import FrameContext, Frames, register_frame
from ._actors import ActorResolver, negated, pobjs, subject_of
from ._util import evidence

if TYPE_CHECKING:
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token
    from spacy.vocab import Vocab

    from ...model import Entity

__all__ = ["extract_claims"]

_QUOTES = frozenset({'"', "“", "”", "``", "''"})
_CONTENT = frozenset({"ccomp", "parataxis"})
_STATUS_MARKS = frozenset({"without_evidence", "disputed"})
# A plain Organization that "reports" is taken for an outlet: NER often types one so.
_OUTLETS = frozenset({EntityType.NEWS_OUTLET, EntityType.ORGANIZATION})
_NOT_CLAIMANTS = frozenset({EntityType.ELECTION, EntityType.LAW})


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
    if needs == "rebuttal":  # "rejected the allegations": asserts they are wrong
        rebutted = [o for o in objects if o.dep_ == "dobj" and o.lemma_.lower() in lex.nouns]
        return [t for o in rebutted for t in o.subtree]
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
    return _as_clause(verb) or _postposed(verb, sent)


def _as_clause(verb: Token) -> list[Token]:
    """The clause an "as X reported" aside attaches to: what X reported."""
    marked = any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)
    if verb.dep_ != "advcl" or not marked:
        return []
    inside = {t.i for t in verb.subtree}
    return [t for t in verb.head.subtree if t.i not in inside and not t.is_punct]


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
        named = self._named_proxy(token)
        found, how = (named, 0.9) if named else self.actors.resolve(token, self.lex.proxies)
        if not found and token.lemma_.lower() in self.lex.proxies:
            # "results compiled by the county clerk's office": who compiled them
            authors = self.lex.marks["authors"]
            made = [
                p
                for c in token.children
                if c.dep_ == "acl" and c.lemma_.lower() in authors
                for p in pobjs(c, {"by"}, "agent")
            ]
            for maker in made:
                found, how = self.actors.resolve(maker)
                if found:
                    how *= 0.85
                    break
        plural = token.tag_ in {"NNS", "NNPS"}  # "Democrats said": some members, not the party
        party = EntityType.POLITICAL_PARTY
        kept = [
            e for e in found if e.type not in _NOT_CLAIMANTS and not (plural and e.type is party)
        ]
        return kept, how

    def _named_proxy(self, token: Token) -> list[Entity]:
        """The people a proxy noun names by apposition, where the parser hung the names on
        the body ("a spokeswoman for the agency, Jane Roe, said"): Roe, not the agency."""
        if token.lemma_.lower() not in self.lex.proxies:
            return []
        for pobj in pobjs(token, {"for", "at", "of"}):
            for child in pobj.children:
                entity = self.actors.at[child.i]
                if child.dep_ == "appos" and entity and entity.type is EntityType.PERSON:
                    found = self.actors.resolve(child)[0]  # with those listed with it
                    return [e for e in found if e.type is EntityType.PERSON]
        return []

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
        outlet = outer.claimants[0]
        # Only a news outlet may be credited (the shapes allow one nkg:reportedBy, an
        # outlet); "the group reported ..." is an organization reporting, not a source.
        if outlet.type is EntityType.NEWS_OUTLET:
            for claim in inner:
                claim.reported_by = claim.reported_by or outlet
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
    _emit(found, finder.actors.at, out)


def _emit(found: list[_Found], at: list[Entity | None], out: Frames) -> None:
    """One :class:`Claim` per claimant of each kept finding, each claim node once."""
    seen: set[tuple[str, int, int]] = set()
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
            # The graph names a claim by claimant and first evidence span; a second finding
            # there would give that node a second text and outlet.
            if (who.key, span[0].begin, span[0].end) in seen:
                continue
            seen.add((who.key, span[0].begin, span[0].end))
            outlet = claim.reported_by or (who if who.type is EntityType.NEWS_OUTLET else None)
            by = outlet.key if outlet else None
            out.claims.append(Claim(who.key, text, claim.verb, span, sure, about, by, status))
