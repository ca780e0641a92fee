"""Every IRI newskg writes, spelled once.

``NKG`` is closed: a misspelt term raises ``AttributeError``. A test checks that the
terms here and the classes and properties of ``ontology/newskg.ttl`` are the same set.
"""

# No `from __future__ import annotations`: rdflib reads NKG's annotations as classes.
from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

__all__ = [
    "BASE",
    "DBO",
    "DCTERMS",
    "GRAPH",
    "ID",
    "NIF",
    "NKG",
    "OPENGOV",
    "ORG",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SCHEMA",
    "SKOS",
    "XSD",
]

BASE = "https://w3id.org/newskg/"
ID = Namespace(BASE + "id/")
GRAPH = Namespace(BASE + "graph/")

SCHEMA = Namespace("https://schema.org/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
OPENGOV = Namespace("http://www.w3.org/ns/opengov#")
DBO = Namespace("http://dbpedia.org/ontology/")


class NKG(DefinedNamespace):
    """The newskg ontology: what no standard vocabulary covers."""

    _fail = True
    _NS = Namespace(BASE + "ontology#")

    # classes
    Mention: URIRef
    Court: URIRef
    Candidacy: URIRef
    Complaint: URIRef
    Response: URIRef
    ResponseStatus: URIRef
    EvidenceStatus: URIRef
    CandidacyOutcome: URIRef
    ComplaintKind: URIRef
    Run: URIRef
    Merge: URIRef

    # properties
    refersTo: URIRef
    sentence: URIRef
    alias: URIRef
    confidence: URIRef
    jurisdiction: URIRef
    office: URIRef
    candidate: URIRef
    election: URIRef
    post: URIRef
    party: URIRef
    outcome: URIRef
    respondent: URIRef
    allegedViolationOf: URIRef
    allegation: URIRef
    complaintKind: URIRef
    inResponseTo: URIRef
    responseStatus: URIRef
    reportedBy: URIRef
    reportingVerb: URIRef
    evidenceStatus: URIRef
    former: URIRef
    textLength: URIRef
    contentHash: URIRef
    softwareVersion: URIRef
    model: URIRef
    postalCode: URIRef
    fipsCode: URIRef
    mergedName: URIRef
    mergedEntity: URIRef
    canonicalEntity: URIRef
    inArticle: URIRef
    mergeReason: URIRef

    # controlled values
    Refused: URIRef
    Complied: URIRef
    PartiallyComplied: URIRef
    Undecided: URIRef
    Unqualified: URIRef
    WithoutEvidence: URIRef
    Disputed: URIRef
    Won: URIRef
    Lost: URIRef
    Lawsuit: URIRef
    FormalComplaint: URIRef
    InvestigationRequest: URIRef


# The prefixes newskg writes in its files (and nothing else).
PREFIXES: dict[str, str] = {
    "nkg": str(NKG._NS),
    "id": str(ID),
    "schema": str(SCHEMA),
    "org": str(ORG),
    "opengov": str(OPENGOV),
    "prov": str(PROV),
    "nif": str(NIF),
    "dbo": str(DBO),
    "dcterms": str(DCTERMS),
    "skos": str(SKOS),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
}
