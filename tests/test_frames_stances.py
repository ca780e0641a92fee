"""The `stances` frame on invented sentences: who refused, complied, partly complied or is
still deciding about a request; lists, appositions, anaphors, negation, and what is not a
stance (counts, requests for comment, orders to comply)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newskg.extract import extract_article
from newskg.model import Article, ArticleExtraction

Stances = set[tuple[str, str]]
ASK = "The Justice Department asked every state to turn over its voter rolls. "


@pytest.fixture(scope="module")
def extract() -> Callable[[str], ArticleExtraction]:
    """The stances frame alone, on a text written for a test."""
    from newskg.nlp import load_pipeline

    nlp = load_pipeline()
    return lambda text: extract_article(Article(id="t.txt", text=text), nlp(text), ["stances"])


@pytest.fixture(scope="module")
def stances(extract: Callable[[str], ArticleExtraction]) -> Callable[[str], Stances]:
    """(actor name, status) of every stance a text states."""

    def run(text: str) -> Stances:
        found = extract(text)
        name = {e.key: e.name for e in found.entities}
        return {(name[s.actor], s.status.value) for s in found.stances}

    return run


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # refused, one actor and lists
        ("Texas refused to hand over the data.", {("Texas", "refused")}),
        (
            ASK + "Ohio, Utah and Nevada said they would not comply.",
            {("Ohio", "refused"), ("Utah", "refused"), ("Nevada", "refused")},
        ),
        (
            ASK + "Officials said Alaska, Alabama and Oregon were among the states that "
            "would not comply.",
            {("Alaska", "refused"), ("Alabama", "refused"), ("Oregon", "refused")},
        ),
        (ASK + "Arizona won't hand over the records.", {("Arizona", "refused")}),
        (ASK + "Kentucky declined to provide the records.", {("Kentucky", "refused")}),
        (ASK + "Illinois has rejected the request.", {("Illinois", "refused")}),
        (ASK + "The request was rejected by Oregon.", {("Oregon", "refused")}),
        (ASK + "Minnesota election officials rejected the request.", {("Minnesota", "refused")}),
        (
            ASK + "Maryland's elections administrator, Linda Marsh, said the state will not "
            "provide the data.",
            {("Maryland", "refused")},
        ),
        # complied
        (
            "The Justice Department asked states for their voter rolls. Idaho complied, and "
            "Iowa agreed to provide the data.",
            {("Idaho", "complied"), ("Iowa", "complied")},
        ),
        (
            "The House Judiciary Committee issued a subpoena. The Department of Commerce "
            "complied with the subpoena.",
            {("Department of Commerce", "complied")},
        ),
        # partially complied
        (
            ASK + "Kentucky will provide only publicly available information.",
            {("Kentucky", "partially_complied")},
        ),
        (
            "The Senate committee subpoenaed the records in March. Kansas handed over some of "
            "the records.",
            {("Kansas", "partially_complied")},
        ),
        (
            ASK + "Montana provided the voter rolls but refused to turn over the "
            "Social Security numbers.",
            {("Montana", "partially_complied")},
        ),
        (
            ASK + "Delaware provided the voter rolls but withheld the tax records.",
            {("Delaware", "partially_complied")},
        ),
        (ASK + "Hawaii withheld the voter rolls.", {("Hawaii", "refused")}),
        # a list sharing one bare verb: the request in context is what they answer
        (
            ASK + "Oregon, Maine and Nevada have refused.",
            {("Oregon", "refused"), ("Maine", "refused"), ("Nevada", "refused")},
        ),
        (
            ASK + "Arizona and Georgia have not decided.",
            {("Arizona", "undecided"), ("Georgia", "undecided")},
        ),
        (ASK + "Utah is still weighing.", {("Utah", "undecided")}),
        (
            "A federal court ordered the Ohio General Assembly to adopt a new map. Speaker "
            "Ana Ruiz said the Ohio House of Representatives would comply with the order.",
            {("Ohio House of Representatives", "complied")},
        ),
        # undecided
        (ASK + "Vermont is still reviewing the request.", {("Vermont", "undecided")}),
        (ASK + "Maine has not decided whether to comply.", {("Maine", "undecided")}),
        (
            ASK + "Nebraska, Idaho and Florida were still studying the request.",
            {("Nebraska", "undecided"), ("Idaho", "undecided"), ("Florida", "undecided")},
        ),
        # answering a request by name: granted, agreed to, honored, turned down
        (ASK + "Ohio granted the request.", {("Ohio", "complied")}),
        (
            ASK + "Utah and Idaho agreed to the request.",
            {("Utah", "complied"), ("Idaho", "complied")},
        ),
        (ASK + "Iowa would not honor the request.", {("Iowa", "refused")}),
        (ASK + "Texas turned down the request.", {("Texas", "refused")}),
        # a deed asked of named actors, and their answer
        (
            "The state party asked Ana Gray and Luis Ortiz to endorse Tom Lee. Ortiz endorsed "
            "Lee on Friday.",
            {("Luis Ortiz", "complied")},
        ),
        (
            "Maria Ybarra called on Tom Lee to concede on Tuesday, but he declined, saying "
            "ballots remained to be counted.",
            {("Tom Lee", "refused")},
        ),
        ("Maria Ybarra urged Tom Lee to concede. Lee did not concede.", {("Tom Lee", "refused")}),
        (ASK + "Ohio declined on Monday, saying the law forbids it.", {("Ohio", "refused")}),
        # not saying whether is undecided
        (ASK + "Ohio has not said whether it will comply.", {("Ohio", "undecided")}),
        (
            ASK + "Ohio and Utah have not said whether they will comply.",
            {("Ohio", "undecided"), ("Utah", "undecided")},
        ),
        # partial: a list of material, a limit in a prepositional phrase, given and withheld
        (
            ASK + "Ohio provided ballot images and voter rolls but withheld the birth dates.",
            {("Ohio", "partially_complied")},
        ),
        (
            "The committee asked Tom Lee for ten years of tax returns. Lee provided returns for "
            "only the past three years.",
            {("Tom Lee", "partially_complied")},
        ),
        # "his office", "her staff" stand for the one who speaks of them
        (
            ASK + "Secretary of State Luis Ortiz said his office would not provide the voter "
            "rolls.",
            {("Luis Ortiz", "refused")},
        ),
        (
            ASK + "Ohio and Utah said their staff would comply.",
            {("Ohio", "complied"), ("Utah", "complied")},
        ),
        (
            "The committee asked for the lease records. Tom Lee refused at first. His office "
            "later provided a copy of the lease but declined to release the bank records.",
            {("Tom Lee", "partially_complied")},
        ),
        (
            "The House Oversight Committee demanded documents from Brightway Analytics. "
            "Brightway Analytics has partly complied with the demand.",
            {("Brightway Analytics", "partially_complied")},
        ),
        # a group named by what it is
        (
            "The Campaign Watch Center demanded the names of donors last week. The Prairie "
            "Future Fund spent $2 million on ads. The super PAC declined the request.",
            {("Prairie Future Fund", "refused")},
        ),
    ],
)
def test_stances(stances: Callable[[str], Stances], text: str, expected: Stances) -> None:
    assert stances(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        ASK + "Ohio did not refuse the request.",  # negated refusal is no refusal
        ASK + "Forty-four states refused to turn over voter data.",  # a count names no one
        "The governor's office did not respond to a request for comment.",
        "Senator Ann Wu declined to comment.",
        ASK + "A federal judge ordered Oregon to comply with the request.",  # not yet done
        "The FBI provided information about the attack to reporters.",  # nothing was asked
        "Utah sent a letter to the commission.",
        ASK + "Vermont reviewed the request on Monday.",  # done reviewing: no stance yet
        "Robert Hale claimed without providing evidence that the vote was rigged.",
        "Oregon and Maine have refused.",  # no request to answer
        "Ohio has not decided.",
        ASK + "Ohio has not refused.",  # negated
        ASK + "Ohio has decided.",  # decided what is not said
        ASK + "Ohio has not decided whether to run a candidate.",  # another question
        "The Senate Judiciary Committee demanded that the Department of Commerce turn over "
        "its records.",  # the demand itself, not an answer
        "The Senate Judiciary Committee asked for the records. The committee would consider "
        "issuing a subpoena if the Department of Commerce does not comply.",
        ASK + "Ohio granted the Texas governor an interview.",  # granted no request
        ASK + "Ohio has said it will decide soon.",  # not negated: says nothing of a stance
        ASK + "Ohio has not said when the panel meets.",  # no open question of complying
        "The state party asked Ana Gray to endorse Tom Lee. Luis Ortiz endorsed Lee.",  # not asked
        "Luis Ortiz endorsed Tom Lee.",  # nobody asked
        "The state party asked Luis Ortiz to endorse Tom Lee. Ortiz endorsed Maria Ybarra.",
        ASK + "Luis Ortiz said his office has not yet read the news.",  # no stance word
        "Luis Ortiz said his staff would comply.",  # no request
    ],
)
def test_no_stance(stances: Callable[[str], Stances], text: str) -> None:
    assert stances(text) == set()


def test_request_label_and_agent(extract: Callable[[str], ArticleExtraction]) -> None:
    found = extract(
        "The House Judiciary Committee issued a subpoena for the tax returns. "
        "Treasury Secretary Ann Wu refused to comply with the committee's subpoena."
    )
    name = {e.key: e.name for e in found.entities}
    assert [(r.label, name.get(r.agent or "")) for r in found.requests] == [
        ("tax returns subpoena", "House Committee on the Judiciary")
    ]
    (stance,) = found.stances
    assert (name[stance.actor], stance.request) == ("Ann Wu", found.requests[0].key)
    assert 0.0 < stance.confidence <= 1.0
    assert "refused to comply" in stance.evidence[0].text


def test_one_request_for_its_mentions(extract: Callable[[str], ArticleExtraction]) -> None:
    found = extract(
        "The commission asked states for voter data. Ohio rejected the request. "
        "Utah is still weighing the request."
    )
    assert [r.label for r in found.requests] == ["voter data request"]
    assert {s.request for s in found.stances} == {found.requests[0].key}


def test_own_request_is_no_compliance(stances: Callable[[str], Stances]) -> None:
    text = "Governor Ann Wu asked the counties for voter data. Wu sent the data to reporters."
    assert ("Ann Wu", "complied") not in stances(text)
