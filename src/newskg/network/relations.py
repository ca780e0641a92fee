"""The relation kinds and node kinds of the actor network.

Each fact relation is read by one SPARQL query, ``queries/{name}.rq``. Edges point the way
the sentence reads: "Maria Gomez *holds office in* Ohio", "Reuters *reported* Jane Roe".

>>> RELATIONS["complained_about"].label
'complained about'
>>> relation_name("Holds office in")
'holds_office_in'
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "ACTOR_KINDS",
    "CO_MENTIONED",
    "FACT_RELATIONS",
    "NODE_KINDS",
    "RELATIONS",
    "Relation",
    "relation_name",
]


@dataclass(frozen=True)
class Relation:
    """One kind of edge.

    Attributes:
        name: as on the command line and as the edge key (``holds_office_in``).
        label: as tables show it ("holds office in").
        meaning: what the edge stands for, and which fact node it is read from.
        claim: the edge reports what someone said, not a fact the article asserts.
        weak: the edge only says two actors were named together.
    """

    name: str
    label: str
    meaning: str
    claim: bool = False
    weak: bool = False


_ALL = (
    Relation(
        "holds_office_in",
        "holds office in",
        "a person holds (or held) an office in an organization or state (org:Membership "
        "with opengov:post; the office title in `details`)",
    ),
    Relation(
        "member_of_party",
        "member of party",
        "a person belongs to a political party (org:Membership without an office)",
    ),
    Relation(
        "candidate_in",
        "candidate in",
        "a person runs in an election (nkg:Candidacy; the outcome in `details`)",
    ),
    Relation(
        "complained_about",
        "complained about",
        "a complainant against its respondent (nkg:Complaint: lawsuit, complaint, or "
        "request to investigate; the kind and allegation in `details`)",
    ),
    Relation(
        "complained_to",
        "complained to",
        "a complainant to the agency or court it addressed (schema:recipient)",
    ),
    Relation(
        "alleged_violation_of",
        "alleged violation of",
        "a complaint's respondent and the law it is said to have broken",
    ),
    Relation(
        "responded_to",
        "responded to request of",
        "an actor's response to a request, pointing at who asked (nkg:Response; the "
        "stance and request in `details`)",
    ),
    Relation(
        "claimed_about",
        "made claim about",
        "a claimant and what its claim is about (schema:Claim schema:about; the claim in "
        "`details`). A claim is reported, never asserted as fact",
        claim=True,
    ),
    Relation(
        "reported",
        "reported",
        "an outlet credited with reporting a claimant's claim (nkg:reportedBy)",
        claim=True,
    ),
    Relation(
        "co_mentioned",
        "named with",
        "two actors named in one sentence: a weak edge, off by default",
        weak=True,
    ),
)

RELATIONS: dict[str, Relation] = {r.name: r for r in _ALL}
"""Every relation by name, in the order tables list them."""

CO_MENTIONED = "co_mentioned"
FACT_RELATIONS: tuple[str, ...] = tuple(r.name for r in _ALL if not r.weak)
"""The relations read from fact nodes (every relation but the weak co-mention)."""

NODE_KINDS: tuple[str, ...] = ("person", "organization", "state", "election", "law")
ACTOR_KINDS: tuple[str, ...] = ("person", "organization", "state")
"""The node kinds of the network unless asked otherwise; elections and laws are optional."""


def relation_name(text: str) -> str:
    """The relation's name for a way of writing it: any case, spaces or dashes, or its label.

    Returns ``text`` folded (``holds_office_in``) whether or not it names a relation.
    """
    folded = "_".join(text.strip().casefold().replace("-", " ").replace("_", " ").split())
    for relation in _ALL:
        if folded == relation.label.replace(" ", "_"):
            return relation.name
    return folded
