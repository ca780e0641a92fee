"""newskg: build provenance-rich RDF knowledge graphs of political actors from news.

Importing newskg defines things and nothing more: spaCy is loaded only when articles are
extracted, so ``newskg query`` stays fast.
"""

from __future__ import annotations

__all__ = ["__version__"]

__version__ = "0.1.0"
