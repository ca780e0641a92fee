"""The web page: one self-contained HTML file that draws a :class:`Scene` offline.

The page is a template, a style sheet and a script kept as data files beside this
module (``templates/``), and the scene as JSON in a ``<script type="application/json">``
element. Nothing is fetched: no CDN, no font, no image.

Article text never becomes markup. In the JSON every ``<``, ``>`` and ``&`` is written as
a ``\\u`` escape, so no name or sentence can close the element, and the script builds
the page with ``textContent`` only. A Content-Security-Policy allows just the page's own
script and style (by hash) as a second line of defence.

>>> script_json({"name": "</script><script>alert(1)</script>"})
'{"name": "\\\\u003c/script\\\\u003e\\\\u003cscript\\\\u003ealert(1)\\\\u003c/script\\\\u003e"}'
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from functools import cache
from importlib import resources
from typing import Any

from ..network.relations import NODE_KINDS, RELATIONS
from .palette import kind_color, relation_color
from .scene import Scene

__all__ = ["page_data", "render_html", "script_json"]

_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")


def script_json(value: Any) -> str:
    """``value`` as JSON that is safe inside a ``<script>`` element of an HTML page."""
    text = json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
    return re.sub("[<>&\u2028\u2029]", lambda m: _ESCAPES[m.group()], text)


@cache
def _template(name: str) -> str:
    return resources.files("newskg.viz").joinpath("templates", name).read_text(encoding="utf-8")


def _sha256(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def page_data(scene: Scene) -> dict[str, Any]:
    """The JSON the page script reads: the scene, legend entries and their colours."""
    kinds = [k.kind for k in scene.nodes]
    relations = [e.relation for e in scene.edges]
    kind_order = [*NODE_KINDS, *sorted(set(kinds) - set(NODE_KINDS))]
    relation_order = [*RELATIONS, *sorted(set(relations) - set(RELATIONS))]
    return {
        "title": scene.title,
        "subtitle": scene.subtitle,
        "measure": scene.measure,
        "notice": scene.notice,
        "cut": scene.cut,
        "totalNodes": scene.total_nodes,
        "totalEdges": scene.total_edges,
        "focus": scene.focus,
        "depth": scene.depth,
        "kinds": [
            {"name": k, "color": kind_color(k), "count": kinds.count(k)}
            for k in kind_order
            if k in kinds
        ],
        "relations": [
            {
                "name": r,
                "label": RELATIONS[r].label if r in RELATIONS else r,
                "color": relation_color(r),
                "count": relations.count(r),
                "weak": RELATIONS[r].weak if r in RELATIONS else False,
            }
            for r in relation_order
            if r in relations
        ],
        "nodes": [
            {
                "id": n.id,
                "label": n.label,
                "kind": n.kind,
                "type": n.type,
                "articles": n.articles,
                "aliases": list(n.aliases),
                "score": n.score,
                "r": n.radius,
                "x": n.x,
                "y": n.y,
                "focus": n.focus,
            }
            for n in scene.nodes
        ],
        "edges": [
            {
                "source": e.source,
                "target": e.target,
                "relation": e.relation,
                "label": e.label,
                "articles": e.articles,
                "confidence": e.confidence,
                "evidence": [list(pair) for pair in e.evidence],
                "details": list(e.details),
                "weak": e.weak,
            }
            for e in scene.edges
        ],
    }


def render_html(scene: Scene) -> str:
    """The whole page for ``scene``, as text.

    Example:
        >>> from newskg.viz.scene import Scene
        >>> page = render_html(Scene("<b>Me</b>", "", "degree", (), (), 0, 0, False, ""))
        >>> "<title>&lt;b&gt;Me&lt;/b&gt;</title>" in page
        True
    """
    script, style = _template("viz.js"), _template("viz.css")
    # The script and style are ours, but a stray end tag would cut them short.
    assert "</script" not in script.lower() and "</style" not in style.lower()
    policy = (
        f"default-src 'none'; script-src {_sha256(script)}; style-src {_sha256(style)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    values = {
        "csp": policy,  # ours, and free of quotes and markup: base64 and keywords
        "title": html.escape(scene.title, quote=True),
        "style": style,
        "script": script,
        "data": script_json(page_data(scene)),
    }
    # One pass, so a title holding "{{data}}" stays text.
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], _template("page.html"))
