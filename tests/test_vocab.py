"""The nkg: vocabulary: vocab.py's closed ``NKG`` namespace and ontology/newskg.ttl agree.

Also covers :mod:`newskg.resources`, which finds the ontology.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pytest
import rdflib.namespace as rdf_namespace
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS
from rdflib.term import Node

from newskg import resources
from newskg.errors import ConfigError
from newskg.vocab import DBO, NIF, NKG, ORG, PROV, SCHEMA

ONTOLOGY = URIRef("https://w3id.org/newskg/ontology")
NKG_NS = "https://w3id.org/newskg/ontology#"
ITSRDF_TA_IDENT_REF = URIRef("http://www.w3.org/2005/11/its/rdf#taIdentRef")
# Not rdflib's XSD itself: pytest probes module globals for mock attributes, and XSD
# warns on every unknown name.
XSD_NS = str(rdf_namespace.XSD)
DEFINING_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual)
PROPERTY_TYPES = (OWL.ObjectProperty, OWL.DatatypeProperty)
VALUE_CLASSES = {
    NKG.ResponseStatus: {NKG.Refused, NKG.Complied, NKG.PartiallyComplied, NKG.Undecided},
    NKG.EvidenceStatus: {NKG.Unqualified, NKG.WithoutEvidence, NKG.Disputed},
    NKG.CandidacyOutcome: {NKG.Won, NKG.Lost},
    NKG.ComplaintKind: {NKG.Lawsuit, NKG.FormalComplaint, NKG.InvestigationRequest},
}


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(resources.ontology_path(), format="turtle")


def vocab_terms() -> set[URIRef]:
    """The terms declared in ``NKG``, from its class annotations."""
    return {NKG[name] for name in NKG.__annotations__ if not name.startswith("_")}


def defined_terms(graph: Graph, types: Iterable[URIRef] = DEFINING_TYPES) -> set[URIRef]:
    """The ``nkg:`` IRIs typed with one of ``types`` in ``graph``."""
    return {
        subject
        for type_ in types
        for subject in graph.subjects(RDF.type, type_)
        if isinstance(subject, URIRef) and str(subject).startswith(NKG_NS)
    }


def local(terms: Iterable[Node]) -> str:
    return ", ".join(sorted(str(t).removeprefix(NKG_NS) for t in terms)) or "-"


def iris(graph: Graph) -> set[URIRef]:
    return {term for triple in graph for term in triple if isinstance(term, URIRef)}


# ─── the ontology file ───────────────────────────────────────────────────────────────


def test_ontology_parses_and_has_a_header(ontology: Graph) -> None:
    assert (ONTOLOGY, RDF.type, OWL.Ontology) in ontology
    for predicate in (DCTERMS.title, DCTERMS.description, DCTERMS.license):
        assert ontology.value(ONTOLOGY, predicate) is not None, f"no {predicate} on {ONTOLOGY}"
    assert ontology.value(ONTOLOGY, OWL.versionInfo) == Literal("0.1.0")


def test_ontology_defines_exactly_the_terms_of_vocab(ontology: Graph) -> None:
    in_vocab, in_ontology = vocab_terms(), defined_terms(ontology)
    assert in_vocab == in_ontology, (
        f"only in vocab.py NKG: {local(in_vocab - in_ontology)}; "
        f"only in ontology/newskg.ttl: {local(in_ontology - in_vocab)}"
    )


def test_ontology_uses_no_undeclared_nkg_iri(ontology: Graph) -> None:
    used = {iri for iri in iris(ontology) if str(iri).startswith(NKG_NS)}
    assert used <= vocab_terms(), f"nkg: IRIs not in vocab.py NKG: {local(used - vocab_terms())}"


def test_each_term_is_defined_as_one_kind_of_thing(ontology: Graph) -> None:
    problems = [
        f"{local([term])}: {', '.join(ontology.qname(k) for k in kinds) or 'untyped'}"
        for term in sorted(vocab_terms())
        if len(kinds := [k for k in DEFINING_TYPES if (term, RDF.type, k) in ontology]) != 1
    ]
    assert not problems, "terms not typed exactly once: " + "; ".join(problems)


def test_every_term_has_a_label_and_a_comment(ontology: Graph) -> None:
    individuals = defined_terms(ontology, [OWL.NamedIndividual])
    problems = []
    for term in sorted(defined_terms(ontology)):
        labels = [RDFS.label, SKOS.prefLabel] if term in individuals else [RDFS.label]
        if not any(ontology.value(term, p) for p in labels):
            problems.append(f"{local([term])} has no label")
        if not ontology.value(term, RDFS.comment):
            problems.append(f"{local([term])} has no rdfs:comment")
    assert not problems, "; ".join(problems)


def test_every_property_has_a_domain_and_a_range(ontology: Graph) -> None:
    problems = [
        f"{local([prop])} has no {ontology.qname(p)}"
        for prop in sorted(defined_terms(ontology, PROPERTY_TYPES))
        for p in (RDFS.domain, RDFS.range)
        if ontology.value(prop, p) is None
    ]
    assert not problems, "; ".join(problems)


def test_datatype_properties_range_over_xsd_and_object_properties_do_not(
    ontology: Graph,
) -> None:
    for prop in defined_terms(ontology, [OWL.DatatypeProperty]):
        rng = ontology.value(prop, RDFS.range)
        assert str(rng).startswith(XSD_NS), f"{local([prop])} ranges over {rng}"
    for prop in defined_terms(ontology, [OWL.ObjectProperty]):
        rng = ontology.value(prop, RDFS.range)
        assert not str(rng).startswith(XSD_NS), f"{local([prop])} ranges over {rng}"


@pytest.mark.parametrize(
    ("prop", "datatype"),
    [
        (NKG.confidence, rdf_namespace.XSD.decimal),
        (NKG.former, rdf_namespace.XSD.boolean),
        (NKG.textLength, rdf_namespace.XSD.integer),
    ],
)
def test_literal_ranges_match_the_data_model(
    ontology: Graph, prop: URIRef, datatype: URIRef
) -> None:
    assert (prop, RDFS.range, datatype) in ontology


def test_controlled_values_are_closed_per_class(ontology: Graph) -> None:
    assert set(VALUE_CLASSES) | set().union(*VALUE_CLASSES.values()) <= vocab_terms()
    for value_class, members in VALUE_CLASSES.items():
        typed = set(ontology.subjects(RDF.type, value_class))
        assert typed == members, f"{local([value_class])}: typed members {local(typed)}"
        assert (value_class, RDFS.subClassOf, SKOS.Concept) in ontology
        enumerations = [
            set(Collection(ontology, one_of))
            for equivalent in ontology.objects(value_class, OWL.equivalentClass)
            if isinstance(equivalent, BNode)
            for one_of in ontology.objects(equivalent, OWL.oneOf)
        ]
        assert enumerations == [members], f"{local([value_class])}: owl:oneOf {enumerations}"
        for member in members:
            assert (member, RDF.type, OWL.NamedIndividual) in ontology
            assert ontology.value(member, SKOS.prefLabel) is not None


@pytest.mark.parametrize(
    ("subject", "predicate", "obj"),
    [
        (NKG.Mention, RDFS.subClassOf, NIF.String),
        (NKG.Court, RDFS.subClassOf, ORG.Organization),
        (NKG.Court, RDFS.subClassOf, SCHEMA.GovernmentOrganization),
        (NKG.Complaint, RDFS.subClassOf, SCHEMA.AskAction),
        (NKG.Response, RDFS.subClassOf, PROV.Entity),
        (NKG.Candidacy, RDFS.subClassOf, PROV.Entity),
        (NKG.Run, RDFS.subClassOf, PROV.Activity),
        (NKG.refersTo, RDFS.subPropertyOf, ITSRDF_TA_IDENT_REF),
        (NKG.alias, RDFS.subPropertyOf, SKOS.altLabel),
        (SCHEMA.GovernmentOrganization, RDFS.subClassOf, ORG.Organization),
        (SCHEMA.NewsMediaOrganization, RDFS.subClassOf, ORG.Organization),
        (SCHEMA.PoliticalParty, RDFS.subClassOf, ORG.Organization),
        (SCHEMA.NGO, RDFS.subClassOf, ORG.Organization),
        (DBO.Election, RDFS.subClassOf, SCHEMA.Event),
    ],
)
def test_alignments_are_asserted(
    ontology: Graph, subject: URIRef, predicate: URIRef, obj: URIRef
) -> None:
    assert (subject, predicate, obj) in ontology


def test_no_http_schema_org() -> None:
    path = resources.ontology_path()
    assert "http://schema.org" not in path.read_text(encoding="utf-8")
    bad = {i for i in iris(Graph().parse(path)) if str(i).startswith("http://schema.org/")}
    assert not bad, f"http://schema.org/ IRIs: {sorted(bad)}"


# ─── the closed namespace ────────────────────────────────────────────────────────────


def test_nkg_terms_are_iris_in_the_namespace() -> None:
    assert NKG.Mention == URIRef(NKG_NS + "Mention")
    assert len(vocab_terms()) == len([n for n in NKG.__annotations__ if not n.startswith("_")])


@pytest.mark.parametrize("misspelt", ["Refusd", "refersto", "Mentions", "candidacy"])
def test_a_misspelt_term_raises_attribute_error(misspelt: str) -> None:
    with pytest.raises(AttributeError):
        getattr(NKG, misspelt)


# ─── newskg.resources ────────────────────────────────────────────────────────────────


def test_packaged_files_are_found() -> None:
    assert resources.ontology_path().is_file()
    assert resources.ontology_path().name == "newskg.ttl"
    assert resources.shapes_path().is_file()
    assert resources.shapes_path().name == "newskg.shapes.ttl"
    assert resources.queries_path().name == "queries"
    assert resources.data_path("lexicons", "x.txt").parts[-3:] == ("data", "lexicons", "x.txt")


def test_the_package_copy_wins_over_the_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package, repo = tmp_path / "pkg", tmp_path / "repo"
    for root in (package, repo):
        (root / "ontology").mkdir(parents=True)
        (root / "ontology" / "newskg.ttl").write_text("", encoding="utf-8")
    monkeypatch.setattr(resources, "_PACKAGE_DIR", package)
    monkeypatch.setattr(resources, "_REPO_DIR", repo)
    assert resources.ontology_path() == package / "ontology" / "newskg.ttl"
    (package / "ontology" / "newskg.ttl").unlink()
    assert resources.ontology_path() == repo / "ontology" / "newskg.ttl"


def test_a_missing_file_is_a_config_error_naming_both_places(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(resources, "_PACKAGE_DIR", tmp_path / "pkg")
    monkeypatch.setattr(resources, "_REPO_DIR", tmp_path / "repo")
    with pytest.raises(ConfigError) as error:
        resources.shapes_path()
    assert str(tmp_path / "pkg" / "shapes" / "newskg.shapes.ttl") in str(error.value)
    assert str(tmp_path / "repo" / "shapes" / "newskg.shapes.ttl") in str(error.value)
