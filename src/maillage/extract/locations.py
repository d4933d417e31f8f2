"""located_in facts: 'À Besançon, l'ENSMM ...', 'l'ENSMM de Besançon', 'implantée à Metz'."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..models import Mention
from .context import Context, Reading

_AFTER_ORG = re.compile(
    r"^(?:\s+(?:de|à)\s+|\s*,\s*(?:implantée?s?|installée?s?|basée?s?|située?s?|sise?s?)\s+à\s+)$",
    re.I,
)
_SENTENCE_START = re.compile(r"^\s*(?:À|A|Au|En)\s+$")


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
    text, mentions, types = context.text, context.mentions, context.types
    for index, mention in enumerate(mentions):
        if types.get(mention.entity) != "place":
            continue
        previous = mentions[index - 1] if index else None
        after_org = previous and types.get(previous.entity) == "organization"
        if previous and after_org and _AFTER_ORG.match(text[previous.end : mention.start]):
            yield previous, mention, "location.org_de_place"
            continue
        sentence_start, sentence_end = context.sentence_of(mention.start)
        line_start = max(sentence_start, text.rfind("\n", 0, mention.start) + 1)
        if _SENTENCE_START.match(text[line_start : mention.start]):
            org = _first_org_after(mentions[index + 1 :], types, sentence_end)
            if org:
                yield org, mention, "location.a_place_org"


def _first_org_after(mentions: list[Mention], types: dict[str, str], limit: int) -> Mention | None:
    for mention in mentions:
        if mention.start >= limit:
            return None
        if types.get(mention.entity) == "organization":
            return mention
    return None
