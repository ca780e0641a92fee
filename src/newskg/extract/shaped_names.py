"""Organization and law names found by their shape, where the statistical NER cannot see
them whole.

The gazetteer runs before the NER, so a state inside a name ("Ohio Ethics Commission")
is claimed as a State and the NER only sees the rest. These rules put such names back
together, and catch the shapes of names that no list can hold:

- a state or county followed by capitalised words that end in an organization's head
  noun (``org_kinds.tsv``): "Ohio Ethics Commission", "Kansas Bureau of Investigation",
  "Lake County Board of Elections", "the Utah Secretary of State's office";
- campaign committees and PACs: "Ruiz for Congress", "Gomez for Ohio", "Prairie Future PAC";
- laws by their last word: "Clean Rivers Accountability Act", "Texas Election Code",
  "Springfield City Charter".

Each is as sure as a gazetteer name, so it wins over the shorter mentions inside it.
"""

from __future__ import annotations

import bisect
import re
from functools import cache
from typing import TYPE_CHECKING

from ..gazetteer import state_entries
from ..model import EntityType, Span
from .mentions import RawMention, span_of
from .orgkinds import org_keywords, org_kind

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["race_chambers_to_states", "shaped_names"]

_CONNECTORS = frozenset({"of", "for", "and", "&", "on", "the"})
_POSSESSIVE = frozenset({"'s", "’s"})
_EXTRA_HEADS = frozenset({"pac"})
# "the Ohio Senate race" is the race for a seat in Congress, not the state's senate.
_ELECTION_NOUNS = frozenset(
    {"race", "seat", "primary", "candidate", "nominee", "contest", "runoff", "hopeful", "bid"}
)
_OFFICES = r"(?:Congress|Senate|Governor|Mayor|President|America|Council|Sheriff|Judge)"
_LEADING_ARTICLE = re.compile(r"^(?:The|A|An) ")


def shaped_names(doc: Doc) -> list[RawMention]:
    """Mentions of bodies, committees and laws named by the shapes above."""
    return (
        _place_bodies(doc)
        + _state_led_names(doc)
        + _committees(doc)
        + _laws(doc)
        + _state_affiliates(doc)
    )


def _state_led_names(doc: Doc) -> list[RawMention]:
    """A state the gazetteer took from the front of a name the NER saw the rest of:
    "Ohio" + "Manufacturers Council" is "Ohio Manufacturers Council"."""
    states = {e.end: e for e in doc.ents if e.label_ == EntityType.STATE.value}
    found = []
    for ent in doc.ents:
        state = states.get(ent.start)
        if ent.label_ != "ORG" or state is None or doc[ent.start - 1].whitespace_ != " ":
            continue
        span = span_of(doc, state.start, ent.end)
        if span is not None and span.text[-1:].isalnum():
            found.append(_mention(span.text, span, org_kind(span.text)))
    return found


_AFFILIATE_KINDS = frozenset({EntityType.ADVOCACY_GROUP.value, EntityType.POLITICAL_PARTY.value})


def _state_affiliates(doc: Doc) -> list[RawMention]:
    """A group's or party's state branch: "the Civil Liberties Union of Ohio", "the
    Democratic Party of Ohio", and for groups "Common Cause Ohio"."""
    states = {e.start: e for e in doc.ents if e.label_ == EntityType.STATE.value}
    found = []
    for ent in doc.ents:
        if ent.label_ not in _AFFILIATE_KINDS:
            continue
        state = states.get(ent.end)
        if state is None and ent.end < len(doc) and doc[ent.end].lower_ == "of":
            state = states.get(ent.end + 1)
        elif state is not None and ent.label_ != EntityType.ADVOCACY_GROUP.value:
            state = None  # "the Republican Party Ohio voters chose" is no party's name
        span = span_of(doc, ent.start, state.end) if state is not None else None
        if span is not None:
            name = _LEADING_ARTICLE.sub("", span.text)
            found.append(_mention(name, span, EntityType(ent.label_)))
    return found


def _is_head(token: Token) -> bool:
    word = token.text.casefold()
    return token.is_title and (word in org_keywords() or word in _EXTRA_HEADS)


def _place_starts(doc: Doc) -> dict[int, int]:
    """Token index where a place name starts -> where it ends: states and "X County"."""
    starts = {e.start: e.end for e in doc.ents if e.label_ == EntityType.STATE.value}
    for token in doc[:-1]:
        following = doc[token.i + 1]
        if (
            token.pos_ == "PROPN"
            and token.is_title
            and following.text in {"County", "Parish", "City", "Township", "Borough"}
        ):
            starts.setdefault(token.i, token.i + 2)
    return starts


def _place_bodies(doc: Doc) -> list[RawMention]:
    found = []
    for start, end in _place_starts(doc).items():
        last_head = None
        i = end
        while i < len(doc):
            token = doc[i]
            if token.is_title and not token.is_sent_start:
                if _is_head(token):
                    last_head = i
            elif token.text in _POSSESSIVE and i + 1 < len(doc) and doc[i + 1].lower_ == "office":
                last_head = i + 1
                break
            elif token.lower_ not in _CONNECTORS or (
                doc[i - 1].lower_ in _CONNECTORS and doc[i - 1 : i + 1].text.lower() != "of the"
            ):
                break
            i += 1
        if last_head is None:
            continue
        after = doc[last_head + 1] if last_head + 1 < len(doc) else None
        if after is not None and after.lower_ in _ELECTION_NOUNS:
            continue
        kind = org_keywords().get(doc[last_head].lower_, EntityType.ORGANIZATION)
        end = last_head + 1
        if doc[last_head].is_title:  # "the state's office on Monday" takes no complement
            end = _complement_end(doc, end)
        span = span_of(doc, start, end)
        if span is not None:
            found.append(_mention(span.text, span, kind))
    return found


def _complement_end(doc: Doc, i: int) -> int:
    """Past the complement of a head noun: "Bureau *of Investigation*", "Department *of
    the Treasury*"; ``i`` when there is none."""
    j = i
    if j < len(doc) and doc[j].lower_ in {"of", "for", "on"}:
        j += 1
        if j < len(doc) and doc[j].lower_ == "the":
            j += 1
        words = j
        while j < len(doc) and doc[j].is_title and doc[j].pos_ in {"PROPN", "NOUN", "ADJ"}:
            j += 1
        if j > words:
            return j
    return i


@cache
def _committee_pattern() -> re.Pattern[str]:
    states = "|".join(sorted((re.escape(e.name) for e in state_entries()), key=len, reverse=True))
    word = r"[A-Z][\w'’&.-]*"
    return re.compile(
        rf"\b{word} for (?:{states}|{_OFFICES})\b"
        rf"|\b(?:{word} ){{1,4}}(?:Super PAC|PAC|Political Action Committee)\b"
    )


def _committees(doc: Doc) -> list[RawMention]:
    found = _by_pattern(doc, _committee_pattern(), EntityType.ORGANIZATION)
    return [m for m in found if not _continues_a_name(doc, m)]


def _continues_a_name(doc: Doc, mention: RawMention) -> bool:
    """ "Concerned Veterans for America": the match is the tail of a longer name."""
    span = doc.char_span(mention.span.begin, mention.span.end, alignment_mode="expand")
    if span is None or span.start == 0:
        return False
    before = doc[span.start - 1]
    return before.is_title and not before.is_sent_start


_LAW = re.compile(
    r"\b(?:[A-Z][\w'’-]*\s(?:(?:of|and|for|on|the|to|in)\s)?){1,7}(?:Act|Code|Charter)\b"
)


def _laws(doc: Doc) -> list[RawMention]:
    return _by_pattern(doc, _LAW, EntityType.LAW)


def _by_pattern(doc: Doc, pattern: re.Pattern[str], kind: EntityType) -> list[RawMention]:
    found = []
    for match in pattern.finditer(doc.text):
        text = _LEADING_ARTICLE.sub("", match.group())
        begin = match.end() - len(text)
        if " " not in text:
            continue
        tokens = doc.char_span(begin, match.end(), alignment_mode="strict")
        if tokens is None:
            continue
        span = span_of(doc, tokens.start, tokens.end)
        if span is not None:
            found.append(_mention(text, span, kind))
    return found


def _mention(name: str, span: Span, kind: EntityType) -> RawMention:
    return RawMention(span, kind, name, from_gazetteer=True)


def race_chambers_to_states(doc: Doc, raws: list[RawMention]) -> list[RawMention]:
    """ "the Ohio Senate race", "Ohio House candidate": the state, not its chamber.

    Reporters name a state's seat in Congress this way; a state chamber is then the wrong
    body, so the mention becomes the state's (the election is read from the phrase)."""
    states = {e.name for e in state_entries()}
    starts: list[int] = []  # token offsets, read only if some mention needs them
    out = []
    for raw in raws:
        words = raw.span.text.split()
        if (
            raw.type is EntityType.GOVERNMENT_BODY
            and words[-1] in {"Senate", "House"}
            and " ".join(words[:-1]) in states
            and _next_word(doc, starts or (starts := [t.idx for t in doc]), raw.span.end)
            in _ELECTION_NOUNS
        ):
            state = " ".join(words[:-1])
            where = Span(raw.span.begin, raw.span.begin + len(state), state, raw.span.sentence)
            raw = RawMention(where, EntityType.STATE, state, from_gazetteer=True)
        out.append(raw)
    return out


def _next_word(doc: Doc, starts: list[int], char: int) -> str:
    """The lower-case token that starts at or after ``char`` (``starts``: token offsets)."""
    i = bisect.bisect_left(starts, char)
    return doc[i].lower_ if i < len(doc) else ""
