"""Descriptions of people: the phrases around a person mention that give an office or party.

:class:`DescriptionReader` reads one description at a time, from a given token:

- leftwards from its head, a title or a party word: "Kansas Secretary of State",
  "the commission's vice chair", "Democratic Sens.";
- after a person's comma, an appositive: "a former school board member", "who is the
  chair of Y", "who heads Y";
- before a passive heading clause: "the commission, headed by";
- as a predicate noun: "is the founder of Y".

Which person each description belongs to is :class:`~._reading.Reading`'s job.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...model import Entity, EntityType
from ._marked import MarkedDoc
from ._titles import HEAD_KINDS, TITLE_KINDS

__all__ = ["CLOSERS", "Description", "DescriptionReader"]

_ARTICLES = frozenset({"the", "a", "an"})
_BODY_PREPOSITIONS = frozenset({"of", "for", "at", "with"})
CLOSERS = frozenset({",", ".", ";", ":", ")", "—", "--"})
_FOLLOWERS = _BODY_PREPOSITIONS | {"and", "in", "from", "since"}
_COPULAS = frozenset({"be", "serve", "become", "remain"})
_CHAIN_POS = frozenset({"PROPN", "NOUN", "ADJ", "NUM"})
_NOT_BODIES = frozenset({EntityType.PERSON, EntityType.LAW, EntityType.ELECTION})
_EMPLOYER_NOUNS = frozenset(
    {"company", "campaign", "firm", "agency", "group", "organization", "union", "coalition"}
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


class DescriptionReader(MarkedDoc):
    """Reads the descriptions a marked doc gives around its person mentions."""

    def left(self, end: int, floor: int) -> Description | None:
        """The description whose head ends just before ``end``, read leftwards."""
        doc, i = self.doc, self.back(end - 1, floor)
        head, party = self.ends.get(i + 1), self.party_at(i) if i >= floor else None
        if i >= floor and head is not None and head[1].kind in HEAD_KINDS:
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
        # A capitalised title before a name takes no lower-case nouns: "the lawsuit names
        # Secretary of State X", "committee Chairman X"; "school board member X" does.
        lower = doc[d.start].is_lower
        i = d.start - 1
        while i >= floor:
            tok, span, mention = doc[i], self.ends.get(i + 1), self.ents.get(i)
            if span is not None and span[1].kind in HEAD_KINDS:
                break  # stacked titles, "Senate candidate Rep. X": the nearest is the office
            if span is not None and span[1].kind not in HEAD_KINDS:
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
            elif tok.is_lower and tok.pos_ == "NOUN" and growing and lower:
                if tok.lower_ in _EMPLOYER_NOUNS or doc[i - 1].text == "-":
                    # "company spokeswoman", "campaign spokesman": who employs them, not
                    # the office; "three-term congresswoman": a count, not the office.
                    growing = False
                else:
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
                (span is not None and span[1].kind in HEAD_KINDS)
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
                    or doc[k].text in CLOSERS
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
