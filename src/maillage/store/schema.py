"""The graph model of DESIGN.md as SQLAlchemy Core tables (the Alembic migrations create them)."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_name)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

documents = Table(
    "documents",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("source", Text, nullable=False),
    Column("position", String(64), nullable=False, default=""),
    Column("format", String(16), nullable=False),
    Column("url", Text),
    Column("title", Text),
    Column("author", Text),
    Column("published", String(10)),
    Column("language", String(8)),
    Column("encoding", String(32)),
    Column("text", Text, nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Column("pipeline_version", String(32), nullable=False),
)

entities = Table(
    "entities",
    metadata,
    Column("id", String(120), primary_key=True),
    Column("type", String(16), nullable=False),
    Column("kind", String(32)),
    Column("name", Text, nullable=False),
    Column("acronym", String(40)),
    Column("city", Text),
    Column("gazetteer", String(120)),
    Column("external_ids", JSON, nullable=False, default=dict),
    # Set when a curator merged this entity into another: readers follow the redirect.
    Column("merged_into", String(120)),
    Index("ix_entities_type_kind", "type", "kind"),
    Index("ix_entities_merged_into", "merged_into"),
)

aliases = Table(
    "aliases",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("entity_id", String(120), ForeignKey("entities.id", ondelete="CASCADE"), nullable=False),
    Column("name", Text, nullable=False),
    Column("normalized", String(400), nullable=False),
    Column("valid_from", String(10)),
    Column("valid_to", String(10)),
    UniqueConstraint("entity_id", "normalized", name="uq_aliases_entity_normalized"),
    Index("ix_aliases_normalized", "normalized"),
)

mentions = Table(
    "mentions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("entity_id", String(120), ForeignKey("entities.id", ondelete="CASCADE"), nullable=False),
    Column(
        "document_id", String(40), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False
    ),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("field", String(16), nullable=False, default="text"),
    Index("ix_mentions_entity", "entity_id"),
    Index("ix_mentions_document", "document_id"),
    Index("ix_mentions_entity_document", "entity_id", "document_id"),
)

facts = Table(
    "facts",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("predicate", String(32), nullable=False),
    Column(
        "subject_id", String(120), ForeignKey("entities.id", ondelete="CASCADE"), nullable=False
    ),
    Column("object_id", String(120), ForeignKey("entities.id", ondelete="CASCADE")),
    Column("value", Float),
    Column("date", String(10)),
    Column("date_precision", String(8)),
    Column("end_date", String(10)),
    Column("status", String(16), nullable=False),
    Column("kind", String(32)),
    Column("qualifiers", JSON, nullable=False, default=dict),
    Column("confidence", Float, nullable=False),
    Column("conflict", Boolean, nullable=False, default=False),
    Column("alternatives", JSON, nullable=False, default=list),
    # None until a curator decides: accepted | rejected | edited. Readers hide rejected facts.
    Column("curation", String(16)),
    # extracted | manual | imported
    Column("origin", String(16), nullable=False, default="extracted"),
    # Earlier values this fact replaced (a planned report superseded by a done one, an edit).
    Column("history", JSON, nullable=False, default=list),
    Index("ix_facts_subject", "subject_id"),
    Index("ix_facts_object", "object_id"),
    Index("ix_facts_predicate_date", "predicate", "date"),
    # Migration 0004: the query layer reads an entity's facts strongest or newest first.
    Index("ix_facts_subject_confidence", "subject_id", "confidence"),
    Index("ix_facts_object_confidence", "object_id", "confidence"),
    Index("ix_facts_subject_predicate_date", "subject_id", "predicate", "date", "curation"),
    Index("ix_facts_object_predicate_date", "object_id", "predicate", "date", "curation"),
    Index("ix_facts_date", "date"),
    # Migration 0005: the network view reads the strongest facts of the graph, the review
    # queue the undecided ones, lowest confidence first.
    Index("ix_facts_confidence", "confidence"),
    Index("ix_facts_curation_confidence", "curation", "confidence"),
)

evidence = Table(
    "evidence",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("fact_id", String(40), ForeignKey("facts.id", ondelete="CASCADE"), nullable=False),
    Column(
        "document_id", String(40), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False
    ),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("rule", String(80), nullable=False),
    Column("pipeline_version", String(32), nullable=False),
    Column("date", String(10)),
    Column("status", String(16)),
    # The report's own kind and confidence: consolidation recomputes the fact's from them.
    Column("kind", String(32)),
    Column("confidence", Float),
    Index("ix_evidence_fact", "fact_id"),
    Index("ix_evidence_document", "document_id"),
)

decisions = Table(
    "decisions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("target_type", String(16), nullable=False),
    Column("target", String(120), nullable=False),
    Column("action", String(16), nullable=False),
    Column("payload", JSON, nullable=False, default=dict),
    Column("author", Text, nullable=False),
    Column("reason", Text),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index("ix_decisions_target", "target"),
)

api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(80), nullable=False, unique=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("read_only", Boolean, nullable=False, default=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True)),
)

quarantine = Table(
    "quarantine",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", String(64), nullable=False, unique=True),
    Column("source", Text, nullable=False),
    Column("position", String(64), nullable=False),
    Column("code", String(8), nullable=False),
    Column("reason", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

# One row per ingest or reprocess: `stage` says how far it got (extracting, consolidating),
# `cursor` the last document a reprocess stored; a row left unfinished by a process that is
# gone is an interrupted run, which the next ingest or reprocess finishes.
runs = Table(
    "runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("command", String(16), nullable=False),
    Column("stage", String(16), nullable=False),
    Column("cursor", String(40)),
    Column("host", String(255), nullable=False),
    Column("pid", Integer, nullable=False),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True), index=True),
    Column("outcome", Text),
)
