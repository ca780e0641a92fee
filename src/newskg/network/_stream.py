"""Read a graph file in one streaming pass, without loading it into a store.

Loading a file into Oxigraph builds six indexes of every quad: on a generated graph of
11 million quads that alone takes over a minute, before the queries of
:mod:`newskg.network.read` run. The network needs a few dozen predicates joined in
fixed shapes, so this module parses the file once (Oxigraph's parser), keeps the objects
of those predicates by (graph, subject), and joins them in Python exactly as the
queries in ``queries/`` do: every pattern inside one named graph, one row per solution.
``tests/test_network.py`` checks that both readers give the same rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import product
from pathlib import Path
from typing import Any

from ..errors import GraphFileError
from ..graphio import format_for
from ..vocab import PREFIXES

__all__ = ["Rows", "read_rows"]

_RDF, _RDFS, _XSD = PREFIXES["rdf"], PREFIXES["rdfs"], PREFIXES["xsd"]
_SCHEMA, _NKG, _ORG = PREFIXES["schema"], PREFIXES["nkg"], PREFIXES["org"]
_OPENGOV, _NIF, _PROV = PREFIXES["opengov"], PREFIXES["nif"], PREFIXES["prov"]
_DCTERMS, _SKOS = PREFIXES["dcterms"], PREFIXES["skos"]

TYPE = f"{_RDF}type"
LABEL = f"{_RDFS}label"
ARTICLE = f"{_SCHEMA}NewsArticle"
ACTOR_CLASSES = frozenset(
    (
        f"{_SCHEMA}Person",
        f"{_ORG}Organization",
        f"{_SCHEMA}GovernmentOrganization",
        f"{_SCHEMA}NewsMediaOrganization",
        f"{_SCHEMA}PoliticalParty",
        f"{_SCHEMA}NGO",
        f"{_NKG}Court",
        f"{_SCHEMA}State",
        "http://dbpedia.org/ontology/Election",
        f"{_SCHEMA}Legislation",
    )
)
MEMBERSHIP, CANDIDACY = f"{_ORG}Membership", f"{_NKG}Candidacy"
COMPLAINT, RESPONSE, CLAIM = f"{_NKG}Complaint", f"{_NKG}Response", f"{_SCHEMA}Claim"
FACT_CLASSES = frozenset((MEMBERSHIP, CANDIDACY, COMPLAINT, RESPONSE, CLAIM))

# Predicates whose objects are kept as text (the join keys and the hot columns) ...
_VALUE_PREDICATES = (
    f"{_DCTERMS}identifier",
    f"{_NKG}refersTo",
    f"{_NIF}referenceContext",
    f"{_NIF}beginIndex",
    f"{_NKG}sentence",
    f"{_PROV}wasDerivedFrom",
    f"{_NKG}confidence",
    f"{_ORG}member",
    f"{_ORG}organization",
    f"{_OPENGOV}post",
    f"{_ORG}postIn",
    f"{_OPENGOV}area",
    f"{_NKG}candidate",
    f"{_NKG}election",
    f"{_NKG}outcome",
    f"{_SCHEMA}agent",
    f"{_NKG}respondent",
    f"{_SCHEMA}recipient",
    f"{_NKG}allegedViolationOf",
    f"{_NKG}complaintKind",
    f"{_NKG}inResponseTo",
    f"{_NKG}responseStatus",
    f"{_SCHEMA}author",
    f"{_SCHEMA}about",
    f"{_NKG}reportedBy",
)
# ... and those kept as terms: text built with CONCAT, where the term's type matters.
_TERM_PREDICATES = (
    LABEL,
    f"{_NKG}alias",
    f"{_SKOS}prefLabel",
    f"{_NKG}former",
    f"{_NKG}allegation",
    f"{_SCHEMA}text",
    f"{_SCHEMA}datePublished",
)

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

Key = tuple[str, str]  # (graph, subject)
# One relation row: source, target, fact, article, sentence, begin, confidence, detail.
Row = tuple[str, str, str, str, str, str, str, str]
Record = dict[str, Any]  # a subject's kept predicates and their objects, in one graph


class _Many(list[Any]):
    """Several objects of one predicate (one is kept bare: the common case)."""


def _all(record: Record | None, predicate: str) -> Sequence[Any]:
    if record is None:
        return ()
    value = record.get(predicate)
    if value is None:
        return ()
    return value if type(value) is _Many else (value,)


class Rows:
    """What one pass over a file found, joined into the rows the queries return.

    The pass keeps, per (graph, subject), a small record of the kept predicates: one
    look-up in the big table per run of quads about one subject, and one per subject
    when joining.
    """

    def __init__(self, quads: Iterable[Any]) -> None:
        wanted = dict.fromkeys(_VALUE_PREDICATES, False)
        wanted.update(dict.fromkeys(_TERM_PREDICATES, True))
        wanted[TYPE] = False
        records: dict[Key, Record] = {}
        last_subject, last_graph = "", ""
        record: Record = {}
        unnamed = False
        for quad in quads:
            predicate = quad.predicate.value
            as_term = wanted.get(predicate)
            if as_term is None:
                continue
            subject = quad.subject.value
            try:
                graph = quad.graph_name.value
            except AttributeError:  # the default graph
                graph, unnamed = "", True
            if subject != last_subject or graph != last_graph:
                key = (graph, subject)
                found = records.get(key)
                if found is None:
                    found = records[key] = {}
                record = found
                last_subject, last_graph = subject, graph
            value = quad.object if as_term else quad.object.value
            known = record.setdefault(predicate, value)
            if known is not value:
                if type(known) is _Many:
                    if value not in known:
                        known.append(value)
                elif known != value:
                    record[predicate] = _Many((known, value))
        self.records = records
        # A file with named graphs is read as the store reads it: the queries match inside
        # named graphs only. A triples-only file is one graph.
        if unnamed and any(graph for graph, _ in records):
            records = {k: r for k, r in records.items() if k[0]}
            self.records = records
        self.typed: dict[str, list[tuple[Key, Record]]] = {c: [] for c in FACT_CLASSES}
        self.articles_found: list[Record] = []
        self.actors_found: list[tuple[Key, Record, list[str]]] = []
        self.mentioning: list[tuple[Key, Record]] = []
        typed = self.typed
        refers = f"{_NKG}refersTo"
        for key, record in records.items():
            if refers in record:
                self.mentioning.append((key, record))
            classes: Any = record.get(TYPE)
            if classes is None:
                continue
            for cls in classes if type(classes) is _Many else (classes,):
                if cls in typed:
                    typed[cls].append((key, record))
                elif cls == ARTICLE:
                    self.articles_found.append(record)
            if type(classes) is _Many:
                kinds = sorted(c for c in classes if c in ACTOR_CLASSES)
            else:
                kinds = [classes] if classes in ACTOR_CLASSES else []
            if kinds:
                self.actors_found.append((key, record, kinds))
        self._places: dict[Key, list[tuple[str, str, str]]] = {}
        self._ids: dict[Key, Sequence[str]] = {}

    def articles(self) -> list[tuple[str, str]]:
        """(article id, date text) rows, as ``articles.rq``."""
        identifier, published = f"{_DCTERMS}identifier", f"{_SCHEMA}datePublished"
        rows = []
        for record in self.articles_found:
            dates = [str(t.value) for t in _all(record, published)] or [""]
            rows += [(article, d) for article in _all(record, identifier) for d in dates]
        return list(dict.fromkeys(rows))

    def actors(self) -> list[tuple[str, str, str, str]]:
        """(entity, class, label, alias) rows, distinct, as ``actors.rq``."""
        alias = f"{_NKG}alias"
        rows: dict[tuple[str, str, str, str], None] = {}
        for key, record, classes in self.actors_found:
            names = [str(t.value) for t in _all(record, LABEL)]
            others = [str(t.value) for t in _all(record, alias)] or [""]
            for cls, label, other in product(classes, names, others):
                rows[(key[1], cls, label, other)] = None
        return list(rows)

    def _article_ids(self, graph: str, context: str) -> Sequence[str]:
        key = (graph, context)
        found = self._ids.get(key)
        if found is None:
            found = self._ids[key] = _all(self.records.get(key), f"{_DCTERMS}identifier")
        return found

    def _place(self, key: Key, record: Record | None) -> list[tuple[str, str, str]]:
        """(article, sentence, begin) of a mention; no sentence is no row (facts)."""
        if record is None:
            return []
        article_ids = self._article_ids
        graph = key[0]
        return [
            (article, text, begin)
            for text, begin, context in product(
                _all(record, f"{_NKG}sentence"),
                _all(record, f"{_NIF}beginIndex"),
                _all(record, f"{_NIF}referenceContext"),
            )
            for article in article_ids(graph, context)
        ]

    def mentions(self) -> list[tuple[str, str, str, str]]:
        """(entity, article, sentence, begin) rows, as ``mentions.rq``."""
        refers, context, begin_index = (
            f"{_NKG}refersTo",
            f"{_NIF}referenceContext",
            (f"{_NIF}beginIndex"),
        )
        sentence = f"{_NKG}sentence"
        article_ids = self._article_ids
        rows = []
        for key, record in self.mentioning:
            entity, where, begin = record[refers], record.get(context), record.get(begin_index)
            text = record.get(sentence, "")
            if (
                type(entity) is not _Many
                and type(where) is str
                and type(begin) is str
                and type(text) is str
            ):
                ids = article_ids(key[0], where)
                if len(ids) == 1:
                    rows.append((entity, ids[0], text, begin))
                    continue
            # Any predicate with several objects: one row per combination.
            texts = _all(record, sentence) or ("",)
            for e, w, b, t in product(
                _all(record, refers), _all(record, context), _all(record, begin_index), texts
            ):
                rows += [(e, article, t, b) for article in article_ids(key[0], w)]
        return rows

    def _evidence(self, key: Key, record: Record) -> list[tuple[str, str, str, str]]:
        """(confidence, article, sentence, begin) of a fact: its derivations' mentions."""
        graph = key[0]
        records, places = self.records, self._places
        rows = []
        for mention in _all(record, f"{_PROV}wasDerivedFrom"):
            at = (graph, mention)
            found = places.get(at)
            if found is None:
                found = places[at] = self._place(at, records.get(at))
            for confidence in _all(record, f"{_NKG}confidence"):
                rows += [(confidence, *place) for place in found]
        return rows

    def relation(self, name: str) -> list[Row]:
        """The rows of ``queries/NAME.rq``."""
        return list(_RELATIONS[name](self))

    def _facts(
        self, cls: str, source: str, target: str
    ) -> Iterator[tuple[Key, Record, str, str, list[tuple[str, str, str, str]]]]:
        """Each fact of class ``cls`` with its source, target and evidence."""
        for key, record in self.typed[cls]:
            s, t = record.get(source), record.get(target)
            if s is None or t is None:
                continue
            if type(s) is _Many or type(t) is _Many:
                ends = list(product(_all(record, source), _all(record, target)))
            else:
                ends = [(s, t)]
            evidence = self._evidence(key, record)
            if evidence:
                for s, t in ends:
                    yield key, record, s, t, evidence

    def _holds_office_in(self) -> Iterator[Row]:
        records = self.records
        for key, record, source, post, evidence in self._facts(
            MEMBERSHIP, f"{_ORG}member", f"{_OPENGOV}post"
        ):
            at = records.get((key[0], post))
            targets = [*_all(at, f"{_ORG}postIn"), *_all(at, f"{_OPENGOV}area")]
            titles = _all(at, f"{_SKOS}prefLabel") or (None,)
            former = _all(record, f"{_NKG}former") or (None,)
            for target, title, was in product(targets, titles, former):
                detail = _office(title, was)
                for confidence, article, text, begin in evidence:
                    yield (source, target, key[1], article, text, begin, confidence, detail)

    def _member_of_party(self) -> Iterator[Row]:
        post = f"{_OPENGOV}post"
        for key, record, source, target, evidence in self._facts(
            MEMBERSHIP, f"{_ORG}member", f"{_ORG}organization"
        ):
            if post in record:
                continue
            for confidence, article, text, begin in evidence:
                yield (source, target, key[1], article, text, begin, confidence, "")

    def _candidate_in(self) -> Iterator[Row]:
        outcome = f"{_NKG}outcome"
        for key, record, source, target, evidence in self._facts(
            CANDIDACY, f"{_NKG}candidate", f"{_NKG}election"
        ):
            said = [_OUTCOMES[r] for r in _all(record, outcome) if r in _OUTCOMES] or [""]
            for detail, (confidence, article, text, begin) in product(said, evidence):
                yield (source, target, key[1], article, text, begin, confidence, detail)

    def _complaints(self, source: str, target: str, detail: str) -> Iterator[Row]:
        kind_of = f"{_NKG}complaintKind"
        for key, record, s, t, evidence in self._facts(COMPLAINT, source, target):
            for kind in _all(record, kind_of):
                if kind not in _KINDS:
                    continue
                for text in self._complaint_details(key, record, _KINDS[kind], detail):
                    for confidence, article, sentence, begin in evidence:
                        yield (s, t, key[1], article, sentence, begin, confidence, text)

    def _labels(self, graph: str, nodes: Sequence[str]) -> list[Any]:
        return [label for n in nodes for label in _all(self.records.get((graph, n)), LABEL)]

    def _complaint_details(self, key: Key, record: Record, kind: str, shape: str) -> list[str]:
        if shape == "by":
            named = self._labels(key[0], _all(record, f"{_SCHEMA}agent"))
            return [_concat(kind, " by ", by) for by in named] or [kind]
        laws = self._labels(key[0], _all(record, f"{_NKG}allegedViolationOf")) or [None]
        wrongs = _all(record, f"{_NKG}allegation") or (None,)
        return [
            _concat(kind, ": ", law if law is not None else wrong)
            for law, wrong in product(laws, wrongs)
        ]

    def _responded_to(self) -> Iterator[Row]:
        records = self.records
        for key, record, source, request, evidence in self._facts(
            RESPONSE, f"{_SCHEMA}agent", f"{_NKG}inResponseTo"
        ):
            asking = records.get((key[0], request))
            statuses = _all(record, f"{_NKG}responseStatus")
            for status, target in product(statuses, _all(asking, f"{_SCHEMA}agent")):
                if status not in _STANCES:
                    continue
                stance = _STANCES[status]
                asked = _all(asking, LABEL)
                details = [_concat(stance, " ", a) for a in asked] or [stance]
                for detail, (confidence, article, text, begin) in product(details, evidence):
                    yield (source, target, key[1], article, text, begin, confidence, detail)

    def _claims(self, source: str, target: str) -> Iterator[Row]:
        text_of = f"{_SCHEMA}text"
        for key, record, s, t, evidence in self._facts(CLAIM, source, target):
            said = [str(term.value) for term in _all(record, text_of)] or [""]
            for detail, (confidence, article, text, begin) in product(said, evidence):
                yield (s, t, key[1], article, text, begin, confidence, detail)


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


_RELATIONS: dict[str, Callable[[Rows], Iterator[Row]]] = {
    "holds_office_in": Rows._holds_office_in,
    "member_of_party": Rows._member_of_party,
    "candidate_in": Rows._candidate_in,
    "complained_about": lambda r: r._complaints(f"{_SCHEMA}agent", f"{_NKG}respondent", "law"),
    "complained_to": lambda r: r._complaints(f"{_SCHEMA}agent", f"{_SCHEMA}recipient", "law"),
    "alleged_violation_of": lambda r: r._complaints(
        f"{_NKG}respondent", f"{_NKG}allegedViolationOf", "by"
    ),
    "responded_to": Rows._responded_to,
    "claimed_about": lambda r: r._claims(f"{_SCHEMA}author", f"{_SCHEMA}about"),
    "reported": lambda r: r._claims(f"{_NKG}reportedBy", f"{_SCHEMA}author"),
}


def read_rows(path: Path | str) -> Rows:
    """Parse a graph file in one pass.

    Raises:
        GraphFileError: the file is not valid RDF in the format its suffix names.
    """
    import pyoxigraph

    p = Path(path)
    fmt = format_for(p)
    try:
        quads = pyoxigraph.parse(
            path=str(p), format=getattr(pyoxigraph.RdfFormat, fmt.oxigraph), lenient=True
        )
        return Rows(quads)
    except (SyntaxError, ValueError, OSError) as err:
        raise GraphFileError(
            f"{p}: not valid {fmt.name} ({err}); rebuild it with `newskg build`"
        ) from err
