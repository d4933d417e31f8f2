"""member_of: 'X, membre de Y', 'Y compte X, Z et W' on the surface (joining verbs are frames),
founders of a new alliance ('X et Y s'allient pour fonder Z'), and members of an alliance
the article has just founded ('Mines Nancy, … s'allieront sous une bannière commune')."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from ..models import Mention
from .context import Context, Reading
from .frames_data import frames_data
from .lists import apposed, distinct, gap, run_ending, run_starting, runs, without_insertions
from .modality import status_of
from .partners import is_founded

_ARTICLE = r"(?:l['’]\s*|la\s+|le\s+|les\s+)?"
_OF = r"(?:de|du|des|d['’]|à|au|aux)"
# 'du réseau', 'de la communauté d'universités et d'établissements' before the body's name.
_BODY_NOUN = (
    rf"(?:{_OF}\s*{_ARTICLE}(?:communauté d['’]universités et d['’]établissements|réseau|alliance"
    r"|groupe|fédération|consortium|collegium|association|regroupement|COMUE)\s+)?"
)
_MEMBER_WORD = (
    r"(?:membres?|écoles?\s+(?:associées?|membres?|affiliées?|partenaires?)|adhérente?s?"
    r"|établissements?\s+(?:membres?|associés?))"
)
# 'Toutes deux membres de l'UBFC, l'ENSMM et l'UTBM …': the body first, the members after.
_MEMBERS_OF = re.compile(
    r"(?:^|[.!?;]\s+|,\s*)(?:toute?s?\s+(?:deux|trois|quatre|les\s+\w+)\s+)?"
    + _MEMBER_WORD
    + r"\s+"
    + _BODY_NOUN
    + rf"(?:{_OF}\s*)?{_ARTICLE}$",
    re.I,
)
_GATHERS = re.compile(
    r"^\s*(?:,[^,]{0,60},)?\s*(?:qui\s+)?(?:compte|comptent|regroupe|regroupent|réunit|réunissent|rassemble"
    r"|rassemblent|fédère|fédèrent|comprend|comprennent|associe)"
    r"(?!\s+parmi\s+(?:les|des)\b)"  # 'X compte parmi les membres de Y': X is the member
    r"(?:\s+(?:à ce jour|aujourd['’]hui|désormais|notamment|actuellement|déjà|parmi ses membres"
    r"|comme membres?"
    r"|(?:\w+\s+){0,2}(?:écoles|membres|établissements|partenaires|universités)"
    r"(?:\s+d['’]ingénieurs|\s+[a-zé]+)?\s*(?:,\s*dont|dont|:|,)?))*\s*:?\s*" + _ARTICLE + "$",
    re.I,
)
_ALLY = re.compile(
    r"\b(?:s['’]allie\w*|se\s+regroup\w+|se\s+rassembl\w+|s['’]uni\w+|se\s+fédér\w+|sous\s+une\s+bannière\s+commune)",
    re.I,
)


_MERGER = re.compile(r"\bfusion|\bfusionn", re.I)
# A joint facility the founders share ('un incubateur commun, baptisé Ty Start') has no members.
_FACILITY = re.compile(
    r"\b(?:incubateur|laboratoire|chaire|plateforme|fablab|programme|master)s?\b", re.I
)


@dataclass(frozen=True, slots=True)
class Founding:
    body: Mention
    status: str


def find_members(context: Context) -> Iterator[Reading]:
    foundings = list(_foundings(context))
    yield from (r for f in foundings for r in _founders(context, f))
    yield from _gathers(context)
    yield from _members_of_first(context)
    yield from _allied(context, foundings)


def _foundings(context: Context) -> Iterator[Founding]:
    """Bodies the article creates, unless by merger (merged schools are replaced, not members)."""
    for mention in context.of_type("organization"):
        sentence = context.sentence(mention.start)
        before = sentence[: mention.start - context.sentence_of(mention.start)[0]]
        if (
            is_founded(context, mention)
            and not _MERGER.search(sentence)
            and not _FACILITY.search(before)
        ):
            status = status_of(
                context.sentence(mention.start),
                mention.start - context.sentence_of(mention.start)[0],
            )
            yield Founding(mention, status)


def _founders(context: Context, founding: Founding) -> Iterator[Reading]:
    """'l'IMT et 6 écoles … ont noué un partenariat pour fonder IMT Grand Est'."""
    orgs = [m for m in context.in_sentence(founding.body.start) if m.end <= founding.body.start]
    for member in distinct(run_ending(context, orgs, founding.body.start)):
        if member.entity != founding.body.entity:
            yield Reading(
                "member_of",
                member,
                founding.body,
                "member.founders",
                kind="alliance",
                status=founding.status,
                anchor=founding.body.start,
            )


def _gathers(context: Context) -> Iterator[Reading]:
    """'Y compte à ce jour X, Z et W': the body before the verb, the members after it; 'Y
    compte trois écoles internes : …' and a university's 'Y regroupe X' name components."""

    def gathers(body: Mention, first: Mention) -> bool:
        return bool(_GATHERS.match(gap(context, body, first)))

    for reading in _body_then_members(context, gathers, "member.gathers"):
        if _gathers_components(context, reading.object, reading.subject):
            reading = replace(reading, predicate="part_of", kind=None)
        yield reading


def _gathers_components(context: Context, body: Mention | None, first: Mention) -> bool:
    """What the words between the body and its list call the members ('écoles internes',
    'composantes'), else the body's kind, as the gathering frame decides (frames.json)."""
    if body is None:
        return False
    data = frames_data()
    words = set(re.findall(r"[\w-]+", gap(context, body, first).lower()))
    if words & {"membres", "membre", "partenaires", "associées", "affiliées", "adhérents"}:
        return False
    singular = {w.removesuffix("s") for w in words}
    if (words | singular) & (data.component_modifiers | data.component_nouns):
        return True
    entity = context.entities.get(body.entity)
    return entity is not None and entity.kind in data.part_kinds


def _members_of_first(context: Context) -> Iterator[Reading]:
    """'Toutes deux membres de Y, X et Z …'."""

    def introduced(body: Mention, first: Mention) -> bool:
        start = max(context.sentence_of(body.start)[0], body.start - 120)
        fronted = _MEMBERS_OF.search(context.text[start : body.start])
        return bool(fronted) and apposed(context, body, first)

    yield from _body_then_members(context, introduced, "member.members_of_first")


def _body_then_members(
    context: Context, test: Callable[[Mention, Mention], bool], rule: str
) -> Iterator[Reading]:
    orgs = context.of_type("organization")
    for body in orgs:
        run = run_starting(context, orgs, body.end + 1)
        members = [m for m in run if m.entity != body.entity]
        if members and test(body, members[0]):
            for member in distinct(members):
                yield Reading("member_of", member, body, rule, kind="network", anchor=body.end)


def _allied(context: Context, foundings: list[Founding]) -> Iterator[Reading]:
    """'X, Y et Z s'allieront sous une bannière commune' after the article founded the alliance:
    the members join it, as done as its founding."""
    for founding in foundings:
        for run in runs(context, context.of_type("organization")):
            members = [m for m in distinct(run) if m.entity != founding.body.entity]
            if len(members) < 2 or not -600 < run[0].start - founding.body.start < 1500:
                continue
            after = context.text[run[-1].end : context.sentence_of(run[-1].start)[1]]
            if _ALLY.search(without_insertions(after)[:80]):
                for member in members:
                    yield Reading(
                        "member_of",
                        member,
                        founding.body,
                        "member.allied",
                        kind="alliance",
                        status=founding.status,
                        anchor=run[-1].end,
                    )
