"""A shared SPARQL server as the store: a real Virtuoso on loopback, built into and asked.

The server is Debian's ``virtuoso-opensource`` (``.ci/run`` installs it), started with
its own database in a temporary folder and ports on 127.0.0.1 only, and stopped at the
end. Without the ``virtuoso-t`` binary the server tests are skipped, saying so.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from newskg.cli import cli
from newskg.errors import StoreError
from newskg.remote import RemoteStore, endpoints
from newskg.store import ArticleRecord

from .conftest import SEED

INI = """\
[Database]
DatabaseFile = virtuoso.db
ErrorLogFile = virtuoso.log
LockFile = virtuoso.lck
TransactionFile = virtuoso.trx
xa_persistent_file = virtuoso.pxa
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = virtuoso-temp.db
TransactionFile = virtuoso-temp.trx
Striping = 0
[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
CheckpointInterval = 0
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = .
CaseMode = 2
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = .
ServerThreads = 4
MaxClientConnections = 4
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
"""
GRANTS = "GRANT SPARQL_UPDATE TO \"SPARQL\"; DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 7);"
QUESTIONS = ("entities", "roles", "parties", "candidacies", "stances", "complaints", "claims")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _up(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}?query=ASK%7B%7D", timeout=2) as response:
            return bool(response.status == 200)
    except OSError:
        return False


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A Virtuoso on loopback with SPARQL update allowed; its query endpoint URL."""
    binary, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    if binary is None or isql is None:
        reason = "virtuoso-t not installed (Debian package virtuoso-opensource; CI has it)"
        if os.environ.get("NEWSKG_REQUIRE_VIRTUOSO"):
            pytest.fail(reason)
        pytest.skip(reason)
    folder = tmp_path_factory.mktemp("virtuoso")
    sql, http = _free_port(), _free_port()
    (folder / "virtuoso.ini").write_text(INI.format(sql=sql, http=http), encoding="utf-8")
    log = (folder / "server.log").open("wb")
    server = subprocess.Popen(
        [binary, "+foreground", "+configfile", "virtuoso.ini"],
        cwd=folder,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{http}/sparql"
    try:
        deadline = time.monotonic() + 90
        while not _up(url):
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"Virtuoso did not start: {(folder / 'server.log').read_text()}")
            time.sleep(0.5)
        subprocess.run(
            [isql, f"127.0.0.1:{sql}", "dba", "dba", f"exec={GRANTS}"],
            check=True,
            capture_output=True,
            timeout=60,
        )
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), prog_name="newskg", catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def _rows(out: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(out)))


@pytest.mark.parametrize(
    ("url", "update", "graph_store"),
    [
        ("http://h:8890/sparql", "http://h:8890/sparql", "http://h:8890/sparql-graph-crud"),
        ("http://h:3030/ds/sparql", "http://h:3030/ds/update", "http://h:3030/ds/data"),
        (
            "http://h/repositories/news",
            "http://h/repositories/news/statements",
            "http://h/repositories/news/rdf-graphs/service",
        ),
        ("http://h:7878/query", "http://h:7878/update", "http://h:7878/store"),
    ],
)
def test_endpoints_follow_the_server_layout(url: str, update: str, graph_store: str) -> None:
    assert endpoints(url) == (url, update, graph_store)


def test_an_unreachable_server_is_a_clear_error() -> None:
    store = RemoteStore(f"http://127.0.0.1:{_free_port()}/sparql", timeout=1)
    with pytest.raises(StoreError, match="cannot reach the SPARQL server"):
        store.articles()


@pytest.mark.slow
def test_build_into_virtuoso_and_ask_every_named_question(
    virtuoso: str, tmp_path: Path, seed_kg: Path
) -> None:
    (tmp_path / "in").mkdir()
    shutil.copy(SEED, tmp_path / "in")
    (tmp_path / "in" / "short.txt").write_text(
        "Sen. Maria Gomez of Ohio criticized the Federal Election Commission.", encoding="utf-8"
    )
    code, _, stderr = run("build", str(tmp_path / "in"), "--store", virtuoso)
    assert code == 0, stderr
    assert "\nbuilt 2 articles: " in stderr
    for question in QUESTIONS:
        code, from_server, stderr = run("query", virtuoso, question, "-f", "csv")
        assert code == 0, stderr
        _, from_file, _ = run("query", str(seed_kg), question, "-f", "csv")
        server_rows, file_rows = _rows(from_server), _rows(from_file)
        assert server_rows[0] == file_rows[0]  # the same columns
        article = server_rows[0].index("article")
        seed = [r for r in server_rows[1:] if r[article] == SEED.name]
        # Virtuoso writes booleans as 1/0 and decimals in its own form: compare the facts
        assert sorted(r[: article + 1] for r in seed) == sorted(
            r[: article + 1] for r in file_rows[1:]
        ), question
    code, out, _ = run("query", virtuoso, "entities", "-f", "csv")
    assert ["Maria Gomez", "Person", "short.txt"] in [r[:3] for r in _rows(out)]

    code, _, stderr = run("build", str(tmp_path / "in"), "--store", virtuoso)
    assert code == 0
    assert stderr.startswith("built 0 articles, 2 unchanged: ")

    code, _, stderr = run("remove", virtuoso, "short.txt")
    assert (code, stderr) == (0, f"removed 1 articles from {virtuoso}\n")
    code, out, _ = run("query", virtuoso, "ASK { ?p rdfs:label 'Maria Gomez' }")
    assert (code, out.splitlines()[2]) == (0, "false")


@pytest.mark.slow
def test_put_is_safe_to_repeat(virtuoso: str) -> None:
    store = RemoteStore(virtuoso)
    a = "<https://w3id.org/newskg/id/article/r.txt>"
    graph = (
        f'{a} <https://w3id.org/newskg/ontology#contentHash> "h" .\n'
        f'{a} <http://purl.org/dc/terms/identifier> "r.txt" .\n'
    )
    record = ArticleRecord("r.txt", "h", graph)
    store.replace_articles([record])
    store.replace_articles([record])  # a retried write changes nothing
    count = store.query(
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://w3id.org/newskg/graph/article/r.txt>"
        " { ?s ?p ?o } }"
    )
    assert count.rows == (("2",),)
    assert store.has_article("r.txt", "h")
    assert store.remove_articles(["r.txt"]) == ("r.txt",)
