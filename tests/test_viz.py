"""newskg viz: the scene, the page's data and escaping, pictures, the command, and the page
opened in a real headless Chromium.

The graph is built by the real pipeline from the network tests' three invented articles
and one hostile article (tests/data/viz/articles) whose sentences hold ``<script>``,
quotes and an ``onerror`` attribute; a hand-made actor adds a hostile name and alias.
Every attempt sets ``window.pwned``, which must stay undefined in the browser.
"""

from __future__ import annotations

import doctest
import hashlib
import importlib
import inspect
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from click.testing import CliRunner

import newskg.viz as viz
from newskg.cli import cli
from newskg.errors import ConfigError
from newskg.network import (
    MEASURES,
    RELATIONS,
    NetworkFilter,
    UnknownActorError,
    actor_graph,
    centrality,
    ego_network,
)
from newskg.viz import (
    KIND_COLORS,
    RELATION_COLORS,
    Scene,
    build_scene,
    draw_picture,
    page_data,
    positions,
    render_html,
    write_viz,
)

from .conftest import REPO

NETWORK_ARTICLES = REPO / "tests" / "data" / "network" / "articles"
HOSTILE_ARTICLES = REPO / "tests" / "data" / "viz" / "articles"
EVAL_ARTICLES = REPO.parent / "shared" / "eval" / "articles"
ID = "https://w3id.org/newskg/id/"
KOBACH = ID + "person/kris-kobach-83974993"
EVE = "https://example.org/id/person/eve"
EVE_LABEL = 'Eve "<script>window.pwned = 4</script>" O\'Hara & $x$ <b>Co</b>'
EVE_ALIAS = "</script><script>window.pwned = 5</script>"
EVE_SENTENCE = "Eve wrote \"</script><script>window.pwned = 6</script>\" & 'more'."
A1_FIRST = (
    "Kansas Secretary of State Kris Kobach, a Republican, is the vice chair of the "
    "Presidential Advisory Commission on Election Integrity."
)
HOSTILE_SENTENCE = "\"</script><img src=x onerror='window.pwned = 3'>\""
DATA_BLOCK = re.compile(r'<script id="viz-data" type="application/json">(.*?)</script>', re.S)


@pytest.fixture(scope="module")
def kg(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The invented articles and the hostile one, built into a TriG file by the library."""
    from newskg.graphio import write_graph_file
    from newskg.pipeline import build_dataset

    out = tmp_path_factory.mktemp("viz") / "kg.trig"
    write_graph_file(build_dataset([NETWORK_ARTICLES, HOSTILE_ARTICLES]).dataset, out)
    return out


@pytest.fixture(scope="module")
def graph(kg: Path) -> nx.MultiDiGraph:
    """The network of ``kg`` plus a hand-made actor whose name, alias and evidence attack."""
    g = actor_graph(kg)
    g.add_node(EVE, label=EVE_LABEL, kind="person", type="Person", articles=1, aliases=[EVE_ALIAS])
    g.add_edge(
        EVE,
        KOBACH,
        key="claimed_about",
        relation="claimed_about",
        label=RELATIONS["claimed_about"].label,
        articles=1,
        weight=1.0,
        confidence=0.7,
        confidence_mean=0.7,
        evidence=[("x1-script.txt", EVE_SENTENCE)],
        details=['<img src=x onerror="window.pwned = 7">'],
        weak=False,
    )
    return g


@pytest.fixture(scope="module")
def scene(graph: nx.MultiDiGraph) -> Scene:
    return build_scene(graph, title='Test <network> & "friends"')


def _data(page: str) -> Any:
    (found,) = DATA_BLOCK.findall(page)
    return json.loads(found)


# --- the scene ---------------------------------------------------------------------------


def test_a_small_network_is_drawn_whole(graph: nx.MultiDiGraph, scene: Scene) -> None:
    assert {n.id for n in scene.nodes} == set(graph)
    assert len(scene.edges) == graph.number_of_edges()
    assert not scene.cut and scene.notice == ""
    assert scene.total_nodes == graph.number_of_nodes()


def test_nodes_are_sized_by_centrality_most_central_first(scene: Scene) -> None:
    scores = [n.score for n in scene.nodes]
    assert scores == sorted(scores, reverse=True)
    radii = [n.radius for n in scene.nodes]
    assert radii == sorted(radii, reverse=True)
    assert radii[0] == viz.scene.MAX_RADIUS


def test_the_cut_keeps_the_most_central_actors_and_says_so(graph: nx.MultiDiGraph) -> None:
    small = build_scene(graph, top=3, measure="pagerank")
    expected = [s.node for s in centrality(graph, "pagerank", top=3).scores]
    assert [n.id for n in small.nodes] == expected
    assert small.cut
    assert small.notice.startswith(
        f"Showing the 3 most central of {graph.number_of_nodes()} actors"
    )
    assert "--top" in small.notice
    kept = set(expected)
    assert len(small.edges) == sum(1 for u, v in graph.edges() if u in kept and v in kept)
    data = page_data(small)
    assert data["cut"] is True and data["notice"] == small.notice and len(data["nodes"]) == 3


def test_focus_draws_the_ego_network(graph: nx.MultiDiGraph) -> None:
    ego = ego_network(graph, "Kobach", 1)
    members = {ego.center} | {end for _, hop in ego.edges for end in (hop.source, hop.target)}
    view = build_scene(graph, focus="Kobach", depth=1)
    assert {n.id for n in view.nodes} == members
    assert view.focus == KOBACH and view.depth == 1
    assert [n.id for n in view.nodes if n.focus] == [KOBACH]
    assert view.subtitle == "Kris Kobach and the actors within 1 hop"
    alone = build_scene(graph, focus="Kobach", depth=0)
    assert [n.id for n in alone.nodes] == [KOBACH] and not alone.edges


def test_the_focus_survives_the_cut(graph: nx.MultiDiGraph) -> None:
    view = build_scene(graph, focus=EVE, depth=2, top=1)
    assert [n.id for n in view.nodes] == [EVE]


def test_an_unknown_focus_suggests_names(graph: nx.MultiDiGraph) -> None:
    with pytest.raises(UnknownActorError, match="did you mean Kris Kobach"):
        build_scene(graph, focus="Kris Kobachh")


def test_an_empty_network_says_how_to_fix_it(tmp_path: Path) -> None:
    empty = build_scene(nx.MultiDiGraph())
    assert not empty.nodes and "loosen the filters" in empty.notice
    for suffix in ("html", "png", "svg"):
        assert write_viz(empty, tmp_path / f"empty.{suffix}").stat().st_size > 0


def test_layout_is_seeded_and_spreads_the_nodes(graph: nx.MultiDiGraph) -> None:
    first, again = positions(graph), positions(graph)
    assert first == again
    points = list(first.values())
    closest = min(
        ((ax - bx) ** 2 + (ay - by) ** 2) ** 0.5
        for i, (ax, ay) in enumerate(points)
        for bx, by in points[i + 1 :]
    )
    assert closest > 0.5
    assert min(x for x, _ in points) == 0.0 and min(y for _, y in points) == 0.0


# --- the page, without a browser --------------------------------------------------------


def test_page_data_holds_the_scene_with_its_evidence(scene: Scene) -> None:
    page = render_html(scene)
    data = _data(page)
    assert data == page_data(scene)
    assert len(data["nodes"]) == len(scene.nodes) and len(data["edges"]) == len(scene.edges)
    kobach = next(i for i, n in enumerate(data["nodes"]) if n["id"] == KOBACH)
    sentences = [
        pair
        for e in data["edges"]
        if kobach in (e["source"], e["target"])
        for pair in e["evidence"]
    ]
    assert ["a1-kobach.md", A1_FIRST] in sentences
    assert {k["name"]: k["color"] for k in data["kinds"]} == {
        k: KIND_COLORS[k] for k in ("person", "organization", "state")
    }
    assert all(r["color"] == RELATION_COLORS[r["name"]] for r in data["relations"])


def test_article_text_cannot_close_the_data_or_open_a_tag(scene: Scene) -> None:
    page = render_html(scene)
    assert page.count("<script") == 2 and page.lower().count("</script") == 2
    for attack in ("window.pwned", "onerror", "<b>", "<img"):
        assert attack not in page.replace(_data_text(page), ""), attack
    block = _data_text(page)
    assert "<" not in block and ">" not in block and "&" not in block
    data = _data(page)
    eve = next(n for n in data["nodes"] if n["id"] == EVE)
    assert eve["label"] == EVE_LABEL and eve["aliases"] == [EVE_ALIAS]
    assert any(HOSTILE_SENTENCE in s for e in data["edges"] for _, s in e["evidence"])
    assert "<title>Test &lt;network&gt; &amp; &quot;friends&quot;</title>" in page


def _data_text(page: str) -> str:
    (found,) = DATA_BLOCK.findall(page)
    return str(found)


def test_a_placeholder_in_the_title_stays_text(graph: nx.MultiDiGraph) -> None:
    page = render_html(build_scene(graph, title="{{data}} {{script}}"))
    assert "<title>{{data}} {{script}}</title>" in page
    assert len(DATA_BLOCK.findall(page)) == 1


def test_the_page_needs_nothing_from_the_network(scene: Scene) -> None:
    page = render_html(scene).replace(_data_text(render_html(scene)), "")
    assert not re.search(r"\b(src|href)\s*=|<link|@import|url\((?!#)", page)
    # The SVG namespace is a name, not an address the page fetches.
    addresses = set(re.findall(r"https?://[^\s\"'<>]+", page))
    assert addresses == {"http://www.w3.org/2000/svg"}


def test_the_policy_allows_exactly_the_page_s_own_script_and_style(scene: Scene) -> None:
    page = render_html(scene)
    script = re.findall(r"<script>(.*?)</script>", page, re.S)[0]
    style = re.findall(r"<style>(.*?)</style>", page, re.S)[0]

    def digest(text: str) -> str:
        import base64

        return base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()

    (policy,) = re.findall(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page)
    assert f"script-src 'sha256-{digest(script)}'" in policy
    assert f"style-src 'sha256-{digest(style)}'" in policy
    assert policy.startswith("default-src 'none'")


# --- pictures -----------------------------------------------------------------------------


def test_png_is_written(scene: Scene, tmp_path: Path) -> None:
    out = write_viz(scene, tmp_path / "actors.png")
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_svg_is_valid_with_the_page_s_colours_and_repeats_exactly(
    scene: Scene, tmp_path: Path
) -> None:
    first = write_viz(scene, tmp_path / "a.svg").read_bytes()
    assert first == write_viz(scene, tmp_path / "b.svg").read_bytes()
    root = ET.fromstring(first)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    text = first.decode()
    for kind in ("person", "organization", "state"):
        assert KIND_COLORS[kind] in text
    assert RELATION_COLORS["holds_office_in"] in text


def test_picture_names_do_not_overlap(graph: nx.MultiDiGraph) -> None:
    fig = draw_picture(build_scene(graph))
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    (ax,) = fig.axes
    names = [t for t in ax.texts if t.get_text()]
    boxes = [t.get_window_extent(renderer) for t in names]
    assert {t.get_text() for t in names} >= {"Kris Kobach", EVE_LABEL}  # "$x$" stays text
    for i, box in enumerate(boxes):
        for other in boxes[i + 1 :]:
            assert not box.overlaps(other)


# --- the command ----------------------------------------------------------------------------


def test_cli_writes_the_page(kg: Path, tmp_path: Path) -> None:
    out = tmp_path / "actors.html"
    result = CliRunner().invoke(cli, ["viz", str(kg), "-o", str(out), "--top", "4"])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "note: Showing the 4 most central of" in result.stderr
    assert f"wrote {out}: 4 actors, " in result.stderr
    data = _data(out.read_text(encoding="utf-8"))
    assert len(data["nodes"]) == 4 and data["title"] == "Actor network of kg.trig"


def test_cli_filters_and_focus(kg: Path, tmp_path: Path) -> None:
    out = tmp_path / "kobach.svg"
    args = ["viz", str(kg), "-o", str(out), "--focus", "Kobach", "--depth", "1"]
    result = CliRunner().invoke(cli, [*args, "--relation", "holds_office_in", "--kind", "all"])
    assert result.exit_code == 0, result.output
    expected = actor_graph(kg, relations=["holds_office_in"], kinds=["all"])
    ego = build_scene(expected, focus="Kobach")
    assert f"wrote {out}: {len(ego.nodes)} actors, {len(ego.edges)} relations" in result.stderr
    assert all(e.relation == "holds_office_in" for e in ego.edges) and ego.edges


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "x.pdf"], "give a file ending in .html"),
        (["-o", "x.html", "--focus", "Nobody Atall"], "no actor named 'Nobody Atall'"),
        (["-o", "x.html", "--depth", "2"], "--depth needs --focus"),
        (["-o", "x.html", "--relation", "likes"], "unknown relation 'likes'"),
        (["-o", "x.html", "--top", "-1"], "--top"),
    ],
)
def test_cli_usage_errors_exit_2(kg: Path, tmp_path: Path, args: list[str], message: str) -> None:
    args = [str(tmp_path / a) if a.startswith("x.") else a for a in args]
    result = CliRunner().invoke(cli, ["viz", str(kg), *args])
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""
    assert not list(tmp_path.iterdir())


def test_cli_offers_every_network_filter_and_measure() -> None:
    from newskg import cli_viz

    command = cli.get_command(None, "viz")  # type: ignore[arg-type]
    assert command is not None
    names = {p.name for p in command.params}
    assert set(inspect.signature(NetworkFilter.make).parameters) <= names
    assert cli_viz._MEASURES == MEASURES
    top = next(p for p in command.params if p.name == "top")
    assert top.default == viz.DEFAULT_TOP
    assert cli_viz._RELATION_NAMES.split(", ") == list(RELATIONS)


def test_importing_the_cli_and_viz_stays_cheap() -> None:
    code = (
        "import sys, newskg.cli; assert 'networkx' not in sys.modules; "
        "import newskg.viz; assert 'matplotlib' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_bad_suffix_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match=r"\.png or \.svg"):
        viz.output_format("actors.jpeg")
    assert viz.output_format("a.HTM") == "html"


def test_public_names_are_pinned() -> None:
    assert viz.__all__ == [
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
    for name in viz.__all__:
        assert getattr(viz, name) is not None


@pytest.mark.parametrize("name", ["layout", "scene", "page", "palette", "output"])
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(f"newskg.viz.{name}"))
    assert result.attempted > 0 and result.failed == 0


# --- the page in a real browser -------------------------------------------------------------

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's chromium driven by Playwright (never a downloaded browser)."""
    executable = _chromium()
    if executable is None:
        reason = "no chromium binary: .ci/install-browser.sh installs Debian's chromium"
        if os.environ.get("NEWSKG_REQUIRE_CHROMIUM") == "1":
            pytest.fail(reason)  # CI installed it: a missing browser is a failure there
        pytest.skip(reason)
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class Opened:
    """A page opened in the browser, with what it logged and what it tried to fetch."""

    def __init__(self, browser: Any, path: Path):
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.console: list[tuple[str, str]] = []
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.console.append((m.type, m.text)))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.route("**/*", self._route)
        self.page.goto(path.as_uri())
        self.page.wait_for_selector("html[data-ready=true]", state="attached", timeout=10_000)

    def _route(self, route: Any) -> None:
        url = route.request.url
        if url.startswith("file://"):
            route.continue_()
        else:
            self.requests.append(url)
            route.abort()

    def problems(self) -> list[str]:
        logged = [f"{kind}: {text}" for kind, text in self.console if kind in ("error", "warning")]
        return logged + self.errors + [f"fetched {url}" for url in self.requests]


def _edge_point(page: Any) -> tuple[float, float, int]:
    """The screen point of an edge's middle where a click reaches that edge."""
    found = page.evaluate(
        """() => {
          for (const g of document.querySelectorAll('#edges .edge')) {
            const hit = g.querySelector('path.hit');
            const p = hit.getPointAtLength(hit.getTotalLength() / 2);
            const m = hit.getScreenCTM();
            const x = p.x * m.a + p.y * m.c + m.e, y = p.x * m.b + p.y * m.d + m.f;
            const top = document.elementFromPoint(x, y);
            if (top && top.closest('.edge') === g) return [x, y, Number(g.dataset.index)];
          }
          return null;
        }"""
    )
    assert found, "no edge can be clicked at its middle"
    return float(found[0]), float(found[1]), int(found[2])


def test_the_page_in_chromium(browser: Any, scene: Scene, tmp_path: Path) -> None:
    path = write_viz(scene, tmp_path / "actors.html")
    opened = Opened(browser, path)
    page = opened.page

    # The network rendered: one element per node and per edge of the scene.
    assert page.locator("#nodes .node").count() == len(scene.nodes)
    assert page.locator("#edges .edge").count() == len(scene.edges)
    assert page.locator("#notice").is_hidden()

    # Hostile text ran nothing and shows literally.
    assert page.evaluate("typeof window.pwned") == "undefined"
    eve = next(i for i, n in enumerate(scene.nodes) if n.id == EVE)
    assert page.locator(f'#nodes .node[data-index="{eve}"] title').text_content() == (
        f"{EVE_LABEL} (person)"
    )
    assert page.locator("#title").text_content() == scene.title

    # The search finds an actor by surname and highlights it.
    page.fill("#search", "kobach")
    assert page.locator("#search-status").text_content() == "1 actor found"
    assert page.locator("#search-results button").all_text_contents() == ["Kris Kobach"]
    kobach = next(i for i, n in enumerate(scene.nodes) if n.id == KOBACH)
    assert "match" in (
        page.locator(f'#nodes .node[data-index="{kobach}"]').get_attribute("class") or ""
    )
    page.press("#search", "Enter")
    details = page.locator("#details")
    assert details.locator("h2").text_content() == "Kris Kobach"
    assert A1_FIRST in details.locator("blockquote .sentence").all_text_contents()
    assert "a1-kobach.md" in details.locator("blockquote cite").all_text_contents()
    page.fill("#search", "")

    # Clicking a node (a real mouse click on its circle) shows its facts and evidence.
    page.click("#zoom-fit")
    page.locator(f'#nodes .node[data-index="{eve}"] circle').click()
    assert details.locator("h2").text_content() == EVE_LABEL
    assert details.locator("blockquote .sentence").all_text_contents() == [EVE_SENTENCE]
    assert details.locator("blockquote cite").all_text_contents() == ["x1-script.txt"]
    assert (
        '<img src=x onerror="window.pwned = 7">' in details.locator(".detail").all_text_contents()
    )

    # Clicking an edge shows its relation and every evidence sentence.
    page.click("#zoom-fit")
    x, y, index = _edge_point(page)
    page.mouse.click(x, y)
    edge = scene.edges[index]
    head = details.locator("h2").text_content() or ""
    source, target = scene.nodes[edge.source].label, scene.nodes[edge.target].label
    assert head == f"{source} {edge.label} {target}"
    assert details.locator("dd").first.text_content() == edge.label
    assert details.locator("blockquote .sentence").all_text_contents() == [
        s for _, s in edge.evidence
    ]

    # The kind and relation filters hide what they name.
    states = sum(1 for n in scene.nodes if n.kind == "state")
    page.locator('#kinds input[value="state"]').uncheck()
    assert page.locator("#nodes .node:not(.hidden)").count() == len(scene.nodes) - states
    page.locator('#kinds input[value="state"]').check()
    claims = sum(1 for e in scene.edges if e.relation == "claimed_about")
    page.locator('#relations input[value="claimed_about"]').uncheck()
    assert page.locator("#edges .edge:not(.hidden)").count() == len(scene.edges) - claims
    assert page.locator("#stats").text_content() == (
        f"Showing {len(scene.nodes)} of {len(scene.nodes)} actors and "
        f"{len(scene.edges) - claims} of {len(scene.edges)} relations."
    )

    page.locator('#relations input[value="claimed_about"]').check()

    # The hostile article's sentence shows as text in Maryland's facts.
    maryland = next(e.source for e in scene.edges if e.relation == "responded_to")
    page.locator(f'#nodes .node[data-index="{maryland}"] circle').click()
    shown = details.locator("blockquote .sentence").all_text_contents()
    assert any(HOSTILE_SENTENCE in sentence for sentence in shown)

    # Still nothing ran, nothing was fetched, nothing complained.
    assert page.evaluate("typeof window.pwned") == "undefined"
    assert page.locator("#details img, #details script, #details b").count() == 0
    assert opened.problems() == []
    page.locator(f'#nodes .node[data-index="{kobach}"] circle').click()
    shot = page.screenshot(path=str(tmp_path / "viz.png"))
    assert shot[:8] == b"\x89PNG\r\n\x1a\n"
    page.close()


def test_the_cut_notice_shows_on_the_page(
    browser: Any, graph: nx.MultiDiGraph, tmp_path: Path
) -> None:
    small = build_scene(graph, top=5)
    opened = Opened(browser, write_viz(small, tmp_path / "top5.html"))
    assert opened.page.locator("#notice").text_content() == small.notice
    assert opened.page.locator("#nodes .node").count() == 5
    assert opened.problems() == []
    opened.page.close()


@pytest.fixture(scope="module")
def eval_kg(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not EVAL_ARTICLES.is_dir():
        pytest.skip("the evaluation articles (shared/eval/articles) are not beside the repo")
    from newskg.graphio import write_graph_file
    from newskg.pipeline import build_dataset

    out = tmp_path_factory.mktemp("eval") / "eval.trig"
    write_graph_file(build_dataset([EVAL_ARTICLES]).dataset, out)
    return out


@pytest.mark.slow
def test_the_eval_page_renders_every_actor(browser: Any, eval_kg: Path, tmp_path: Path) -> None:
    out = tmp_path / "eval.html"
    result = CliRunner().invoke(cli, ["viz", str(eval_kg), "-o", str(out)])
    assert result.exit_code == 0, result.output
    expected = build_scene(actor_graph(eval_kg))
    opened = Opened(browser, out)
    assert opened.page.locator("#nodes .node").count() == len(expected.nodes)
    assert opened.problems() == []
    opened.page.screenshot(path=str(tmp_path / "eval.png"))
    opened.page.close()
