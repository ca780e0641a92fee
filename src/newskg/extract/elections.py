"""Elections named or plainly referred to: "the 2016 election", "running for governor of
Kansas", "the race for lieutenant governor", "a July 14 runoff for Georgia's 11th
Congressional District", "the 2018 mayoral election", "the race to succeed Gov. Roe".

Each becomes one canonical name built from year, jurisdiction, office and stage, so every
article that refers to the same contest meets on one node:
"2016 United States presidential election", "2017 Virginia gubernatorial election",
"2018 Nevada lieutenant governor election", "2015 special election for Georgia's 11th
Congressional District", "2016 Republican primary for Florida's 15th Congressional District".

Phrases are read in two steps. Each phrase first gives what it says itself (year, office,
state, district, stage). The article then completes them: a phrase without state takes the
state of the same office's contest elsewhere in the article, or the article's only state; a
phrase without year takes its contest's year, or the year of the election day the article
names ("the Nov. 6, 2018, election"); "Tuesday's special election" or "the runoff" is the
article's one contest they fit. A phrase that stays without year and office is dropped.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cache, partial
from typing import TYPE_CHECKING, TypeVar

from ..gazetteer import read_tsv, state_entries, titles
from ..model import Span
from ..resources import data_path

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["ElectionMention", "election_name", "find_elections"]

_T = TypeVar("_T")
_Seat = tuple[str | None, ...]  # office, state, district, city, chamber

_YEAR = r"(?:19|20)\d\d"
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_POSS = r"(?:'s|’s)"
_NAME = r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?"
_NOUNS = r"elections?|races?|contests?|primar(?:y|ies)|runoffs?|campaigns?|midterms|nominations?"
_PARTIES = {"Republican": "Republican", "GOP": "Republican", "Democratic": "Democratic"}
_PARTIES |= {"Democrat": "Democratic", "Libertarian": "Libertarian", "Green": "Green"}
_STAGES = {"special": "special", "primary": "primary", "runoff": "runoff"}
_STAGES |= {"midterm": "midterm", "general": "general", "midterms": "midterm"}
# Words for the offices of offices.tsv that are not in it: "the race for the Senate".
_MORE_OFFICES = {"presidency": "president", "white house": "president", "senate": "senator"}
_MORE_OFFICES |= {"u.s. senate": "senator", "senatorial": "senator", "governorship": "governor"}
_MORE_OFFICES |= {"congress": "representative", "house": "representative"}
_MORE_OFFICES |= {"u.s. house": "representative", "presidential": "president"}
# Offices whose contest is statewide: one without a state is the article's state's.
_STATEWIDE = frozenset(
    {"governor", "lieutenant governor", "attorney general", "secretary of state", "treasurer"}
    | {"auditor", "comptroller", "senator", "superintendent of public instruction"}
)
_ADJECTIVES = {"president": "presidential", "governor": "gubernatorial", "mayor": "mayoral"}
_ADJECTIVES |= {"senator": "Senate", "representative": "House"}
_VOTERS = frozenset(
    {"district", "state", "county", "city", "voter", "electorate", "precinct", "parish"}
    | {"suburb", "town", "region", "area", "seat"}
)
_CHAMBERS = {"senate": "State Senate", "legislative": "legislative", "statehouse": "legislative"}


@dataclass(frozen=True)
class ElectionMention:
    """An election phrase: where, its canonical name, and what it is about."""

    span: Span
    name: str
    year: int | None
    office: str | None
    jurisdiction: str | None  # a State name, or None for a national contest
    stage: str | None = None  # special, primary, runoff, midterm, general, succeed


@dataclass(frozen=True)
class _Contest:
    """What one phrase says of its election, completed from the article."""

    begin: int
    end: int
    year: int | None = None
    office: str | None = None
    state: str | None = None
    district: str | None = None
    city: str | None = None
    chamber: str | None = None
    stage: str | None = None  # special, primary, runoff, midterm, general; succeed
    party: str | None = None
    dated: bool = False  # names the election day ("the Nov. 6, 2018, election")
    plural: bool = False
    relative: bool = False  # "this year's race"

    @property
    def seat(self) -> _Seat:
        return (self.office, self.state, self.district, self.city, self.chamber)

    def seated(self, seat: _Seat) -> _Contest:
        office, state, district, city, chamber = seat
        return replace(
            self, office=office, state=state, district=district, city=city, chamber=chamber
        )


@cache
def _offices() -> dict[str, str]:
    """Words for an elected office ("governor", "gubernatorial", "attorney general",
    "governor's") to the office, lower case."""
    found = dict(_MORE_OFFICES)
    for row in read_tsv(data_path("lexicons", "offices.tsv")):
        office, adjective = row["office"], row.get("election_adjective", "")
        if adjective in {"", "leadership", "judicial"} or office.endswith("-elect"):
            continue
        if not (office.startswith("state ") or adjective.startswith("state ")):
            found.setdefault(office, office)  # state chambers have a pattern of their own
            found.setdefault(adjective, office)
    return found | {f"{o}'s": o for o in found.values()}


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w).replace("'", "(?:'|’)") for w in sorted(words, key=len)[::-1])


@cache
def _office_words() -> re.Pattern[str]:
    return re.compile(rf"(?:^|\s)({_alternation(_offices())})(?=\s|$)")


def _city() -> str:
    return rf"(?!{_MONTH}|{_WEEKDAY}){_NAME}"


@cache
def _states() -> str:
    return _alternation(e.name for e in state_entries())


def _district(tag: str) -> str:
    """ "Florida's 15th Congressional District", "the 15th District seat in Georgia"."""
    return (
        rf"(?:(?P<dstate{tag}>{_states()}){_POSS}\s+)?(?:the\s+)?"
        rf"(?P<district{tag}>\d{{1,2}}(?:st|nd|rd|th))\s+(?:(?i:congressional)\s+)?"
        r"(?:District|district)(?!\s+(?:[Cc]ourt|of\b|[Aa]ttorney|[Jj]udge))(?:\s+seat)?"
        rf"(?:\s+in\s+(?P<sstate{tag}>{_states()})\b)?"
    )


def _office_phrase(tag: str) -> str:
    """ "governor of Kansas", "the U.S. Senate", "mayor of Shreveport", "governor in Virginia
    and New Jersey"; never "President Roe"."""
    states, city = _states(), _city()
    return (
        rf"(?:the\s+|an?\s+)?(?:(?P<ostate{tag}>{states}){_POSS}?\s+)?(?:open\s+)?"
        rf"(?P<office{tag}>(?i:{_alternation(_offices())}))\b(?:\s+seat\b)?"
        rf"(?:\s+(?:of|in)\s+(?:(?P<states{tag}>(?:{states})(?:(?:,\s*|,?\s+and\s+)(?:{states}))*)"
        rf"|(?P<city{tag}>{city}))\b)?(?!\s+[A-Z][a-z])"
    )


@cache
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    states, parties = _states(), "|".join(_PARTIES)
    mods = rf"(?i:{_alternation([*_offices(), *_STAGES])})"
    year_after = (
        rf"(?:,?\s+(?:in|on|for)\s+(?:{_MONTH}\s+\d{{1,2}},\s+)?(?P<year2>{_YEAR})\b(?!\s*%))?"
    )
    lead = (
        rf"(?:(?P<month>{_MONTH})\s+(?:\d{{1,2}},?\s+)?(?P<year>{_YEAR}),?\s+|"
        rf"\b(?P<yeara>{_YEAR}){_POSS}?\s+|\b(?P<rel>[Tt]his|[Ll]ast|[Nn]ext)\s+year{_POSS}\s+|"
        rf"\b(?P<day>{_WEEKDAY}|{_MONTH}\s+\d{{1,2}}){_POSS}?\s+)?"
    )
    chamber = (
        # "a Washington state Senate race", "Virginia's 2017 House of Delegates elections"
        rf"(?:\b(?P<year>{_YEAR})\s+)?\b(?P<state>{states}){_POSS}?\s+(?P<own>[Ss]tate\s+)?"
        r"(?P<chamber>Senate|House of Delegates|House of Representatives|House|Assembly|"
        r"legislative|statehouse)\s+(?P<noun>races?|elections?|contests?)\b"
    )
    # "running for governor of Kansas in 2024", "a candidate for mayor", "running for
    # re-election as attorney general", "run for Congress in a redrawn 5th District"
    again = r"(?:re-?election|reelection|an?\s+(?:second|third|fourth|fifth|sixth)\s+term)"
    run = (
        r"\b(?:run(?:ning|s)?|ran|bids?|campaign(?:s|ing|ed)?|candidac(?:y|ies)|candidates?)"
        rf"\s+for\s+(?:{again}\s+as\s+)?(?:{_district('b')}|{_office_phrase('b')}"
        r"(?:\s+in\s+(?:an?\s+|the\s+)?(?:[a-z]+\s+)?(?P<districtd>\d{1,2}(?:st|nd|rd|th))"
        rf"\s+(?:[Cc]ongressional\s+)?District\b)?){year_after}"
    )
    # "the 2016 presidential election", "Nov. 6, 2018, election", "Tuesday's special
    # election", "the Nevada governor's race", "a July 14 runoff for Georgia's 11th
    # Congressional District", "the Republican primary in the 15th District in 2016"
    contest = (
        rf"\b(?=\w){lead}(?:\b(?P<state>{states}){_POSS}?\s+)?(?:{_district('a')}\s+)?"
        rf"(?:\b(?P<party>{parties})\s+)?(?P<mods>(?<![Ss]tate\s)(?:\b{mods}{_POSS}?\s+){{0,3}})"
        rf"(?<!-)\b(?P<noun>(?i:{_NOUNS}))\b(?:\s+(?:for|in)\s+(?:{_district('c')}|"
        rf"{_office_phrase('c')}|(?P<istate>{states})\b|(?P<cityd>{_city()})\b))?{year_after}"
    )
    # "voted for Mitt Romney in 2012", "a district Jane Roe won by 10 points in 2016"
    vote = (
        rf"\b(?:voted for|backed|supported|went for|carried|won|lost)\s+(?:(?:{parties})\s+)?"
        r"(?:[A-Z][\w.'’-]*\s+){0,3}?(?:by\s+(?:\w+|\d+(?:\.\d+)?)\s+(?:percentage\s+)?points?\s+)?"
        rf"(?P<vote>in\s+(?P<year>{_YEAR}))\b"
    )
    # "the race to succeed term-limited Gov. Jane Roe": the office is the title's
    succeed = r"\b(?:race|contest|campaign|election)\s+to\s+(?:succeed|replace)\b"
    found = {"chamber": chamber, "succeed": succeed, "run": run, "contest": contest}
    return tuple((k, re.compile(p)) for k, p in (found | {"vote": vote}).items())


def _group(match: re.Match[str], name: str) -> str | None:
    """The first group of a name, with or without a pattern's tag ("office", "officec")."""
    return next((v for k, v in match.groupdict().items() if v and k.rstrip("abcd") == name), None)


def _start(match: re.Match[str], name: str) -> int:
    """Where the first group of a name (with or without tag) starts."""
    return match.start(
        next(k for k, v in match.groupdict().items() if v and k.rstrip("abcd") == name)
    )


def _title_office(text: str) -> str | None:
    """The elected office of the first title in a text: "term-limited Gov. Jane Roe"."""
    words = text.split()
    for i in range(min(len(words), 5)):
        for n in (2, 1):
            entry = titles().get(" ".join(words[i : i + n]))
            office = _offices().get(entry[0]) if entry else None
            if office is not None:
                return office
    return None


def _read(kind: str, match: re.Match[str], doc: Doc, published: int | None) -> list[_Contest]:
    """What one matched phrase says; one contest per state of a list."""
    begin, end = match.span()
    if kind == "succeed":
        office = _title_office(match.string[end : end + 80])
        return [_Contest(begin, end, office=office, stage="succeed")]
    if kind == "vote":
        return _vote(match, doc)
    year = int(y) if (y := _group(match, "year") or _group(match, "year2")) else None
    if kind == "chamber" and match["chamber"] == "Senate" and not match["own"]:
        return [_Contest(begin, end, year, "senator", match["state"])]  # "the Ohio Senate race"
    if kind == "chamber":
        return [_Contest(begin, end, year, "legislator", match["state"], chamber=match["chamber"])]
    if (rel := match.groupdict().get("rel")) and published:
        year = published + {"this": 0, "last": -1, "next": 1}[rel.lower()]
    mods = " ".join((_group(match, "mods") or "").lower().replace("’", "'").split())
    noun = (_group(match, "noun") or "").lower()
    office = _offices().get((_group(match, "office") or "").lower().replace("’", "'"))
    stages = [v for w, v in _STAGES.items() if re.search(rf"\b{w}\b", mods)]
    stage = stages[0] if stages else _STAGES.get(noun.rstrip("s").replace("primarie", "primary"))
    named = _office_words().search(mods) if office is None and mods else None
    district = _group(match, "district")
    if match.groupdict().get("districtd") and office != "representative":
        district = None  # "run for mayor in the 3rd District": a city's ward, no contest's
        end = match.string.rfind(" in ", begin, match.start("districtd"))
    office = "representative" if district else office
    office = _offices()[named.group(1)] if named else office
    if noun.startswith("campaign") and office is None and not year:
        return []  # "the campaign": a candidate's organisation, not a contest
    if noun.startswith("nomination"):  # "the Republican nomination": its primary; never
        if not _group(match, "party"):  # "the nomination for attorney general", a post
            return []
        stage = "primary"
    city = _group(match, "city")
    if city is not None and office != "mayor":
        end, city = _start(match, "city") - 4, None  # "running for governor in November"
    found = _Contest(
        begin,
        end,
        year,
        office,
        next(
            filter(None, map(partial(_group, match), ("state", "dstate", "sstate", "ostate"))), None
        )
        or _group(match, "istate"),
        district,
        city,
        stage=stage,
        party=_PARTIES.get(_group(match, "party") or "") if stage == "primary" else None,
        dated=bool(re.search(rf"{_MONTH}\s+\d", match.group())),
        plural=noun.endswith("s") and noun != "midterms",
        relative=bool(rel),
    )
    if not (year or office or found.state or stage or match.groupdict().get("day")):
        return []  # "the race": nothing said of which; but "the Nov. 7 election" may join
    if not (year or office) and _modifier(doc, match.start("noun")):
        return []  # "Maryland elections officials", "special election law"
    if not (listed := _group(match, "states")):
        return [found]
    contests, offset = [], _start(match, "states")
    for part in re.finditer(r"[^,]+?(?=,|\s+and\s+|$)", listed):
        if name := re.sub(r"^\s*(?:and\s+)?", "", part.group()).strip():
            # one span per state, so that each election has a mention of its own
            contests.append(replace(found, end=offset + part.end(), state=name))
    return contests


def _modifier(doc: Doc, at: int) -> bool:
    """True when the word at a character offset modifies a noun ("election officials")."""
    span = doc.char_span(at, at + 1, alignment_mode="expand")
    return span is not None and span[0].dep_ in {"compound", "amod", "nmod"}


def _vote(match: re.Match[str], doc: Doc) -> list[_Contest]:
    """ "the district voted for Jane Roe in 2012", "a state Roe carried in 2016": a
    presidential election, when voters or a place back a named person, or a person wins a
    place, in a presidential year."""
    year = int(match["year"])
    span = doc.char_span(match.start(), match.start("vote"), alignment_mode="expand")
    if year % 4 or span is None:
        return []
    verb = span[0]
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if verb.dep_ == "relcl" and (subject is None or subject.lower_ in {"which", "that"}):
        subject = verb.head  # "the district, which voted for Roe", "a district Roe won"
    if verb.lemma_ in {"carry", "win", "lose"}:
        place = (
            verb.head
            if verb.dep_ == "relcl"
            else next((c for c in verb.children if c.dep_ == "dobj"), None)
        )
        won = subject is not None and subject.ent_type_ == "PERSON" and _voters(place)
    else:  # not "the senator backed Roe in 2016 for the cabinet post"
        named = any(t.ent_type_ == "PERSON" for t in span)
        won = named and (_voters(subject) or (subject is not None and subject.lower_ == "it"))
    return [_Contest(match.start("vote"), match.end(), year, "president")] if won else []


def _voters(token: Token | None) -> bool:
    """True for voters or a place that votes: "the district", "Ohio", "voters"."""
    return token is not None and (
        token.lemma_.lower() in _VOTERS or token.ent_type_ in {"State", "GPE"}
    )


def election_name(
    year: int | None,
    office: str | None,
    state: str | None,
    *,
    district: str | None = None,
    city: str | None = None,
    stage: str | None = None,
    party: str | None = None,
) -> str:
    """The canonical name of an election.

    >>> election_name(2016, "president", None)
    '2016 United States presidential election'
    >>> election_name(2017, "governor", "Virginia")
    '2017 Virginia gubernatorial election'
    >>> election_name(2018, "lieutenant governor", "Nevada")
    '2018 Nevada lieutenant governor election'
    >>> election_name(2015, "representative", "Georgia", district="11th", stage="special")
    "2015 special election for Georgia's 11th Congressional District"
    >>> election_name(2016, "representative", "Florida", district="15th", stage="primary",
    ...               party="Republican")
    "2016 Republican primary for Florida's 15th Congressional District"
    >>> election_name(2018, "mayor", "Louisiana", city="Shreveport")
    '2018 Shreveport mayoral election'
    >>> election_name(2018, None, None)
    '2018 United States elections'
    """
    prefix = f"{year} " if year else ""
    primary = stage == "primary"
    kind = f"{party} primary" if primary and party else "primary" if primary else "election"
    kind = "runoff election" if stage == "runoff" else kind
    if office == "president":
        if primary:  # "2016 Republican presidential primaries"
            return f"{prefix}{party + ' ' if party else ''}presidential primaries"
        return f"{prefix}United States presidential election"
    if office == "representative" and district and state:
        special = "special " if stage == "special" else ""
        return f"{prefix}{special}{kind} for {state}'s {district} Congressional District"
    where = city if office == "mayor" and city else state
    if office is not None:
        word = _ADJECTIVES.get(office, office)
        word = f"special {word}" if stage == "special" else word
        if primary:
            word, kind = f"{party} {word}" if party else word, "primary"
        if where:
            return f"{prefix}{where} {word} {kind}"
        if office in {"senator", "representative"}:
            return f"{prefix}United States {word} {kind}s"
        return f"{prefix}{word} {kind}"
    if stage == "special" and state:
        return f"{prefix}{state} special election"
    if stage == "midterm":  # "the 2026 midterm elections"
        return f"{prefix}{state or 'United States'} midterm elections"
    return f"{prefix}{state} elections" if state else f"{prefix}United States elections"


def _name(c: _Contest) -> str:
    if c.chamber is not None and c.state is not None:
        chamber = _CHAMBERS.get(c.chamber.lower(), c.chamber)
        plural = "s" if chamber == "legislative" else ""
        return f"{c.year or ''} {c.state} {chamber} election{plural}".lstrip()
    stage = c.stage if c.stage in {"special", "primary", "midterm", "runoff"} else None
    return election_name(
        c.year, c.office, c.state, district=c.district, city=c.city, stage=stage, party=c.party
    )


def _fits(one: _Contest, other: _Contest) -> bool:
    """True when nothing two phrases say contradicts: they may be one contest."""
    pairs = zip(
        (one.year, one.party, *one.seat), (other.year, other.party, *other.seat), strict=True
    )
    return all(a is None or b is None or a == b for a, b in pairs)


def _only(values: Iterable[_T | None]) -> _T | None:
    found = {v for v in values if v is not None}
    return next(iter(found)) if len(found) == 1 else None


def _merged(seats: Iterable[_Seat]) -> _Seat | None:
    """The one seat some phrases describe, each adding what it knows; None when two
    disagree ("Florida's 15th District" and "Florida's 7th District")."""
    found: _Seat | None = None
    for seat in seats:
        if found is not None and any(a and b and a != b for a, b in zip(found, seat, strict=True)):
            return None
        found = seat if found is None else tuple(a or b for a, b in zip(found, seat, strict=True))
    return found


def _home(doc: Doc) -> tuple[str | None, str | None]:
    """The article's state (the only one it names, or nearly so) and city (the one named
    with "mayor" or "City Council"; not the dateline's, which may be anywhere's news)."""
    ents = doc.ents
    states = Counter(e.ent_id_ or e.text for e in ents if e.label_ == "State")
    top, count = states.most_common(1)[0] if states else (None, 0)
    state = top if count >= 0.75 * sum(states.values()) else None
    places = {e.text.title() for e in ents if e.label_ == "GPE"} | {
        m.group(1) for e in ents if (m := re.match(rf"({_NAME}) City\b", e.text))
    }
    named = re.finditer(
        rf"\b(?:[Mm]ayor|[Cc]ity) of\s+(?P<of>{_NAME})|\b(?P<before>{_NAME}){_POSS}?\s+"
        r"(?:City Council|[Cc]ity [Hh]all|[Mm]ayor(?:al|'s|’s)?\b)",
        doc.text,
    )
    return state, _only({m["of"] or m["before"] for m in named} & places)


def _place(c: _Contest, seats: list[_Contest], home: tuple[str | None, str | None]) -> _Contest:
    """A phrase naming an office, with the state, district or city that the article's
    other phrases of that office name, or else the article's own."""
    if c.office is None and c.stage == "special" and c.state is None:
        return replace(c, state=home[0])  # "a special election in 2017": the state's
    if c.office is None or (c.plural and not c.state):
        return c
    seat = _merged(s.seat for s in seats if s.office == c.office and _fits(c, s))
    c = c.seated(seat) if seat is not None else c
    if c.state is None and (c.office in _STATEWIDE or c.district):
        c = replace(c, state=home[0])
    return replace(c, city=home[1]) if c.city is None and c.office == "mayor" else c


def _join(c: _Contest, seats: list[_Contest]) -> _Contest:
    """A phrase naming no office ("Tuesday's special election", "the runoff", "this year's
    race") as the article's one contest it fits."""
    if c.office or c.chamber or c.stage == "midterm":
        return c
    if c.year is not None and c.stage not in {"special", "runoff", "succeed", "general"}:
        return c  # "the 2016 election" is no state contest of 2016; but "the November 2026
        # general election" of a story about one race is that race's
    if c.stage == "primary" and c.party is None:
        return c  # "the Aug. 6 primary": the whole ballot, not one contest's primary
    national = c.state is None and (c.year or c.stage == "primary")
    fitting = [s.seat for s in seats if _fits(c, s) and (national or s.office != "president")]
    seat = _merged(fitting) if fitting else None
    return c.seated(seat) if seat is not None else c


def _settle(contests: list[_Contest], doc: Doc) -> Iterator[_Contest]:
    """Complete each phrase from the article (see the module docstring)."""
    home = _home(doc)
    seats = [c for c in contests if c.office or c.chamber]
    placed = [_place(c, seats, home) for c in contests]
    placed = [_join(c, [s for s in placed if s.office or s.chamber]) for c in placed]
    election_days = {c.year for c in placed if c.dated and c.year and not (c.office or c.plural)}
    for c in placed:
        mates = [m for m in placed if m.seat == c.seat] if c.office or c.chamber else []
        if c.year is None and mates:
            year = _only(m.year for m in mates)
            if year is None and not (c.relative or c.plural or c.office == "president"):
                year = _only(election_days)  # "the race for governor" of "the Nov. 6 election"
            c = replace(c, year=year)
        if any(m.stage == "special" for m in mates) and c.stage in {None, "runoff", "succeed"}:
            c = replace(c, stage="special")  # the runoff of a special election is part of it
        presidential = c.stage in {None, "general"} or c.party
        if c.year and c.year % 4 == 0 and not (c.office or c.state or c.plural or c.chamber):
            c = replace(c, office="president") if presidential else c  # "the 2016 election"
        if (c.year or c.office or c.chamber) and not (
            c.plural and not (c.year or c.state or c.city)
        ):
            yield c  # not "the election", nor "mayoral races": no one contest


_NOUN = re.compile(rf"(?i:\b(?:{_NOUNS})\b)")


def _matches(pattern: re.Pattern[str], text: str, windowed: bool) -> Iterator[re.Match[str]]:
    """The pattern's matches; for the long contest pattern, only in the stretches around a
    contest noun (a phrase reaches at most ~150 characters before its noun), which is
    several times faster than trying it at every character."""
    if not windowed:
        yield from pattern.finditer(text)
        return
    stretches: list[list[int]] = []
    for noun in _NOUN.finditer(text):
        begin = text.rfind(" ", 0, max(noun.start() - 150, 0)) + 1
        end = text.find(" ", min(noun.end() + 200, len(text)))
        end = len(text) if end < 0 else end
        if stretches and begin <= stretches[-1][1]:
            stretches[-1][1] = end
        else:
            stretches.append([begin, end])
    for begin, end in stretches:
        yield from pattern.finditer(text, begin, end)


def find_elections(doc: Doc, published: int | None = None) -> list[ElectionMention]:
    """Every election phrase in the article, with its canonical name.

    Args:
        doc: the parsed article.
        published: the year the article was published, if known, for "this year's race".
    """
    text = doc.text
    contests: list[_Contest] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _patterns():
        for match in _matches(pattern, text, kind == "contest"):
            begin, end = match.span()
            if end - begin < 4 or any(b < end and begin < e for b, e in taken):
                continue
            found = _read(kind, match, doc, published)
            contests.extend(found)
            taken.extend([(begin, end)] if found else [])
    mentions = []
    for c in _settle(contests, doc) if contests else ():
        begin, end = c.begin, len(text[: c.end].rstrip(" ,"))
        span = doc.char_span(begin, end, alignment_mode="expand")
        sentence = span.sent.text.strip() if span is not None else text[begin:end]
        name = _name(c)
        # The name settles the facts: a state the name leaves out is no jurisdiction.
        state = c.state if c.state and c.state in name else None
        where = Span(begin, end, text[begin:end], sentence)
        mentions.append(ElectionMention(where, name, c.year, c.office, state, c.stage))
    return sorted(mentions, key=lambda e: e.span.begin)
