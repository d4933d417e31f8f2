"""Dataclasses that flow between the pipeline stages."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field, fields
from typing import Any

from .errors import InputError

_SPACES = re.compile(r"\s+")


def normalize_text(text: str) -> str:
    """The form of a text that decides whether two articles are the same."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def document_id(text: str) -> str:
    """Content address of an article: the same text from any file gives the same id."""
    # surrogatepass: any str has an id, even one a reader did not clean (lone surrogates)
    digest = hashlib.sha256(normalize_text(text).encode("utf-8", "surrogatepass")).hexdigest()
    return f"d-{digest[:24]}"


@dataclass(slots=True)
class RawDocument:
    """An article as a reader found it, before it gets its content id."""

    text: str
    source: str
    position: str = ""
    format: str = "text"
    encoding: str | None = None
    url: str | None = None
    title: str | None = None
    author: str | None = None
    published: str | None = None
    language: str | None = None


@dataclass(slots=True)
class Document:
    id: str
    text: str
    source: str
    position: str = ""
    format: str = "text"
    encoding: str | None = None
    url: str | None = None
    title: str | None = None
    author: str | None = None
    published: str | None = None
    language: str | None = None

    @classmethod
    def from_raw(cls, raw: RawDocument) -> Document:
        metadata = {f.name: getattr(raw, f.name) for f in fields(raw)}
        text = raw.text.strip()
        return cls(**{**metadata, "text": text, "id": document_id(text)})


@dataclass(slots=True)
class Quarantined:
    """An input item that could not be read, and why."""

    source: str
    position: str
    reason: str
    code: str

    @classmethod
    def from_error(cls, source: str, position: str, error: InputError) -> Quarantined:
        return cls(
            source=source, position=error.position or position, reason=str(error), code=error.code
        )


@dataclass(slots=True)
class Skipped:
    """A file found in a folder that is not an article (README, gold JSON, dotfile...)."""

    source: str
    reason: str


@dataclass(slots=True)
class Evidence:
    document: str
    start: int
    end: int
    text: str
    rule: str
    pipeline_version: str


@dataclass(slots=True)
class Mention:
    entity: str
    document: str
    start: int
    end: int
    text: str
    field: str = "text"


@dataclass(slots=True)
class Entity:
    """An entity as one document sees it; `key` is stable across documents."""

    key: str
    type: str
    name: str
    kind: str | None = None
    acronym: str | None = None
    aliases: list[str] = field(default_factory=list)
    city: str | None = None
    gazetteer: str | None = None


@dataclass(slots=True)
class Fact:
    predicate: str
    subject: str
    object: str | None = None
    value: float | None = None
    date: str | None = None
    end_date: str | None = None
    status: str = "done"
    kind: str | None = None
    qualifiers: dict[str, Any] = field(default_factory=dict)
    confidence: float = 0.5
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(slots=True)
class ExtractionRecord:
    """Everything extraction found in one document: the unit loaded into the store."""

    document: Document
    entities: list[Entity] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    pipeline_version: str = ""
    problem: str | None = None  # why extraction failed; the document is still stored
