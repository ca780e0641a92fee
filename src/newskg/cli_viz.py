"""``newskg viz``: draw the actor network as a web page or a picture (over newskg.viz).

The command reads KG with the network commands' filter options, builds one
:class:`newskg.viz.Scene` and writes it; the suffix of OUTPUT picks the format. Notes
(the cut to the most central actors) go to stderr. networkx and matplotlib are imported
only when the command runs.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

__all__ = ["viz"]

# Spelled here, not imported, so `newskg --help` does not import networkx; tests check
# them against newskg.network.MEASURES and RELATIONS.
_MEASURES = ("degree", "betweenness", "pagerank", "eigenvector")
_RELATION_NAMES = (
    "holds_office_in, member_of_party, candidate_in, complained_about, complained_to, "
    "alleged_violation_of, responded_to, claimed_about, reported, co_mentioned"
)
_DATE = click.DateTime(formats=["%Y-%m-%d"])


@click.command()
@click.argument("kg", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "out",
    required=True,
    type=click.Path(path_type=Path),
    help="File to write: .html (an interactive page that works offline), .png or .svg.",
)
@click.option(
    "--top",
    type=click.IntRange(min=0),
    default=150,
    show_default=True,
    help="Draw only the N most central actors (0: all); the drawing says when it cuts.",
)
@click.option("--focus", metavar="NAME", help="Draw only this actor's neighbourhood.")
@click.option(
    "--depth",
    type=click.IntRange(min=0),
    default=None,
    help="With --focus: the neighbourhood's radius in hops (default 1).",
)
@click.option(
    "--measure",
    type=click.Choice(_MEASURES),
    default="degree",
    show_default=True,
    help="The centrality that sizes the nodes and picks the top N.",
)
@click.option("--title", help="The heading (default: the name of KG).")
@click.option(
    "--relation",
    "relations",
    multiple=True,
    help=f"Keep only this relation (repeatable): {_RELATION_NAMES}.",
)
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    help="Keep only this node kind (repeatable): person, organization, state, election, "
    "law; `actors` (the first three, the default) or `all`.",
)
@click.option(
    "--article",
    "articles",
    multiple=True,
    help="Count evidence from this article id only (repeatable).",
)
@click.option(
    "--min-confidence",
    type=click.FloatRange(0.0, 1.0),
    default=0.0,
    show_default=True,
    help="Drop facts whose confidence is below this.",
)
@click.option("--since", type=_DATE, help="Only articles published on or after this date.")
@click.option("--until", type=_DATE, help="Only articles published on or before this date.")
@click.option(
    "--co-mentions",
    is_flag=True,
    help="Add weak `co_mentioned` edges between actors named in one sentence.",
)
def viz(
    kg: Path,
    out: Path,
    top: int,
    focus: str | None,
    depth: int | None,
    measure: str,
    title: str | None,
    relations: tuple[str, ...],
    kinds: tuple[str, ...],
    articles: tuple[str, ...],
    min_confidence: float,
    since: datetime | None,
    until: datetime | None,
    co_mentions: bool,
) -> None:
    """Draw who is connected to whom: an interactive page or a picture for reports.

    The page (-o actors.html) is one self-contained file: nodes coloured by kind and
    sized by centrality, edges labelled by relation; click a node or an edge for its
    facts with the evidence sentences and their articles; search for an actor; filter
    by kind and relation. A picture (-o actors.png or .svg) draws the same network in
    the same colours. --focus NAME --depth K draws one actor's neighbourhood.
    """
    from .network import actor_graph
    from .viz import build_scene, output_format, write_viz

    if depth is not None and focus is None:
        raise click.UsageError("--depth needs --focus NAME (the actor at the centre)")
    output_format(out)  # a bad suffix fails before the graph is read
    graph = actor_graph(
        kg,
        relations=relations,
        kinds=kinds,
        articles=articles,
        min_confidence=min_confidence,
        since=since.date() if since else None,
        until=until.date() if until else None,
        co_mentions=co_mentions,
    )
    scene = build_scene(
        graph,
        top=top,
        measure=measure,
        focus=focus,
        depth=1 if depth is None else depth,
        title=title or f"Actor network of {kg.name}",
    )
    write_viz(scene, out)
    if scene.notice:
        click.echo(f"note: {scene.notice}", err=True)
    click.echo(f"wrote {out}: {len(scene.nodes)} actors, {len(scene.edges)} relations", err=True)
