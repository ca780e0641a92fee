"""The built-in frame extractors; importing this package registers them."""

from __future__ import annotations

__all__: list[str] = []
