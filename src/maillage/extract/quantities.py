"""quantity: figures about an institution ('l'ENSMM forme chaque année 900 élèves ingénieurs',
'il pilote un réseau de 30 centres régionaux', 'près de 80 000 élèves')."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from ..models import Mention
from ..resources import load_json
from .context import Context, Reading, is_complement
from .modality import clause_at

_DIGITS = r"\d{1,3}(?:[\u00a0\u202f  .]\d{3})+|\d+(?:,\d+)?"
_NUMBER = rf"(?P<number>{_DIGITS})"
_SHARE = re.compile(
    rf"\bdont\s+(?:près de\s+|plus de\s+)?{_NUMBER}(?P<thousands>)(?P<unit>)(?![\d%])", re.I
)
_DETERMINER = re.compile(r"\b(?:les|ces|ses|leurs|aux|des|nos|vos|deux)\s+$", re.I)
_PRONOUN = re.compile(
    r"^\s*(?:et\s+)?(?:il|elle|l['’]école|l['’]établissement|l['’]université|celle-ci|celui-ci)\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class _Lexicon:
    figure: re.Pattern[str]
    yearly: re.Pattern[str]
    words: dict[str, int]


_ABOUT = ("près de", "plus de", "environ", "quelque", "au moins", "moins de", "pas moins de")


@cache
def _lexicon() -> _Lexicon:
    raw = load_json("quantities.json")
    units = "|".join(raw["units"])
    words = "|".join(sorted(raw["number_words"], key=len, reverse=True))
    number = (
        rf"(?P<number>\d{{1,3}}(?:[\u00a0\u202f  .]\d{{3}})+|\d+(?:,\d+)?|(?:une\s+)?(?:{words}))"
    )
    # A figure starts with a digit or the first letter of 'une', a number word or an 'about':
    # the lookahead passes over every other position at once (the same matches, faster).
    firsts = {word[0] for word in (*raw["number_words"], "une", *_ABOUT)}
    starts = r"(?=[\d" + "".join(re.escape(c) for c in sorted(firsts)) + "])"
    figure = re.compile(
        rf"(?<![\d,.]){starts}(?:\b(?:{'|'.join(_ABOUT)})\s+)?"
        rf"{number}"
        rf"(?P<thousands>\s+(?:millions?|milliards?))?\s+(?:d['’])?(?P<unit>{units})(?![\w-])",
        re.I,
    )
    return _Lexicon(figure, re.compile(raw["yearly"], re.I), dict(raw["number_words"]))


def find_quantities(context: Context) -> Iterator[Reading]:
    subjects: dict[tuple[int, int], tuple[Mention, str]] = {}
    for match in _figures(context.text):
        bounds = context.sentence_of(match.start())
        previous = subjects.get(bounds)
        if _referring(context.text, match):
            continue
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


def _referring(text: str, match: re.Match[str]) -> bool:
    """'les deux campus', 'ses trois écoles': a number word after a determiner refers, it
    does not count."""
    if match["number"][:1].isdigit():
        return False
    return bool(_DETERMINER.search(text[max(0, match.start() - 8) : match.start()]))


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
        return context.topic_before(start)
    sentence = context.sentence(offset)
    clause = clause_at(sentence, offset - start)
    clause_start = start + max(0, sentence.find(clause))
    in_clause = [
        m for m in context.in_sentence(offset) if clause_start <= m.start and m.end <= offset
    ]
    if in_clause:
        last = in_clause[-1]
        if re.fullmatch(r"\s*(?:,|et)\s*", context.text[last.end : offset]):
            return None  # 'l'IMT et 6 écoles': the figure is a co-subject, not about the IMT
        heads = [m for m in in_clause if not is_complement(context.text, m)]
        return heads[-1] if heads else in_clause[0]
    return previous


def _value(match: re.Match[str]) -> float:
    word = match["number"].lower().removeprefix("une").strip()
    if word in _lexicon().words:
        return float(_lexicon().words[word])
    digits = re.sub(r"[\u00a0\u202f  .]", "", match["number"]).replace(",", ".")
    value = float(digits)
    if match["thousands"]:
        value *= 1e9 if "milliard" in match["thousands"].lower() else 1e6
    return value
