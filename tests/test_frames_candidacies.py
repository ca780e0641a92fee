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


OHIO_LG_2022 = "2022 Ohio lieutenant governor election"
OHIO_2022 = "2022 Ohio gubernatorial election"
OHIO_12TH = "2018 special election for Ohio's 12th Congressional District"
DAYTON_2019 = "2019 Dayton mayoral election"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "faces X in the race for <office>"
        (
            "Ohio Democrat Maria Castellanos faces Republican Peter Lindqvist in the race for "
            "lieutenant governor in 2022.",
            {
                ("Maria Castellanos", OHIO_LG_2022, "Democratic Party", None),
                ("Peter Lindqvist", OHIO_LG_2022, "Republican Party", None),
            },
        ),
        # "X, a <party> who is running for <office> in <year>"
        (
            "Daniel Whitcomb, an Ohio Republican who is running for governor in 2022, spoke.",
            {("Daniel Whitcomb", OHIO_2022, "Republican Party", None)},
        ),
        # "X and Y will meet in a runoff": every subject of the list ran.
        (
            "Maria Castellanos and Peter Lindqvist will meet in a runoff for Ohio's 12th "
            "Congressional District after Tuesday's special election. The governor had set the "
            "special election for Aug. 7, 2018.",
            {
                ("Maria Castellanos", OHIO_12TH, None, None),
                ("Peter Lindqvist", OHIO_12TH, None, None),
            },
        ),
        # "X won a special election"
        (
            "Maria Castellanos won a special election for Ohio's 12th Congressional District in "
            "2018.",
            {("Maria Castellanos", OHIO_12TH, None, "won")},
        ),
        # "X is challenging incumbent Y" with the race named just before.
        (
            "The 2022 Ohio gubernatorial election is heating up. Maria Castellanos is "
            "challenging incumbent Peter Lindqvist.",
            {
                ("Maria Castellanos", OHIO_2022, None, None),
                ("Peter Lindqvist", OHIO_2022, None, None),
            },
        ),
        # "she will challenge him in the <year> mayoral election": "him" is not "she".
        (
            "Mayor Peter Lindqvist called it politics. Council member Laura Brennan said "
            "she will challenge him in the 2019 mayoral election.",
            {
                ("Laura Brennan", "2019 mayoral election", None, None),
                ("Peter Lindqvist", "2019 mayoral election", None, None),
            },
        ),
        # "X, a candidate for mayor of <city>"
        (
            "Laura Brennan, a candidate for mayor of Dayton, opened an office in 2019.",
            {("Laura Brennan", "Dayton mayoral election", None, None)},
        ),
        # The article's main contest, for candidates introduced without one in reach.
        (
            "The Ohio governor's race has tightened. The race to succeed Gov. Ann Hale is "
            "close. A poll showed Maria Castellanos ahead. Independent candidate Peter "
            "Lindqvist, a businessman, has cast himself as an outsider.",
            {("Peter Lindqvist", "Ohio gubernatorial election", None, None)},
        ),
        # Shares of the vote: "drew N percent", "finished third with N percent", "led the
        # field with N percent, followed by Y with M percent".
        (
            "The Ohio governor's race has tightened. The race to succeed Gov. Ann Hale is "
            "close. In a poll, Maria Castellanos drew 4 percent.",
            {("Maria Castellanos", "Ohio gubernatorial election", None, None)},
        ),
        (
            "Turnout in Tuesday's special election for Ohio's 12th Congressional District was "
            "low. Maria Castellanos led the field with 38 percent of the vote, followed by Peter "
            "Lindqvist with 31 percent.",
            {
                (
                    "Maria Castellanos",
                    "special election for Ohio's 12th Congressional District",
                    None,
                    None,
                ),
                (
                    "Peter Lindqvist",
                    "special election for Ohio's 12th Congressional District",
                    None,
                    None,
                ),
            },
        ),
        # "X prepares for a Republican primary in <district> in <year>"
        (
            "Daniel Whitcomb prepares for a competitive Republican primary in Ohio's 15th "
            "Congressional District in 2016.",
            {
                (
                    "Daniel Whitcomb",
                    "2016 Republican primary for Ohio's 15th Congressional District",
                    None,
                    None,
                )
            },
        ),
        # "a Republican who announced her challenge": the race of the sentence before.
        (
            "Daniel Whitcomb faces a Republican primary in Ohio's 15th Congressional District "
            "in 2016. Laura Brennan, a Republican who announced her challenge in May, spoke.",
            {
                (
                    "Daniel Whitcomb",
                    "2016 Republican primary for Ohio's 15th Congressional District",
                    None,
                    None,
                ),
                (
                    "Laura Brennan",
                    "2016 Republican primary for Ohio's 15th Congressional District",
                    None,
                    None,
                ),
            },
        ),
        # Voters back a candidate: "backed X in 2012", "voted for X in the 2012 election".
        (
            "The district narrowly backed Barack Obama in 2012.",
            {("Barack Obama", "2012 United States presidential election", None, None)},
        ),
        (
            "The district voted for Republican Mitt Romney by 33 points in the 2012 "
            "presidential election.",
            {
                (
                    "Mitt Romney",
                    "2012 United States presidential election",
                    "Republican Party",
                    None,
                )
            },
        ),
        # "Gov. X, who is seeking re-election": the race for the office X holds.
        (
            "The 2018 race for governor in Ohio is close. Gov. Maria Castellanos, who is "
            "seeking re-election, spoke on Monday.",
            {("Maria Castellanos", OHIO_2018, None, None)},
        ),
        (
            "The 2018 race for governor in Ohio is close. Gov. Maria Castellanos is running for "
            "re-election.",
            {("Maria Castellanos", OHIO_2018, None, None)},
        ),
        # "a state X carried in 2016"
        (
            "Michigan is a state Peter Lindqvist carried in 2016.",
            {("Peter Lindqvist", PRESIDENT_2016, None, None)},
        ),
        # "X, who ran on a platform of ..." in a story about one race.
        (
            "Tuesday's special election for Ohio's 12th Congressional District was close. "
            "Turnout in the special election was low. Peter Lindqvist, who ran on a platform "
            "of lower taxes, conceded.",
            {
                (
                    "Peter Lindqvist",
                    "special election for Ohio's 12th Congressional District",
                    None,
                    None,
                )
            },
        ),
    ],
)
def test_candidacy_patterns_of_news_style(candidacies: Any, text: str, expected: set[Row]) -> None:
    assert candidacies(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # "face", "meet", "challenge" state a candidacy only with an election in reach.
        "After the 2016 election, Maria Castellanos faced Peter Lindqvist in court.",
        "After the 2016 election, Maria Castellanos and Peter Lindqvist will meet in Columbus.",
        "After the 2016 election, Maria Castellanos challenged the rule in federal court.",
        "After the 2016 election, Peter Lindqvist prepared for the hearing.",
        # A legal challenge is no candidacy.
        "After the 2016 election, Laura Brennan announced her legal challenge.",
        # Shares that are no vote: an approval rating.
        "The 2016 election is over. Peter Lindqvist's approval rating fell to 40 percent.",
        # Backing a measure, or a person in no election.
        "The district backed the school levy in 2012.",
        "Laura Brennan backed Peter Lindqvist for the cabinet post.",
        # Voting in an election is not running in it.
        "Laura Brennan voted in the 2016 presidential election.",
        # A senator's re-election long ago is no candidacy in the governor's race.
        "The 2018 race for governor in Ohio is close. Sen. Laura Brennan, who won re-election "
        "in 2012, spoke.",
        # A senator who backed a person for a post: no presidential election.
        "Senator Laura Brennan backed Peter Lindqvist in 2016 for the cabinet post.",
        # Running fast, or a share of the funding, is no candidacy.
        "The Ohio governor's race is close. The race to succeed Gov. Ann Hale is long. Laura "
        "Brennan ran as fast as she could.",
        "The Ohio governor's race is close. The race to succeed Gov. Ann Hale is long. Laura "
        "Brennan received 40 percent of the funding.",
    ],
)
def test_not_a_candidacy_of_news_style(candidacies: Any, text: str) -> None:
    assert candidacies(text) == set()


def test_a_person_in_one_race_is_in_no_other_on_context_alone(candidacies: Any) -> None:
    text = (
        "The Ohio governor's race has tightened. The race to succeed Gov. Ann Hale is close. "
        "Maria Castellanos faces Peter Lindqvist in the race for lieutenant governor. "
        "Lindqvist has run as Hale's partner."
    )
    assert candidacies(text) == {
        ("Maria Castellanos", "Ohio lieutenant governor election", None, None),
        ("Peter Lindqvist", "Ohio lieutenant governor election", None, None),
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a share "to" a rival's share
            "Ann Marsh took 48 percent to Tom Hale's 39 percent in the 2026 Nevada "
            "gubernatorial primary.",
            {
                ("Ann Marsh", "2026 Nevada gubernatorial primary", None, None),
                ("Tom Hale", "2026 Nevada gubernatorial primary", None, None),
            },
        ),
        (  # a list of shares, "had ... of the vote"
            "In the 2026 Nevada gubernatorial primary, Ann Marsh had 41 percent of the vote, "
            "ahead of Tom Hale with 33 percent, Jo Banning with 18 percent and Al Varga with 8 "
            "percent.",
            {
                (name, "2026 Nevada gubernatorial primary", None, None)
                for name in ("Ann Marsh", "Tom Hale", "Jo Banning", "Al Varga")
            },
        ),
        (  # "to" hung on the race
            "Ann Marsh lost the Republican nomination in the 2026 Nevada gubernatorial primary "
            "to Tom Hale.",
            {
                ("Ann Marsh", "2026 Nevada Republican gubernatorial primary", None, None),
                ("Tom Hale", "2026 Nevada Republican gubernatorial primary", None, None),
            },
        ),
        (  # a party's nomination is its primary
            "State Treasurer Ann Marsh won the Republican nomination for an open U.S. Senate "
            "seat in Nevada.",
            {("Ann Marsh", "Nevada Republican Senate primary", None, None)},
        ),
        (  # "would" reported under "announced"
            "Ann Marsh announced Monday that she would run for governor of Utah in 2026.",
            {("Ann Marsh", "2026 Utah gubernatorial election", None, None)},
        ),
        (  # a state's Senate race is for the U.S. Senate unless "state" says otherwise
            "Tom Hale is running against Sen. Ann Marsh in the 2026 Nevada Senate race.",
            {
                ("Tom Hale", "2026 Nevada Senate election", None, None),
                ("Ann Marsh", "2026 Nevada Senate election", None, None),
            },
        ),
        (
            "Tom Hale is running in the 2026 Nevada state Senate race.",
            {("Tom Hale", "2026 Nevada State Senate election", None, None)},
        ),
    ],
)
def test_shares_nominations_and_announcements(
    candidacies: Any, text: str, expected: set[Row]
) -> None:
    assert candidacies(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Gov. Ann Marsh, a Republican who is not seeking a third term, signed the 2026 budget.",
        "Rep. Tom Hale said he will not seek re-election in the 2026 congressional elections.",
        "Ann Marsh said she would run for governor of Utah in 2026 if the bill passed.",
        "Ann Marsh won the nomination for attorney general after a Senate vote.",
        "The company had 41 percent of the market in the 2026 fiscal year, ahead of Acme.",
    ],
)
def test_declined_and_conditional_runs_are_no_candidacies(candidacies: Any, text: str) -> None:
    assert candidacies(text) == set()


OHIO_PRIMARY = "2026 Ohio Republican gubernatorial primary"
OHIO_GENERAL = "2026 Ohio gubernatorial election"


def test_facing_a_rival_in_november_is_the_general_election(candidacies: Any) -> None:
    won = (
        "Jane Roe won the 2026 Ohio Republican primary for governor on Tuesday. "
        "The race for governor is expected to be close. "
    )
    found = candidacies(won + "Roe will face Democrat John Doe in November.")
    assert {(p, e) for p, e, _, _ in found} >= {
        ("Jane Roe", OHIO_PRIMARY),
        ("Jane Roe", OHIO_GENERAL),
        ("John Doe", OHIO_GENERAL),
    }
    # a list: both face the same third candidate
    both = candidacies(won + "Roe and Ann Poe will face John Doe in November.")
    assert ("Ann Poe", OHIO_GENERAL) in {(p, e) for p, e, _, _ in both}
    # negated, or not a month of elections: no general election
    for text in ("Roe will not face Democrat John Doe in November.", "Roe will face Doe in May."):
        assert all(e != OHIO_GENERAL for _, e, _, _ in candidacies(won + text))


def test_a_vote_share_is_of_the_first_round_not_the_runoff(candidacies: Any) -> None:
    text = (
        "Jane Roe will face John Doe in a December runoff after Tuesday's mayoral election "
        "in Dayton. Ann Poe took 9 percent. The runoff is set for Dec. 9."
    )
    found = {(p, e) for p, e, _, _ in candidacies(text)}
    assert ("Ann Poe", "Dayton mayoral election") in found
    assert ("Ann Poe", "Dayton mayoral runoff election") not in found
    assert ("Jane Roe", "Dayton mayoral runoff election") in found


def test_an_election_talked_about_is_no_race_of_the_sentence(candidacies: Any) -> None:
    ran = "Jane Roe's campaign paid a firm in the 2020 presidential election."
    assert candidacies(ran) == {
        ("Jane Roe", "2020 United States presidential election", None, None)
    }
    for about in ("about", "regarding"):
        told = f"Jane Roe's campaign paid a firm that spread claims {about} the 2020 election."
        assert candidacies(told) == set()


def test_running_against_a_candidate_puts_both_in_one_race(candidacies: Any) -> None:
    text = (
        "Jane Roe is running in the 2026 Ohio Senate race. John Doe is running against "
        "Democrat Jane Roe for the open seat."
    )
    assert ("John Doe", "2026 Ohio Senate election") in {(p, e) for p, e, _, _ in candidacies(text)}
    lone = "John Doe is running against Jane Roe for the open seat."
    assert candidacies(lone) == set()
