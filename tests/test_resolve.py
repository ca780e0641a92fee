"""Cross-article resolution: one node per person across articles, merges kept as data."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Literal, URIRef

from newskg.ids import article_graph_iri, entity_iri
from newskg.model import EntityType
from newskg.pipeline import build_dataset
from newskg.resolve import RESOLUTION_GRAPH, _person_targets
from newskg.vocab import NKG, RDFS

ARTICLES = {
    "a.txt": "Maria Gomez, a lawyer, met Luis Gomez in Ohio. Kevin Ortega spoke first.",
    "b.txt": "Kevin Ortega criticized the plan in Texas. Ortega said it would fail.",
    "c.txt": "Ortega returned to Texas on Friday. Maria Gomez was not there.",
}


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    folder = tmp_path_factory.mktemp("articles")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return build_dataset([folder]).dataset


def test_a_person_named_in_three_articles_is_one_node_with_mentions_from_each(
    dataset: Dataset,
) -> None:
    ortega = entity_iri(EntityType.PERSON, "Kevin Ortega")
    graphs = [g for _, _, _, g in dataset.quads((None, NKG.refersTo, ortega, None))]
    articles = {str(g).rsplit("/", 1)[-1] for g in graphs}
    assert articles == {"a.txt", "b.txt", "c.txt"}
    assert len(graphs) == 4  # one mention in a and c, two in b


def test_surname_alone_joins_the_only_full_name_across_articles(dataset: Dataset) -> None:
    ortega = entity_iri(EntityType.PERSON, "Kevin Ortega")
    graph_c = dataset.graph(article_graph_iri("c.txt"))
    assert (ortega, RDFS.label, Literal("Kevin Ortega")) in graph_c
    assert (None, NKG.refersTo, entity_iri(EntityType.PERSON, "Ortega")) not in graph_c


def test_people_sharing_a_surname_are_not_merged(dataset: Dataset) -> None:
    graph_a = dataset.graph(article_graph_iri("a.txt"))
    for name in ("Maria Gomez", "Luis Gomez"):
        assert (entity_iri(EntityType.PERSON, name), RDFS.label, Literal(name)) in graph_a


def test_merges_are_recorded_with_the_name_they_replaced(dataset: Dataset) -> None:
    graph = dataset.graph(RESOLUTION_GRAPH)
    merges = list(graph.subjects(NKG.mergedName, Literal("Ortega")))
    assert len(merges) == 1
    merge = merges[0]
    assert graph.value(merge, NKG.canonicalEntity) == entity_iri(EntityType.PERSON, "Kevin Ortega")
    assert graph.value(merge, NKG.mergedEntity) == entity_iri(EntityType.PERSON, "Ortega")
    assert set(graph.objects(merge, NKG.inArticle)) == {
        URIRef("https://w3id.org/newskg/id/article/c.txt")
    }


def test_no_resolve_keeps_names_apart(tmp_path: Path) -> None:
    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    ds = build_dataset([tmp_path], resolve=False).dataset
    graph_c = ds.graph(article_graph_iri("c.txt"))
    assert (None, NKG.refersTo, entity_iri(EntityType.PERSON, "Ortega")) in graph_c
    assert len(ds.graph(RESOLUTION_GRAPH)) == 0


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (
            {"Donald J. Trump": 1, "Donald Trump": 5},
            {"Donald J. Trump": ("Donald Trump", "same first and last name")},
        ),
        ({"George H. Bush": 1, "George W. Bush": 1, "George Bush": 1, "Bush": 1}, {}),
        ({"Gomez": 2, "Maria Gomez": 1, "Luis Gomez": 1}, {}),
    ],
)
def test_person_rules(names: dict[str, int], expected: dict[str, tuple[str, str]]) -> None:
    from collections import Counter

    assert _person_targets(Counter(names)) == expected


def test_undo_merge_gives_the_article_its_own_entity_back(tmp_path: Path) -> None:
    from newskg.resolve import undo_merge

    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    ds = build_dataset([tmp_path]).dataset
    record = ds.graph(RESOLUTION_GRAPH)
    (merge,) = record.subjects(NKG.mergedName, Literal("Ortega"))
    assert undo_merge(ds, merge) == 1
    graph_c = ds.graph(article_graph_iri("c.txt"))
    ortega = entity_iri(EntityType.PERSON, "Ortega")
    assert (ortega, RDFS.label, Literal("Ortega")) in graph_c
    assert (None, NKG.refersTo, ortega) in graph_c
    assert (entity_iri(EntityType.PERSON, "Kevin Ortega"), None, None) not in graph_c
    assert (merge, None, None) not in record
    graph_b = ds.graph(article_graph_iri("b.txt"))
    assert (entity_iri(EntityType.PERSON, "Kevin Ortega"), None, None) in graph_b
    with pytest.raises(KeyError):
        undo_merge(ds, merge)
