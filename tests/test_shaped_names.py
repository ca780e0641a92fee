"""Organization and law names found by their shape (extract/shaped_names.py), on
sentences written for the tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newskg.model import ArticleExtraction, EntityType

Extract = Callable[[str], ArticleExtraction]


def typed(x: ArticleExtraction) -> set[tuple[str, EntityType]]:
    return {(e.name, e.type) for e in x.entities}


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        (
            "The Ohio Ethics Commission opened an inquiry.",
            "Ohio Ethics Commission",
            "GovernmentBody",
        ),
        (
            "She asked the Kansas Bureau of Investigation to look into it.",
            "Kansas Bureau of Investigation",
            "GovernmentBody",
        ),
        (
            "The Lake County Board of Elections agreed on Friday.",
            "Lake County Board of Elections",
            "GovernmentBody",
        ),
        (
            "A complaint went to the Utah Secretary of State's office on Monday.",
            "Utah Secretary of State's office",
            "GovernmentBody",
        ),
        ("The Iowa Republican Party backed him.", "Iowa Republican Party", "PoliticalParty"),
        ("Donations went to Ruiz for Congress last year.", "Ruiz for Congress", "Organization"),
        ("The Prairie Future PAC ran the ads.", "Prairie Future PAC", "Organization"),
        (
            "Lawmakers passed the Clean Rivers Accountability Act.",
            "Clean Rivers Accountability Act",
            "Law",
        ),
        ("The move breaks the Texas Election Code, she said.", "Texas Election Code", "Law"),
        ("Voters amended the Springfield City Charter.", "Springfield City Charter", "Law"),
    ],
)
def test_a_name_by_its_shape(extract: Extract, text: str, name: str, kind: str) -> None:
    assert (name, EntityType(kind)) in typed(extract(text))


def test_the_state_inside_a_body_name_is_not_a_mention_of_the_state(extract: Extract) -> None:
    x = extract("The Ohio Ethics Commission opened an inquiry.")
    assert [e.name for e in x.entities] == ["Ohio Ethics Commission"]


def test_a_state_senate_race_names_the_state_not_its_senate(extract: Extract) -> None:
    x = extract("Rep. Ana Ruiz, a Montana Senate candidate, spoke in Helena.")
    assert ("Montana", EntityType.STATE) in typed(x)
    assert "Montana Senate" not in {e.name for e in x.entities}


def test_a_longer_name_ending_in_for_a_place_is_kept_whole(extract: Extract) -> None:
    x = extract("The ads were paid for by Concerned Farmers for America, a nonprofit.")
    assert "Farmers for America" not in {e.name for e in x.entities}


def test_a_title_is_not_a_persons_name(extract: Extract) -> None:
    x = extract("Lt. Gov. Randall Pike said the General Assembly would act.")
    people = {e.name for e in x.entities if e.type is EntityType.PERSON}
    assert people == {"Randall Pike"}


def test_a_short_body_name_joins_the_one_body_it_ends(extract: Extract) -> None:
    x = extract(
        "The Department of Veterans Affairs canceled the contract. Veterans Affairs "
        "Secretary Ana Ruiz defended it."
    )
    bodies = {e.name for e in x.entities if e.type.is_organization}
    assert bodies == {"Department of Veterans Affairs"}


def test_a_listed_party_is_not_folded_into_a_state_party(extract: Extract) -> None:
    x = extract(
        "The Iowa Republican Party met. Rep. Bo Diaz (R-Iowa) spoke for the Republican Party."
    )
    assert {"Iowa Republican Party", "Republican Party"} <= {e.name for e in x.entities}


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        (
            "The American Civil Liberties Union of Kentucky sued on Monday.",
            "American Civil Liberties Union of Kentucky",
            EntityType.ADVOCACY_GROUP,
        ),
        ("Common Cause Ohio filed the complaint.", "Common Cause Ohio", EntityType.ADVOCACY_GROUP),
        (
            "The Republican Party of New Mexico objected.",
            "Republican Party of New Mexico",
            EntityType.POLITICAL_PARTY,
        ),
    ],
)
def test_a_state_branch_of_a_group_or_party(
    extract: Extract, text: str, name: str, kind: EntityType
) -> None:
    assert names_of(extract(text)) == {(name, kind)}


def test_a_national_outlet_before_a_state_name_stays_the_outlet(extract: Extract) -> None:
    x = extract("He told CNN Ohio voters were angry.")
    assert ("CNN", EntityType.NEWS_OUTLET) in names_of(x)


def names_of(x: ArticleExtraction) -> set[tuple[str, EntityType]]:
    return {(e.name, e.type) for e in x.entities}


def test_an_acting_county_is_its_government(extract: Extract) -> None:
    x = extract("Pima County and Yavapai County refused the request.")
    assert names_of(x) == {
        ("Pima County", EntityType.GOVERNMENT_BODY),
        ("Yavapai County", EntityType.GOVERNMENT_BODY),
    }


def test_a_county_as_a_place_is_no_entity(extract: Extract) -> None:
    assert names_of(extract("Voters in Lake County and Pine County backed her.")) == set()


def test_the_bare_chambers_of_a_state_story_are_the_states(extract: Extract) -> None:
    x = extract(
        "The Tennessee House of Representatives passed the map. The House vote was 70 to "
        "25, and the Senate agreed."
    )
    assert names_of(x) == {
        ("Tennessee House of Representatives", EntityType.GOVERNMENT_BODY),
        ("Tennessee Senate", EntityType.GOVERNMENT_BODY),
    }


def test_a_bare_chamber_stays_federal_when_congress_is_named(extract: Extract) -> None:
    x = extract(
        "The Tennessee House passed the map. The U.S. House also voted, and the House adjourned."
    )
    houses = {e.name: len(e.mentions) for e in x.entities}
    assert houses == {
        "Tennessee House of Representatives": 1,
        "United States House of Representatives": 2,
    }


def test_the_legislature_of_a_state_story(extract: Extract) -> None:
    x = extract(
        "Gov. Ana Ruiz of Wisconsin vetoed the bill the Legislature sent. The state Senate "
        "will vote next week, and Ohio's state House agreed."
    )
    bodies = {e.name for e in x.entities if e.type is EntityType.GOVERNMENT_BODY}
    assert bodies == {"Wisconsin Legislature", "Wisconsin Senate", "Ohio House of Representatives"}


@pytest.mark.parametrize(
    ("text", "body"),
    [
        (
            "In Missouri, Republican House Speaker Al Roe said the General Assembly would not act.",
            "Missouri General Assembly",
        ),
        ("The New Jersey governor met the General Assembly.", "New Jersey General Assembly"),
    ],
)
def test_a_general_assembly_is_the_one_of_the_state(extract: Extract, text: str, body: str) -> None:
    assert body in {e.name for e in extract(text).entities}


def test_a_state_body_takes_the_longest_form_the_article_writes(extract: Extract) -> None:
    x = extract("The Wisconsin State Senate voted. The Wisconsin Senate later agreed.")
    assert [(e.name, len(e.mentions)) for e in x.entities] == [("Wisconsin State Senate", 2)]


def test_a_city_office_by_its_shape(extract: Extract) -> None:
    x = extract("The Columbus City Attorney's Office declined to comment.")
    assert names_of(x) == {("Columbus City Attorney's Office", EntityType.GOVERNMENT_BODY)}


def test_a_city_named_after_a_state_is_not_the_state(extract: Extract) -> None:
    assert names_of(extract("He lives in Kansas City and works in Iowa City.")) == set()
