"""Odd but real news text builds end to end with no SHACL Violation.

Each text is a short invented story with a shape that once set its article graph aside;
the build must keep it (``rejected == []``), since any Violation fails a whole build.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newskg.pipeline import build_dataset

TEXTS = {
    # A headline in title case and the body in sentence case name one body: one label.
    "headline-case": (
        "Trump Tower, Biden Administration, Clinton Foundation Named in Suit\n\n"
        "NEW YORK — The Clinton Foundation was named Monday in a lawsuit. "
        "The Biden administration said it was not involved."
    ),
}


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_text_builds_without_violation(name: str, tmp_path: Path) -> None:
    (tmp_path / f"{name}.txt").write_text(TEXTS[name], encoding="utf-8")
    result = build_dataset([tmp_path])
    assert result.problems == ()
    assert [r.report.results for r in result.rejected] == []
    assert result.articles == 1


def test_a_failing_frame_costs_only_its_own_facts(extract_with: None) -> None:
    from newskg.extract import ExtractionWarning, extract_article
    from newskg.model import Article
    from newskg.nlp import load_pipeline

    text = "Sen. Ana Ruiz (D-N.M.) said the plan would fail."
    with pytest.warns(ExtractionWarning, match=r"t\.txt: the explodes extractor failed"):
        x = extract_article(
            Article("t.txt", text), load_pipeline()(text), frames=["roles", "explodes"]
        )
    assert [r.office for r in x.roles] == ["senator"]  # the earlier frame's facts stay
    assert x.claims == ()  # what the failing frame added before it failed is gone


@pytest.fixture
def extract_with() -> Iterator[None]:
    """A frame extractor that adds a fact, then fails like a rule tripping on a sentence."""
    from newskg.extract import FRAMES, FrameContext, Frames

    def explodes(context: FrameContext, found: Frames) -> None:
        found.claims.append(object())  # type: ignore[arg-type]
        raise ValueError("a rule tripped")

    FRAMES["explodes"] = explodes
    yield
    del FRAMES["explodes"]


def test_warnings_read_as_one_line_on_the_command_line() -> None:
    from newskg.cli import _one_line_warning
    from newskg.extract import ExtractionWarning

    line = _one_line_warning(ExtractionWarning("a.txt: it failed"), ExtractionWarning, "x.py", 3)
    assert line == "warning: a.txt: it failed\n"


def test_a_failure_finding_entities_keeps_the_article(monkeypatch: pytest.MonkeyPatch) -> None:
    import newskg.extract as extract
    from newskg.model import Article
    from newskg.nlp import load_pipeline

    def fails(doc: object) -> None:
        raise IndexError("a rule tripped")

    monkeypatch.setattr(extract, "extract_entities", fails)
    text = "Sen. Ana Ruiz (D-N.M.) said the plan would fail."
    with pytest.warns(extract.ExtractionWarning, match="t.txt: finding entities failed"):
        x = extract.extract_article(Article("t.txt", text), load_pipeline()(text))
    assert (x.entities, x.roles, x.claims) == ((), (), ())
