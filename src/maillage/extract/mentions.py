"""Annotated Doc → entities and their mentions (organizations, people, places)."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from ..models import Document, Entity, Mention
from ..nlp.components import INSTITUTIONS
from ..resolve.gazetteer import Gazetteer
from ..resolve.names import normalize_name


@dataclass(slots=True)
class Found:
    """Entities of one document keyed by their stable id, with every mention."""

    entities: dict[str, Entity] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)

    def add(
        self, entity: Entity, document: str, start: int, end: int, text: str, where: str = "text"
    ) -> None:
        known = self.entities.setdefault(entity.key, entity)
        if text != known.name and text not in known.aliases:
            known.aliases.append(text)
        self.mentions.append(Mention(entity.key, document, start, end, text, where))


def find_entities(doc: Doc, document: Document, gazetteer: Gazetteer) -> Found:
    found = Found()
    _institutions(doc, document.id, gazetteer, found)
    _former_names(doc.text, document.id, gazetteer, found)
    _people(doc, document, found)
    _places(doc, document.id, gazetteer, found)
    return found


def _institutions(doc: Doc, document: str, gazetteer: Gazetteer, found: Found) -> None:
    spans = list(doc.spans[INSTITUTIONS])
    keys = _definition_links(doc, spans)
    for span in spans:
        key = keys.get(span.text) or _institution_key(span)
        entity = _institution_entity(key, span.text, gazetteer)
        found.add(entity, document, span.start_char, span.end_char, span.text)


def _key(prefix: str, name: str) -> str:
    """Stable id of an entity known only by its name: 'org-institut-superieur-de-x'."""
    return f"{prefix}-" + normalize_name(name).replace(" ", "-")


def _institution_key(span: Span) -> str:
    return f"org-{span.kb_id_}" if span.kb_id_ else _key("org", span.text)


def _institution_entity(key: str, name: str, gazetteer: Gazetteer) -> Entity:
    entry = gazetteer.institutions.get(key.removeprefix("org-"))
    if entry:
        return Entity(
            key,
            "organization",
            entry.name,
            kind=entry.kind,
            acronym=entry.acronyms[0] if entry.acronyms else None,
            city=entry.city,
            gazetteer=entry.key,
        )
    return Entity(key, "organization", name, kind="organization")


def _definition_links(doc: Doc, spans: list[Span]) -> dict[str, str]:
    """'long name (ACR)' and 'ACR (long name)': both names take one identity for the whole
    document, the gazetteer's when either is known."""
    links: dict[str, str] = {}
    for first, second in itertools.pairwise(spans):
        between = doc[first.end : second.start].text.strip()
        if (
            between not in ("(", "(l'", "(l’")
            or second.end >= len(doc)
            or doc[second.end].text != ")"
        ):
            continue
        long_span, short_span = (second, first) if len(first) < len(second) else (first, second)
        known = short_span if short_span.kb_id_ and not long_span.kb_id_ else long_span
        key = _institution_key(known)
        links[first.text] = links[second.text] = key
    return links


_FORMER_NAME = re.compile(
    r"\(\s*(?:ex-|ex\s+|anciennement\s+|autrefois\s+)\s*(?P<name>[A-ZÉÈ][^()\n]{1,80}?)\s*\)"
)


def _former_names(text: str, document: str, gazetteer: Gazetteer, found: Found) -> None:
    """'Télécom Paris (ex-Télécom ParisTech)': the former name, often glued to 'ex-'."""
    for match in _FORMER_NAME.finditer(text):
        name = match["name"]
        entries = gazetteer.by_name(name)
        key = f"org-{entries[0].key}" if len(entries) == 1 else _key("org", name)
        entity = _institution_entity(key, name, gazetteer)
        found.add(entity, document, match.start("name"), match.end("name"), name)


def _people(doc: Doc, document: Document, found: Found) -> None:
    for ent in doc.ents:
        if ent.label_ == "PER" and _looks_like_full_name(ent):
            name = ent.text.strip()
            found.add(_person(name), document.id, ent.start_char, ent.end_char, name)
    if document.author:
        found.add(
            _person(document.author),
            document.id,
            0,
            len(document.author),
            document.author,
            "author",
        )


def _person(name: str) -> Entity:
    return Entity(_key("per", name), "person", name)


def _looks_like_full_name(ent: Span) -> bool:
    words = [t for t in ent if not t.is_punct]
    return (
        2 <= len(words) <= 4 and all(t.text[:1].isupper() for t in words) and "\n" not in ent.text
    )


def _places(doc: Doc, document: str, gazetteer: Gazetteer, found: Found) -> None:
    for ent in doc.ents:
        if ent.label_ != "LOC":
            continue
        place = gazetteer.place(ent.text)
        if place:
            entity = Entity(
                _key("place", place.name),
                "place",
                place.name,
                kind=place.type,
            )
            found.add(entity, document, ent.start_char, ent.end_char, ent.text)
