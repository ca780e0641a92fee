"""The actor network: projection, filters, name lookup, measures, export and commands.

Most tests run on a graph built by the real pipeline from three short invented articles
(tests/data/network/articles); aggregation rules are pinned on hand-made rows.
"""

from __future__ import annotations

import csv
import doctest
import importlib
import json
import subprocess
import sys
import threading
import urllib.parse
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

import newskg.network as network
from newskg.cli import cli
from newskg.errors import ConfigError, GraphFileError
from newskg.network import (
    RELATIONS,
    AmbiguousActorError,
    NetworkFilter,
    UnknownActorError,
    actor_graph,
    centrality,
    communities,
    ego_network,
    encode,
    export_network,
    find_actor,
    project,
    read_network,
    read_network_data,
    shortest_paths,
    summarize,
)
from newskg.network.read import Actor, Assertion, Mention, NetworkData

from .conftest import REPO

ARTICLES = REPO / "tests" / "data" / "network" / "articles"
EVAL_ARTICLES = REPO.parent / "shared" / "eval" / "articles"
ID = "https://w3id.org/newskg/id/"
KOBACH = ID + "person/kris-kobach-83974993"
KLOBUCHAR = ID + "person/amy-klobuchar-0b8226ed"
COMMISSION = ID + "organization/presidential-advisory-commission-on-election-integrity-f81cac94"
A1_FIRST = (
    "Kansas Secretary of State Kris Kobach, a Republican, is the vice chair of the "
    "Presidential Advisory Commission on Election Integrity."
)
A2_FIRST = (
    "Democratic Senator Amy Klobuchar asked the Government Accountability Office to "
    "investigate the Presidential Advisory Commission on Election Integrity."
)
A2_LAST = "The commission's vice chair, Kris Kobach, a Republican, did not comment."
COMMISSION_NAME = "Presidential Advisory Commission on Election Integrity"

# Every fact edge the pipeline finds in the invented articles, claims about aside.
FACT_EDGES = {
    ("Kris Kobach", "holds_office_in", COMMISSION_NAME),
    ("Kris Kobach", "holds_office_in", "Kansas"),
    ("Kris Kobach", "member_of_party", "Republican Party"),
    ("Amy Klobuchar", "member_of_party", "Democratic Party"),
    ("Amy Klobuchar", "complained_about", COMMISSION_NAME),
    ("Amy Klobuchar", "complained_to", "Government Accountability Office"),
    ("Citizens for Responsibility and Ethics in Washington", "complained_about", "Donald Trump"),
    ("Maryland", "responded_to", "Kris Kobach"),
    ("CNN", "reported", "Donald Trump"),
}


@pytest.fixture(autouse=True)
def _cache_folder(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Commands cache what they read: in a scratch folder, never the user's."""
    monkeypatch.setenv("NEWSKG_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture(scope="module")
def kg(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The three invented articles built into a TriG file by the library (once)."""
    from newskg.graphio import write_graph_file
    from newskg.pipeline import build_dataset

    out = tmp_path_factory.mktemp("network") / "kg.trig"
    write_graph_file(build_dataset([ARTICLES]).dataset, out)
    return out


@pytest.fixture(scope="module")
def graph(kg: Path) -> nx.MultiDiGraph:
    return actor_graph(kg)


def named(g: nx.MultiDiGraph, relations: tuple[str, ...] | None = None) -> set[tuple[str, ...]]:
    """The edges as (source name, relation, target name)."""
    return {
        (g.nodes[u]["label"], k, g.nodes[v]["label"])
        for u, v, k in g.edges(keys=True)
        if relations is None or k in relations
    }


def run(*args: str) -> tuple[int, str, str]:
    """Run newskg in-process: exit code, stdout and stderr apart."""
    result = CliRunner().invoke(cli, list(args), prog_name="newskg", catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


# --- the projection -------------------------------------------------------------------


def test_fact_edges_of_the_invented_articles(graph: nx.MultiDiGraph) -> None:
    assert named(graph, tuple(r for r in RELATIONS if r != "claimed_about")) == FACT_EDGES
    claims = named(graph, ("claimed_about",))
    assert ("Amy Klobuchar", "claimed_about", COMMISSION_NAME) in claims


def test_edges_are_keyed_by_relation_with_their_evidence(graph: nx.MultiDiGraph) -> None:
    maryland = find_actor(graph, "Maryland")
    edge = graph.edges[maryland, KOBACH, "responded_to"]
    assert edge["relation"] == "responded_to"
    assert edge["label"] == "responded to request of"
    assert edge["articles"] == 1
    assert edge["weight"] == 1.0
    assert edge["evidence"] == [("a1-kobach.md", "Maryland refused Kobach's request.")]
    assert edge["details"] == ["refused voter data request"]
    assert edge["weak"] is False
    assert 0 < edge["confidence_mean"] <= edge["confidence"] <= 1


def test_one_edge_aggregates_the_articles_that_tell_it(graph: nx.MultiDiGraph) -> None:
    edge = graph.edges[KOBACH, COMMISSION, "holds_office_in"]
    assert edge["articles"] == 2
    assert edge["evidence"] == [("a1-kobach.md", A1_FIRST), ("a2-gao.md", A2_LAST)]
    assert edge["details"] == ["vice chair"]


def test_nodes_carry_label_kind_type_articles_and_aliases(graph: nx.MultiDiGraph) -> None:
    assert graph.nodes[KOBACH] == {
        "label": "Kris Kobach",
        "kind": "person",
        "type": "Person",
        "articles": 2,
        "aliases": ["Kobach"],
    }
    kinds = {d["kind"] for _, d in graph.nodes(data=True)}
    assert kinds == {"person", "organization", "state"}
    assert graph.nodes[COMMISSION]["type"] == "GovernmentBody"


def test_elections_and_laws_are_optional_kinds(kg: Path) -> None:
    g = actor_graph(kg, kinds=["all"])
    assert ("Kris Kobach", "candidate_in", "Kansas gubernatorial election") in named(g)
    assert {d["kind"] for _, d in g.nodes(data=True)} == {
        "person",
        "organization",
        "state",
        "election",
        "law",
    }
    people = actor_graph(kg, kinds=["person"])
    assert {d["kind"] for _, d in people.nodes(data=True)} == {"person"}
    assert named(people) == set()


def test_aggregation_rules_on_hand_made_rows() -> None:
    actors = {
        "p": Actor("p", "Ana Ruiz", "Person", "person", ("Ruiz",)),
        "o": Actor("o", "Board", "GovernmentBody", "organization", ()),
        "e": Actor("e", "2020 election", "Election", "election", ()),
    }

    def fact(article: str, sentence: str, begin: int, confidence: float) -> Assertion:
        return Assertion(
            "holds_office_in", "p", "o", "f1", article, sentence, begin, confidence, "chair"
        )

    data = NetworkData(
        dates={"x": date(2020, 1, 1), "y": date(2021, 1, 1), "z": None},
        actors=actors,
        assertions=(
            fact("y", "Second.", 5, 0.6),
            fact("x", "First.", 9, 0.8),
            fact("x", "Earlier.", 1, 0.8),
            fact("z", "Undated.", 1, 0.3),
            Assertion("candidate_in", "p", "e", "f2", "x", "Runs.", 3, 0.9, "won"),
        ),
        mentions=(
            Mention("p", "x", "First.", 9),
            Mention("o", "x", "First.", 20),
            Mention("e", "x", "Runs.", 8),
        ),
    )
    edge = project(data).edges["p", "o", "holds_office_in"]
    assert edge["articles"] == 3
    assert edge["confidence"] == 0.8
    assert edge["confidence_mean"] == round((0.8 + 0.6 + 0.3) / 3, 4)
    assert edge["evidence"] == [
        ("x", "Earlier."),
        ("x", "First."),
        ("y", "Second."),
        ("z", "Undated."),
    ]
    assert edge["details"] == ["chair"]
    dated = project(data, NetworkFilter.make(since="2020-06-01"))
    assert dated.edges["p", "o", "holds_office_in"]["evidence"] == [("y", "Second.")]
    confident = project(data, NetworkFilter.make(min_confidence=0.7))
    assert confident.edges["p", "o", "holds_office_in"]["articles"] == 1
    assert set(project(data)) == {"p", "o"}
    assert "e" in project(data, NetworkFilter.make(kinds=["all"]))


# --- filters --------------------------------------------------------------------------


def test_the_network_is_laid_out_as_add_edge_lays_it_out(graph: nx.MultiDiGraph) -> None:
    """The projection writes networkx's adjacency straight: the same as add_edge."""
    rebuilt = nx.MultiDiGraph()
    rebuilt.add_nodes_from(graph.nodes(data=True))
    for source, target, key, attributes in graph.edges(keys=True, data=True):
        rebuilt.add_edge(source, target, key=key, **attributes)
    assert nx.utils.graphs_equal(rebuilt, graph)
    assert list(rebuilt.edges(keys=True, data=True)) == list(graph.edges(keys=True, data=True))
    assert list(rebuilt.in_edges(keys=True)) == list(graph.in_edges(keys=True))
    assert rebuilt.number_of_edges() == graph.number_of_edges()


def test_relation_filter(kg: Path) -> None:
    g = actor_graph(kg, relations=["member of party", "Complained-About"])
    assert {k for _, _, k in g.edges(keys=True)} == {"member_of_party", "complained_about"}


def test_article_filter(kg: Path) -> None:
    g = actor_graph(kg, articles=["a2-gao.md"])
    assert {a for _, _, ev in g.edges(data="evidence") for a, _ in ev} == {"a2-gao.md"}
    assert g.edges[KOBACH, COMMISSION, "holds_office_in"]["articles"] == 1
    assert "Maryland" not in {d["label"] for _, d in g.nodes(data=True)}


def test_date_filters(kg: Path) -> None:
    late = actor_graph(kg, since="2018-01-01")
    assert {a for _, _, ev in late.edges(data="evidence") for a, _ in ev} == {"a3-lawsuit.md"}
    early = actor_graph(kg, until=date(2017, 7, 1))
    assert {a for _, _, ev in early.edges(data="evidence") for a, _ in ev} == {"a1-kobach.md"}


def test_min_confidence_filter(kg: Path, graph: nx.MultiDiGraph) -> None:
    threshold = sorted({c for _, _, c in graph.edges(data="confidence")})[1]
    g = actor_graph(kg, min_confidence=threshold)
    assert 0 < g.number_of_edges() < graph.number_of_edges()
    assert min(c for _, _, c in g.edges(data="confidence")) >= threshold


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        ({"relations": ["knows"]}, "unknown relation 'knows'; use one of holds_office_in"),
        ({"kinds": ["planet"]}, "unknown node kind 'planet'; use one of person"),
        ({"articles": ["nope.md"]}, "no article 'nope.md' in the graph"),
        ({"since": "last year"}, "--since 'last year' is not a date"),
        ({"since": "2018-01-01", "until": "2017-01-01"}, "is after --until"),
        ({"min_confidence": 2.0}, "is not in [0, 1]"),
    ],
)
def test_bad_filters_say_what_is_allowed(
    kg: Path, filters: dict[str, object], message: str
) -> None:
    with pytest.raises(ConfigError, match=None) as err:
        actor_graph(kg, **filters)  # type: ignore[arg-type]
    assert message in str(err.value)


def test_co_mention_edges_are_off_by_default(kg: Path, graph: nx.MultiDiGraph) -> None:
    assert "co_mentioned" not in {k for _, _, k in graph.edges(keys=True)}
    g = actor_graph(kg, co_mentions=True)
    assert named(g) - named(graph) == {
        (a, "co_mentioned", b) for a, _, b in named(g) - named(graph)
    }
    left, right = sorted((KOBACH, COMMISSION))
    edge = g.edges[left, right, "co_mentioned"]
    assert edge["weak"] is True
    assert edge["confidence"] == 0.0
    assert ("a1-kobach.md", A1_FIRST) in edge["evidence"]
    assert actor_graph(kg, relations=["co_mentioned"]).number_of_edges() == len(
        named(g) - named(graph)
    )


def test_a_union_graph_file_gives_the_same_network(kg: Path, tmp_path: Path) -> None:
    from newskg.graphio import load_dataset, write_graph_file

    union = tmp_path / "kg.ttl"
    write_graph_file(load_dataset(kg), union)
    assert named(actor_graph(union)) == named(actor_graph(kg))


def test_a_store_folder_gives_the_same_network(kg: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    code, _, err = run("build", str(ARTICLES), "--store", str(store))
    assert code == 0, err
    from_store, from_file = actor_graph(store), actor_graph(kg)
    assert dict(from_store.nodes(data=True)) == dict(from_file.nodes(data=True))
    assert sorted(from_store.edges(keys=True, data=True)) == sorted(
        from_file.edges(keys=True, data=True)
    )
    args = ("path", "Klobuchar", "Kobach", "-f", "tsv")
    assert run("network", str(store), *args) == run("network", str(kg), *args)


def _same_rows(path: Path) -> None:
    """The one-pass file reader gives the rows the SPARQL queries give on a store."""
    import pyoxigraph

    from newskg.graphio import format_for
    from newskg.network.read import read_network_data

    store = pyoxigraph.Store()
    store.bulk_load(path=str(path), format=getattr(pyoxigraph.RdfFormat, format_for(path).oxigraph))
    streamed, queried = read_network_data(path), read_network_data(store)
    assert streamed.dates == queried.dates
    assert streamed.actors == queried.actors
    assert sorted(set(streamed.assertions)) == sorted(set(queried.assertions))
    assert sorted(set(streamed.mentions)) == sorted(set(queried.mentions))


def test_reading_a_file_gives_the_rows_of_the_queries(kg: Path, tmp_path: Path) -> None:
    from newskg.graphio import load_dataset, write_graph_file

    _same_rows(kg)
    nquads, union = tmp_path / "kg.nq", tmp_path / "kg.ttl"
    write_graph_file(load_dataset(kg), nquads)
    write_graph_file(load_dataset(kg), union)
    _same_rows(nquads)
    _same_rows(union)


# Shapes the invented articles do not have: several objects of one predicate, a former
# office, outcomes, a law with a label and an allegation, a labelled request, a repeated
# triple, a fact whose evidence is in another graph, a default graph beside named ones.
EDGE_CASES = """
@prefix : <https://example.org/> .
@prefix nkg: <https://w3id.org/newskg/ontology#> .
@prefix schema: <https://schema.org/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix opengov: <http://www.w3.org/ns/opengov#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dbo: <http://dbpedia.org/ontology/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

:lost a schema:Person ; rdfs:label "Outside Default" .

:g1 {
  :a1 a schema:NewsArticle ; dcterms:identifier "a1" ; schema:datePublished "2018-01-02" .
  :p a schema:Person ; rdfs:label "Pat Doe", "Pat" ; nkg:alias "P. Doe", "PD" .
  :o a org:Organization, schema:GovernmentOrganization ; rdfs:label "Office" .
  :s a schema:State ; rdfs:label "Statia" .
  :e a dbo:Election ; rdfs:label "2018 race" .
  :l a schema:Legislation ; rdfs:label "The Act" .
  :m1 nkg:refersTo :p ; nif:referenceContext :a1 ; nif:beginIndex 3 ; nkg:sentence "One." .
  :m2 nkg:refersTo :o, :s ; nif:referenceContext :a1 ; nif:beginIndex 9, 12 .
  :m1 nkg:refersTo :p .
  :post skos:prefLabel "chair", "head"@en ; org:postIn :o ; opengov:area :s .
  :f1 a org:Membership ; org:member :p ; opengov:post :post ; nkg:former true ;
      nkg:confidence 0.7, 0.9 ; prov:wasDerivedFrom :m1, :m2 .
  :f2 a nkg:Candidacy ; nkg:candidate :p ; nkg:election :e ; nkg:outcome nkg:Won, nkg:Other ;
      nkg:confidence 0.8 ; prov:wasDerivedFrom :m1 .
  :f3 a nkg:Complaint ; schema:agent :p ; nkg:respondent :o ; schema:recipient :s ;
      nkg:complaintKind nkg:Lawsuit, nkg:Odd ; nkg:allegedViolationOf :l ;
      nkg:allegation "fraud" ; nkg:confidence 0.6 ; prov:wasDerivedFrom :m1 .
  :f4 a nkg:Complaint ; schema:agent :o ; nkg:respondent :p ;
      nkg:complaintKind nkg:FormalComplaint ; nkg:allegation 42 ;
      nkg:confidence 0.5 ; prov:wasDerivedFrom :m1 .
  :req schema:agent :p, :s ; rdfs:label "the files" .
  :f5 a nkg:Response ; schema:agent :o ; nkg:inResponseTo :req ;
      nkg:responseStatus nkg:Refused ; nkg:confidence 0.9 ; prov:wasDerivedFrom :m1 .
  :f6 a schema:Claim ; schema:author :p, :o ; schema:about :s ; nkg:reportedBy :s ;
      schema:text "It is so." ; nkg:confidence 0.4 ; prov:wasDerivedFrom :m1 .
  :f7 a org:Membership ; org:member :p ; org:organization :o ;
      nkg:confidence 0.95 ; prov:wasDerivedFrom :m9 .
}

:g2 {
  :a2 a schema:NewsArticle ; dcterms:identifier "a2" .
  :p a schema:Person ; rdfs:label "Pat Doe" .
  :m9 nkg:refersTo :p ; nif:referenceContext :a2 ; nif:beginIndex 1 ; nkg:sentence "Two." .
  :post2 skos:prefLabel 7 ; org:postIn :o .
  :f8 a org:Membership ; org:member :p ; opengov:post :post2 ; nkg:former "" ;
      nkg:confidence 0.3 ; prov:wasDerivedFrom :m9 .
  :f9 a org:Membership ; org:member :p ; opengov:post :post2 ; nkg:former true ;
      nkg:confidence 0.3 ; prov:wasDerivedFrom :m9 .
}
"""


def test_reading_a_file_joins_as_the_queries_do(tmp_path: Path) -> None:
    path = tmp_path / "edge.trig"
    path.write_text(EDGE_CASES, encoding="utf-8")
    _same_rows(path)


@pytest.fixture
def sparql_server(kg: Path) -> Iterator[str]:
    """A read-only SPARQL endpoint on loopback answering from the invented articles' graph."""
    import pyoxigraph

    store = pyoxigraph.Store()
    store.bulk_load(path=str(kg), format=pyoxigraph.RdfFormat.TRIG)

    class Endpoint(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"])).decode()
            query = urllib.parse.parse_qs(body)["query"][0]
            answer = store.query(query)
            assert isinstance(answer, pyoxigraph.QuerySolutions)
            data = answer.serialize(format=pyoxigraph.QueryResultsFormat.JSON)
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.end_headers()
            self.wfile.write(data or b"")

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Endpoint)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/sparql"
    finally:
        server.shutdown()
        server.server_close()


def test_a_sparql_server_gives_the_same_network(kg: Path, sparql_server: str) -> None:
    assert named(actor_graph(sparql_server)) == named(actor_graph(kg))
    args = ("neighbors", "Maryland", "-f", "csv")
    assert run("network", sparql_server, *args) == run("network", str(kg), *args)


def test_a_file_without_articles_is_an_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty.ttl"
    empty.write_text("<urn:a> <urn:b> <urn:c> .\n", encoding="utf-8")
    with pytest.raises(GraphFileError, match="holds no schema:NewsArticle"):
        read_network_data(empty)


# --- name lookup ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "Kris Kobach",
        "kris kobach",
        "KOBACH",
        "Kobach",
        "Kobach’s",
        KOBACH,
    ],
)
def test_names_are_looked_up_the_way_people_type_them(graph: nx.MultiDiGraph, name: str) -> None:
    assert find_actor(graph, name) == KOBACH


def test_words_of_a_name_find_it(graph: nx.MultiDiGraph) -> None:
    assert find_actor(graph, "election integrity") == COMMISSION
    assert find_actor(graph, "Accountability Office").endswith(
        "government-accountability-office-637a570e"
    )


def test_an_ambiguous_name_lists_the_candidates(graph: nx.MultiDiGraph) -> None:
    with pytest.raises(AmbiguousActorError) as err:
        find_actor(graph, "party")
    assert err.value.candidates == ("Democratic Party", "Republican Party")
    assert str(err.value).startswith("'party' matches 2 actors: Democratic Party (organization, ")
    assert str(err.value).endswith("give the full name or the IRI")


def test_an_unknown_name_suggests_the_nearest(graph: nx.MultiDiGraph) -> None:
    with pytest.raises(UnknownActorError) as err:
        find_actor(graph, "Klobucher")
    assert str(err.value) == (
        "no actor named 'Klobucher'; did you mean Amy Klobuchar or Kris Kobach?"
    )
    with pytest.raises(UnknownActorError, match="check the spelling"):
        find_actor(graph, "Zzyzx Quorple")


# --- measures -------------------------------------------------------------------------


def _simple(g: nx.MultiDiGraph) -> nx.Graph:
    simple = nx.Graph()
    simple.add_nodes_from(g)
    simple.add_edges_from((u, v) for u, v in g.edges() if u != v)
    return simple


def test_degree_matches_networkx(graph: nx.MultiDiGraph) -> None:
    expected = nx.degree_centrality(_simple(graph))
    result = centrality(graph, "degree", top=0)
    assert {s.node: s.score for s in result.scores} == pytest.approx(expected)
    assert result.scores[0].label == "Kris Kobach"
    assert not result.approximate


def test_betweenness_is_exact_on_small_graphs_and_matches_networkx(
    graph: nx.MultiDiGraph,
) -> None:
    expected = nx.betweenness_centrality(_simple(graph))
    result = centrality(graph, "betweenness", top=0)
    assert {s.node: s.score for s in result.scores} == pytest.approx(expected)
    assert result.algorithm == "exact betweenness (igraph)"


def test_sampled_betweenness_says_it_is_approximate(graph: nx.MultiDiGraph) -> None:
    result = centrality(graph, "betweenness", sample=3, seed=1)
    assert result.approximate
    assert result.algorithm.startswith("approximate betweenness (igraph) from 3 sampled sources")
    assert result == centrality(graph, "betweenness", sample=3, seed=1)


def test_pagerank_and_eigenvector(graph: nx.MultiDiGraph) -> None:
    pagerank = centrality(graph, "pagerank", top=0)
    assert sum(s.score for s in pagerank.scores) == pytest.approx(1.0)
    eigenvector = centrality(graph, "eigenvector", top=3)
    assert eigenvector.scores[0].score == pytest.approx(1.0)
    assert len(eigenvector.scores) == 3


def test_unknown_measure(graph: nx.MultiDiGraph) -> None:
    with pytest.raises(ConfigError, match="use one of degree, betweenness, pagerank"):
        centrality(graph, "closeness")


def test_summary(graph: nx.MultiDiGraph) -> None:
    s = summarize(graph, top=2)
    assert s.nodes == {"person": 3, "organization": 6, "state": 2}
    assert sum(s.edges.values()) == graph.number_of_edges()
    assert s.components == nx.number_weakly_connected_components(graph)
    assert s.density == pytest.approx(nx.density(_simple(graph)))
    assert [c.label for c in s.central] == ["Kris Kobach", "Amy Klobuchar"]


# --- paths and neighbours -------------------------------------------------------------


def test_summary_figures_match_networkx() -> None:
    import random

    rng = random.Random(3)
    g = nx.MultiDiGraph()
    g.add_nodes_from((f"n{i}", {"label": f"N {i % 7}", "kind": "person"}) for i in range(60))
    for _ in range(80):
        g.add_edge(f"n{rng.randrange(40)}", f"n{rng.randrange(40)}", key=rng.choice(["a", "b"]))
    g.add_edge("n59", "n59", key="a")  # a self-loop: not isolated, no link
    s = summarize(g, top=0)
    sizes = [len(c) for c in nx.weakly_connected_components(g)]
    simple = nx.Graph(g.to_undirected())
    simple.remove_edges_from(nx.selfloop_edges(simple))
    assert (s.components, s.largest_component) == (len(sizes), max(sizes))
    assert s.isolated == sum(1 for n in g if g.degree(n) == 0)
    assert s.density == pytest.approx(nx.density(simple))
    assert [(c.node, c.score) for c in s.central] == [
        (c.node, c.score) for c in centrality(g, "degree", top=0).scores
    ]


def test_path_across_articles_has_evidence_per_hop(graph: nx.MultiDiGraph) -> None:
    result = shortest_paths(graph, "Klobuchar", "Kobach")
    (path,) = result.paths
    assert [(h.source_label, h.relation, h.target_label) for h in path] == [
        ("Amy Klobuchar", "complained_about", COMMISSION_NAME),
        ("Kris Kobach", "holds_office_in", COMMISSION_NAME),
    ]
    assert [(h.article, h.sentence) for h in path] == [
        ("a2-gao.md", A2_FIRST),
        ("a1-kobach.md", A1_FIRST),
    ]


def _diamond() -> nx.MultiDiGraph:
    """a and d linked through b and through c; b to c by a fact and a claim."""
    g = nx.MultiDiGraph()
    for node in "abcd":
        g.add_node(node, label=node.upper(), kind="person", aliases=[])
    for u, v, key, articles in [
        ("a", "b", "member_of_party", 1),
        ("c", "a", "reported", 1),
        ("b", "d", "holds_office_in", 1),
        ("c", "d", "claimed_about", 3),
        ("c", "d", "complained_about", 1),
    ]:
        evidence = [(f"{u}{v}.txt", f"{u} {key} {v}.")]
        g.add_edge(u, v, key, weak=False, articles=articles, confidence=0.5, evidence=evidence)
    return g


def test_all_shortest_paths() -> None:
    g = _diamond()
    result = shortest_paths(g, "A", "D", all_paths=True)
    assert [[(h.source, h.relation, h.target) for h in p] for p in result.paths] == [
        [("a", "member_of_party", "b"), ("b", "holds_office_in", "d")],
        [("c", "reported", "a"), ("c", "complained_about", "d")],
    ]
    assert result.complete
    limited = shortest_paths(g, "A", "D", all_paths=True, limit=1)
    assert len(limited.paths) == 1 and not limited.complete
    assert len(shortest_paths(g, "A", "D").paths) == 1


def test_no_path_is_an_empty_answer(graph: nx.MultiDiGraph) -> None:
    assert shortest_paths(graph, "Klobuchar", "Donald Trump").paths == ()


def test_ego_network(graph: nx.MultiDiGraph) -> None:
    near = ego_network(graph, "Klobuchar", 1)
    assert {(h.source_label, h.relation, h.target_label) for _, h in near.edges} == {
        ("Amy Klobuchar", "member_of_party", "Democratic Party"),
        ("Amy Klobuchar", "complained_about", COMMISSION_NAME),
        ("Amy Klobuchar", "claimed_about", COMMISSION_NAME),
        ("Amy Klobuchar", "complained_to", "Government Accountability Office"),
    }
    far = ego_network(graph, "Klobuchar", 2)
    assert (2, "Kris Kobach") in {(d, h.source_label) for d, h in far.edges}
    assert [d for d, _ in far.edges] == sorted(d for d, _ in far.edges)


# --- communities ----------------------------------------------------------------------


def test_communities_are_seeded_and_named(graph: nx.MultiDiGraph) -> None:
    result = communities(graph, "louvain", seed=7)
    assert result == communities(graph, "louvain", seed=7)
    assert result.algorithm == "Louvain (NetworKit PLM), resolution 1, seed 7"
    kobach = next(c for c in result.communities if "Kris Kobach" in c.labels)
    assert "Maryland" in kobach.labels
    assert all(len(c.members) >= 2 for c in result.communities)
    assert sum(n for c in result.communities for _, n in c.relations) <= graph.number_of_edges()


def test_louvain_finds_planted_groups_on_one_thread() -> None:
    from newskg.network._louvain import louvain_membership

    networkit = importlib.import_module("networkit")
    # Two 5-cliques joined by one link, and a lone vertex.
    cliques = [
        (a, b) for base in (0, 5) for a in range(base, base + 5) for b in range(a + 1, base + 5)
    ]
    edges = [*cliques, (4, 5)]
    before = networkit.getMaxNumberOfThreads()
    membership = louvain_membership(11, edges, seed=3, resolution=1.0)
    assert networkit.getMaxNumberOfThreads() == before
    assert len(set(membership[:5])) == 1 and len(set(membership[5:10])) == 1
    assert len(set(membership)) == 3
    assert louvain_membership(11, edges, seed=3, resolution=1.0) == membership
    # A resolution far above 1 splits the cliques; no links leaves every vertex alone.
    assert len(set(louvain_membership(11, edges, seed=3, resolution=50.0))) > 3
    assert louvain_membership(3, [], seed=3, resolution=1.0) == [0, 1, 2]


def test_label_propagation_and_unknown_method(graph: nx.MultiDiGraph) -> None:
    result = communities(graph, "label_propagation", min_size=1)
    assert sum(len(c.members) for c in result.communities) == graph.number_of_nodes()
    assert result.algorithm == "label propagation (igraph), seed 42"
    with pytest.raises(ConfigError, match="use one of auto, leiden, louvain, label_propagation"):
        communities(graph, "girvan_newman")


def test_auto_runs_leiden_seeded(graph: nx.MultiDiGraph) -> None:
    result = communities(graph, seed=7)
    assert result == communities(graph, "leiden", seed=7)
    assert result.algorithm == "Leiden (igraph, modularity), resolution 1, 2 iterations, seed 7"
    assert result.modularity > 0.3
    kobach = next(c for c in result.communities if "Kris Kobach" in c.labels)
    assert "Maryland" in kobach.labels


# --- export ---------------------------------------------------------------------------


def _same(a: nx.MultiDiGraph, b: nx.MultiDiGraph) -> None:
    assert dict(a.nodes(data=True)) == dict(b.nodes(data=True))
    assert sorted(a.edges(keys=True, data=True)) == sorted(b.edges(keys=True, data=True))


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graphml_and_gexf_load_back_into_networkx(kg: Path, tmp_path: Path, fmt: str) -> None:
    g = actor_graph(kg, kinds=["all"], co_mentions=True)
    (written,) = export_network(g, tmp_path / f"net.{fmt}")
    if fmt == "graphml":
        loaded = nx.read_graphml(written, force_multigraph=True)
    else:
        loaded = nx.read_gexf(written)
    assert isinstance(loaded, nx.MultiDiGraph)
    _same(loaded, encode(g))
    _same(read_network(written), g)


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json"])
def test_export_keeps_awkward_text(tmp_path: Path, fmt: str) -> None:
    g = nx.MultiDiGraph()
    g.add_node("urn:a&b", label='Tom "T" <Smith> & Co\nLtd', kind="person", aliases=["Ä’s"])
    g.add_node("urn:c", label="C", kind="state", aliases=[])
    for key in ("reported", "claimed_about"):
        g.add_edge("urn:a&b", "urn:c", key, relation=key, articles=1, weight=1.0, weak=False,
                   evidence=[("a.txt", "Line one\n\tline 'two' & <three>")])  # fmt: skip
    (written,) = export_network(g, tmp_path / f"awkward.{fmt}")
    _same(read_network(written), g)


def test_json_export_keeps_lists(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    (written,) = export_network(graph, tmp_path / "net.json")
    data = json.loads(written.read_text(encoding="utf-8"))
    assert {"nodes", "edges"} <= data.keys()
    assert isinstance(data["edges"][0]["evidence"], list)
    _same(read_network(written), graph)


def test_csv_export_writes_nodes_and_edges(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    nodes, edges = export_network(graph, tmp_path / "net.csv")
    assert (nodes.name, edges.name) == ("net.nodes.csv", "net.edges.csv")
    with nodes.open(encoding="utf-8") as f:
        node_rows = list(csv.DictReader(f))
    with edges.open(encoding="utf-8") as f:
        edge_rows = list(csv.DictReader(f))
    assert len(node_rows) == graph.number_of_nodes()
    assert len(edge_rows) == graph.number_of_edges()
    row = next(r for r in edge_rows if r["relation"] == "responded_to")
    assert (row["source_label"], row["target_label"]) == ("Maryland", "Kris Kobach")
    assert json.loads(row["evidence"]) == [["a1-kobach.md", "Maryland refused Kobach's request."]]


def test_unknown_export_format(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="use one of graphml, gexf, csv, json"):
        export_network(graph, tmp_path / "net.xlsx")


# --- the cache ------------------------------------------------------------------------


class _Reads:
    """Counts how often the graph file is really read; caches in ``folder``."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
        import newskg.network.projection as projection

        monkeypatch.setenv("NEWSKG_CACHE_DIR", str(folder))
        self.folder = folder
        self.count = 0
        real = projection.read_network_data

        def counting(kg: object) -> NetworkData:
            self.count += 1
            return real(kg)  # type: ignore[arg-type]

        monkeypatch.setattr(projection, "read_network_data", counting)


def _cache_files(folder: Path) -> list[str]:
    return sorted(p.name.split(".", 1)[1] for p in folder.glob("*.pickle"))


@pytest.fixture
def copied(kg: Path, tmp_path: Path) -> Path:
    import shutil

    return Path(shutil.copy(kg, tmp_path / "kg.trig"))


@pytest.fixture
def reads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> _Reads:
    return _Reads(monkeypatch, tmp_path / "cache")


def test_the_first_command_caches_and_the_next_ones_use_it(copied: Path, reads: _Reads) -> None:
    folder = reads.folder
    args = ("network", str(copied), "path", "Klobuchar", "Kobach", "-f", "tsv")
    first = run(*args)
    assert first[0] == 0 and reads.count == 1
    assert _cache_files(folder) == ["graph.pickle", "rows.pickle"]
    assert run(*args) == first and reads.count == 1
    # A filter projects the cached rows again: the same answer as reading the file.
    filtered = ("network", str(copied), "summary", "-f", "csv", "--since", "2017-10-01")
    assert run(*filtered) == run("network", "--no-cache", *filtered[1:]) and reads.count == 2
    cached, read = (actor_graph(copied, cache=c, since="2017-10-01") for c in (True, False))
    assert list(cached.nodes(data=True)) == list(read.nodes(data=True))
    assert list(cached.edges(keys=True, data=True)) == list(read.edges(keys=True, data=True))


def test_a_changed_file_or_version_is_read_again(
    copied: Path, reads: _Reads, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    import newskg.network.cache as cache

    expected = named(actor_graph(copied))
    assert named(actor_graph(copied, cache=True)) == expected and reads.count == 2
    actor_graph(copied, cache=True)
    assert reads.count == 2
    stat = copied.stat()
    os.utime(copied, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))  # touched
    assert named(actor_graph(copied, cache=True)) == expected and reads.count == 3
    monkeypatch.setattr(cache, "__version__", "0.0.0-other")
    actor_graph(copied, cache=True)
    assert reads.count == 4
    actor_graph(copied, cache=True)
    assert reads.count == 4


def test_no_cache_neither_reads_nor_writes_the_cache(copied: Path, reads: _Reads) -> None:
    for _ in range(2):
        assert run("network", "--no-cache", str(copied), "summary")[0] == 0
    assert reads.count == 2 and not reads.folder.exists()


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05truncated"])
def test_a_corrupt_cache_file_is_ignored_and_replaced(
    copied: Path, reads: _Reads, damage: bytes
) -> None:
    expected = run("network", str(copied), "summary")
    assert reads.count == 1
    for file in reads.folder.glob("*.pickle"):
        file.write_bytes(damage)
    assert run("network", str(copied), "summary") == expected and reads.count == 2
    assert run("network", str(copied), "summary") == expected and reads.count == 2


def test_an_unwritable_cache_folder_is_no_error(
    copied: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("NEWSKG_CACHE_DIR", str(blocker / "cache"))
    assert run("network", str(copied), "summary")[0] == 0


def test_stores_are_not_cached(kg: Path) -> None:
    from newskg.network.cache import cache_key

    assert cache_key(kg) is not None
    assert cache_key(kg.parent) is None
    assert cache_key("http://localhost:7878/query") is None


# --- the commands ---------------------------------------------------------------------


def test_summary_command(kg: Path) -> None:
    code, out, err = run("network", str(kg), "summary", "--format", "csv")
    assert (code, err) == (0, "")
    rows = list(csv.reader(out.splitlines()))
    assert rows[0] == ["section", "name", "value"]
    assert ["nodes", "person", "3"] in rows
    assert rows[-5][:2] == ["central (degree)", "Kris Kobach"]


def test_centrality_command_notes_the_algorithm(kg: Path) -> None:
    code, out, err = run(
        "network", str(kg), "centrality", "--measure", "betweenness", "--sample", "2", "--top", "3"
    )
    assert code == 0
    assert err.startswith("note: approximate betweenness (igraph) from 2 sampled sources")
    lines = out.splitlines()
    assert lines[0].split() == ["rank", "actor", "kind", "betweenness", "articles", "iri"]
    assert lines[-1] == "(3 rows)"


def test_path_command_shows_hops_with_evidence(kg: Path) -> None:
    code, out, err = run("network", str(kg), "path", "Klobuchar", "Kobach", "-f", "json")
    assert (code, err) == (0, "")
    hops = json.loads(out)
    assert [(h["hop"], h["source"], h["relation"], h["article"]) for h in hops] == [
        ("1", "Amy Klobuchar", "complained about", "a2-gao.md"),
        ("2", "Kris Kobach", "holds office in", "a1-kobach.md"),
    ]
    assert hops[0]["sentence"] == A2_FIRST


def test_path_command_without_a_path(kg: Path) -> None:
    code, out, err = run("network", str(kg), "path", "Klobuchar", "Trump")
    assert (code, out) == (0, "(no answers)\n")
    assert err == "note: no path between Amy Klobuchar and Donald Trump in this network\n"


def test_path_command_to_the_same_actor(kg: Path) -> None:
    code, out, err = run("network", str(kg), "path", "Kobach", "Kris Kobach")
    assert (code, out) == (0, "(no answers)\n")
    assert err == "note: both names are Kris Kobach: no path to show\n"


def test_an_ambiguous_name_exits_2_listing_candidates(kg: Path) -> None:
    code, out, err = run("network", str(kg), "neighbors", "Party")
    assert (code, out) == (2, "")
    assert err.startswith("Error: 'Party' matches 2 actors: Democratic Party (organization,")
    assert "Republican Party (organization," in err


def test_an_unknown_name_exits_2_with_a_suggestion(kg: Path) -> None:
    code, out, err = run("network", str(kg), "path", "Kobah", "Klobuchar")
    assert (code, out) == (2, "")
    assert err == "Error: no actor named 'Kobah'; did you mean Kris Kobach?\n"


def test_neighbors_command(kg: Path) -> None:
    code, out, _ = run("network", str(kg), "neighbors", "Maryland", "--depth", "1", "-f", "tsv")
    assert code == 0
    rows = [line.split("\t") for line in out.splitlines()]
    assert rows[0] == ["distance", "source", "relation", "target", "articles", "confidence",
                       "article", "sentence"]  # fmt: skip
    assert rows[1][:4] == ["1", "Maryland", "responded to request of", "Kris Kobach"]
    assert len(rows) == 2


def test_communities_command(kg: Path) -> None:
    code, out, err = run("network", str(kg), "communities", "--method", "label-propagation")
    assert code == 0
    assert err.startswith("note: label propagation (igraph), seed 42; modularity ")
    assert out.splitlines()[0].split() == ["community", "size", "members", "relations"]


def test_filters_on_a_command(kg: Path) -> None:
    args = ["network", str(kg), "summary", "-f", "csv", "--relation", "member_of_party"]
    code, out, _ = run(*args, "--since", "2017-10-01", "--kind", "person", "--kind", "organization")
    assert code == 0
    assert ["edges", "member_of_party", "2"] in list(csv.reader(out.splitlines()))
    code, _, err = run(*args, "--relation", "knows")
    assert code == 2
    assert "unknown relation 'knows'" in err
    code, _, err = run(*args, "--since", "June")
    assert code == 2
    assert "Invalid value for '--since'" in err


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json"])
def test_export_command(kg: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"net.{fmt}"
    code, stdout, err = run("network", str(kg), "export", "-o", str(out), "--co-mentions")
    assert (code, stdout) == (0, "")
    assert err.splitlines()[0] == f"wrote {out}"
    _same(read_network(out), actor_graph(kg, co_mentions=True))


def test_export_command_csv_by_format(kg: Path, tmp_path: Path) -> None:
    code, _, _ = run("network", str(kg), "export", "--format", "csv", "-o", str(tmp_path / "n"))
    assert code == 0
    assert (tmp_path / "n.nodes.csv").is_file() and (tmp_path / "n.edges.csv").is_file()


def test_a_missing_graph_file_exits_2(tmp_path: Path) -> None:
    code, out, err = run("network", str(tmp_path / "nope.trig"), "summary")
    assert (code, out) == (2, "")
    assert err == (
        f"Error: {tmp_path / 'nope.trig'}: no such graph file or store; give the file "
        "`newskg build -o` wrote or the folder `newskg build --store` wrote\n"
    )


def test_a_folder_that_is_not_a_store_exits_2(tmp_path: Path) -> None:
    code, out, err = run("network", str(tmp_path), "summary")
    assert (code, out) == (2, "")
    assert err.startswith(f"Error: {tmp_path}")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["neighbors", "Maryland", "--depth", "0"], "Invalid value for '--depth'"),
        (["path", "Kobach", "Klobuchar", "--limit", "0"], "Invalid value for '--limit'"),
        (["centrality", "--measure", "closeness"], "Invalid value for '--measure'"),
        (["centrality", "--top", "-1"], "Invalid value for '--top'"),
        (["communities", "--method", "girvan"], "Invalid value for '--method'"),
        (["summary", "--min-confidence", "2"], "Invalid value for '--min-confidence'"),
        (["summary", "--format", "xml"], "Invalid value for '--format'"),
        (["summary", "--kind", "planet"], "Error: unknown node kind 'planet'; use one of"),
        (["summary", "--article", "nope.md"], "Error: no article 'nope.md' in the graph"),
        (
            ["export", "-o", "net.xlsx"],
            "Error: net.xlsx: unknown network format 'xlsx'; use one of graphml",
        ),
        (["export"], "Missing option '-o' / '--output'"),
        (["path", "Kobach"], "Missing argument 'TARGET'"),
    ],
)
def test_usage_and_input_errors_exit_2(kg: Path, args: list[str], message: str) -> None:
    code, out, err = run("network", str(kg), *args)
    assert (code, out) == (2, "")
    assert message in err


@pytest.mark.parametrize(
    "command", ["summary", "centrality", "path", "neighbors", "communities", "export"]
)
def test_every_network_command_has_help(command: str) -> None:
    code, out, _ = run("network", "kg.trig", command, "--help")
    assert code == 0
    assert out.startswith(f"Usage: newskg network KG {command}")
    for option in ("--relation", "--kind", "--article", "--min-confidence", "--since"):
        assert option in out


def test_option_choices_match_the_library() -> None:
    from newskg.cli_network import _MEASURES, _METHODS, _RELATION_NAMES

    assert _RELATION_NAMES.split(", ") == list(RELATIONS)
    assert _MEASURES == network.MEASURES
    assert tuple(m.replace("-", "_") for m in _METHODS) == network.METHODS


# --- the package ----------------------------------------------------------------------


def test_importing_newskg_and_query_does_not_import_networkx() -> None:
    code = (
        "import sys, newskg, newskg.cli, newskg.query; "
        "print('networkx' in sys.modules, 'igraph' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False"]


def test_public_names() -> None:
    assert network.__all__ == sorted(network.__all__, key=lambda n: (not n.isupper(), n))
    for name in network.__all__:
        assert getattr(network, name) is not None


@pytest.mark.parametrize(
    "module",
    ["relations", "filters", "lookup", "centrality", "paths", "summary", "export"],
)
def test_docstring_examples(module: str) -> None:
    result = doctest.testmod(importlib.import_module(f"newskg.network.{module}"))
    assert result.attempted > 0
    assert result.failed == 0


# --- the evaluation articles ----------------------------------------------------------


@pytest.fixture(scope="module")
def eval_graph(tmp_path_factory: pytest.TempPathFactory) -> nx.MultiDiGraph:
    if not EVAL_ARTICLES.is_dir():
        pytest.skip("the evaluation articles (shared/eval/articles) are not beside the repo")
    from newskg.graphio import write_graph_file
    from newskg.pipeline import build_dataset

    out = tmp_path_factory.mktemp("eval") / "eval.trig"
    write_graph_file(build_dataset([EVAL_ARTICLES]).dataset, out)
    return actor_graph(out, kinds=["all"], co_mentions=True)


@pytest.mark.slow
def test_eval_path_between_articles_is_backed_by_their_sentences(
    eval_graph: nx.MultiDiGraph,
) -> None:
    assert {k for _, _, k in eval_graph.edges(keys=True)} == set(RELATIONS)
    (path,) = shortest_paths(eval_graph, "Klobuchar", "Lindsey Graham").paths
    assert len({hop.article for hop in path}) >= 2
    for hop in path:
        text = (EVAL_ARTICLES / hop.article).read_text(encoding="utf-8")
        assert hop.sentence and " ".join(hop.sentence.split()) in " ".join(text.split())


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_eval_network_round_trips(eval_graph: nx.MultiDiGraph, tmp_path: Path, fmt: str) -> None:
    (written,) = export_network(eval_graph, tmp_path / f"eval.{fmt}")
    _same(read_network(written), eval_graph)
