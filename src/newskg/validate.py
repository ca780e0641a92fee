"""Check newskg graphs against the SHACL shapes and report what is wrong, with evidence.

The shapes (``shapes/newskg.shapes.ttl``) are checked with pyshacl, one article graph at
a time, before the graph joins the store: Violations are faults in one article's graph,
Info results are completeness hints. The shapes of conflicts *between* articles (node
shapes of severity ``sh:Warning``) run once, on the union of the article graphs.

Each result names the article it came from and quotes an evidence sentence, so a
reader can see what the text said:

>>> from rdflib import Graph
>>> report = validate_graph(Graph())
>>> report.conforms, report.counts()[Severity.VIOLATION]
(True, 0)

Shapes and ontology are parsed once and reused (:mod:`newskg._shacl`); pyshacl is imported
only when something is validated.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from enum import StrEnum
from pathlib import Path
from urllib.parse import unquote

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from ._shacl import Prepared, copy_results, packaged_shapes, parse, path_text, prepare, run
from .vocab import DCTERMS, GRAPH, NIF, NKG, PROV, RDF, RDFS, SCHEMA, SKOS

__all__ = [
    "Severity",
    "ValidationReport",
    "ValidationResult",
    "combine_reports",
    "conflict_view",
    "format_json",
    "format_text",
    "format_turtle",
    "load_shapes",
    "validate_conflicts",
    "validate_dataset",
    "validate_graph",
]

_SHAPES_NS = "https://w3id.org/newskg/shapes#"
_LABELS = (RDFS.label, SKOS.prefLabel, NIF.anchorOf)


class Severity(StrEnum):
    """How serious a result is: the SHACL severity of the shape that produced it."""

    VIOLATION = "Violation"
    WARNING = "Warning"
    INFO = "Info"


_SEVERITY: dict[Node | None, Severity] = {
    SH.Violation: Severity.VIOLATION,
    SH.Warning: Severity.WARNING,
    SH.Info: Severity.INFO,
}
_RANK = {Severity.VIOLATION: 0, Severity.WARNING: 1, Severity.INFO: 2}


@dataclass(frozen=True)
class ValidationResult:
    """One ``sh:ValidationResult``, with what a reader needs to find the fault.

    Attributes:
        severity: Violation, Warning or Info.
        focus: IRI of the node the result is about.
        focus_label: its ``rdfs:label``, ``skos:prefLabel`` or ``nif:anchorOf``, if any.
        path: the property path checked: an IRI, or a SPARQL property path of ``<IRI>``s.
        value: the offending value (IRI or literal text), if the result names one.
        message: what is wrong, from the shape's ``sh:message``.
        shape: IRI of the shape that produced the result (its node shape's for a blank
            node shape).
        article: the ``dcterms:identifier`` of the article the result came from.
        sentence: an evidence sentence: the ``nkg:sentence`` of a mention the focus is
            ``prov:wasDerivedFrom``, or that ``nkg:refersTo`` the focus, or the focus's own.
    """

    severity: Severity
    focus: str
    focus_label: str | None
    path: str | None
    value: str | None
    message: str
    shape: str
    article: str | None
    sentence: str | None


@dataclass(frozen=True)
class ValidationReport:
    """The results of validating a graph or dataset.

    Attributes:
        conforms: True when no result is a Violation (Warnings and Info do not count).
        results: every result, sorted by article, shape, severity and focus.
        report_graph: the standard SHACL validation report graph.
    """

    conforms: bool
    results: tuple[ValidationResult, ...]
    report_graph: Graph

    def counts(self) -> dict[Severity, int]:
        """Return the number of results of each severity (all three keys, zeros included)."""
        counts = dict.fromkeys(Severity, 0)
        for result in self.results:
            counts[result.severity] += 1
        return counts

    def has_violations(self) -> bool:
        """Return True when at least one result is a Violation."""
        return any(r.severity is Severity.VIOLATION for r in self.results)


def load_shapes(extra: Sequence[Path] = ()) -> Graph:
    """Return newskg's packaged SHACL shapes plus those of ``extra`` files, in a new graph.

    Args:
        extra: further shapes files (Turtle, or any format rdflib guesses from the name).

    Raises:
        ConfigError: naming the file that is missing or does not parse.
    """
    graph = Graph()
    graph += packaged_shapes()
    for prefix, namespace in packaged_shapes().namespaces():
        graph.bind(prefix, namespace)
    for path in extra:
        parse(Path(path), graph, "SHACL shapes")
    return graph


# -- validating --------------------------------------------------------------------------


def validate_graph(
    data: Graph,
    shapes: Graph | None = None,
    article: str | None = None,
    *,
    cross_article: bool = False,
) -> ValidationReport:
    """Validate one article graph.

    Args:
        data: the article's graph; it is not modified.
        shapes: a shapes graph from :func:`load_shapes`; newskg's own by default. Treat
            it as read-only once used: its parsed form is cached.
        article: the article id to credit the results to; by default the
            ``dcterms:identifier`` of the graph's article, or, in a graph of several
            articles, the article of each result's evidence.
        cross_article: also run the cross-article (Warning) shapes, for a union graph
            read from a Turtle file.

    Raises:
        ConfigError: if the shapes or the ontology cannot be read or applied.
    """
    prepared = prepare(shapes if shapes is not None else packaged_shapes())
    reports, results = [], []
    if article is None:
        article = _sole_article(data)
    runs = [(prepared.article_shapes, False)]
    if cross_article:
        runs.append((prepared.union_shapes, True))
    for shapes_graph, advanced in runs:
        if shapes_graph is None:
            continue
        report = run(data, shapes_graph, advanced=advanced)
        reports.append(report)
        results += _results(report, data, prepared, article)
    return _report(results, reports, prepared.graph)


def validate_dataset(ds: Dataset, shapes: Graph | None = None) -> ValidationReport:
    """Validate each article graph of a dataset alone, then the union for conflicts.

    Article graphs are the named graphs under ``https://w3id.org/newskg/graph/article/``;
    other graphs (such as the default graph of build metadata) are not checked.

    Raises:
        ConfigError: if the shapes or the ontology cannot be read or applied.
    """
    prepared = prepare(shapes if shapes is not None else packaged_shapes())
    prefix = str(GRAPH["article/"])
    reports, results = [], []
    union = Graph()
    graphs = [g for g in ds.graphs() if str(g.identifier).startswith(prefix)]
    for graph in sorted(graphs, key=lambda g: str(g.identifier)):
        article = _sole_article(graph) or unquote(str(graph.identifier)[len(prefix) :])
        copy = Graph()  # a plain graph reads faster than a dataset's named graph
        copy += graph
        union += conflict_view(copy)
        if prepared.article_shapes is not None:
            report = run(copy, prepared.article_shapes, advanced=False)
            reports.append(report)
            results += _results(report, copy, prepared, article)
    if prepared.union_shapes is not None and len(union):
        report = run(union, prepared.union_shapes, advanced=True)
        reports.append(report)
        results += _results(report, union, prepared, None)
    return _report(results, reports, prepared.graph)


def conflict_view(graph: Graph) -> Graph:
    """What the cross-article shapes read of an article graph: all of it but the
    mentions of entities, which are most of its triples and which no such shape reads.
    Fact evidence (mentions a fact is derived from) stays, so a warning can quote it.

    Accumulate the views of article graphs, not the graphs, to check a large build for
    conflicts with :func:`validate_conflicts`.
    """
    entity_mentions = set(graph.subjects(NKG.refersTo, None))
    view = Graph()
    view += (t for t in graph if t[0] not in entity_mentions)
    return view


def validate_conflicts(union: Graph, shapes: Graph | None = None) -> ValidationReport:
    """Run only the cross-article (Warning) shapes, on the union of article graphs (or
    of their :func:`conflict_view`, which gives the same results far faster).

    Raises:
        ConfigError: if the shapes or the ontology cannot be read or applied.
    """
    prepared = prepare(shapes if shapes is not None else packaged_shapes())
    if prepared.union_shapes is None or not len(union):
        return _report([], [], prepared.graph)
    copy = conflict_view(union)
    report = run(copy, prepared.union_shapes, advanced=True)
    return _report(_results(report, union, prepared, None), [report], prepared.graph)


def combine_reports(reports: Sequence[ValidationReport]) -> ValidationReport:
    """One report holding the results of several (of articles validated one by one)."""
    results = [r for report in reports for r in report.results]
    graphs = [report.report_graph for report in reports]
    return _report(results, graphs, packaged_shapes())


def _report(
    results: list[ValidationResult], reports: list[Graph], shapes: Graph
) -> ValidationReport:
    ordered = tuple(sorted(set(results), key=_sort_key))
    conforms = not any(r.severity is Severity.VIOLATION for r in ordered)
    merged = Graph()
    for prefix, namespace in (reports[0] if reports else shapes).namespaces():
        merged.bind(prefix, namespace)
    root = BNode("report")
    merged.add((root, RDF.type, SH.ValidationReport))
    merged.add((root, SH.conforms, Literal(conforms)))
    for report in reports:
        copy_results(report, merged, root)
    return ValidationReport(conforms, ordered, merged)


def _sort_key(r: ValidationResult) -> tuple[str, ...]:
    return (
        r.article or "\uffff",
        r.shape,
        str(_RANK[r.severity]),
        r.focus,
        r.path or "",
        r.value or "",
        r.message,
    )


# -- reading results -----------------------------------------------------------------


def _results(
    report: Graph, data: Graph, prepared: Prepared, article: str | None
) -> list[ValidationResult]:
    found = []
    for node in report.objects(None, SH.result):
        focus = report.value(node, SH.focusNode)
        source = report.value(node, SH.sourceShape)
        value = report.value(node, SH.value)
        message = report.value(node, SH.resultMessage)
        severity = _SEVERITY.get(report.value(node, SH.resultSeverity), Severity.VIOLATION)
        mentions = _mentions(data, focus)
        found.append(
            ValidationResult(
                severity=severity,
                focus=str(focus),
                focus_label=_label(data, focus),
                path=path_text(report, report.value(node, SH.resultPath)),
                value=None if value is None else str(value),
                message=str(message) if message is not None else "",
                shape=_shape_name(source, prepared),
                article=article if article is not None else _article_of(data, focus, mentions),
                sentence=next((s for m in mentions if (s := _text(data, m, NKG.sentence))), None),
            )
        )
    return found


def _shape_name(source: Node | None, prepared: Prepared) -> str:
    node = source
    while isinstance(node, BNode) and node in prepared.parents:
        node = prepared.parents[node]
    return str(node if isinstance(node, URIRef) else source)


def _text(graph: Graph, node: Node, prop: URIRef) -> str | None:
    values = sorted(str(v) for v in graph.objects(node, prop) if isinstance(v, Literal))
    return values[0] if values else None


def _label(graph: Graph, focus: Node | None) -> str | None:
    if focus is None:
        return None
    return next((t for p in _LABELS if (t := _text(graph, focus, p)) is not None), None)


def _mentions(graph: Graph, focus: Node | None) -> list[Node]:
    """The mentions that are evidence for ``focus``: its own text first, then in order."""
    if focus is None:
        return []
    found = set(graph.objects(focus, PROV.wasDerivedFrom))
    found.update(graph.subjects(NKG.refersTo, focus))
    own = [focus] if (focus, RDF.type, NKG.Mention) in graph else []

    def where(mention: Node) -> tuple[int, str]:
        try:
            return int(str(graph.value(mention, NIF.beginIndex))), str(mention)
        except ValueError:
            return 2**62, str(mention)

    return own + sorted(found.difference(own), key=where)


def _article_of(graph: Graph, focus: Node | None, mentions: Iterable[Node]) -> str | None:
    if focus is not None and (focus, RDF.type, SCHEMA.NewsArticle) in graph:
        return _text(graph, focus, DCTERMS.identifier)
    for mention in mentions:
        for context in graph.objects(mention, NIF.referenceContext):
            if (found := _text(graph, context, DCTERMS.identifier)) is not None:
                return found
    return None


def _sole_article(graph: Graph) -> str | None:
    articles = set(graph.subjects(RDF.type, SCHEMA.NewsArticle))
    return _text(graph, articles.pop(), DCTERMS.identifier) if len(articles) == 1 else None


# -- formatting --------------------------------------------------------------------------


def format_text(report: ValidationReport) -> str:
    """Render a report for people: grouped by article, then shape, with evidence quoted.

    Each result gives its severity, the focus's label (or IRI) and the message, then the
    evidence sentence in quotes; a final line counts the results by severity.
    """
    lines: list[str] = []
    article: object = object()
    shape: str | None = None
    for r in report.results:
        if r.article != article:
            article, shape = r.article, None
            lines.append(r.article if r.article is not None else "(no article)")
        if r.shape != shape:
            shape = r.shape
            lines.append(f"  {_short(r.shape)}")
        lines.append(f"    {r.severity}: {r.focus_label or r.focus}: {r.message}")
        if r.sentence is not None:
            lines.append(f'      "{r.sentence}"')
    counts = report.counts()
    summary = ", ".join(f"{counts[s]} {s}" for s in Severity)
    lines.append(f"{summary}: {'conforms' if report.conforms else 'does not conform'}")
    return "\n".join(lines) + "\n"


def _short(iri: str) -> str:
    return iri[len(_SHAPES_NS) :] if iri.startswith(_SHAPES_NS) else iri


def format_json(report: ValidationReport) -> str:
    """Render a report as JSON: ``{"conforms", "counts", "results"}``, results as objects."""
    document = {
        "conforms": report.conforms,
        "counts": {str(s): n for s, n in report.counts().items()},
        "results": [asdict(r) for r in report.results],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def format_turtle(report: ValidationReport) -> str:
    """Render the standard SHACL report graph as Turtle, canonically (stable blank nodes)."""
    return report.report_graph.serialize(format="longturtle")
