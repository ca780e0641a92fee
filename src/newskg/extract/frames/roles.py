"""The `roles` frame: who holds (or held) which office, in which body or state.

Offices are read from the words around each person mention, driven by data: title words
(``lexicons/roles_titles.tsv`` over ``gazetteer/titles.tsv``) and heading clauses
(``lexicons/roles_heads.tsv``). The patterns:

- a title before the name: "Kansas Secretary of State X", "DOJ spokeswoman X",
  "Democratic Sens. A, B and C"; a body, state or possessor in front of the title, or
  named after it ("vice chair of the commission"), is the organization;
- a title phrase and a comma before the name: "The commission's vice chair, X";
- an appositive: "X, Maryland's elections administrator", "X, a former school board
  member", "X, who is the chair of Y", "X, who heads Y"; "(R-Texas)" gives the state;
- a passive heading clause: "the commission, headed by Vice President X";
- a predicate noun: "X is the founder of Y" (not "X is not ..." or "X would be ...").

The reading itself (:mod:`._reading`, over :mod:`._descriptions` and :mod:`._titles`)
also finds the party words of each description for :mod:`.parties`; both frames share
one reading per doc.
"""

from __future__ import annotations

from collections import Counter

from ...model import Entity, EntityType, Role
from .. import FrameContext, Frames, register_frame
from ._reading import Tie, read

__all__ = ["extract_roles"]


@register_frame("roles")
def extract_roles(ctx: FrameContext, out: Frames) -> None:
    """Append a :class:`~newskg.model.Role` for each office the text gives a person.

    The descriptions of one person that name one office (in any written variant) merge
    into one role, with the body named most often and up to three evidence spans; the
    role is former only if every description says so.

    Args:
        ctx: the article, its parse and its entities.
        out: the facts found so far; roles are appended to ``out.roles``.
    """
    reading = read(ctx)
    groups: dict[tuple[str, str], list[Tie]] = {}
    for tie in reading.ties:
        d = tie.description
        party = d.org is not None and d.org.type is EntityType.POLITICAL_PARTY
        if d.head == "title" and d.office and not (party and d.office == "member"):
            key = (tie.person.key, reading.lex.canonical.get(d.office, d.office))
            groups.setdefault(key, []).append(tie)
    for ties in groups.values():
        bodies = [t.description.org for t in ties]
        orgs = Counter(b.key for b in bodies if b is not None and _is_body(b))
        common = orgs.most_common(1)[0][0] if orgs else None
        # One role per body the text names; a mention naming none goes with the commonest.
        for org in orgs or [None]:
            own = [
                t
                for t, b in zip(ties, bodies, strict=True)
                if (b.key if b is not None and _is_body(b) else common) == org
            ]
            spans = tuple(s for t in own[:3] for s in reading.evidence(t.first, t.last))
            out.roles.append(
                Role(
                    own[0].person.key,
                    own[0].description.office,
                    org,
                    spans,
                    max(t.confidence for t in own),
                    all(t.description.former for t in own),
                )
            )


def _is_body(entity: Entity) -> bool:
    return entity.type.is_organization or entity.type is EntityType.STATE
