"""indexes for the query layer: an entity's facts by confidence and by predicate and date,
newest facts, an entity's documents, byte-order name prefixes and word prefixes of names

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 17:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

INDEXES = {
    "facts": {
        "ix_facts_subject_confidence": ["subject_id", "confidence"],
        "ix_facts_object_confidence": ["object_id", "confidence"],
        # With curation inside, an entity's page counts its facts from the index alone.
        "ix_facts_subject_predicate_date": ["subject_id", "predicate", "date", "curation"],
        "ix_facts_object_predicate_date": ["object_id", "predicate", "date", "curation"],
        "ix_facts_date": ["date"],
    },
    "mentions": {"ix_mentions_entity_document": ["entity_id", "document_id"]},
}

# SQLite: an FTS5 index of the words of every alias, kept in step by triggers, so that
# "lorr" finds "Université de Lorraine" without scanning every name.
SQLITE_WORDS = [
    "CREATE VIRTUAL TABLE aliases_words USING fts5(normalized, content='aliases', "
    "content_rowid='id', prefix='2 3 4')",
    "CREATE TRIGGER aliases_words_insert AFTER INSERT ON aliases BEGIN "
    "INSERT INTO aliases_words(rowid, normalized) VALUES (new.id, new.normalized); END",
    "CREATE TRIGGER aliases_words_delete AFTER DELETE ON aliases BEGIN "
    "INSERT INTO aliases_words(aliases_words, rowid, normalized) "
    "VALUES ('delete', old.id, old.normalized); END",
    "CREATE TRIGGER aliases_words_update AFTER UPDATE ON aliases BEGIN "
    "INSERT INTO aliases_words(aliases_words, rowid, normalized) "
    "VALUES ('delete', old.id, old.normalized); "
    "INSERT INTO aliases_words(rowid, normalized) VALUES (new.id, new.normalized); END",
    "INSERT INTO aliases_words(aliases_words) VALUES ('rebuild')",
]


# PostgreSQL cannot read an ascending index backwards as "date DESC NULLS LAST" (SQLite
# can, NULLs being smallest there), so it gets these two in the order pages read them.
NEWEST_FIRST = {"ix_facts_subject_predicate_date", "ix_facts_object_predicate_date"}


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    for table, indexes in INDEXES.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            for name, columns in indexes.items():
                batch_op.create_index(name, _ordered(name, columns, dialect), unique=False)
    if dialect == "postgresql":
        # Name prefixes are searched as byte-order ranges, which a collated index cannot serve.
        op.create_index("ix_aliases_normalized_c", "aliases", [sa.text('normalized COLLATE "C"')])
        op.create_index(
            "ix_aliases_words",
            "aliases",
            [sa.text("to_tsvector('simple', normalized)")],
            postgresql_using="gin",
        )
    elif dialect == "sqlite":
        for statement in SQLITE_WORDS:
            op.execute(statement)


def _ordered(name: str, columns: list[str], dialect: str) -> list[str | sa.TextClause]:
    if dialect != "postgresql" or name not in NEWEST_FIRST:
        return list(columns)
    return [sa.text("date DESC NULLS LAST") if c == "date" else c for c in columns]


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        op.drop_index("ix_aliases_words", table_name="aliases")
        op.drop_index("ix_aliases_normalized_c", table_name="aliases")
    elif dialect == "sqlite":
        for trigger in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS aliases_words_{trigger}")
        op.execute("DROP TABLE IF EXISTS aliases_words")
    for table, indexes in INDEXES.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            for name in indexes:
                batch_op.drop_index(name)
