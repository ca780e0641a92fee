"""Entities of one article: its candidate mentions resolved to one entity per actor.

In-article alias resolution joins a surname to the full name ("Ruiz" -> "Ana
Ruiz"), an acronym to its expansion ("GAO"), a name with a national prefix to the bare
name, a one-word body to the department it shortens, and a definite description ("the
commission") to the body it refers back to. A surname that NER took for an
organization or a place is the person it names.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING

from ..gazetteer import read_tsv
from ..ids import entity_key
from ..model import Entity, EntityType
from ..resources import data_path
from .elections import ElectionMention, find_elections
from .legislatures import state_legislatures
from .mentions import (
    RawMention,
    administrations,
    drop_overlaps,
    from_ents,
    gazetteer_by_name,
    law_mentions,
    names_after_titles,
    party_mentions,
    span_of,
    taken_tokens,
)
from .shaped_names import race_chambers_to_states, shaped_names

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["EntityIndex", "RawMention", "extract_entities"]

_US_PREFIX = re.compile(r"^(?:U\.S\.|US|United States)\s+")
_ACRONYM = re.compile(r"^[A-Z][A-Z&]{1,6}$")
_NAME_STOP = frozenset({"of", "for", "the", "and", "on", "in", "to", "under", "&"})
_SUFFIXES = frozenset({"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"})


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
            firsts = [f for f in full if f.split()[0] == words[0]]
            if matches:
                target[(EntityType.PERSON, name)] = max(matches, key=lambda f: people[f])
            elif len(firsts) == 1:  # a first name alone, of the one person who has it
                target[(EntityType.PERSON, name)] = firsts[0]
        elif len(words) > 2:  # "Ana M. Ruiz" -> "Ana Ruiz" when that is used
            short = f"{words[0]} {words[-1]}"
            if short in people:
                target[(EntityType.PERSON, name)] = short
    orgs = [n for kind, counter in names.items() if kind.is_organization for n in counter]
    known = gazetteer_by_name()  # a listed body ("Republican Party") is itself, not a part
    for kind, counter in names.items():
        if not kind.is_organization and kind is not EntityType.LAW:
            continue
        for name in counter:
            bare = _US_PREFIX.sub("", name)
            if bare != name and bare in counter:
                target[(kind, name)] = bare
            elif kind.is_organization and not _ACRONYM.match(name) and name not in known:
                # "Interior" (from "Interior Secretary") is the one body named "... Interior"
                holders = [o for o in orgs if o != name and _names_part_of(name, o)]
                if len(holders) == 1:
                    target[(kind, name)] = holders[0]
    return target


def _names_part_of(short: str, full: str) -> bool:
    """ "Interior" is a word of "Department of the Interior"; "Veterans Affairs" ends
    "Department of Veterans' Affairs" (apostrophes aside)."""
    short_words = short.replace("'", "").replace("’", "").split()
    full_words = full.replace("'", "").replace("’", "").split()
    if len(short_words) == 1:
        return short_words[0] in full_words
    return full_words[-len(short_words) :] == short_words


def _retype_surnames(raws: list[RawMention]) -> list[RawMention]:
    """NER often calls a person an ORG, GPE or LOC; a known person's name or surname is
    that person. Tentative mentions that are not are dropped."""
    people = {r.name for r in raws if r.type is EntityType.PERSON and not r.tentative}
    # A one-word person ("President Roe" gives "Roe") counts too: an article that never
    # gives the full name still calls its ORG-tagged "Roe" the same person.
    names = people | {name.split()[-1] for name in people}
    names |= {name.split()[0] for name in people if " " in name}  # "Ana" of "Ana Ruiz"
    out = []
    for raw in raws:
        if not raw.from_gazetteer and raw.name in names:
            raw = replace(raw, type=EntityType.PERSON, tentative=False)
        if not raw.tentative:
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
            span = span_of(doc, token.i, token.i + 1)
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


def _group(raws: list[RawMention]) -> tuple[Entity, ...]:
    # Names that differ only in case or punctuation ("Biden Administration" in a headline,
    # "Biden administration" below it) share an IRI, so they are one entity with one label.
    clusters: dict[str, list[RawMention]] = defaultdict(list)
    for raw in raws:
        clusters[entity_key(raw.type, raw.name)].append(raw)
    gazetteer = gazetteer_by_name()
    result = []
    for group in clusters.values():
        counts = Counter(m.name for m in group)  # the most used, not an all-caps headline's
        name = max(counts, key=lambda n: (not n.isupper(), counts[n]))
        kind = _choose_type(group)
        spans = sorted({m.span for m in group}, key=lambda s: (s.begin, s.end))
        known = gazetteer.get(name)
        if known is not None and known.as_written:
            # Only a form as full as the listed name: "Ohio State Senate", not "Ohio House".
            size = len(name.split())
            written = [s.text for s in spans if s.text in known.patterns]
            written = [w for w in written if len(w.split()) >= size]
            name = max(written, key=len) if written else name
        aliases = tuple(sorted({s.text for s in spans} - {name}))
        ids = known.identifiers if known is not None else ()
        result.append(Entity(entity_key(kind, name), name, kind, tuple(spans), aliases, ids))
    return tuple(sorted(result, key=lambda e: (e.mentions[0].begin, e.key)))


def extract_entities(doc: Doc) -> EntityIndex:
    """Find every entity an article names, resolved to one :class:`Entity` each.

    Args:
        doc: the article parsed by :func:`newskg.nlp.load_pipeline`.
    """
    found = from_ents(doc) + law_mentions(doc) + shaped_names(doc)
    tentative = [r for r in found if r.tentative]
    raws = race_chambers_to_states(doc, drop_overlaps([r for r in found if not r.tentative]))
    raws += names_after_titles(doc, taken_tokens(doc, raws))
    taken = taken_tokens(doc, raws)
    raws += party_mentions(doc, taken)
    raws = _retype_surnames(drop_overlaps(raws + tentative))
    surnames = {r.name.split()[-1] for r in raws if r.type is EntityType.PERSON}
    raws = drop_overlaps(raws + administrations(doc, surnames, taken))
    raws = state_legislatures(doc, raws)
    targets = _merge_targets(raws)
    raws = [replace(r, name=targets.get((r.type, r.name), r.name)) for r in raws]
    raws = _resolve_acronyms(raws)
    raws += _definite_mentions(doc, raws, taken_tokens(doc, raws))
    # An election phrase may contain a state ("governor of Kansas"): both are kept.
    elections = find_elections(doc)
    raws += [RawMention(e.span, EntityType.ELECTION, e.name) for e in elections]
    return EntityIndex(_group(raws), tuple(elections))
