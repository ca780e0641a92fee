"""How long the actor page of the evaluation articles takes to open in headless Chromium.

    python benchmarks/bench_viz.py [--articles DIR] [--repeat 7]

Builds the graph of ``--articles``, writes its page with ``newskg viz``, then opens it
``--repeat`` times in Debian's chromium (driven by Playwright), each time in a new page,
until the page marks itself ready. Prints the median wall time from navigation to ready,
the page's own drawing time (``window.vizRenderMs``), and, as the reference, the median
time the same browser takes to open a blank local page in the same run.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from _corpus import DEFAULT_ARTICLES

from newskg.graphio import write_graph_file
from newskg.network import actor_graph
from newskg.pipeline import build_dataset
from newskg.viz import build_scene, write_viz

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def open_ms(browser: object, page_file: Path, ready: str | None) -> tuple[float, float]:
    """Wall milliseconds from navigation until ``ready`` matches, and the page's own time."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})  # type: ignore[attr-defined]
    started = time.perf_counter()
    page.goto(page_file.as_uri())
    if ready:
        page.wait_for_selector(ready, state="attached", timeout=30_000)
    wall = (time.perf_counter() - started) * 1000
    drawn = float(page.evaluate("window.vizRenderMs || 0"))
    page.close()
    return wall, drawn


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, default=DEFAULT_ARTICLES)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        sys.exit("no chromium: run .ci/install-browser.sh")
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        kg = folder / "eval.trig"
        write_graph_file(build_dataset([args.articles]).dataset, kg)
        scene = build_scene(actor_graph(kg))
        page_file = folder / "actors.html"
        write_viz(scene, page_file)
        blank = folder / "blank.html"
        blank.write_text("<!doctype html><title>blank</title>", encoding="utf-8")
        print(
            f"page: {len(scene.nodes)} nodes, {len(scene.edges)} edges, "
            f"{page_file.stat().st_size / 1024:.0f} KiB"
        )
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            open_ms(browser, page_file, "html[data-ready=true]")  # warm the browser
            runs = [
                open_ms(browser, page_file, "html[data-ready=true]") for _ in range(args.repeat)
            ]
            blanks = [open_ms(browser, blank, None)[0] for _ in range(args.repeat)]
            browser.close()
    wall = statistics.median(r[0] for r in runs)
    drawn = statistics.median(r[1] for r in runs)
    reference = statistics.median(blanks)
    print(f"actor page ready: median {wall:.0f} ms wall (drawing {drawn:.0f} ms), target < 2000")
    print(f"blank page:       median {reference:.0f} ms; ratio {wall / reference:.1f}x")


if __name__ == "__main__":
    main()
