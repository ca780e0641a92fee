"""Compiled network libraries, imported only by the measures that need them."""

from __future__ import annotations

import importlib
from typing import Any

from ..errors import ConfigError

__all__ = ["dependency"]


def dependency(module: str, purpose: str) -> Any:
    """Import ``module`` by name, or say which package to install for ``purpose``.

    Imported by name because igraph and NetworKit ship no type information, and only
    when needed because each takes a noticeable time to import.
    """
    try:
        return importlib.import_module(module)
    except ImportError as err:  # pragma: no cover - both are dependencies
        raise ConfigError(
            f"{purpose} needs {module}; install it with `pip install {module}`"
        ) from err
