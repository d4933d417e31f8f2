"""The gazetteer of French higher education and the places list, indexed by normalized name."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from ..resources import load_jsonl
from .names import normalize_name


@dataclass(frozen=True, slots=True)
class Institution:
    key: str
    name: str
    kind: str
    acronyms: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    former_names: tuple[str, ...] = ()
    city: str | None = None
    member_of: tuple[str, ...] = ()
    part_of: tuple[str, ...] = ()
    replaced_by: str | None = None
    # Year each former name stopped being used, when the gazetteer knows it.
    former_until: tuple[tuple[str, int | None], ...] = ()

    @property
    def surface_names(self) -> tuple[str, ...]:
        """Every written form (not acronyms, which are matched case-sensitively)."""
        return (self.name, *self.aliases, *self.former_names)


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    country: str | None = None


@dataclass(slots=True)
class Gazetteer:
    institutions: dict[str, Institution]
    places: list[Place]
    _by_name: dict[str, list[Institution]] = field(default_factory=lambda: defaultdict(list))
    _by_acronym: dict[str, list[Institution]] = field(default_factory=lambda: defaultdict(list))
    _by_current_name: dict[str, list[Institution]] = field(
        default_factory=lambda: defaultdict(list)
    )
    _places: dict[str, Place] = field(default_factory=dict)
    _demonyms: dict[str, Place] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for entry in self.institutions.values():
            for name in entry.surface_names:
                self._by_name[normalize_name(name)].append(entry)
            for name in (entry.name, *entry.aliases):
                self._by_current_name[normalize_name(name)].append(entry)
            for acronym in entry.acronyms:
                self._by_acronym[acronym].append(entry)
        for place in self.places:
            for name in (place.name, *place.aliases):
                self._places.setdefault(normalize_name(name), place)
            for word in place.demonyms:
                self._demonyms.setdefault(word.casefold(), place)

    def by_name(self, name: str) -> list[Institution]:
        """Institutions whose name, alias or former name is `name` (accent/case-insensitive)."""
        return list(self._by_name.get(normalize_name(name), ()))

    def by_current_name(self, name: str) -> list[Institution]:
        """Institutions of which `name` is the name or an alias, former names left out."""
        return list(self._by_current_name.get(normalize_name(name), ()))

    def by_acronym(self, acronym: str) -> list[Institution]:
        return list(self._by_acronym.get(acronym, ()))

    def place(self, name: str) -> Place | None:
        return self._places.get(normalize_name(name))

    def place_of_demonym(self, adjective: str) -> Place | None:
        """'auvergnat' → Auvergne, 'bisontine' → Besançon."""
        return self._demonyms.get(adjective.casefold())


Row = dict[str, Any]


def _strings(row: Row, key: str) -> tuple[str, ...]:
    return tuple(str(value) for value in row.get(key) or ())


def _institution(row: Row) -> Institution:
    return Institution(
        key=row["key"],
        name=row["name"],
        kind=row["kind"],
        acronyms=_strings(row, "acronyms"),
        aliases=_strings(row, "aliases"),
        former_names=tuple(former["name"] for former in row.get("former_names") or ()),
        city=row.get("city"),
        member_of=_strings(row, "member_of"),
        part_of=_strings(row, "part_of"),
        replaced_by=row.get("replaced_by"),
        former_until=tuple(
            (former["name"], former.get("until")) for former in row.get("former_names") or ()
        ),
    )


def _place(row: Row) -> Place:
    return Place(
        name=row["name"],
        type=row["type"],
        aliases=_strings(row, "aliases"),
        demonyms=_strings(row, "demonyms"),
        country=row.get("country"),
    )


@cache
def load_gazetteer() -> Gazetteer:
    """The bundled gazetteer, loaded once per process."""
    institutions = {i.key: i for i in map(_institution, load_jsonl("gazetteer.jsonl"))}
    return Gazetteer(institutions, [_place(row) for row in load_jsonl("places.jsonl")])
