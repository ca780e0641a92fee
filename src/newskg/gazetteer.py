"""The real-world name lists newskg recognises before statistical NER.

Organizations, courts, parties, outlets, groups and laws come from the TSV files in
``data/gazetteer/`` (see ``data/README.md``); US states, D.C. and the territories come
from the ``us`` package; each state's legislature, chambers and attorney general's office
from ``state_legislatures.tsv`` with their usual written forms. Users extend recognition
by adding rows to those files.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .errors import ConfigError
from .model import EntityType
from .resources import data_path

__all__ = [
    "GazetteerEntry",
    "ap_abbreviations",
    "entries",
    "read_tsv",
    "state_body_entries",
    "state_chambers",
    "state_entries",
    "titles",
]

# Bare names that are far more often something else in news text.
_AMBIGUOUS_STATE_NAMES = frozenset({"Washington"})
# AP abbreviations that are also words or titles ("Del." is a delegate, "Miss." a title).
_AMBIGUOUS_AP = frozenset({"Del.", "Wash.", "Miss.", "Ind.", "La.", "Mo."})
# The columns of state_legislatures.tsv that name a body: the whole, then each chamber.
_ROLES = ("legislature", "upper", "lower")


@dataclass(frozen=True)
class GazetteerEntry:
    """One known entity: canonical name, type, other written forms, external ids."""

    name: str
    type: EntityType
    aliases: tuple[str, ...] = ()
    identifiers: tuple[tuple[str, str], ...] = ()
    match_name: bool = True  # False when the bare name usually means something else
    # Several written forms are equally official ("Ohio Senate", "Ohio State Senate"): an
    # article's entity takes the longest form it writes, not the listed name.
    as_written: bool = False

    @property
    def patterns(self) -> tuple[str, ...]:
        """The written forms to recognise in text."""
        return (self.name, *self.aliases) if self.match_name else self.aliases


def read_tsv(path: Path) -> Iterator[dict[str, str]]:
    """Rows of a tab-separated file with a header; ``#`` lines and blank lines skipped."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            lines = (line for line in handle if line.strip() and not line.startswith("#"))
            for number, row in enumerate(
                csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE), start=2
            ):
                if None in row or any(v is None for v in row.values()):
                    raise ConfigError(
                        f"{path}: row {number} has the wrong number of "
                        "tab-separated fields; fix that row"
                    )
                yield {k.strip(): (v or "").strip() for k, v in row.items()}
    except OSError as err:
        raise ConfigError(f"{path}: cannot read the lexicon ({err.strerror})") from err


def _split(value: str) -> tuple[str, ...]:
    return tuple(a.strip() for a in value.split("|") if a.strip())


def _entry(row: dict[str, str], path: Path, default: EntityType | None) -> GazetteerEntry:
    type_name = row.get("type") or (default.value if default else "")
    try:
        entity_type = EntityType(type_name)
    except ValueError as err:
        valid = ", ".join(t.value for t in EntityType)
        raise ConfigError(
            f"{path}: {row.get('name')!r} has unknown type {type_name!r}; use one of {valid}"
        ) from err
    ids = (("wikidata", row["wikidata"]),) if row.get("wikidata") else ()
    return GazetteerEntry(row["name"], entity_type, _split(row.get("aliases", "")), ids)


def state_entries() -> list[GazetteerEntry]:
    """US states, D.C. and territories with postal and FIPS codes, from the ``us`` package.

    AP-style abbreviations ("Calif.", "Ky.") are aliases, as in "(D-Calif.)", except
    those that are also common words or titles.
    """
    import us

    found = []
    places = {p.abbr: p for p in [*us.states.STATES_AND_TERRITORIES, us.states.DC]}
    for place in places.values():
        aliases: list[str] = []
        if place.ap_abbr and place.ap_abbr != place.name and place.ap_abbr not in _AMBIGUOUS_AP:
            aliases.append(place.ap_abbr)
        if place.abbr == "DC":
            aliases += ["Washington, D.C.", "Washington D.C."]
        elif place.name in _AMBIGUOUS_STATE_NAMES:
            aliases += [f"{place.name} state", f"{place.name} State"]
        codes = (("usps", str(place.abbr)), ("fips", str(place.fips)))
        found.append(
            GazetteerEntry(
                place.name,
                EntityType.STATE,
                tuple(dict.fromkeys(aliases)),
                codes,
                match_name=place.name not in _AMBIGUOUS_STATE_NAMES,
            )
        )
    return found


def _written_forms(state: str, name: str, role: str) -> list[str]:
    """The forms a reporter writes for one state body ("Ohio House" for its lower house)."""
    if role == "legislature":
        return [f"{state} Legislature", f"{state} State Legislature", f"{state} General Assembly"]
    if role == "upper":
        return [f"{state} Senate", f"{state} State Senate", f"Senate of {state}"]
    forms = [f"{state} House", f"{state} State House of Representatives"]
    if name.endswith("Assembly"):
        forms = [f"{state} Assembly", f"{state} State Assembly"]
    elif name.endswith("House of Representatives"):
        forms.append(f"{state} House of Representatives")
    return forms


@cache
def _legislature_rows() -> tuple[dict[str, str], ...]:
    """The rows of ``state_legislatures.tsv``, read once."""
    path = data_path("gazetteer", "state_legislatures.tsv")
    return tuple(read_tsv(path)) if path.is_file() else ()


def state_body_entries() -> list[GazetteerEntry]:
    """Each state's legislature and chambers (``state_legislatures.tsv``) and its attorney
    general's office, so that "the Ohio Senate" is never taken for the U.S. Senate."""
    rows = _legislature_rows()
    bodies = [(r["state"], r[role], role) for r in rows for role in _ROLES]
    taken = {name for _, name, _ in bodies if name}
    found = []
    for state, name, role in bodies:
        if not name:
            continue
        forms = [f for f in _written_forms(state, name, role) if f not in taken]
        taken.update(forms)
        found.append(
            GazetteerEntry(name, EntityType.GOVERNMENT_BODY, tuple(forms), as_written=True)
        )
    for state in dict.fromkeys(r["state"] for r in rows):
        office = f"{state} Attorney General's Office"
        written = (
            f"{state} Attorney General’s Office",
            f"{state} attorney general's office",
            f"{state} attorney general’s office",
            f"Office of the {state} Attorney General",
        )
        found.append(GazetteerEntry(office, EntityType.GOVERNMENT_BODY, written))
    return found


@cache
def ap_abbreviations() -> dict[str, str]:
    """Every AP state abbreviation ("Ind.", "Calif.") -> the state's name, the ambiguous
    ones included: inside a party tag such as "(R-Ind.)" they can only be states."""
    import us

    places = [*us.states.STATES_AND_TERRITORIES, us.states.DC]
    return {str(p.ap_abbr): str(p.name) for p in places if p.ap_abbr and p.ap_abbr != p.name}


@cache
def state_chambers() -> dict[str, tuple[str, str]]:
    """Each state legislature's and chamber's name -> its state and "legislature",
    "upper" or "lower"."""
    return {r[role]: (r["state"], role) for r in _legislature_rows() for role in _ROLES if r[role]}


@cache
def entries() -> tuple[GazetteerEntry, ...]:
    """Every gazetteer entry: organizations, laws and states."""
    found: list[GazetteerEntry] = []
    sources = (("organizations.tsv", None), ("laws.tsv", EntityType.LAW))
    for file_name, default in sources:
        path = data_path("gazetteer", file_name)
        if path.is_file():
            found.extend(_entry(row, path, default) for row in read_tsv(path))
    found.extend(state_entries())
    found.extend(state_body_entries())
    return tuple(found)


@cache
def titles() -> dict[str, tuple[str, str]]:
    """Written titles ("Sen.") to their canonical office ("senator") and kind."""
    path = data_path("gazetteer", "titles.tsv")
    if not path.is_file():
        return {}
    return {row["surface"]: (row["office"], row["kind"]) for row in read_tsv(path)}
