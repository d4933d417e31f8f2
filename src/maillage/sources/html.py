"""HTML pages: guards against hostile markup, then trafilatura for the main text."""

from __future__ import annotations

import re
import warnings

import trafilatura
from trafilatura.settings import Document

from ..errors import MalformedInput, UnsafeInput
from ..models import RawDocument
from .dates import parse_publication_date
from .text import clean_author, clean_text

_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*?(/?)>")
_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
# Elements whose end tag HTML lets authors omit: counting them would inflate depth.
_OPTIONAL_END = frozenset(["p", "li", "td", "th", "tr", "option", "dt", "dd"])
_ENTITY_DECLARATION = re.compile(r"<!ENTITY", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return (
        head.startswith(("<!doctype html", "<html", "<?xml")) or "<body" in head or "<head" in head
    )


def read_html(html: str, source: str, position: str = "", max_depth: int = 400) -> RawDocument:
    """Main text and metadata of one HTML page."""
    _check_safe(html, max_depth)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        extracted = trafilatura.bare_extraction(
            html, include_comments=False, include_tables=True, with_metadata=True
        )
    if not isinstance(extracted, Document) or not (extracted.text or "").strip():
        raise MalformedInput(
            "no article text found in the HTML page.",
            "Check that the page holds an article and not only navigation.",
        )
    cleaned = clean_text(extracted.text or "")
    return RawDocument(
        text=cleaned.text,
        source=source,
        position=position,
        format="html",
        url=extracted.url,
        title=extracted.title or cleaned.title,
        author=clean_author(extracted.author) or cleaned.author,
        published=parse_publication_date(extracted.date) or cleaned.published,
        language=extracted.language,
    )


def _check_safe(html: str, max_depth: int) -> None:
    if _ENTITY_DECLARATION.search(html[:200_000]):
        raise UnsafeInput(
            "the page declares XML entities (a possible entity-expansion bomb).",
            "Articles never need entity declarations; remove them or save the page as text.",
        )
    depth = nesting_depth(html)
    if depth > max_depth:
        raise MalformedInput(
            f"elements are nested {depth:,} levels deep (limit {max_depth}).",
            "The page is malformed or hostile; save the article as text instead.",
        )


def nesting_depth(html: str) -> int:
    """Deepest element nesting, tolerant of unclosed tags (it never undercounts hostile pages)."""
    depth = deepest = 0
    for match in _TAG.finditer(html):
        closing, name, self_closing = match.group(1), match.group(2).lower(), match.group(3)
        if name in _VOID or name in _OPTIONAL_END or self_closing:
            continue
        if closing:
            depth = max(0, depth - 1)
        else:
            depth += 1
            deepest = max(deepest, depth)
    return deepest
