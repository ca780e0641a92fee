"""The colours of the actor network, shared by the web page and the static pictures.

Node kinds take the Okabe-Ito colours, which stay apart for colour-blind readers; edge
relations take darker or greyer tones so a line never reads as a node. Every drawing
asks this module, so a person is the same blue on the page and in a PNG.

>>> kind_color("person")
'#0072b2'
>>> relation_color("no such relation")
'#888888'
"""

from __future__ import annotations

__all__ = ["FALLBACK_COLOR", "KIND_COLORS", "RELATION_COLORS", "kind_color", "relation_color"]

FALLBACK_COLOR = "#888888"
"""The colour of a kind or relation this palette does not know."""

KIND_COLORS: dict[str, str] = {
    "person": "#0072b2",
    "organization": "#e69f00",
    "state": "#009e73",
    "election": "#cc79a7",
    "law": "#d55e00",
}
"""Node fill colour by kind (``newskg.network.NODE_KINDS``)."""

RELATION_COLORS: dict[str, str] = {
    "holds_office_in": "#1f5f8b",
    "member_of_party": "#8c564b",
    "candidate_in": "#7b3294",
    "complained_about": "#c0392b",
    "complained_to": "#e377c2",
    "alleged_violation_of": "#a0522d",
    "responded_to": "#2e8b57",
    "claimed_about": "#7f7f7f",
    "reported": "#17becf",
    "co_mentioned": "#c7c7c7",
}
"""Edge colour by relation name (``newskg.network.RELATIONS``)."""


def kind_color(kind: str) -> str:
    """The fill colour of a node kind (grey for an unknown kind)."""
    return KIND_COLORS.get(kind, FALLBACK_COLOR)


def relation_color(relation: str) -> str:
    """The line colour of a relation (grey for an unknown relation)."""
    return RELATION_COLORS.get(relation, FALLBACK_COLOR)
