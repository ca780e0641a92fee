"""The `complaints` frame on invented sentences: lawsuits, formal complaints and requests to
investigate, one entry per (complainant, respondent), and what is not a complaint."""

from __future__ import annotations

from typing import Any

import pytest

from newskg.extract import extract_article
from newskg.model import Article

Row = tuple[str, str | None, str | None, str | None, str | None]


@pytest.fixture(scope="module")
def complaints() -> Any:
    """(kind, complainant, respondent, addressee, law) names of every complaint a text
    states."""
    from newskg.nlp import load_pipeline

    nlp = load_pipeline()

    def run(text: str) -> set[Row]:
        found = extract_article(Article(id="t.txt", text=text), nlp(text), ["complaints"])
        name = {e.key: e.name for e in found.entities}.get
        rows = set()
        for c in found.complaints:
            sides = (name(c.complainant or ""), name(c.respondent or ""))
            rows.add((c.kind, *sides, name(c.addressee or ""), name(c.law or "")))
        return rows

    return run


ACLU = "American Civil Liberties Union"
DOJ = "Department of Justice"
EPA = "Environmental Protection Agency"
FEC = "Federal Election Commission"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Common Cause sued the Environmental Protection Agency.",
            {("lawsuit", "Common Cause", EPA, None, None)},
        ),
        (
            "The Environmental Protection Agency was sued by Common Cause.",
            {("lawsuit", "Common Cause", EPA, None, None)},
        ),
        (
            "The Sierra Club filed a lawsuit against the Environmental Protection Agency in the "
            "U.S. Court of Appeals for the District of Columbia Circuit.",
            {
                (
                    "lawsuit",
                    "Sierra Club",
                    EPA,
                    "U.S. Court of Appeals for the District of Columbia Circuit",
                    None,
                )
            },
        ),
        (
            "A judge heard a lawsuit brought by the Sierra Club against the Environmental "
            "Protection Agency.",
            {("lawsuit", "Sierra Club", EPA, None, None)},
        ),
        (
            "Common Cause filed a complaint with the Federal Election Commission against "
            "Daniel Whitcomb.",
            {("complaint", "Common Cause", "Daniel Whitcomb", FEC, None)},
        ),
        (
            "Since Daniel Whitcomb is running for governor of Kansas, Common Cause asked the "
            "Department of Justice to probe whether he breached the Hatch Act.",
            {("investigation_request", "Common Cause", "Daniel Whitcomb", DOJ, "Hatch Act")},
        ),
        (
            "Senator Maria Castellanos asked the Department of Justice to investigate the "
            "Sierra Club.",
            {("investigation_request", "Maria Castellanos", "Sierra Club", DOJ, None)},
        ),
        (
            "Senator Maria Castellanos called for an investigation into the Environmental "
            "Protection Agency.",
            {("investigation_request", "Maria Castellanos", EPA, None, None)},
        ),
        (
            "The Government Accountability Office agreed to investigate the Environmental "
            "Protection Agency at the request of Maria Castellanos.",
            {
                (
                    "investigation_request",
                    "Maria Castellanos",
                    EPA,
                    "Government Accountability Office",
                    None,
                )
            },
        ),
        (
            "A federal judge dismissed a lawsuit by Common Cause against Daniel Whitcomb.",
            {("lawsuit", "Common Cause", "Daniel Whitcomb", None, None)},
        ),
        (
            "Common Cause challenged the Environmental Protection Agency in court.",
            {("lawsuit", "Common Cause", EPA, None, None)},
        ),
        (
            "Common Cause alleged in a complaint to the Federal Election Commission that Daniel "
            "Whitcomb violated the Hatch Act.",
            {("complaint", "Common Cause", "Daniel Whitcomb", FEC, "Hatch Act")},
        ),
        (
            "The inspector general received numerous complaints about Daniel Whitcomb's travel.",
            {("complaint", None, "Daniel Whitcomb", None, None)},
        ),
        (
            "Common Cause filed a complaint with the Federal Election Commission alleging "
            "that Daniel Whitcomb violated the Hatch Act.",
            {("complaint", "Common Cause", "Daniel Whitcomb", FEC, "Hatch Act")},
        ),
        (
            "The lawsuit, filed by the Sierra Club in federal court, accuses the "
            "Environmental Protection Agency of ignoring the Clean Air Act.",
            {("lawsuit", "Sierra Club", EPA, None, "Clean Air Act")},
        ),
        (
            "Common Cause has filed a lawsuit challenging Daniel Whitcomb's voter purge.",
            {("lawsuit", "Common Cause", "Daniel Whitcomb", None, None)},
        ),
        (
            "Maria Castellanos sent a letter requesting an investigation into Daniel Whitcomb.",
            {("investigation_request", "Maria Castellanos", "Daniel Whitcomb", None, None)},
        ),
        (
            "Common Cause argued in court that Daniel Whitcomb's order violated the Hatch Act.",
            {("lawsuit", "Common Cause", "Daniel Whitcomb", None, "Hatch Act")},
        ),
        # A lawsuit told in parts: the plaintiffs in one sentence, the respondent in another.
        (
            "A judge threw out a lawsuit that accused Daniel Whitcomb of violating the Hatch "
            "Act. The plaintiffs included the watchdog group Common Cause and a hotel owner.",
            {("lawsuit", "Common Cause", "Daniel Whitcomb", None, "Hatch Act")},
        ),
    ],
)
def test_complaint_patterns(complaints: Any, text: str, expected: set[Row]) -> None:
    assert complaints(text) == expected


def test_a_list_of_complainants_is_one_entry_each(complaints: Any) -> None:
    text = (
        "The Government Accountability Office accepted a request from Senators Maria "
        "Castellanos, Peter Lindqvist and Laura Brennan to investigate the Environmental "
        "Protection Agency."
    )
    gao = "Government Accountability Office"
    assert complaints(text) == {
        ("investigation_request", "Maria Castellanos", EPA, gao, None),
        ("investigation_request", "Peter Lindqvist", EPA, gao, None),
        ("investigation_request", "Laura Brennan", EPA, gao, None),
    }


def test_a_list_of_respondents_is_one_entry_each(complaints: Any) -> None:
    text = "Common Cause sued the Environmental Protection Agency and the Sierra Club."
    assert complaints(text) == {
        ("lawsuit", "Common Cause", EPA, None, None),
        ("lawsuit", "Common Cause", "Sierra Club", None, None),
    }


@pytest.mark.parametrize(
    "text",
    [
        "Common Cause declined to sue the Environmental Protection Agency.",
        "Common Cause did not sue the Environmental Protection Agency.",
        "Common Cause threatened to sue the Environmental Protection Agency.",
        "Common Cause could sue the Environmental Protection Agency.",
        "Common Cause threatened a lawsuit against the Environmental Protection Agency.",
        "Common Cause did not file a complaint against Daniel Whitcomb.",
        # An accusation alone is a claim, not a complaint.
        "Common Cause accused Daniel Whitcomb of violating the Hatch Act.",
        # Investigating is not asking for an investigation.
        "The Department of Justice launched an investigation into Daniel Whitcomb.",
        # "calls it a probe": no request.
        "Daniel Whitcomb called the investigation a hoax.",
        # Grumbling is not a formal complaint.
        "Daniel Whitcomb voiced a complaint about the weather.",
        "Voters complained that Daniel Whitcomb ignored them.",
    ],
)
def test_not_a_complaint(complaints: Any, text: str) -> None:
    assert complaints(text) == set()


OCE = "Office of Congressional Ethics"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A complaint filed with a body, asking it to investigate: one complaint.
        (
            "Common Cause filed a complaint with the Office of Congressional Ethics, asking it "
            "to investigate whether Daniel Whitcomb violated House rules.",
            {("complaint", "Common Cause", "Daniel Whitcomb", OCE, None)},
        ),
        # "asked the district attorney to investigate whether the mayor ...": the mayor is
        # the one person the article calls Mayor.
        (
            "Mayor Daniel Whitcomb denied wrongdoing. Maria Castellanos asked the Department "
            "of Justice to investigate whether the mayor had misused city funds.",
            {("investigation_request", "Maria Castellanos", "Daniel Whitcomb", DOJ, None)},
        ),
        # "a lawsuit filed by N states led by X": the states, by their attorney general.
        (
            "A coalition of 16 states led by Ohio Attorney General Maria Castellanos sued the "
            "Environmental Protection Agency on Tuesday.",
            {("lawsuit", "Ohio", EPA, None, None)},
        ),
        # "Joining X as plaintiffs were A and B" joins the lawsuit told before.
        (
            "Common Cause sued the Environmental Protection Agency on Tuesday. Joining Common "
            "Cause as plaintiffs were the Sierra Club and the League of Conservation Voters.",
            {
                ("lawsuit", "Common Cause", EPA, None, None),
                ("lawsuit", "Sierra Club", EPA, None, None),
                ("lawsuit", "League of Conservation Voters", EPA, None, None),
            },
        ),
        # "the suit, filed in U.S. District Court ..., accuses Y of ..."
        (
            "Common Cause sued on Monday. The suit, filed in the U.S. District Court for the "
            "District of Columbia, accuses the Environmental Protection Agency of violating the "
            "Clean Air Act.",
            {
                (
                    "lawsuit",
                    "Common Cause",
                    EPA,
                    "U.S. District Court for the District of Columbia",
                    "Clean Air Act",
                )
            },
        ),
        # "X's lawsuit accuses Y of ..."
        (
            "The Sierra Club's lawsuit accuses the Environmental Protection Agency of ignoring "
            "the Clean Air Act.",
            {("lawsuit", "Sierra Club", EPA, None, "Clean Air Act")},
        ),
        # "X filed a Freedom of Information Act lawsuit against Y"
        (
            "Common Cause filed a Freedom of Information Act lawsuit against the Environmental "
            "Protection Agency.",
            {("lawsuit", "Common Cause", EPA, None, "Freedom of Information Act")},
        ),
        # "urged X to open an investigation into Y"
        (
            "Senator Maria Castellanos urged the Department of Justice to open an "
            "investigation into Daniel Whitcomb.",
            {("investigation_request", "Maria Castellanos", "Daniel Whitcomb", DOJ, None)},
        ),
        # "wrote to X asking it to investigate Y": it is X.
        (
            "Maria Castellanos wrote to the Department of Justice asking it to investigate "
            "Daniel Whitcomb.",
            {("investigation_request", "Maria Castellanos", "Daniel Whitcomb", DOJ, None)},
        ),
        # "Y is the target of a lawsuit filed by X"
        (
            "The Environmental Protection Agency is the target of a lawsuit filed by Common Cause.",
            {("lawsuit", "Common Cause", EPA, None, None)},
        ),
        # "referred the matter to <body>"
        (
            "The Office of Congressional Ethics reviewed Daniel Whitcomb's travel. It referred "
            "the matter to the House Ethics Committee.",
            {("investigation_request", OCE, None, "House Committee on Ethics", None)},
        ),
        # "requested an inspector general review of Y"
        (
            "Senator Maria Castellanos requested an inspector general review of Daniel "
            "Whitcomb's travel.",
            {("investigation_request", "Maria Castellanos", "Daniel Whitcomb", None, None)},
        ),
        # "The review was requested by X": the review the article told of before.
        (
            "The Environmental Protection Agency's inspector general opened a review of Daniel "
            "Whitcomb's travel. The review was requested by Senator Maria Castellanos.",
            {("investigation_request", "Maria Castellanos", "Daniel Whitcomb", EPA, None)},
        ),
        # "Her campaign filed a complaint": the candidate's; "the Roe campaign" is Roe.
        (
            "Maria Castellanos said Daniel Whitcomb lied. Her campaign filed a complaint with "
            "the Federal Election Commission alleging that Whitcomb broke the law.",
            {("complaint", "Maria Castellanos", "Daniel Whitcomb", FEC, None)},
        ),
        # "X, a super PAC that ...": the description is no second respondent.
        (
            "Common Cause filed a complaint with the Federal Election Commission accusing "
            "Americans for Prosperity, a super PAC that spent $1 million, of illegal "
            "coordination.",
            {("complaint", "Common Cause", "Americans for Prosperity", FEC, None)},
        ),
        # An unnamed lead complainant named in the next sentence.
        (
            "A city council member on Monday filed a complaint with the Federal Election "
            "Commission against Daniel Whitcomb. Council member Maria Castellanos said the "
            "mayor broke the law.",
            {("complaint", "Maria Castellanos", "Daniel Whitcomb", FEC, None)},
        ),
        # The agency of a dateline is no party to a complaint.
        (
            "Watchdogs file complaints over spending\n\nWASHINGTON (Reuters) - Common Cause filed "
            "a complaint with the Federal Election Commission against Daniel Whitcomb.",
            {("complaint", "Common Cause", "Daniel Whitcomb", FEC, None)},
        ),
        # A lead that summarizes, then names: one complaint.
        (
            "Two watchdog groups asked federal investigators to examine whether Daniel "
            "Whitcomb misused funds. Common Cause filed a complaint with the Federal Election "
            "Commission against Whitcomb.",
            {("complaint", "Common Cause", "Daniel Whitcomb", FEC, None)},
        ),
    ],
)
def test_complaint_patterns_of_news_style(complaints: Any, text: str, expected: set[Row]) -> None:
    assert complaints(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # What a body can do is not what anyone did.
        "The Office of Congressional Ethics can refer a matter to the House Ethics Committee.",
        "The inspector general could refer any findings to the Department of Justice.",
        # Referring questions is no referral.
        "Daniel Whitcomb referred questions to the Department of Justice.",
        # A description of what an office does is no complaint.
        "The Office of Congressional Ethics, the office that reviews allegations against "
        "House members, met on Monday.",
        # Opening an investigation is not asking for one.
        "The Department of Justice opened an investigation into Daniel Whitcomb.",
        # "asking" inside a complaint that was only threatened.
        "Common Cause threatened to file a complaint with the Federal Election Commission "
        "asking it to investigate Daniel Whitcomb.",
    ],
)
def test_not_a_complaint_of_news_style(complaints: Any, text: str) -> None:
    assert complaints(text) == set()


def test_a_separate_request_is_not_the_lawsuit(complaints: Any) -> None:
    text = (
        "Common Cause sued Daniel Whitcomb on Monday. The suit was filed in federal court. "
        "Civil rights groups have also asked the Department of Justice to investigate "
        "whether Whitcomb violated federal law."
    )
    assert complaints(text) == {
        ("lawsuit", "Common Cause", "Daniel Whitcomb", None, None),
        ("investigation_request", None, "Daniel Whitcomb", DOJ, None),
    }


def test_the_speaker_of_a_quote_asks(complaints: Any) -> None:
    text = (
        '"I want somebody to look at the way the Department of Justice used this dossier," '
        "Senator Maria Castellanos said."
    )
    assert complaints(text) == {
        ("investigation_request", "Maria Castellanos", DOJ, None, None),
    }


def test_a_request_about_travel_by_a_person(complaints: Any) -> None:
    text = (
        "Common Cause asked the Office of Congressional Ethics to review travel by Daniel Whitcomb."
    )
    assert complaints(text) == {
        ("investigation_request", "Common Cause", "Daniel Whitcomb", OCE, None),
    }


GAO = "Government Accountability Office"
OIG = "Office of Inspector General"
VA = "Department of Veterans Affairs"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # the accusing participle hung on the addressee, over a list
            "A watchdog group, Fair Vote Now, filed a complaint with the Federal Election "
            "Commission accusing Jane Roe and the Liberty Fund of coordinating advertising.",
            {
                ("complaint", "Fair Vote Now", "Jane Roe", FEC, None),
                ("complaint", "Fair Vote Now", "Liberty Fund", FEC, None),
            },
        ),
        (  # a list of plaintiffs leads the lawsuit
            "Common Cause and the Sierra Club led the lawsuit against the Department of Justice.",
            {
                ("lawsuit", "Common Cause", DOJ, None, None),
                ("lawsuit", "Sierra Club", DOJ, None, None),
            },
        ),
        (  # a suit names its defendants; "it" refers back to the suit
            "The lawsuit was brought in 2024 by Common Cause. It named Secretary of State John "
            "Doe as a defendant.",
            {("lawsuit", "Common Cause", "John Doe", None, None)},
        ),
        (
            "The suit names Secretary of State John Doe as a defendant.",
            {("lawsuit", None, "John Doe", None, None)},
        ),
        (  # a bid protest addressed to a body
            "Acme Health Partners filed a bid protest with the Government Accountability Office, "
            "alleging that the Department of Veterans Affairs canceled its contract.",
            {("complaint", "Acme Health Partners", VA, GAO, None)},
        ),
        (  # an inspector general investigates its own agency
            "Jane Roe asked the Department of Justice's Office of Inspector General to "
            "investigate whether the contracts violated federal law.",
            {("investigation_request", "Jane Roe", DOJ, "Office of Inspector General", None)},
        ),
        (  # ... unless the request names whom
            "Jane Roe asked the Department of Justice's Office of Inspector General to "
            "investigate John Doe.",
            {
                (
                    "investigation_request",
                    "Jane Roe",
                    "John Doe",
                    "Office of Inspector General",
                    None,
                )
            },
        ),
    ],
)
def test_participles_named_defendants_protests_and_overseers(
    complaints: Any, text: str, expected: set[Row]
) -> None:
    assert {(*r[:4], None) for r in complaints(text)} == expected


@pytest.mark.parametrize(
    "text",
    [
        "Jane Roe led the protest against the Department of Justice outside the courthouse.",
        "The suit names no defendant.",
        "Fair Vote Now did not file a complaint with the Federal Election Commission accusing "
        "Jane Roe of anything.",
    ],
)
def test_street_protests_and_unnamed_defendants_are_no_complaints(
    complaints: Any, text: str
) -> None:
    assert complaints(text) == set()


EPA_SUIT = ("lawsuit", None, EPA, None, None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # an officeholder is not her possessor
            "Gov. Jane Roe vetoed the bill after her attorney general sued the Environmental "
            "Protection Agency.",
            {EPA_SUIT},
        ),
        (  # lawyers act for their possessor
            "Jane Roe's lawyers sued the Environmental Protection Agency.",
            {("lawsuit", "Jane Roe", EPA, None, None)},
        ),
        (  # party members led by someone: the leader, not the party
            "Democrats on the House Agriculture Committee, led by Rep. John Doe, have asked the "
            "Department of Justice to investigate Jane Roe.",
            {("investigation_request", "John Doe", "Jane Roe", DOJ, None)},
        ),
        (
            "Democrats have asked the Department of Justice to investigate Jane Roe.",
            {("investigation_request", "Democratic Party", "Jane Roe", DOJ, None)},
        ),
    ],
)
def test_officeholders_and_leaders_of_party_members(
    complaints: Any, text: str, expected: set[Row]
) -> None:
    assert complaints(text) == expected


def test_a_lawsuit_told_in_parts_is_one_lawsuit(complaints: Any) -> None:
    """A definite "the suit" continues the lawsuit told before it: its complainant meets the
    defendants it names; a separate complaint does not."""
    text = (
        "The Prairie Voters League filed a lawsuit in Franklin Circuit Court on Monday. The "
        "suit names Secretary of State Maria Lopez and the Kentucky State Board of Elections "
        "as defendants."
    )
    court = "Franklin Circuit Court"
    assert complaints(text) == {
        ("lawsuit", "Prairie Voters League", "Maria Lopez", court, None),
        ("lawsuit", "Prairie Voters League", "Kentucky State Board of Elections", court, None),
    }
    separate = (
        "Common Cause sued Daniel Whitcomb on Monday. The Sierra Club filed a separate "
        "lawsuit against the Environmental Protection Agency."
    )
    assert complaints(separate) == {
        ("lawsuit", "Common Cause", "Daniel Whitcomb", None, None),
        ("lawsuit", "Sierra Club", EPA, None, None),
    }


def test_a_watchdog_described_is_the_group_named_next(complaints: Any) -> None:
    text = (
        "A campaign finance watchdog filed a complaint with the Federal Election Commission "
        "accusing Rep. Daniel Whitcomb of using straw donors. Fair Vote Watch's president, "
        "Maria Lopez, said the pattern was clear."
    )
    assert complaints(text) == {("complaint", "Fair Vote Watch", "Daniel Whitcomb", FEC, None)}
    plural = "Civil rights groups asked the Department of Justice to investigate Daniel Whitcomb."
    assert complaints(plural) == {("investigation_request", None, "Daniel Whitcomb", DOJ, None)}


def test_a_dateline_is_no_side(complaints: Any) -> None:
    text = (
        "Group asks ethics office to look at commissioner\n\nCOLUMBUS, Ohio (AP) — The Sierra "
        "Club on Monday sued County Commissioner Daniel Whitcomb."
    )
    assert complaints(text) == {("lawsuit", "Sierra Club", "Daniel Whitcomb", None, None)}


def test_members_of_a_party_are_not_the_party(complaints: Any) -> None:
    text = (
        "Maria Lopez and three other Democrats asked the Federal Trade Commission to "
        "investigate Brightfield Inc."
    )
    assert complaints(text) == {
        (
            "investigation_request",
            "Maria Lopez",
            "Brightfield Inc.",
            "Federal Trade Commission",
            None,
        )
    }


def test_a_coordinated_verb_shares_the_modal(complaints: Any) -> None:
    """ "would ask X to ... and refer" is a referral not made; "he sued" after "X asked Y to
    investigate, and" is X's lawsuit."""
    text = (
        "Chairman Daniel Whitcomb said that if the witness did not appear, he would ask the "
        "full House to hold her in contempt and refer the matter to the Justice Department."
    )
    assert complaints(text) == set()
    text = (
        "Maria Lopez has also asked Attorney General Tom Bell to investigate the county, and "
        "she filed a lawsuit in Clark County District Court against Jo Lee."
    )
    assert complaints(text) == {
        ("lawsuit", "Maria Lopez", "Jo Lee", "Clark County District Court", None)
    }


def test_the_attorneys_general_of_states_are_the_states(complaints: Any) -> None:
    text = (
        "The attorneys general of Oregon, Minnesota and New Jersey joined the suit against the "
        "Department of Labor."
    )
    labor = "Department of Labor"
    assert complaints(text) == {
        ("lawsuit", state, labor, None, None) for state in ("Oregon", "Minnesota", "New Jersey")
    }


def test_a_parse_that_splits_the_article_from_its_noun(complaints: Any) -> None:
    # The parser may make "The" a subject of its own beside "attorneys".
    text = "The attorneys general of Oregon, Minnesota and New Jersey filed the lawsuit."
    assert complaints(text) == {
        ("lawsuit", state, None, None, None) for state in ("Oregon", "Minnesota", "New Jersey")
    }
    assert complaints("The attorneys general of Oregon filed the lawsuit.") == {
        ("lawsuit", "Oregon", None, None, None)
    }
    negated = "The attorneys general of Oregon, Minnesota and New Jersey did not file the lawsuit."
    assert complaints(negated) == set()
    assert complaints("The attorneys general of Oregon and Maine read the lawsuit.") == set()


def test_an_infinitive_hung_as_an_adverbial_clause_is_what_was_asked(
    complaints: Any,
) -> None:
    asked = (
        "Common Cause and the Sierra Club {} the Federal Election Commission on Tuesday to {} "
        "whether Sen. Jane Roe illegally coordinated with a super PAC."
    )
    assert complaints(asked.format("asked", "investigate")) == {
        ("investigation_request", group, "Jane Roe", FEC, None)
        for group in ("Common Cause", "Sierra Club")
    }
    assert complaints(asked.format("did not ask", "investigate")) == set()
    assert complaints(asked.format("asked", "explain")) == set()


def test_a_verb_the_parser_took_for_a_noun_names_the_respondents(complaints: Any) -> None:
    listed = (
        "The Sierra Club's complaint names Jane Roe, her campaign committee, Roe for Ohio, and "
        "the super PAC, Ohio Forward Fund, as respondents."
    )
    assert complaints(listed) == {
        ("complaint", "Sierra Club", who, None, None)
        for who in ("Jane Roe", "Roe for Ohio", "Ohio Forward Fund")
    }
    filed = (
        "Jane Roe's lawsuit, filed in Franklin County District Court, names Secretary of State "
        "John Doe{}."
    )
    court = "Franklin County District Court"
    assert complaints(filed.format("")) == {("lawsuit", "Jane Roe", "John Doe", court, None)}
    assert complaints(filed.format(" and Attorney General Ann Poe")) == {
        ("lawsuit", "Jane Roe", who, court, None) for who in ("John Doe", "Ann Poe")
    }
    negated = "Jane Roe's lawsuit, filed in Franklin County District Court, names no defendants."
    assert complaints(negated) == {("lawsuit", "Jane Roe", None, court, None)}
    assert complaints("The Sierra Club's list of names, Jane Roe and John Doe.") == set()


def test_asking_a_court_to_block_someone_is_a_lawsuit_against_them(complaints: Any) -> None:
    one = (
        "Common Cause asked a state court to block Secretary of State Jane Roe from releasing "
        "records."
    )
    assert complaints(one) == {("lawsuit", "Common Cause", "Jane Roe", None, None)}
    listed = (
        "Common Cause and the Sierra Club asked a federal court to block Jane Roe and John Doe "
        "from releasing voter records, alleging that the release broke the Privacy Act."
    )
    privacy = "Privacy Act of 1974"
    assert complaints(listed) == {
        ("lawsuit", group, who, None, privacy)
        for group in ("Common Cause", "Sierra Club")
        for who in ("Jane Roe", "John Doe")
    }
    assert complaints(one.replace("asked", "did not ask")) == set()
    explain = "Common Cause asked a state court to explain why Jane Roe released voter records."
    assert complaints(explain) == set()
    assert complaints("Common Cause asked Gov. Jane Roe to block the bill.") == set()


def test_a_string_of_lawsuits_is_no_lawsuit_in_particular(complaints: Any) -> None:
    latest = "It is {}the latest in a string of lawsuits by {} against the Interior Department."
    assert complaints(latest.format("", "Common Cause")) == set()
    assert complaints(latest.format("", "Common Cause and the Sierra Club")) == set()
    assert complaints(latest.format("not ", "Common Cause")) == set()
    filed = "Common Cause filed a string of lawsuits against the Interior Department."
    assert {row[2] for row in complaints(filed)} == {"Department of the Interior"}
