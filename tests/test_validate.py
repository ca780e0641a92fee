"""Tests of newskg.validate: the SHACL shapes, their fixtures, and the report formats.

Every file in ``data/shapes/valid`` must conform with no result at all. Every file in
``data/shapes/invalid`` is named ``{Shape}__{what}.{ttl,trig}``: all its results must
come from that shape (a property shape, or a node shape and its property shapes), with
the severity the shape declares. Turtle files are one article graph
(:func:`validate_graph`); TriG files are datasets (:func:`validate_dataset`), for the
cross-article Warning shapes.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyshacl
import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import SH, XSD

from newskg.errors import ConfigError
from newskg.resources import ontology_path
from newskg.validate import (
    Severity,
    ValidationReport,
    format_json,
    format_text,
    format_turtle,
    load_shapes,
    validate_dataset,
    validate_graph,
)
from newskg.vocab import ID, NIF, NKG, PROV, RDF, SCHEMA

DATA = Path(__file__).parent / "data" / "shapes"
NKGSH = "https://w3id.org/newskg/shapes#"
VALID = sorted(p for p in (DATA / "valid").iterdir() if p.suffix in {".ttl", ".trig"})
INVALID = sorted(p for p in (DATA / "invalid").iterdir() if p.suffix in {".ttl", ".trig"})
ARTICLE = DATA / "valid" / "article.ttl"
SEVERITY = {SH.Violation: Severity.VIOLATION, SH.Warning: Severity.WARNING, SH.Info: Severity.INFO}


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes()


def _validate(path: Path) -> ValidationReport:
    if path.suffix == ".trig":
        ds = Dataset()
        ds.parse(path, format="trig")
        return validate_dataset(ds)
    return validate_graph(Graph().parse(path))


def _parent(shapes: Graph, shape: URIRef) -> URIRef:
    """The node shape a property shape belongs to (the shape itself for a node shape)."""
    parent = shapes.value(None, SH.property, shape)
    return parent if isinstance(parent, URIRef) else shape


def _declared(shapes: Graph, shape: URIRef) -> Severity:
    return SEVERITY[shapes.value(shape, SH.severity) or SH.Violation]


def _named(path: Path) -> URIRef:
    return URIRef(NKGSH + path.stem.split("__")[0])


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_valid_fixture_conforms_with_no_results(path: Path) -> None:
    report = _validate(path)
    assert report.conforms
    assert report.results == (), format_text(report)


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_invalid_fixture_trips_exactly_its_shape(path: Path, shapes: Graph) -> None:
    named = _named(path)
    assert (named, None, None) in shapes, f"{path.name} names no shape of the shapes file"
    report = _validate(path)
    assert report.results, f"{path.name} tripped nothing"
    for result in report.results:
        source = URIRef(result.shape)
        assert named in (source, _parent(shapes, source)), format_text(report)
        assert result.severity is _declared(shapes, source)
    expect_violation = _declared(shapes, named) is Severity.VIOLATION or any(
        r.severity is Severity.VIOLATION for r in report.results
    )
    assert report.conforms is not expect_violation
    assert list(report.report_graph.objects(None, SH.conforms)) == [Literal(report.conforms)]


def test_every_shape_has_an_invalid_fixture(shapes: Graph) -> None:
    named = {_named(p) for p in INVALID}
    covered = named | {_parent(shapes, s) for s in named}
    node_shapes = {s for s in shapes.subjects(RDF.type, SH.NodeShape) if isinstance(s, URIRef)}
    property_shapes = {s for s in shapes.objects(None, SH.property) if isinstance(s, URIRef)}
    assert node_shapes - covered == set()
    assert property_shapes - covered == set()


def test_shapes_pass_the_meta_shacl_check(shapes: Graph) -> None:
    conforms, _, text = pyshacl.validate(
        Graph(), shacl_graph=shapes, meta_shacl=True, advanced=True
    )
    assert conforms, text


def test_the_meta_shacl_check_catches_a_broken_shape(shapes: Graph) -> None:
    broken = load_shapes()
    broken.set((URIRef(NKGSH + "Mention-beginIndex"), SH.minCount, Literal("one")))
    with pytest.raises(pyshacl.errors.ReportableRuntimeError, match="MetaSHACL"):
        pyshacl.validate(Graph(), shacl_graph=broken, meta_shacl=True)


def test_state_lists_match_the_us_package(shapes: Graph) -> None:
    import us

    places = {*us.states.STATES_AND_TERRITORIES, us.states.DC}

    def listed(shape: str) -> set[str]:
        return {str(v) for v in shapes.items(shapes.value(URIRef(NKGSH + shape), SH["in"]))}

    assert listed("State-name") == {p.name for p in places}
    assert listed("State-postalCode") == {p.abbr for p in places}
    assert listed("State-fipsCode") == {p.fips for p in places}


def test_results_match_a_plain_pyshacl_run(shapes: Graph) -> None:
    """newskg reuses pyshacl's parsed shapes and passes only the class hierarchy of the
    ontology; a plain pyshacl run with the whole ontology must find the same results."""
    ontology = Graph().parse(ontology_path())
    warnings = {s for s in shapes.subjects(SH.severity, SH.Warning)}
    for path in [p for p in VALID + INVALID if p.suffix == ".ttl"]:
        data = Graph().parse(path)
        _, report, _ = pyshacl.validate(
            data,
            shacl_graph=shapes,
            ont_graph=ontology,
            inference="none",
            allow_warnings=True,
            allow_infos=True,
        )
        plain = {
            (str(report.value(r, SH.focusNode)), str(report.value(r, SH.sourceShape)))
            for r in report.objects(None, SH.result)
            if report.value(r, SH.sourceShape) not in warnings
        }
        ours = {(r.focus, r.shape) for r in validate_graph(data).results}
        assert ours == plain, path.name


def test_ontology_subclasses_apply_without_explicit_types() -> None:
    """A complaint typed only nkg:Complaint is still a schema:AskAction, hence a fact."""
    data = Graph().parse(ARTICLE)
    complaint = next(data.subjects(RDF.type, NKG.Complaint))
    data.remove((complaint, RDF.type, SCHEMA.AskAction))
    assert validate_graph(data).results == ()
    data.remove((complaint, PROV.wasDerivedFrom, None))
    report = validate_graph(data)
    assert [(r.shape, r.focus) for r in report.results] == [
        (NKGSH + "Fact-evidence", str(complaint))
    ]


def test_validation_leaves_the_data_graph_unchanged() -> None:
    data = Graph().parse(ARTICLE)
    before = set(data)
    validate_graph(data)
    assert set(data) == before


def test_result_fields_name_article_evidence_and_path() -> None:
    report = _validate(DATA / "invalid" / "Article-mentionsWithinText__mention-past-end.ttl")
    (result,) = report.results
    assert result.severity is Severity.VIOLATION
    assert result.focus == str(ID["article/kobach.txt"])
    assert result.focus_label is None
    assert result.path == f"^<{NIF.referenceContext}>/<{NIF.endIndex}>"
    assert result.value == "37"
    assert result.article == "kobach.txt"
    assert result.shape == NKGSH + "Article-mentionsWithinText"
    assert result.sentence is None
    assert report.counts() == {Severity.VIOLATION: 1, Severity.WARNING: 0, Severity.INFO: 0}
    assert report.has_violations() and not report.conforms


def test_article_can_be_given() -> None:
    report = validate_graph(Graph().parse(DATA / "invalid" / "Run-model__missing.ttl"), article="x")
    assert [r.article for r in report.results] == ["x"]


def test_dataset_results_name_each_article_and_cross_article_conflicts() -> None:
    report = _validate(DATA / "invalid" / "SingleSeatOfficeShape__two-secretaries.trig")
    assert [(r.article, r.focus_label, r.value) for r in report.results] == [
        ("kobach-speech.txt", None, str(ID["person/scott-schwab-cf39239f"])),
        ("schwab-results.txt", None, str(ID["person/kris-kobach-83974993"])),
    ]
    first = report.results[0]
    assert first.message == (
        'Two people hold the single-seat office "secretary of state" at once: '
        "Kris Kobach here and Scott Schwab in another membership."
    )
    assert first.sentence == "Kansas Secretary of State Kris Kobach spoke on Monday."
    assert report.conforms  # Warnings do not break conformance
    results = list(report.report_graph.objects(None, SH.result))
    assert len(results) == 2


def test_cross_article_shapes_can_run_on_a_union_graph() -> None:
    ds = Dataset()
    ds.parse(DATA / "invalid" / "SingleSeatOfficeShape__two-secretaries.trig", format="trig")
    union = Graph()
    for graph in ds.graphs():
        union += graph
    assert validate_graph(union).results == ()
    report = validate_graph(union, cross_article=True)
    assert {r.shape for r in report.results} == {NKGSH + "SingleSeatOfficeShape"}
    assert {r.article for r in report.results} == {"kobach-speech.txt", "schwab-results.txt"}


def test_dataset_checks_only_article_graphs() -> None:
    ds = Dataset()
    ds.parse(DATA / "valid" / "two-articles.trig", format="trig")
    ds.graph(URIRef("https://example.org/other")).add((BNode(), RDF.type, SCHEMA.Person))
    assert validate_dataset(ds).results == ()


# -- user shapes and errors ----------------------------------------------------------

EXTRA = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix schema: <https://schema.org/> .
@prefix nkg: <https://w3id.org/newskg/ontology#> .
@prefix ex: <https://example.org/shapes#> .
ex:AliasShape a sh:NodeShape ;
    sh:targetClass schema:Person ;
    sh:property [ sh:path nkg:alias ; sh:minCount 1 ; sh:severity sh:Info ;
                  sh:message "This person has no alias." ] .
"""


def test_user_shapes_are_added(tmp_path: Path) -> None:
    extra = tmp_path / "mine.ttl"
    extra.write_text(EXTRA)
    report = validate_graph(Graph().parse(ARTICLE), load_shapes([extra]))
    assert [(r.shape, r.focus_label, r.severity) for r in report.results] == [
        ("https://example.org/shapes#AliasShape", "Delbert Hosemann", Severity.INFO)
    ]
    assert report.conforms


def test_broken_shapes_file_names_the_file(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text("@prefix sh: <http://www.w3.org/ns/shacl#> .\nthis is not turtle .\n")
    with pytest.raises(ConfigError, match=r"broken\.ttl"):
        load_shapes([broken])
    with pytest.raises(ConfigError, match=r"missing\.ttl: no such SHACL shapes file"):
        load_shapes([tmp_path / "missing.ttl"])


def test_invalid_shacl_is_a_config_error(tmp_path: Path) -> None:
    extra = tmp_path / "bad.ttl"
    extra.write_text(EXTRA.replace("sh:path nkg:alias", 'sh:path "alias"'))
    with pytest.raises(ConfigError, match="SHACL shapes are not valid"):
        validate_graph(Graph().parse(ARTICLE), load_shapes([extra]))


def test_importing_validate_does_not_import_pyshacl() -> None:
    code = "import sys, newskg.validate; print('pyshacl' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# -- formats -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def small_report() -> ValidationReport:
    """Two results: an Info with no evidence sentence, a Violation with one."""
    data = Graph().parse(DATA / "invalid" / "MentionShape__end-before-begin.ttl")
    data.remove((None, SCHEMA.headline, None))
    return validate_graph(data)


SENTENCE = (
    "Kansas Secretary of State Kris Kobach, vice chair of the Presidential Advisory "
    "Commission on Election Integrity, sent the commission's request for voter data."
)
HEADLINE_MESSAGE = (
    "The article has no headline (schema:headline); give the title in the input's first "
    "line or its title field."
)
ORDER_MESSAGE = (
    "A mention needs exactly one nif:beginIndex, an xsd:nonNegativeInteger code-point offset "
    "less than its nif:endIndex."
)


def test_format_text(small_report: ValidationReport) -> None:
    assert format_text(small_report) == (
        "kobach.txt\n"
        "  Article-hasHeadline\n"
        f"    Info: https://w3id.org/newskg/id/article/kobach.txt: {HEADLINE_MESSAGE}\n"
        "  Mention-beginIndex\n"
        f"    Violation: Kris Kobach: {ORDER_MESSAGE}\n"
        f'      "{SENTENCE}"\n'
        "1 Violation, 0 Warning, 1 Info: does not conform\n"
    )


def test_format_text_of_a_conforming_report() -> None:
    assert format_text(validate_graph(Graph())) == "0 Violation, 0 Warning, 0 Info: conforms\n"


def test_format_json(small_report: ValidationReport) -> None:
    text = format_json(small_report)
    assert json.loads(text) == {
        "conforms": False,
        "counts": {"Violation": 1, "Warning": 0, "Info": 1},
        "results": [
            {
                "severity": "Info",
                "focus": "https://w3id.org/newskg/id/article/kobach.txt",
                "focus_label": None,
                "path": "https://schema.org/headline",
                "value": None,
                "message": HEADLINE_MESSAGE,
                "shape": NKGSH + "Article-hasHeadline",
                "article": "kobach.txt",
                "sentence": None,
            },
            {
                "severity": "Violation",
                "focus": "https://w3id.org/newskg/id/mention/kobach.txt/26-37",
                "focus_label": "Kris Kobach",
                "path": "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#beginIndex",
                "value": "37",
                "message": ORDER_MESSAGE,
                "shape": NKGSH + "Mention-beginIndex",
                "article": "kobach.txt",
                "sentence": SENTENCE,
            },
        ],
    }
    assert text.startswith('{\n  "conforms": false,\n  "counts": {\n    "Violation": 1,')


TRAILING_SPACE = " "  # rdflib's longturtle writes one after a predicate that has a list


def test_format_turtle(small_report: ValidationReport) -> None:
    assert (
        format_turtle(small_report)
        == f"""\
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX nkgsh: <https://w3id.org/newskg/shapes#>
PREFIX schema: <https://schema.org/>
PREFIX sh: <http://www.w3.org/ns/shacl#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>

[]    a sh:ValidationReport ;
    sh:conforms false ;
    sh:result{TRAILING_SPACE}
        [
            a sh:ValidationResult ;
            sh:focusNode <https://w3id.org/newskg/id/article/kobach.txt> ;
            sh:resultMessage "{HEADLINE_MESSAGE}" ;
            sh:resultPath schema:headline ;
            sh:resultSeverity sh:Info ;
            sh:sourceConstraintComponent sh:MinCountConstraintComponent ;
            sh:sourceShape nkgsh:Article-hasHeadline ;
        ] ,
        [
            a sh:ValidationResult ;
            sh:focusNode <https://w3id.org/newskg/id/mention/kobach.txt/26-37> ;
            sh:resultMessage "{ORDER_MESSAGE}" ;
            sh:resultPath nif:beginIndex ;
            sh:resultSeverity sh:Violation ;
            sh:sourceConstraintComponent sh:LessThanConstraintComponent ;
            sh:sourceShape nkgsh:Mention-beginIndex ;
            sh:value "37"^^xsd:nonNegativeInteger ;
        ] ;
.
"""
    )


# -- speed ---------------------------------------------------------------------------


def article_of_300_triples() -> Graph:
    """valid/article.ttl plus entity mentions of Kris Kobach, to 300 triples."""
    data = Graph().parse(ARTICLE)
    kobach = ID["person/kris-kobach-83974993"]
    article = ID["article/kobach.txt"]
    begin = 1  # offsets no mention of the article has
    while len(data) < 300:
        mention = ID[f"mention/kobach.txt/{begin}-{begin + 6}"]
        data.add((mention, RDF.type, NKG.Mention))
        data.add((mention, NIF.beginIndex, Literal(begin, datatype=XSD.nonNegativeInteger)))
        data.add((mention, NIF.endIndex, Literal(begin + 6, datatype=XSD.nonNegativeInteger)))
        data.add((mention, NIF.anchorOf, Literal("Kobach")))
        data.add((mention, NIF.referenceContext, article))
        data.add((mention, NKG.sentence, Literal("Kobach said so.")))
        data.add((mention, NKG.refersTo, kobach))
        begin += 7
    return data


def test_a_well_formed_300_triple_article_graph_conforms() -> None:
    assert validate_graph(article_of_300_triples()).results == ()


# -- engines -------------------------------------------------------------------------


def test_both_engines_give_the_same_results_on_every_fixture(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from newskg._shacl import ENGINE_ENV

    def results(engine: str) -> list[tuple[tuple[str, ...], ...]]:
        monkeypatch.setenv(ENGINE_ENV, engine)
        found = []
        for path in VALID + INVALID:
            report = _validate(path)
            found.append(
                tuple(
                    sorted(
                        (r.severity.value, r.focus, r.shape, r.path or "") for r in report.results
                    )
                )
            )
        return found

    assert results("turbo") == results("pyshacl")


def test_unknown_engine_is_a_config_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from newskg._shacl import ENGINE_ENV

    monkeypatch.setenv(ENGINE_ENV, "fast")
    with pytest.raises(ConfigError, match="NEWSKG_SHACL_ENGINE='fast' is not a SHACL engine"):
        validate_graph(Graph().parse(ARTICLE))
