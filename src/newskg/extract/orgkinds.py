"""Guess the kind of an organization the gazetteer does not know, from its words.

The keyword table is data (``data/lexicons/org_kinds.tsv``): the last word that matches
decides, because English puts the head noun last ("Senate Judiciary Committee").
"""

from __future__ import annotations

import re
from functools import cache

from ..gazetteer import read_tsv
from ..model import EntityType
from ..resources import data_path

__all__ = ["org_keywords", "org_kind"]

_COMPLEMENT_START = frozenset({"of", "for", "on", "under", "to", "in"})
# A US broadcaster's call sign: "KXYZ", "WXYZ-TV", "KOB-TV".
_CALL_SIGN = re.compile(r"^[KW](?:[A-Z]{3}(?:-(?:TV|FM|AM|DT))?|[A-Z]{2}-(?:TV|FM|AM|DT))$")


@cache
def org_keywords() -> dict[str, EntityType]:
    """Head words of organization names (lower case) and the kind each tells."""
    path = data_path("lexicons", "org_kinds.tsv")
    return {row["word"].casefold(): EntityType(row["type"]) for row in read_tsv(path)}


def org_kind(name: str) -> EntityType:
    """The most likely organization type for a name ("... Court" is a Court).

    >>> org_kind("Commonwealth Court")
    <EntityType.COURT: 'Court'>
    >>> org_kind("Acme Widgets")
    <EntityType.ORGANIZATION: 'Organization'>
    """
    if _CALL_SIGN.match(name):
        return EntityType.NEWS_OUTLET
    keywords = org_keywords()
    words = [w.strip(".,'’").casefold() for w in name.split()]
    # The head noun comes before a complement: "Department of Justice", "Center for ...".
    for i, word in enumerate(words):
        if word in _COMPLEMENT_START and i > 0:
            words = words[:i]
            break
    for word in reversed(words):
        if word in keywords:
            return keywords[word]
    return EntityType.ORGANIZATION
