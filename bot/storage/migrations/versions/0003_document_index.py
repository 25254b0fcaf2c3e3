"""The document index: every answerable document with its matching features, searchable
by full text (SQLite FTS5; PostgreSQL tsvector with a GIN index), and term frequencies;
content hashes per source, so changing one source reloads only that source; and claims,
so processes behind one load balancer answer a retried delivery once.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("key", sa.String(300), nullable=False, unique=True),
        sa.Column("source_id", sa.String(80), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("paragraph", sa.Integer, nullable=False),
        sa.Column("statement", sa.Text, nullable=False),
        sa.Column("citation", sa.Text, nullable=False),
        sa.Column("features", sa.JSON, nullable=False),
        sa.Column("terms", sa.Text, nullable=False),
        sa.Column("names", sa.Text, nullable=False),
    )
    op.create_index("ix_documents_paragraph", "documents", ["source_id", "paragraph"])
    op.create_index("ix_documents_kind", "documents", ["kind"])
    op.create_table(
        "claims",
        sa.Column("key", sa.String(200), primary_key=True),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "term_stats",
        sa.Column("term", sa.String(200), primary_key=True),
        sa.Column("documents", sa.Integer, nullable=False),
    )
    with op.batch_alter_table("knowledge_state") as batch:
        batch.add_column(sa.Column("index_hash", sa.String(80)))
        batch.add_column(sa.Column("global_hash", sa.String(64)))
    with op.batch_alter_table("entities") as batch:
        batch.add_column(
            sa.Column("reviewed", sa.Boolean, nullable=False, server_default=sa.true())
        )
    with op.batch_alter_table("sources") as batch:
        batch.add_column(sa.Column("content_hash", sa.String(64)))
        batch.add_column(
            sa.Column("loaded_at", sa.DateTime(timezone=True), server_default=sa.func.now())
        )
    if op.get_bind().dialect.name == "postgresql":
        # A narrow table of its own keeps the rows the search visits few and small.
        op.execute(
            "CREATE TABLE document_search (id integer PRIMARY KEY REFERENCES documents (id) "
            "ON DELETE CASCADE, search tsvector NOT NULL)"
        )
        op.execute("CREATE INDEX ix_document_search ON document_search USING gin (search)")
    else:
        op.execute(
            "CREATE VIRTUAL TABLE documents_fts USING fts5("
            "terms, names, content='documents', content_rowid='id')"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TABLE document_search")
    else:
        op.execute("DROP TABLE documents_fts")
    with op.batch_alter_table("entities") as batch:
        batch.drop_column("reviewed")
    with op.batch_alter_table("sources") as batch:
        batch.drop_column("loaded_at")
        batch.drop_column("content_hash")
    with op.batch_alter_table("knowledge_state") as batch:
        batch.drop_column("global_hash")
        batch.drop_column("index_hash")
    op.drop_table("term_stats")
    op.drop_table("claims")
    op.drop_table("documents")
