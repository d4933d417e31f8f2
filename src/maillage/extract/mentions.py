"""Annotated Doc → entities and their mentions (organizations, people, places)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Doc, Span, Token

from ..models import Document, Entity, Mention
from ..nlp.components import INSTITUTIONS
from ..nlp.names import (
    APPOSITION,
    WRITTEN_NAME,
    first_names,
    name_rules,
    sentences,
    speaks_of_renaming,
    spells,
)
from ..nlp.text import doc_text
from ..resolve.gazetteer import Gazetteer, Institution, Place
from ..resolve.names import normalize_name
from ..resources import load_json


@dataclass(slots=True)
class Found:
    """Entities of one document keyed by their stable id, with every mention."""

    entities: dict[str, Entity] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)

    def add(
        self,
        entity: Entity,
        document: str,
        start: int,
        end: int,
        text: str,
        where: str = "text",
        written: str | None = None,
    ) -> None:
        """A mention; its text, and the full name a distributed one stands for ('Strasbourg'
        in 'les INSA de Lyon et Strasbourg' is 'INSA Strasbourg'), become aliases."""
        known = self.entities.setdefault(entity.key, entity)
        for alias in dict.fromkeys((text, written or text)):
            if alias != known.name and alias not in known.aliases:
                known.aliases.append(alias)
        self.mentions.append(Mention(entity.key, document, start, end, text, where))


def find_entities(doc: Doc, document: Document, gazetteer: Gazetteer) -> Found:
    found = Found()
    _institutions(doc, document, gazetteer, found)
    _parents_inside_unit_names(document.id, gazetteer, found)
    _shorter_forms(found, gazetteer)
    _abbreviated_forms(found)
    _same_bodies(found, gazetteer)
    _former_names(doc_text(doc), document.id, gazetteer, found)
    _people(doc, document, gazetteer, found)
    _places(doc, document.id, gazetteer, found)
    return found


def _institutions(doc: Doc, document: Document, gazetteer: Gazetteer, found: Found) -> None:
    spans = list(doc.spans[INSTITUTIONS])
    keys = _definition_links(doc, spans)
    year = _year(document.published)
    renamed = _renamed_in_article(doc, spans, keys, gazetteer)
    stated = {normalize_name(m["name"]) for m in _stated_former_names(doc_text(doc))}
    sentence_of, rules = sentences(doc), name_rules()
    for span in spans:
        written = span._.get(WRITTEN_NAME) or span.text
        key = keys.get(span.text) or _institution_key(span, written)
        entity = _institution_entity(key, written, gazetteer)
        entry = gazetteer.institutions.get(entity.gazetteer or "")
        # in a sentence about the change ('X va devenir Y'), the former name is the former
        # body even in an article written before the change took effect
        if entry and (
            normalize_name(written) in stated
            or (
                entry.key in renamed
                and (
                    _former_at(entry, written, year)
                    or (
                        _is_former_name(entry, written)
                        and speaks_of_renaming(sentence_of(span), rules)
                    )
                )
            )
        ):
            entity = _former_entity(entry, written)
        found.add(entity, document.id, span.start_char, span.end_char, span.text, written=written)


_OF_BODY = re.compile(r"\s(?:de\s+l['’]\s*|de\s+la\s+|du\s+|d['’]\s*)(?=[A-ZÀ-Ý])")


def _parents_inside_unit_names(document: str, gazetteer: Gazetteer, found: Found) -> None:
    """'la Faculté de génie de l'Université de Sherbrooke': the university is named too, by
    a mention inside the unit's (the unit is its component: parts.py)."""
    heads = _unit_heads()
    for mention in list(found.mentions):
        unit = found.entities[mention.entity]
        if unit.type != "organization" or unit.gazetteer or mention.text.split()[0] not in heads:
            continue
        links = list(_OF_BODY.finditer(mention.text))
        if not links:
            continue
        name = mention.text[links[-1].end() :]
        entries = gazetteer.by_name(name)
        if not entries and name.split()[0] not in _PARENT_HEADS:
            continue
        key = f"org-{entries[0].key}" if len(entries) == 1 else _key("org", name)
        start = mention.start + links[-1].end()
        found.add(_institution_entity(key, name, gazetteer), document, start, mention.end, name)


@cache
def _unit_heads() -> frozenset[str]:
    return frozenset(load_json("institution_heads.json")["unit_heads"])


_PARENT_HEADS = frozenset({"Université", "Universidad", "Universität", "University", "École"})


def _shorter_forms(found: Found, gazetteer: Gazetteer) -> None:
    """'l'Université Mohammed V de Rabat … l'Université Mohammed V': a name repeated without
    its city takes the identity of the longer form met in the same article."""
    organizations = [e for e in found.entities.values() if e.type == "organization"]
    moves = {}
    for short in organizations:
        if short.gazetteer:
            continue
        longer = [e for e in organizations if e is not short and _adds_place(short, e, gazetteer)]
        if len(longer) == 1:
            moves[short.key] = longer[0]
    _move(found, moves)


@cache
def _abbreviations() -> dict[str, str]:
    return dict(load_json("institution_heads.json")["abbreviated_heads"])


def _abbreviated_forms(found: Found) -> None:
    """'la Technische Hochschule Rosenheim … la TH Rosenheim': a name written with the
    abbreviation of its head is the full name met in the same article."""
    organizations = [e for e in found.entities.values() if e.type == "organization"]
    by_name = {normalize_name(e.name): e for e in organizations}
    moves = {}
    for short in organizations:
        head, _, rest = short.name.partition(" ")
        full = _abbreviations().get(head)
        target = by_name.get(normalize_name(f"{full} {rest}")) if full and rest else None
        if target is not None and target is not short and not short.gazetteer:
            moves[short.key] = target
    _move(found, moves)


def _move(found: Found, moves: dict[str, Entity]) -> None:
    """Entities found to name another one become its aliases; their mentions follow."""
    for key, target in moves.items():
        moved = found.entities.pop(key)
        for alias in (moved.name, *moved.aliases):
            if alias != target.name and alias not in target.aliases:
                target.aliases.append(alias)
    for mention in found.mentions:
        if mention.entity in moves:
            mention.entity = moves[mention.entity].key


def _same_bodies(found: Found, gazetteer: Gazetteer) -> None:
    """One body written two ways in an article: 'le rectorat de l'académie de Clermont-Ferrand'
    and 'l'académie de Clermont-Ferrand' (kind and place), 'l'université de Saragosse' and the
    one university of Zaragoza the article names in its own language."""
    organizations = [e for e in found.entities.values() if e.type == "organization"]
    moves: dict[str, Entity] = {}
    by_body: dict[tuple[str, str], list[Entity]] = {}
    for entity in organizations:
        body = _body_of(entity.name, gazetteer)
        if body and not entity.gazetteer and not gazetteer.by_name(entity.name):
            by_body.setdefault(body, []).append(entity)
    for same in by_body.values():
        kept = max(same, key=lambda e: len(e.name))
        moves.update({e.key: kept for e in same if e is not kept})
    for entity in organizations:
        place = _french_university_place(entity, gazetteer)
        if place is None or entity.key in moves:
            continue
        others = [
            e for e in organizations if e is not entity and _university_of(e, place, gazetteer)
        ]
        if len(others) == 1 and others[0].key not in moves:
            moves[entity.key] = others[0]
    _move(found, moves)


@cache
def _same_body_rules() -> tuple[
    tuple[tuple[str, re.Pattern[str]], ...], re.Pattern[str], frozenset[str]
]:
    raw = load_json("names.json")
    forms = tuple(
        (body, re.compile(pattern))
        for body, patterns in raw["same_body_forms"].items()
        for pattern in patterns
    )
    return forms, re.compile(raw["french_university_form"]), frozenset(raw["university_heads"])


def _body_of(name: str, gazetteer: Gazetteer) -> tuple[str, str] | None:
    """('academie', 'Clermont-Ferrand') for 'Rectorat de l'académie de Clermont-Ferrand'."""
    for body, pattern in _same_body_rules()[0]:
        match = pattern.match(normalize_name(name))
        place = gazetteer.place(match["place"]) if match else None
        if place is not None:
            return body, place.name
    return None


def _french_university_place(entity: Entity, gazetteer: Gazetteer) -> Place | None:
    """The town of an unresolved 'université de Saragosse' (a former body the gazetteer knows,
    'université de Nantes' beside Nantes Université, is no translation)."""
    if entity.gazetteer or gazetteer.by_name(entity.name):
        return None
    match = _same_body_rules()[1].match(normalize_name(entity.name))
    return gazetteer.place(match["place"]) if match else None


def _university_of(entity: Entity, place: Place, gazetteer: Gazetteer) -> bool:
    """A university's name in any language with the town in it ('Universidad de Zaragoza',
    'Technische Hochschule Rosenheim'), other than the French 'université de X' form."""
    heads = _same_body_rules()[2]
    words = normalize_name(entity.name).split()
    if not heads & set(words) or _french_university_place(entity, gazetteer) is not None:
        return False
    return any(
        gazetteer.place(" ".join(words[i:j])) == place
        for i in range(len(words))
        for j in range(i + 1, min(len(words), i + 3) + 1)
    )


def _adds_place(short: Entity, long: Entity, gazetteer: Gazetteer) -> bool:
    """'X de Rabat' or 'X Rabat' is 'X' with a place added."""
    head = normalize_name(short.name)
    for name in (long.name, *long.aliases):
        full = normalize_name(name)
        if full.startswith(head + " "):
            rest = full[len(head) + 1 :].removeprefix("de ").removeprefix("d ")
            if gazetteer.place(rest) is not None:
                return True
    return False


def _renamed_in_article(
    doc: Doc, spans: list[Span], keys: dict[str, str], gazetteer: Gazetteer
) -> set[str]:
    """Institutions whose former name means the former body in this article: the article uses
    it in a sentence about a renaming or a merger ('l'ESSTIN devient Polytech Nancy'), or
    names the institution by a former and by a current name and speaks of the renaming beside
    either ('IMT Lille Douai naissait de … Cette dernière a pris le nom d'IMT Nord Europe').
    Without that, an outdated name is only the institution's ('Arts et Métiers ParisTech et
    l'IMT ont signé … l'ENSAM'); a definition ('Toulouse Business School (TBS Education)')
    says the two names are one."""
    rules = name_rules()
    sentence_of = sentences(doc)
    former_in_cue: set[str] = set()
    former: set[str] = set()
    current: set[str] = set()
    in_cue: set[str] = set()
    for span in spans:
        written = span._.get(WRITTEN_NAME) or span.text
        key = (keys.get(span.text) or _institution_key(span, written)).removeprefix("org-")
        entry = gazetteer.institutions.get(key)
        if entry is None:
            continue
        cue = speaks_of_renaming(sentence_of(span), rules)
        is_former = _is_former_name(entry, written)
        if is_former and cue:
            former_in_cue.add(entry.key)
        if span.text not in keys:
            (former if is_former else current).add(entry.key)
        if cue:
            in_cue.add(entry.key)
    return former_in_cue | (former & current & in_cue)


def _is_former_name(entry: Institution, name: str) -> bool:
    wanted = normalize_name(name)
    return any(normalize_name(former) == wanted for former in entry.former_names)


def _year(published: str | None) -> int | None:
    return int(published[:4]) if published and published[:4].isdigit() else None


def _former_at(entry: Institution, name: str, year: int | None) -> bool:
    """A former name of the entry, out of use by the article's year (or undated article)."""
    wanted = normalize_name(name)
    return any(
        normalize_name(former) == wanted and until is not None and (year is None or year >= until)
        for former, until in entry.former_until
    )


def _former_entity(entry: Institution, name: str) -> Entity:
    """The former body, one entity for all the names it had until one date ('ESSTIN' and
    'École supérieure des sciences et technologies de l'ingénieur de Nancy')."""
    dates = {normalize_name(n): u for n, u in entry.former_until}
    if normalize_name(name) in dates:
        until = dates[normalize_name(name)]
        canonical = max((n for n, u in entry.former_until if u == until), key=len)
    else:
        canonical = name  # an alias the article states is former ('anciennement …')
    return Entity(
        _key("org", canonical), "organization", canonical, kind=entry.kind, city=entry.city
    )


def _key(prefix: str, name: str) -> str:
    """Stable id of an entity known only by its name: 'org-institut-superieur-de-x'."""
    return f"{prefix}-" + normalize_name(name).replace(" ", "-")


def _institution_key(span: Span, written: str | None = None) -> str:
    return f"org-{span.kb_id_}" if span.kb_id_ else _key("org", written or span.text)


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
    entity = Entity(key, "organization", name, kind=_brand_kind(name, gazetteer))
    short = _without_city(name, gazetteer)
    if short:
        entity.aliases.append(short)
    return entity


_CITY_TAIL = re.compile(r"^(?P<name>.+?)\s+(?:de\s+|d['’])(?P<city>[A-ZÀ-Ý][\w-]+)$")


def _brand_kind(name: str, gazetteer: Gazetteer) -> str:
    """'ESIEE Amiens', 'Sciences Po Lille': a known acronym and a town name a body of the
    acronym's kind (a school, not any organization)."""
    brand, _, town = name.rpartition(" ")
    if brand and gazetteer.place(town) is not None:
        kinds = {entry.kind for entry in gazetteer.by_acronym(brand)}
        if len(kinds) == 1:
            return kinds.pop()
    return "organization"


def _without_city(name: str, gazetteer: Gazetteer) -> str | None:
    """'Georgia Institute of Technology d'Atlanta' is also written without its city; only for
    names whose own words carry a proper noun ('Institut … de Lyon' without Lyon is not one)."""
    match = _CITY_TAIL.match(name)
    if not match or gazetteer.place(match["city"]) is None:
        return None
    words = match["name"].split()
    if (
        len(words) < 2
        or not any(w[:1].isupper() for w in words[1:])
        or gazetteer.by_name(match["name"])
    ):
        return None
    return match["name"]


def _definition_links(doc: Doc, spans: list[Span]) -> dict[str, str]:
    """'long name (ACR)' and 'ACR (long name)': both names take one identity for the whole
    document, the gazetteer's when either is known."""
    links: dict[str, str] = {}
    text = doc_text(doc)
    for first, second in itertools.pairwise(spans):
        # the words between them, as their Span's text (the space after the last one left out)
        words = doc[first.end : second.start]
        gap = text[words.start_char : words.end_char] if len(words) else ""
        between = gap.strip()
        apposed = gap in APPOSITION and spells(first, second)
        parenthesised = (
            between in ("(", "(l'", "(l’") and second.end < len(doc) and doc[second.end].text == ")"
        )
        if not (apposed or parenthesised) or (
            first.kb_id_ and second.kb_id_ and first.kb_id_ != second.kb_id_
        ):  # two bodies the gazetteer tells apart are not one ('Unite!, l'Université de …')
            continue
        long_span, short_span = (second, first) if len(first) < len(second) else (first, second)
        known = short_span if short_span.kb_id_ and not long_span.kb_id_ else long_span
        key = _institution_key(known)
        links[first.text] = links[second.text] = key
    return links


@cache
def _former_name_patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in load_json("names.json")["former_name_patterns"])


def _stated_former_names(text: str) -> list[re.Match[str]]:
    return [m for pattern in _former_name_patterns() for m in pattern.finditer(text)]


def _former_names(text: str, document: str, gazetteer: Gazetteer, found: Found) -> None:
    """'Télécom Paris (ex-Télécom ParisTech)', 'Y Schools, anciennement Groupe ESC Troyes':
    the former name, an entity of its own."""
    for match in _stated_former_names(text):
        name = match["name"]
        entries = gazetteer.by_name(name)
        if len(entries) == 1:
            entity = _former_entity(entries[0], name)
        else:
            entity = _institution_entity(_key("org", name), name, gazetteer)
        _drop_inner_mentions(found, match.start("name"), match.end("name"), entity.key)
        found.add(entity, document, match.start("name"), match.end("name"), name)


def _drop_inner_mentions(found: Found, start: int, end: int, key: str) -> None:
    """'ex-Arts et Métiers ParisTech': a name found inside the former name ('ParisTech') is
    a piece of it; an entity left without mentions goes."""
    inner = [
        m
        for m in found.mentions
        if m.entity != key and start <= m.start <= m.end <= end and m.end - m.start < end - start
    ]
    for mention in inner:
        found.mentions.remove(mention)
    used = {m.entity for m in found.mentions}
    for mention in inner:
        if mention.entity not in used:
            found.entities.pop(mention.entity, None)


def _people(doc: Doc, document: Document, gazetteer: Gazetteer, found: Found) -> None:
    people = [
        _without_title(_with_particles(_without_byline_word(ent)))
        for ent in doc.ents
        if ent.label_ == "PER"
    ]
    people = [ent for ent in people if _looks_like_full_name(ent) and not _names_a_thing(ent)]
    people += list(_first_named(doc, [*people, *doc.spans[INSTITUTIONS]]))
    for ent in people:
        name = ent.text.strip()
        found.add(_person(name), document.id, ent.start_char, ent.end_char, name)
    if document.author and _names_a_person(document.author, gazetteer):
        found.add(
            _person(document.author),
            document.id,
            0,
            len(document.author),
            document.author,
            "author",
        )


# Nouns after which a person's name names a place or a prize ('rue Victor Hugo').
_NAMED_AFTER = frozenset(
    [
        "rue",
        "avenue",
        "boulevard",
        "place",
        "quai",
        "allée",
        "amphithéâtre",
        "amphi",
        "salle",
        "bâtiment",
        "campus",
        "prix",
        "fondation",
        "chaire",
        "lycée",
        "collège",
        "école",
        "université",
        "institut",
        "centre",
        "espace",
        "pôle",
        "résidence",
        "bibliothèque",
        "promotion",
        "médaille",
    ]
)


def _first_named(doc: Doc, known: list[Span]) -> Iterator[Span]:
    """'Etienne Craye Directeur Général de…', 'Xavier ROMATET': a common first name and a
    capitalised surname the statistical recogniser missed."""
    taken = {i for span in known for i in range(span.start, span.end)}
    for token in doc[:-1]:
        if token.i in taken or not _is_first_name(token.text):
            continue
        end = _surname_end(doc, token.i + 1, taken)
        if end > token.i + 1 and not _names_a_thing(doc[token.i : end]):
            yield _without_title(doc[token.i : end])


def _names_a_thing(name: Span) -> bool:
    """'la rue Victor Hugo', 'l'amphithéâtre Marie Curie': a person's name given to a thing."""
    return name.start > 0 and name.doc[name.start - 1].lower_ in _NAMED_AFTER


def _is_first_name(word: str) -> bool:
    first = first_names()
    return word in first or ("-" in word and word.split("-")[0] in first)


def _surname_end(doc: Doc, i: int, taken: set[int]) -> int:
    """After a first name: particles ('de la', 'Van de') and one or two capitalised words."""
    j = i
    while j < len(doc) and doc[j].lower_ in PARTICLES and j - i < 3:
        j += 1
    end = j
    while end < len(doc) and end - j < 2 and end not in taken and _surname_word(doc[end]):
        end += 1
        while _hyphen_joined(doc, end):  # 'Mayer-Rossignol' split by the tokenizer
            end += 2
    return end if end > j else i


def _hyphen_joined(doc: Doc, i: int) -> bool:
    return (
        i + 1 < len(doc)
        and doc[i].text == "-"
        and not doc[i - 1].whitespace_
        and not doc[i].whitespace_
        and doc[i + 1].text[:1].isupper()
    )


def _surname_word(token: Token) -> bool:
    text = token.text
    return (
        len(text) > 1
        and text[:1].isupper()
        and text.replace("-", "").replace("'", "").isalpha()
        and "\n" not in token.text_with_ws
        and text.lower() not in _title_words()
    )


def _names_a_person(author: str, gazetteer: Gazetteer) -> bool:
    """A byline's author is a person's full name, never the rubric or the town before the
    date ('Carnet | Publié le …', 'Grand Est | Publié le …') nor an institution."""
    return (
        len(author.split()) >= 2
        and gazetteer.place(author) is None
        and not gazetteer.by_name(author)
    )


def _person(name: str) -> Entity:
    return Entity(_key("per", name), "person", name)


# Particles inside a person's name: 'Armel de la Bourdonnaye', 'Pierre Van de Weghe'.
PARTICLES = frozenset(["de", "du", "des", "la", "le", "d'", "d’", "van", "von", "der", "den", "da",
                       "di", "dos", "del", "ben", "ibn", "el", "al"])  # fmt: skip


def _without_byline_word(ent: Span) -> Span:
    """'Par Jeanne Martin': the byline's 'Par' is not part of the name."""
    return ent[1:] if len(ent) > 2 and ent[0].lower_ == "par" else ent


@cache
def _title_words() -> frozenset[str]:
    offices = load_json("roles.json")["offices"]
    return frozenset(w.lower() for w in [*offices["titles"], *offices["qualifiers"]])


def _without_title(ent: Span) -> Span:
    """'Odile Gauthier Directrice Générale de l'IMT': a web page's title written after the
    name without a comma, capitalised, is no part of the name."""
    titles = _title_words()
    for token in ent[2:]:
        if token.lower_ in titles:
            return ent.doc[ent.start : token.i]
    return ent


def _with_particles(ent: Span) -> Span:
    """spaCy often stops a name at its particle ('Armel' | 'de la Bourdonnaye')."""
    doc, end = ent.doc, ent.end
    while end < len(doc) and doc[end].lower_ in PARTICLES and doc[end].is_lower:
        end += 1
    if (
        end > ent.end
        and end < len(doc)
        and doc[end].is_title
        and "\n" not in doc[ent.end : end + 1].text
    ):
        return doc[ent.start : end + 1]
    return ent


def _looks_like_full_name(ent: Span) -> bool:
    """Two to four capitalised words, particles allowed between them; never a headline in
    capitals, a hyphenated single word ('Paul-Sabatier' is a university) or a line break."""
    words = [t for t in ent if not t.is_punct]
    names = [t for t in words if t.lower_ not in PARTICLES or not t.is_lower]
    return (
        2 <= len(names) <= 4
        and all(t.text[:1].isupper() for t in names)
        and all(t.lower_ in PARTICLES for t in words if t.is_lower)
        and not words[0].is_lower
        and not all(t.is_upper for t in names)
        and " " in ent.text.strip()
        and "\n" not in ent.text
    )


def _places(doc: Doc, document: str, gazetteer: Gazetteer, found: Found) -> None:
    for ent in doc.ents:
        if ent.label_ != "LOC":
            continue
        place = gazetteer.place(ent.text)
        if place:
            found.add(place_entity(place), document, ent.start_char, ent.end_char, ent.text)


def place_entity(place: Place) -> Entity:
    return Entity(_key("place", place.name), "place", place.name, kind=place.type)
