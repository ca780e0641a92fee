"""Typed entity mentions from a parsed article, resolved to one entity per actor.

Mentions come from the gazetteer ruler and spaCy's NER (cleaned of titles and
possessives), party words, "X administration" phrases and election phrases. In-article
alias resolution then joins a surname to the full name ("Kobach" -> "Kris Kobach"), an
acronym to its expansion ("GAO"), a bare state of a body to its full name, and a
definite description ("the commission") to the body it refers back to.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING

from ..gazetteer import GazetteerEntry, entries, read_tsv, titles
from ..ids import entity_key
from ..model import Entity, EntityType, Span
from ..resources import data_path
from .elections import ElectionMention, find_elections
from .orgkinds import org_kind

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

__all__ = ["EntityIndex", "RawMention", "extract_entities"]

_POSSESSIVE = frozenset({"'s", "’s", "'", "’", "s"})
_LEADING_NOISE = frozenset({"the", "The", "a", "A", "an", "An"})
_US_PREFIX = re.compile(r"^(?:U\.S\.|US|United States)\s+")
_ACRONYM = re.compile(r"^[A-Z][A-Z&]{1,6}$")
_NAME_STOP = frozenset({"of", "for", "the", "and", "on", "in", "to", "under", "&"})
_SUFFIXES = frozenset({"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"})


@dataclass(frozen=True)
class RawMention:
    """A candidate mention before resolution: where, which type, which name it gives."""

    span: Span
    type: EntityType
    name: str
    from_gazetteer: bool = False


@dataclass(frozen=True)
class EntityIndex:
    """Where each character offset's entity is, for the frame extractors."""

    entities: tuple[Entity, ...]
    elections: tuple[ElectionMention, ...]

    def at(self, begin: int, end: int) -> Entity | None:
        """The entity with a mention overlapping ``[begin, end)``, if any."""
        for entity in self.entities:
            for m in entity.mentions:
                if m.begin < end and begin < m.end:
                    return entity
        return None


@cache
def _party_words() -> dict[str, str]:
    path = data_path("lexicons", "party_words.tsv")
    return {row["word"]: row["party"] for row in read_tsv(path)}


@cache
def _gazetteer_by_name() -> dict[str, GazetteerEntry]:
    return {e.name: e for e in entries()}


@dataclass(frozen=True)
class _Description:
    """What a definite description ("the commission") may refer back to."""

    heads: frozenset[str]  # words the name must hold; empty for any name
    types: frozenset[EntityType]  # the kinds it may be; empty for any organization

    def fits(self, raw: RawMention) -> bool:
        if self.types and raw.type not in self.types:
            return False
        return not self.heads or bool(self.heads & {w.casefold() for w in raw.name.split()})


@cache
def _definite_descriptions() -> dict[str, _Description]:
    path = data_path("lexicons", "definite_descriptions.tsv")
    found = {}
    for row in read_tsv(path):
        heads = frozenset(h for h in row["heads"].split("|") if h and h != "*")
        types = frozenset(EntityType(t) for t in row.get("types", "").split("|") if t)
        found[row["noun"]] = _Description(heads, types)
    return found


def _span(doc: Doc, start: int, end: int) -> Span | None:
    """A model Span for tokens ``[start, end)``; None when empty."""
    if start >= end:
        return None
    s = doc[start:end]
    return Span(s.start_char, s.end_char, s.text, s.sent.text.strip())


def _is_title(text: str) -> bool:
    known = titles()
    return text in known or f"{text}." in known or text.rstrip(".") in known


def _is_leading_title(token: Token) -> bool:
    """ "Gov.", "former", "U.S." or a short all-caps code ("NJ") before a person's name."""
    if token.text in {"U.S.", "Former", "former"} or _is_title(token.text):
        return True
    return token.is_upper and len(token) <= 3


def _trim(ent: SpacySpan, strip_titles: bool) -> tuple[int, int]:
    """Token bounds without leading articles, titles or possessors, and trailing possessives.

    "NJ Gov Chris Christie" -> "Chris Christie"; "Trump s Presidential Advisory
    Commission" (apostrophe lost) -> "Presidential Advisory Commission".
    """
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end - 1 and (
        doc[start].text in _LEADING_NOISE or (strip_titles and _is_leading_title(doc[start]))
    ):
        start += 1
    for i in range(start + 1, end - 1):  # a possessor in front: "<Name> 's|s <Body>"
        if doc[i].text in _POSSESSIVE and not strip_titles and doc[i + 1].is_title:
            start = i + 1
            break
    while end > start and (doc[end - 1].text in _POSSESSIVE or doc[end - 1].is_punct):
        end -= 1
    return start, end


_JUNK = re.compile(r"[@#/\n]|\s{2,}|[a-z][A-Z]")


def _clean_person(text: str) -> str | None:
    words = text.split()
    if not words or len(words) > 5 or any(ch.isdigit() for ch in text) or _JUNK.search(text):
        return None
    if not words[0][:1].isupper() or text.isupper():
        return None
    return text


def _credit_line(doc: Doc, ent: SpacySpan) -> list[RawMention]:
    """ "Jane Roe/Getty Images": a photo credit names a person and an agency."""
    slash = next((t for t in ent if t.text == "/"), None)
    if slash is None:
        slash_in = next((t for t in ent if "/" in t.text), None)
        if slash_in is None:
            return []
    found = []
    text = ent.text.strip()
    person, _, agency = text.partition("/")
    begin = ent.start_char
    sentence = ent.sent.text.strip()
    if _clean_person(person.strip()):
        name = person.strip()
        found.append(
            RawMention(Span(begin, begin + len(name), name, sentence), EntityType.PERSON, name)
        )
    agency = agency.strip()
    if agency and agency[:1].isupper():
        at = ent.start_char + text.index(agency)
        known = _gazetteer_by_name().get(agency)
        kind = known.type if known else org_kind(agency)
        found.append(
            RawMention(
                Span(at, at + len(agency), agency, sentence), kind, agency, known is not None
            )
        )
    return found


def _generic_org(span: SpacySpan) -> bool:
    """A single common word ("State", "Board"), a demonym or an all-caps dateline."""
    if len(span) != 1:
        return False
    token = span[0]
    if token.tag_ == "NNPS" or token.lower_ in {"state", "states", "government"}:
        return True
    if token.is_upper and len(token) > 5:
        return True
    return org_kind(token.text) is not EntityType.ORGANIZATION


def _common_word_match(ent: SpacySpan) -> bool:
    """A one-word gazetteer name used as an ordinary word ("Time is running out") or as
    the start of a longer name ("the Atlantic Ocean")."""
    if len(ent) != 1 or ent.text.isupper() or ent.label_ == EntityType.STATE.value:
        return False
    token = ent[0]
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    if following is not None and following.pos_ == "PROPN" and following.is_title:
        return True
    return token.pos_ not in {"PROPN", "X"}


def _after_title(doc: Doc, start: int) -> bool:
    return start > 0 and _is_title(doc[start - 1].text) and doc[start - 1].is_title


def _from_ents(doc: Doc) -> list[RawMention]:
    found: list[RawMention] = []
    parties = _party_words()
    types = {t.value for t in EntityType}
    for ent in doc.ents:
        label = ent.label_
        if label in types:
            span = _span(doc, ent.start, ent.end)
            if span is not None and not _common_word_match(ent):
                found.append(RawMention(span, EntityType(label), ent.ent_id_ or ent.text, True))
            continue
        if label not in {"PERSON", "ORG", "LAW", "GPE"}:
            continue
        if "/" in ent.text and label in {"PERSON", "ORG"}:
            found.extend(_credit_line(doc, ent))
            continue
        if label == "PERSON" or (label in {"ORG", "GPE"} and _after_title(doc, ent.start)):
            start, end = _trim(ent, strip_titles=True)
            span = _span(doc, start, end)
            name = _clean_person(span.text) if span else None
            if span is not None and name:
                found.append(RawMention(span, EntityType.PERSON, name))
        elif label == "ORG":
            start, end = _trim(ent, strip_titles=False)
            span = _span(doc, start, end)
            if span is None or not span.text[:1].isupper() or span.text in parties:
                continue
            if _generic_org(doc[start:end]) or _JUNK.search(span.text):
                continue
            found.append(RawMention(span, org_kind(span.text), span.text))
        elif label == "LAW":
            start, end = _trim(ent, strip_titles=False)
            span = _span(doc, start, end)
            if span is not None and span.text[:1].isupper():
                found.append(RawMention(span, EntityType.LAW, span.text))
    return found


@cache
def _party_letters() -> dict[str, str]:
    path = data_path("lexicons", "parties_markers.tsv")
    return {row["letter"]: row["party"] for row in read_tsv(path)}


def _marker_party(doc: Doc, token: Token) -> str | None:
    """The party of a legislator marker's letter: "(R-Texas)", "(D., Bucks)", ", R-Ky.,"."""
    letter = token.text.rstrip(".")
    party = _party_letters().get(letter)
    if party is None or token.i == 0 or token.i + 1 >= len(doc):
        return None
    before, after = doc[token.i - 1].text, doc[token.i + 1].text
    if before in {"(", ","} and (after in {"-", "–", ",", ")"} or token.text.endswith(".")):
        return party
    return None


def _party_mentions(doc: Doc, taken: set[int]) -> list[RawMention]:
    parties = _party_words()
    found = []
    for token in doc:
        if token.i in taken:
            continue
        party = parties.get(token.text) or _marker_party(doc, token)
        span = _span(doc, token.i, token.i + 1) if party else None
        if span is not None and party is not None:
            found.append(RawMention(span, EntityType.POLITICAL_PARTY, party))
    return found


def _administrations(doc: Doc, surnames: set[str], taken: set[int]) -> list[RawMention]:
    """ "the Trump administration", "Obama's campaign": bodies named after a person.

    "administration" after any proper noun names a government; "campaign" only after a
    person's surname, since "Senate campaign" is a contest, not an organization.
    """
    found = []
    for token in doc:
        if token.text not in {"administration", "campaign"} or token.i == 0:
            continue
        head = token.i - 1
        if doc[head].text in _POSSESSIVE and head > 0:
            head -= 1
        name = doc[head].text
        if token.text == "campaign" and name not in surnames:
            continue
        if doc[head].pos_ != "PROPN" or not name[:1].isupper() or name in _party_words():
            continue
        if token.i in taken:
            continue
        span = _span(doc, head, token.i + 1)
        if span is not None:
            kind = (
                EntityType.GOVERNMENT_BODY
                if token.text == "administration"
                else EntityType.ORGANIZATION
            )
            found.append(RawMention(span, kind, f"{name} {token.text}"))
    return found


def _names_after_titles(doc: Doc, taken: set[int]) -> list[RawMention]:
    """Names NER missed right after a title: "Sens. Ana Ruiz and ...", "its director,
    Ana Fisher,". One to three capitalised proper nouns, none already in a mention."""
    known = titles()
    found = []
    for token in doc:
        start = token.i + 1
        entry = known.get(token.text)
        if entry is None and start < len(doc) and doc[start].text == ".":
            entry = known.get(f"{token.text}.")  # the tokenizer split "Sens." in two
            start += 1
        if entry is None or start >= len(doc):
            continue
        after_comma = doc[start].text == ","
        if after_comma:  # "its director, Ana Fisher," needs a full name and a closing mark
            start += 1
        elif entry[1] == "job" or not token.text[:1].isupper():
            continue
        end = start
        while (
            end < len(doc)
            and end - start < 3
            and doc[end].pos_ == "PROPN"
            and (doc[end].is_title and end not in taken)
        ):
            end += 1
        if end == start or (
            after_comma and (end - start < 2 or end >= len(doc) or doc[end].text not in {",", "."})
        ):
            continue
        span = _span(doc, start, end)
        if span is not None and _clean_person(span.text):
            found.append(RawMention(span, EntityType.PERSON, span.text))
    return found


def _initials(name: str) -> str:
    words = [w for w in re.split(r"[\s\-]+", name) if w and w.lower() not in _NAME_STOP]
    return "".join(w[0] for w in words if w[0].isupper())


def _merge_targets(raws: list[RawMention]) -> dict[tuple[EntityType, str], str]:
    """Map (type, name) of short forms onto the full name they stand for."""
    names: dict[EntityType, Counter[str]] = defaultdict(Counter)
    for raw in raws:
        names[raw.type][raw.name] += 1
    target: dict[tuple[EntityType, str], str] = {}
    people = names[EntityType.PERSON]
    full = [n for n in people if len(n.split()) > 1]
    for name in people:
        words = [w for w in name.split() if w not in _SUFFIXES]
        if len(words) == 1:
            matches = [
                f for f in full if [w for w in f.split() if w not in _SUFFIXES][-1] == words[0]
            ]
            if matches:
                target[(EntityType.PERSON, name)] = max(matches, key=lambda f: people[f])
        elif len(words) > 2:  # "Donald J. Trump" -> "Donald Trump" when that is used
            short = f"{words[0]} {words[-1]}"
            if short in people:
                target[(EntityType.PERSON, name)] = short
    orgs = [n for kind, counter in names.items() if kind.is_organization for n in counter]
    for kind, counter in names.items():
        if not kind.is_organization and kind is not EntityType.LAW:
            continue
        for name in counter:
            bare = _US_PREFIX.sub("", name)
            if bare != name and bare in counter:
                target[(kind, name)] = bare
            elif kind.is_organization and " " not in name and not _ACRONYM.match(name):
                # "Interior" (from "Interior Secretary") is the one body named "... Interior"
                holders = [o for o in orgs if o != name and name in o.split()]
                if len(holders) == 1:
                    target[(kind, name)] = holders[0]
    return target


def _retype_surnames(raws: list[RawMention]) -> list[RawMention]:
    """NER often calls a surname an ORG or GPE; a known person's surname is that person."""
    surnames = {
        r.name.split()[-1] for r in raws if r.type is EntityType.PERSON and len(r.name.split()) > 1
    }
    out = []
    for raw in raws:
        if not raw.from_gazetteer and raw.type is not EntityType.PERSON and raw.name in surnames:
            raw = replace(raw, type=EntityType.PERSON)
        out.append(raw)
    return out


def _resolve_acronyms(raws: list[RawMention]) -> list[RawMention]:
    orgs = {r.name for r in raws if r.type.is_organization and not _ACRONYM.match(r.name)}
    by_initials: dict[str, list[str]] = defaultdict(list)
    for name in orgs:
        by_initials[_initials(name)].append(name)
    canon = {r.name: r for r in raws if r.name in orgs}
    out = []
    for raw in raws:
        if raw.type.is_organization and _ACRONYM.match(raw.name):
            expansions = by_initials.get(raw.name, [])
            if len(expansions) == 1:
                full = canon[expansions[0]]
                raw = replace(raw, name=full.name, type=full.type)
        out.append(raw)
    return out


def _definite_mentions(doc: Doc, raws: list[RawMention], taken: set[int]) -> list[RawMention]:
    """ "the commission" refers back to the nearest body whose name has a fitting head."""
    descriptions = _definite_descriptions()
    orgs = sorted((r for r in raws if r.type.is_organization), key=lambda r: r.span.begin)
    found = []
    for token in doc[1:]:
        description = descriptions.get(token.lower_)
        if description is None or token.i in taken or doc[token.i - 1].lower_ != "the":
            continue
        if token.i + 1 < len(doc) and doc[token.i + 1].pos_ in {"PROPN", "NOUN"}:
            continue  # "the commission report": a modifier, not a reference
        before = [r for r in orgs if r.span.end <= token.idx and description.fits(r)]
        if before:
            span = _span(doc, token.i, token.i + 1)
            if span is not None:
                found.append(RawMention(span, before[-1].type, before[-1].name))
    return found


def _choose_type(mentions: Iterable[RawMention]) -> EntityType:
    mentions = list(mentions)
    ruled: list[EntityType] = [m.type for m in mentions if m.from_gazetteer]
    if ruled:
        return Counter(ruled).most_common(1)[0][0]
    specific: list[EntityType] = [m.type for m in mentions if m.type is not EntityType.ORGANIZATION]
    return Counter(specific or [m.type for m in mentions]).most_common(1)[0][0]


def _taken_tokens(doc: Doc, raws: Iterable[RawMention]) -> set[int]:
    taken: set[int] = set()
    for raw in raws:
        span = doc.char_span(raw.span.begin, raw.span.end, alignment_mode="expand")
        if span is not None:
            taken.update(range(span.start, span.end))
    return taken


def _group(raws: list[RawMention]) -> tuple[Entity, ...]:
    clusters: dict[str, list[RawMention]] = defaultdict(list)
    for raw in raws:
        family = "person" if raw.type is EntityType.PERSON else raw.type.value
        if raw.type.is_organization:
            family = "organization"
        clusters[f"{family}:{raw.name}"].append(raw)
    gazetteer = _gazetteer_by_name()
    result = []
    for group in clusters.values():
        name = group[0].name
        kind = _choose_type(group)
        spans = sorted({m.span for m in group}, key=lambda s: (s.begin, s.end))
        aliases = tuple(sorted({s.text for s in spans} - {name}))
        known = gazetteer.get(name)
        ids = known.identifiers if known is not None else ()
        result.append(Entity(entity_key(kind, name), name, kind, tuple(spans), aliases, ids))
    return tuple(sorted(result, key=lambda e: (e.mentions[0].begin, e.key)))


def _drop_overlaps(raws: list[RawMention]) -> list[RawMention]:
    """Of overlapping mentions keep gazetteer ones first, then the longest.

    "the Trump administration" beats the person mention "Trump" inside it.
    """
    ranked = sorted(raws, key=lambda r: (not r.from_gazetteer, r.span.begin - r.span.end))
    kept: list[RawMention] = []
    for raw in ranked:
        if all(raw.span.end <= k.span.begin or k.span.end <= raw.span.begin for k in kept):
            kept.append(raw)
    return sorted(kept, key=lambda r: r.span.begin)


def extract_entities(doc: Doc) -> EntityIndex:
    """Find every entity an article names, resolved to one :class:`Entity` each.

    Args:
        doc: the article parsed by :func:`newskg.nlp.load_pipeline`.
    """
    raws = _drop_overlaps(_from_ents(doc))
    raws += _names_after_titles(doc, _taken_tokens(doc, raws))
    taken = _taken_tokens(doc, raws)
    raws += _party_mentions(doc, taken)
    raws = _retype_surnames(raws)
    surnames = {r.name.split()[-1] for r in raws if r.type is EntityType.PERSON}
    raws = _drop_overlaps(raws + _administrations(doc, surnames, taken))
    targets = _merge_targets(raws)
    raws = [replace(r, name=targets.get((r.type, r.name), r.name)) for r in raws]
    raws = _resolve_acronyms(raws)
    raws += _definite_mentions(doc, raws, _taken_tokens(doc, raws))
    # An election phrase may contain a state ("governor of Kansas"): both are kept.
    elections = find_elections(doc)
    raws += [RawMention(e.span, EntityType.ELECTION, e.name) for e in elections]
    return EntityIndex(_group(raws), tuple(elections))
