"""Odd but real news text builds end to end with no SHACL Violation.

Each text is a short invented story with a shape that once set its article graph aside;
the build must keep it (``rejected == []``), since any Violation fails a whole build.
"""

from __future__ import annotations

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
