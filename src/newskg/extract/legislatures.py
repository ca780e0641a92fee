"""A state's legislature and chambers where the article does not name the state with them.

- "the Legislature", "the state Senate", "the General Assembly": the body of the state
  just before ("Ohio's state Senate") or else of the state the article names most;
- a bare "Senate" or "House", which the gazetteer reads as the U.S. chamber: that state's
  chamber when the story names one state's chambers and never Congress.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING

from ..gazetteer import state_chambers
from ..model import EntityType
from .mentions import RawMention, drop_overlaps, span_of, taken_tokens

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["state_legislatures"]

_CONGRESS = frozenset(
    {"United States Senate", "United States House of Representatives", "United States Congress"}
)
_BARE_ROLES = {"Senate": "upper", "House": "lower", "Assembly": "lower"}
# A state's body named without the state: lower-case words before, the body's word last
# (capitalised, so "the state senate" of a quote about any state is left alone).
_HOME_WORDS = {
    ("legislature",): "legislature",
    ("general", "assembly"): "legislature",
    ("state", "senate"): "upper",
    ("state", "house"): "lower",
    ("state", "assembly"): "lower",
}
_FIRSTS = frozenset(words[0] for words in _HOME_WORDS)
# NER's own names for these phrases, which the home state's body replaces.
_HOME_NAMES = frozenset({"General Assembly", "Legislature", "State Senate", "State House"})


def state_legislatures(doc: Doc, raws: list[RawMention]) -> list[RawMention]:
    """``raws`` with the state bodies the article names without their state resolved."""
    # A bare "Senate" may be the end of "state Senate": the longer mention wins.
    kept = [r for r in raws if r.span.text not in _BARE_ROLES and r.name not in _HOME_NAMES]
    raws = drop_overlaps(raws + _home_bodies(doc, raws, taken_tokens(doc, kept)))
    return _bare_chambers_at_home(raws)


def _home_bodies(doc: Doc, raws: list[RawMention], taken: set[int]) -> list[RawMention]:
    """ "the Legislature", "the state Senate": the body of the state just before them or
    else of the state the article names most (ties: the first named)."""
    states = [r for r in raws if r.type is EntityType.STATE]
    counts = Counter(r.name for r in states)
    if not counts:
        return []
    home = max(counts, key=lambda name: counts[name])
    before = {r.span.end: r.name for r in states}
    bodies = {(state, role): name for name, (state, role) in state_chambers().items()}
    texts = [t.text for t in doc]
    found = []
    for i, first in enumerate(texts):
        if first.lower() not in _FIRSTS:
            continue
        for words, role in _HOME_WORDS.items():
            end = i + len(words)
            written = texts[i:end]
            if tuple(w.lower() for w in written) != words or not written[-1].istitle():
                continue
            if taken.intersection(range(i, end)):
                continue
            state = _state_before(doc, i, before) or home
            name = _general_assembly(state) if words == ("general", "assembly") else None
            name = name or bodies.get((state, role))
            span = span_of(doc, i, end)
            if span is not None and name is not None:
                found.append(RawMention(span, EntityType.GOVERNMENT_BODY, name, True))
    return found


def _bare_chambers_at_home(raws: list[RawMention]) -> list[RawMention]:
    """ "the Senate" in a story about one state's legislature is that state's senate."""
    chambers = state_chambers()
    states = {chambers[r.name][0] for r in raws if r.name in chambers}
    if len(states) != 1 or any(
        r.name in _CONGRESS and r.span.text not in _BARE_ROLES for r in raws
    ):
        return raws
    home = {role: n for n, (s, role) in chambers.items() if s in states and role != "legislature"}
    out = []
    for raw in raws:
        chamber = home.get(_BARE_ROLES.get(raw.span.text, ""))
        if chamber is not None:
            raw = replace(raw, name=chamber, type=EntityType.GOVERNMENT_BODY)
        out.append(raw)
    return out


def _general_assembly(state: str) -> str | None:
    """The state body named "General Assembly": its legislature, or New Jersey's lower
    house; None where neither is so named (then "the legislature" is meant)."""
    name = f"{state} General Assembly"
    return name if name in state_chambers() else None


def _state_before(doc: Doc, i: int, before: dict[int, str]) -> str | None:
    """The state named right before token ``i`` ("Ohio's state Senate"), if any."""
    j = i - 1
    if j >= 0 and doc[j].text in {"'s", "’s"}:
        j -= 1
    return before.get(doc[j].idx + len(doc[j].text)) if j >= 0 else None
