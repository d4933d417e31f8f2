"""Hand-built extraction records: consolidation and curation tested without the NLP model."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from maillage.models import Document, Entity, Evidence, ExtractionRecord, Fact, Mention, RawDocument


@dataclass
class Article:
    """An article as extraction would see it: its entities and what it reports."""

    name: str
    published: str
    entities: list[Entity] = field(default_factory=list)
    facts: list[dict[str, Any]] = field(default_factory=list)

    def text(self) -> str:
        names = " ; ".join(e.name for e in self.entities)
        return f"{self.name}. {names}. " + " ".join(str(f) for f in self.facts)

    def record(self) -> ExtractionRecord:
        text = self.text()
        doc = Document.from_raw(
            RawDocument(text=text, source=f"{self.name}.txt", published=self.published)
        )
        mentions = [_mention(doc, text, e) for e in self.entities]
        facts = [_fact(doc, text, spec) for spec in self.facts]
        return ExtractionRecord(doc, [_copy(e) for e in self.entities], mentions, facts, "test")


def org(key: str, name: str, *aliases: str, gazetteer: str | None = None, **extra: Any) -> Entity:
    return Entity(
        f"org-{key}", "organization", name, aliases=list(aliases), gazetteer=gazetteer, **extra
    )


def person(key: str, name: str) -> Entity:
    return Entity(f"per-{key}", "person", name)


def report(predicate: str, subject: str, object: str | None, **values: Any) -> dict[str, Any]:
    return {"predicate": predicate, "subject": subject, "object": object, **values}


def _copy(entity: Entity) -> Entity:
    return replace(entity, aliases=list(entity.aliases))


def _mention(doc: Document, text: str, entity: Entity) -> Mention:
    start = text.index(entity.name)
    return Mention(entity.key, doc.id, start, start + len(entity.name), entity.name)


def _fact(doc: Document, text: str, spec: dict[str, Any]) -> Fact:
    values = {k: v for k, v in spec.items() if k not in ("predicate", "subject", "object")}
    # The article is one sentence: every fact's evidence spans it, as with real extraction.
    evidence = Evidence(doc.id, 0, len(text), text, "test.rule", "test")
    return Fact(spec["predicate"], spec["subject"], spec["object"], evidence=[evidence], **values)


def write(articles: list[Article], folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for article in articles:
        (folder / f"{article.name}.txt").write_text(article.text(), encoding="utf-8")
    return folder


def extractor_for(
    articles: list[Article],
) -> Callable[[Sequence[Document]], list[ExtractionRecord]]:
    """An extractor that returns each article's hand-built record (for ingest and reprocess);
    articles appended to the list later are found too."""

    def extract_one(document: Document) -> ExtractionRecord:
        [article] = [a for a in articles if a.name == Path(document.source).stem]
        record = article.record()
        record.document = replace(document, published=document.published or article.published)
        return record

    def extract(documents: Sequence[Document]) -> list[ExtractionRecord]:
        return [extract_one(document) for document in documents]

    return extract
