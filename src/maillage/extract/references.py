"""Within-document references to organizations named elsewhere in the article:
'l'école de Besançon', 'l'établissement auvergnat', 'les deux écoles', 'ce dernier'.

They become mentions with field "reference": fact finders read them like names, the store
does not keep them as aliases (they describe, they do not name)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..models import Entity, Mention
from ..resolve.gazetteer import Gazetteer
from ..resolve.names import normalize_name

_NOUN = (
    r"(?:école|université|établissement|institut|écoles? d['’]ingénieurs|centre|campus"
    r"|conservatoire)"
)
_OF_PLACE = re.compile(
    rf"\b(?:l['’]|la\s+|le\s+){_NOUN}\s+(?:de|d['’])\s*"
    r"(?P<place>[A-ZÉÈ][\w'’-]+(?:[- ][A-ZÉÈ][\w'’-]+)*)"
)
_DEMONYM = re.compile(rf"\b(?:l['’]|la\s+|le\s+){_NOUN}\s+(?P<demonym>[a-zéèêëîïôûç-]{{4,}})\b")
_NUMBERED = re.compile(
    r"\b(?:les|ces)\s+(?P<count>deux|trois|quatre|cinq|six|\d)\s+"
    r"(?:écoles|établissements|partenaires|institutions|universités|instituts)\b",
    re.I,
)
# 'L'école, issue de la fusion…', 'l'établissement' with no place or demonym after it.
_BARE = re.compile(
    r"\b[Ll]['’](?P<noun>école|établissement|université|institut)(?:\s+d['’]ingénieurs)?\b"
    r"(?!\s*(?:de|d['’]|du|des)\b)(?P<next>\s+[\w-]+)?"
)
_COMPATIBLE = {
    "école": {"school", "business_school", "inp", "grand_etablissement", "organization"},
    "université": {"university", "comue", "organization"},
    "institut": {"school", "research_body", "grand_etablissement", "inp", "organization"},
    "établissement": {
        "school",
        "business_school",
        "inp",
        "grand_etablissement",
        "university",
        "comue",
        "organization",
    },
}
_LATTER = re.compile(r"\b(?:ce dernier|cette dernière)\b", re.I)
_COUNTS = {"deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6}


def find_references(
    text: str,
    document: str,
    mentions: list[Mention],
    entities: dict[str, Entity],
    gazetteer: Gazetteer,
) -> list[Mention]:
    named = sorted(
        (m for m in mentions if _is_org(m, entities) and m.field == "text"), key=lambda m: m.start
    )
    if not named:
        return []
    found = [
        *_by_place(text, document, named, entities, gazetteer),
        *_numbered(text, document, named),
        *_latter(text, document, named),
        *_bare(text, document, named, entities, gazetteer),
    ]
    return [m for m in found if not any(_overlaps(m, n) for n in named)]


def _is_org(mention: Mention, entities: dict[str, Entity]) -> bool:
    entity = entities.get(mention.entity)
    return entity is not None and entity.type == "organization"


def _by_place(
    text: str,
    document: str,
    named: list[Mention],
    entities: dict[str, Entity],
    gazetteer: Gazetteer,
) -> Iterator[Mention]:
    """'l'école de Besançon' is the one organization of the article seated in Besançon."""
    for pattern, group in ((_OF_PLACE, "place"), (_DEMONYM, "demonym")):
        for match in pattern.finditer(text):
            place = _place_name(match[group], group, gazetteer)
            if place is None:
                continue
            seated = {m.entity for m in named if _seated_in(entities[m.entity], place, text, m)}
            if len(seated) == 1:
                yield Mention(
                    seated.pop(), document, match.start(), match.end(), match.group(0), "reference"
                )


def _place_name(word: str, group: str, gazetteer: Gazetteer) -> str | None:
    place = gazetteer.place_of_demonym(word) if group == "demonym" else gazetteer.place(word)
    return normalize_name(place.name) if place else None


def _seated_in(entity: Entity, place: str, text: str, mention: Mention) -> bool:
    if entity.city and normalize_name(entity.city) == place:
        return True
    # 'l'ENSMM de Besançon', 'À Besançon, l'ENSMM': the article itself seats it there.
    around = normalize_name(text[max(0, mention.start - 40) : mention.end + 30])
    return f" {place} " in f" {around} " and entity.city is None


def _numbered(text: str, document: str, named: list[Mention]) -> Iterator[Mention]:
    """'les deux écoles': the last N distinct organizations named before."""
    for match in _NUMBERED.finditer(text):
        count = _COUNTS.get(match["count"].lower()) or int(match["count"])
        antecedents: list[str] = []
        for mention in reversed([m for m in named if m.end <= match.start()]):
            if mention.entity not in antecedents:
                antecedents.append(mention.entity)
            if len(antecedents) == count:
                break
        if len(antecedents) == count:
            for entity in antecedents:
                yield Mention(
                    entity, document, match.start(), match.end(), match.group(0), "reference"
                )


def _latter(text: str, document: str, named: list[Mention]) -> Iterator[Mention]:
    for match in _LATTER.finditer(text):
        earlier = [m for m in named if m.end <= match.start()]
        if earlier:
            yield Mention(
                earlier[-1].entity,
                document,
                match.start(),
                match.end(),
                match.group(0),
                "reference",
            )


def _bare(
    text: str,
    document: str,
    named: list[Mention],
    entities: dict[str, Entity],
    gazetteer: Gazetteer,
) -> Iterator[Mention]:
    """'l'école' is the last institution of a compatible kind named in the 400 characters
    before it ('l'école lilloise' is left to the demonym rule)."""
    for match in _BARE.finditer(text):
        following = (match["next"] or "").strip()
        if following and gazetteer.place_of_demonym(following) is not None:
            continue
        kinds = _COMPATIBLE[match["noun"]]
        earlier = [
            m
            for m in named
            if match.start() - 400 <= m.start
            and m.end <= match.start()
            and entities[m.entity].kind in kinds
        ]
        if earlier:
            end = match.start("next") if match["next"] else match.end()
            yield Mention(
                earlier[-1].entity,
                document,
                match.start(),
                end,
                text[match.start() : end],
                "reference",
            )


def _overlaps(first: Mention, second: Mention) -> bool:
    return first.start < second.end and second.start < first.end
