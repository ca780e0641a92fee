"""Elections named or plainly referred to: "the 2016 election", "running for governor of
Kansas", "the Virginia governor race".

Each becomes one canonical name built from year, jurisdiction and office, so every
article that refers to the same contest meets on one node:
"2016 United States presidential election", "2017 Virginia gubernatorial election".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from ..gazetteer import read_tsv, state_entries
from ..model import Span
from ..resources import data_path

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["ElectionMention", "election_name", "find_elections"]

_YEAR = r"(?P<year>(?:19|20)\d\d)"
_MONTH = (
    r"(?:(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December)\s+)?"
)


@dataclass(frozen=True)
class ElectionMention:
    """An election phrase: where, its canonical name, and what it is about."""

    span: Span
    name: str
    year: int | None
    office: str | None
    jurisdiction: str | None  # a State name, or None for a national contest


@cache
def _offices() -> dict[str, str]:
    """Office words ("governor", "gubernatorial") to the office they contest."""
    found = {
        "president": "president",
        "presidential": "president",
        "governor": "governor",
        "gubernatorial": "governor",
        "mayor": "mayor",
        "mayoral": "mayor",
        "senate": "senator",
        "senatorial": "senator",
        "congressional": "representative",
    }
    path = data_path("lexicons", "offices.tsv")
    if path.is_file():
        for row in read_tsv(path):
            found.setdefault(row["office"], row["office"])
            if row.get("election_adjective"):
                found.setdefault(row["election_adjective"], row["office"])
    return found


@cache
def _adjective() -> dict[str, str]:
    found = {
        "president": "presidential",
        "governor": "gubernatorial",
        "mayor": "mayoral",
        "senator": "Senate",
        "representative": "House",
    }
    return found


@cache
def _patterns() -> tuple[re.Pattern[str], ...]:
    states = "|".join(sorted((re.escape(e.name) for e in state_entries()), key=len, reverse=True))
    office = r"(?P<office>governor|president|mayor|the (?:U\.S\. )?Senate|Senate|Congress)"
    kind = (
        r"(?P<kind>presidential|gubernatorial|mayoral|senatorial|congressional|midterm|"
        r"general|special|primary|governor(?:'s|’s)?|Senate)"
    )
    return (
        # "the 2016 presidential election", "November 2018 elections", "2017 Virginia race"
        re.compile(
            rf"\b{_MONTH}{_YEAR}\s+(?:(?P<state>{states})\s+)?(?:{kind}\s+)?"
            r"(?P<noun>elections?|races?|contests?|primar(?:y|ies)|midterms)\b"
        ),
        # "running for governor of Kansas", "races for governor in Virginia and New Jersey"
        re.compile(
            r"\b(?:run(?:ning|s)?|ran|bids?|races?|campaigns?|candidacy|candidates?)\s+for\s+"
            rf"{office}\s+(?:of|in)\s+(?P<states>(?:{states})"
            rf"(?:(?:,\s*|,?\s+and\s+)(?:{states}))*)\b"
        ),
        # "a Washington state Senate race", "Virginia's House of Delegates elections"
        re.compile(
            rf"\b(?P<state>{states})(?:’s|'s)?\s+(?:[Ss]tate\s+)?(?P<chamber>Senate|"
            r"House of Delegates|House of Representatives|House|Assembly|legislative|"
            r"statehouse)\s+(?P<noun>races?|elections?|contests?)\b"
        ),
        # "the Virginia governor race", "New Jersey gubernatorial election"
        re.compile(rf"\b(?P<state>{states})\s+{kind}\s+(?P<noun>elections?|races?|contests?)\b"),
        # "the presidential election" (no year)
        re.compile(r"\b(?P<kind>presidential)\s+(?P<noun>elections?|race|campaign)\b"),
    )


_CHAMBERS = {
    "senate": "State Senate",
    "house": "House",
    "assembly": "Assembly",
    "house of delegates": "House of Delegates",
    "house of representatives": "House of Representatives",
    "legislative": "legislative",
    "statehouse": "legislative",
}


def _chamber_name(year: int | None, chamber: str, state: str) -> str:
    prefix = f"{year} " if year else ""
    body = _CHAMBERS[chamber.lower()]
    plural = "s" if body == "legislative" else ""
    return f"{prefix}{state} {body} election{plural}"


def election_name(year: int | None, office: str | None, state: str | None) -> str:
    """The canonical name of an election.

    >>> election_name(2016, "president", None)
    '2016 United States presidential election'
    >>> election_name(2017, "governor", "Virginia")
    '2017 Virginia gubernatorial election'
    >>> election_name(2018, None, None)
    '2018 United States elections'
    """
    prefix = f"{year} " if year else ""
    if office == "president":
        return f"{prefix}United States presidential election"
    if office is not None and state:
        return f"{prefix}{state} {_adjective().get(office, office)} election"
    if office == "senator":
        return f"{prefix}United States Senate elections"
    if state:
        return f"{prefix}{state} elections"
    return f"{prefix}United States elections"


def _office_of(match: re.Match[str]) -> str | None:
    groups = match.groupdict()
    word = (groups.get("kind") or groups.get("office") or "").lower()
    word = re.sub(r"^the (u\.s\. )?", "", word).replace("’s", "").replace("'s", "")
    return _offices().get(word)


def _mentions(match: re.Match[str], where: Span) -> list[ElectionMention]:
    """The elections one matched phrase names (one per state of a list)."""
    groups = match.groupdict()
    year = int(groups["year"]) if groups.get("year") else None
    office = _office_of(match)
    if groups.get("chamber") and groups.get("state"):
        name = _chamber_name(year, groups["chamber"], groups["state"])
        return [ElectionMention(where, name, year, "legislator", groups["state"])]
    if groups.get("states"):
        # One span per state, from the phrase's start to the end of that state's name, so
        # that each election has a mention of its own.
        found = []
        offset = match.start("states")
        for part in re.finditer(r"[^,]+?(?=,|\s+and\s+|$)", groups["states"]):
            name = re.sub(r"^\s*(?:and\s+)?", "", part.group()).strip()
            if not name:
                continue
            end = offset + part.end()
            text = match.string[where.begin : end]
            span = Span(where.begin, end, text, where.sentence)
            found.append(
                ElectionMention(span, election_name(year, office, name), year, office, name)
            )
        return found
    state = groups.get("state")
    if (
        office is None
        and not state
        and year is not None
        and year % 4 == 0
        and (groups.get("kind") or "general") == "general"
        and not (groups.get("noun") or "").endswith("s")
    ):
        office = "president"  # "the 2016 election": a presidential year's election
    if year is None and office is None:
        return []
    return [ElectionMention(where, election_name(year, office, state), year, office, state)]


def find_elections(doc: Doc) -> list[ElectionMention]:
    """Every election phrase in the article, with its canonical name."""
    text = doc.text
    found: list[ElectionMention] = []
    taken: list[tuple[int, int]] = []
    for pattern in _patterns():
        for match in pattern.finditer(text):
            begin, end = match.span()
            if any(b < end and begin < e for b, e in taken):
                continue
            span = doc.char_span(begin, end, alignment_mode="expand")
            sentence = span.sent.text.strip() if span is not None else text[begin:end]
            where = Span(begin, end, text[begin:end], sentence)
            found.extend(_mentions(match, where))
            taken.append((begin, end))
    return sorted(found, key=lambda e: e.span.begin)
