"""Store folders: incremental builds, atomic batches, one writer, removal, resolution."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from newskg.errors import StoreError
from newskg.ids import article_graph_iri, entity_iri
from newskg.model import EntityType
from newskg.pipeline import build_dataset, build_store
from newskg.resolve import RESOLUTION_GRAPH
from newskg.store import ArticleRecord, LocalStore, open_store
from newskg.vocab import NKG

G = "https://w3id.org/newskg/graph/article/"
NKG_NS = "https://w3id.org/newskg/ontology#"
ARTICLES = {
    "a.txt": "Kevin Ortega criticized the plan in Texas. Ortega said it would fail.",
    "b.txt": "Maria Gomez, a lawyer, met Luis Gomez in Ohio on Monday.",
}


def _record(article: str, text_hash: str, value: str, merges: str = "") -> ArticleRecord:
    a = f"<https://w3id.org/newskg/id/article/{article}>"
    graph = (
        f'{a} <{NKG_NS}contentHash> "{text_hash}" .\n'
        f'{a} <http://purl.org/dc/terms/identifier> "{article}" .\n'
        f'<https://example.org/x> <https://example.org/says> "{value}" .\n'
    )
    meta = (
        f"<{G}{article}> <http://www.w3.org/ns/prov#wasGeneratedBy> <https://example.org/run> .\n"
    )
    return ArticleRecord(article, text_hash, graph, meta, merges)


def _merge(article: str, name: str) -> str:
    node = f"<https://example.org/merge/{name}>"
    return (
        f'{node} a <{NKG_NS}Merge> .\n{node} <{NKG_NS}mergedName> "{name}" .\n'
        f"{node} <{NKG_NS}inArticle> <https://w3id.org/newskg/id/article/{article}> .\n"
    )


def _graph(store: LocalStore, article: str) -> set[str]:
    rows = store.query(f"SELECT ?o WHERE {{ GRAPH <{G}{article}> {{ ?s ?p ?o }} }}").rows
    return {row[0] for row in rows}


def test_replace_has_and_remove_articles(tmp_path: Path) -> None:
    with LocalStore(tmp_path / "kg", write=True) as store:
        store.replace_articles(
            [_record("a", "h1", "first", _merge("a", "Ortega")), _record("b", "h2", "bee")]
        )
        assert set(store.articles()) == {"a", "b"}
        assert store.has_article("a", "h1")
        assert store.has_article("a", "h1", "https://example.org/run")
        assert not store.has_article("a", "h1", "https://example.org/other-run")
        assert not store.has_article("a", "changed")
        store.replace_articles([_record("a", "h3", "second")])
        assert "second" in _graph(store, "a") and "first" not in _graph(store, "a")
        assert store.articles()["a"].content_hash == "h3"
        # the new version names no merge: the old merge record is gone with its link
        assert store.query("ASK { ?m a nkg:Merge }").rows == (("false",),)
        assert store.remove_articles(["b", "missing"]) == ("b",)
        assert set(store.articles()) == {"a"}
        assert _graph(store, "b") == set()
        meta = store.query(f"ASK {{ <{G}b> ?p ?o }}").rows
        assert meta == (("false",),)


def test_a_merge_shared_by_two_articles_outlives_one_of_them(tmp_path: Path) -> None:
    with LocalStore(tmp_path / "kg", write=True) as store:
        store.replace_articles(
            [
                _record("a", "h1", "x", _merge("a", "Ortega")),
                _record("b", "h2", "y", _merge("b", "Ortega")),
            ]
        )
        store.remove_articles(["a"])
        rows = store.query("SELECT ?a WHERE { ?m nkg:inArticle ?a }").rows
        assert rows == (("https://w3id.org/newskg/id/article/b",),)


def test_updates_leave_no_scratch_graph(tmp_path: Path) -> None:
    with LocalStore(tmp_path / "kg", write=True) as store:
        store.replace_articles([_record("a", "h1", "x", _merge("a", "Ortega"))])
        store.replace_articles([_record("a", "h2", "x", _merge("a", "Ortega"))])
        store.remove_articles(["a"])
        graphs = store.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }").rows
        assert graphs == ()


def test_a_store_flushes_its_write_buffers_as_it_fills(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "kg"
    with LocalStore(folder, write=True) as store:
        tables = len(list(folder.glob("*.sst")))
        store.replace_articles([_record("a", "h1", "x")])
        # Still in memory (opening may have written one table in the background) ...
        assert len(list(folder.glob("*.sst"))) <= tables + 1
        tables = len(list(folder.glob("*.sst")))
        monkeypatch.setattr("newskg.store.FLUSH_EVERY", 1)
        store.replace_articles([_record("b", "h2", "y")])
        # ... and now written out: a table for each index the quads went into.
        assert len(list(folder.glob("*.sst"))) >= tables + 5
        assert set(store.articles()) == {"a", "b"}


def test_a_second_writer_gets_a_clear_error_and_the_store_is_untouched(tmp_path: Path) -> None:
    folder = tmp_path / "kg"
    with LocalStore(folder, write=True) as store:
        store.replace_articles([_record("a", "h1", "x")])
        with pytest.raises(StoreError, match="another newskg process is using this store"):
            LocalStore(folder, write=True)
        probe = (
            "from pathlib import Path\nfrom newskg.store import LocalStore\n"
            f"LocalStore(Path({str(folder)!r}), write=True)\n"
        )
        other = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
        assert other.returncode == 1
        assert f"{folder}: another newskg process is using this store" in other.stderr
        with pytest.raises(StoreError, match="another newskg process is writing to this store"):
            LocalStore(folder)
    with LocalStore(folder) as reader:
        assert set(reader.articles()) == {"a"}


def test_folders_that_are_not_stores_are_refused(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(StoreError, match="holds other files, not a newskg store"):
        open_store(tmp_path, write=True)
    with pytest.raises(StoreError, match="no such store folder"):
        open_store(tmp_path / "missing")
    with pytest.raises(StoreError, match="not a newskg store"):
        open_store(tmp_path)


# -- builds into a store (these load spaCy) ------------------------------------------------


def _write(folder: Path, articles: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in articles.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.mark.slow
def test_store_build_equals_file_build(tmp_path: Path) -> None:
    src = _write(tmp_path / "in", ARTICLES)
    stored = build_store([src], tmp_path / "kg")
    assert (stored.articles, stored.unchanged, stored.store) == (2, 0, str(tmp_path / "kg"))
    expected = build_dataset([src]).dataset
    with LocalStore(tmp_path / "kg") as store:
        got = Dataset()
        got.parse(data=store.dump().decode(), format="nquads")
    for article in ARTICLES:
        iri = article_graph_iri(article)
        assert isomorphic(got.graph(iri), expected.graph(iri)), article


@pytest.mark.slow
def test_incremental_build_skips_unchanged_and_replaces_changed(tmp_path: Path) -> None:
    src = _write(tmp_path / "in", ARTICLES)
    build_store([src], tmp_path / "kg")
    (src / "b.txt").write_text("Maria Gomez, a lawyer, left Ohio on Friday.", encoding="utf-8")
    (src / "c.txt").write_text("Luis Gomez spoke in Texas.", encoding="utf-8")
    again = build_store([src], tmp_path / "kg", jobs=2)
    assert (again.articles, again.unchanged) == (2, 1)
    with LocalStore(tmp_path / "kg") as store:
        assert set(store.articles()) == {"a.txt", "b.txt", "c.txt"}
        luis = entity_iri(EntityType.PERSON, "Luis Gomez")
        rows = store.query(f"SELECT ?g WHERE {{ GRAPH ?g {{ <{luis}> ?p ?o }} }}").rows
        assert {r[0] for r in rows} == {G + "c.txt"}  # b.txt's new version no longer names him
    forced = build_store([src], tmp_path / "kg", force=True)
    assert (forced.articles, forced.unchanged) == (3, 0)


@pytest.mark.slow
def test_a_new_surname_joins_the_full_name_already_stored(tmp_path: Path) -> None:
    build_store(
        [_write(tmp_path / "one", {"a.txt": "Kevin Ortega criticized the plan."})], tmp_path / "kg"
    )
    build_store([_write(tmp_path / "two", {"c.txt": "Ortega returned to Texas."})], tmp_path / "kg")
    ortega = entity_iri(EntityType.PERSON, "Kevin Ortega")
    with LocalStore(tmp_path / "kg") as store:
        ds = Dataset()
        ds.parse(data=store.dump().decode(), format="nquads")
    assert (None, NKG.refersTo, ortega) in ds.graph(article_graph_iri("c.txt"))
    merges = ds.graph(RESOLUTION_GRAPH)
    [merge] = merges.subjects(NKG.mergedName, Literal("Ortega"))
    assert set(merges.objects(merge, NKG.inArticle)) == {
        URIRef("https://w3id.org/newskg/id/article/c.txt")
    }
    with LocalStore(tmp_path / "kg", write=True) as store:
        store.remove_articles(["c.txt"])
        assert store.query("ASK { GRAPH ?g { ?m a nkg:Merge } }").rows == (("false",),)


KILLED_BUILD = """
import os, signal, sys
from newskg.pipeline import build_store
from newskg.store import LocalStore

write = LocalStore.replace_articles
written = []

def replace_articles(self, records):
    write(self, records)
    written.append(records)
    if len(written) == 2:
        os.kill(os.getpid(), signal.SIGKILL)  # dies after two one-article transactions

LocalStore.replace_articles = replace_articles
build_store([sys.argv[1]], sys.argv[2], batch_size=1)
"""


@pytest.mark.slow
def test_a_killed_build_leaves_whole_articles_and_a_rerun_finishes(tmp_path: Path) -> None:
    texts = {f"{i}.txt": f"Kevin Ortega met Maria Gomez in Ohio, day {i}." for i in range(5)}
    src = _write(tmp_path / "in", texts)
    folder = tmp_path / "kg"
    killed = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(KILLED_BUILD), str(src), str(folder)],
        capture_output=True,
        text=True,
    )
    # run() returns once the pipes close: the parsing worker died with the build.
    assert killed.returncode == -9, killed.stderr
    expected = build_dataset([src]).dataset
    with LocalStore(folder) as store:
        stored = store.articles()
        assert len(stored) == 2  # the two committed transactions, nothing of the third
        ds = Dataset()
        ds.parse(data=store.dump().decode(), format="nquads")
    for article in stored:
        iri = article_graph_iri(article)
        assert isomorphic(ds.graph(iri), expected.graph(iri)), article
    meta = {s for s in ds.default_graph.subjects() if str(s).startswith(G)}
    assert meta == {article_graph_iri(a) for a in stored}
    rerun = build_store([src], folder)
    assert (rerun.articles, rerun.unchanged) == (3, 2)
    with LocalStore(folder) as store:
        assert set(store.articles()) == set(texts)


@pytest.mark.slow
def test_a_write_that_fails_stops_the_build_with_its_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = {f"{i}.txt": f"Kevin Ortega met Maria Gomez in Ohio, day {i}." for i in range(4)}
    src = _write(tmp_path / "in", texts)
    write = LocalStore.replace_articles
    calls: list[int] = []

    def failing(self: LocalStore, records: list[ArticleRecord]) -> None:
        calls.append(len(records))
        if len(calls) == 2:
            raise StoreError(f"{self.location}: cannot write to the store (disk full)")
        write(self, records)

    monkeypatch.setattr(LocalStore, "replace_articles", failing)
    folder = tmp_path / "kg"
    with pytest.raises(StoreError, match="disk full"):
        build_store([src], folder, batch_size=1)
    assert calls == [1, 1]  # the writes after the failure were not tried
    monkeypatch.undo()
    with LocalStore(folder, write=True) as store:  # closed and unlocked
        assert len(store.articles()) == 1


def test_loading_a_store_folder_for_queries(tmp_path: Path) -> None:
    from newskg.graphio import load_dataset, load_store

    with LocalStore(tmp_path / "kg", write=True) as store:
        store.replace_articles([_record("a", "h1", "x")])
    oxigraph = load_store(tmp_path / "kg")
    assert len(oxigraph) == 4
    ds = load_dataset(tmp_path / "kg")
    assert len(ds.graph(URIRef(G + "a"))) == 3
    assert isinstance(ds.default_graph, Graph)


def test_a_batch_that_fails_leaves_none_of_its_articles(tmp_path: Path) -> None:
    with LocalStore(tmp_path / "kg", write=True) as store:
        store.replace_articles([_record("a", "h1", "kept")])
        broken = ArticleRecord("c", "h3", "<https://example.org/x> not N-Triples .\n")
        with pytest.raises(StoreError, match="cannot write to the store"):
            store.replace_articles([_record("b", "h2", "bee"), broken])
        assert set(store.articles()) == {"a"}
        assert _graph(store, "b") == set()
        assert "kept" in _graph(store, "a")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("spare_core", "stage"),
    [(False, "writing"), (True, "extracting")],
    ids=["in-process, while writing", "overlapped, while parsing"],
)
def test_an_exception_mid_build_keeps_whole_articles_and_frees_the_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spare_core: bool, stage: str
) -> None:
    import newskg.pipeline as pipeline

    texts = {f"{i}.txt": f"Kevin Ortega met Maria Gomez in Ohio, day {i}." for i in range(4)}
    src = _write(tmp_path / "in", texts)
    # With a spare core each article is written as soon as it is parsed and built.
    monkeypatch.setattr(pipeline, "spare_core", lambda: spare_core)

    def progress(now: str, done: int, total: int) -> None:
        if now == stage and done == 2:
            raise KeyboardInterrupt  # as if the user pressed Ctrl-C after two articles

    with pytest.raises(KeyboardInterrupt):
        build_store([src], tmp_path / "kg", batch_size=1, progress=progress)
    expected = build_dataset([src]).dataset
    with LocalStore(tmp_path / "kg", write=True) as store:  # the lock was released
        assert len(store.articles()) == 2
        ds = Dataset()
        ds.parse(data=store.dump().decode(), format="nquads")
    for article in texts:
        iri = article_graph_iri(article)
        assert len(ds.graph(iri)) in (0, len(expected.graph(iri)))
        if len(ds.graph(iri)):
            assert isomorphic(ds.graph(iri), expected.graph(iri)), article


@pytest.mark.slow
def test_remove_drops_what_only_the_article_said_and_keeps_what_others_say(
    tmp_path: Path,
) -> None:
    from click.testing import CliRunner

    from newskg.cli import cli

    src = _write(
        tmp_path / "in",
        {
            "a.txt": "Kevin Ortega criticized the plan in Texas.",
            "b.txt": "Kevin Ortega spoke in Ohio. Maria Gomez agreed.",
        },
    )
    build_store([src], tmp_path / "kg")
    ortega = entity_iri(EntityType.PERSON, "Kevin Ortega")
    gomez = entity_iri(EntityType.PERSON, "Maria Gomez")
    ohio = entity_iri(EntityType.STATE, "Ohio")
    texas = entity_iri(EntityType.STATE, "Texas")

    def described() -> set[str]:
        with LocalStore(tmp_path / "kg") as store:
            rows = store.query("SELECT DISTINCT ?s WHERE { ?s rdfs:label ?l }").rows
        return {r[0] for r in rows}

    assert {str(ortega), str(gomez), str(ohio), str(texas)} <= described()
    result = CliRunner().invoke(cli, ["remove", str(tmp_path / "kg"), "b.txt"])
    assert (result.exit_code, result.stderr) == (0, f"removed 1 articles from {tmp_path / 'kg'}\n")
    left = described()
    assert str(ortega) in left and str(texas) in left  # a.txt still says them
    assert str(gomez) not in left and str(ohio) not in left  # only b.txt did
    with LocalStore(tmp_path / "kg") as store:
        assert set(store.articles()) == {"a.txt"}
        assert store.query(f"ASK {{ ?s ?p <{ohio}> }}").rows == (("false",),)


def test_remove_from_a_missing_folder_creates_no_store(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from newskg.cli import cli

    result = CliRunner().invoke(cli, ["remove", str(tmp_path / "nope"), "a.txt"])
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {tmp_path / 'nope'}: no such store folder; give the folder "
        "`newskg build --store` made\n"
    )
    assert not (tmp_path / "nope").exists()
