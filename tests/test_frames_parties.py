"""Tests for the `parties` frame: which person the text ties to which party."""

from __future__ import annotations

from typing import Any

import pytest

from newskg.extract import extract_article
from newskg.model import Article


@pytest.fixture(scope="module")
def nlp() -> Any:
    from newskg.nlp import load_pipeline

    return load_pipeline()


def parties(nlp: Any, text: str) -> set[tuple[str, str]]:
    """(person, party) of every tie, by entity name."""
    x = extract_article(Article(id="t", text=text), nlp(text), frames=["parties", "roles"])
    names = {e.key: e.name for e in x.entities}
    assert all(0 < p.confidence <= 1 and p.evidence for p in x.parties)
    return {(names[p.person], names[p.party]) for p in x.parties}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Republican Sen. Marta Quill spoke.", ("Marta Quill", "Republican Party")),
        ("Democratic candidate Maria Lopez campaigned.", ("Maria Lopez", "Democratic Party")),
        ("The Republican Maria Lopez won the seat.", ("Maria Lopez", "Republican Party")),
        ("Voters backed Democrat Maria Lopez.", ("Maria Lopez", "Democratic Party")),
        (
            "Democratic former President Tom Reed praised the ruling.",
            ("Tom Reed", "Democratic Party"),
        ),
    ],
)
def test_party_word_before_name(nlp: Any, text: str, expected: tuple[str, str]) -> None:
    assert parties(nlp, text) == {expected}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Maria Lopez, a Republican, won the seat.", ("Maria Lopez", "Republican Party")),
        ("Maria Lopez, a Democrat from Ohio, won.", ("Maria Lopez", "Democratic Party")),
        ("Maria Lopez, the GOP nominee, won the seat.", ("Maria Lopez", "Republican Party")),
        (
            "Maria Lopez, the Republican secretary of state for Ohio, spoke.",
            ("Maria Lopez", "Republican Party"),
        ),
        (
            "John Hale, a Republican strategist in Washington, said by phone.",
            ("John Hale", "Republican Party"),
        ),
        (
            "Mark Doyle, chairman of the Democratic Party, spoke.",
            ("Mark Doyle", "Democratic Party"),
        ),
    ],
)
def test_appositive(nlp: Any, text: str, expected: tuple[str, str]) -> None:
    assert parties(nlp, text) == {expected}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Marta Quill (R-Texas) said it would fail. Republicans agreed.", "Marta Quill"),
        ("Sen. Tom Becker, R-Ky., said the Republicans would vote no.", "Tom Becker"),
        ("State Sen. Ana Fisher (R., Bucks) said Republicans would appeal.", "Ana Fisher"),
    ],
)
def test_party_marker(nlp: Any, text: str, expected: str) -> None:
    assert parties(nlp, text) == {(expected, "Republican Party")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Carl Webb is a Republican.", {("Carl Webb", "Republican Party")}),
        ("Carl Webb is not a Republican.", set()),
        (
            "Ellen Park, a member of the Republican Party, spoke.",
            {("Ellen Park", "Republican Party")},
        ),
        (
            "Ellen Park defeated Republican incumbent Harold Finch.",
            {("Harold Finch", "Republican Party")},
        ),
    ],
)
def test_predicate_and_membership(nlp: Any, text: str, expected: set[tuple[str, str]]) -> None:
    assert parties(nlp, text) == expected


def test_plural_title_ties_the_whole_list(nlp: Any) -> None:
    text = "Democratic Senators Ellen Park of Ohio and Tom Reed of Texas attended."
    assert parties(nlp, text) == {
        ("Ellen Park", "Democratic Party"),
        ("Tom Reed", "Democratic Party"),
    }


def test_party_committee_as_body(nlp: Any) -> None:
    text = "Democratic National Committee Chairman Mark Doyle said Democrats can win."
    assert parties(nlp, text) == {("Mark Doyle", "Democratic Party")}


def test_party_and_office_of_the_only_holder(nlp: Any) -> None:
    text = "President Harold Finch signed it. Critics said the Republican president overreached."
    assert parties(nlp, text) == {("Harold Finch", "Republican Party")}


def test_party_and_office_with_two_holders_ties_nobody(nlp: Any) -> None:
    text = (
        "President Harold Finch met President Ana Moreno. "
        "Critics said the Republican president overreached."
    )
    assert parties(nlp, text) == set()


@pytest.mark.parametrize(
    "text",
    [
        "Republicans criticized Maria Lopez for the vote.",
        "Democrats and Maria Lopez disagreed.",
        "Kevin Marsh said Republicans will lose. Maria Lopez, a former Republican, left.",
        "Maria Lopez is not a Republican, Kevin Marsh said.",
        "Republican voters in Ohio backed the plan, Maria Lopez said.",
    ],
)
def test_no_tie(nlp: Any, text: str) -> None:
    assert parties(nlp, text) == set()


def test_other_party_word_does_not_tie_a_marked_name(nlp: Any) -> None:
    found = parties(nlp, "Sen. Marta Quill (R-Texas) said Democrats would lose.")
    assert ("Marta Quill", "Democratic Party") not in found
