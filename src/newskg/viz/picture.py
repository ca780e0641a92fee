"""Static pictures of a :class:`Scene` for reports: PNG or SVG, drawn by matplotlib.

Same positions, sizes and colours as the web page. Names are written for the most
central actors first, each beside its node with a white halo, trying eight places
around the node; a name that would overlap one already written, or a node, is left
out, so labels never pile up. matplotlib is imported when a picture is drawn, never on
``import newskg``, and always with the non-interactive Agg backend.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..network.relations import NODE_KINDS, RELATIONS
from .palette import kind_color, relation_color
from .scene import Scene

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.transforms import Bbox

__all__ = ["ARROW_LIMIT", "MAX_LABELS", "PICTURE_FORMATS", "draw_picture", "write_picture"]

PICTURE_FORMATS = ("png", "svg")
MAX_LABELS = 60
"""At most this many names are written; the page shows the others."""

ARROW_LIMIT = 400
"""Up to this many edges are curved arrows; more are drawn as straight lines (fast)."""

_POINTS_PER_UNIT = 40.0
"""Points per layout unit: the picture grows with the network, within limits."""
_PIXEL_TO_POINT = 0.5
"""Page radii are pixels at zoom 1; on paper nodes are drawn at half that."""
_OFFSETS = ((1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (-1, 1), (1, -1), (-1, -1))


def _figure_size(scene: Scene) -> tuple[float, float]:
    width = max((n.x for n in scene.nodes), default=0.0) + 3.0
    height = max((n.y for n in scene.nodes), default=0.0) + 2.0
    scale = _POINTS_PER_UNIT / 72.0
    w = min(max(width * scale, 6.0), 30.0)
    h = min(max(height * scale, 4.0), 30.0)
    return w + 3.2, h + 1.2  # room for the legend and the title


def _draw_lines(ax: Axes, scene: Scene) -> None:
    """Every edge as a straight line in one collection: thousands draw in a blink."""
    from matplotlib.collections import LineCollection

    segments = []
    colors = []
    for e in scene.edges:
        a, b = scene.nodes[e.source], scene.nodes[e.target]
        segments.append([(a.x, a.y), (b.x, b.y)])
        colors.append(relation_color(e.relation))
    ax.add_collection(LineCollection(segments, colors=colors, linewidths=0.6, alpha=0.6, zorder=1))


def _draw_edges(ax: Axes, scene: Scene, radius: list[float]) -> None:
    from matplotlib.patches import FancyArrowPatch

    if len(scene.edges) > ARROW_LIMIT:
        _draw_lines(ax, scene)
        return

    pairs: dict[tuple[int, int], list[int]] = {}
    for i, e in enumerate(scene.edges):
        pairs.setdefault((min(e.source, e.target), max(e.source, e.target)), []).append(i)
    for members in pairs.values():
        for n, i in enumerate(members):
            e = scene.edges[i]
            if e.source == e.target:
                continue
            bend = (n - (len(members) - 1) / 2) * 0.25
            if e.source > e.target:
                bend = -bend  # the same side as the page: bends follow the pair's order
            a, b = scene.nodes[e.source], scene.nodes[e.target]
            ax.add_patch(
                FancyArrowPatch(
                    (a.x, a.y),
                    (b.x, b.y),
                    connectionstyle=f"arc3,rad={bend:.3f}",
                    arrowstyle="-|>",
                    mutation_scale=9,
                    color=relation_color(e.relation),
                    alpha=0.45 if e.weak else 0.75,
                    linestyle=(0, (3, 2)) if e.weak else "-",
                    linewidth=1.0,
                    shrinkA=radius[e.source],
                    shrinkB=radius[e.target] + 1,
                    zorder=1,
                )
            )


def _free(box: Bbox, taken: Any) -> bool:
    """Whether ``box`` overlaps none of the rows (x0, y0, x1, y1) of ``taken``."""
    return not bool(
        (
            (box.x0 < taken[:, 2])
            & (taken[:, 0] < box.x1)
            & (box.y0 < taken[:, 3])
            & (taken[:, 1] < box.y1)
        ).any()
    )


def _place_labels(
    fig: Figure, ax: Axes, scene: Scene, radius: list[float], obstacles: list[Artist]
) -> int:
    """Write names, most central first, where they overlap nothing; return how many.

    Nothing means no other name, no other node, not the inside of its own node, and
    none of ``obstacles`` (legend, headings).
    """
    import matplotlib.patheffects as effects
    import numpy as np

    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    centres = ax.transData.transform([(n.x, n.y) for n in scene.nodes])
    r = np.asarray(radius) * fig.dpi / 72.0
    nodes = np.column_stack(
        [centres[:, 0] - r, centres[:, 1] - r, centres[:, 0] + r, centres[:, 1] + r]
    )
    fixed = [tuple(a.get_window_extent(renderer).extents) for a in obstacles]
    labels: list[tuple[float, ...]] = []
    written = 0
    halo = [effects.withStroke(linewidth=3, foreground="white")]
    for i, node in enumerate(scene.nodes):
        if written >= MAX_LABELS or i >= 4 * MAX_LABELS:
            break
        own = nodes[i] + np.array([1.0, 1.0, -1.0, -1.0])
        taken = np.vstack([np.delete(nodes, i, axis=0), own, *fixed, *labels]).reshape(-1, 4)
        for dx, dy in _OFFSETS:
            pad = radius[i] + 2.0
            text = ax.annotate(
                node.label,
                (node.x, node.y),
                xytext=(dx * pad, -dy * pad),
                textcoords="offset points",
                ha={1: "left", -1: "right", 0: "center"}[dx],
                va={1: "top", -1: "bottom", 0: "center"}[dy],
                fontsize=8,
                fontweight="bold" if node.focus else "normal",
                zorder=4,
                path_effects=halo,
                annotation_clip=False,
            )
            text.set_parse_math(False)  # a "$" in a name is a dollar, not TeX
            box = text.get_window_extent(renderer).expanded(1.05, 1.1)
            if _free(box, taken):
                labels.append(tuple(box.extents))
                written += 1
                break
            text.remove()
    return written


def _legend(ax: Axes, scene: Scene) -> Artist | None:
    from matplotlib.lines import Line2D

    kinds = {n.kind for n in scene.nodes}
    relations = {e.relation for e in scene.edges}
    handles: list[Any] = [
        Line2D([], [], marker="o", linestyle="", markersize=8, color=kind_color(k), label=k)
        for k in (*NODE_KINDS, *sorted(kinds - set(NODE_KINDS)))
        if k in kinds
    ]
    handles += [
        Line2D(
            [],
            [],
            color=relation_color(r),
            linestyle="--" if r in RELATIONS and RELATIONS[r].weak else "-",
            label=RELATIONS[r].label if r in RELATIONS else r,
        )
        for r in (*RELATIONS, *sorted(relations - set(RELATIONS)))
        if r in relations
    ]
    if not handles:
        return None
    legend = ax.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(1.01, 1.0),
        frameon=False,
        fontsize=8,
        title="kinds and relations",
        title_fontsize=8,
    )
    for text in legend.get_texts():
        text.set_parse_math(False)
    return legend


def draw_picture(scene: Scene) -> Figure:
    """A matplotlib figure of ``scene`` (Agg canvas; close it with ``figure.clf()``)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=_figure_size(scene), dpi=100, layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    ax.set_axis_off()
    radius = [n.radius * _PIXEL_TO_POINT + 1.5 for n in scene.nodes]
    _draw_edges(ax, scene, radius)
    if scene.nodes:
        ax.scatter(
            [n.x for n in scene.nodes],
            [n.y for n in scene.nodes],
            s=[(2 * r) ** 2 for r in radius],
            c=[kind_color(n.kind) for n in scene.nodes],
            edgecolors=["#111111" if n.focus else "white" for n in scene.nodes],
            linewidths=[2.0 if n.focus else 0.8 for n in scene.nodes],
            zorder=3,
        )
        xs, ys = [n.x for n in scene.nodes], [n.y for n in scene.nodes]
        margin = 0.6
        ax.set_xlim(min(xs) - margin, max(xs) + margin)
        ax.set_ylim(max(ys) + margin, min(ys) - margin)  # y grows downwards, as on the page
    ax.set_aspect("equal", adjustable="box")
    heading = fig.suptitle(scene.title, fontsize=13, fontweight="bold")
    heading.set_parse_math(False)
    lines = [scene.subtitle, scene.notice.split(". Use")[0] + "." if scene.notice else ""]
    caption = ax.set_title("\n".join(line for line in lines if line), fontsize=9, color="#444")
    caption.set_parse_math(False)
    legend = _legend(ax, scene)
    if scene.nodes:
        obstacles = [a for a in (legend, heading, caption) if a is not None]
        _place_labels(fig, ax, scene, radius, obstacles)
    return fig


def write_picture(scene: Scene, path: Path | str, fmt: str | None = None) -> Path:
    """Draw ``scene`` into a PNG or SVG file; the format defaults to the suffix.

    Args:
        scene: what to draw.
        path: the file to write.
        fmt: ``png`` or ``svg``; None takes the suffix of ``path``.

    Returns:
        The path written.
    """
    out = Path(path)
    kind = (fmt or out.suffix.lstrip(".")).lower()
    if kind not in PICTURE_FORMATS:
        raise ValueError(f"not a picture format: {kind!r}")
    from matplotlib import rc_context

    fig = draw_picture(scene)
    # No date, software version or random SVG ids: one graph always gives the same bytes.
    metadata: dict[str, Any] = {"Date": None} if kind == "svg" else {"Software": None}
    with rc_context({"svg.hashsalt": "newskg"}):
        # "tight" widens the page to every name, even one written past the outermost node.
        fig.savefig(
            out, format=kind, dpi=150, metadata=metadata, facecolor="white", bbox_inches="tight"
        )
    fig.clf()
    return out
