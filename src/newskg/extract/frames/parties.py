"""The `parties` frame: which person the text ties to which political party.

The ties, strongest first:

- a party marker after the name (``lexicons/parties_markers.tsv``): "Sen. X (R-Texas)",
  "state Sen. X (R., Bucks)", "Sen. X, D-Ill., said";
- a party word in a description of the person, read by :mod:`._reading`: "Republican Sen. X",
  "Democratic candidate X", "Democratic Sens. A, B and C", "X, a Republican", "X, the GOP
  nominee"; "X, a former Republican" is no tie;
- a party's own committee as the body of the person's office: "DNC Chairman X";
- "the Republican president" when the article gives exactly one person that office.

"Republicans criticized X" ties nothing: the party word must describe the person. A party
is tied only when the article has its entity.
"""

from __future__ import annotations

import re
from functools import cache

from ...gazetteer import read_tsv
from ...model import Entity, EntityType, PartyAffiliation
from ...resources import data_path
from .. import FrameContext, Frames, register_frame
from ._reading import Reading, read
from ._titles import TITLE_KINDS

__all__ = ["extract_parties"]

_LETTER = re.compile(r"^([A-Z])\.?(?:[-–].*)?$")
_MARKER_JOINS = frozenset({"-", "–", ",", ")"})


@cache
def _markers() -> dict[str, str]:
    path = data_path("lexicons", "parties_markers.tsv")
    return {r["letter"]: r["party"] for r in read_tsv(path)}


@cache
def _party_words() -> dict[str, str]:
    return {r["word"]: r["party"] for r in read_tsv(data_path("lexicons", "party_words.tsv"))}


def _marker(reading: Reading, end: int) -> tuple[str, int] | None:
    """The party of "(R-Texas)", "(D., Bucks)" or ", R-Ky.," after a name, and its end."""
    doc, stop = reading.doc, reading.hi[end - 1]
    i = reading.fwd(end, stop)
    if i + 2 >= stop or doc[i].text not in ("(", ","):
        return None
    letter, after = doc[i + 1].text, doc[i + 2].text
    match = _LETTER.match(letter)
    if match is None or not (after in _MARKER_JOINS or "-" in letter or "–" in letter):
        return None
    if doc[i].text == "," and not (after in ("-", "–") or "-" in letter):
        return None  # ", R, ..." is no marker; ", R-Ky.," is
    name = _markers().get(match.group(1))
    close = next((k for k in range(i + 2, min(i + 8, stop)) if doc[k].text in (")", ",")), i + 1)
    return (name, close) if name else None


@register_frame("parties")
def extract_parties(ctx: FrameContext, out: Frames) -> None:
    """Append a :class:`~newskg.model.PartyAffiliation` for each person-party tie.

    Args:
        ctx: the article, its parse and its entities.
        out: the facts found so far; ties are appended to ``out.parties``.
    """
    reading, doc = read(ctx), ctx.doc
    parties = {e.name: e for e in ctx.index.entities if e.type is EntityType.POLITICAL_PARTY}
    found: dict[tuple[str, str], tuple[float, list[tuple[int, int]]]] = {}

    def add(person: Entity, party: Entity | None, first: int, last: int, conf: float) -> None:
        if party is not None and party.type is EntityType.POLITICAL_PARTY:
            best, seen = found.get((person.key, party.key), (0.0, []))
            found[(person.key, party.key)] = (max(best, conf), [*seen, (first, last)])

    for start, end, person in reading.persons:
        marker = _marker(reading, end)
        if marker is not None:
            add(person, parties.get(marker[0]), start, marker[1], 0.95)
    holders: dict[str, set[str]] = {}
    people: dict[str, Entity] = {}
    for tie in reading.ties:
        d = tie.description
        people[tie.person.key] = tie.person
        if d.head == "title" and not d.former:
            holders.setdefault(d.office, set()).add(tie.person.key)
        if not (d.head == "party" and d.former):
            for party in d.parties:
                add(tie.person, party, tie.first, tie.last, 0.85)
        if d.org is not None and d.org.type is EntityType.POLITICAL_PARTY:  # "its chairman"
            add(tie.person, d.org, tie.first, tie.last, 0.8)
        elif d.org is not None:  # "DNC chairman": a party's own committee
            name = _party_words().get(d.org.name.split()[0], "")
            add(tie.person, parties.get(name), tie.first, tie.last, 0.6)
    for start, (end, entry) in reading.starts.items():  # "the Republican president"
        k = reading.back(start - 1, reading.lo[start])
        word = reading.party_at(k) if k >= 0 else None
        if word is None or word[0] < 1 or entry.kind not in TITLE_KINDS:
            continue
        if doc[word[0] - 1].lower_ != "the":
            continue
        after = reading.ents.get(reading.fwd(end, len(doc)))
        who = holders.get(entry.office, set())
        if len(who) == 1 and (after is None or after[2].type is not EntityType.PERSON):
            add(people[next(iter(who))], word[2], word[0] - 1, end - 1, 0.55)
    for (person_key, party_key), (confidence, spans) in found.items():
        evidence = tuple(s for first, last in spans[:3] for s in reading.evidence(first, last))
        out.parties.append(PartyAffiliation(person_key, party_key, evidence, confidence))
