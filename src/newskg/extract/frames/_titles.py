"""Title words and where they stand in a doc: the lexicon the roles and parties frames read.

The lexicon is data: ``lexicons/roles_titles.tsv`` over the gazetteer's ``titles.tsv``,
with the heading clauses of ``lexicons/roles_heads.tsv``. :func:`match_titles` finds its
surfaces in a parsed doc, longest first, without cutting an entity mention.
"""

from __future__ import annotations

import re
from collections.abc import Container, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from ...gazetteer import read_tsv, titles
from ...resources import data_path

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ...model import Entity

__all__ = [
    "HEAD_KINDS",
    "TITLE_KINDS",
    "Entry",
    "Lexicon",
    "TitleMatches",
    "lexicon",
    "match_titles",
]

TITLE_KINDS = frozenset({"title", "titles"})
HEAD_KINDS = TITLE_KINDS | {"person", "persons"}


@dataclass(frozen=True)
class Entry:
    """A lexicon row: the office a surface names and its kind (see roles_titles.tsv)."""

    office: str
    kind: str


@dataclass(frozen=True)
class Lexicon:
    """Title surfaces, heading verbs, bodies headed by a chair, generic name words."""

    exact: dict[str, Entry]
    folded: dict[str, Entry]
    firsts: frozenset[str]
    longest: int
    verbs: dict[str, str]
    chaired: frozenset[str]
    canonical: dict[str, str]
    generic: frozenset[str]

    def lookup(self, surface: str) -> Entry | None:
        """The entry for a written surface: an exact row, else a case-insensitive one."""
        return self.exact.get(surface) or self.folded.get(surface.lower())


@cache
def lexicon() -> Lexicon:
    """The lexicon: roles_titles.tsv, then the gazetteer's titles.tsv, roles_heads.tsv."""
    folded = {
        r["surface"].lower(): Entry(r["office"], r["kind"])
        for r in read_tsv(data_path("lexicons", "roles_titles.tsv"))
    }
    exact: dict[str, Entry] = {}
    canonical: dict[str, str] = {}
    for surface, (office, kind) in titles().items():
        low = surface.lower()
        canonical.setdefault(low, office)
        # "Interior Secretary" -> "secretary of the interior": the body is read on its own.
        if low in folded or (" of " in f" {office} " and " of " not in f" {low} "):
            continue
        entry = Entry("", "skip") if kind == "honorific" else Entry(office, "title")
        if surface == low:
            folded[low] = entry
        else:
            exact[surface] = entry
    surfaces = [*folded, *(s.lower() for s in exact)]
    firsts = {
        v
        for s in surfaces
        for w in [s.split()[0]]
        for v in (w, w.rstrip("."), w.split("-")[0], w.split(".")[0])
    }
    heads = list(read_tsv(data_path("lexicons", "roles_heads.tsv")))
    verbs = {r["phrase"]: r["office"] for r in heads if r["kind"] == "verb"}
    chaired = frozenset(r["phrase"] for r in heads if r["kind"] == "body")
    generic = {r["word"] for r in read_tsv(data_path("lexicons", "org_kinds.tsv"))}
    generic |= {s for s, e in folded.items() if e.kind == "skip"}
    longest = max(len(re.findall(r"\w+|[^\w\s]", s)) for s in surfaces)
    return Lexicon(
        exact,
        folded,
        frozenset(firsts),
        min(longest, 8),
        verbs,
        chaired,
        canonical,
        frozenset(generic),
    )


@dataclass
class TitleMatches:
    """The lexicon surfaces found in a doc, by token.

    Attributes:
        starts: first token of a match -> (its end token, exclusive; its entry).
        ends: end token of a match -> (its first token; its entry).
        within: every token of a match -> the match's end token.
        embedded: first token of a title that ends a body's mention ("DOJ Special
            Counsel") -> the first token of that mention.
    """

    starts: dict[int, tuple[int, Entry]] = field(default_factory=dict)
    ends: dict[int, tuple[int, Entry]] = field(default_factory=dict)
    within: dict[int, int] = field(default_factory=dict)
    embedded: dict[int, int] = field(default_factory=dict)


def match_titles(
    doc: Doc,
    text: str,
    lex: Lexicon,
    cover: Mapping[int, Sequence[tuple[int, int, Entity]]],
    names: Container[str],
) -> TitleMatches:
    """Longest lexicon matches, left to right, that cut no entity mention.

    Args:
        doc: the parsed article.
        text: ``doc.text``, read once.
        lex: the lexicon to match.
        cover: token -> the mentions (first token, end token, entity) of non-person
            entities covering it.
        names: the names and aliases of the non-person entities.
    """
    found, n, i = TitleMatches(), len(doc), 0

    def free(start: int, end: int, entry: Entry) -> bool:
        """A title may hold a mention or end one ("DOJ Special Counsel"), not cut one."""
        embedded = None
        for k in range(start, end):
            for ms, me, _ in cover.get(k, ()):
                if (
                    entry.kind in TITLE_KINDS
                    and ms < start
                    and me == end
                    and doc[ms:start].text in names
                ):
                    embedded = ms
                elif not (start <= ms and me <= end):
                    return False
        if embedded is not None:
            found.embedded[start] = embedded
        return True

    while i < n:
        match = None
        if doc[i].lower_ in lex.firsts:
            for size in range(min(lex.longest, n - i), 0, -1):
                last = doc[i + size - 1]
                surface = " ".join(text[doc[i].idx : last.idx + len(last)].split())
                entry = lex.lookup(surface)
                if entry is not None and free(i, i + size, entry):
                    match = (i + size, entry)
                    break
        if match is None:
            i += 1
            continue
        found.starts[i], found.ends[match[0]] = match, (i, match[1])
        for k in range(i, match[0]):
            found.within[k] = match[0]
        i = match[0]
    return found
