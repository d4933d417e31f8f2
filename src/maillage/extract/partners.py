"""partner_of facts: coordinated signatories ('X et Y ont signé une convention') and
'X signe un accord avec Y', with the kind from the trigger and the status from modality cues."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import combinations

from ..models import Fact, Mention
from ..sources.dates import parse_publication_date
from .context import Context

_COORDINATION = re.compile(
    r"^\s*(?:,|et|ainsi que|,\s*et)\s*(?:l['’]\s*|la\s+|le\s+|les\s+)?$", re.I
)
_WITH = re.compile(r"\bavec\s+(?:l['’]\s*|la\s+|le\s+|les\s+)?$", re.I)


@dataclass(frozen=True, slots=True)
class _Lexicon:
    triggers: tuple[tuple[re.Pattern[str], str], ...]
    planned: re.Pattern[str]


@cache
def _lexicon() -> _Lexicon:
    raw = json.loads(
        resources.files("maillage.resources").joinpath("partnership.json").read_text("utf-8")
    )
    triggers = tuple((re.compile(rf"\b(?:{p})", re.I), kind) for p, kind in raw["triggers"])
    return _Lexicon(triggers, re.compile(raw["planned"], re.I))


def is_planned(sentence: str) -> bool:
    """Conditional, future or intention cues: the event is announced, not done."""
    return bool(_lexicon().planned.search(sentence))


def find_partners(context: Context) -> list[Fact]:
    """One partner_of fact per pair and kind, with every sentence that states it."""
    facts: dict[tuple[str, str, str], Fact] = {}
    for first, second, kind, rule in _pairs(context):
        start, end = context.sentence_of(first.start)
        sentence = context.text[start:end]
        pair = sorted((first.entity, second.entity))
        fact = facts.setdefault(
            (pair[0], pair[1], kind),
            Fact(
                "partner_of",
                pair[0],
                pair[1],
                kind=kind,
                confidence=0.6,
                status="planned" if _lexicon().planned.search(sentence) else "done",
                date=parse_publication_date(sentence),
            ),
        )
        fact.evidence.append(context.evidence(first, second, rule))
    return list(facts.values())


def _pairs(context: Context) -> Iterator[tuple[Mention, Mention, str, str]]:
    orgs = context.of_type("organization")
    for sentence_orgs in _by_sentence(context, orgs):
        start, end = context.sentence_of(sentence_orgs[0].start)
        kind = _kind(context.text[start:end])
        if kind is None:
            continue
        yield from _coordinated(context, sentence_orgs, kind)
        yield from _with(context, sentence_orgs, kind)


def _by_sentence(context: Context, orgs: list[Mention]) -> Iterator[list[Mention]]:
    groups: dict[tuple[int, int], list[Mention]] = {}
    for org in orgs:
        groups.setdefault(context.sentence_of(org.start), []).append(org)
    yield from (group for group in groups.values() if len({m.entity for m in group}) > 1)


def _kind(sentence: str) -> str | None:
    return next((kind for pattern, kind in _lexicon().triggers if pattern.search(sentence)), None)


def _coordinated(
    context: Context, orgs: list[Mention], kind: str
) -> Iterator[tuple[Mention, Mention, str, str]]:
    """Runs of organizations joined by commas and 'et' are co-signatories."""
    run = [orgs[0]]
    for org in orgs[1:]:
        if _COORDINATION.match(context.text[run[-1].end : org.start]):
            run.append(org)
            continue
        yield from _all_pairs(run, kind)
        run = [org]
    yield from _all_pairs(run, kind)


def _all_pairs(run: list[Mention], kind: str) -> Iterator[tuple[Mention, Mention, str, str]]:
    for first, second in combinations(run, 2):
        if first.entity != second.entity:
            yield first, second, kind, "partner.coordination"


def _with(
    context: Context, orgs: list[Mention], kind: str
) -> Iterator[tuple[Mention, Mention, str, str]]:
    """'X ... avec Y': the sentence's first organization partners the one after 'avec'."""
    for org in orgs[1:]:
        before = context.text[max(orgs[0].end, org.start - 12) : org.start]
        if _WITH.search(before) and org.entity != orgs[0].entity:
            yield orgs[0], org, kind, "partner.with"
