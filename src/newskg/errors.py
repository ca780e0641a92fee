"""The exceptions newskg raises.

Every error a user can cause is a :class:`NewskgError`; its message names the file (and
line or term) at fault and says how to fix it. The command line turns these into exit
code 2 in one place, so user errors never show a traceback.

    NewskgError
    ├── InputError          an article file or corpus record cannot be read
    ├── GraphFileError      a knowledge-graph file cannot be read or written
    ├── QueryError          an unknown question or invalid SPARQL
    ├── ConfigError         a bad option, model name or lexicon file
    └── StoreError          a graph store cannot be opened, locked, read or written
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "ConfigError",
    "GraphFileError",
    "InputError",
    "NewskgError",
    "QueryError",
    "StoreError",
    "WorkerError",
]


class NewskgError(Exception):
    """Base class of every error newskg reports to its user."""


class InputError(NewskgError):
    """An input file, or one record of a corpus, cannot be turned into an article.

    Args:
        path: the file at fault.
        problem: what is wrong.
        fix: what the user can do about it.
        line: the 1-based line (JSONL) or row (CSV) of the record, if any.
    """

    def __init__(self, path: Path | str, problem: str, fix: str, line: int | None = None):
        self.path = str(path)
        self.problem = problem
        self.fix = fix
        self.line = line
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {problem}; {fix}")


class GraphFileError(NewskgError):
    """A knowledge-graph file is missing, of an unknown format, or not valid RDF."""


class QueryError(NewskgError):
    """A question is unknown, or a SPARQL query does not parse or run."""


class ConfigError(NewskgError):
    """An option, model name or lexicon file is not usable."""


class StoreError(NewskgError):
    """A graph store (a store folder or a SPARQL server) cannot be opened, read or written.

    A store folder that another newskg process is writing to is reported with this error
    too, and nothing is written.
    """


class WorkerError(NewskgError):
    """A build's worker process stopped before finishing its batch (killed, or out of
    memory). Batches already written to a store stay there; building again finishes."""
