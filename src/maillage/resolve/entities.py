"""Cross-document entity resolution: which stored entities are one institution or person.

Links are tried from the strongest evidence to the weakest, each under the constraints
of `Clusters` (same type, at most one gazetteer identity, no conflicting acronym, kind or
city, no curator split between them):

1. the gazetteer: an entity whose name is a name, alias or former name of exactly one
   gazetteer institution present in the graph;
2. a shared name: two entities with one normalized name in common (accents, case,
   punctuation and leading articles ignored). Acronym definitions read in any article
   ("l'ENSMM (École nationale ...)") made the acronym an alias of the long form, so this
   also links the bare acronym seen in other articles;
3. fuzzy names (rapidfuzz) for organizations, only for names of the same length in words
   whose words pair up closely and whose numbers are identical;
4. people: a full name is already one key everywhere; a surname-only or initial form
   ("M. Duval", "P. Duval") joins the one full name of that surname met in the same
   article, at the same institution when both hold a known role.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from .clusters import Clusters, EntityRecord, is_acronym
from .gazetteer import Gazetteer
from .names import normalize_name

FUZZY_NAME_SCORE = 92.0  # whole normalized names
FUZZY_WORD_SCORE = 80.0  # each pair of words
_CIVILITY = {"m", "mme", "mlle", "mr", "dr", "pr", "me", "monsieur", "madame"}
_DIGITS = re.compile(r"\d")
_LEADING_ARTICLE = re.compile(r"^(?:l['’]|la |le |les )", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Resolution:
    """Entity id → id of the entity it is one with (only for entities that move)."""

    redirects: dict[str, str]

    def __len__(self) -> int:
        return len(self.redirects)


def resolve_entities(
    records: list[EntityRecord],
    gazetteer: Gazetteer | None = None,
    cannot_link: Iterable[tuple[str, str]] = (),
    focus: set[str] | None = None,
    name_links: list[tuple[str, str]] | None = None,
) -> Resolution:
    """Groups of entities that are one; `focus` limits fuzzy matching to names of those ids
    (the entities an ingest just touched) against all the others; `name_links` are the
    organization links when `candidate_name_links` already computed them."""
    if gazetteer is not None:
        cannot_link = [*cannot_link, *former_body_pairs(records, gazetteer)]
    clusters = Clusters(records, cannot_link)
    if name_links is None:
        name_links = candidate_name_links(records, gazetteer, focus)
    people = person_links([r for r in records if r.type == "person"])
    for first, second in [*name_links, *people]:
        clusters.link(first, second)
    redirects: dict[str, str] = {}
    for group in clusters.groups():
        kept = canonical(group)
        redirects.update({r.id: kept.id for r in group if r.id != kept.id})
    return Resolution(redirects)


def former_body_pairs(
    records: list[EntityRecord], gazetteer: Gazetteer
) -> Iterator[tuple[str, str]]:
    """An entity named by a former name of a gazetteer institution exists only where an article
    spoke of the renaming: it is the former body and never joins its successor, even when
    another article used the old name for the successor ('Mines ParisTech' in 2015)."""
    successors: dict[str, list[str]] = defaultdict(list)
    for record in records:
        entry = gazetteer.institutions.get(record.gazetteer or "")
        for former in entry.former_names if entry else ():
            successors[normalize_name(former)].append(record.id)
    for record in records:
        if record.gazetteer is None and record.type == "organization":
            for successor in successors.get(normalize_name(record.name), ()):
                yield successor, record.id


def candidate_name_links(
    records: list[EntityRecord], gazetteer: Gazetteer | None, focus: set[str] | None = None
) -> list[tuple[str, str]]:
    """Links by name, strongest first: gazetteer, shared names, fuzzy names."""
    links = list(gazetteer_links(records, gazetteer)) if gazetteer is not None else []
    links += shared_name_links(records)
    links += fuzzy_links([r for r in records if r.type == "organization"], focus)
    return links


def needs_documents(records: list[EntityRecord], name_links: list[tuple[str, str]]) -> set[str]:
    """Entities whose documents (and roles) resolution will read: those of a candidate link."""
    needed = {key for pair in name_links for key in pair}
    for short, fulls in surname_candidates([r for r in records if r.type == "person"]):
        needed |= {short.id, *(f.id for f in fulls)}
    return needed


def canonical(group: list[EntityRecord]) -> EntityRecord:
    """The entity a group keeps: the gazetteer's, else the best named and most cited."""
    return min(
        group,
        key=lambda r: (
            r.gazetteer is None,
            is_acronym(r.name),
            _LEADING_ARTICLE.match(r.name) is not None,
            -len(r.documents),
            -len(r.name),
            r.id,
        ),
    )


def gazetteer_links(records: list[EntityRecord], gazetteer: Gazetteer) -> Iterator[tuple[str, str]]:
    by_key = {r.gazetteer: r.id for r in records if r.gazetteer}
    for record in records:
        if record.gazetteer or record.type != "organization":
            continue
        # A former name is its own entity once the renaming happened ('l'ESSTIN' in 2017):
        # only current names link an unresolved entity to the gazetteer.
        names = [n for n in record.names if not is_acronym(n)]
        keys = {i.key for n in names for i in gazetteer.by_current_name(n)}
        if len(keys) == 1 and (key := keys.pop()) in by_key:
            yield by_key[key], record.id


def shared_name_links(records: list[EntityRecord]) -> Iterator[tuple[str, str]]:
    holders: dict[tuple[str, str], list[str]] = defaultdict(list)
    for record in records:
        for name in {_name_key(n) for n in record.names | {record.name} if not is_description(n)}:
            if name:
                holders[(record.type, name)].append(record.id)
    for ids in holders.values():
        yield from ((ids[0], other) for other in ids[1:])


def is_description(name: str) -> bool:
    """'l'école gardoise', 'le campus': a designation, not a name; it never links entities."""
    return not any(c.isupper() for c in name)


def _name_key(name: str) -> str:
    # Acronyms stay case-sensitive: "CEA" is not the word "cea" in a long name.
    return f"ACR:{name.strip()}" if is_acronym(name) else normalize_name(name)


def fuzzy_links(
    records: list[EntityRecord], focus: set[str] | None = None
) -> Iterator[tuple[str, str]]:
    """Close names, compared within blocks of the same word count and first letters."""
    blocks: dict[tuple[int, str], list[tuple[str, str]]] = defaultdict(list)
    for record in records:
        written = record.names | {record.name}
        for name in {normalize_name(n) for n in written if not is_description(n)}:
            words = name.split()
            if len(words) > 1:
                blocks[(len(words), words[0][:3])].append((name, record.id))
    for names in blocks.values():
        if focus is None or any(key in focus for _, key in names):
            yield from _fuzzy_block(names, focus)


def _fuzzy_block(names: list[tuple[str, str]], focus: set[str] | None) -> Iterator[tuple[str, str]]:
    choices = [n for n, _ in names]
    for index, (name, key) in enumerate(names):
        if focus is not None and key not in focus:
            continue
        matches = process.extract(
            name, choices, scorer=fuzz.ratio, score_cutoff=FUZZY_NAME_SCORE, limit=None
        )
        for other, _score, position in matches:
            seen = position <= index and (focus is None or names[position][1] in focus)
            if not seen and names[position][1] != key and close_words(name, other):
                yield key, names[position][1]


def close_words(first: str, second: str) -> bool:
    """Same number of words, pairwise close, and the same numbers ('Paris 1' vs 'Paris 8')."""
    left, right = first.split(), second.split()
    if len(left) != len(right):
        return False
    return all(
        fuzz.ratio(a, b) >= FUZZY_WORD_SCORE
        and (a == b or not (_DIGITS.search(a) or _DIGITS.search(b)))
        for a, b in zip(left, right, strict=True)
    )


def person_links(records: list[EntityRecord]) -> Iterator[tuple[str, str]]:
    for short, fulls in surname_candidates(records):
        near = [f for f in fulls if _same_context(short, f)]
        if len(near) == 1:
            yield near[0].id, short.id


def surname_candidates(
    records: list[EntityRecord],
) -> Iterator[tuple[EntityRecord, list[EntityRecord]]]:
    """Each surname-only or initial form with the full names of that surname."""
    full: dict[str, list[EntityRecord]] = defaultdict(list)
    short: list[tuple[str, EntityRecord]] = []
    for record in records:
        words = normalize_name(record.name).split()
        if not words:
            continue
        given = [w for w in words[:-1] if w not in _CIVILITY]
        if any(len(w) > 1 for w in given):
            full[words[-1]].append(record)
        else:
            short.append((words[-1], record))
    for surname, record in short:
        if full[surname]:
            yield record, full[surname]


def _same_context(short: EntityRecord, full: EntityRecord) -> bool:
    """Met in one article, and at the same institution when both institutions are known."""
    if not short.documents & full.documents:
        return False
    return not (short.institutions and full.institutions) or bool(
        short.institutions & full.institutions
    )
