"""The named questions' answers a store folder keeps (newskg.answers)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from newskg.answers import ANSWERS_FILE, AnswerFile, order_rows
from newskg.graphio import load_store
from newskg.pipeline import build_store
from newskg.query import oxigraph_result, questions, run_query
from newskg.store import ArticleRecord, LocalStore

from .conftest import SEED

pytestmark = pytest.mark.slow

NKG = "https://w3id.org/newskg/ontology#"
SCHEMA = "https://schema.org/"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed article built into a store folder (once for this module)."""
    folder = tmp_path_factory.mktemp("answers")
    shutil.copy(SEED, folder)
    store = folder / "kg"
    build_store([folder / SEED.name], store)
    return store


@pytest.fixture
def store(built: Path, tmp_path: Path) -> Path:
    """A copy of the built store that a test may change."""
    copy = tmp_path / "kg"
    shutil.copytree(built, copy)
    return copy


def _from_store(folder: Path, name: str) -> tuple[tuple[str, ...], ...]:
    """The question answered by the store itself, in the same order."""
    answer = oxigraph_result(load_store(folder), questions()[name].sparql)
    return order_rows(name, answer.rows)


def _article(article_id: str, person: str) -> ArticleRecord:
    """A small article graph naming one person, shaped as a build writes it."""
    a = f"<https://w3id.org/newskg/id/article/{article_id}>"
    iri = f"<https://w3id.org/newskg/id/person/{person.lower().replace(' ', '-')}>"
    m = f"<https://w3id.org/newskg/id/mention/{article_id}/1>"
    graph = (
        f'{a} <{NKG}contentHash> "h-{article_id}" .\n'
        f'{a} <http://purl.org/dc/terms/identifier> "{article_id}" .\n'
        f"{m} <{NKG}refersTo> {iri} .\n"
        f"{m} <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
        f"referenceContext> {a} .\n"
        f'{iri} <http://www.w3.org/2000/01/rdf-schema#label> "{person}" .\n'
        f"{iri} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{SCHEMA}Person> .\n"
    )
    return ArticleRecord(article_id, f"h-{article_id}", graph)


def test_every_named_question_reads_the_kept_answers_as_the_store_answers(
    built: Path, seed_kg: Path
) -> None:
    assert (built / ANSWERS_FILE).is_file()
    for name in questions():
        kept = AnswerFile(built).kept(name)
        assert kept is not None, name  # the file follows the store: no SPARQL
        assert kept.rows == _from_store(built, name), name
        assert run_query(built, name) == kept
        # a graph file of the same article gives the same table
        assert run_query(seed_kg, name).rows == kept.rows, name
    assert len(run_query(built, "entities").rows) > 10


def test_a_write_the_file_missed_is_answered_from_the_store(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*args: object) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(AnswerFile, "record", fail)
    with LocalStore(store, write=True) as writer:
        writer.replace_articles([_article("late.txt", "Dana Whitfield")])
    db = load_store(store)
    meta = dict(sqlite3.connect(store / ANSWERS_FILE).execute("SELECT * FROM meta").fetchall())
    assert meta["writing"] == "1"  # the file may be behind the store
    assert AnswerFile(store).kept("entities") is None
    kept = AnswerFile(store).answer(db, "entities")
    assert kept is not None  # the seed's rows from the file, the new article's from the store
    assert kept.rows == _from_store(store, "entities")
    assert (
        "Dana Whitfield",
        "Person",
        "late.txt",
        "1",
        "https://w3id.org/newskg/id/person/dana-whitfield",
    ) in kept.rows
    # a later write the file takes does not make it whole again: it never saw late.txt
    monkeypatch.undo()
    del db
    with LocalStore(store, write=True) as writer:
        writer.replace_articles([_article("later.txt", "Omar Lindqvist")])
    db = load_store(store)
    kept = AnswerFile(store).answer(db, "entities")
    assert kept is not None and kept.rows == _from_store(store, "entities")
    assert {"late.txt", "later.txt"} <= {row[2] for row in kept.rows}


def test_new_and_removed_articles_are_kept_up_to_date(store: Path) -> None:
    with LocalStore(store, write=True) as writer:
        writer.replace_articles([_article("late.txt", "Dana Whitfield")])
    db = load_store(store)
    rows = run_query(store, "entities").rows
    assert [r[0] for r in rows if r[2] == "late.txt"] == ["Dana Whitfield"]
    assert AnswerFile(store).answer(db, "entities") == run_query(store, "entities")
    del db
    seed = SEED.name
    with LocalStore(store, write=True) as writer:
        assert writer.remove_articles([seed]) == (seed,)
    db = load_store(store)
    for name in questions():
        kept = AnswerFile(store).answer(db, name)
        assert kept is not None and kept.rows == _from_store(store, name), name
    assert {r[2] for r in run_query(store, "entities").rows} == {"late.txt"}


def test_answers_to_other_questions_are_not_used(store: Path) -> None:
    with sqlite3.connect(store / ANSWERS_FILE) as file:
        file.execute("UPDATE meta SET value = 'older' WHERE key = 'fingerprint'")
    db = load_store(store)
    assert AnswerFile(store).answer(db, "roles") is None
    assert run_query(store, "roles").rows == _from_store(store, "roles")
    # the next write starts the file again for these questions
    with LocalStore(store, write=True) as writer:
        writer.replace_articles([_article("late.txt", "Dana Whitfield")])
    db = load_store(store)
    kept = AnswerFile(store).answer(db, "entities")
    assert kept is not None and kept.rows == _from_store(store, "entities")


def test_an_unreadable_file_leaves_the_store_to_answer(store: Path) -> None:
    (store / ANSWERS_FILE).write_bytes(b"not a database")
    db = load_store(store)
    assert AnswerFile(store).answer(db, "claims") is None
    assert run_query(store, "claims").rows == _from_store(store, "claims")


def test_forgetting_an_article_looks_up_its_rows_by_index(tmp_path: Path) -> None:
    # Every batch a build writes forgets its articles' rows first: a scan of the whole
    # table there made each batch slower than the last (0.6 s a batch at 30,000 articles).
    answers = AnswerFile(tmp_path)
    answers.begin(True)
    with sqlite3.connect(answers.path) as db:
        plans = [
            " ".join(str(step[-1]) for step in db.execute(f"EXPLAIN QUERY PLAN {sql}"))
            for sql in (
                "DELETE FROM answers WHERE article = 'a'",
                "DELETE FROM articles WHERE article = 'a'",
            )
        ]
    assert "USING INDEX answers_by_article" in plans[0], plans[0]
    assert "USING INDEX" in plans[1] or "PRIMARY KEY" in plans[1], plans[1]
