"""The whole build: every input format, determinism, and bad input in a batch."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, URIRef

from newskg.graphio import FORMATS, serialize
from newskg.pipeline import build_dataset, build_store

from .conftest import SEED

GRAPH = "https://w3id.org/newskg/graph/article/"
TEXT = "Sen. Maria Gomez of Ohio criticized the Federal Election Commission on Monday."


def _graph_ids(result_dataset: object) -> set[str]:
    return {
        str(g.identifier)[len(GRAPH) :]
        for g in result_dataset.graphs()  # type: ignore[attr-defined]
        if str(g.identifier).startswith(GRAPH)
    }


def test_every_input_format_builds(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.md").write_text(f"# Gomez speaks\n\n{TEXT}\n", encoding="utf-8")
    (tmp_path / "c.html").write_text(
        f"<html><head><title>Gomez</title></head><body><nav>Home | About</nav><article>"
        f"<h1>Gomez speaks</h1><p>{TEXT}</p><p>{TEXT}</p></article>"
        "<footer>Copyright</footer></body></html>",
        encoding="utf-8",
    )
    (tmp_path / "d.jsonl").write_text(
        json.dumps({"id": "rec-1", "title": "Gomez", "text": TEXT, "date": "2024-05-01"}) + "\n",
        encoding="utf-8",
    )
    (tmp_path / "e.csv").write_text(f'id,title,text\nrow-1,Gomez,"{TEXT}"\n', encoding="utf-8")
    result = build_dataset([tmp_path])
    assert result.problems == ()
    assert _graph_ids(result.dataset) == {"a.txt", "b.md", "c.html", "rec-1", "row-1"}
    for article in ("a.txt", "rec-1"):
        graph = result.dataset.graph(URIRef(GRAPH + article))
        labels = {
            str(o)
            for o in graph.objects(None, URIRef("http://www.w3.org/2000/01/rdf-schema#label"))
        }
        assert {"Maria Gomez", "Ohio", "Federal Election Commission"} <= labels


def test_same_input_gives_same_bytes_apart_from_build_time(tmp_path: Path) -> None:
    shutil.copy(SEED, tmp_path)
    first = serialize(build_dataset([tmp_path]).dataset, FORMATS["trig"])
    second = serialize(build_dataset([tmp_path]).dataset, FORMATS["trig"])

    def stable(text: str) -> list[str]:
        return [line for line in text.splitlines() if "generatedAtTime" not in line]

    assert stable(first) == stable(second)
    assert first.count("generatedAtTime") == 1


def test_bad_record_in_corpus_is_reported_and_rest_built(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(
        json.dumps({"id": "ok", "text": TEXT})
        + "\n{broken\n"
        + json.dumps({"id": "ok2", "text": TEXT})
        + "\n",
        encoding="utf-8",
    )
    result = build_dataset([corpus])
    assert _graph_ids(result.dataset) == {"ok", "ok2"}
    assert [(p.path, p.line) for p in result.problems] == [(str(corpus), 2)]


def _modules_loaded_by(code: str) -> set[str]:
    probe = f"{code}\nimport sys, json; print(json.dumps(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", probe], check=True, capture_output=True, text=True
    ).stdout.splitlines()[-1]
    return set(json.loads(out))


def test_importing_newskg_loads_no_spacy() -> None:
    loaded = _modules_loaded_by("import newskg, newskg.cli, newskg.query, newskg.model")
    assert "spacy" not in loaded
    assert "pyoxigraph" not in loaded


def test_query_and_help_do_not_import_spacy(seed_kg: Path) -> None:
    code = (
        "import sys\n"
        "from newskg.cli import cli\n"
        f"for args in (['--help'], ['query', {str(seed_kg)!r}, 'entities']):\n"
        "    try:\n"
        "        cli(args, prog_name='newskg')\n"
        "    except SystemExit as done:\n"
        "        assert done.code == 0, done.code\n"
    )
    loaded = _modules_loaded_by(code)
    assert "pyoxigraph" in loaded  # the query really ran
    assert "spacy" not in loaded


def test_network_commands_do_not_import_spacy(seed_kg: Path) -> None:
    code = (
        "from newskg.cli import cli\n"
        f"for args in (['network', '--help'], ['network', {str(seed_kg)!r}, 'summary']):\n"
        "    try:\n"
        "        cli(args, prog_name='newskg')\n"
        "    except SystemExit as done:\n"
        "        assert done.code == 0, done.code\n"
    )
    loaded = _modules_loaded_by(code)
    assert "networkx" in loaded  # the summary really ran
    assert "spacy" not in loaded


def test_query_on_a_store_folder_does_not_import_spacy(tmp_path: Path) -> None:
    from newskg.store import ArticleRecord, LocalStore

    with LocalStore(tmp_path / "kg", write=True) as store:
        store.replace_articles(
            [ArticleRecord("a", "h", "<https://e.org/a> <https://e.org/p> 1 .\n")]
        )
    code = (
        "from newskg.cli import cli\n"
        "try:\n"
        f"    cli(['query', {str(tmp_path / 'kg')!r}, 'entities'], prog_name='newskg')\n"
        "except SystemExit as done:\n"
        "    assert done.code == 0, done.code\n"
    )
    loaded = _modules_loaded_by(code)
    assert "pyoxigraph" in loaded
    assert "spacy" not in loaded


def test_two_processes_build_the_same_dataset_as_one(tmp_path: Path) -> None:
    from rdflib.compare import isomorphic

    shutil.copy(SEED, tmp_path)
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(f"{TEXT} Gomez said so on day {i}.", encoding="utf-8")
    stages: list[tuple[str, int, int]] = []
    one = build_dataset([tmp_path], progress=lambda *a: stages.append(a))
    two = build_dataset([tmp_path], jobs=2, batch_size=1)
    assert (one.articles, two.articles) == (4, 4)
    assert stages[-1] == ("writing", 4, 4)
    assert ("extracting", 4, 4) in stages
    for graph in one.dataset.graphs():
        if str(graph.identifier).startswith(GRAPH):
            assert isomorphic(graph, two.dataset.graph(graph.identifier)), graph.identifier
    assert one.report is not None and two.report is not None
    assert one.report.counts() == two.report.counts()


def _merging_corpus(folder: Path) -> None:
    """Four articles; the last two name a senator by surname only, so merges touch them."""
    folder.mkdir()
    shutil.copy(SEED, folder)
    (folder / "full.txt").write_text(TEXT, encoding="utf-8")
    for i in range(2):
        (folder / f"short-{i}.txt").write_text(
            f"Gomez criticized the Federal Election Commission again on day {i}.",
            encoding="utf-8",
        )


@pytest.mark.parametrize(
    ("spare_core", "jobs"),
    [(True, 1), (False, 2)],
    ids=["one job on a spare core", "graphs finished in two workers"],
)
def test_builds_finishing_graphs_early_equal_one_built_in_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spare_core: bool, jobs: int
) -> None:
    from rdflib.compare import isomorphic

    import newskg.pipeline as pipeline
    from newskg.store import open_store

    _merging_corpus(tmp_path / "in")
    monkeypatch.setattr(pipeline, "spare_core", lambda: spare_core)
    early = build_dataset([tmp_path / "in"], jobs=jobs)
    early_store = build_store([tmp_path / "in"], tmp_path / "kg-early", jobs=jobs)
    monkeypatch.setattr(pipeline, "spare_core", lambda: False)
    in_process = build_dataset([tmp_path / "in"])
    in_process_store = build_store([tmp_path / "in"], tmp_path / "kg-in-process")

    merges = URIRef("https://w3id.org/newskg/graph/resolution")
    assert len(in_process.dataset.graph(merges)) > 0, "the corpus must make a merge"
    assert _graph_ids(early.dataset) == _graph_ids(in_process.dataset)
    for graph in in_process.dataset.graphs():
        other = early.dataset.graph(graph.identifier)
        if str(graph.identifier).startswith(GRAPH) or graph.identifier == merges:
            assert isomorphic(graph, other), graph.identifier
    assert early.report is not None and in_process.report is not None
    assert early.report.counts() == in_process.report.counts()

    assert early_store.articles == in_process_store.articles == 4
    assert early_store.triples == in_process_store.triples
    dumps = []
    for folder in ("kg-early", "kg-in-process"):
        with open_store(tmp_path / folder) as store:
            dumps.append(Dataset().parse(data=store.dump(), format="nquads"))
    for article_id in _graph_ids(in_process.dataset):
        iri = URIRef(GRAPH + article_id)
        assert isomorphic(dumps[0].graph(iri), dumps[1].graph(iri)), article_id
    assert isomorphic(dumps[0].graph(merges), dumps[1].graph(merges))


def test_pass_two_builds_only_articles_not_finished_early(tmp_path: Path) -> None:
    from newskg.model import Article
    from newskg.pipeline import _finish
    from newskg.speculation import Speculation
    from newskg.workers import Finished

    def finished(article_id: str, note: str) -> Finished:
        return Finished(Article(article_id, note), note, (), (), False)

    asked: list[list[bytes]] = []

    class Stages:
        def finish(self, batches):  # type: ignore[no-untyped-def]
            for batch in batches:
                asked.append([blob for blob, _ in batch])
                yield [finished(blob.decode(), "built now") for blob, _ in batch]

    with (tmp_path / "spill").open("w+b") as spill:
        early = Speculation(spill)
        early.keep([finished("a", "early"), finished("c", "early")])
        batches = iter([[("a", b"", ()), ("b", b"b", ())], [("c", b"", ()), ("d", b"d", ())]])
        out = [
            [(f.article.id, f.ntriples) for f in batch]
            for batch in _finish(Stages(), batches, early)
        ]  # type: ignore[arg-type]
    assert asked == [[b"b"], [b"d"]]
    assert out == [
        [("a", "early"), ("b", "built now")],
        [("c", "early"), ("d", "built now")],
    ]
    assert len(early) == 0


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_worker_that_dies_stops_the_build_with_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    import os

    from click.testing import CliRunner

    import newskg.extract as extract
    import newskg.pipeline as pipeline
    from newskg.cli import cli

    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(TEXT, encoding="utf-8")
    monkeypatch.setattr(pipeline, "spare_core", lambda: True)  # jobs 1 parses in a worker
    # Workers are forked after this, so they see it; a worker dying takes no exception.
    monkeypatch.setattr(extract, "extract_article", lambda *args: os._exit(3))
    result = CliRunner().invoke(
        cli, ["build", str(tmp_path), "--jobs", str(jobs), "-o", str(tmp_path / "kg.trig")]
    )
    assert result.exit_code == 2, result.output
    assert "a worker process stopped before finishing its batch" in result.output
    assert not (tmp_path / "kg.trig").exists()


def _no_full_name_shapes(folder: Path) -> Graph:
    """newskg's shapes and one no graph naming the senator in full passes: an article
    naming her by surname only passes it, until a merge gives her full name."""
    from newskg.validate import load_shapes

    extra = folder / "no-full-name.ttl"
    extra.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "<https://example.org/NoFullName> a sh:NodeShape ;\n"
        "  sh:targetSubjectsOf rdfs:label ;\n"
        '  sh:property [ sh:path rdfs:label ; sh:not [ sh:hasValue "Maria Gomez" ] ] .\n',
        encoding="utf-8",
    )
    return load_shapes([extra])


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_early_graph_a_merge_breaks_is_withdrawn_from_the_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    import newskg.pipeline as pipeline
    from newskg.sinks import StoreSink
    from newskg.store import open_store

    _merging_corpus(tmp_path / "in")
    # A shape no graph naming the merged senator in full passes: the surname-only
    # articles pass it when built early and break it once merged.
    shapes = _no_full_name_shapes(tmp_path)
    withdrawn: list[str] = []
    withdraw = StoreSink.withdraw

    def note(sink: StoreSink, ids: list[str]) -> None:
        withdrawn.extend(ids)
        withdraw(sink, ids)

    monkeypatch.setattr(StoreSink, "withdraw", note)
    results = {}
    for name, spare, workers in (("early", True, jobs), ("in-process", False, 1)):
        monkeypatch.setattr(pipeline, "spare_core", lambda spare=spare: spare)
        result = build_store([tmp_path / "in"], tmp_path / name, shapes=shapes, jobs=workers)
        with open_store(tmp_path / name) as store:
            results[name] = (
                sorted(r.article.id for r in result.rejected),
                sorted(store.articles()),
            )
    assert results["early"] == results["in-process"]
    rejected, stored = results["early"]
    assert rejected == ["full.txt", "short-0.txt", "short-1.txt"]
    assert stored == ["000_37f6897af02eb592.txt"]
    assert sorted(withdrawn) == ["short-0.txt", "short-1.txt"]  # written early, then not


def test_a_worker_that_dies_between_batches_stops_the_build_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    import newskg.extract as extract
    from newskg.errors import WorkerError

    for i in range(6):
        (tmp_path / f"{i}.txt").write_text(TEXT, encoding="utf-8")
    monkeypatch.setattr(extract, "extract_article", lambda *args: os._exit(3))
    # With a batch per article the next task is handed out after the pool broke.
    with pytest.raises(WorkerError, match="a worker process stopped"):
        build_store([tmp_path], tmp_path / "kg", jobs=2, batch_size=1)


def test_a_build_stopped_in_pass_two_leaves_merged_articles_absent_then_finishes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rdflib.compare import isomorphic

    import newskg.pipeline as pipeline
    from newskg.store import open_store

    _merging_corpus(tmp_path / "in")
    monkeypatch.setattr(pipeline, "spare_core", lambda: True)

    def stop(stage: str, done: int, total: int) -> None:
        if stage == "writing":
            raise KeyboardInterrupt  # before pass 2 writes the merged articles again

    with pytest.raises(KeyboardInterrupt):
        build_store([tmp_path / "in"], tmp_path / "kg", batch_size=1, progress=stop)
    with open_store(tmp_path / "kg") as store:
        assert sorted(store.articles()) == ["000_37f6897af02eb592.txt", "full.txt"]
    again = build_store([tmp_path / "in"], tmp_path / "kg")
    assert (again.articles, again.unchanged) == (2, 2)
    whole = build_dataset([tmp_path / "in"]).dataset
    with open_store(tmp_path / "kg") as store:
        dumped = Dataset().parse(data=store.dump(), format="nquads")
    for article in ("short-0.txt", "short-1.txt"):
        iri = URIRef(GRAPH + article)
        assert isomorphic(dumped.graph(iri), whole.graph(iri)), article


def test_a_changed_article_a_merge_breaks_keeps_its_stored_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import newskg.pipeline as pipeline
    from newskg.store import open_store

    shapes = _no_full_name_shapes(tmp_path)
    stored = {}
    for spare in (True, False):
        monkeypatch.setattr(pipeline, "spare_core", lambda spare=spare: spare)
        folder, src = tmp_path / f"kg-{spare}", tmp_path / f"in-{spare}"
        src.mkdir()
        short = src / "short.txt"
        short.write_text("Gomez criticized the Federal Election Commission.", encoding="utf-8")
        build_store([src], folder, shapes=shapes)
        # Changed, and now merged with the full name another article gives: rejected.
        short.write_text("Gomez criticized the Federal Election Commission again.")
        (src / "full.txt").write_text(TEXT, encoding="utf-8")
        result = build_store([src], folder, shapes=shapes)
        assert "short.txt" in {r.article.id for r in result.rejected}
        with open_store(folder) as store:
            stored[spare] = store.articles()
    assert set(stored[True]) == set(stored[False]) == {"short.txt"}
    assert stored[True]["short.txt"].content_hash == stored[False]["short.txt"].content_hash
