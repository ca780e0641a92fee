"""Where newskg's packaged data files live (ontology, shapes, queries, lexicons).

The ontology and the SHACL shapes sit at the top of the repository (``ontology/``,
``shapes/``); a built wheel carries them inside the package (hatch ``force-include``), so
an installed newskg looks there first and an editable install falls back to the
repository. Lexicons (``data/``) and SPARQL queries (``queries/``) always live inside the
package. Nothing here touches the file system at import time.
"""

from __future__ import annotations

from pathlib import Path

from newskg.errors import ConfigError

__all__ = ["data_path", "ontology_path", "queries_path", "shapes_path"]

# src/newskg (or site-packages/newskg once installed).
_PACKAGE_DIR = Path(__file__).parent
# The repository root, two levels above src/newskg, for editable installs.
_REPO_DIR = _PACKAGE_DIR.parent.parent


def _packaged_file(folder: str, name: str, what: str) -> Path:
    """Find ``folder/name`` inside the installed package, else at the repository's top.

    Raises:
        ConfigError: if neither place holds the file.
    """
    packaged = _PACKAGE_DIR / folder / name
    if packaged.is_file():
        return packaged
    in_repo = _REPO_DIR / folder / name
    if in_repo.is_file():
        return in_repo
    raise ConfigError(
        f"newskg's {what} is missing: neither {packaged} nor {in_repo} exists; "
        "reinstall newskg, or run it from a complete checkout of its repository"
    )


def ontology_path() -> Path:
    """Return the path of the newskg OWL ontology, ``newskg.ttl``.

    Raises:
        ConfigError: if the file is neither in the package nor in the repository.
    """
    return _packaged_file("ontology", "newskg.ttl", "ontology")


def shapes_path() -> Path:
    """Return the path of the newskg SHACL shapes, ``newskg.shapes.ttl``.

    Raises:
        ConfigError: if the file is neither in the package nor in the repository.
    """
    return _packaged_file("shapes", "newskg.shapes.ttl", "SHACL shapes file")


def data_path(*parts: str) -> Path:
    """Return the path of a packaged data file, such as ``data_path("lexicons", "x.txt")``.

    The path is under ``newskg/data``; whether it exists is for the caller to check (and
    to report, naming the file).
    """
    return _PACKAGE_DIR.joinpath("data", *parts)


def queries_path() -> Path:
    """Return the folder of the packaged SPARQL queries (``newskg/queries``)."""
    return _PACKAGE_DIR / "queries"
