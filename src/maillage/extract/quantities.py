"""quantity: figures about an institution ('l'ENSMM forme chaque année 900 élèves ingénieurs',
'il pilote un réseau de 30 centres régionaux', 'près de 80 000 élèves')."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ..models import Mention
from .context import Context, Reading
from .modality import clause_at

_NUMBER = r"(?P<number>\d{1,3}(?:[\u00a0\u202f  .]\d{3})+|\d+(?:,\d+)?)"
_SHARE = re.compile(
    rf"\bdont\s+(?:près de\s+|plus de\s+)?{_NUMBER}(?P<thousands>)(?P<unit>)(?![\d%])", re.I
)
_PRONOUN = re.compile(
    r"^\s*(?:et\s+)?(?:il|elle|l['’]école|l['’]établissement|l['’]université|celle-ci|celui-ci)\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class _Lexicon:
    figure: re.Pattern[str]
    yearly: re.Pattern[str]


@cache
def _lexicon() -> _Lexicon:
    raw = json.loads(
        resources.files("maillage.resources").joinpath("quantities.json").read_text("utf-8")
    )
    units = "|".join(raw["units"])
    figure = re.compile(
        r"(?<![\d,.])(?:\b(?:près de|plus de|environ|quelque|au moins|moins de|pas moins de)\s+)?"
        rf"{_NUMBER}"
        rf"(?P<thousands>\s+(?:millions?|milliards?))?\s+(?:d['’])?(?P<unit>{units})(?![\w-])",
        re.I,
    )
    return _Lexicon(figure, re.compile(raw["yearly"], re.I))


def find_quantities(context: Context) -> Iterator[Reading]:
    subjects: dict[tuple[int, int], tuple[Mention, str]] = {}
    for match in _figures(context.text):
        bounds = context.sentence_of(match.start())
        previous = subjects.get(bounds)
        subject = _subject(context, match.start(), previous[0] if previous else None)
        unit = match["unit"] if match["unit"] else previous[1] if previous else None
        if subject is None or unit is None:
            continue
        subjects[bounds] = (subject, unit)
        sentence = context.text[bounds[0] : bounds[1]]
        yearly = " par an" if _lexicon().yearly.search(sentence) and "par an" not in unit else ""
        qualifier = "" if match["unit"] else " " + _share_of(context.text, match.end())
        yield Reading(
            "quantity",
            subject,
            None,
            "quantity.figure",
            kind="figure",
            unit=(unit + qualifier).strip() + yearly,
            value=_value(match),
            status="done",
            anchor=match.start(),
            confidence=0.7,
        )


def _figures(text: str) -> list[re.Match[str]]:
    """Figures with their unit, and shares of the previous one ('dont 10 000 à l'étranger')."""
    found = list(_lexicon().figure.finditer(text)) + list(_SHARE.finditer(text))
    return sorted(found, key=lambda m: m.start())


def _share_of(text: str, offset: int) -> str:
    return " ".join(re.split(r"[,.;]", text[offset : offset + 60])[0].split()[:2])


def _subject(context: Context, offset: int, previous: Mention | None) -> Mention | None:
    """A pronoun subject's antecedent ('il pilote 30 centres'); else the organization of the
    figure's clause; else the previous figure's subject in the same sentence."""
    start, _ = context.sentence_of(offset)
    local_start = max(context.text.rfind(c, start, offset) for c in ",;:(") + 1
    local_start = max(local_start, start)
    if _PRONOUN.match(context.text[local_start:offset]):
        return context.before(start)
    sentence = context.sentence(offset)
    clause = clause_at(sentence, offset - start)
    clause_start = start + max(0, sentence.find(clause))
    in_clause = [
        m for m in context.in_sentence(offset) if clause_start <= m.start and m.end <= offset
    ]
    if in_clause:
        last = in_clause[-1]
        return None if re.fullmatch(r"\s*(?:,|et)\s*", context.text[last.end : offset]) else last
    return previous


def _value(match: re.Match[str]) -> float:
    digits = re.sub(r"[\u00a0\u202f  .]", "", match["number"]).replace(",", ".")
    value = float(digits)
    if match["thousands"]:
        value *= 1e9 if "milliard" in match["thousands"].lower() else 1e6
    return value
