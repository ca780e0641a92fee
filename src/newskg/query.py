"""Ask a knowledge graph the named questions, or any SPARQL.

The named questions live in ``queries/*.rq``; each file's first comment line is its
one-line description. Queries run on Oxigraph (a graph file is loaded into memory, a store
folder is read in place) or on the SPARQL server a build wrote to, so ``newskg query``
never loads spaCy.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import QueryError
from .graphio import load_store

if TYPE_CHECKING:
    import pyoxigraph

__all__ = [
    "OUTPUT_FORMATS",
    "QueryResult",
    "Question",
    "format_result",
    "oxigraph_result",
    "prefixes",
    "questions",
    "resolve_query",
    "run_query",
]

OUTPUT_FORMATS = ("table", "csv", "tsv", "json")
_SPARQL_START = re.compile(
    r"^\s*(#[^\n]*\n\s*)*(PREFIX|BASE|SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE
)


@dataclass(frozen=True)
class Question:
    """A named question: its name, one-line description and SPARQL text."""

    name: str
    description: str
    sparql: str


@dataclass(frozen=True)
class QueryResult:
    """A table of answers: column names and rows of strings ("" for unbound)."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def _read_query(name: str) -> str:
    return resources.files("newskg").joinpath("queries", name).read_text(encoding="utf-8")


@cache
def prefixes() -> dict[str, str]:
    """The prefixes every query may use without declaring them."""
    found = re.findall(r"PREFIX\s+(\w*):\s*<([^>]+)>", _read_query("_prefixes.rq"))
    return dict(found)


@cache
def questions() -> dict[str, Question]:
    """The named questions, by name, in the order of the command-line contract."""
    order = ("entities", "roles", "parties", "candidacies", "stances", "complaints", "claims")
    found = {}
    for name in order:
        text = _read_query(f"{name}.rq")
        first = text.splitlines()[0].lstrip("# ").strip()
        found[name] = Question(name, first, text)
    return found


def resolve_query(question: str) -> str:
    """SPARQL text for a named question, a ``.rq`` file or SPARQL text itself.

    Raises:
        QueryError: the question is none of these; the message lists the named ones.
    """
    named = questions()
    if question in named:
        return named[question].sparql
    if question.endswith(".rq") or (
        len(question) < 4096 and "\n" not in question and Path(question).is_file()
    ):
        path = Path(question)
        try:
            return path.read_text(encoding="utf-8")
        except OSError as err:
            raise QueryError(
                f"{path}: cannot read the query file ({err.strerror}); check the path"
            ) from err
    if _SPARQL_START.match(question):
        return question
    raise QueryError(
        f"unknown question {question!r}; use one of {', '.join(named)}, "
        "a .rq file, or SPARQL text (see `newskg query --list`)"
    )


def _text(term: object) -> str:
    if term is None:
        return ""
    value = getattr(term, "value", None)
    return str(value) if value is not None else str(term)


def run_query(kg: Path | str, question: str) -> QueryResult:
    """Run a named question, ``.rq`` file or SPARQL text on a graph.

    Args:
        kg: a file written by ``newskg build`` (TriG, N-Quads, Turtle, N-Triples,
            JSON-LD), a store folder (``newskg build --store DIR``), or the http(s) URL of
            a SPARQL endpoint a build wrote to.
        question: see :func:`resolve_query`.

    Returns:
        The answers; an ASK query gives one column ``answer``; CONSTRUCT and DESCRIBE give
        ``subject``, ``predicate``, ``object``. A named question's rows come in its ORDER
        BY order, ties broken by the whole row; on a store folder they are read from the
        answers the build kept (:mod:`newskg.answers`), without opening the store while
        those are current.
    """
    sparql = resolve_query(question)
    named = question in questions()
    if str(kg).startswith(("http://", "https://")):
        from .remote import RemoteStore

        result = RemoteStore(str(kg)).query(sparql)
    elif named and Path(kg).is_dir():
        from .answers import AnswerFile
        from .store import is_store_folder, reading

        answers = AnswerFile(Path(kg))
        if is_store_folder(kg):
            with reading(Path(kg)):
                kept = answers.kept(question)
            if kept is not None:
                return kept  # without opening the store
        db = load_store(kg)
        kept = answers.catch_up(db, question)
        result = kept if kept is not None else oxigraph_result(db, sparql)
    else:
        result = oxigraph_result(load_store(kg), sparql)
    if not named:
        return result
    from .answers import order_rows

    return QueryResult(result.columns, order_rows(question, result.rows))


def oxigraph_result(store: pyoxigraph.Store, sparql: str) -> QueryResult:
    """Run SPARQL on an Oxigraph store, reading all its graphs as one, as a table.

    Raises:
        QueryError: the SPARQL does not parse, or cannot run.
    """
    import pyoxigraph

    try:
        answer = store.query(sparql, prefixes=prefixes(), use_default_graph_as_union=True)
    except SyntaxError as err:
        first_line = str(err).splitlines()[0] if str(err) else "syntax error"
        raise QueryError(f"invalid SPARQL: {first_line}; check the query syntax") from err
    except (ValueError, OSError) as err:
        raise QueryError(f"the query failed: {err}") from err
    if isinstance(answer, pyoxigraph.QueryBoolean):
        return QueryResult(("answer",), ((str(bool(answer)).lower(),),))
    if isinstance(answer, pyoxigraph.QueryTriples):
        triples = tuple((_text(t.subject), _text(t.predicate), _text(t.object)) for t in answer)
        return QueryResult(("subject", "predicate", "object"), triples)
    columns = tuple(v.value for v in answer.variables)
    rows = tuple(tuple(_text(solution[c]) for c in columns) for solution in answer)
    return QueryResult(columns, rows)


def _table(result: QueryResult) -> str:
    if not result.rows:
        return "(no answers)\n"
    widths = [
        min(60, max(len(c), *(len(r[i]) for r in result.rows)))
        for i, c in enumerate(result.columns)
    ]

    def cut(value: str, width: int) -> str:
        value = value.replace("\n", " ")
        return value if len(value) <= width else value[: width - 1] + "…"

    lines = ["  ".join(cut(c, w).ljust(w) for c, w in zip(result.columns, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    for row in result.rows:
        lines.append("  ".join(cut(v, w).ljust(w) for v, w in zip(row, widths, strict=True)))
    return "\n".join(line.rstrip() for line in lines) + f"\n({len(result.rows)} rows)\n"


def format_result(result: QueryResult, fmt: str = "table") -> str:
    """Render answers as ``table`` (for people), ``csv``, ``tsv`` or ``json``."""
    if fmt == "table":
        return _table(result)
    if fmt == "json":
        rows = [dict(zip(result.columns, row, strict=True)) for row in result.rows]
        return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"
    if fmt in ("csv", "tsv"):
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows(result.rows)
        return buffer.getvalue()
    raise QueryError(f"unknown output format {fmt!r}; use one of {', '.join(OUTPUT_FORMATS)}")
