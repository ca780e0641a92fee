"""Entity mentions, types and in-article alias resolution, on sentences written for tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newskg.extract.elections import election_name
from newskg.model import ArticleExtraction, EntityType

Extract = Callable[[str], ArticleExtraction]


def names(x: ArticleExtraction, kind: EntityType | None = None) -> set[str]:
    return {e.name for e in x.entities if kind is None or e.type is kind}


def test_surname_joins_full_name_and_mentions_keep_offsets(extract: Extract) -> None:
    text = "Maria Gomez met voters in Ohio. Later, Gomez said the plan would pass."
    x = extract(text)
    people = [e for e in x.entities if e.type is EntityType.PERSON]
    assert [p.name for p in people] == ["Maria Gomez"]
    assert [(m.begin, m.end, m.text) for m in people[0].mentions] == [
        (0, 11, "Maria Gomez"),
        (39, 44, "Gomez"),
    ]
    assert all(text[m.begin : m.end] == m.text for e in x.entities for m in e.mentions)
    assert people[0].aliases == ("Gomez",)


def test_people_sharing_a_surname_stay_apart(extract: Extract) -> None:
    x = extract("Maria Gomez and her brother Luis Gomez spoke in Ohio on Monday.")
    assert {"Maria Gomez", "Luis Gomez"} <= names(x, EntityType.PERSON)


def test_possessive_and_lost_apostrophe_are_trimmed(extract: Extract) -> None:
    x = extract("Maria Gomez’s plan drew fire. Critics said Gomez s plan would fail.")
    assert names(x, EntityType.PERSON) == {"Maria Gomez"}


def test_state_mentions_carry_codes(extract: Extract) -> None:
    x = extract("Officials in Ohio and New Mexico refused to answer.")
    states = {e.name: dict(e.identifiers) for e in x.entities if e.type is EntityType.STATE}
    assert states == {
        "Ohio": {"usps": "OH", "fips": "39"},
        "New Mexico": {"usps": "NM", "fips": "35"},
    }


def test_bare_washington_is_not_the_state(extract: Extract) -> None:
    x = extract("Lawmakers in Washington debated the budget on Tuesday.")
    assert "Washington" not in names(x, EntityType.STATE)


def test_party_words_name_the_party(extract: Extract) -> None:
    x = extract("The Republican senator and two Democrats voted against the bill.")
    assert names(x, EntityType.POLITICAL_PARTY) == {"Republican Party", "Democratic Party"}


def test_administration_named_after_a_president(extract: Extract) -> None:
    x = extract("President Maria Gomez spoke. The Gomez administration denied the report.")
    assert "Gomez administration" in names(x, EntityType.GOVERNMENT_BODY)


def test_acronym_joins_its_expansion(extract: Extract) -> None:
    x = extract("The Federal Widget Agency issued rules. Critics said the FWA moved too fast.")
    agencies = [e for e in x.entities if e.name == "Federal Widget Agency"]
    assert len(agencies) == 1
    assert "FWA" in agencies[0].aliases
    assert "FWA" not in names(x)


def test_definite_description_refers_back(extract: Extract) -> None:
    x = extract("The Federal Widget Commission met on Monday. The commission voted 3-2.")
    body = next(e for e in x.entities if e.name == "Federal Widget Commission")
    assert body.type is EntityType.GOVERNMENT_BODY
    assert [m.text for m in body.mentions] == ["Federal Widget Commission", "commission"]


def test_photo_credit_is_split(extract: Extract) -> None:
    x = extract("A rally in Ohio. Photo: Jane Roe/Getty Images\nThe crowd was large.")
    assert "Jane Roe/Getty Images" not in names(x)


def test_all_caps_dateline_is_not_an_organization(extract: Extract) -> None:
    x = extract("CLEVELAND (Reuters) - The mayor of Cleveland resigned on Monday.")
    assert "CLEVELAND" not in names(x)


@pytest.mark.parametrize(
    ("text", "election"),
    [
        ("She is running for governor of Kansas this year.", "Kansas gubernatorial election"),
        ("He lost the 2016 election by a wide margin.", "2016 United States presidential election"),
        ("Turnout in the November 2018 elections was high.", "2018 United States elections"),
        ("The Virginia gubernatorial election is close.", "Virginia gubernatorial election"),
        ("A Washington state Senate race drew money.", "Washington State Senate election"),
    ],
)
def test_election_phrases(extract: Extract, text: str, election: str) -> None:
    assert names(extract(text), EntityType.ELECTION) == {election}


def test_a_list_of_states_gives_one_election_each(extract: Extract) -> None:
    x = extract("Democrats won the races for governor in Virginia and New Jersey.")
    assert names(x, EntityType.ELECTION) == {
        "Virginia gubernatorial election",
        "New Jersey gubernatorial election",
    }
    assert {e.jurisdiction for e in x.elections} == {
        e.key for e in x.entities if e.name in {"Virginia", "New Jersey"}
    }


def test_an_election_without_year_or_office_is_not_an_entity(extract: Extract) -> None:
    assert names(extract("The election was held on a rainy day."), EntityType.ELECTION) == set()


def test_election_name_is_canonical() -> None:
    assert election_name(2020, "senator", None) == "2020 United States Senate elections"
    assert election_name(None, "mayor", "Ohio") == "Ohio mayoral election"


@pytest.mark.parametrize(
    ("text", "law"),
    [
        ("The governor signed House Bill 1878 on Friday.", "House Bill 1878"),
        ("Critics said H.R. 1 went too far.", "H.R. 1"),
        ("Voters approved Proposition 12 in a landslide.", "Proposition 12"),
        ("The judge cited the Missouri Constitution twice.", "Missouri Constitution"),
        ("It violates Ohio's constitution, the suit says.", "Ohio Constitution"),
    ],
)
def test_laws_named_by_pattern(extract: Extract, text: str, law: str) -> None:
    assert law in names(extract(text), EntityType.LAW)


def test_two_word_all_caps_dateline_is_not_an_organization(extract: Extract) -> None:
    x = extract("SANTA FE, N.M. (Reuters) - The attorney general of New Mexico sued on Monday.")
    assert "SANTA FE" not in names(x)


def test_campaign_mention_keeps_the_person(extract: Extract) -> None:
    x = extract("Mary Smith's campaign for governor of Ohio began in May.")
    assert "Mary Smith" in names(x, EntityType.PERSON)
    assert "Smith campaign" in names(x, EntityType.ORGANIZATION)


def test_surname_read_as_a_place_is_the_person(extract: Extract) -> None:
    x = extract("Jon Husted spoke on Monday. Since Husted is running, aides stayed quiet.")
    people = [e for e in x.entities if e.type is EntityType.PERSON]
    assert [p.name for p in people] == ["Jon Husted"]
    assert not any(e.name == "Husted" for e in x.entities)


def test_a_titled_surname_makes_its_org_tagged_mentions_the_person(extract: Extract) -> None:
    x = extract(
        "President Hargrove met donors on Monday. Critics said Hargrove’s aides broke the "
        "rules, and Hargrove’s lawyers denied it."
    )
    assert {e.name: e.type for e in x.entities if "Hargrove" in e.name} == {
        "Hargrove": EntityType.PERSON
    }


def test_a_program_name_on_a_document_is_not_an_organization(extract: Extract) -> None:
    x = extract("Voters must give their Social Security numbers to the state, said Maria Gomez.")
    assert names(x) == {"Maria Gomez"}


def test_a_renamed_company_keeps_the_name_the_article_uses(extract: Extract) -> None:
    x = extract("Twitter suspended the account on Friday, the company said.")
    assert names(x, EntityType.ORGANIZATION) == {"Twitter"}


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("The Ohio State Senate passed the bill on Monday.", "Ohio State Senate"),
        (
            "Democrats won control of the Virginia House of Delegates.",
            "Virginia House of Delegates",
        ),
        ("The Texas House approved the measure.", "Texas House of Representatives"),
        ("The bill died in the California Assembly.", "California State Assembly"),
        (
            "The Pennsylvania Attorney General’s Office objected.",
            "Pennsylvania Attorney General's Office",
        ),
    ],
)
def test_a_state_chamber_is_not_the_congressional_one(
    extract: Extract, text: str, body: str
) -> None:
    x = extract(text)
    assert names(x, EntityType.GOVERNMENT_BODY) == {body}


def test_a_section_of_an_act_is_the_act(extract: Extract) -> None:
    x = extract("The judge ruled under Section 2 of the Voting Rights Act on Monday.")
    assert names(x, EntityType.LAW) == {"Voting Rights Act of 1965"}


def test_a_first_name_alone_joins_the_one_person_with_it(extract: Extract) -> None:
    x = extract("Maria Gomez won the seat on Tuesday. Maria thanked her staff.")
    assert names(x, EntityType.PERSON) == {"Maria Gomez"}


def test_a_title_after_a_body_is_cut_from_the_body(extract: Extract) -> None:
    x = extract("The race drew retired Army Col. Marcus Tillery, a Democrat.")
    assert "Army Col" not in names(x)
    assert "Marcus Tillery" in names(x, EntityType.PERSON)


@pytest.mark.parametrize(
    "text",
    [
        "Republican Brent Tidwell won the runoff.",
        "Jefferson County Clerk Brent Tidwell said he would comply.",
        "Secretary of State Brent Tidwell rejected the claim.",
    ],
)
def test_a_person_inside_an_org_tagged_span(extract: Extract, text: str) -> None:
    x = extract(text)
    assert names(x, EntityType.PERSON) == {"Brent Tidwell"}
    assert not any("Tidwell" in n for n in names(x) - {"Brent Tidwell"})


def test_a_fragment_of_a_name_is_no_organization(extract: Extract) -> None:
    assert names(extract("The super PAC declined the request.")) == set()


def test_party_tags_name_their_state_even_with_a_wordlike_abbreviation(extract: Extract) -> None:
    x = extract("Sen. Dean Kowalski (R-Ind.) and Sen. Ana Ruiz (D-La.) agreed.")
    assert names(x, EntityType.STATE) == {"Indiana", "Louisiana"}


def test_a_title_word_after_a_title_is_a_first_name(extract: Extract) -> None:
    x = extract("Sen. Dean Kowalski (R-Ind.) agreed to the request.")
    assert {(r.person, r.office) for r in x.roles} == {("person:dean kowalski", "senator")}


def test_one_unknown_word_after_in_is_a_place(extract: Extract) -> None:
    x = extract("The district stretches from Marietta to the river, and voters in Prescott agreed.")
    assert names(x) == set()


def test_a_name_ner_split_in_two_is_one_person(extract: Extract) -> None:
    x = extract("Iowa State Treasurer Gwen Albright won the Republican nomination on Tuesday.")
    assert names(x, EntityType.PERSON) == {"Gwen Albright"}


def test_a_call_sign_is_a_news_outlet(extract: Extract) -> None:
    assert ("KOB-TV", EntityType.NEWS_OUTLET) in {
        (e.name, e.type) for e in extract("KOB-TV reported the results on Tuesday.").entities
    }


@pytest.mark.parametrize(
    ("text", "person", "party"),
    [
        ("Libertarian Jared Simms received 4% of the vote.", "Jared Simms", "Libertarian Party"),
        ("Republican Ana Ruiz received 40%.", "Ana Ruiz", "Republican Party"),
    ],
)
def test_a_party_word_before_a_full_name(
    extract: Extract, text: str, person: str, party: str
) -> None:
    x = extract(text)
    assert names(x, EntityType.PERSON) == {person}
    keys = {e.key: e.name for e in x.entities}
    assert {(keys[p.person], keys[p.party]) for p in x.parties} == {(person, party)}


def test_a_party_word_before_a_title_names_no_person(extract: Extract) -> None:
    x = extract("Democratic Lieutenant Governor Ana Ruiz won by nine points.")
    assert names(x, EntityType.PERSON) == {"Ana Ruiz"}
