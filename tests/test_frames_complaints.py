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
        name = {e.key: e.name for e in found.entities}
        return {
            (
                c.kind,
                *(name.get(k or "") for k in (c.complainant, c.respondent, c.addressee, c.law)),
            )
            for c in found.complaints
        }

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
