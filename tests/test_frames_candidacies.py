"""The `candidacies` frame on invented sentences: who runs in which election, with party
and outcome, and what is not a candidacy."""

from __future__ import annotations

from typing import Any

import pytest

from newskg.extract import extract_article
from newskg.model import Article

Row = tuple[str, str, str | None, str | None]


@pytest.fixture(scope="module")
def candidacies() -> Any:
    """(person, election, party, outcome) names of every candidacy a text states."""
    from newskg.nlp import load_pipeline

    nlp = load_pipeline()

    def run(text: str) -> set[Row]:
        found = extract_article(Article(id="t.txt", text=text), nlp(text), ["candidacies"])
        name = {e.key: e.name for e in found.entities}
        return {
            (name[c.person], name[c.election], name.get(c.party or ""), c.outcome)
            for c in found.candidacies
        }

    return run


KANSAS = "Kansas gubernatorial election"
OHIO_2018 = "2018 Ohio gubernatorial election"
PRESIDENT_2016 = "2016 United States presidential election"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Daniel Whitcomb is running for governor of Kansas.",
            {("Daniel Whitcomb", KANSAS, None, None)},
        ),
        (
            "Since Daniel Whitcomb is running for governor of Kansas, critics asked the "
            "Department of Justice to look into his finances.",
            {("Daniel Whitcomb", KANSAS, None, None)},
        ),
        (
            "In the 2018 Ohio gubernatorial election, Maria Castellanos defeated Peter Lindqvist.",
            {
                ("Maria Castellanos", OHIO_2018, None, "won"),
                ("Peter Lindqvist", OHIO_2018, None, "lost"),
            },
        ),
        (
            "Peter Lindqvist was defeated by Maria Castellanos in the 2018 Ohio gubernatorial "
            "election.",
            {
                ("Maria Castellanos", OHIO_2018, None, "won"),
                ("Peter Lindqvist", OHIO_2018, None, "lost"),
            },
        ),
        (
            "Maria Castellanos beat Peter Lindqvist in the 2018 Ohio gubernatorial election.",
            {
                ("Maria Castellanos", OHIO_2018, None, "won"),
                ("Peter Lindqvist", OHIO_2018, None, "lost"),
            },
        ),
        (
            "Peter Lindqvist lost the 2016 election to Maria Castellanos.",
            {
                ("Peter Lindqvist", PRESIDENT_2016, None, "lost"),
                ("Maria Castellanos", PRESIDENT_2016, None, "won"),
            },
        ),
        (
            "Voters went to the polls in the 2016 presidential election. Democratic candidate "
            "Maria Castellanos spoke in Denver.",
            {("Maria Castellanos", PRESIDENT_2016, "Democratic Party", None)},
        ),
        (
            "Peter Lindqvist was the Republican candidate in the 2016 election.",
            {("Peter Lindqvist", PRESIDENT_2016, "Republican Party", None)},
        ),
        (
            "The Kansas gubernatorial election is in November. Daniel Whitcomb, the "
            "Republican nominee for governor, toured the state.",
            {("Daniel Whitcomb", KANSAS, "Republican Party", None)},
        ),
        (
            "Daniel Whitcomb is running for governor of Kansas. In a debate, Whitcomb said "
            "he would win the governorship.",
            {("Daniel Whitcomb", KANSAS, None, None)},
        ),
        (
            "Laura Brennan won the governorship after a long race for governor of Kansas.",
            {("Laura Brennan", KANSAS, None, "won")},
        ),
        (
            "The 2016 presidential election was close. Maria Castellanos won the popular "
            "vote, and Peter Lindqvist won the White House.",
            {
                ("Maria Castellanos", PRESIDENT_2016, None, None),
                ("Peter Lindqvist", PRESIDENT_2016, None, "won"),
            },
        ),
        (
            "Peter Lindqvist, a Republican, lost the popular vote in the 2016 presidential "
            "election in which he defeated Democratic opponent Maria Castellanos.",
            {
                ("Peter Lindqvist", PRESIDENT_2016, "Republican Party", "won"),
                ("Maria Castellanos", PRESIDENT_2016, "Democratic Party", "lost"),
            },
        ),
        (
            "Investigators studied Peter Lindqvist's 2016 election campaign. Former "
            "Lindqvist rival Maria Castellanos declined to comment.",
            {
                ("Peter Lindqvist", PRESIDENT_2016, None, None),
                ("Maria Castellanos", PRESIDENT_2016, None, None),
            },
        ),
        (
            "Maria Castellanos won re-election in the 2018 Ohio gubernatorial election.",
            {("Maria Castellanos", OHIO_2018, None, "won")},
        ),
        (
            "Peter Lindqvist is running in the 2016 election as the Republican candidate.",
            {("Peter Lindqvist", PRESIDENT_2016, "Republican Party", None)},
        ),
        (
            "The 2018 Ohio gubernatorial election is near. Maria Castellanos beat Peter "
            "Lindqvist in the race for governor.",
            {
                ("Maria Castellanos", OHIO_2018, None, "won"),
                ("Peter Lindqvist", OHIO_2018, None, "lost"),
            },
        ),
        (
            "In the 2016 election, Laura Brennan campaigned for Peter Lindqvist.",
            {("Peter Lindqvist", PRESIDENT_2016, None, None)},
        ),
    ],
)
def test_candidacy_patterns(candidacies: Any, text: str, expected: set[Row]) -> None:
    assert candidacies(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Daniel Whitcomb is not running for governor of Kansas.",
        "Daniel Whitcomb declined to run for governor of Kansas.",
        "Daniel Whitcomb is considering a run for governor of Kansas.",
        "Daniel Whitcomb could run for governor of Kansas.",
        "Daniel Whitcomb, a potential candidate in the 2016 election, spoke on Monday.",
        # Holding an office is no candidacy.
        "Governor Laura Brennan of Kansas signed the budget after the 2016 election.",
        # A surrogate who campaigns for a candidate does not run.
        "Laura Brennan campaigned for Daniel Whitcomb.",
        # Running something is not running for something.
        "Laura Brennan ran the 2016 presidential campaign of a senator.",
        "After the 2016 election, Peter Lindqvist ran for cover.",
        "Before the 2016 election, Peter Lindqvist beat the odds and defeated the bill.",
        # Nominees of a person or a court are appointments.
        "After the 2016 election, Supreme Court nominee Laura Brennan was confirmed.",
        "After the 2016 election, Peter Lindqvist named Laura Brennan his nominee.",
        "After the 2016 election, Laura Brennan was the nominee for secretary of the interior.",
        # A Senate candidate is no candidate in a presidential election.
        "After the 2016 presidential election, Senate candidate Laura Brennan spoke.",
        # A candidate with no election in reach is not linked to a far-away one.
        "The 2016 election was long ago. Voters moved on. Many things changed. "
        "Democratic candidate Maria Castellanos opened an office.",
        # "the President" is nearer than the named person: the pronoun stays unresolved.
        "Peter Lindqvist said the President believes he won the 2016 election.",
    ],
)
def test_not_a_candidacy(candidacies: Any, text: str) -> None:
    assert candidacies(text) == set()


def test_negated_win_keeps_the_candidacy_without_outcome(candidacies: Any) -> None:
    text = "Peter Lindqvist did not win the 2016 presidential election."
    assert candidacies(text) == {("Peter Lindqvist", PRESIDENT_2016, None, None)}


def test_a_list_of_candidates(candidacies: Any) -> None:
    text = "Maria Castellanos and Peter Lindqvist are running for governor of Kansas."
    assert candidacies(text) == {
        ("Maria Castellanos", KANSAS, None, None),
        ("Peter Lindqvist", KANSAS, None, None),
    }


def test_one_candidacy_per_person_and_election(candidacies: Any) -> None:
    text = (
        "Maria Castellanos is running for governor of Kansas. Castellanos is running for "
        "governor of Kansas as the Democratic candidate."
    )
    assert candidacies(text) == {("Maria Castellanos", KANSAS, "Democratic Party", None)}
