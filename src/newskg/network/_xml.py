"""What the streaming GraphML and GEXF writers share: attribute types and fast escaping.

Both write a network as text, element by element, as they walk it; networkx's writers
build an element object per node, edge and value first (about 23 s for 100,000 nodes and
500,000 edges here). List attributes are written as JSON text, as :func:`encode` gives.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from typing import Any

__all__ = [
    "attribute_types",
    "element",
    "escape_attribute",
    "escape_text",
    "text_writer",
]

# Characters XML 1.0 cannot hold at all, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _kind(types: set[type]) -> str:
    if types == {bool}:
        return "boolean"
    if types == {int}:
        return "long"
    if types and types <= {int, float}:
        return "double"
    return "string"


def attribute_types(
    records: Iterable[dict[str, Any]], lists: frozenset[str], skip: frozenset[str] = frozenset()
) -> dict[str, str]:
    """Each attribute's XML type over every record (lists and mixed types are strings)."""
    # (name, type) pairs gathered a record at a time, in C: millions of values.
    pairs: set[tuple[str, type]] = set()
    for data in records:
        pairs.update(zip(data, map(type, data.values()), strict=True))
    found: dict[str, set[type]] = {}
    for key, kind in pairs:
        if kind is not type(None) and key not in skip:
            found.setdefault(key, set()).add(kind)
    return {k: "string" if k in lists else _kind(found[k]) for k in sorted(found)}


# (character, reference), "&" first: element content keeps line breaks; a double-quoted
# attribute value needs them as references, or a reader would turn them into spaces.
_TEXT = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("\r", "&#13;"))
_ATTRIBUTE = (*_TEXT, ('"', "&quot;"), ("\n", "&#10;"), ("\t", "&#9;"))


def _escape(text: str, table: tuple[tuple[str, str], ...]) -> str:
    for char, reference in table:
        if char in text:  # a scan is cheaper than a replace that finds nothing
            text = text.replace(char, reference)
    return text


def escape_text(text: str) -> str:
    """Escape element content (line breaks kept as they are)."""
    return _escape(text, _TEXT)


def escape_attribute(text: str) -> str:
    """Escape a double-quoted attribute value (line breaks and tabs as references)."""
    return _escape(text, _ATTRIBUTE)


def element(text: str) -> str:
    """Drop the characters XML cannot hold from an element's text, markup and all."""
    return _NOT_XML.sub("", text)


def _json(value: Any) -> str:
    if type(value) is list and not value:
        return "[]"
    return json.dumps(value, ensure_ascii=False)


def _boolean(value: Any) -> str:
    return "true" if value else "false"


def _double(value: Any) -> str:
    return repr(float(value))


def text_writer(
    key: str, kind: str, lists: frozenset[str], *, attribute: bool
) -> Callable[[Any], str]:
    """The function giving a value's escaped text, chosen once per attribute.

    Lists (and every value of an attribute in ``lists``) are JSON text, as
    :func:`newskg.network.encode` gives; booleans ``true``/``false``; doubles their repr.
    """
    escape = escape_attribute if attribute else escape_text
    if kind == "boolean":
        return _boolean
    if kind == "double":
        return _double
    if kind == "long":
        return str
    if key in lists:
        return lambda value: escape(_json(value))
    return lambda value: escape(
        _json(value) if isinstance(value, list | tuple | dict) else str(value)
    )
