"""The reading of a doc: every description the text ties to a person mention.

The roles and parties frames share one :class:`Reading` per doc (:func:`read`): roles
take the offices of its ties, parties their party words.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ...model import Entity
from ._descriptions import CLOSERS, Description, DescriptionReader
from ._titles import TITLE_KINDS, Lexicon, lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .. import FrameContext
    from ..entities import EntityIndex

__all__ = ["Reading", "Tie", "read"]


@dataclass(frozen=True)
class Tie:
    """A description the text ties to a person; ``first``..``last`` are its evidence."""

    person: Entity
    description: Description
    first: int
    last: int
    confidence: float


class Reading(DescriptionReader):
    """Every description the text ties to a person mention, read once per doc."""

    def __init__(self, doc: Doc, index: EntityIndex, lex: Lexicon):
        super().__init__(doc, index, lex)
        self.ties: list[Tie] = []
        self._read_persons()

    def _read_persons(self) -> None:
        doc = self.doc
        for start, end, person in self.persons:
            floor, stop = self.lo[start], self.hi[start]
            begin = self._after_inner_title(start, end, floor)
            found, state = self.right(end, stop)
            d = self.left(begin, floor)
            listed = d is None and (d := self._list_head(begin, floor)) is not None
            first = begin
            if d is not None:
                if state is not None and d.head == "title" and d.org is None:
                    d = replace(d, org=state)
                upper = any(t.text[:1].isupper() for t in doc[d.start : d.end])
                self._tie(person, d, d.start, end, 0.9 if upper else 0.8)
                first = begin if listed else d.start
            after = self.fwd(end, stop)
            closed = after >= stop or doc[after].text in CLOSERS or doc[after].text == "("
            for _ in range(2 if closed else 0):  # "The committee's chair, state Sen. X,"
                d2 = self._before_comma(first, floor)
                if d2 is None or not d2.opened:
                    break
                self._tie(person, d2, d2.start, end, 0.75)
                first = d2.start
            headed = self._headed_by(first, floor)
            if headed is not None:
                self._tie(person, headed[0], headed[1], end, 0.65)
            for d3, after, confidence in found:
                self._tie(person, d3, start, after, confidence)
            said = self._predicate(start, end, stop)
            if said is not None:
                self._tie(person, said[0], start, said[1], 0.7)

    def _after_inner_title(self, start: int, end: int, floor: int) -> int:
        """Where the name starts after a title the mention holds ("Gov Jane Roe"). After
        another title, a title word that leaves one name is a first name: "Sen. Dean Roe"."""
        inner = self.starts.get(start)
        if not inner or inner[1].kind not in TITLE_KINDS or inner[0] >= end:
            return start
        if end - inner[0] < 2 and self.left(start, floor) is not None:
            return start
        return inner[0]

    def _tie(self, person: Entity, d: Description, first: int, end: int, conf: float) -> None:
        self.ties.append(Tie(person, d, first, max(first, end - 1), conf))


_LAST: list[Reading] = []


def read(ctx: FrameContext) -> Reading:
    """The reading of the context's doc, made once and shared by the roles and parties frames."""
    if not (_LAST and _LAST[0].doc is ctx.doc and _LAST[0].index is ctx.index):
        _LAST[:] = [Reading(ctx.doc, ctx.index, lexicon())]
    return _LAST[0]
