"""The command line: every command's output and exit codes, run in-process."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from newskg import __version__
from newskg.cli import cli

from .conftest import SEED

QUESTION_COLUMNS = {
    "entities": ["entity", "type", "article"],
    "roles": ["person", "office", "organization", "article"],
    "parties": ["person", "party", "article"],
    "candidacies": ["person", "election", "year", "article"],
    "stances": ["actor", "stance", "target", "article"],
    "complaints": ["complainant", "respondent", "addressee", "allegation", "article"],
    "claims": ["claimant", "claim", "reported_by", "article"],
}


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    """Run newskg in-process and capture exit code, stdout and stderr apart."""
    result = runner.invoke(cli, list(args), prog_name="newskg", catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_version(runner: CliRunner) -> None:
    code, out, _ = run(runner, "--version")
    assert (code, out) == (0, f"newskg, version {__version__}\n")


@pytest.mark.parametrize("command", ["build", "query", "export", "validate", "remove"])
def test_every_command_has_help(runner: CliRunner, command: str) -> None:
    code, out, _ = run(runner, command, "--help")
    assert code == 0
    assert out.startswith(f"Usage: newskg {command}")


def test_build_writes_graph_and_summary(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "kg.trig"
    code, stdout, stderr = run(runner, "build", str(SEED), "-o", str(out))
    assert code == 0
    assert stdout == ""
    first, second = stderr.splitlines()
    assert first.startswith("built 1 articles: ")
    assert first.endswith(f"-> {out}")
    assert second.startswith("validation: ")
    ds = Dataset()
    ds.parse(out, format="trig")
    graphs = {str(g.identifier) for g in ds.graphs() if len(g)}
    assert "https://w3id.org/newskg/graph/article/000_37f6897af02eb592.txt" in graphs


def test_build_skips_bad_article_keeps_the_rest(runner: CliRunner, tmp_path: Path) -> None:
    shutil.copy(SEED, tmp_path)
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "latin.txt").write_bytes("Caf\xe9 society".encode("latin-1"))
    out = tmp_path / "kg.nq"
    code, _, stderr = run(runner, "build", str(tmp_path), "-o", str(out))
    assert code == 2
    errors = [line for line in stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 2
    assert any(str(tmp_path / "empty.txt") in e for e in errors)
    assert any(str(tmp_path / "latin.txt") in e and "UTF-8" in e for e in errors)
    assert "built 1 articles, 2 skipped" in stderr
    assert "000_37f6897af02eb592.txt" in out.read_text(encoding="utf-8")


def test_build_missing_path_is_exit_2_and_nothing_written(
    runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "kg.trig"
    code, _, stderr = run(runner, "build", str(tmp_path / "nope"), "-o", str(out))
    assert code == 2
    assert f"error: {tmp_path / 'nope'}: no such file or folder; check the path" in stderr
    assert "nothing was written" in stderr
    assert not out.exists()


def test_build_unknown_output_suffix(runner: CliRunner, tmp_path: Path) -> None:
    code, _, stderr = run(runner, "build", str(SEED), "-o", str(tmp_path / "kg.xyz"))
    assert code == 2
    assert "unknown graph file type '.xyz'" in stderr
    assert "Traceback" not in stderr


def test_build_without_output_is_usage_error(runner: CliRunner) -> None:
    code, _, stderr = run(runner, "build", str(SEED))
    assert code == 2
    assert stderr.endswith("Error: give either -o OUT (a graph file) or --store DIR|URL\n")


def test_build_with_output_and_store_is_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    args = ("build", str(SEED), "-o", str(tmp_path / "kg.trig"), "--store", str(tmp_path / "s"))
    code, _, stderr = run(runner, *args)
    assert code == 2
    assert "give either -o OUT (a graph file) or --store DIR|URL" in stderr
    code, _, stderr = run(runner, "build", str(SEED), "-o", str(tmp_path / "kg.trig"), "--force")
    assert code == 2
    assert "--force needs --store" in stderr
    assert not (tmp_path / "s").exists() and not (tmp_path / "kg.trig").exists()


def test_build_jobs_must_be_positive(runner: CliRunner, tmp_path: Path) -> None:
    code, _, stderr = run(runner, "build", str(SEED), "-o", str(tmp_path / "k.nq"), "-j", "0")
    assert code == 2
    assert "Invalid value for '--jobs'" in stderr


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed article and a short one built into a store folder with two processes."""
    folder = tmp_path_factory.mktemp("store")
    (folder / "in").mkdir()
    shutil.copy(SEED, folder / "in")
    (folder / "in" / "short.txt").write_text(
        "Sen. Maria Gomez of Ohio criticized the Federal Election Commission.", encoding="utf-8"
    )
    result = CliRunner().invoke(
        cli, ["build", str(folder / "in"), "--store", str(folder / "kg"), "--jobs", "2"]
    )
    assert result.exit_code == 0, result.output
    assert "\nbuilt 2 articles: " in result.stderr
    return folder


def test_store_build_answers_like_a_file_build(
    runner: CliRunner, seed_store: Path, seed_kg: Path
) -> None:
    code, from_store, _ = run(runner, "query", str(seed_store / "kg"), "roles", "-f", "csv")
    assert code == 0
    _, from_file, _ = run(runner, "query", str(seed_kg), "roles", "-f", "csv")
    store_rows = list(csv.reader(io.StringIO(from_store)))[1:]
    seed_rows = [r for r in store_rows if r[3] == "000_37f6897af02eb592.txt"]
    assert seed_rows == list(csv.reader(io.StringIO(from_file)))[1:]
    assert ["Maria Gomez", "senator", "Ohio", "short.txt"] in [r[:4] for r in store_rows]


def test_store_rebuild_skips_unchanged_articles(runner: CliRunner, seed_store: Path) -> None:
    code, _, stderr = run(
        runner, "build", str(seed_store / "in"), "--store", str(seed_store / "kg")
    )
    assert code == 0
    assert stderr.startswith("built 0 articles, 2 unchanged: ")


def test_remove_articles_from_a_store(runner: CliRunner, seed_store: Path, tmp_path: Path) -> None:
    store = tmp_path / "kg"
    shutil.copytree(seed_store / "kg", store)
    (store / "newskg.lock").unlink()
    code, _, stderr = run(runner, "remove", str(store), "short.txt", "nope.txt")
    assert code == 2
    assert stderr == (
        f"removed 1 articles from {store}\n"
        f"Error: {store}: no article nope.txt; see `newskg query {store} entities` "
        "for the stored ids\n"
    )
    code, out, _ = run(runner, "query", str(store), "entities", "-f", "csv")
    assert code == 0
    assert "short.txt" not in out and "000_37f6897af02eb592.txt" in out
    code, out, _ = run(runner, "query", str(store), "ASK { ?p rdfs:label 'Maria Gomez' }")
    assert (code, out) == (0, "answer\n------\nfalse\n(1 rows)\n")


def test_store_commands_name_the_folder_when_it_is_no_store(
    runner: CliRunner, tmp_path: Path
) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    code, _, stderr = run(runner, "query", str(tmp_path), "entities")
    assert code == 2
    assert f"{tmp_path}: not a newskg store" in stderr
    code, _, stderr = run(runner, "remove", str(tmp_path), "a.txt")
    assert code == 2
    assert "holds other files, not a newskg store" in stderr


def test_store_being_written_is_refused_with_exit_2(
    runner: CliRunner, seed_store: Path, tmp_path: Path
) -> None:
    from newskg.store import LocalStore

    with LocalStore(seed_store / "kg", write=True):
        code, _, stderr = run(
            runner, "build", str(seed_store / "in"), "--store", str(seed_store / "kg")
        )
        assert code == 2
        assert f"{seed_store / 'kg'}: another newskg process is using this store" in stderr
        code, _, stderr = run(runner, "query", str(seed_store / "kg"), "entities")
        assert code == 2
        assert "another newskg process is writing to this store" in stderr


def test_validate_and_export_read_a_store(
    runner: CliRunner, seed_store: Path, tmp_path: Path
) -> None:
    code, out, _ = run(runner, "validate", str(seed_store / "kg"))
    assert code == 0
    assert out.rstrip().endswith(": conforms")
    out_file = tmp_path / "kg.trig"
    code, _, _ = run(runner, "export", str(seed_store / "kg"), "-f", "trig", "-o", str(out_file))
    assert code == 0
    graphs = {str(g.identifier) for g in Dataset().parse(out_file, format="trig").graphs()}
    assert "https://w3id.org/newskg/graph/article/short.txt" in graphs


def test_query_list(runner: CliRunner) -> None:
    code, out, _ = run(runner, "query", "--list")
    assert code == 0
    names = [line.split()[0] for line in out.splitlines()]
    assert names == list(QUESTION_COLUMNS)


@pytest.mark.parametrize("question", list(QUESTION_COLUMNS))
def test_named_question_columns(runner: CliRunner, seed_kg: Path, question: str) -> None:
    code, out, _ = run(runner, "query", str(seed_kg), question, "--format", "csv")
    assert code == 0
    header = next(csv.reader(io.StringIO(out)))
    assert header[: len(QUESTION_COLUMNS[question])] == QUESTION_COLUMNS[question]
    if question != "entities":
        assert {"sentence", "confidence"} <= set(header)


def test_entities_answer_names_the_article(runner: CliRunner, seed_kg: Path) -> None:
    code, out, _ = run(runner, "query", str(seed_kg), "entities", "--format", "json")
    assert code == 0
    rows = json.loads(out)
    found = {(r["entity"], r["type"]) for r in rows}
    assert {
        ("Kris Kobach", "Person"),
        ("Kansas", "State"),
        ("Hatch Act", "Law"),
        ("Department of Justice", "GovernmentBody"),
    } <= found
    assert {r["article"] for r in rows} == {"000_37f6897af02eb592.txt"}


@pytest.mark.parametrize(("fmt", "separator"), [("csv", ","), ("tsv", "\t")])
def test_query_delimited_formats(
    runner: CliRunner, seed_kg: Path, fmt: str, separator: str
) -> None:
    code, out, _ = run(
        runner,
        "query",
        str(seed_kg),
        'SELECT ?a ?b WHERE { VALUES (?a ?b) { (1 "x,y") } }',
        "--format",
        fmt,
    )
    assert code == 0
    rows = list(csv.reader(io.StringIO(out), delimiter=separator))
    assert rows == [["a", "b"], ["1", "x,y"]]


def test_query_table_format(runner: CliRunner, seed_kg: Path) -> None:
    code, out, _ = run(
        runner, "query", str(seed_kg), 'SELECT ?word WHERE { VALUES ?word { "one" "three" } }'
    )
    assert code == 0
    assert out == "word\n-----\none\nthree\n(2 rows)\n"


def test_query_rq_file_and_ask(runner: CliRunner, seed_kg: Path, tmp_path: Path) -> None:
    rq = tmp_path / "q.rq"
    rq.write_text("ASK { ?s a schema:NewsArticle }", encoding="utf-8")
    code, out, _ = run(runner, "query", str(seed_kg), str(rq), "-f", "csv")
    assert (code, out) == (0, "answer\ntrue\n")


def test_query_unknown_question(runner: CliRunner, seed_kg: Path) -> None:
    code, out, stderr = run(runner, "query", str(seed_kg), "who-knows")
    assert code == 2
    assert out == ""
    assert stderr.startswith("Error: unknown question 'who-knows'; use one of entities,")


def test_query_invalid_sparql(runner: CliRunner, seed_kg: Path) -> None:
    code, _, stderr = run(runner, "query", str(seed_kg), "SELECT * WHERE {")
    assert code == 2
    assert stderr.startswith("Error: invalid SPARQL: ")
    assert len(stderr.strip().splitlines()) == 1


def test_query_missing_graph_file(runner: CliRunner, tmp_path: Path) -> None:
    code, _, stderr = run(runner, "query", str(tmp_path / "none.trig"), "entities")
    assert code == 2
    assert "none.trig: no such graph file" in stderr


def test_query_corrupt_graph_file(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.trig"
    bad.write_text("<a> <b> .", encoding="utf-8")
    code, _, stderr = run(runner, "query", str(bad), "entities")
    assert code == 2
    assert "bad.trig: not valid trig" in stderr


def test_query_needs_arguments(runner: CliRunner) -> None:
    code, _, stderr = run(runner, "query")
    assert code == 2
    assert "give a graph file and a question, or --list" in stderr


@pytest.mark.parametrize("fmt", ["trig", "nquads"])
def test_export_dataset_round_trip(
    runner: CliRunner, seed_kg: Path, tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / f"out.{fmt}"
    code, _, _ = run(runner, "export", str(seed_kg), "--format", fmt, "-o", str(out))
    assert code == 0
    original, exported = Dataset(), Dataset()
    original.parse(seed_kg, format="trig")
    exported.parse(out, format=fmt)
    for graph in original.graphs():
        assert isomorphic(graph, exported.graph(graph.identifier))


@pytest.mark.parametrize(
    ("fmt", "rdflib_format"), [("turtle", "turtle"), ("ntriples", "nt"), ("jsonld", "json-ld")]
)
def test_export_union_formats(
    runner: CliRunner, seed_kg: Path, tmp_path: Path, fmt: str, rdflib_format: str
) -> None:
    out = tmp_path / "out.graph"
    code, _, _ = run(runner, "export", str(seed_kg), "--format", fmt, "-o", str(out))
    assert code == 0
    union, exported = Graph(), Graph()
    ds = Dataset()
    ds.parse(seed_kg, format="trig")
    for s, p, o, _ in ds.quads():
        union.add((s, p, o))
    exported.parse(out, format=rdflib_format)
    assert isomorphic(union, exported)


def test_export_unknown_format(runner: CliRunner, seed_kg: Path, tmp_path: Path) -> None:
    code, _, stderr = run(
        runner, "export", str(seed_kg), "--format", "rdfxml", "-o", str(tmp_path / "x")
    )
    assert code == 2
    assert "Invalid value for '--format'" in stderr


def test_cli_group_lists_commands(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["--help"])
    assert result.exit_code == 0
    for command in ("build", "query", "export"):
        assert f"  {command} " in result.output


STRICT_SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix schema: <https://schema.org/> .
@prefix ex: <https://example.org/shapes#> .
ex:PersonBorn a sh:NodeShape ; sh:targetClass schema:Person ;
    sh:property ex:PersonBorn-birthDate .
ex:PersonBorn-birthDate sh:path schema:birthDate ; sh:minCount 1 ;
    sh:message "Every person needs a birth date." .
"""


def test_build_sets_aside_graphs_that_violate_and_exits_1(
    runner: CliRunner, tmp_path: Path
) -> None:
    shapes = tmp_path / "strict.ttl"
    shapes.write_text(STRICT_SHAPES, encoding="utf-8")
    (tmp_path / "in").mkdir()
    shutil.copy(SEED, tmp_path / "in")
    (tmp_path / "in" / "calm.txt").write_text(
        "Ohio and Texas signed the compact.", encoding="utf-8"
    )
    out = tmp_path / "kg.trig"
    code, _, stderr = run(
        runner, "build", str(tmp_path / "in"), "-o", str(out), "--shapes", str(shapes)
    )
    assert code == 1
    assert "built 1 articles, 1 set aside (see kg.trig.rejected.txt)" in stderr
    kept = Dataset().parse(out, format="trig")
    assert {str(g.identifier).rsplit("/", 1)[-1] for g in kept.graphs() if len(g)} >= {"calm.txt"}
    assert "000_37f6897af02eb592.txt" not in out.read_text(encoding="utf-8").split("{")[-1]
    rejected = Dataset().parse(tmp_path / "kg.trig.rejected.trig", format="trig")
    assert [str(g.identifier).rsplit("/", 1)[-1] for g in rejected.graphs() if len(g)] == [
        "000_37f6897af02eb592.txt"
    ]
    report = (tmp_path / "kg.trig.rejected.txt").read_text(encoding="utf-8")
    assert "Violation: Kris Kobach: Every person needs a birth date." in report


def test_build_no_validate_says_so(runner: CliRunner, tmp_path: Path) -> None:
    code, _, stderr = run(
        runner, "build", str(SEED), "-o", str(tmp_path / "kg.nq"), "--no-validate"
    )
    assert code == 0
    assert stderr.splitlines()[-1] == "not validated (--no-validate)"


def test_validate_conforming_graph(runner: CliRunner, seed_kg: Path) -> None:
    code, out, _ = run(runner, "validate", str(seed_kg))
    assert code == 0
    assert out.rstrip().endswith(": conforms")


def test_validate_json_and_turtle(runner: CliRunner, seed_kg: Path) -> None:
    code, out, _ = run(runner, "validate", str(seed_kg), "--format", "json")
    assert code == 0
    assert json.loads(out)["conforms"] is True
    code, out, _ = run(runner, "validate", str(seed_kg), "--format", "turtle")
    assert code == 0
    assert "sh:conforms true" in out


def test_validate_violation_exits_1(runner: CliRunner, seed_kg: Path, tmp_path: Path) -> None:
    shapes = tmp_path / "strict.ttl"
    shapes.write_text(STRICT_SHAPES, encoding="utf-8")
    code, out, _ = run(runner, "validate", str(seed_kg), "--shapes", str(shapes))
    assert code == 1
    assert "Every person needs a birth date." in out
    assert out.rstrip().endswith(": does not conform")


def test_validate_bad_inputs_exit_2(runner: CliRunner, seed_kg: Path, tmp_path: Path) -> None:
    code, _, stderr = run(runner, "validate", str(tmp_path / "missing.trig"))
    assert code == 2
    assert "missing.trig: no such graph file" in stderr
    broken = tmp_path / "broken.ttl"
    broken.write_text("this is not turtle", encoding="utf-8")
    code, _, stderr = run(runner, "validate", str(seed_kg), "--shapes", str(broken))
    assert code == 2
    assert "broken.ttl" in stderr
