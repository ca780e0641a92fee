"""From a parsed article to an :class:`~newskg.model.ArticleExtraction`.

Entities come first (:mod:`.entities`); then each frame extractor named in
:data:`DEFAULT_FRAMES` runs in order, reading the doc and the entity index and returning
facts. Extractors are registered by name with :func:`register_frame`, so a pipeline is
an ordered list of names and a user can add one without editing newskg.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, TypeVar

from ..errors import ConfigError
from ..model import (
    Article,
    ArticleExtraction,
    Candidacy,
    Claim,
    Complaint,
    Election,
    PartyAffiliation,
    Request,
    Role,
    Stance,
)
from .entities import EntityIndex, extract_entities

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = [
    "DEFAULT_FRAMES",
    "FRAMES",
    "ExtractionWarning",
    "FrameContext",
    "Frames",
    "extract_article",
    "register_frame",
]


@dataclass(frozen=True)
class FrameContext:
    """What a frame extractor reads: the article, its parse and its entities."""

    article: Article
    doc: Doc
    index: EntityIndex


@dataclass
class Frames:
    """Facts found by frame extractors; each extractor appends to the lists it fills."""

    roles: list[Role] = field(default_factory=list)
    parties: list[PartyAffiliation] = field(default_factory=list)
    candidacies: list[Candidacy] = field(default_factory=list)
    requests: list[Request] = field(default_factory=list)
    stances: list[Stance] = field(default_factory=list)
    complaints: list[Complaint] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)


_T = TypeVar("_T")
FrameExtractor = Callable[[FrameContext, Frames], None]
FRAMES: dict[str, FrameExtractor] = {}
DEFAULT_FRAMES: list[str] = []


def register_frame(
    name: str, *, default: bool = True
) -> Callable[[FrameExtractor], FrameExtractor]:
    """Register a frame extractor under ``name`` (a decorator)."""

    def add(function: FrameExtractor) -> FrameExtractor:
        FRAMES[name] = function
        if default and name not in DEFAULT_FRAMES:
            DEFAULT_FRAMES.append(name)
        return function

    return add


def _unique(items: Sequence[_T]) -> tuple[_T, ...]:
    return tuple(dict.fromkeys(items))


def extract_article(
    article: Article, doc: Doc, frames: Sequence[str] | None = None
) -> ArticleExtraction:
    """Extract entities and facts from one parsed article.

    Args:
        article: the article the doc was parsed from.
        doc: ``nlp(article.text)`` from :func:`newskg.nlp.load_pipeline`.
        frames: names of frame extractors to run, in order; None for the defaults.

    Raises:
        ConfigError: a frame name is not registered.
    """
    from . import frames as _builtin  # noqa: F401  (registers the built-in extractors)

    index = _entities_isolated(article, doc)
    context = FrameContext(article, doc, index)
    found = Frames()
    for name in DEFAULT_FRAMES if frames is None else frames:
        if name not in FRAMES:
            raise ConfigError(
                f"unknown frame extractor {name!r}; use one of {', '.join(sorted(FRAMES))}"
            )
        _run_isolated(name, context, found)
    elections = tuple(
        Election(
            next(e.key for e in index.entities if e.name == m.name),
            m.year,
            m.office,
            _state_key(index, m.jurisdiction),
        )
        for m in index.elections
        if any(e.name == m.name for e in index.entities)
    )
    return ArticleExtraction(
        article=article,
        entities=index.entities,
        elections=_unique(elections),
        roles=_unique(found.roles),
        parties=_unique(found.parties),
        candidacies=_unique(found.candidacies),
        requests=_unique(found.requests),
        stances=_unique(found.stances),
        complaints=_unique(found.complaints),
        claims=_unique(found.claims),
    )


class ExtractionWarning(UserWarning):
    """A frame extractor failed on one article; its facts there are left out."""


def _entities_isolated(article: Article, doc: Doc) -> EntityIndex:
    """The article's entities; if finding them fails, none, with a warning: the article
    is still built (its text and metadata), and the rest of the batch with it."""
    try:
        return extract_entities(doc)
    except Exception as err:  # any bug in a rule: contain it to this article
        warnings.warn(
            f"{article.id}: finding entities failed ({type(err).__name__}: {err}); the "
            "article is kept without entities or facts. Please report this with the article.",
            ExtractionWarning,
            stacklevel=3,
        )
        return EntityIndex((), ())


def _run_isolated(name: str, context: FrameContext, found: Frames) -> None:
    """Run one frame extractor; if it fails on this article, undo what it added and warn.

    A rule that trips over an unusual sentence costs that article one kind of fact, not
    the article or the batch; the warning names both so the failure can be reported.
    """
    sizes = {f.name: len(getattr(found, f.name)) for f in fields(found)}
    try:
        FRAMES[name](context, found)
    except Exception as err:  # any bug in a rule: contain it to this frame and article
        for attr, size in sizes.items():
            del getattr(found, attr)[size:]
        warnings.warn(
            f"{context.article.id}: the {name} extractor failed ({type(err).__name__}: "
            f"{err}); its facts for this article are left out. Please report this with "
            "the article.",
            ExtractionWarning,
            stacklevel=2,
        )


def _state_key(index: EntityIndex, state: str | None) -> str | None:
    if state is None:
        return None
    return next((e.key for e in index.entities if e.name == state), None)
