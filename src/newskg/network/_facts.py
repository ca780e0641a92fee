"""The fact relations' joins of a pass over a graph file, as ``queries/*.rq`` join.

Each relation's facts are records of one class (:attr:`Rows.typed`); a fact gives rows
when it has both ends and evidence: a mention it was derived from, with a sentence,
a begin and an article. The SPARQL expressions of the queries (``CONCAT``,
``COALESCE``, ``IF``) are spelled out in :func:`_concat`, :func:`_office` and
:func:`_truth`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import product
from typing import Any, NamedTuple

from ._stream import (
    _NKG,
    _OPENGOV,
    _ORG,
    _RDF,
    _SCHEMA,
    _SKOS,
    _XSD,
    BEGIN,
    CANDIDACY,
    CLAIM,
    COMPLAINT,
    CONFIDENCE,
    CONTEXT,
    DERIVED_FROM,
    LABEL,
    MEMBERSHIP,
    RESPONSE,
    SENTENCE,
    Record,
    Rows,
    Table,
    _all,
    _Many,
)

__all__ = ["fact_table"]

# A fact relation's row as read.Assertion takes it: relation, source, target, fact,
# article, sentence, begin, confidence, detail.
Fact = tuple[str, str, str, str, str, str, int, float, str]
# A fact's evidence, as text: confidence, article, sentence, begin.
Evidence = tuple[str, str, str, str]

_KINDS = {
    f"{_NKG}Lawsuit": "lawsuit",
    f"{_NKG}FormalComplaint": "complaint",
    f"{_NKG}InvestigationRequest": "investigation request",
}
_STANCES = {
    f"{_NKG}Refused": "refused",
    f"{_NKG}Complied": "complied",
    f"{_NKG}PartiallyComplied": "partially complied",
    f"{_NKG}Undecided": "undecided",
}
_OUTCOMES = {f"{_NKG}Won": "won", f"{_NKG}Lost": "lost"}
_STRING_TYPES = (f"{_XSD}string", f"{_RDF}langString")


def _place(seen: Rows, graph: str, mention: str) -> list[tuple[str, str, str]]:
    """(article, sentence, begin) of a mention; no sentence is no row (facts)."""
    record = seen.records.get((graph, mention))
    if record is not None:
        text, begin, where = record.get(SENTENCE), record.get(BEGIN), record.get(CONTEXT)
        if type(text) is str and type(begin) is str and type(where) is str:
            return [(article, text, begin) for article in seen.article_ids(graph, where)]
    # Any of them missing or several: one row per combination.
    return [
        (article, text, begin)
        for text, begin, where in product(
            _all(record, SENTENCE), _all(record, BEGIN), _all(record, CONTEXT)
        )
        for article in seen.article_ids(graph, where)
    ]


def _evidence(seen: Rows, graph: str, record: Record) -> list[Evidence]:
    """(confidence, article, sentence, begin) of a fact: its derivations' mentions."""
    mention, confidence = record.get(DERIVED_FROM), record.get(CONFIDENCE)
    if type(mention) is str and type(confidence) is str:
        return [(confidence, *where) for where in _place(seen, graph, mention)]
    return [
        (confidence, *where)
        for mention in _all(record, DERIVED_FROM)
        for confidence in _all(record, CONFIDENCE)
        for where in _place(seen, graph, mention)
    ]


def fact_table(seen: Rows, relation: str) -> Table:
    """The rows of ``queries/RELATION.rq``: each fact's ends, details and evidence."""
    cls, source, target, rows_of = _SHAPES[relation]
    table = Table(seen.part)
    for (graph, iri), record in seen.typed[cls]:
        s, t = record.get(source), record.get(target)
        if s is None or t is None:
            continue
        evidence = _evidence(seen, graph, record)
        if not evidence:
            continue
        fact = _Joined(relation, graph, iri, record, evidence)
        if type(s) is _Many or type(t) is _Many:
            for ends in product(_all(record, source), _all(record, target)):
                table.add(record, rows_of(seen, fact, *ends))
        else:
            table.add(record, rows_of(seen, fact, s, t))
    return table


def _rows(
    seen: Rows, fact: _Joined, source: str, target: str, details: Sequence[str]
) -> list[Fact]:
    """One row per detail and piece of evidence."""
    relation, iri, names = fact.relation, fact.iri, seen.names
    source, target = names.setdefault(source, source), names.setdefault(target, target)
    return [
        (relation, source, target, iri, article, text, int(begin), float(confidence), detail)
        for detail in details
        for confidence, article, text, begin in fact.evidence
    ]


def _holds_office_in(seen: Rows, fact: _Joined, source: str, post: str) -> list[Fact]:
    at = seen.records.get((fact.graph, post))
    titles = _all(at, f"{_SKOS}prefLabel") or (None,)
    former = _all(fact.record, f"{_NKG}former") or (None,)
    details = [_office(title, was) for title, was in product(titles, former)]
    rows = []
    for target in (*_all(at, f"{_ORG}postIn"), *_all(at, f"{_OPENGOV}area")):
        rows += _rows(seen, fact, source, target, details)
    return rows


def _member_of_party(seen: Rows, fact: _Joined, source: str, target: str) -> list[Fact]:
    if f"{_OPENGOV}post" in fact.record:
        return []
    return _rows(seen, fact, source, target, ("",))


def _candidate_in(seen: Rows, fact: _Joined, source: str, target: str) -> list[Fact]:
    outcomes = _all(fact.record, f"{_NKG}outcome")
    said = [_OUTCOMES[r] for r in outcomes if r in _OUTCOMES] or [""]
    return _rows(seen, fact, source, target, said)


def _complaint(seen: Rows, fact: _Joined, source: str, target: str) -> list[Fact]:
    shape = "by" if fact.relation == "alleged_violation_of" else "law"
    rows = []
    for kind in _all(fact.record, f"{_NKG}complaintKind"):
        if kind in _KINDS:
            details = _complaint_details(seen, fact, _KINDS[kind], shape)
            rows += _rows(seen, fact, source, target, details)
    return rows


def _labels(seen: Rows, graph: str, nodes: Sequence[str]) -> list[Any]:
    return [label for n in nodes for label in _all(seen.records.get((graph, n)), LABEL)]


def _complaint_details(seen: Rows, fact: _Joined, kind: str, shape: str) -> list[str]:
    if shape == "by":
        named = _labels(seen, fact.graph, _all(fact.record, f"{_SCHEMA}agent"))
        return [_concat(kind, " by ", by) for by in named] or [kind]
    laws = _labels(seen, fact.graph, _all(fact.record, f"{_NKG}allegedViolationOf"))
    wrongs = _all(fact.record, f"{_NKG}allegation") or (None,)
    return [
        _concat(kind, ": ", law if law is not None else wrong)
        for law, wrong in product(laws or [None], wrongs)
    ]


def _responded_to(seen: Rows, fact: _Joined, source: str, request: str) -> list[Fact]:
    asking = seen.records.get((fact.graph, request))
    rows = []
    for status, target in product(
        _all(fact.record, f"{_NKG}responseStatus"), _all(asking, f"{_SCHEMA}agent")
    ):
        if status not in _STANCES:
            continue
        stance = _STANCES[status]
        details = [_concat(stance, " ", a) for a in _all(asking, LABEL)] or [stance]
        rows += _rows(seen, fact, source, target, details)
    return rows


def _claim(seen: Rows, fact: _Joined, source: str, target: str) -> list[Fact]:
    said = [str(term.value) for term in _all(fact.record, f"{_SCHEMA}text")] or [""]
    return _rows(seen, fact, source, target, said)


class _Joined(NamedTuple):
    """A fact with evidence, as the relations' methods take it."""

    relation: str
    graph: str
    iri: str
    record: Record
    evidence: list[Evidence]


def _is_string(term: Any) -> bool:
    import pyoxigraph

    return isinstance(term, pyoxigraph.Literal) and term.datatype.value in _STRING_TYPES


def _concat(head: str, joint: str, term: Any) -> str:
    """``COALESCE(CONCAT(head, joint, term), head)``: a term that is not a string is an
    error, which COALESCE skips."""
    return f"{head}{joint}{term.value}" if _is_string(term) else head


def _office(title: Any, former: Any) -> str:
    """``IF(COALESCE(?former, false), CONCAT("former ", ?title), ?title)``, the title
    being ``COALESCE(?office, "")``; an error (a title that is not a string) leaves the
    detail unbound, read as ""."""
    if title is None:
        text, ok = "", True
    else:
        text, ok = str(title.value), _is_string(title)
    flag = _truth(former)
    if flag is None:
        return ""
    if not flag:
        return text
    return f"former {text}" if ok else ""


def _truth(term: Any) -> bool | None:
    """SPARQL's effective boolean value of a term (None: an error)."""
    import pyoxigraph

    if term is None:
        return False
    if not isinstance(term, pyoxigraph.Literal):
        return None
    kind, text = term.datatype.value, term.value
    if kind == f"{_XSD}boolean":
        return text in ("true", "1")
    if kind in _STRING_TYPES:
        return bool(text)
    numeric = ("integer", "decimal", "double", "float", "int", "long", "short", "byte")
    if kind.startswith(_XSD) and kind[len(_XSD) :].endswith(numeric):
        try:
            number = float(text)
        except ValueError:
            return False
        return number == number and number != 0
    return None


_SHAPES: dict[str, tuple[str, str, str, Callable[[Rows, _Joined, str, str], list[Fact]]]] = {
    "holds_office_in": (MEMBERSHIP, f"{_ORG}member", f"{_OPENGOV}post", _holds_office_in),
    "member_of_party": (MEMBERSHIP, f"{_ORG}member", f"{_ORG}organization", _member_of_party),
    "candidate_in": (CANDIDACY, f"{_NKG}candidate", f"{_NKG}election", _candidate_in),
    "complained_about": (COMPLAINT, f"{_SCHEMA}agent", f"{_NKG}respondent", _complaint),
    "complained_to": (COMPLAINT, f"{_SCHEMA}agent", f"{_SCHEMA}recipient", _complaint),
    "alleged_violation_of": (
        COMPLAINT,
        f"{_NKG}respondent",
        f"{_NKG}allegedViolationOf",
        _complaint,
    ),
    "responded_to": (RESPONSE, f"{_SCHEMA}agent", f"{_NKG}inResponseTo", _responded_to),
    "claimed_about": (CLAIM, f"{_SCHEMA}author", f"{_SCHEMA}about", _claim),
    "reported": (CLAIM, f"{_NKG}reportedBy", f"{_SCHEMA}author", _claim),
}
"""Each fact relation: the class of its facts, their source and target predicates, and
the method giving a fact's rows."""
