"""The built-in frame extractors; importing this package registers them, in this order."""

from __future__ import annotations

from . import candidacies, claims, complaints, parties, roles, stances

__all__ = ["candidacies", "claims", "complaints", "parties", "roles", "stances"]
