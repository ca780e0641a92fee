"""Deterministic IRIs: the same name, fact or span always gets the same node.

>>> normalize_name("Dr. Ana Ruiz’s")
'ana ruiz'
>>> str(entity_iri(EntityType.PERSON, "Ana Ruiz"))
'https://w3id.org/newskg/id/person/ana-ruiz-0ac07dc4'
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import quote

from rdflib import URIRef

from .model import EntityType
from .vocab import GRAPH, ID

__all__ = [
    "article_graph_iri",
    "article_iri",
    "entity_iri",
    "entity_key",
    "fact_iri",
    "mention_iri",
    "normalize_name",
    "post_iri",
    "role_iri",
    "run_iri",
    "slug",
]

_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "hon", "rev"})
_NON_WORD = re.compile(r"[^\w]+")

# The IRI folder of each entity type: organizations of every kind share one, so an
# outlet that one article calls an "organization" meets itself in another article.
_TYPE_FOLDER = {
    EntityType.PERSON: "person",
    EntityType.STATE: "state",
    EntityType.ELECTION: "election",
    EntityType.LAW: "law",
}


def normalize_name(name: str) -> str:
    """NFKC, casefold, possessive ``'s``, punctuation and honorifics dropped, spaces collapsed."""
    text = unicodedata.normalize("NFKC", name).casefold().replace("\u2019", "'")
    text = re.sub(r"'s\b", "", text)
    words = _NON_WORD.sub(" ", text).split()
    return " ".join(w for w in words if w not in _HONORIFICS)


def slug(name: str, limit: int = 60) -> str:
    """A readable IRI-safe fragment of a name (``kris-kobach``)."""
    text = unicodedata.normalize("NFKD", normalize_name(name))
    ascii_text = text.encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:limit].strip("-") or "x"


def _digest(*parts: str, length: int) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:length]


def type_folder(entity_type: EntityType) -> str:
    """The IRI folder for an entity type (``person``, ``organization``, ...)."""
    return _TYPE_FOLDER.get(entity_type, "organization")


def entity_key(entity_type: EntityType, name: str) -> str:
    """The key that makes two mentions of one real-world entity meet: folder and name."""
    return f"{type_folder(entity_type)}:{normalize_name(name)}"


def entity_iri(entity_type: EntityType, name: str) -> URIRef:
    """``id/{type}/{slug}-{h8}`` for an entity of this type and canonical name."""
    folder = type_folder(entity_type)
    return ID[f"{folder}/{slug(name)}-{_digest(entity_key(entity_type, name), length=8)}"]


def _local(iri: URIRef) -> str:
    return str(iri).rsplit("/", 1)[-1]


def role_iri(office: str) -> URIRef:
    """``id/role/{role}`` for an office title such as "vice chair"."""
    return ID[f"role/{slug(office)}"]


def post_iri(office: str, organization: URIRef | None) -> URIRef:
    """``id/post/{org}-{role}``: one office in one body or jurisdiction."""
    if organization is None:
        return ID[f"post/{slug(office)}"]
    return ID[f"post/{_local(organization)}-{slug(office)}"]


def fact_iri(kind: str, *defining: str) -> URIRef:
    """``id/{kind}/{h16}`` over the IRIs and values that define a relationship."""
    return ID[f"{kind}/{_digest(kind, *defining, length=16)}"]


def _article_part(article_id: str) -> str:
    return quote(article_id, safe="")


def article_iri(article_id: str) -> URIRef:
    """``id/article/{article}``."""
    return ID[f"article/{_article_part(article_id)}"]


def article_graph_iri(article_id: str) -> URIRef:
    """``graph/article/{article}``: the named graph holding one article's facts."""
    return GRAPH[f"article/{_article_part(article_id)}"]


def mention_iri(article_id: str, begin: int, end: int) -> URIRef:
    """``id/mention/{article}/{begin}-{end}``."""
    return ID[f"mention/{_article_part(article_id)}/{begin}-{end}"]


def run_iri(version: str, model: str) -> URIRef:
    """``id/run/{h16}`` over the software version and model: equal builds share a run."""
    return ID[f"run/{_digest(version, model, length=16)}"]
