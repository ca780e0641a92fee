"""The graph builder: a fixed extraction gives exactly the golden graph."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from newskg.build import RunInfo, build_article_graph
from newskg.ids import entity_key
from newskg.model import (
    Article,
    ArticleExtraction,
    Candidacy,
    Claim,
    Complaint,
    Election,
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

GOLDEN = Path(__file__).parent / "data" / "golden" / "article.ttl"
TEXT = (
    "Gov. Ann Lee (R) of Ohio, running for governor of Ohio in 2026, sued the Acme Board. "
    "Ohio refused the board's data request, Lee said, according to the Daily Planet."
)


def _span(text: str, start: int = 0) -> Span:
    begin = TEXT.index(text, start)
    sentence = TEXT[:84] if begin < 85 else TEXT[85:]
    return Span(begin, begin + len(text), text, sentence)


def _entity(kind: EntityType, name: str, *spans: Span, ids: tuple = ()) -> Entity:
    return Entity(entity_key(kind, name), name, kind, spans, (), ids)


def extraction() -> ArticleExtraction:
    lee = _entity(EntityType.PERSON, "Ann Lee", _span("Ann Lee"), _span("Lee", 85))
    ohio = _entity(
        EntityType.STATE,
        "Ohio",
        _span("Ohio"),
        _span("Ohio", 85),
        ids=(("usps", "OH"), ("fips", "39")),
    )
    board = _entity(EntityType.GOVERNMENT_BODY, "Acme Board", _span("Acme Board"))
    party = _entity(EntityType.POLITICAL_PARTY, "Republican Party", _span("R"))
    outlet = _entity(EntityType.NEWS_OUTLET, "Daily Planet", _span("Daily Planet"))
    race = _entity(
        EntityType.ELECTION,
        "2026 Ohio gubernatorial election",
        _span("running for governor of Ohio"),
    )
    request = Request("r1", "data request", (_span("data request"),), board.key)
    return ArticleExtraction(
        article=Article(
            "t.txt",
            TEXT,
            title="A test",
            date="2026-11-01",
            url="https://example.org/t",
            publisher="Daily Planet",
        ),
        entities=(lee, ohio, board, party, outlet, race),
        elections=(Election(race.key, 2026, "governor", ohio.key),),
        roles=(Role(lee.key, "governor", ohio.key, (_span("Gov. Ann Lee"),), 0.9),),
        parties=(PartyAffiliation(lee.key, party.key, (_span("Ann Lee (R)"),), 0.8),),
        candidacies=(
            Candidacy(lee.key, race.key, (_span("running for governor"),), 0.7, party.key, "won"),
        ),
        requests=(request,),
        stances=(Stance(ohio.key, ResponseStatus.REFUSED, "r1", (_span("refused"),), 0.85),),
        complaints=(
            Complaint(
                "lawsuit",
                (_span("sued the Acme Board"),),
                0.75,
                complainant=lee.key,
                respondent=board.key,
            ),
        ),
        claims=(
            Claim(
                lee.key,
                "Ohio refused the board's data request",
                "said",
                (_span("Lee said"),),
                0.6,
                (ohio.key,),
                outlet.key,
                EvidenceStatus.WITHOUT_EVIDENCE,
            ),
        ),
    )


def test_article_graph_matches_golden() -> None:
    built = build_article_graph(extraction(), RunInfo("0.0.0", "test-model"))
    golden = Graph().parse(GOLDEN, format="turtle")
    if not isomorphic(built, golden):
        _, only_built, only_golden = graph_diff(to_isomorphic(built), to_isomorphic(golden))
        missing = "\n".join(sorted(f"  {t}" for t in only_golden.nt().splitlines()))
        extra = "\n".join(sorted(f"  {t}" for t in only_built.nt().splitlines()))
        raise AssertionError(
            f"graph differs from {GOLDEN.name}\nmissing:\n{missing}\nunexpected:\n{extra}"
        )


def test_building_twice_gives_identical_graphs() -> None:
    run = RunInfo("0.0.0", "test-model")
    first = build_article_graph(extraction(), run)
    second = build_article_graph(extraction(), run)
    assert sorted(first) == sorted(second)
