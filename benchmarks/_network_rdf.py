"""Write a generated actor network as the knowledge graph `newskg build` would make of it.

Each (article, sentence) of an edge's evidence becomes one fact node in that article's
graph, shaped as its relation's query in src/newskg/network/queries/ expects, derived
from a mention of the source; the target is mentioned in the same sentence. Actors get
their class and label, articles their id and date. Written as N-Quads, line by line.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from newskg.vocab import PREFIXES

__all__ = ["write_nquads"]

NKG, SCHEMA, ORG = PREFIXES["nkg"], PREFIXES["schema"], PREFIXES["org"]
PROV, NIF = PREFIXES["prov"], PREFIXES["nif"]
TYPE = f"<{PREFIXES['rdf']}type>"
LABEL = f"<{PREFIXES['rdfs']}label>"
CLASSES = {
    "Person": f"{SCHEMA}Person",
    "GovernmentBody": f"{SCHEMA}GovernmentOrganization",
    "Organization": f"{ORG}Organization",
    "State": f"{SCHEMA}State",
}
# (class of the fact, property to the source, property to the target, extra triples);
# `{f}` is the fact's IRI (no brackets), `{t}` the target's term.
SHAPES = {
    "holds_office_in": (f"{ORG}Membership", f"{ORG}member", None,
                        "<{f}> <http://www.w3.org/ns/opengov#post> <{f}p> .\n"
                        f"<{{f}}p> <{ORG}postIn> {{t}} .\n"),
    "member_of_party": (f"{ORG}Membership", f"{ORG}member", f"{ORG}organization", ""),
    "candidate_in": (f"{NKG}Candidacy", f"{NKG}candidate", f"{NKG}election", ""),
    "complained_about": (f"{NKG}Complaint", f"{SCHEMA}agent", f"{NKG}respondent",
                         f"<{{f}}> <{NKG}complaintKind> <{NKG}Lawsuit> .\n"),
    "complained_to": (f"{NKG}Complaint", f"{SCHEMA}agent", f"{SCHEMA}recipient",
                      f"<{{f}}> <{NKG}complaintKind> <{NKG}Lawsuit> .\n"),
    "alleged_violation_of": (f"{NKG}Complaint", f"{NKG}respondent",
                             f"{NKG}allegedViolationOf",
                             f"<{{f}}> <{NKG}complaintKind> <{NKG}Lawsuit> .\n"),
    "responded_to": (f"{NKG}Response", f"{SCHEMA}agent", None,
                     f"<{{f}}> <{NKG}responseStatus> <{NKG}Refused> .\n"
                     f"<{{f}}> <{NKG}inResponseTo> <{{f}}r> .\n<{{f}}r> <{SCHEMA}agent> {{t}} .\n"),
    "claimed_about": (f"{SCHEMA}Claim", f"{SCHEMA}author", f"{SCHEMA}about", ""),
    "reported": (f"{SCHEMA}Claim", f"{NKG}reportedBy", f"{SCHEMA}author", ""),
}  # fmt: skip


def _literal(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_nquads(graph: nx.MultiDiGraph, path: Path) -> int:
    """Write ``graph`` (from ``bench_network.generate``) to ``path``; the number of quads."""
    articles: dict[str, str] = {}
    quads = 0

    def graph_of(article: str) -> str:
        if article not in articles:
            articles[article] = f"<https://w3id.org/newskg/graph/article/{article}>"
        return articles[article]

    with path.open("w", encoding="utf-8") as out:
        for i, (node, data) in enumerate(graph.nodes(data=True)):
            g = graph_of(f"article-{i % 50_000:05d}.txt")
            out.write(f"<{node}> {TYPE} <{CLASSES[data['type']]}> {g} .\n")
            out.write(f"<{node}> {LABEL} {_literal(data['label'])} {g} .\n")
            quads += 2
        n = 0
        for u, v, key, data in graph.edges(keys=True, data=True):
            kind, to_source, to_target, extra = SHAPES[key]
            for article, sentence in data["evidence"]:
                n += 1
                g, a = graph_of(article), f"<https://w3id.org/newskg/id/article/{article}>"
                iri = f"https://w3id.org/newskg/id/fact/{n}"
                f, m = f"<{iri}>", f"_:m{n}"
                target = f"<{v}>"
                lines = [
                    f"{f} {TYPE} <{kind}> .",
                    f"{f} <{to_source}> <{u}> .",
                    f"{f} <{NKG}confidence> \"{data['confidence']}\"^^<{PREFIXES['xsd']}decimal> .",
                    f"{f} <{PROV}wasDerivedFrom> {m} .",
                    f"{m} <{NKG}refersTo> <{u}> .",
                    f"{m}t <{NKG}refersTo> {target} .",
                ]  # fmt: skip
                if to_target:
                    lines.append(f"{f} <{to_target}> {target} .")
                for mention, begin in ((m, 0), (f"{m}t", 20)):
                    lines += [
                        f"{mention} <{NKG}sentence> {_literal(sentence)} .",
                        f"{mention} <{NIF}beginIndex> \"{begin}\"^^<{PREFIXES['xsd']}integer> .",
                        f"{mention} <{NIF}referenceContext> {a} .",
                    ]  # fmt: skip
                lines += extra.format(f=iri, t=target).splitlines()
                for line in lines:
                    out.write(f"{line[:-2]} {g} .\n")
                quads += len(lines)
        for article, g in articles.items():
            a = f"<https://w3id.org/newskg/id/article/{article}>"
            out.write(f"{a} {TYPE} <{SCHEMA}NewsArticle> {g} .\n")
            out.write(f"{a} <{PREFIXES['dcterms']}identifier> {_literal(article)} {g} .\n")
            out.write(f'{a} <{SCHEMA}datePublished> "2017-07-01" {g} .\n')
            quads += 3
    return quads
