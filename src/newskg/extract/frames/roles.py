"""The `roles` frame: who holds (or held) which office, in which body or state.

Offices are read from the words around each person mention, driven by data: title words
(``lexicons/roles_titles.tsv`` over ``gazetteer/titles.tsv``) and heading clauses
(``lexicons/roles_heads.tsv``). The patterns:

- a title before the name: "Kansas Secretary of State X", "DOJ spokeswoman X",
  "Democratic Sens. A, B and C"; a body, state or possessor in front of the title, or
  named after it ("vice chair of the commission"), is the organization;
- a title phrase and a comma before the name: "The commission's vice chair, X";
- an appositive: "X, Maryland's elections administrator", "X, a former school board
  member", "X, who is the chair of Y", "X, who heads Y"; "(R-Texas)" gives the state;
- a passive heading clause: "the commission, headed by Vice President X";
- a predicate noun: "X is the founder of Y" (not "X is not ..." or "X would be ...").

The same reading finds the party words of each description for :mod:`.parties`; both
frames share one :class:`Reading` per doc.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import cache
from typing import TYPE_CHECKING

from ...gazetteer import read_tsv, titles
from ...model import Entity, EntityType, Role, Span
from ...resources import data_path
from .. import FrameContext, Frames, register_frame

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from ..entities import EntityIndex

__all__ = [
    "TITLE_KINDS",
    "Description",
    "Entry",
    "Lexicon",
    "Reading",
    "Tie",
    "extract_roles",
    "lexicon",
    "read",
]

TITLE_KINDS = frozenset({"title", "titles"})
_HEAD_KINDS = TITLE_KINDS | {"person", "persons"}
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
_ARTICLES = frozenset({"the", "a", "an"})
_BODY_PREPOSITIONS = frozenset({"of", "for", "at", "with"})
_CLOSERS = frozenset({",", ".", ";", ":", ")", "—", "--"})
_FOLLOWERS = _BODY_PREPOSITIONS | {"and", "in", "from", "since"}
_COPULAS = frozenset({"be", "serve", "become", "remain"})
_CHAIN_POS = frozenset({"PROPN", "NOUN", "ADJ", "NUM"})
_NOT_BODIES = frozenset({EntityType.PERSON, EntityType.LAW, EntityType.ELECTION})
_PLACES = frozenset({"GPE", "LOC", "NORP", "PERSON"})
Mention = tuple[int, int, Entity]  # first token, end token (exclusive), entity


@dataclass(frozen=True)
class Entry:
    """A lexicon row: the office a surface names and its kind (see roles_titles.tsv)."""

    office: str
    kind: str


@dataclass(frozen=True)
class Lexicon:
    """Title surfaces, heading verbs, bodies headed by a chair, generic name words."""

    exact: dict[str, Entry]
    folded: dict[str, Entry]
    firsts: frozenset[str]
    longest: int
    verbs: dict[str, str]
    chaired: frozenset[str]
    canonical: dict[str, str]
    generic: frozenset[str]

    def lookup(self, surface: str) -> Entry | None:
        """The entry for a written surface: an exact row, else a case-insensitive one."""
        return self.exact.get(surface) or self.folded.get(surface.lower())


@cache
def lexicon() -> Lexicon:
    """The lexicon: roles_titles.tsv, then the gazetteer's titles.tsv, roles_heads.tsv."""
    folded = {
        r["surface"].lower(): Entry(r["office"], r["kind"])
        for r in read_tsv(data_path("lexicons", "roles_titles.tsv"))
    }
    exact: dict[str, Entry] = {}
    canonical: dict[str, str] = {}
    for surface, (office, kind) in titles().items():
        low = surface.lower()
        canonical.setdefault(low, office)
        # "Interior Secretary" -> "secretary of the interior": the body is read on its own.
        if low in folded or (" of " in f" {office} " and " of " not in f" {low} "):
            continue
        entry = Entry("", "skip") if kind == "honorific" else Entry(office, "title")
        if surface == low:
            folded[low] = entry
        else:
            exact[surface] = entry
    surfaces = [*folded, *(s.lower() for s in exact)]
    firsts = {
        v
        for s in surfaces
        for w in [s.split()[0]]
        for v in (w, w.rstrip("."), w.split("-")[0], w.split(".")[0])
    }
    heads = list(read_tsv(data_path("lexicons", "roles_heads.tsv")))
    verbs = {r["phrase"]: r["office"] for r in heads if r["kind"] == "verb"}
    chaired = frozenset(r["phrase"] for r in heads if r["kind"] == "body")
    generic = {r["word"] for r in read_tsv(data_path("lexicons", "org_kinds.tsv"))}
    generic |= {s for s, e in folded.items() if e.kind == "skip"}
    longest = max(len(re.findall(r"\w+|[^\w\s]", s)) for s in surfaces)
    return Lexicon(
        exact,
        folded,
        frozenset(firsts),
        min(longest, 8),
        verbs,
        chaired,
        canonical,
        frozenset(generic),
    )


@dataclass
class Description:
    """A phrase describing a person, headed by a title, a person word or a party word.

    Attributes:
        start: its first token; end: the token after its head.
        head: ``"title"``, ``"person"`` (candidate, donor: no office) or ``"party"``.
        office: the office in lower case with its modifiers ("deputy secretary").
        plural: the head is plural and describes a list of names.
        org: the body or state of the office, if the phrase names one.
        parties: the parties the phrase names.
        former: the phrase says "former" or "ex-".
        opened: it begins with an article or a possessor ("the panel's chair").
    """

    start: int
    end: int
    head: str
    office: str = ""
    plural: bool = False
    org: Entity | None = None
    parties: list[Entity] = field(default_factory=list)
    former: bool = False
    opened: bool = False


@dataclass(frozen=True)
class Tie:
    """A description the text ties to a person; ``first``..``last`` are its evidence."""

    person: Entity
    description: Description
    first: int
    last: int
    confidence: float


class Reading:
    """Every description the text ties to a person mention, read once per doc."""

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
        self.starts: dict[int, tuple[int, Entry]] = {}
        self.ends: dict[int, tuple[int, Entry]] = {}
        self.within: dict[int, int] = {}  # token -> end of the lexicon match holding it
        self._embedded: dict[int, int] = {}
        self._match_titles()
        self.ties: list[Tie] = []
        self._read_persons()

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

    def _match_titles(self) -> None:
        """Longest lexicon matches, left to right, that cut no entity mention."""
        doc, lex, n, i = self.doc, self.lex, len(self.doc), 0
        while i < n:
            found = None
            if doc[i].lower_ in lex.firsts:
                for size in range(min(lex.longest, n - i), 0, -1):
                    last = doc[i + size - 1]
                    surface = " ".join(self.text[doc[i].idx : last.idx + len(last)].split())
                    entry = lex.lookup(surface)
                    if entry is not None and self._free(i, i + size, entry):
                        found = (i + size, entry)
                        break
            if found is None:
                i += 1
                continue
            self.starts[i], self.ends[found[0]] = found, (i, found[1])
            for k in range(i, found[0]):
                self.within[k] = found[0]
            i = found[0]

    def _free(self, start: int, end: int, entry: Entry) -> bool:
        """A title may hold a mention or end one ("DOJ Special Counsel"), not cut one."""
        embedded = None
        for k in range(start, end):
            for ms, me, _ in self._cover.get(k, ()):
                if (
                    entry.kind in TITLE_KINDS
                    and ms < start
                    and me == end
                    and self.doc[ms:start].text in self._names
                ):
                    embedded = ms
                elif not (start <= ms and me <= end):
                    return False
        if embedded is not None:
            self._embedded[start] = embedded
        return True

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

    def left(self, end: int, floor: int) -> Description | None:
        """The description whose head ends just before ``end``, read leftwards."""
        doc, i = self.doc, self.back(end - 1, floor)
        head, party = self.ends.get(i + 1), self.party_at(i) if i >= floor else None
        if i >= floor and head is not None and head[1].kind in _HEAD_KINDS:
            entry = head[1]
            d = Description(
                head[0],
                i + 1,
                "title" if entry.kind in TITLE_KINDS else "person",
                entry.office,
                entry.kind.endswith("s"),
            )
            if head[0] in self._embedded:  # "Department of Justice Special Counsel X"
                d.start = self._embedded[head[0]]
                d.org = self._names.get(doc[d.start : head[0]].text)
        elif party is not None:
            d = Description(
                party[0], i + 1, "party", plural=doc[i].tag_ in ("NNS", "NNPS"), parties=[party[2]]
            )
        else:
            return None
        words, nouns, growing = [d.office] if d.office else [], set(), d.head != "party"
        i = d.start - 1
        while i >= floor:
            tok, span, mention = doc[i], self.ends.get(i + 1), self.ents.get(i)
            if span is not None and span[1].kind not in _HEAD_KINDS:
                if span[1].kind == "modifier" and growing:
                    words.insert(0, span[1].office)
                d.former |= span[1].kind == "former"
                d.start, i = span[0], span[0] - 1
                continue
            if mention is not None:
                if mention[2].type in _NOT_BODIES:
                    break
                if self.party_at(i) is not None:
                    d.parties.append(mention[2])
                    if d.opened:  # "the party's chairman"
                        d.org = d.org or mention[2]
                else:
                    d.org = d.org or mention[2]
                growing, d.start, i = False, mention[0], mention[0] - 1
                continue
            if tok.is_space or tok.text == "-":
                i -= 1
                continue
            if self._possessive(i):
                growing, d.opened = False, True
            elif tok.lower_ in _ARTICLES or tok.tag_ == "PRP$":
                d.opened, d.start = True, i
                break
            elif tok.is_lower and tok.pos_ == "NOUN" and growing:  # "school board member"
                words.insert(0, tok.lower_)
                nouns.add(i)
            elif tok.is_lower and tok.pos_ == "ADJ":  # "foreign policy adviser", not "top"
                if growing and tok.head.i in nouns:
                    words.insert(0, tok.lower_)
                    nouns.add(i)
                else:
                    growing = False
            elif tok.pos_ == "PROPN" and tok.text[:1].isupper():
                d.org, growing = d.org or self._body_word(tok), False
            elif not (tok.tag_ == "VBN" and doc[i - 1].text == "-"):  # "Seattle-based"
                break
            d.start, i = i, i - 1
        d.office = " ".join(words)
        return d

    def _body_after(self, d: Description, i: int, stop: int) -> int:
        """ "vice chair of the commission": the body after the head, if it is an entity."""
        k = self.fwd(i, stop)
        if k >= stop or self.doc[k].lower_ not in _BODY_PREPOSITIONS:
            return i
        k = self.fwd(k + 1, stop)
        k = self.fwd(k + 1, stop) if k < stop and self.doc[k].lower_ == "the" else k
        m = self.ents.get(k)
        if m is None or m[0] != k or m[2].type in _NOT_BODIES:
            return i
        d.org = d.org or m[2]
        return m[1]

    def _head_office(self, office: str, body: str) -> str:
        words = {w.casefold() for w in body.split()}
        return "chair" if office == "head" and words & self.lex.chaired else office

    def _heads(self, i: int, j: int, stop: int) -> tuple[Description, int, float] | None:
        """ "who heads Y", "who serves on Y": an active heading verb at ``j``."""
        doc = self.doc
        two = " ".join(t.lower_ for t in doc[j : j + 2])
        verb = two if two in self.lex.verbs else doc[j].lower_
        if verb not in self.lex.verbs or verb.endswith(" by"):
            return None
        k = self.fwd(j + len(verb.split()), stop)
        k = self.fwd(k + 1, stop) if k < stop and doc[k].lower_ == "the" else k
        m = self.ents.get(k)
        if m is None or not m[2].type.is_organization:
            if k < stop and doc[k].lower_ in self.lex.chaired:  # "who heads the panel"
                office = self._head_office(self.lex.verbs[verb], doc[k].lower_)
                return Description(i, k + 1, "title", office), k + 1, 0.65
            return None
        office = self._head_office(self.lex.verbs[verb], m[2].name)
        org = m[2] if self._boundary(m[1], stop) else None  # "the Senate armed forces panel"
        return Description(i, m[1], "title", office, org=org), m[1], 0.7

    def _appositive(self, i: int, stop: int) -> tuple[Description, int, float] | None:
        """A description after a person's comma: "a Republican", "who is chair of Y"."""
        doc, confidence, clause = self.doc, 0.8, False
        if i < stop and doc[i].lower_ == "who":
            j = self.fwd(i + 1, stop)
            while j < stop and doc[j].pos_ == "ADV":
                j += 1
            if j >= stop:
                return None
            heads = self._heads(i, j, stop)
            if heads is not None or doc[j].lemma_ not in _COPULAS:
                return heads
            j = self.fwd(j + 1, stop)
            while j < stop and doc[j].pos_ == "ADV":  # "who is also"
                j += 1
            i, confidence, clause = (j + 1 if j < stop and doc[j].lower_ == "as" else j), 0.7, True
        elif i + 1 < stop and doc[i].lower_ in ("acting", "serving") and doc[i + 1].lower_ == "as":
            i, confidence, clause = i + 2, 0.7, True
        j = i
        while j < min(i + 12, stop):
            span, mention, tok = self.starts.get(j), self.ents.get(j), doc[j]
            end = span[0] if span is not None else mention[1] if mention is not None else j + 1
            if (
                (span is not None and span[1].kind in _HEAD_KINDS)
                or (mention is not None and self.party_at(end - 1) is not None)
            ) and self._boundary(end, stop):
                d = self.left(end, i)
                if d is None:
                    return None
                after = self._body_after(d, end, stop) if d.head != "party" else end
                k = self.fwd(after, stop)
                if (
                    clause
                    or d.opened
                    or after > end
                    or k >= stop
                    or doc[k].text in _CLOSERS
                    or doc[k].lower_ in _FOLLOWERS
                    or doc[k].tag_ in ("WP", "WDT")
                ):
                    return d, after, confidence if d.opened or clause else 0.7
                return None
            if (
                mention is not None
                and mention[2].type is EntityType.PERSON
                and not (end < stop and self._possessive(end))
            ):
                return None  # a list of names, not an appositive
            if (
                span is None
                and mention is None
                and not (
                    tok.is_space
                    or tok.text == "-"
                    or self._possessive(j)
                    or tok.tag_ == "PRP$"
                    or tok.lower_ in _ARTICLES
                    or tok.pos_ in _CHAIN_POS
                    or tok.tag_ == "VBN"
                )
            ):
                return None
            j = end
        return None

    def right(
        self, end: int, stop: int
    ) -> tuple[list[tuple[Description, int, float]], Entity | None]:
        """Appositives after a person mention, and the state of its "(R-Texas)" marker."""
        doc, found, state = self.doc, [], None
        i = self.fwd(end, stop)
        if i < stop and doc[i].text == "(":
            close = next((k for k in range(i + 1, min(i + 8, stop)) if doc[k].text == ")"), None)
            if close is None:
                return [], None
            state = next(
                (
                    self.ents[k][2]
                    for k in range(i + 1, close)
                    if k in self.ents and self.ents[k][2].type is EntityType.STATE
                ),
                None,
            )
            i = self.fwd(close + 1, stop)
        elif i < stop and doc[i].lower_ == "of":  # "Sen. X of Texas"
            m = self.ents.get(self.fwd(i + 1, stop))
            if m is not None and m[2].type is EntityType.STATE:
                state, i = m[2], self.fwd(m[1], stop)
        if i < stop and doc[i].text == ",":
            i = self.fwd(i + 1, stop)
            if i + 1 < stop and doc[i].like_num and doc[i + 1].text == ",":  # "X, 54, a lawyer"
                i = self.fwd(i + 2, stop)
            for _ in range(2):  # "X, a lawyer and former judge"
                item = self._appositive(i, stop)
                if item is None:
                    break
                found.append(item)
                i = self.fwd(item[1], stop)
                if i >= stop or doc[i].lower_ != "and":
                    break
                i = self.fwd(i + 1, stop)
        return found, state

    def _headed_by(self, before: int, floor: int) -> tuple[Description, int] | None:
        """ "the commission, which is headed by X": the body before a passive heading verb."""
        doc = self.doc
        k = self.back(before - 1, floor)
        if k - 1 < floor or doc[k].lower_ != "by":
            return None
        office = self.lex.verbs.get(f"{doc[k - 1].lower_} by")
        j = self.back(k - 2, floor)
        while (
            j >= floor
            and k - j < 6
            and (
                doc[j].text == "," or doc[j].pos_ in ("AUX", "ADV") or doc[j].tag_ in ("WDT", "WP")
            )
        ):
            j = self.back(j - 1, floor)
        if office is None or j < floor:
            return None
        m = self.ents.get(j)
        if m is not None and m[2].type.is_organization and doc[j].tag_ != "NNPS":
            return Description(
                m[0], before, "title", self._head_office(office, m[2].name), org=m[2]
            ), m[0]
        if doc[j].lower_ in self.lex.chaired and doc[j - 1].lower_ == "the":  # unnamed body
            return Description(j, before, "title", self._head_office(office, doc[j].lower_)), j
        return None

    def _list_head(self, start: int, floor: int) -> Description | None:
        """ "Sens. A, B and C": the plural title before a list of names ending at ``start``."""
        doc, i, seen = self.doc, self.back(start - 1, floor), False
        while i >= floor and start - i < 24:
            if i + 1 in self.ends:
                break
            if doc[i].text == ")":  # a marker: "Sens. A (D-Minn.) and B"
                while i > floor and doc[i].text != "(":
                    i -= 1
            elif doc[i].lower_ in (",", "and", "or", "of"):
                seen = True
            elif not ((doc[i].pos_ == "PROPN" and doc[i].is_title) or doc[i].is_space):
                break
            i -= 1
        d = self.left(i + 1, floor) if seen and i >= floor else None
        return d if d is not None and d.plural else None

    def _read_persons(self) -> None:
        doc = self.doc
        for start, end, person in self.persons:
            floor, stop = self.lo[start], self.hi[start]
            inner = self.starts.get(start)  # a title the mention holds: "Gov Chris Christie"
            begin = inner[0] if inner and inner[1].kind in TITLE_KINDS and inner[0] < end else start
            found, state = self.right(end, stop)
            d = self.left(begin, floor)
            listed = d is None and (d := self._list_head(begin, floor)) is not None
            first = begin
            if d is not None:
                if state is not None and d.head == "title" and d.org is None:
                    d = replace(d, org=state)
                upper = any(t.text[:1].isupper() for t in doc[d.start : d.end])
                self._tie(person, d, d.start, end, 0.9 if upper else 0.8)
                first = begin if listed else d.start
            after = self.fwd(end, stop)
            closed = after >= stop or doc[after].text in _CLOSERS or doc[after].text == "("
            for _ in range(2 if closed else 0):  # "The committee's chair, state Sen. X,"
                d2 = self._before_comma(first, floor)
                if d2 is None or not d2.opened:
                    break
                self._tie(person, d2, d2.start, end, 0.75)
                first = d2.start
            headed = self._headed_by(first, floor)
            if headed is not None:
                self._tie(person, headed[0], headed[1], end, 0.65)
            for d3, after, confidence in found:
                self._tie(person, d3, start, after, confidence)
            said = self._predicate(start, end, stop)
            if said is not None:
                self._tie(person, said[0], start, said[1], 0.7)

    def _before_comma(self, first: int, floor: int) -> Description | None:
        """ "A spokesman for the Treasury, X,": the description before a name's comma."""
        doc, k = self.doc, self.back(first - 1, floor)
        if k < floor or doc[k].text != ",":
            return None
        j = self.back(k - 1, floor)
        m, body = self.ents.get(j), None
        if m is not None and m[1] == j + 1 and m[2].type not in _NOT_BODIES:
            p = self.back(m[0] - 1, floor)
            p = self.back(p - 1, floor) if p >= floor and doc[p].lower_ == "the" else p
            if p >= floor and doc[p].lower_ in _BODY_PREPOSITIONS:
                k, body = p, m[2]
        d = self.left(k, floor)
        if d is not None and body is not None:
            d.org = d.org or body
        return d

    def _predicate(self, start: int, end: int, stop: int) -> tuple[Description, int] | None:
        """ "X is the founder of Y", "X is a Republican": a subject's predicate noun."""
        root = next((t for t in self.doc[start:end] if not start <= t.head.i < end), None)
        verb = root.head if root is not None and root.dep_ == "nsubj" else None
        if verb is None or verb.lemma_ != "be":
            return None
        # "is not a lawyer", "would be a judge": no office is stated.
        if any(c.dep_ == "neg" or c.tag_ == "MD" for c in verb.children):
            return None
        attr = next((c for c in verb.children if c.dep_ == "attr" and c.i > verb.i), None)
        if attr is None:
            return None
        party = self.party_at(attr.i) is not None
        head_end = self.within.get(attr.i, attr.i + 1 if party else 0)
        d = self.left(head_end, verb.i + 1) if head_end else None
        if d is None or not self._boundary(head_end, stop):
            return None
        return d, head_end if party else self._body_after(d, head_end, stop)

    def _tie(self, person: Entity, d: Description, first: int, end: int, conf: float) -> None:
        self.ties.append(Tie(person, d, first, max(first, end - 1), conf))


_LAST: list[Reading] = []


def read(ctx: FrameContext) -> Reading:
    """The reading of the context's doc, made once and shared by the roles and parties frames."""
    if not (_LAST and _LAST[0].doc is ctx.doc and _LAST[0].index is ctx.index):
        _LAST[:] = [Reading(ctx.doc, ctx.index, lexicon())]
    return _LAST[0]


@register_frame("roles")
def extract_roles(ctx: FrameContext, out: Frames) -> None:
    """Append a :class:`~newskg.model.Role` for each office the text gives a person.

    The descriptions of one person that name one office (in any written variant) merge
    into one role, with the body named most often and up to three evidence spans; the
    role is former only if every description says so.

    Args:
        ctx: the article, its parse and its entities.
        out: the facts found so far; roles are appended to ``out.roles``.
    """
    reading = read(ctx)
    groups: dict[tuple[str, str], list[Tie]] = {}
    for tie in reading.ties:
        d = tie.description
        party = d.org is not None and d.org.type is EntityType.POLITICAL_PARTY
        if d.head == "title" and d.office and not (party and d.office == "member"):
            key = (tie.person.key, reading.lex.canonical.get(d.office, d.office))
            groups.setdefault(key, []).append(tie)
    for ties in groups.values():
        bodies = [t.description.org for t in ties]
        orgs = Counter(b.key for b in bodies if b is not None and _is_body(b))
        common = orgs.most_common(1)[0][0] if orgs else None
        # One role per body the text names; a mention naming none goes with the commonest.
        for org in orgs or [None]:
            own = [
                t
                for t, b in zip(ties, bodies, strict=True)
                if (b.key if b is not None and _is_body(b) else common) == org
            ]
            spans = tuple(s for t in own[:3] for s in reading.evidence(t.first, t.last))
            out.roles.append(
                Role(
                    own[0].person.key,
                    own[0].description.office,
                    org,
                    spans,
                    max(t.confidence for t in own),
                    all(t.description.former for t in own),
                )
            )


def _is_body(entity: Entity) -> bool:
    return entity.type.is_organization or entity.type is EntityType.STATE
