"""Plain-text articles: drop press furniture lines, keep bylines as metadata."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..resources import load_json
from .dates import parse_publication_date


@dataclass(slots=True)
class CleanText:
    text: str
    title: str | None = None
    author: str | None = None
    published: str | None = None


@dataclass(frozen=True, slots=True)
class _Rules:
    drop: re.Pattern[str]
    credit: re.Pattern[str]
    read_more: re.Pattern[str]
    bylines: tuple[re.Pattern[str], ...]
    separators: re.Pattern[str]
    marks: tuple[re.Pattern[str], ...]
    name: re.Pattern[str]


@cache
def _rules() -> _Rules:
    raw = load_json("boilerplate.json")
    drop = re.compile("|".join(f"(?:{p})" for p in raw["drop_lines"]), re.IGNORECASE)
    return _Rules(
        drop=drop,
        credit=re.compile(raw["credit_suffix"], re.IGNORECASE),
        read_more=re.compile(raw["read_more_suffix"], re.IGNORECASE),
        bylines=(
            re.compile(raw["byline"], re.IGNORECASE),
            re.compile(raw["byline_by"], re.IGNORECASE),
        ),
        separators=re.compile(raw["byline_separators"]),
        marks=tuple(re.compile(p, re.IGNORECASE) for p in raw["byline_marks"]),
        name=re.compile(raw["byline_name"]),
    )


def clean_text(text: str) -> CleanText:
    """Remove page furniture from an article's lines; return text and metadata."""
    rules = _rules()
    result = CleanText(text="")
    kept: list[str] = []
    seen_short: set[str] = set()
    for raw_line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw_line.strip()
        if _take_byline(line, rules, result) or rules.drop.fullmatch(line):
            continue
        line = rules.read_more.sub("", rules.credit.sub("", line)).rstrip()
        if line and len(line) < 200 and line in seen_short:
            continue  # repeated headline or furniture
        seen_short.add(line)
        kept.append(line)
    kept = _drop_teasers(kept)
    result.text = re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()
    result.title = _title(kept)
    return result


def _take_byline(line: str, rules: _Rules, result: CleanText) -> bool:
    if len(line) > 160:
        return False
    if _take_segmented_byline(line, rules, result):
        return True
    if len(line) > 120:
        return False
    for pattern in rules.bylines:
        match = pattern.match(line)
        if match:
            result.author = result.author or match["author"]
            result.published = result.published or parse_publication_date(match["date"])
            return True
    return False


def _take_segmented_byline(line: str, rules: _Rules, result: CleanText) -> bool:
    """'Le Quotidien | Jeanne Martin | Publié le 3/4/2022', 'Dépêche n°12 · Paris, 3 mai 2021 ·
    Paul Roy', 'Par Paul Roy – 3 mai 2021 | mis à jour …': a name next to a publication mark."""
    segments = [s.strip() for s in rules.separators.split(line) if s.strip()]
    if len(segments) < 2:
        return False
    marks = [m for s in segments for m in (_mark(s, rules),) if m is not None]
    names = [m["author"] for s in segments if (m := rules.name.match(s))]
    if not marks or not names:
        return False
    result.author = result.author or names[0]
    dates = [m.groupdict().get("date") for m in marks]
    published = next((d for d in map(parse_publication_date, filter(None, dates)) if d), None)
    result.published = result.published or published
    return True


def clean_author(author: str | None) -> str | None:
    """A page's author field as a name: 'Par Jeanne Martin; Mis à jour à' → 'Jeanne Martin'."""
    if not author:
        return None
    rules = _rules()
    for segment in re.split(r"[;,]|" + rules.separators.pattern, author):
        match = rules.name.match(segment.strip())
        if match:
            return match["author"]
    return None


def _mark(segment: str, rules: _Rules) -> re.Match[str] | None:
    return next((m for p in rules.marks if (m := p.fullmatch(segment))), None)


def _drop_teasers(lines: list[str]) -> list[str]:
    """Drop 'first words of the article…' teasers that repeat a later paragraph."""
    kept = []
    for i, line in enumerate(lines):
        stem = line.rstrip("…").rstrip(".").rstrip()
        is_teaser = line.endswith(("…", "...")) and len(stem) > 30
        if is_teaser and any(later.startswith(stem) for later in lines[i + 1 :]):
            continue
        kept.append(line)
    return kept


def _title(lines: list[str]) -> str | None:
    first = next((line for line in lines if line), None)
    if first and len(first) <= 200 and not first.endswith((".", ":", ",")):
        return first
    return None
