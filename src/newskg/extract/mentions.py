"""Candidate entity mentions in a parsed article, before they are resolved to entities.

They come from the gazetteer ruler and spaCy's NER (cleaned of titles, possessives,
photo-credit lines and fragments), names right after titles, party words and letters,
bodies named after a person ("the Gomez administration") and law patterns ("House Bill
1878", "the Missouri Constitution").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from ..gazetteer import GazetteerEntry, ap_abbreviations, entries, read_tsv, state_entries, titles
from ..model import EntityType, Span
from ..resources import data_path
from .orgkinds import org_keywords, org_kind

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

__all__ = [
    "RawMention",
    "administrations",
    "drop_overlaps",
    "from_ents",
    "gazetteer_by_name",
    "law_mentions",
    "names_after_titles",
    "party_mentions",
    "party_words",
    "span_of",
    "taken_tokens",
]

_POSSESSIVE = frozenset({"'s", "’s", "'", "’", "s"})
_LEADING_NOISE = frozenset({"the", "The", "a", "A", "an", "An"})


@dataclass(frozen=True)
class RawMention:
    """A candidate mention before resolution: where, which type, which name it gives."""

    span: Span
    type: EntityType
    name: str
    from_gazetteer: bool = False
    tentative: bool = False  # kept only if it turns out to be a known person's name


@cache
def party_words() -> dict[str, str]:
    path = data_path("lexicons", "party_words.tsv")
    return {row["word"]: row["party"] for row in read_tsv(path)}


@cache
def gazetteer_by_name() -> dict[str, GazetteerEntry]:
    return {e.name: e for e in entries()}


def span_of(doc: Doc, start: int, end: int) -> Span | None:
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
    if token.text in party_words():  # "Libertarian Ana Ruiz": the party is a mention of its own
        return True
    return token.is_upper and len(token) <= 3


def _trim(ent: SpacySpan, strip_titles: bool) -> tuple[int, int]:
    """Token bounds without leading articles, titles or possessors, and trailing possessives.

    "OH Gov Ana Ruiz" -> "Ana Ruiz"; "Ruiz s Federal Widget
    Commission" (apostrophe lost) -> "Federal Widget Commission".
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
    if len(words) == 1 and (_is_title(text) or text.casefold() in org_keywords()):
        return None  # what is left of "Lt. Gov." or "General Assembly" once titles go
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
        known = gazetteer_by_name().get(agency)
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


def from_ents(doc: Doc) -> list[RawMention]:
    """Mentions from the gazetteer's and the NER's entity spans, cleaned and typed."""
    return _join_touching_people(doc, _from_ents(doc))


def _join_touching_people(doc: Doc, found: list[RawMention]) -> list[RawMention]:
    """NER sometimes splits one name in two: "Treasurer Ana" + "Ruiz" is "Ana Ruiz"."""
    out: list[RawMention] = []
    text = doc.text  # spaCy joins every token on each access
    for raw in sorted(found, key=lambda r: r.span.begin):
        last = out[-1] if out else None
        if (
            last is not None
            and last.type is raw.type is EntityType.PERSON
            and text[last.span.end : raw.span.begin] == " "
            and len(last.name.split()) + len(raw.name.split()) <= 4
        ):
            joined = text[last.span.begin : raw.span.end]
            span = Span(last.span.begin, raw.span.end, joined, last.span.sentence)
            out[-1] = RawMention(span, EntityType.PERSON, f"{last.name} {raw.name}")
            continue
        out.append(raw)
    return out


def _from_ents(doc: Doc) -> list[RawMention]:
    found: list[RawMention] = []
    parties = party_words()
    types = {t.value for t in EntityType}
    for ent in doc.ents:
        label = ent.label_
        if label in {"GPE", "LOC", "PERSON", "ORG"} and _trimmed_last(ent) in _COUNTY_WORDS:
            found.extend(_county(doc, ent))
            continue
        if label in types:
            if label == EntityType.STATE.value and _names_a_city(doc, ent.end):
                continue  # "Kansas City", "Iowa City": a city, not the state
            span = span_of(doc, ent.start, ent.end)
            if span is not None and not _common_word_match(ent):
                found.append(RawMention(span, EntityType(label), ent.ent_id_ or ent.text, True))
            continue
        if label in {"GPE", "LOC", "NORP", "FAC"} and not _after_title(doc, ent.start):
            # Often a surname NER misread ("since Ruiz is running"); kept only if so.
            span = span_of(doc, *_trim(ent, strip_titles=False))
            if span is not None and span.text[:1].isupper():
                found.append(RawMention(span, EntityType.ORGANIZATION, span.text, tentative=True))
            continue
        if label not in {"PERSON", "ORG", "LAW", "GPE"}:
            continue
        if "/" in ent.text and label in {"PERSON", "ORG"}:
            found.extend(_credit_line(doc, ent))
            continue
        if label == "PERSON" or (label in {"ORG", "GPE"} and _after_title(doc, ent.start)):
            start, end = _trim(ent, strip_titles=True)
            span = span_of(doc, start, end)
            name = _clean_person(span.text) if span else None
            if span is not None and name:
                found.append(RawMention(span, EntityType.PERSON, name))
        elif label == "ORG":
            found.extend(_organization(doc, ent, parties))
        elif label == "LAW":
            start, end = _trim(ent, strip_titles=False)
            span = span_of(doc, start, end)
            if span is not None and span.text[:1].isupper() and not _part_of_a_law(doc, end):
                found.append(RawMention(span, EntityType.LAW, span.text))
    return found


_LAW_PARTS = re.compile(r"^(?:Section|Sec\.|Article|Title|Clause|Subsection) \S+$")


def _part_of_a_law(doc: Doc, end: int) -> bool:
    """ "Section 2" of "Section 2 of the Voting Rights Act": the law is the act."""
    return (
        end + 1 < len(doc)
        and doc[end].lower_ == "of"
        and bool(_LAW_PARTS.match(doc[max(0, end - 2) : end].text))
    )


_COUNTY_WORDS = frozenset({"County", "Parish", "Borough"})
_ACTOR_DEPS = frozenset({"nsubj", "nsubjpass", "poss", "agent"})


def _names_a_city(doc: Doc, end: int) -> bool:
    return end < len(doc) and doc[end].text == "City" and doc[end - 1].whitespace_ == " "


def _trimmed_last(ent: SpacySpan) -> str:
    start, end = _trim(ent, strip_titles=False)
    return ent.doc[end - 1].text if end > start else ""


def _county(doc: Doc, ent: SpacySpan) -> list[RawMention]:
    """A county is a place ("voters in Lake County") unless it acts: the subject of a
    verb, a possessor or one of a list of subjects ("Lake County refused"), when it is
    the county's government."""
    start, end = _trim(ent, strip_titles=False)
    head = doc[end - 1]
    # "Lake County and Pine County refused": the first of a list hangs on the last.
    acting = head.dep_ in _ACTOR_DEPS or (
        head.dep_ in {"conj", "nmod", "compound"}
        and head.head.text in _COUNTY_WORDS
        and head.head.dep_ in _ACTOR_DEPS
    )
    span = span_of(doc, start, end)
    if not acting or span is None or end - start < 2:
        return []
    return [RawMention(span, EntityType.GOVERNMENT_BODY, span.text)]


_FUNCTION_WORDS = frozenset(
    {
        "of",
        "for",
        "the",
        "and",
        "on",
        "in",
        "to",
        "under",
        "at",
        "&",
        "de",
        "du",
        "la",
        "von",
        "van",
    }
)


def _organization(doc: Doc, ent: SpacySpan, parties: dict[str, str]) -> list[RawMention]:
    """An ORG entity as a mention, a person's mention, or nothing when it is NER noise."""
    start, end = _trim(ent, strip_titles=False)
    while (
        end > start + 1
        and _is_title(doc[end - 1].text)
        and end < len(doc)
        and doc[end].pos_ == "PROPN"
        and doc[end].is_title
    ):
        end -= 1  # "Army Col." before a name: the body, then the title
    while end > start + 1 and doc[end - 1].lower_ in _FUNCTION_WORDS:
        end -= 1  # "Ruiz for" (of "Ruiz for Congress" cut short)
    span = span_of(doc, start, end)
    if span is None or not span.text[:1].isupper() or span.text in parties:
        return []
    tokens = doc[start:end]
    person = _person_after_marker(doc, start, end, parties)
    if person is not None:
        return [person]
    if _generic_org(tokens) or _JUNK.search(span.text) or span.text in _ORG_FRAGMENTS:
        return []
    if span.text.replace(" ", "").isupper() and len(span.text) > 6 and len(tokens) > 1:
        return []  # an all-caps dateline or headline ("SANTA FE", "VOTER FRAUD PANEL")
    if any(t.is_lower and t.lower_ not in _FUNCTION_WORDS for t in tokens[1:]):
        return []  # a fragment with an ordinary word in it ("States sue")
    if end < len(doc) and doc[end].lower_ in _IDENTIFIER_NOUNS:
        return []  # a program's name on a document ("Social Security numbers"), not a body
    # One unknown word after "in", "from" or "near" is most often a town NER mislabels;
    # kept only if it turns out to be a person's name.
    placed = len(tokens) == 1 and tokens[0].dep_ == "pobj" and tokens[0].head.lower_ in _LOCATIVE
    return [RawMention(span, org_kind(span.text), span.text, tentative=placed)]


_LOCATIVE = frozenset({"in", "from", "near", "outside", "across", "throughout"})


_IDENTIFIER_NOUNS = frozenset({"number", "numbers", "card", "cards", "no.", "nos."})
# What NER leaves of a longer name ("The super PAC", "Acme Holdings LLC" cut short).
_ORG_FRAGMENTS = frozenset({"PAC", "Super", "LLC", "Inc", "Inc.", "Corp", "Corp.", "Co."})


def _ends_a_title(doc: Doc, i: int, start: int) -> bool:
    """ "State" of "Secretary of State Ana Ruiz" that NER cut from its title."""
    return (
        i == start
        and i > 1
        and doc[i - 1].lower_ == "of"
        and _is_title(f"{doc[i - 2].text} of {doc[i].text}")
    )


def _person_after_marker(
    doc: Doc, start: int, end: int, parties: dict[str, str]
) -> RawMention | None:
    """The person an ORG span ends with, after a title or party word inside it:
    "Representative Ana Ruiz", "Lake County Clerk Ana Ruiz", "Republican Ana Ruiz", and
    "State Ana Ruiz" left over from "Secretary of State Ana Ruiz"."""
    marker = None
    for i in range(start, end - 1):
        text = doc[i].text
        if _is_title(text) or text in parties or _ends_a_title(doc, i, start):
            marker = i
    if marker is None or not 1 <= end - marker - 1 <= 3:
        return None
    names = doc[marker + 1 : end]
    if not all(t.is_title and t.pos_ == "PROPN" for t in names):
        return None
    if any(t.lower_ in org_keywords() or _is_title(t.text) for t in names):
        return None  # "Senate Judiciary Committee": a body, whatever precedes it
    span = span_of(doc, marker + 1, end)
    if span is None or not _clean_person(span.text) or (end - marker - 1 < 2 and marker > start):
        return None
    return RawMention(span, EntityType.PERSON, span.text)


@cache
def _law_patterns() -> tuple[re.Pattern[str], ...]:
    states = "|".join(sorted((re.escape(e.name) for e in state_entries()), key=len, reverse=True))
    return (
        re.compile(
            r"\b(?:House|Senate|Assembly) (?:Joint )?(?:Bill|Resolution) "
            r"(?:No\. )?\d+\b"
        ),
        re.compile(r"\bH\.\s?R\. \d+\b"),
        re.compile(r"\bProposition \d+\b"),
        re.compile(rf"\b(?P<state>{states})(?:’s|'s)? [Cc]onstitution\b"),
    )


def law_mentions(doc: Doc) -> list[RawMention]:
    """Laws named by pattern: numbered bills, propositions and state constitutions."""
    found = []
    text = doc.text  # spaCy joins every token on each access
    for pattern in _law_patterns():
        for match in pattern.finditer(text):
            span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
            if span is None:
                continue
            state = match.groupdict().get("state")
            name = f"{state} Constitution" if state else match.group()
            where = span_of(doc, span.start, span.end)
            if where is not None:
                # As sure as a gazetteer name: it wins over the state name inside it.
                found.append(RawMention(where, EntityType.LAW, name, from_gazetteer=True))
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


def party_mentions(doc: Doc, taken: set[int]) -> list[RawMention]:
    """Party words ("Republican", "Democrats"), and the party letter and state of a
    legislator's tag ("(R-Ind.)", the state even where its abbreviation is a word)."""
    parties = party_words()
    found = []
    for token in doc:
        if token.i in taken:
            continue
        marked = _marker_party(doc, token)
        party = parties.get(token.text) or marked
        span = span_of(doc, token.i, token.i + 1) if party else None
        if span is not None and party is not None:
            found.append(RawMention(span, EntityType.POLITICAL_PARTY, party))
        if marked is not None:
            found.extend(_tag_state(doc, token.i + 2, taken))
    return found


def _tag_state(doc: Doc, start: int, taken: set[int]) -> list[RawMention]:
    """The state abbreviation after the dash of a party tag, if nothing has taken it."""
    end = start
    while end < len(doc) and doc[end].text not in {")", ","} and end - start < 3:
        end += 1
    tokens = doc[start:end]
    state = ap_abbreviations().get(tokens.text.replace(" ", ""))
    span = span_of(doc, start, end)
    if state is None or span is None or any(i in taken for i in range(start, end)):
        return []
    return [RawMention(span, EntityType.STATE, state, from_gazetteer=True)]


def administrations(doc: Doc, surnames: set[str], taken: set[int]) -> list[RawMention]:
    """ "the Gomez administration", "Ruiz's campaign": bodies named after a person.

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
        if doc[head].pos_ != "PROPN" or not name[:1].isupper() or name in party_words():
            continue
        if token.i in taken:
            continue
        # The mention is the keyword alone: the name before it stays the person's mention.
        span = span_of(doc, token.i, token.i + 1)
        if span is not None:
            kind = (
                EntityType.GOVERNMENT_BODY
                if token.text == "administration"
                else EntityType.ORGANIZATION
            )
            found.append(RawMention(span, kind, f"{name} {token.text}"))
    return found


def names_after_titles(doc: Doc, taken: set[int]) -> list[RawMention]:
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
        if entry is None and token.text in party_words() and token.tag_ != "NNPS":
            entry = ("", "party")  # "Republican Ana Ruiz received 40%"
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
        if entry[1] == "party" and (
            after_comma
            or end - start < 2
            or any(t.lower_ in org_keywords() or _is_title(t.text) for t in doc[start:end])
        ):
            continue  # a party word takes only a full name, never a body's ("Study Committee")
        span = span_of(doc, start, end)
        if span is not None and _clean_person(span.text):
            found.append(RawMention(span, EntityType.PERSON, span.text))
    return found


def taken_tokens(doc: Doc, raws: Iterable[RawMention]) -> set[int]:
    taken: set[int] = set()
    for raw in raws:
        span = doc.char_span(raw.span.begin, raw.span.end, alignment_mode="expand")
        if span is not None:
            taken.update(range(span.start, span.end))
    return taken


def drop_overlaps(raws: list[RawMention]) -> list[RawMention]:
    """Of overlapping mentions keep gazetteer ones first, then the longest.

    "the Gomez administration" beats the person mention "Gomez" inside it.
    """
    ranked = sorted(raws, key=lambda r: (not r.from_gazetteer, r.span.begin - r.span.end))
    kept: list[RawMention] = []
    for raw in ranked:
        if all(raw.span.end <= k.span.begin or k.span.end <= raw.span.begin for k in kept):
            kept.append(raw)
    return sorted(kept, key=lambda r: r.span.begin)
