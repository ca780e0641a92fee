"""Election phrases on invented sentences: each phrase's canonical name, completed from the
rest of the article (state, district, city, year), and what is no election."""

from __future__ import annotations

from typing import Any

import pytest

from newskg.extract.elections import election_name, find_elections


@pytest.fixture(scope="module")
def elections(nlp: Any) -> Any:
    """(phrase, canonical name) of every election phrase in a text."""

    def run(text: str, published: int | None = None) -> set[tuple[str, str]]:
        return {(m.span.text, m.name) for m in find_elections(nlp(text), published)}

    return run


def names(found: set[tuple[str, str]]) -> set[str]:
    return {name for _, name in found}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Offices of offices.tsv, with or without a state in the phrase.
        (
            "Jane Roe is running for lieutenant governor of Ohio.",
            {"Ohio lieutenant governor election"},
        ),
        (
            "In Ohio, Jane Roe faces John Doe in the race for attorney general.",
            {"Ohio attorney general election"},
        ),
        (
            "The Ohio secretary of state race drew little notice.",
            {"Ohio secretary of state election"},
        ),
        # The year right after the phrase, and the article's only state.
        (
            "Jane Roe, an Ohio Republican, is running for governor in 2022.",
            {"2022 Ohio gubernatorial election"},
        ),
        (
            "Ohio voters will settle the 2018 race for governor in November.",
            {"2018 Ohio gubernatorial election"},
        ),
        # Congressional districts, primaries and special elections.
        (
            "Jane Roe won the Democratic primary for Ohio's 15th Congressional District in 2016.",
            {"2016 Democratic primary for Ohio's 15th Congressional District"},
        ),
        (
            "Roe won a special election for Ohio's 12th Congressional District in 2018.",
            {"2018 special election for Ohio's 12th Congressional District"},
        ),
        (
            "Jane Roe is a candidate for Ohio's 3rd District seat in 2020.",
            {"2020 election for Ohio's 3rd Congressional District"},
        ),
        # Mayors: the city of "mayor of X", or of "X City Council".
        (
            "Jane Roe, a candidate for mayor of Dayton, opened an office in 2019.",
            {"Dayton mayoral election"},
        ),
        (
            "A Dayton City Council member said the 2019 mayoral race was close.",
            {"2019 Dayton mayoral election"},
        ),
        (
            "The race for Ohio's open Senate seat drew two candidates.",
            {"Ohio Senate election"},
        ),
        (
            "Roe won a special election for the 6th District seat in Georgia in 2017.",
            {"2017 special election for Georgia's 6th Congressional District"},
        ),
        (
            "The mayoral race in Dayton is close. Jane Roe, a candidate for mayor, spoke.",
            {"Dayton mayoral election"},
        ),
        (
            "In Ohio, Jane Roe won a special election in 2017 to fill the seat.",
            {"2017 Ohio special election"},
        ),
        # Midterms and presidential campaigns.
        (
            "Turnout in the 2014 midterm elections was low.",
            {"2014 United States midterm elections"},
        ),
        (
            "Donors gave to his 2012 presidential campaign.",
            {"2012 United States presidential election"},
        ),
        (
            "The 2016 Republican primary drew a crowd of candidates.",
            {"2016 Republican presidential primaries"},
        ),
        # "voted for <person> in <presidential year>"
        (
            "The district narrowly backed Barack Obama in 2012.",
            {"2012 United States presidential election"},
        ),
    ],
)
def test_election_phrases(elections: Any, text: str, expected: set[str]) -> None:
    assert names(elections(text)) == expected


def test_a_special_election_and_its_runoff_are_one_contest(elections: Any) -> None:
    text = (
        "Jane Roe and John Doe will meet in a June 20 runoff for Georgia's 6th Congressional "
        "District after neither won a majority in Tuesday's special election. The governor "
        "had set the special election for April 18, 2017."
    )
    assert names(elections(text)) == {
        "2017 special election for Georgia's 6th Congressional District"
    }
    assert len(elections(text)) == 3  # one mention each, all of the one contest


def test_the_race_to_succeed_a_governor_is_for_governor(elections: Any) -> None:
    text = "In Ohio, the race to succeed term-limited Gov. John Doe has grown bitter."
    assert elections(text) == {("race to succeed", "Ohio gubernatorial election")}


def test_an_undated_race_takes_the_year_of_the_election_day(elections: Any) -> None:
    text = (
        "The Ohio governor's race has tightened. Early voting for the Nov. 6, 2018, "
        "election begins in October."
    )
    assert names(elections(text)) == {
        "2018 Ohio gubernatorial election",
        "2018 United States elections",
    }


def test_a_past_election_is_not_the_race_of_the_story(elections: Any) -> None:
    text = (
        "The Ohio governor's race has tightened. Turnout may exceed that of the 2014 "
        "midterm elections."
    )
    assert names(elections(text)) == {
        "Ohio gubernatorial election",
        "2014 United States midterm elections",
    }


def test_this_years_race_takes_the_publication_year(elections: Any) -> None:
    text = "Democrats won this year's races for governor in Virginia and New Jersey."
    assert names(elections(text, published=2017)) == {
        "2017 Virginia gubernatorial election",
        "2017 New Jersey gubernatorial election",
    }
    assert names(elections(text)) == {
        "Virginia gubernatorial election",
        "New Jersey gubernatorial election",
    }


def test_a_mayoral_race_takes_no_city_from_the_dateline(elections: Any) -> None:
    text = "AUSTIN, Texas — Jane Roe, a San Antonio Democrat, ran for mayor in 2015."
    assert names(elections(text)) == {"2015 mayoral election"}


def test_an_election_day_is_the_one_race_of_the_story(elections: Any) -> None:
    text = "The race for mayor of Dayton is close. Roe faces Doe in the Nov. 7 election."
    assert elections(text) == {
        ("race for mayor of Dayton", "Dayton mayoral election"),
        ("Nov. 7 election", "Dayton mayoral election"),
    }


def test_re_election_is_no_election_phrase(elections: Any) -> None:
    assert elections("Jane Roe won re-election in 2018.") == set()


def test_one_name_per_mention(elections: Any) -> None:
    text = (
        "Roe is running for governor in Ohio, and Doe is running for governor in Kansas. "
        "The governor's race in each state is close."
    )
    spans = [text for text, _ in elections(text)]
    assert len(spans) == len(set(spans))


@pytest.mark.parametrize(
    "text",
    [
        "Ohio election officials said the count was accurate.",
        "The primary reason for the delay was money.",
        "Storm runoff flooded the road.",
        "The 4th District Court of Appeals heard the case.",
        "The race was close, and the campaign was long.",
        # A vote for a person, but in no presidential year.
        "The district backed Jane Roe in 2014.",
        # "Tuesday's special election" with no contest in the article to be.
        "Turnout in Tuesday's special election was low.",
        # Plural, without year or place: no one contest.
        "Democrats also won several mayoral races.",
    ],
)
def test_not_an_election(elections: Any, text: str) -> None:
    assert elections(text) == set()


def test_election_name_is_canonical() -> None:
    assert election_name(2018, "attorney general", "Ohio") == "2018 Ohio attorney general election"
    assert election_name(2018, "governor", "Ohio", stage="special") == (
        "2018 Ohio special gubernatorial election"
    )
    assert election_name(2018, "governor", "Ohio", stage="primary", party="Republican") == (
        "2018 Ohio Republican gubernatorial primary"
    )
    assert election_name(None, "representative", "Ohio", district="3rd") == (
        "election for Ohio's 3rd Congressional District"
    )


def test_a_state_senate_race_is_for_congress_unless_called_the_state_senate() -> None:
    from newskg.nlp import load_pipeline

    nlp = load_pipeline()
    us = find_elections(nlp("Roe is running in the 2026 Nevada Senate race."))
    state = find_elections(nlp("Roe is running in the 2026 Nevada state Senate race."))
    assert [e.name for e in us] == ["2026 Nevada Senate election"]
    assert [e.name for e in state] == ["2026 Nevada State Senate election"]


def test_a_party_nomination_is_its_primary_and_a_bare_one_no_election() -> None:
    from newskg.nlp import load_pipeline

    nlp = load_pipeline()
    won = find_elections(nlp("Roe won the Republican nomination for governor of Utah in 2026."))
    post = find_elections(nlp("Roe won the nomination for attorney general in the Senate."))
    assert [e.name for e in won] == ["2026 Utah Republican gubernatorial primary"]
    assert post == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A re-election run names its office with "as".
        (
            "Jane Roe, who is running for re-election as attorney general, sued.",
            {"attorney general election"},
        ),
        # "run for Congress in the 5th District": that district's contest.
        (
            "The Ohio senator said she would run for Congress in a redrawn 5th District.",
            {"election for Ohio's 5th Congressional District"},
        ),
        # A city's ward is no congressional district.
        ("Jane Roe, a Republican, is running for mayor in the 3rd District.", {"mayoral election"}),
        # A state before the office, without a possessive.
        (
            "John Doe lost the race for Ohio secretary of state.",
            {"Ohio secretary of state election"},
        ),
    ],
)
def test_runs_for_re_election_districts_and_state_offices(
    elections: Any, text: str, expected: set[str]
) -> None:
    assert names(elections(text)) == expected


def test_the_general_election_is_the_race_whose_primaries_the_story_tells(elections: Any) -> None:
    text = (
        "Jane Roe won the Ohio Republican Senate primary. She will face Democrat John Doe "
        "in the November 2026 general election."
    )
    assert names(elections(text)) == {
        "2026 Ohio Republican Senate primary",
        "2026 Ohio Senate election",
    }
    # two races in the story: the general election is neither's
    two = text + " In the race for Ohio attorney general, Ann Poe is unopposed."
    assert "2026 Ohio Senate election" not in names(elections(two))


def test_a_runoff_is_a_contest_of_its_own_unless_of_a_special_election(elections: Any) -> None:
    text = "Roe will face Doe in a December runoff after Tuesday's mayoral election in Dayton."
    assert names(elections(text)) == {"Dayton mayoral runoff election", "Dayton mayoral election"}
