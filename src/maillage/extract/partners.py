"""partner_of: co-signatories ('X et Y ont signé une convention'), 'X … avec Y',
'entre X et Y', with the kind from the trigger lexicon (resources/partnership.json)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from itertools import combinations

from ..models import Mention
from ..resources import load_json
from .clause import is_negated
from .context import Context, Reading, is_complement
from .frames_data import frames_data, lemma_of
from .lists import distinct, run_starting, runs
from .successions import BORN_OF

_WITH = re.compile(
    r"(?:\bavec|\bs['’]associ\w*\s+(?:à|au)|\bs['’]alli\w*\s+(?:à|au)|\bse\s+rapproch\w*\s+(?:de|du|d['’])"
    r"|\brapprochant\s+(?:de|du|d['’])|\bpartenaires?\s+(?:de|du|d['’]))\s*(?:l['’]\s*|la\s+|le\s+|les\s+)?$",
    re.I,
)
_CONTRAST = re.compile(
    r"\b(?:contrairement|à la différence|à l['’]inverse|comme|outre)\s+(?:à|de|d['’]|du)?\s*"
    r"(?:l['’]\s*|la\s+|le\s+|les\s+)?$",
    re.I,
)
_MERGED = re.compile(BORN_OF.pattern + "$", re.I)
_BETWEEN = re.compile(r"\bentre\s+(?:l['’]\s*|la\s+|le\s+|les\s+)?$", re.I)


@dataclass(frozen=True, slots=True)
class Trigger:
    start: int
    kind: str


@dataclass(frozen=True, slots=True)
class _Lexicon:
    triggers: tuple[tuple[re.Pattern[str], str], ...]
    founding: re.Pattern[str]


@cache
def lexicon() -> _Lexicon:
    raw = load_json("partnership.json")
    triggers = tuple((re.compile(rf"\b(?:{p})", re.I), kind) for p, kind in raw["triggers"])
    return _Lexicon(triggers, re.compile(raw["founding"], re.I))


def trigger(sentence: str, offset: int, names: list[Mention] = ()) -> Trigger | None:  # type: ignore[assignment]
    """The most specific partnership trigger of a sentence starting at `offset`, outside the
    names it holds ('Arts et Métiers partenaires' is a name, not a partnership)."""
    for pattern, kind in lexicon().triggers:
        for match in pattern.finditer(sentence):
            at = offset + match.start()
            if not any(m.start <= at < m.end for m in names):
                return Trigger(at, kind)
    return None


def is_founded(context: Context, mention: Mention) -> bool:
    """'… pour fonder IMT Grand Est': the body being created is not a partner."""
    before = context.text[max(0, mention.start - 40) : mention.start]
    return bool(lexicon().founding.search(before))


def find_partners(context: Context) -> Iterator[Reading]:
    for orgs in _sentences(context):
        start, end = context.sentence_of(orgs[0].start)
        found = trigger(context.text[start:end], start, orgs)
        if found is None or _denied(context, found):
            continue
        orgs = [m for m in orgs if not is_founded(context, m)]
        yield from _coordinated(context, orgs, found)
        yield from _with(context, orgs, found)


def _denied(context: Context, found: Trigger) -> bool:
    """'Pas de rapprochement avec X', 'aucun accord n'a été trouvé avec X'; not 'ce n'est
    pas le premier accord de X, qui a signé avec Y' (a copula denies a description)."""
    word = context.token_at(found.start)
    if word is None or any(c.dep_ == "cop" for c in word.children):
        return False
    return is_negated(word)


def _sentences(context: Context) -> Iterator[list[Mention]]:
    groups: dict[tuple[int, int], list[Mention]] = {}
    for org in context.of_type("organization"):
        groups.setdefault(context.sentence_of(org.start), []).append(org)
    return iter(groups.values())


def _reading(first: Mention, second: Mention, found: Trigger, rule: str) -> Reading:
    return Reading("partner_of", first, second, rule, kind=found.kind, anchor=found.start)


def _coordinated(context: Context, orgs: list[Mention], found: Trigger) -> Iterator[Reading]:
    """Runs of organizations joined by commas and 'et' are co-signatories."""
    for run in runs(context, orgs):
        if _introduced_by(context, run[0], _WITH):
            continue  # the partners named after 'avec' are paired with the subject below
        if _introduced_by(context, run[0], _MERGED) or _merged_by(context, run[0]):
            continue  # 'née du rapprochement de X et Y': a merger, not a partnership
        if _listed_by_partner_noun(context, run[0]):
            continue  # 'ses écoles partenaires (A, B, C)': partners of another, not of each other
        rule = (
            "partner.between"
            if _introduced_by(context, run[0], _BETWEEN)
            else "partner.coordination"
        )
        for first, second in combinations(distinct(run), 2):
            yield _reading(first, second, found, rule)


def _listed_by_partner_noun(context: Context, mention: Mention) -> bool:
    """'sept écoles partenaires (A, B, C)', 'Parmi nos partenaires : A, B': a list the noun
    'partenaire(s)' opens, up to its colon or parenthesis."""
    word = context.token_at(mention.start)
    if word is None:
        return False
    doc, index = word.doc, word.i - 1
    while index > 0 and doc[index].pos_ == "DET":
        index -= 1
    if index < 1 or doc[index].text not in (":", "("):
        return False
    before = doc[max(0, index - 4) : index]
    return any(lemma_of(t) == "partenaire" for t in before)


def _merged_by(context: Context, mention: Mention) -> bool:
    """'la fusion de X et de Y', 'créé par le rapprochement de X et Y': the parties of a
    merger noun (frames.json) are merged, not partners; a bare 'rapprochement' may be ties."""
    word = context.token_at(mention.start)
    data = frames_data()
    for noun in list(word.ancestors)[:2] if word is not None else ():
        lemma = lemma_of(noun)
        if lemma in data.merger_nouns and (
            lemma != "rapprochement" or lemma_of(noun.head) in data.born | data.result_verbs
        ):
            return True
    return False


def _with(context: Context, orgs: list[Mention], found: Trigger) -> Iterator[Reading]:
    """'X … avec Y et Z': Y and Z partner the subject before 'avec', or after a fronted clause
    ('En signant une convention avec Y, X …'), or the article's institution (passive), and
    each other (a convention signed by three is a partnership of three)."""
    for mention in orgs:
        if not _introduced_by(context, mention, _WITH):
            continue
        partners = distinct(run_starting(context, orgs, mention.start))
        if not partners:
            continue
        for subject in _subjects(context, orgs, mention, partners):
            for partner in partners:
                yield _reading(subject, partner, found, "partner.with")
        for first, second in combinations(partners, 2):
            yield _reading(first, second, found, "partner.with_co_partners")


def _subjects(
    context: Context, orgs: list[Mention], mention: Mention, partners: list[Mention]
) -> list[Mention]:
    taken = {p.entity for p in partners}
    candidates = [
        m
        for m in orgs
        if m.entity not in taken
        and not _contrasted(context, m)
        # 'avec Y, école de X': X is Y's whole; 'le recteur de X a signé avec Y': X signs
        and (not is_complement(context.text, m) or _of_the_subject(context, m))
    ]
    for run in reversed(runs(context, [m for m in candidates if m.end <= mention.start])):
        if not _introduced_by(context, run[0], _WITH):
            return distinct(run)
    after = [m for m in candidates if m.start > partners[-1].end]
    if after:
        return distinct(run_starting(context, after, after[0].start))
    if context.focus and context.focus not in taken:
        first = next(m for m in context.mentions if m.entity == context.focus)
        return [
            Mention(first.entity, first.document, mention.start, mention.start, "", "reference")
        ]
    return []


def _of_the_subject(context: Context, mention: Mention) -> bool:
    """The complement of the clause's subject noun ('Le recteur de l'académie')."""
    word = context.token_at(mention.start)
    while (
        word is not None and word.head.i != word.i and mention.start <= word.head.idx < mention.end
    ):
        word = word.head
    if word is None:
        return False
    governor = word.head
    return governor.pos_ == "NOUN" and governor.dep_ in ("nsubj", "nsubj:pass")


def _contrasted(context: Context, mention: Mention) -> bool:
    """'Contrairement à X, Y signe …': X is what the sentence is not about."""
    return bool(_CONTRAST.search(context.text[max(0, mention.start - 30) : mention.start]))


def _introduced_by(context: Context, mention: Mention, pattern: re.Pattern[str]) -> bool:
    return bool(pattern.search(context.text[max(0, mention.start - 40) : mention.start]))
