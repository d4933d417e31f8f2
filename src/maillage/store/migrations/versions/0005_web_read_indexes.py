"""indexes for the whole-network view (the strongest facts of the graph) and the review
queue (undecided facts, lowest confidence first)

Revision ID: 0005_web_read_indexes
Revises: 0004
Create Date: 2026-12-01 23:30:00
"""

from __future__ import annotations

from alembic import op

revision = "0005_web_read_indexes"
down_revision = "0004"
branch_labels = None
depends_on = None

INDEXES = {
    "ix_facts_confidence": ["confidence"],
    "ix_facts_curation_confidence": ["curation", "confidence"],
}


def upgrade() -> None:
    for name, columns in INDEXES.items():
        op.create_index(name, "facts", columns, unique=False)


def downgrade() -> None:
    for name in INDEXES:
        op.drop_index(name, table_name="facts")
