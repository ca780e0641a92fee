"""The SHACL engine behind :mod:`newskg.validate`, with shapes prepared once.

Two engines give the same reports: pyshacl-turbo (Rust, about three times faster on an
article graph; the default when installed) and pyshacl (pure Python, the reference).
``NEWSKG_SHACL_ENGINE=pyshacl`` picks pyshacl. pyshacl parses a shapes graph on every
call; here a shapes graph is parsed once
(:func:`prepare`), split into the shapes run on one article's graph and the
cross-article shapes (severity ``sh:Warning``) run on the union, and reused while it is
unchanged. :func:`run` validates a data graph with one part; the ontology contributes
only its class hierarchy (:func:`class_hierarchy`). :func:`path_text` and
:func:`copy_results` read the report graphs pyshacl returns.

pyshacl is imported inside these functions, never at import time: importing newskg
stays cheap.
"""

from __future__ import annotations

import importlib.util
import os
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, cast

from rdflib import BNode, Graph, URIRef
from rdflib.namespace import SH
from rdflib.term import Node
from rdflib.util import guess_format

from .errors import ConfigError
from .resources import ontology_path, shapes_path
from .vocab import RDF, RDFS

__all__ = [
    "ENGINES",
    "Prepared",
    "class_hierarchy",
    "copy_results",
    "engine",
    "packaged_shapes",
    "parse",
    "path_text",
    "prepare",
    "run",
]

_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target)
_RESULT_ORDER = (
    SH.focusNode,
    SH.sourceShape,
    SH.resultSeverity,
    SH.resultPath,
    SH.value,
    SH.resultMessage,
    SH.sourceConstraintComponent,  # breaks the last ties, so the order never varies
)


ENGINES = ("turbo", "pyshacl")
ENGINE_ENV = "NEWSKG_SHACL_ENGINE"


def engine() -> str:
    """The engine to validate with: ``$NEWSKG_SHACL_ENGINE``, else turbo when installed."""
    chosen = os.environ.get(ENGINE_ENV, "").strip().lower()
    if chosen:
        if chosen not in ENGINES:
            raise ConfigError(
                f"{ENGINE_ENV}={chosen!r} is not a SHACL engine; use one of {', '.join(ENGINES)}"
            )
        return chosen
    return "turbo" if importlib.util.find_spec("pyshacl_turbo") is not None else "pyshacl"


@dataclass(frozen=True)
class _TurboPart:
    """Shapes compiled by pyshacl-turbo, and which of them one part runs."""

    compiled: Any
    shapes: tuple[Node, ...]


def parse(path: Path, into: Graph, what: str) -> None:
    """Parse an RDF file into a graph; a missing or broken file is a :class:`ConfigError`
    naming it and ``what`` it should hold."""
    try:
        into.parse(path, format=guess_format(str(path)) or "turtle")
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such {what} file; check the path") from None
    except Exception as err:  # rdflib raises many kinds of syntax error
        raise ConfigError(
            f"{path}: cannot read the {what}: {err}; fix the file's Turtle syntax"
        ) from err


@cache
def packaged_shapes() -> Graph:
    """newskg's own shapes, parsed once: treat the graph as read-only."""
    graph = Graph()
    parse(shapes_path(), graph, "SHACL shapes")
    return graph


@cache
def class_hierarchy() -> Graph:
    """The ontology's rdfs:subClassOf triples between named classes.

    They are all pyshacl needs from the ontology (for ``sh:targetClass`` and
    ``sh:class``); mixing in the whole ontology, with its ``owl:oneOf`` lists, made each
    validation about ten times slower.
    """
    ontology = Graph()
    parse(ontology_path(), ontology, "ontology")
    hierarchy = Graph()
    for s, p, o in ontology.triples((None, RDFS.subClassOf, None)):
        if isinstance(s, URIRef) and isinstance(o, URIRef):
            hierarchy.add((s, p, o))
    return hierarchy


@dataclass
class Prepared:
    """pyshacl's parsed shapes for one shapes graph, split by where they run."""

    graph: Graph
    size: int
    article_shapes: Any  # pyshacl ShapesGraph, or None when there are no such shapes
    union_shapes: Any
    parents: dict[Node, Node]


_PREPARED: OrderedDict[tuple[int, str], Prepared] = OrderedDict()


def prepare(shapes: Graph) -> Prepared:
    """Parse a shapes graph into pyshacl's shapes once; reuse them while it is unchanged."""
    key = (id(shapes), engine())
    prepared = _PREPARED.get(key)
    if prepared is not None and prepared.graph is shapes and prepared.size == len(shapes):
        return prepared
    from pyshacl.errors import ReportableRuntimeError
    from pyshacl.monkey import apply_patches

    apply_patches()  # type: ignore[no-untyped-call]
    _speed_up_pyshacl()
    tops: set[Node] = set(shapes.subjects(RDF.type, SH.NodeShape))
    for target in _TARGETS:
        tops.update(shapes.subjects(target, None))
    union_tops = {s for s in tops if (s, SH.severity, SH.Warning) in shapes}
    union = _with_members(shapes, union_tops)
    article = _with_members(shapes, tops - union_tops)
    # pyshacl reads the shapes graph on every evaluation of a shape; rdflib's
    # SimpleMemory store, which has no named graphs to look through, reads faster.
    fast = Graph(store="SimpleMemory")
    fast += shapes
    for prefix, namespace in shapes.namespaces():
        fast.bind(prefix, namespace)
    try:
        if engine() == "turbo":
            article_shapes, union_shapes = _compiled(fast, article, union)
        else:
            article_shapes, union_shapes = _parsed(fast, article), _parsed(fast, union)
    except ReportableRuntimeError as err:
        raise ConfigError(
            f"the SHACL shapes are not valid: {err.message}; fix the shapes file"
        ) from err
    parents = {ps: ns for ns, ps in shapes.subject_objects(SH.property)}
    prepared = Prepared(shapes, len(shapes), article_shapes, union_shapes, parents)
    _PREPARED[key] = prepared
    while len(_PREPARED) > 4:
        _PREPARED.popitem(last=False)
    return prepared


class _ParameterList(list[Any]):
    """pyshacl's list of constraint parameters, with a set behind ``in``."""

    def __init__(self, items: Iterable[Any]) -> None:
        super().__init__(items)
        self._members = frozenset(self)

    def __contains__(self, item: object) -> bool:
        return item in self._members


def _speed_up_pyshacl() -> None:
    """Make pyshacl's test of "is this predicate a constraint parameter" a set lookup.

    pyshacl 0.40 tests every predicate of a shape against a list of about 40 parameters,
    with rdflib's slow term equality, on every evaluation of the shape: a third of the
    time of validating an article graph. It caches that list in ``pyshacl.shape`` as
    ``CONSTRAINT_PARAMS``; the same list with a faster ``in`` changes no result. Other
    pyshacl versions that lack the cache are left alone.
    """
    try:
        import pyshacl.shape
        from pyshacl.constraints import ALL_CONSTRAINT_PARAMETERS, CONSTRAINT_PARAMETERS_MAP
    except ImportError:  # pragma: no cover - another pyshacl layout
        return
    cached = getattr(pyshacl.shape, "CONSTRAINT_PARAMS", None)
    if cached is None or (isinstance(cached, tuple) and cached[0] is ALL_CONSTRAINT_PARAMETERS):
        fast = (_ParameterList(ALL_CONSTRAINT_PARAMETERS), CONSTRAINT_PARAMETERS_MAP)
        setattr(pyshacl.shape, "CONSTRAINT_PARAMS", fast)  # noqa: B010


def _parsed(shapes: Graph, tops: list[Node]) -> Any:
    """pyshacl's parsed form of ``tops`` (and the shapes they use), or None if none."""
    if not tops:
        return None
    from pyshacl.shapes_graph import ShapesGraph

    parsed = ShapesGraph(shapes)
    # Parses these shapes only; blank-node shapes work as well as named ones.
    parsed.shapes_from_uris(cast("list[URIRef]", tops))
    return parsed


def _compiled(shapes: Graph, article: list[Node], union: list[Node]) -> tuple[Any, Any]:
    """pyshacl-turbo's compiled shapes, as the article part and the union part."""
    import pyshacl_turbo

    try:
        compiled = pyshacl_turbo.CompiledShapes(shapes, advanced=True)  # type: ignore[no-untyped-call]
    except ValueError as err:
        raise ConfigError(f"the SHACL shapes are not valid: {err}; fix the shapes file") from err

    # Shapes are chosen by name; blank-node members come with the shapes that hold them.
    def named(shapes_: list[Node]) -> tuple[Node, ...]:
        return tuple(s for s in shapes_ if isinstance(s, URIRef))

    return (
        _TurboPart(compiled, named(article)) if article else None,
        _TurboPart(compiled, named(union)) if union else None,
    )


def _with_members(shapes: Graph, tops: set[Node]) -> list[Node]:
    """The shapes and every shape they use: pyshacl's use-these-shapes mode skips a
    named property shape unless it is listed too."""
    found, todo = set(), list(tops)
    while todo:
        shape = todo.pop()
        if shape in found:
            continue
        found.add(shape)
        for prop in (SH.property, SH.node, SH["not"], SH.qualifiedValueShape):
            todo.extend(shapes.objects(shape, prop))
        for prop in (SH["or"], SH["and"], SH.xone):
            for members in shapes.objects(shape, prop):
                todo.extend(shapes.items(members))
    return sorted(found, key=str)


def run(data: Graph, shapes_graph: Any, *, advanced: bool) -> Graph:
    """Validate ``data`` with one part of the prepared shapes, by the engine that
    prepared them; ``data`` is left as it was."""
    if isinstance(shapes_graph, _TurboPart):
        return _run_turbo(data, shapes_graph)
    private = Graph()
    private += data  # pyshacl adds the ontology's triples to the graph it validates
    return _run_pyshacl(private, shapes_graph, advanced=advanced)


def _run_pyshacl(data: Graph, shapes_graph: Any, *, advanced: bool) -> Graph:
    from pyshacl.errors import ReportableRuntimeError
    from pyshacl.graph_abstraction import DataGraph
    from pyshacl.validator import Validator

    options = {
        "inference": "none",
        "advanced": advanced,
        "inplace": True,
        "allow_warnings": True,
        "allow_infos": True,
    }
    try:
        validator = Validator(
            DataGraph.from_rdflib(data),
            shacl_graph=shapes_graph.graph,
            ont_graph=class_hierarchy(),
            options=options,
        )
        validator.shacl_graph = shapes_graph  # the shapes parsed once, in prepare
        _conforms, report, _text = validator.run()  # type: ignore[no-untyped-call]
    except ReportableRuntimeError as err:
        raise ConfigError(
            f"the SHACL shapes cannot be applied: {err.message}; fix the shapes file"
        ) from err
    assert isinstance(report, Graph)
    return report


def _run_turbo(data: Graph, part: _TurboPart) -> Graph:
    from pyshacl_turbo import ReportableRuntimeError

    # No reasoner: the subclass facts go in with the data, for the run only. Adding and
    # removing these few triples costs far less than copying an article graph.
    added = [t for t in class_hierarchy() if t not in data]
    for triple in added:
        data.add(triple)
    try:
        _conforms, report, _text = part.compiled.validate(
            data, inplace=True, allow_warnings=True, allow_infos=True, use_shapes=part.shapes
        )
    except ReportableRuntimeError as err:
        raise ConfigError(
            f"the SHACL shapes cannot be applied: {err}; fix the shapes file"
        ) from err
    finally:
        for triple in added:
            data.remove(triple)
    assert isinstance(report, Graph)
    return report


# -- reading report graphs ---------------------------------------------------------------


def copy_results(report: Graph, into: Graph, root: BNode) -> None:
    """Copy a report's results under ``root``, naming blank nodes by the results' order
    so that the same results always serialize the same way."""
    results = list(report.objects(None, SH.result))

    def key(result: Node) -> tuple[str, ...]:
        return tuple(
            (path_text(report, value) if p == SH.resultPath else str(value)) or ""
            for p in _RESULT_ORDER
            for value in [report.value(result, p)]
        )

    names: dict[Node, BNode] = {}
    start = len(set(into.objects(root, SH.result)))
    for number, result in enumerate(sorted(results, key=key), start):
        todo, seen = [result], 0
        while todo:
            node = todo.pop(0)
            if not isinstance(node, BNode) or node in names:
                continue
            names[node] = BNode(f"r{number:05d}" + (f"n{seen:03d}" if seen else ""))
            seen += 1
            todo.extend(o for _, o in sorted(report.predicate_objects(node)))
        into.add((root, SH.result, names[result]))
    for s, p, o in report:
        if s in names:
            into.add((names[s], p, names.get(o, o)))


def path_text(graph: Graph, node: Node | None) -> str | None:
    """A report's ``sh:resultPath``: an IRI, or a SPARQL property path of ``<IRI>``s."""
    if node is None:
        return None
    if isinstance(node, URIRef):
        return str(node)
    return _path_expression(graph, node)


def _path_expression(graph: Graph, node: Node) -> str:
    """A SHACL property path as SPARQL property-path text."""
    if isinstance(node, URIRef):
        return f"<{node}>"
    if (node, RDF.first, None) in graph:
        return "/".join(_path_expression(graph, step) for step in graph.items(node))
    for prop, template in (
        (SH.inversePath, "^{}"),
        (SH.zeroOrMorePath, "({})*"),
        (SH.oneOrMorePath, "({})+"),
        (SH.zeroOrOnePath, "({})?"),
    ):
        inner = graph.value(node, prop)
        if inner is not None:
            return template.format(_path_expression(graph, inner))
    alternatives = graph.value(node, SH.alternativePath)
    if alternatives is not None:
        return "(" + "|".join(_path_expression(graph, a) for a in graph.items(alternatives)) + ")"
    return str(node)
