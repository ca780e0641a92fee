"""Tests for the `roles` frame: offices read from titles, appositives and clauses."""

from __future__ import annotations

from typing import Any

import pytest

from newskg.extract import extract_article
from newskg.model import Article, ArticleExtraction


@pytest.fixture(scope="module")
def nlp() -> Any:
    from newskg.nlp import load_pipeline

    return load_pipeline()


def extract(nlp: Any, text: str) -> ArticleExtraction:
    return extract_article(Article(id="t", text=text), nlp(text), frames=["parties", "roles"])


def roles(nlp: Any, text: str) -> set[tuple[str, str, str | None]]:
    """(person, office, organization) of every role, by entity name."""
    x = extract(nlp, text)
    names = {e.key: e.name for e in x.entities}
    return {
        (names[r.person], r.office, names.get(r.organization) if r.organization else None)
        for r in x.roles
    }


def former(nlp: Any, text: str) -> dict[str, bool]:
    x = extract(nlp, text)
    names = {e.key: e.name for e in x.entities}
    return {f"{names[r.person]}/{r.office}": r.former for r in x.roles}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("President Harold Finch spoke on Monday.", ("Harold Finch", "president", None)),
        (
            "Sen. Marta Quill (R-Texas) said the bill would fail.",
            ("Marta Quill", "senator", "Texas"),
        ),
        ("Ohio Gov. Peter Lang signed the law in Ohio.", ("Peter Lang", "governor", "Ohio")),
        ("U.S. District Judge Harold Finch blocked the order.", ("Harold Finch", "judge", None)),
        (
            "Justice Department spokeswoman Jane Roe declined to comment.",
            ("Jane Roe", "spokeswoman", "Department of Justice"),
        ),
        ("AG Nora Blake sued the company.", ("Nora Blake", "attorney general", None)),
        (
            "Deputy Secretary of State Luis Marin resigned on Monday.",
            ("Luis Marin", "deputy secretary of state", None),
        ),
        (
            "Democratic state Sen. Maria Lopez introduced the bill.",
            ("Maria Lopez", "state senator", None),
        ),
        (
            "Former Gov. Peter Lang of Ohio endorsed her.",
            ("Peter Lang", "governor", "Ohio"),
        ),
        (
            "Ohio State Treasurer Marta Quill won the primary on Tuesday.",
            ("Marta Quill", "state treasurer", "Ohio"),
        ),
        (
            "Lake County Election Commissioner Marta Quill asked for an inquiry.",
            ("Marta Quill", "election commissioner", None),
        ),
    ],
)
def test_title_before_name(nlp: Any, text: str, expected: tuple[str, str, str | None]) -> None:
    assert roles(nlp, text) == {expected}


def test_department_word_before_title_names_the_department(nlp: Any) -> None:
    (found,) = roles(nlp, "The Interior Department said Interior Secretary Dana Kerr would go.")
    assert found[:2] == ("Dana Kerr", "secretary")
    assert found[2] is not None and "Interior" in found[2]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Jane Roe, a spokeswoman for the Justice Department, declined to comment.",
            ("Jane Roe", "spokeswoman", "Department of Justice"),
        ),
        (
            "Kevin Marsh, a professor at Stanford University, studies elections.",
            ("Kevin Marsh", "professor", "Stanford University"),
        ),
        (
            "Kevin Marsh, executive director of the Brennan Center for Justice, criticized it.",
            ("Kevin Marsh", "executive director", "Brennan Center for Justice"),
        ),
        (
            "Linda Vance, Ohio's elections administrator, rejected the request.",
            ("Linda Vance", "elections administrator", "Ohio"),
        ),
        (
            "Kevin Marsh, who heads the Federal Election Commission, said little.",
            ("Kevin Marsh", "chair", "Federal Election Commission"),
        ),
        (
            "Mark Doyle, a member of the Federal Election Commission, spoke.",
            ("Mark Doyle", "member", "Federal Election Commission"),
        ),
        (
            "Harold Finch, a lawyer for the plaintiffs, said the ruling was wrong.",
            ("Harold Finch", "lawyer", None),
        ),
        (
            "Mark Doyle, 54, a Republican lawmaker from Ohio, spoke.",
            ("Mark Doyle", "lawmaker", None),
        ),
        (
            "Marta Quill, a Dayton city councilwoman, said she would run.",
            ("Marta Quill", "city councilwoman", None),
        ),
    ],
)
def test_appositive(nlp: Any, text: str, expected: tuple[str, str, str | None]) -> None:
    assert roles(nlp, text) == {expected}


def test_title_and_comma_before_name(nlp: Any) -> None:
    text = "The Federal Election Commission's chairman, Kevin Marsh, said little."
    assert roles(nlp, text) == {("Kevin Marsh", "chairman", "Federal Election Commission")}


def test_possessor_before_title(nlp: Any) -> None:
    text = "The Federal Election Commission's chairman Kevin Marsh said little."
    assert roles(nlp, text) == {("Kevin Marsh", "chairman", "Federal Election Commission")}


def test_title_and_body_before_comma(nlp: Any) -> None:
    text = "A spokesman for the Treasury Department, Kevin Marsh, declined to comment."
    ((person, office, body),) = roles(nlp, text)
    assert (person, office) == ("Kevin Marsh", "spokesman")
    assert body is not None and "Treasury" in body


def test_title_before_comma_needs_a_closed_name(nlp: Any) -> None:
    assert roles(nlp, "Carl Webb is not a lawyer, Kevin Marsh said.") == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Carl Webb is the founder of Acme Corp.", {("Carl Webb", "founder", "Acme Corp.")}),
        ("Carl Webb was the governor of Ohio.", {("Carl Webb", "governor", "Ohio")}),
        ("Carl Webb is not a lawyer.", set()),
        ("Carl Webb would be a great judge, Ellen Park said.", set()),
        ("Carl Webb is the candidate to beat.", set()),
        ("The winner is Carl Webb.", set()),
    ],
)
def test_predicate_noun(nlp: Any, text: str, expected: set[tuple[str, str, str | None]]) -> None:
    assert roles(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    ["Carl Webb, who heads the panel, spoke.", "The panel, headed by Carl Webb, met."],
)
def test_head_of_an_unnamed_panel_is_its_chair(nlp: Any, text: str) -> None:
    assert roles(nlp, text) == {("Carl Webb", "chair", None)}


def test_led_by_a_party_is_no_office(nlp: Any) -> None:
    assert roles(nlp, "A group of Democrats led by Ellen Park objected.") == set()


def test_party_membership_is_no_role(nlp: Any) -> None:
    assert roles(nlp, "Ellen Park, a member of the Republican Party, spoke.") == set()


def test_headed_by_gives_the_chair_and_the_title(nlp: Any) -> None:
    text = "The commission, which is headed by Vice President Ellen Park, met on Friday."
    assert roles(nlp, text) == {
        ("Ellen Park", "vice president", None),
        ("Ellen Park", "chair", None),
    }


def test_two_offices_in_one_appositive(nlp: Any) -> None:
    text = "Harold Finch, a lawyer and former judge, spoke."
    assert roles(nlp, text) == {("Harold Finch", "lawyer", None), ("Harold Finch", "judge", None)}
    assert former(nlp, text) == {"Harold Finch/lawyer": False, "Harold Finch/judge": True}


@pytest.mark.parametrize(
    ("text", "was"),
    [
        ("Peter Lang, the former governor of Ohio, endorsed her.", True),
        ("Ex-Gov. Peter Lang endorsed her.", True),
        ("Former Gov. Peter Lang endorsed her.", True),
        ("Then-Gov. Peter Lang signed the law in 2009.", False),
        ("Gov. Peter Lang signed the law.", False),
    ],
)
def test_former_office(nlp: Any, text: str, was: bool) -> None:
    assert former(nlp, text) == {"Peter Lang/governor": was}


def test_plural_title_covers_a_list(nlp: Any) -> None:
    text = "Democratic Senators Ellen Park of Ohio and Tom Reed of Texas attended."
    assert roles(nlp, text) == {
        ("Ellen Park", "senator", "Ohio"),
        ("Tom Reed", "senator", "Texas"),
    }


def test_singular_title_covers_only_its_name(nlp: Any) -> None:
    assert roles(nlp, "President Harold Finch and Ellen Park met on Monday.") == {
        ("Harold Finch", "president", None)
    }
    assert roles(nlp, "Sen. Harold Finch, Ellen Park and Tom Reed attended.") == {
        ("Harold Finch", "senator", None)
    }


@pytest.mark.parametrize(
    "text",
    [
        "Maria Lopez, a candidate for governor, campaigned in Ohio.",
        "Republican Maria Lopez won the seat.",
        "Maria Lopez, a Republican, won the seat.",
        "Marta Quill (R-Texas) said the bill would fail.",
        "Mark Doyle, a wealthy businessman, owns hotels.",
        "Harold Finch, Ellen Park and Tom Reed attended.",
        "In victory for Doyle, judge tosses suit on payments",
        "Kevin Marsh, however, insisted the aim was not to validate the claim.",
    ],
)
def test_no_role(nlp: Any, text: str) -> None:
    assert roles(nlp, text) == set()


def test_one_role_per_office_with_the_named_body(nlp: Any) -> None:
    text = (
        "Kevin Marsh, the vice chairman of the Federal Election Commission, spoke. "
        "Vice Chairman Kevin Marsh later left."
    )
    x = extract(nlp, text)
    assert [(r.office, r.organization) for r in x.roles] == [
        ("vice chairman", "organization:federal election commission")
    ]
    assert len(x.roles[0].evidence) == 2
    assert all(0 < r.confidence <= 1 for r in x.roles)


def test_one_role_per_named_body(nlp: Any) -> None:
    text = (
        "Carl Webb, a member of the Federal Election Commission and a member of the "
        "Senate Judiciary Committee, spoke."
    )
    assert {(p, o) for p, o, _ in roles(nlp, text)} == {("Carl Webb", "member")}
    assert len(roles(nlp, text)) == 2


def test_evidence_points_into_the_text(nlp: Any) -> None:
    text = "On Monday, Justice Department spokeswoman Jane Roe declined to comment."
    (role,) = extract(nlp, text).roles
    (span,) = role.evidence
    assert text[span.begin : span.end] == span.text == "Justice Department spokeswoman Jane Roe"
    assert span.sentence == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a verb the parser took for a noun is no part of the title
        (
            "The new lawsuit, filed in Kent County District Court, names Secretary of State "
            "Lorna Pike and two county clerks.",
            {("Lorna Pike", "secretary of state", None)},
        ),
        # a lower-case noun before a capitalised title: the title alone
        (
            "In a letter, committee Chairman Tom Reed asked for the files.",
            {("Tom Reed", "chairman", None)},
        ),
        # stacked titles: the one next to the name is the office
        (
            "A watchdog accused Ohio Senate candidate Rep. Tom Reed (R-Ohio) of fraud.",
            {("Tom Reed", "representative", "Ohio")},
        ),
        # a lower-case title keeps its lower-case nouns
        (
            "Tom Reed, a longtime school board member, resigned.",
            {("Tom Reed", "school board member", None)},
        ),
    ],
)
def test_stacked_and_verb_words(
    nlp: Any, text: str, expected: set[tuple[str, str, str | None]]
) -> None:
    assert roles(nlp, text) == expected


def test_retired_is_former(nlp: Any) -> None:
    assert former(nlp, "Retired Gen. Peter Lang endorsed her.") == {"Peter Lang/general": True}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "A company spokeswoman, Jill Castro, said the records were private.",
            {("Jill Castro", "spokeswoman", None)},
        ),
        ("Campaign spokesman Tyler Quinn called it a stunt.", {("Tyler Quinn", "spokesman", None)}),
        (
            "She met school board member Ana Ruiz on Monday.",
            {("Ana Ruiz", "school board member", None)},
        ),
    ],
)
def test_the_employer_noun_is_not_part_of_the_office(
    nlp: Any, text: str, expected: set[tuple[str, str, str | None]]
) -> None:
    assert roles(nlp, text) == expected
