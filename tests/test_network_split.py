"""Reading an N-Quads file in two processes gives what one process gives, or falls back.

The file is the edge-case graph of test_network.py copied into many named graphs whose
lines are shuffled together, with blank, comment, CRLF and default-graph lines; small
read sizes put buffer ends inside lines and inside the quads of one subject.
"""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pyoxigraph
import pytest

from newskg.errors import GraphFileError
from newskg.graphio import format_for
from newskg.network import _split, project
from newskg.network._stream import read_rows
from newskg.network.read import _from_file

from .test_network import EDGE_CASES

COPIES = 8


def _graph(copy: int, name: str) -> str:
    return f"https://example.org/graph/copy-{copy}/{name}"


def _lines(named: bool = True) -> list[str]:
    """The edge cases in COPIES pairs of named graphs (or all in the default graph), one
    quad a line."""
    quads = list(pyoxigraph.parse(input=EDGE_CASES.encode(), format=pyoxigraph.RdfFormat.TRIG))
    lines = []
    for copy in range(COPIES):
        for q in quads:
            if not named or isinstance(q.graph_name, pyoxigraph.DefaultGraph):
                graph = ""
            else:
                graph = f" <{_graph(copy, q.graph_name.value.rsplit('/', 1)[1])}>"
            lines.append(f"{q.subject} {q.predicate} {q.object}{graph} .")
    return lines


@pytest.fixture(scope="module")
def nquads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    lines = _lines()
    random.Random(7).shuffle(lines)
    # Shapes the dealing reads slowly: blank and comment lines, CRLF, a default-graph
    # quad written as rdflib writes it, no newline at the end.
    lines[3] += "\r"
    lines[10:10] = ["", "# a comment <https://example.org/not-a-graph> .", "   "]
    lines.append('<https://example.org/x> <https://example.org/p> "q"  .')
    path = tmp_path_factory.mktemp("split") / "kg.nq"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_the_file_tries_the_split(nquads: Path) -> None:
    """Both parts hold graphs, and a subject of one graph has quads in both halves of
    the file (and so in several of the chunks dealt at the small sizes below)."""
    parts = {_split.part_of(_graph(c, g).encode()) for c in range(COPIES) for g in ("g1", "g2")}
    assert parts == {0, 1}
    text = nquads.read_bytes()
    middle = text.find(b"\n", len(text) // 2) + 1
    halves = [
        {
            (line.split(b" ", 1)[0], line.rstrip(b"\r .").rsplit(b" ", 1)[1])
            for line in half.splitlines()
            if line.rstrip(b"\r .").endswith(b">") and b"/graph/" in line
        }
        for half in (text[:middle], text[middle:])
    ]
    assert halves[0] & halves[1]  # (subject, graph) pairs met on both sides


@pytest.mark.parametrize("chunk", [64, 333, 4096, 1 << 20])
def test_a_split_read_gives_the_rows_of_one_process(nquads: Path, chunk: int) -> None:
    whole = read_rows(nquads, processes=1)
    split = _split.read_split(nquads, chunk=chunk)
    assert split is not None, "the split read fell back to one process"
    assert split.tables == whole.tables
    assert whole.tables["holds_office_in"] and whole.tables["mentions"]


def test_a_split_read_gives_the_same_network(nquads: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    results = []

    def spying(path: Path, chunk: int = 1 << 20) -> object:
        results.append(found := real(path, chunk))
        return found

    real = _split.read_split
    monkeypatch.setattr(_split, "read_split", spying)
    one, two = _from_file(nquads, processes=1), _from_file(nquads, processes=2)
    assert results and results[0] is not None
    assert one == two
    first, second = project(one), project(two)
    assert list(first.nodes(data=True)) == list(second.nodes(data=True))
    assert list(first.edges(keys=True, data=True)) == list(second.edges(keys=True, data=True))


def _escaped(tmp_path: Path) -> Path:
    """A graph IRI written with an escape that changes the part its text hashes to."""
    for letter in "ABCDEFGH":
        text = f"https://example.org/graph-\\u{ord(letter):04X}"
        value = f"https://example.org/graph-{letter}"
        if _split.part_of(text.encode()) != _split.part_of(value.encode()):
            break
    path = tmp_path / "escaped.nq"
    lines = [line.replace(f"<{_graph(0, 'g1')}>", f"<{text}>") for line in _lines()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _default_only(tmp_path: Path) -> Path:
    path = tmp_path / "triples.nq"
    path.write_text("\n".join(_lines(named=False)) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("make", [_escaped, _default_only])
def test_what_a_split_cannot_read_is_read_in_one_process(make: object, tmp_path: Path) -> None:
    path = make(tmp_path)  # type: ignore[operator]
    assert _split.read_split(path, chunk=256) is None
    assert read_rows(path, processes=2).tables == read_rows(path, processes=1).tables


@pytest.mark.parametrize("failing", [0, 1])
def test_a_failed_part_reads_the_file_in_one_process(
    nquads: Path, monkeypatch: pytest.MonkeyPatch, failing: int
) -> None:
    real = _split._read_part

    def read_part(path: Path, part: int, chunk: int) -> object:
        if part == failing:
            raise OSError("the disk went away")
        return real(path, part, chunk)

    monkeypatch.setattr(_split, "_read_part", read_part)  # the forked part inherits it
    assert _split.read_split(nquads, chunk=256) is None
    assert read_rows(nquads, processes=2).tables == read_rows(nquads, processes=1).tables


def test_a_syntax_error_is_reported_at_its_line(nquads: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.nq"
    lines = nquads.read_text(encoding="utf-8").splitlines()
    lines[40] = lines[40].replace("<", "", 1)
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(GraphFileError) as one:
        read_rows(bad, processes=1)
    with pytest.raises(GraphFileError) as two:
        read_rows(bad, processes=2)
    assert "line 41" in str(one.value)
    assert str(two.value) == str(one.value)


@pytest.mark.parametrize(
    ("line", "graph"),
    [
        ("<https://e.org/s> <https://e.org/p> <https://e.org/o> <https://e.org/graph-1> .", 1),
        ('_:b1 <https://e.org/p> "a <x> ." <https://e.org/graph-1> .', 1),
        ('<https://e.org/s> <https://e.org/p> "t"@en <https://e.org/graph-22> .\r', 1),
        ("<https://e.org/s> <https://e.org/p> <https://e.org/o> <urn:g> .", 1),
        ("<https://e.org/s> <https://e.org/p> <https://e.org/o> <https://e.org/graph-3>.", 1),
        ("  <https://e.org/s> <https://e.org/p> <https://e.org/o> <https://e.org/graph-4> .", 1),
        ('<https://e.org/s> <https://e.org/p> "1"^^<https://e.org/t> <https://e.org/g5> .', 1),
        ("<https://e.org/s> <https://e.org/p> <https://e.org/o> .", 0),
        ("", 0),
        ("# <https://e.org/s> <https://e.org/p> <https://e.org/o> <https://e.org/g> .", 0),
        ("   \t", 0),
    ],
)
def test_dealing_reads_the_graph_at_the_end_of_a_line(line: str, graph: int) -> None:
    """Each line's part is its graph IRI's (:func:`part_of`), or -1 if it holds no quad;
    a quad in the default graph may go to either part."""
    text = np.frombuffer(f"{line}\n".encode(), np.uint8)
    dealt = int(_split._deal(text, np.flatnonzero(text == 10))[0])
    if not line.strip() or line.startswith("#"):
        assert dealt == -1
    elif graph:
        iri = line.rstrip("\r .").rsplit("<", 1)[1].rstrip(">")
        assert dealt == _split.part_of(iri.encode())
    else:
        assert dealt in (0, 1)


def test_small_files_and_other_formats_are_read_in_one_process(nquads: Path) -> None:
    trig = nquads.with_suffix(".trig")
    assert not _split.worth_splitting(nquads, format_for(nquads), None)  # small
    assert not _split.worth_splitting(nquads, format_for(nquads), 1)
    assert not _split.worth_splitting(trig, format_for(trig), 2)
    assert _split.worth_splitting(nquads, format_for(nquads), 2) == _split._can_fork()
