"""Turn one :class:`ArticleExtraction` into the RDF of its article graph.

The graph is self-contained: every entity the article mentions is described in it, so
it validates alone and removing it removes only what the article said.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from . import ids
from .model import (
    ArticleExtraction,
    Candidacy,
    Claim,
    Complaint,
    Entity,
    EntityType,
    EvidenceStatus,
    PartyAffiliation,
    Request,
    ResponseStatus,
    Role,
    Span,
    Stance,
)
from .vocab import DBO, DCTERMS, ID, NIF, NKG, OPENGOV, ORG, PREFIXES, PROV, RDF, RDFS, SCHEMA, SKOS

__all__ = ["ENTITY_CLASSES", "RunInfo", "bind_prefixes", "build_article_graph"]

ENTITY_CLASSES: dict[EntityType, tuple[URIRef, ...]] = {
    EntityType.PERSON: (SCHEMA.Person,),
    EntityType.ORGANIZATION: (ORG.Organization,),
    EntityType.GOVERNMENT_BODY: (ORG.Organization, SCHEMA.GovernmentOrganization),
    EntityType.NEWS_OUTLET: (ORG.Organization, SCHEMA.NewsMediaOrganization),
    EntityType.POLITICAL_PARTY: (ORG.Organization, SCHEMA.PoliticalParty),
    EntityType.ADVOCACY_GROUP: (ORG.Organization, SCHEMA.NGO),
    EntityType.COURT: (ORG.Organization, NKG.Court),
    EntityType.STATE: (SCHEMA.State,),
    EntityType.ELECTION: (DBO.Election, SCHEMA.Event),
    EntityType.LAW: (SCHEMA.Legislation,),
}

UNITED_STATES = ID["country/united-states"]

_STATUS = {
    ResponseStatus.REFUSED: NKG.Refused,
    ResponseStatus.COMPLIED: NKG.Complied,
    ResponseStatus.PARTIALLY_COMPLIED: NKG.PartiallyComplied,
    ResponseStatus.UNDECIDED: NKG.Undecided,
}
_EVIDENCE = {
    EvidenceStatus.UNQUALIFIED: NKG.Unqualified,
    EvidenceStatus.WITHOUT_EVIDENCE: NKG.WithoutEvidence,
    EvidenceStatus.DISPUTED: NKG.Disputed,
}
_OUTCOME = {"won": NKG.Won, "lost": NKG.Lost}
_COMPLAINT_KIND = {
    "lawsuit": NKG.Lawsuit,
    "complaint": NKG.FormalComplaint,
    "investigation_request": NKG.InvestigationRequest,
}


def bind_prefixes(graph: Graph) -> None:
    """Bind newskg's prefixes so serializations are readable."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)


@dataclass(frozen=True)
class RunInfo:
    """The build run that generates facts: software version and spaCy model."""

    version: str
    model: str

    @property
    def iri(self) -> URIRef:
        """The run's IRI, equal for equal version and model."""
        return ids.run_iri(self.version, self.model)


class _ArticleGraphWriter:
    """Writes one article's triples; keeps the IRI bookkeeping out of the public API."""

    def __init__(self, extraction: ArticleExtraction, run: RunInfo):
        self.x = extraction
        self.article_id = extraction.article.id
        self.article = ids.article_iri(self.article_id)
        self.run = run.iri
        self.g = Graph()
        self.iris = {e.key: ids.entity_iri(e.type, e.name) for e in extraction.entities}
        self.add = self.g.add
        self._run_info = run

    def entity(self, key: str | None) -> URIRef | None:
        return self.iris.get(key) if key is not None else None

    def write(self) -> Graph:
        self._article()
        self._run()
        for entity in self.x.entities:
            self._entity(entity)
        for election in self.x.elections:
            self._election_details(
                election.entity, election.year, election.office, election.jurisdiction
            )
        for role in self.x.roles:
            self._role(role)
        for party in self.x.parties:
            self._party(party)
        for candidacy in self.x.candidacies:
            self._candidacy(candidacy)
        for request in self.x.requests:
            self._request(request)
        for stance in self.x.stances:
            self._stance(stance)
        for complaint in self.x.complaints:
            self._complaint(complaint)
        for claim in self.x.claims:
            self._claim(claim)
        return self.g

    # -- article, run, mentions, entities --------------------------------------------
    def _article(self) -> None:
        a, art = self.article, self.x.article
        self.add((a, RDF.type, SCHEMA.NewsArticle))
        self.add((a, DCTERMS.identifier, Literal(art.id)))
        self.add((a, NKG.textLength, Literal(len(art.text), datatype=XSD.integer)))
        digest = hashlib.sha256(art.text.encode()).hexdigest()
        self.add((a, NKG.contentHash, Literal(digest)))
        if art.title:
            self.add((a, SCHEMA.headline, Literal(art.title)))
        if art.date:
            self.add((a, SCHEMA.datePublished, Literal(art.date, datatype=XSD.date)))
        if art.url:
            self.add((a, SCHEMA.url, URIRef(art.url)))
        if art.publisher:
            outlet = ids.entity_iri(EntityType.NEWS_OUTLET, art.publisher)
            self.add((a, SCHEMA.publisher, outlet))
            if outlet not in self.iris.values():
                for cls in ENTITY_CLASSES[EntityType.NEWS_OUTLET]:
                    self.add((outlet, RDF.type, cls))
                self.add((outlet, RDFS.label, Literal(art.publisher)))

    def _run(self) -> None:
        self.add((self.run, RDF.type, NKG.Run))
        self.add((self.run, RDF.type, PROV.Activity))
        self.add((self.run, NKG.softwareVersion, Literal(self._run_info.version)))
        self.add((self.run, NKG.model, Literal(self._run_info.model)))

    def mention(self, span: Span, refers_to: URIRef | None = None) -> URIRef:
        m = ids.mention_iri(self.article_id, span.begin, span.end)
        self.add((m, RDF.type, NKG.Mention))
        self.add((m, NIF.beginIndex, Literal(span.begin, datatype=XSD.nonNegativeInteger)))
        self.add((m, NIF.endIndex, Literal(span.end, datatype=XSD.nonNegativeInteger)))
        self.add((m, NIF.anchorOf, Literal(span.text)))
        self.add((m, NIF.referenceContext, self.article))
        self.add((m, NKG.sentence, Literal(span.sentence)))
        if refers_to is not None:
            self.add((m, NKG.refersTo, refers_to))
        return m

    def _entity(self, entity: Entity) -> None:
        e = self.iris[entity.key]
        for cls in ENTITY_CLASSES[entity.type]:
            self.add((e, RDF.type, cls))
        self.add((e, RDFS.label, Literal(entity.name)))
        for alias in entity.aliases:
            if alias != entity.name:
                self.add((e, NKG.alias, Literal(alias)))
        for span in entity.mentions:
            self.mention(span, e)
        if entity.type is EntityType.STATE:
            self.add((e, SCHEMA.containedInPlace, UNITED_STATES))
        codes = dict(entity.identifiers)
        if "usps" in codes:
            self.add((e, NKG.postalCode, Literal(codes["usps"])))
        if "fips" in codes:
            self.add((e, NKG.fipsCode, Literal(codes["fips"])))
        if "wikidata" in codes:
            wikidata = URIRef(f"http://www.wikidata.org/entity/{codes['wikidata']}")
            self.add((e, SCHEMA.sameAs, wikidata))

    def _election_details(
        self, key: str, year: int | None, office: str | None, jurisdiction: str | None
    ) -> None:
        e = self.entity(key)
        if e is None:
            return
        if year:
            self.add((e, SCHEMA.startDate, Literal(f"{year:04d}", datatype=XSD.gYear)))
        place = self.entity(jurisdiction)
        if place is not None:
            self.add((e, NKG.jurisdiction, place))
        if office:
            self.add((e, NKG.office, self.post(office, place)))

    # -- facts ---------------------------------------------------------------------
    def post(self, office: str, body: URIRef | None) -> URIRef:
        p, role = ids.post_iri(office, body), ids.role_iri(office)
        self.add((p, RDF.type, ORG.Post))
        self.add((p, SKOS.prefLabel, Literal(office)))
        self.add((p, ORG.role, role))
        self.add((role, RDF.type, ORG.Role))
        self.add((role, SKOS.prefLabel, Literal(office)))
        if body is not None:
            in_state = (body, RDF.type, SCHEMA.State) in self.g
            self.add((p, OPENGOV.area if in_state else ORG.postIn, body))
        return p

    def fact(
        self, node: URIRef, cls: Iterable[URIRef], evidence: tuple[Span, ...], confidence: float
    ) -> URIRef:
        for c in cls:
            self.add((node, RDF.type, c))
        for span in evidence:
            self.add((node, PROV.wasDerivedFrom, self.mention(span)))
        self.add((node, PROV.wasGeneratedBy, self.run))
        value = Decimal(str(round(min(max(confidence, 0.0), 1.0), 3)))
        self.add((node, NKG.confidence, Literal(value, datatype=XSD.decimal)))
        return node

    def _role(self, role: Role) -> None:
        person, body = self.entity(role.person), self.entity(role.organization)
        if person is None:
            return
        post = self.post(role.office, body)
        m = ids.fact_iri("membership", person, post)
        self.fact(m, (ORG.Membership,), role.evidence, role.confidence)
        self.add((m, ORG.member, person))
        self.add((m, OPENGOV.post, post))
        self.add((m, ORG.role, ids.role_iri(role.office)))
        if body is not None and (body, RDF.type, ORG.Organization) in self.g:
            self.add((m, ORG.organization, body))
        if role.former:
            self.add((m, NKG.former, Literal(True)))

    def _party(self, party: PartyAffiliation) -> None:
        person, org = self.entity(party.person), self.entity(party.party)
        if person is None or org is None:
            return
        m = ids.fact_iri("membership", person, org)
        self.fact(m, (ORG.Membership,), party.evidence, party.confidence)
        self.add((m, ORG.member, person))
        self.add((m, ORG.organization, org))

    def _candidacy(self, candidacy: Candidacy) -> None:
        person, election = self.entity(candidacy.person), self.entity(candidacy.election)
        if person is None or election is None:
            return
        c = ids.fact_iri("candidacy", person, election)
        self.fact(c, (NKG.Candidacy,), candidacy.evidence, candidacy.confidence)
        self.add((c, NKG.candidate, person))
        self.add((c, NKG.election, election))
        for post in self.g.objects(election, NKG.office):
            self.add((c, NKG.post, post))
        party = self.entity(candidacy.party)
        if party is not None:
            self.add((c, NKG.party, party))
        if candidacy.outcome in _OUTCOME:
            self.add((c, NKG.outcome, _OUTCOME[candidacy.outcome]))

    def request_iri(self, request: Request) -> URIRef:
        agent = self.entity(request.agent)
        return ids.fact_iri("request", str(agent or ""), ids.normalize_name(request.label))

    def _request(self, request: Request) -> None:
        r = self.request_iri(request)
        self.fact(r, (SCHEMA.AskAction,), request.evidence, 1.0)
        self.add((r, RDFS.label, Literal(request.label)))
        agent = self.entity(request.agent)
        if agent is not None:
            self.add((r, SCHEMA.agent, agent))

    def _stance(self, stance: Stance) -> None:
        actor = self.entity(stance.actor)
        request = next((r for r in self.x.requests if r.key == stance.request), None)
        if actor is None or request is None:
            return
        target = self.request_iri(request)
        s = ids.fact_iri("response", actor, target, stance.status.value)
        self.fact(s, (NKG.Response,), stance.evidence, stance.confidence)
        self.add((s, SCHEMA.agent, actor))
        self.add((s, NKG.inResponseTo, target))
        self.add((s, NKG.responseStatus, _STATUS[stance.status]))

    def _complaint(self, complaint: Complaint) -> None:
        parts = (complaint.complainant, complaint.respondent, complaint.addressee, complaint.law)
        iris = [self.entity(p) for p in parts]
        c = ids.fact_iri(
            "complaint", complaint.kind, *(str(i or "") for i in iris), complaint.allegation or ""
        )
        self.fact(c, (NKG.Complaint, SCHEMA.AskAction), complaint.evidence, complaint.confidence)
        self.add((c, NKG.complaintKind, _COMPLAINT_KIND[complaint.kind]))
        for prop, value in zip(
            (SCHEMA.agent, NKG.respondent, SCHEMA.recipient, NKG.allegedViolationOf),
            iris,
            strict=True,
        ):
            if value is not None:
                self.add((c, prop, value))
        if complaint.allegation:
            self.add((c, NKG.allegation, Literal(complaint.allegation)))

    def _claim(self, claim: Claim) -> None:
        claimant = self.entity(claim.claimant)
        if claimant is None:
            return
        first = claim.evidence[0] if claim.evidence else None
        where = f"{first.begin}-{first.end}" if first else claim.text
        c = ids.fact_iri("claim", claimant, self.article_id, where)
        self.fact(c, (SCHEMA.Claim,), claim.evidence, claim.confidence)
        self.add((c, SCHEMA.author, claimant))
        self.add((c, SCHEMA.text, Literal(claim.text)))
        self.add((c, NKG.reportingVerb, Literal(claim.verb)))
        self.add((c, NKG.evidenceStatus, _EVIDENCE[claim.status]))
        for key in claim.about:
            about = self.entity(key)
            if about is not None:
                self.add((c, SCHEMA.about, about))
        outlet = self.entity(claim.reported_by)
        if outlet is not None:
            self.add((c, NKG.reportedBy, outlet))


def build_article_graph(extraction: ArticleExtraction, run: RunInfo) -> Graph:
    """The RDF of one article: its node, mentions, entities and facts.

    Args:
        extraction: what was extracted from the article.
        run: the build run credited with generating the facts.

    Returns:
        A plain ``Graph``; the caller adds it to a dataset under
        :func:`newskg.ids.article_graph_iri`.
    """
    graph = _ArticleGraphWriter(extraction, run).write()
    bind_prefixes(graph)
    return graph
