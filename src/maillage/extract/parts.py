"""part_of: 'ses deux écoles, X et Y', 'X, école interne de Y', and directorates or
departments the article introduces ('la direction du développement international (DDEI)')."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from ..models import Mention
from ..nlp.definitions import LOWERCASE_HEADS
from .context import Context, Reading
from .lists import apposed, distinct, gap, likewise, run_starting

_UNITS = (
    r"(?:écoles|composantes|instituts|facultés|campus|laboratoires|départements|centres"
    r"|filiales|directions|antennes|sites)"
)
_POSSESSIVE = re.compile(
    rf"\b(?:ses|leurs)\s+(?:(?:deux|trois|quatre|cinq|six|sept|huit|\d+)\s+)?{_UNITS}(?:\s+\w+)?\s*[,:]\s*",
    re.I,
)
_UNIT_NOUN = (
    r"(?:écoles?|composantes?|instituts?|facultés?|campus|départements?|laboratoires?|filiales?"
    r"|antennes?|centres?|directions?|services?)"
)
_APPOSITION = re.compile(
    r"^\s*,?\s*(?:qui\s+)?(?:(?:est|reste|demeure|est\s+restée?|devient|sont)\s+)?"
    r"(?:pourtant\s+|désormais\s+|aussi\s+)?"
    r"(?:l['’]\s*|une?\s+|la\s+|le\s+|l['’]une?\s+des\s+|une?\s+des\s+)?"
    r"(?:(?!(?:et|ou|mais|puis)\s)\w+\s+)?"  # not 'membre de A et école de B'
    + _UNIT_NOUN
    + r"(?:\s+[\w'’]+){0,3}?\s+(?:de|du|d['’])\s*(?:l['’]\s*|la\s+|le\s+)?$",
    re.I,
)
_FRONTED = re.compile(
    r"(?:^|[.!?]\s+)(?:autre|une|l['’]une\s+des|nouvelle)\s+"
    + _UNIT_NOUN
    + r"\s+(?:de|du|d['’])\s*"
    r"(?:l['’]\s*|la\s+|le\s+)?$",
    re.I,
)
_DEPARTMENT_HEADS = frozenset(
    {"direction", "service", "pôle", "département", "mission", "délégation"}
)


def find_parts(context: Context) -> Iterator[Reading]:
    yield from _possessive(context)
    yield from _apposition(context)
    yield from _departments(context)
    yield from _named_within(context)


def _named_within(context: Context) -> Iterator[Reading]:
    """'la Faculté de génie de l'Université de Sherbrooke': the body that closes a unit's
    name is its whole (the mention inside is made by mentions.py)."""
    ending: dict[int, list[Mention]] = {}
    for mention in context.of_type("organization"):
        if mention.field == "text":
            ending.setdefault(mention.end, []).append(mention)
    for names in ending.values():  # a long article has thousands of names: no pairwise scan
        for unit, whole in itertools.permutations(names, 2):
            if whole.entity != unit.entity and unit.start < whole.start:
                yield _component(unit, whole, "part.named_within", unit.start)


def _possessive(context: Context) -> Iterator[Reading]:
    orgs = context.of_type("organization")
    for match in _POSSESSIVE.finditer(context.text):
        owner = context.topic_before(match.start())
        parts = distinct(run_starting(context, orgs, match.end()))
        if owner is None or not parts or parts[0].start - match.end() > 3:
            continue
        for part in parts:
            yield _component(part, owner, "part.possessive", part.start)


def _apposition(context: Context) -> Iterator[Reading]:
    """'X, l'une des écoles de Y', 'X est une école interne de Y', 'Autre école de Y, X'."""
    orgs = [m for m in context.of_type("organization") if m.field == "text"]
    for first, second in itertools.pairwise(orgs):
        if first.entity == second.entity:
            continue
        words = gap(context, first, second)
        start = context.sentence_of(first.start)[0]
        if _FRONTED.search(context.text[start : first.start]) and apposed(context, first, second):
            yield _component(second, first, "part.fronted", first.start)
        if "\n" not in words and _APPOSITION.match(words):  # a line ends a headline or caption
            yield _component(first, second, "part.apposition", first.start)
            for like in likewise(context, orgs, first):
                yield _component(like, second, "part.likewise", first.start)


def _component(part: Mention, owner: Mention, rule: str, anchor: int) -> Reading:
    return Reading("part_of", part, owner, rule, kind="component", status="done", anchor=anchor)


def _departments(context: Context) -> Iterator[Reading]:
    """A directorate named without its parent belongs to the article's institution."""
    seen: set[str] = set()
    for mention in context.of_type("organization"):
        entity = context.entities[mention.entity]
        head = entity.name.split(" ", 1)[0]
        if head not in _DEPARTMENT_HEADS or head not in LOWERCASE_HEADS or mention.entity in seen:
            continue
        seen.add(mention.entity)
        owner = _owner(context, mention)
        if owner is not None:
            yield _component(mention, owner, "part.department", mention.start)


def _owner(context: Context, mention: Mention) -> Mention | None:
    after = context.text[mention.end : mention.end + 8]
    following = next((m for m in context.of_type("organization") if m.start > mention.end), None)
    if (
        following is not None
        and re.match(r"^\s*(?:de|du|d['’])", after)
        and following.start - mention.end < 10
    ):
        return following
    return context.focus_mention(mention.start, {mention.entity})
