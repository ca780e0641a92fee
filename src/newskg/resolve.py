"""Cross-article entity resolution: one node per real-world entity across a batch.

Equal names of one type already meet on one IRI. This stage joins the forms that differ
between articles, conservatively:

- a surname alone ("Ruiz") joins the one full name in the batch with that surname, and
  is left alone when two people share it ("Maria Gomez", "Luis Gomez");
- "Ana M. Ruiz" joins "Ana Ruiz" (same first and last name, one without a middle
  part); two different middle initials ("Ana M. Ruiz", "Ana T. Ruiz") stay apart;
- an organization named with a national prefix ("U.S. Department of Justice") joins the
  same name without it.

Each decision is a :class:`Merge`, written to the ``graph/resolution`` named graph, so
it can be reviewed and undone (:func:`undo_merge`); ``resolve=False`` in the build makes
none.

A build into a store resolves the articles it builds against one another and against
the canonical names already in the store (``known``): a new "Gomez" joins a stored
"Maria Gomez", and a stored name wins over a new spelling of it. Articles already in
the store are not rewritten; building them again re-resolves them. The index a build
keeps is :class:`NameIndex`: names, counts and article ids, not whole extractions.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from rdflib import Dataset, Literal, URIRef

from . import ids
from .model import ArticleExtraction, Entity, EntityType
from .vocab import GRAPH, NKG, PROV, RDF, RDFS

__all__ = [
    "RESOLUTION_GRAPH",
    "Merge",
    "NameIndex",
    "apply_merges",
    "entity_names",
    "find_merges",
    "record_merges",
]

RESOLUTION_GRAPH = GRAPH["resolution"]
_NATIONAL_PREFIX = re.compile(r"^(?:U\.S\.|US|United States|The|the)\s+")
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


@dataclass(frozen=True)
class Merge:
    """One resolution decision: entity ``source`` is taken to be entity ``target``.

    Attributes:
        source: key of the entity as the articles named it.
        source_name: that name.
        target: key of the canonical entity.
        target_name: the canonical name.
        type: the entity type the merge keeps.
        reason: the rule that fired.
        articles: ids of the articles whose graphs change.
    """

    source: str
    source_name: str
    target: str
    target_name: str
    type: EntityType
    reason: str
    articles: tuple[str, ...]


def _words(name: str) -> list[str]:
    return [w for w in ids.normalize_name(name).split() if w not in _SUFFIXES]


def _person_targets(
    counts: Counter[str], known: frozenset[str] = frozenset()
) -> dict[str, tuple[str, str]]:
    """Person name -> (canonical name, reason) for the names that should join another."""
    full = [n for n in counts if len(_words(n)) > 1]
    by_ends: dict[tuple[str, str], list[str]] = defaultdict(list)
    for name in full:
        words = _words(name)
        by_ends[(words[0], words[-1])].append(name)
    targets: dict[str, tuple[str, str]] = {}
    for names in by_ends.values():
        if len(names) < 2:
            continue
        middles = {tuple(_words(n)[1:-1]) for n in names} - {()}
        bare = [n for n in names if len(_words(n)) == 2]
        if len(middles) == 1 and bare:  # one middle form and the bare form: one person
            best = max(names, key=lambda n: (n in known, counts[n], -len(n)))
            for name in names:
                if name != best:
                    targets[name] = (best, "same first and last name")
    surnames: dict[str, set[str]] = defaultdict(set)
    for name in full:
        first_last = _words(name)
        canonical = targets.get(name, (name, ""))[0]
        surnames[first_last[-1]].add(canonical)
    for name in counts:
        words = _words(name)
        if len(words) == 1 and len(surnames.get(words[0], ())) == 1:
            (full_name,) = surnames[words[0]]
            targets[name] = (full_name, "surname of the only full name in the batch")
    return targets


def _organization_targets(names: Sequence[str]) -> dict[str, tuple[str, str]]:
    plain = {n: _NATIONAL_PREFIX.sub("", n) for n in names}
    present = set(names)
    return {
        name: (bare, "same name without a national prefix")
        for name, bare in plain.items()
        if bare != name and bare in present
    }


NameCount = tuple[EntityType, str, int]


def entity_names(x: ArticleExtraction) -> tuple[NameCount, ...]:
    """What resolution needs of an extraction: (kind, name, mentions) per entity.

    Every kind of organization counts as ``ORGANIZATION``, since they merge alike.
    """
    return tuple(
        (EntityType.ORGANIZATION if e.type.is_organization else e.type, e.name, len(e.mentions))
        for e in x.entities
    )


@dataclass
class NameIndex:
    """The names of a batch of articles: mention counts and the articles naming each.

    Attributes:
        counts: mentions per name, by kind.
        where: the ids of the articles naming each (kind, name).
    """

    counts: dict[EntityType, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    where: dict[tuple[EntityType, str], set[str]] = field(default_factory=lambda: defaultdict(set))

    def add(self, article_id: str, names: Iterable[NameCount]) -> None:
        """Count one article's names (from :func:`entity_names`)."""
        for kind, name, mentions in names:
            self.counts[kind][name] += mentions
            self.where[(kind, name)].add(article_id)


def find_merges(
    extractions: Sequence[ArticleExtraction] | NameIndex,
    known: Mapping[EntityType, Counter[str]] | None = None,
) -> list[Merge]:
    """The cross-article merges a batch of extractions calls for.

    Args:
        extractions: the batch, or its :class:`NameIndex`.
        known: canonical names already stored (kind -> mention counts): they can be
            merged into, and are preferred as the canonical name, but merges only rename
            entities of the batch's articles.
    """
    if isinstance(extractions, NameIndex):
        index = extractions
    else:
        index = NameIndex()
        for x in extractions:
            index.add(x.article.id, entity_names(x))
    known = known or {}
    counts: dict[EntityType, Counter[str]] = {}
    for kind in (EntityType.PERSON, EntityType.ORGANIZATION):
        counts[kind] = Counter(index.counts.get(kind, Counter()))
        counts[kind].update(known.get(kind, Counter()))
    merges = []
    people = frozenset(known.get(EntityType.PERSON, ()))
    plans = [
        (EntityType.PERSON, _person_targets(counts[EntityType.PERSON], people)),
        (EntityType.ORGANIZATION, _organization_targets(sorted(counts[EntityType.ORGANIZATION]))),
    ]
    for kind, targets in plans:
        for source, (target, reason) in sorted(targets.items()):
            articles = index.where.get((kind, source))
            if not articles:  # only stored articles name it: they are not rewritten
                continue
            merges.append(
                Merge(
                    ids.entity_key(kind, source),
                    source,
                    ids.entity_key(kind, target),
                    target,
                    kind,
                    reason,
                    tuple(sorted(articles)),
                )
            )
    return merges


def _rename(entity: Entity, merge: Merge) -> Entity:
    aliases = tuple(sorted({*entity.aliases, entity.name} - {merge.target_name}))
    return replace(entity, key=merge.target, name=merge.target_name, aliases=aliases)


def apply_merges(x: ArticleExtraction, merges: Sequence[Merge]) -> ArticleExtraction:
    """The extraction with merged entities renamed to their canonical entity."""
    by_key = {m.source: m for m in merges if x.article.id in m.articles}
    if not by_key:
        return x

    def key(k: str | None) -> str | None:
        return by_key[k].target if k in by_key else k

    entities = tuple(_rename(e, by_key[e.key]) if e.key in by_key else e for e in x.entities)
    return replace(
        x,
        entities=entities,
        roles=tuple(
            replace(r, person=key(r.person) or r.person, organization=key(r.organization))
            for r in x.roles
        ),
        parties=tuple(replace(p, person=key(p.person) or p.person) for p in x.parties),
        candidacies=tuple(replace(c, person=key(c.person) or c.person) for c in x.candidacies),
        stances=tuple(replace(s, actor=key(s.actor) or s.actor) for s in x.stances),
        complaints=tuple(
            replace(
                c,
                complainant=key(c.complainant),
                respondent=key(c.respondent),
                addressee=key(c.addressee),
            )
            for c in x.complaints
        ),
        claims=tuple(
            replace(
                c,
                claimant=key(c.claimant) or c.claimant,
                reported_by=key(c.reported_by),
                about=tuple(key(a) or a for a in c.about),
            )
            for c in x.claims
        ),
        requests=tuple(replace(r, agent=key(r.agent)) for r in x.requests),
    )


def record_merges(ds: Dataset, merges: Sequence[Merge], run: URIRef) -> None:
    """Write each merge as an ``nkg:Merge`` node in the ``graph/resolution`` graph."""
    graph = ds.graph(RESOLUTION_GRAPH)
    for m in merges:
        node = ids.fact_iri("merge", m.source, m.target)
        graph.add((node, RDF.type, NKG.Merge))
        graph.add((node, NKG.mergedName, Literal(m.source_name)))
        graph.add((node, NKG.mergedEntity, ids.entity_iri(m.type, m.source_name)))
        graph.add((node, NKG.canonicalEntity, ids.entity_iri(m.type, m.target_name)))
        graph.add((node, NKG.mergeReason, Literal(m.reason)))
        graph.add((node, PROV.wasGeneratedBy, run))
        for article in m.articles:
            graph.add((node, NKG.inArticle, ids.article_iri(article)))


def undo_merge(ds: Dataset, merge: URIRef) -> int:
    """Reverse one recorded merge in a dataset: the articles it changed get the merged
    entity back, under its own IRI and name, and the record is removed.

    Fact nodes keep their IRIs (they were minted from the canonical entity); only what
    they point at changes. Returns the number of article graphs changed.

    Raises:
        KeyError: ``merge`` is not a merge recorded in the dataset.
    """
    record = ds.graph(RESOLUTION_GRAPH)
    source = record.value(merge, NKG.mergedEntity)
    target = record.value(merge, NKG.canonicalEntity)
    name = record.value(merge, NKG.mergedName)
    if not isinstance(source, URIRef) or not isinstance(target, URIRef) or name is None:
        raise KeyError(f"no merge {merge} is recorded in the dataset")
    changed = 0
    for article in record.objects(merge, NKG.inArticle):
        graph = ds.graph(ids.article_graph_iri(str(article).rsplit("/", 1)[-1]))
        quads = [(s, p, o) for s, p, o in graph if target in (s, o)]
        for s, p, o in quads:
            graph.remove((s, p, o))
            if s == target and p == RDFS.label:
                o = name
            graph.add((source if s == target else s, p, source if o == target else o))
        changed += bool(quads)
    record.remove((merge, None, None))
    return changed
