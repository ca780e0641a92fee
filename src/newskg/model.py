"""The frozen records that pass between newskg's stages.

``ingest`` yields :class:`Article`; ``extract`` turns one article into an
:class:`ArticleExtraction` (entities with their mentions, and the facts between them);
``build`` turns that into RDF. Facts name entities by :attr:`Entity.key`, which is the
same for the same real-world name and type in every article.

Offsets are code points into :attr:`Article.text`, half-open, as in NIF.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

__all__ = [
    "Article",
    "ArticleExtraction",
    "Candidacy",
    "Claim",
    "Complaint",
    "Election",
    "Entity",
    "EntityType",
    "EvidenceStatus",
    "PartyAffiliation",
    "Request",
    "ResponseStatus",
    "Role",
    "Span",
    "Stance",
]


@dataclass(frozen=True)
class Article:
    """One news article, as read from a file or a corpus record.

    Attributes:
        id: stable identifier: the file name for files, the record's ``id`` for corpora.
        text: the plain text newskg reads; every offset points into it.
        title: the headline, if the source gives one.
        date: publication date as ISO 8601 (``YYYY-MM-DD``), if known.
        url: where the article was published, if known.
        publisher: the outlet that published it, if known.
        source: the path of the file it came from (for corpora, ``file:line``).
    """

    id: str
    text: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    publisher: str | None = None
    source: str = ""


class EntityType(StrEnum):
    """The kinds of actor and thing newskg recognises (the ``entities`` question's types)."""

    PERSON = "Person"
    ORGANIZATION = "Organization"
    GOVERNMENT_BODY = "GovernmentBody"
    NEWS_OUTLET = "NewsOutlet"
    POLITICAL_PARTY = "PoliticalParty"
    ADVOCACY_GROUP = "AdvocacyGroup"
    COURT = "Court"
    STATE = "State"
    ELECTION = "Election"
    LAW = "Law"

    @property
    def is_organization(self) -> bool:
        """True for every kind of organization (agency, court, party, outlet, group)."""
        return self in _ORGANIZATION_TYPES


_ORGANIZATION_TYPES = frozenset(
    {
        EntityType.ORGANIZATION,
        EntityType.GOVERNMENT_BODY,
        EntityType.NEWS_OUTLET,
        EntityType.POLITICAL_PARTY,
        EntityType.ADVOCACY_GROUP,
        EntityType.COURT,
    }
)


@dataclass(frozen=True)
class Span:
    """A stretch of article text with the sentence it sits in.

    Attributes:
        begin: first code point (inclusive).
        end: last code point (exclusive).
        text: ``article.text[begin:end]``.
        sentence: the whole sentence containing the span.
    """

    begin: int
    end: int
    text: str
    sentence: str


@dataclass(frozen=True)
class Entity:
    """One actor or thing named in an article, with every mention that refers to it.

    Attributes:
        key: ``"{type}:{normalized name}"``; equal keys in two articles mean one node.
        name: the canonical, fullest name ("Ana Ruiz", not "Ruiz").
        type: what kind of entity it is.
        mentions: every span of the article that refers to it.
        aliases: the other surface forms used for it in the article.
        identifiers: external codes as (scheme, value), e.g. ``("usps", "KS")``.
    """

    key: str
    name: str
    type: EntityType
    mentions: tuple[Span, ...]
    aliases: tuple[str, ...] = ()
    identifiers: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Election:
    """What is known of an election entity: its year, office and jurisdiction.

    Attributes:
        entity: key of the Election entity.
        year: the election year, if stated.
        office: the office contested, lower case ("governor"), if known.
        jurisdiction: key of the State (or body) it is held in, if known.
    """

    entity: str
    year: int | None = None
    office: str | None = None
    jurisdiction: str | None = None


@dataclass(frozen=True)
class Role:
    """A person holds (or held) an office or position.

    Attributes:
        person: key of the Person.
        office: the title in lower case, without its body ("vice chair").
        organization: key of the body or jurisdiction (an organization or a State).
        former: True when the text says the person held it before.
    """

    person: str
    office: str
    organization: str | None
    evidence: tuple[Span, ...]
    confidence: float
    former: bool = False


@dataclass(frozen=True)
class PartyAffiliation:
    """A person belongs to a political party."""

    person: str
    party: str
    evidence: tuple[Span, ...]
    confidence: float


@dataclass(frozen=True)
class Candidacy:
    """A person runs (or ran) in an election.

    Attributes:
        outcome: ``"won"``, ``"lost"`` or None when the text does not say.
    """

    person: str
    election: str
    evidence: tuple[Span, ...]
    confidence: float
    party: str | None = None
    outcome: str | None = None


class ResponseStatus(StrEnum):
    """What an actor did about a request (the ``stances`` question's values)."""

    REFUSED = "refused"
    COMPLIED = "complied"
    PARTIALLY_COMPLIED = "partially_complied"
    UNDECIDED = "undecided"


@dataclass(frozen=True)
class Request:
    """A request, order, subpoena or demand that actors respond to.

    Attributes:
        key: identifies the request within the article (and across articles).
        label: what is asked, e.g. "voter data request".
        agent: key of whoever made the request, if known.
    """

    key: str
    label: str
    evidence: tuple[Span, ...]
    agent: str | None = None


@dataclass(frozen=True)
class Stance:
    """An actor's response to a request."""

    actor: str
    status: ResponseStatus
    request: str
    evidence: tuple[Span, ...]
    confidence: float


@dataclass(frozen=True)
class Complaint:
    """A lawsuit, formal complaint or request to investigate.

    Attributes:
        kind: ``"lawsuit"``, ``"complaint"`` or ``"investigation_request"``.
        complainant: key of who complains, if named.
        respondent: key of who is complained about, if named.
        addressee: key of the agency or court it goes to, if named.
        law: key of the Law allegedly violated, if named.
        allegation: the wrong alleged, in words, when no law is named.
    """

    kind: str
    evidence: tuple[Span, ...]
    confidence: float
    complainant: str | None = None
    respondent: str | None = None
    addressee: str | None = None
    law: str | None = None
    allegation: str | None = None


class EvidenceStatus(StrEnum):
    """How the article qualifies a claim's support."""

    UNQUALIFIED = "unqualified"
    WITHOUT_EVIDENCE = "without_evidence"
    DISPUTED = "disputed"


@dataclass(frozen=True)
class Claim:
    """Someone asserted something; newskg records the assertion, never its content as fact.

    Attributes:
        claimant: key of who asserted it.
        text: the claim as the article words it.
        verb: the reporting verb ("said", "insisted", "according to").
        about: keys of entities the claim is about.
        reported_by: key of the outlet the article credits with the report.
    """

    claimant: str
    text: str
    verb: str
    evidence: tuple[Span, ...]
    confidence: float
    about: tuple[str, ...] = ()
    reported_by: str | None = None
    status: EvidenceStatus = EvidenceStatus.UNQUALIFIED


@dataclass(frozen=True)
class ArticleExtraction:
    """Everything extracted from one article."""

    article: Article
    entities: tuple[Entity, ...]
    elections: tuple[Election, ...] = ()
    roles: tuple[Role, ...] = ()
    parties: tuple[PartyAffiliation, ...] = ()
    candidacies: tuple[Candidacy, ...] = ()
    requests: tuple[Request, ...] = ()
    stances: tuple[Stance, ...] = ()
    complaints: tuple[Complaint, ...] = ()
    claims: tuple[Claim, ...] = field(default=())

    def entity(self, key: str) -> Entity | None:
        """The entity with this key, or None."""
        return next((e for e in self.entities if e.key == key), None)
