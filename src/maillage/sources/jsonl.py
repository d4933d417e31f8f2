"""JSONL dumps: one article per line (text, content or html, plus metadata)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, BinaryIO

from ..errors import InputError, MalformedInput, TooDeep, TooLarge
from ..models import Quarantined, RawDocument
from .dates import parse_publication_date
from .decoding import decode, storable
from .html import read_html
from .text import clean_text

TEXT_FIELDS = ("text", "content")


def read_jsonl(
    stream: BinaryIO, source: str, cap: int, max_depth: int
) -> Iterator[RawDocument | Quarantined]:
    """Yield one document per good line and one quarantine entry per bad line."""
    for number, line in enumerate(_capped_lines(stream, cap), start=1):
        position = f"line {number}"
        if line is None:
            yield Quarantined.from_error(
                source, position, TooLarge(f"line is over the {cap:,} byte cap.")
            )
            continue
        if not line.strip():
            continue
        try:
            yield _parse_line(line, source, position, max_depth)
        except InputError as exc:
            yield Quarantined.from_error(source, position, exc)


def _capped_lines(stream: BinaryIO, cap: int) -> Iterator[bytes | None]:
    """Lines of a stream; None in place of a line longer than `cap` (never held whole)."""
    while True:
        line = stream.readline(cap + 1)
        if not line:
            return
        if len(line) > cap and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = stream.readline(cap + 1)
            yield None
        else:
            yield line


def _parse_line(line: bytes, source: str, position: str, max_depth: int) -> RawDocument:
    record = load_json(line)
    if not isinstance(record, dict):
        raise MalformedInput("the line is JSON but not an object.")
    return parse_record(record, source, position, max_depth)


def load_json(data: bytes) -> Any:
    """The JSON value of some bytes; invalid or recursion-bomb JSON is an input error."""
    try:
        return json.loads(decode(data).text)
    except json.JSONDecodeError as exc:
        raise MalformedInput(
            f"invalid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})."
        ) from exc
    except RecursionError:
        raise TooDeep(
            "the JSON is nested too deeply to be an article (a recursion bomb?).",
            "An article is one object with a 'text', 'content' or 'html' string.",
        ) from None


def is_article_json(value: Any) -> bool:
    """An article object, or an array holding at least one (gold files and metadata are not)."""
    candidates = value if isinstance(value, list) else [value]
    return any(isinstance(c, dict) and _text_field(c) for c in candidates)


def _text_field(record: dict[str, Any]) -> str | None:
    return next((name for name in (*TEXT_FIELDS, "html") if _string(record, name)), None)


def read_json(value: Any, source: str, max_depth: int) -> Iterator[RawDocument | Quarantined]:
    """A .json file's value: one article object, or an array of them."""
    records = value if isinstance(value, list) else [value]
    for number, record in enumerate(records, start=1):
        position = f"item {number}" if isinstance(value, list) else ""
        try:
            if not isinstance(record, dict):
                raise MalformedInput("the JSON value is not an article object.")
            yield parse_record(record, source, position, max_depth)
        except InputError as exc:
            yield Quarantined.from_error(source, position, exc)


def parse_record(record: dict[str, Any], source: str, position: str, max_depth: int) -> RawDocument:
    """An article from a JSON object with text/content/html and optional metadata."""
    document = _document_from(record, source, position, max_depth)
    document.url = _string(record, "url") or document.url
    document.title = _string(record, "title") or document.title
    document.author = _string(record, "author") or document.author
    published = _string(record, "published") or _string(record, "date")
    document.published = parse_publication_date(published) or document.published
    document.format = "jsonl"
    return document


def _document_from(
    record: dict[str, Any], source: str, position: str, max_depth: int
) -> RawDocument:
    name = _text_field(record)
    if name is None:
        raise MalformedInput("the object has no 'text', 'content' or 'html' string.")
    text = _string(record, name) or ""
    if name == "html":
        document = read_html(text, source, position, max_depth)
    else:
        cleaned = clean_text(text)
        document = RawDocument(
            text=cleaned.text,
            source=source,
            position=position,
            title=cleaned.title,
            author=cleaned.author,
            published=cleaned.published,
        )
    if text != record[name]:
        document.encoding = "utf-8 (replaced)"  # lone surrogates or NUL escapes in the JSON
    return document


def _string(record: dict[str, Any], key: str) -> str | None:
    """A non-blank string field, as every database can store it."""
    value = record.get(key)
    return storable(value) if isinstance(value, str) and value.strip() else None
