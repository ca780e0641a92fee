"""Pictures of the actor network: an interactive web page and static PNG or SVG files.

:func:`build_scene` decides what to draw (an ego view, the most central actors, sizes
and positions); :func:`write_viz` writes it as a self-contained HTML page that works
offline, or as a picture drawn by matplotlib. Both use the colours of
:mod:`newskg.viz.palette`.

Importing this package imports networkx; matplotlib is imported only to draw a picture.

Example:
    >>> from newskg.network import actor_graph  # doctest: +SKIP
    >>> from newskg.viz import build_scene, write_viz  # doctest: +SKIP
    >>> graph = actor_graph("kg.trig", min_confidence=0.5)  # doctest: +SKIP
    >>> scene = build_scene(graph, top=100, focus="Gomez", depth=2)  # doctest: +SKIP
    >>> write_viz(scene, "kobach.html")  # doctest: +SKIP
"""

from __future__ import annotations

from .layout import positions
from .output import VIZ_FORMATS, output_format, write_viz
from .page import page_data, render_html, script_json
from .palette import KIND_COLORS, RELATION_COLORS, kind_color, relation_color
from .picture import PICTURE_FORMATS, draw_picture, write_picture
from .scene import DEFAULT_TOP, Scene, SceneEdge, SceneNode, build_scene

__all__ = [
    "DEFAULT_TOP",
    "KIND_COLORS",
    "PICTURE_FORMATS",
    "RELATION_COLORS",
    "VIZ_FORMATS",
    "Scene",
    "SceneEdge",
    "SceneNode",
    "build_scene",
    "draw_picture",
    "kind_color",
    "output_format",
    "page_data",
    "positions",
    "relation_color",
    "render_html",
    "script_json",
    "write_picture",
    "write_viz",
]
