"""The `claims` frame on invented sentences: reporting verbs, inversions, "according to",
outlets that report or credit a claim, evidence qualifiers, claim nouns, pronouns and
group anaphors, quoted posts, and what is not a claim."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newskg.extract import extract_article
from newskg.model import Article, ArticleExtraction

Claims = set[tuple[str, str | None, str]]  # claimant, reported_by, evidence status
HALE = "Robert Hale"


@pytest.fixture(scope="module")
def extract() -> Callable[[str], ArticleExtraction]:
    """The claims frame alone, on a text written for a test."""
    from newskg.nlp import load_pipeline

    nlp = load_pipeline()
    return lambda text: extract_article(Article(id="t.txt", text=text), nlp(text), ["claims"])


@pytest.fixture(scope="module")
def claims(extract: Callable[[str], ArticleExtraction]) -> Callable[[str], Claims]:
    """(claimant, reported_by, status) of every claim a text reports."""

    def run(text: str) -> Claims:
        found = extract(text)
        name = {e.key: e.name for e in found.entities}
        return {
            (name[c.claimant], name.get(c.reported_by or ""), c.status.value) for c in found.claims
        }

    return run


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # reporting verbs with a named subject
        ("Senator Maria Delgado insisted the plan would fail.", {("Maria Delgado", None)}),
        ("Robert Hale argued that the tariffs would hurt farmers.", {(HALE, None)}),
        ("Robert Hale denied any wrongdoing.", {(HALE, None)}),
        ("Robert Hale tweeted on Friday that the report was fake.", {(HALE, None)}),
        (
            "Common Cause said in a statement that the law was unconstitutional.",
            {("Common Cause", None)},
        ),
        (
            "The Brennan Center for Justice said in a letter dated Monday that the rule "
            "was illegal.",
            {("Brennan Center for Justice", None)},
        ),
        # inversions and statements that lost their quotation marks
        (
            '"We will appeal the ruling," said Maria Delgado, a lawyer for the plaintiffs.',
            {("Maria Delgado", None)},
        ),
        ("The plan is dead, Robert Hale said.", {(HALE, None)}),
        # according to; proxies
        ("The budget will grow, according to Thomas Whitfield.", {("Thomas Whitfield", None)}),
        ("Revenue fell sharply, according to a Reuters report.", {("Reuters", "Reuters")}),
        (
            "A State Department spokeswoman said the talks would resume.",
            {("Department of State", None)},
        ),
        # outlets: reporting themselves, crediting a claim, or hosting it
        ("CNN reported that the agency had lost the files.", {("CNN", "CNN")}),
        ("Robert Hale insisted the audit was fair, Forbes reported.", {(HALE, "Forbes")}),
        (
            "The New York Times reported that Robert Hale said the deal was dead.",
            {("The New York Times", "The New York Times"), (HALE, "The New York Times")},
        ),
        ("Thomas Whitfield said on CNN that the deal was dead.", {("Thomas Whitfield", "CNN")}),
        # an "as X reported" aside: X reports the clause it hangs on
        (
            "The agency shared the files with police, as CNN reported on Friday.",
            {("CNN", "CNN")},
        ),
        ("As Robert Hale argued on Monday, the plan failed.", {(HALE, None)}),
        (
            "The plan failed, as Robert Hale and Maria Delgado argued.",
            {(HALE, None), ("Maria Delgado", None)},
        ),
        # claim nouns
        ("Robert Hale's claim that the vote was rigged drew criticism.", {(HALE, None)}),
        # lists, pronouns, group anaphors
        (
            "Robert Hale and Maria Delgado said the bill would pass.",
            {(HALE, None), ("Maria Delgado", None)},
        ),
        (
            "Maria Delgado spoke on Monday. She said the law was unconstitutional.",
            {("Maria Delgado", None)},
        ),
        ("Robert Hale was asked about the plan. He said it was dead.", {(HALE, None)}),
        (
            "Senators Amy Carter, John Briggs and Paul Reyes wrote to the agency. "
            "The three senators said the agency had ignored them.",
            {("Amy Carter", None), ("John Briggs", None), ("Paul Reyes", None)},
        ),
        ("The plan is dead. Robert Hale (@roberthale) July 1, 2017", {(HALE, None)}),
        # a proxy's name in apposition is the speaker, even hung on the body it speaks for
        (
            "A spokeswoman for the Ohio Ethics Commission, Dana Whitfield, said the complaint "
            "remained under review.",
            {("Dana Whitfield", None)},
        ),
        (
            "Lawyers for the Prairie Future Fund, Tom Lee and Ana Gray, said the fund had done "
            "nothing wrong.",
            {("Tom Lee", None), ("Ana Gray", None)},
        ),
        # what a body compiled, published or posted speaks for it
        (
            "Turnout rose by 4 percent, according to results compiled by the Ohio Secretary "
            "of State's office.",
            {("Ohio Secretary of State's office", None)},
        ),
        (
            "Turnout rose, according to figures posted by the Ohio Ethics Commission and "
            "a report by Reuters.",
            {("Ohio Ethics Commission", None)},
        ),
        # rebutting a claim asserts it is wrong
        ("Robert Hale rejected the allegations.", {(HALE, None)}),
        (
            "Robert Hale and Maria Delgado dismissed the accusation as nonsense.",
            {(HALE, None), ("Maria Delgado", None)},
        ),
        # a complaint or lawsuit says what its filer alleges
        (
            "The complaint by the Brennan Center for Justice alleges that the donations were "
            "illegal.",
            {("Brennan Center for Justice", None)},
        ),
        (
            "The lawsuit, filed by the Brennan Center for Justice, argues that the law is "
            "unconstitutional.",
            {("Brennan Center for Justice", None)},
        ),
        # a group named by what it is: "the super PAC", "the fund"
        (
            "The Prairie Future Fund spent $2 million on ads. The super PAC said the ads were "
            "lawful.",
            {("Prairie Future Fund", None)},
        ),
        (
            "The Prairie Future Fund and the Harbor Action Fund spent $2 million on ads. "
            "Robert Hale said the two were lawful. The fund said the ads were lawful.",
            {(HALE, None)},  # the nearest sentence offers no one fund
        ),
    ],
)
def test_claimants(
    claims: Callable[[str], Claims], text: str, expected: set[tuple[str, str | None]]
) -> None:
    assert {(who, by) for who, by, _ in claims(text)} == expected


@pytest.mark.parametrize(
    ("text", "status"),
    [
        (
            "Robert Hale claimed without providing evidence that ballots were forged.",
            "without_evidence",
        ),
        ("Robert Hale claimed, without evidence, that ballots were forged.", "without_evidence"),
        ("Robert Hale made baseless claims of fraud.", "without_evidence"),
        (
            "Robert Hale spoke on Monday. He repeated his unfounded claims of fraud.",
            "without_evidence",
        ),
        ("Robert Hale falsely claimed that the election was rigged.", "disputed"),
        ("Robert Hale said the evidence of fraud was baseless.", "unqualified"),
    ],
)
def test_evidence_status(claims: Callable[[str], Claims], text: str, status: str) -> None:
    assert {(who, st) for who, _, st in claims(text)} == {(HALE, status)}


@pytest.mark.parametrize(
    "text",
    [
        "Robert Hale did not say whether he would run again.",  # negated
        "Maria Delgado declined to say what she would do.",
        "Judge Maria Delgado denied the motion.",  # a ruling on a request, not an assertion
        "Forty-four states said they would not comply.",  # a count names no one
        "Democrats said the plan was illegal.",  # some members, not the party
        "Robert Hale wrote a book about the war.",  # no assertion reported
        "Maria Delgado and Thomas Whitfield met on Monday. She said the law was unfair.",
        "It was reported that the agency had lost the files.",
        "The plan failed as Robert Hale left the room.",  # "as" of time, no reporting verb
        "The plan failed, as Robert Hale did not argue.",  # negated
        "The super PAC said the ads were lawful.",  # no group named before
        "Turnout rose, according to a letter reviewed by Reuters.",  # a reader, no author
        "Robert Hale rejected the request.",  # a request is no claim
        "Robert Hale did not reject the claims.",  # negated
        "Judge Maria Delgado dismissed the lawsuit.",  # a ruling, not a rebuttal
        "The complaint by the Brennan Center for Justice does not say who paid.",  # negated
        "A spokeswoman for the Ohio Ethics Commission, Dana Whitfield, did not say why.",
        "The Prairie Future Fund spent $2 million on ads. The super PAC did not say why.",
    ],
)
def test_no_claim(claims: Callable[[str], Claims], text: str) -> None:
    assert claims(text) == set()


def test_claim_text_and_about(extract: Callable[[str], ArticleExtraction]) -> None:
    found = extract("Robert Hale said that Maria Delgado had lied to Congress.")
    name = {e.key: e.name for e in found.entities}
    (claim,) = found.claims
    assert claim.text == "Maria Delgado had lied to Congress"
    assert claim.verb == "said"
    about = {name[k] for k in claim.about}
    assert "Maria Delgado" in about and len(about) == 2  # and Congress, by its canonical name
    assert 0.0 < claim.confidence <= 1.0
    assert claim.evidence[0].text.startswith("Robert Hale said")


def test_group_accused(claims: Callable[[str], Claims]) -> None:
    text = (
        "The Brennan Center for Justice filed a complaint on Tuesday. "
        "The group accused Robert Hale of violating the law."
    )
    assert {who for who, _, _ in claims(text)} == {"Brennan Center for Justice"}


def test_only_an_outlet_is_credited(extract: Callable[[str], ArticleExtraction]) -> None:
    """An organization that "reported" is no news outlet: no claim is credited to it, and
    no claim node gets two outlets."""
    text = (
        "The Harbor Action Fund filed its report on Monday. Fund treasurer Ana Ruiz said "
        'the group "reported every donation on time."'
    )
    found = extract(text)
    outlets = {e.key for e in found.entities if e.type.value == "NewsOutlet"}
    assert all(c.reported_by is None or c.reported_by in outlets for c in found.claims)
    nodes = [(c.claimant, c.evidence[0].begin, c.evidence[0].end) for c in found.claims]
    assert len(nodes) == len(set(nodes))


def test_one_outlet_per_claim(claims: Callable[[str], Claims]) -> None:
    """Two outlets in a sentence: the one attached to the reporting verb is credited."""
    text = "Robert Hale told CNN that the audit was fair, The New York Times reported."
    assert {(who, by) for who, by, _ in claims(text)} == {(HALE, "CNN")}
