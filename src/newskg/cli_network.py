"""``newskg network``: the actor network's commands (thin adapters over newskg.network).

Every command reads KG, projects it with the filter options, calls one library function
and prints its table; notes on the algorithm (an estimate, a seed) go to stderr so
stdout stays clean data in every format. networkx is imported only when a command runs.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from .cli_options import choice_option, count_option, table_format_option

if TYPE_CHECKING:
    import networkx as nx

    from .query import QueryResult

__all__ = ["network"]

# Spelled here, not imported, so `newskg --help` does not import networkx; tests check
# them against newskg.network.RELATIONS, MEASURES and METHODS.
_RELATION_NAMES = (
    "holds_office_in, member_of_party, candidate_in, complained_about, complained_to, "
    "alleged_violation_of, responded_to, claimed_about, reported, co_mentioned"
)
_MEASURES = ("degree", "betweenness", "pagerank", "eigenvector")
_METHODS = ("auto", "leiden", "louvain", "label-propagation")
_FILTERS = ("relations", "kinds", "articles", "min_confidence", "since", "until", "co_mentions")
_DATE = click.DateTime(formats=["%Y-%m-%d"])


@click.group()
@click.argument("kg", metavar="KG")
@click.option(
    "--no-cache",
    is_flag=True,
    help="Read KG again instead of using (or writing) the cached network of a graph file.",
)
@click.pass_context
def network(ctx: click.Context, kg: str, no_cache: bool) -> None:
    """Analyse the network of actors: who is connected to whom, and why.

    KG is what `newskg build` wrote: a graph file, a --store folder or a SPARQL
    server URL. The command after it asks the question,
    e.g. `newskg network kg.trig path Gomez Whitfield`. Actors are people,
    organizations and states (--kind all adds elections and laws); each edge is one
    relation between two actors with the articles and sentences that support it.
    Every command takes the same filter options. The first command on a graph file
    caches what it read (in ~/.cache/newskg/network or $XDG_CACHE_HOME); later ones
    use it while the file is unchanged.
    """
    ctx.obj = (kg, not no_cache)


def _filter_options(command: Callable[..., None]) -> Callable[..., None]:
    """Add the filter options to a command and hand them over as one ``filters`` dict."""
    options = [
        click.option(
            "--relation",
            "relations",
            multiple=True,
            help=f"Keep only this relation (repeatable): {_RELATION_NAMES}.",
        ),
        click.option(
            "--kind",
            "kinds",
            multiple=True,
            help="Keep only this node kind (repeatable): person, organization, state, "
            "election, law; `actors` (the first three, the default) or `all`.",
        ),
        click.option(
            "--article",
            "articles",
            multiple=True,
            help="Count evidence from this article id only (repeatable).",
        ),
        click.option(
            "--min-confidence",
            type=click.FloatRange(0.0, 1.0),
            default=0.0,
            show_default=True,
            help="Drop facts whose confidence is below this.",
        ),
        click.option(
            "--since",
            type=_DATE,
            metavar="YYYY-MM-DD",
            help="Only articles published on or after this date.",
        ),
        click.option(
            "--until",
            type=_DATE,
            metavar="YYYY-MM-DD",
            help="Only articles published on or before this date.",
        ),
        click.option(
            "--co-mentions",
            is_flag=True,
            help="Add weak `co_mentioned` edges between actors named in one sentence.",
        ),
    ]

    @functools.wraps(command)
    def run(**kwargs: Any) -> None:
        filters = {name: kwargs.pop(name) for name in _FILTERS}
        for name in ("since", "until"):
            if isinstance(filters[name], datetime):
                filters[name] = filters[name].date()
        command(filters=filters, **kwargs)

    for option in reversed(options):
        run = option(run)
    return run


def _graph(filters: dict[str, Any]) -> nx.MultiDiGraph:
    from .network import actor_graph

    kg, cache = click.get_current_context().obj
    return actor_graph(kg, cache=cache, **filters)


def _show(result: QueryResult, fmt: str) -> None:
    from .query import format_result

    click.echo(format_result(result, fmt), nl=False)


def _note(text: str) -> None:
    click.echo(f"note: {text}", err=True)


@network.command()
@count_option("--top", default=5, help="How many central actors to list.")
@table_format_option
@_filter_options
def summary(top: int, fmt: str, filters: dict[str, Any]) -> None:
    """Nodes by kind, edges by relation, components, density and the most central actors."""
    from .network import summarize

    _show(summarize(_graph(filters), top=top).table(), fmt)


@network.command()
@choice_option("--measure", choices=_MEASURES, default="degree", help="The centrality measure.")
@count_option("--top", default=10, help="How many actors to list (0: all).")
@click.option(
    "--sample",
    type=click.IntRange(min=0),
    default=None,
    help="Betweenness: estimate from this many sampled source nodes; 0 for exact "
    "(default: exact up to 5,000 nodes, 500 samples above).",
)
@click.option("--seed", default=42, show_default=True, help="Random seed of the sample.")
@table_format_option
@_filter_options
def centrality(
    measure: str, top: int, sample: int | None, seed: int, fmt: str, filters: dict[str, Any]
) -> None:
    """The most central actors by degree, betweenness, PageRank or eigenvector centrality.

    Measures ignore direction and relation kind. Large graphs get estimated
    betweenness; the note on stderr says so.
    """
    from .network import centrality as rank

    result = rank(_graph(filters), measure, top=top, sample=sample, seed=seed)
    _note(result.algorithm)
    _show(result.table(), fmt)


@network.command()
@click.argument("source")
@click.argument("target")
@click.option("--all", "all_paths", is_flag=True, help="Every shortest path, not just one.")
@count_option("--limit", default=20, minimum=1, help="At most this many paths (--all).")
@table_format_option
@_filter_options
def path(
    source: str, target: str, all_paths: bool, limit: int, fmt: str, filters: dict[str, Any]
) -> None:
    """The shortest chain of relations from SOURCE to TARGET, with evidence per hop.

    Names are matched as typed: "Gomez" finds Maria Gomez. Direction is ignored; each
    hop shows its relation the way it reads, its article and sentence.
    """
    from .network import shortest_paths

    graph = _graph(filters)
    result = shortest_paths(graph, source, target, all_paths=all_paths, limit=limit)
    names = [graph.nodes[n]["label"] for n in (result.source, result.target)]
    if result.source == result.target:
        _note(f"both names are {names[0]}: no path to show")
    elif not result.paths:
        _note(f"no path between {names[0]} and {names[1]} in this network")
    elif not result.complete:
        _note(f"more than {limit} shortest paths; showing {limit} (raise --limit)")
    _show(result.table(), fmt)


@network.command()
@click.argument("actor")
@count_option("--depth", default=1, minimum=1, help="Radius in hops.")
@table_format_option
@_filter_options
def neighbors(actor: str, depth: int, fmt: str, filters: dict[str, Any]) -> None:
    """ACTOR's ego network: every relation among the actors within --depth hops."""
    from .network import ego_network

    _show(ego_network(_graph(filters), actor, depth).table(), fmt)


@network.command()
@choice_option(
    "--method",
    choices=_METHODS,
    default="auto",
    help="Leiden (modularity), Louvain, label propagation, or auto (Leiden up to 2,000,000 links).",
)
@click.option("--seed", default=42, show_default=True, help="Random seed.")
@click.option(
    "--resolution",
    default=1.0,
    show_default=True,
    help="Leiden and Louvain resolution: above 1 gives more, smaller communities.",
)
@count_option("--min-size", default=2, help="Leave out smaller communities.")
@count_option("--top", default=20, help="List the largest N communities (0: all).")
@table_format_option
@_filter_options
def communities(
    method: str,
    seed: int,
    resolution: float,
    min_size: int,
    top: int,
    fmt: str,
    filters: dict[str, Any],
) -> None:
    """Groups of actors, their members and the relations that bind them."""
    from .network import communities as partition

    result = partition(
        _graph(filters),
        method.replace("-", "_"),
        seed=seed,
        resolution=resolution,
        min_size=min_size,
        top=top,
    )
    _note(f"{result.algorithm}; modularity {result.modularity:.4f}; {result.total} communities")
    _show(result.table(), fmt)


@network.command()
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(["graphml", "gexf", "csv", "json"]),
    default=None,
    help="File format (default: from the suffix of OUTPUT). GraphML and GEXF hold list "
    "attributes (evidence, details, aliases) as JSON text; csv writes NAME.nodes.csv "
    "and NAME.edges.csv.",
)
@click.option(
    "-o", "--output", "out", required=True, type=click.Path(path_type=Path), help="File to write."
)
@_filter_options
def export(fmt: str | None, out: Path, filters: dict[str, Any]) -> None:
    """Write the network for Gephi, Cytoscape or a spreadsheet, with all attributes."""
    from .network import export_network

    graph = _graph(filters)
    for written in export_network(graph, out, fmt):
        click.echo(f"wrote {written}", err=True)
    click.echo(f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges", err=True)
