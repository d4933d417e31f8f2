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
    bylines: tuple[re.Pattern[str], ...]


@cache
def _rules() -> _Rules:
    raw = load_json("boilerplate.json")
    drop = re.compile("|".join(f"(?:{p})" for p in raw["drop_lines"]), re.IGNORECASE)
    return _Rules(
        drop=drop,
        credit=re.compile(raw["credit_suffix"], re.IGNORECASE),
        bylines=(
            re.compile(raw["byline"], re.IGNORECASE),
            re.compile(raw["byline_by"], re.IGNORECASE),
        ),
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
        line = rules.credit.sub("", line).rstrip()
        if line and len(line) < 200 and line in seen_short:
            continue  # repeated headline or furniture
        seen_short.add(line)
        kept.append(line)
    kept = _drop_teasers(kept)
    result.text = re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()
    result.title = _title(kept)
    return result


def _take_byline(line: str, rules: _Rules, result: CleanText) -> bool:
    if len(line) > 120:
        return False
    for pattern in rules.bylines:
        match = pattern.match(line)
        if match:
            result.author = result.author or match["author"]
            result.published = result.published or parse_publication_date(match["date"])
            return True
    return False


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
