"""located_in facts: 'À Besançon, l'ENSMM ...', 'l'ENSMM de Besançon', 'implantée à Metz'."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..models import Mention
from ..resolve.names import normalize_name
from .context import Context, Reading
from .lists import gap, run_starting

_SEATED = r"(?:implantée?s?|installée?s?|basée?s?|située?s?|sise?s?|établie?s?)"
_AFTER_ORG = re.compile(
    rf"^(?:\s+(?:de|à)\s+|\s*,?\s*(?:qui\s+est\s+|est\s+)?{_SEATED}"
    r"(?:\s+(?:depuis|en)\s+\d{4})?(?:\s+sur\s+[^,.]{1,40},)?\s+(?:à|au|en)\s+)$",
    re.I,
)
# A seat stated later in the clause: 'l'IP Paris est un établissement … situé à Palaiseau'.
_SEATED_LATER = re.compile(
    rf"^[^.;]{{0,120}}\b{_SEATED}(?:\s+sur\s+[^,.]{{1,40}},)?\s+(?:à|au|en)\s+$", re.I
)
_CAMPUSES = re.compile(
    r"\b(?:campus|sites?|implantations?|antennes?|siège)\s+(?:principal\s+)?(?:à|au|en|de|d['’])\s*$",
    re.I,
)
_SENTENCE_START = re.compile(rf"^\s*(?:À|A|Au|En|{_SEATED}\s+(?:à|au|en))\s+$", re.I)


def find_locations(context: Context) -> Iterator[Reading]:
    for org, place, rule in _pairs(context):
        yield Reading(
            "located_in",
            org,
            place,
            rule,
            kind="location",
            status="done",
            dated=False,
            confidence=0.7,
        )


def _pairs(context: Context) -> Iterator[tuple[Mention, Mention, str]]:
    text, places = context.text, context.of_type("place")
    for place in places:
        org = _org_before_in_sentence(context, place)
        words = gap(context, org, place) if org else ""
        if org and _AFTER_ORG.match(words):
            yield from _each(context, places, org, place, "location.org_de_place")
        elif org and _SEATED_LATER.match(words):
            yield from _each(context, places, org, place, "location.seated")
        elif _CAMPUSES.search(text[max(0, place.start - 40) : place.start]):
            owner = _subject_of(context, place) or context.before(place.start)
            if owner:
                yield from _each(context, places, owner, place, "location.campuses")
        elif _opens_sentence(context, place):
            after = [m for m in context.in_sentence(place.start) if m.start > place.end]
            if after:
                yield after[0], place, "location.a_place_org"
    yield from _gazetteer_seats(context)


def _each(
    context: Context, places: list[Mention], org: Mention, place: Mention, rule: str
) -> Iterator[tuple[Mention, Mention, str]]:
    """'implantée à Brest, Nantes et Rennes': every place of the list."""
    for item in run_starting(context, places, place.start):
        yield org, item, rule


def _opens_sentence(context: Context, place: Mention) -> bool:
    sentence_start = context.sentence_of(place.start)[0]
    line_start = max(sentence_start, context.text.rfind("\n", 0, place.start) + 1)
    return bool(_SENTENCE_START.match(context.text[line_start : place.start]))


def _gazetteer_seats(context: Context) -> Iterator[tuple[Mention, Mention, str]]:
    """An institution named in the same sentence as the city the gazetteer seats it in."""
    for place in context.of_type("place"):
        city = normalize_name(context.entities[place.entity].name)
        for org in context.in_sentence(place.start):
            entity = context.entities[org.entity]
            if org.text and entity.city and normalize_name(entity.city) == city:
                yield org, place, "location.gazetteer_city"


def _subject_of(context: Context, place: Mention) -> Mention | None:
    """'L'école, issue de la fusion de X et Y, dispose de campus à …': the sentence's first
    institution, not the last one read."""
    orgs = [m for m in context.in_sentence(place.start) if m.end <= place.start and m.text]
    return orgs[0] if orgs else None


def _org_before_in_sentence(context: Context, place: Mention) -> Mention | None:
    """The closest organization named before a place in its sentence, with no place between."""
    orgs = [m for m in context.in_sentence(place.start) if m.end <= place.start]
    if not orgs:
        return None
    last = orgs[-1]
    between = [p for p in context.of_type("place") if last.end <= p.start < place.start]
    return None if between else last
