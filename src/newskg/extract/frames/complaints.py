"""The `complaints` frame extractor (placeholder until written)."""

from __future__ import annotations

__all__: list[str] = []
