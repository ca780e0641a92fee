"""``newskg network``: the actor network's commands (thin adapters over newskg.network)."""

from __future__ import annotations

import click

__all__ = ["network"]


@click.group()
def network() -> None:
    """Analyse the network of actors: who is connected to whom, and why."""
