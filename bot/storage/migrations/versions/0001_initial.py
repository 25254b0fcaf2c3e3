"""The first schema: knowledge tables, the question log and feedback.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "knowledge_state",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("loaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("synonyms", sa.JSON, nullable=False),
    )
    op.create_table(
        "sources",
        sa.Column("id", sa.String(80), primary_key=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("contributors", sa.JSON, nullable=False),
        sa.Column("outlet", sa.Text),
        sa.Column("published", sa.Text),
        sa.Column("url", sa.Text),
    )
    op.create_table(
        "paragraphs",
        sa.Column(
            "source_id",
            sa.String(80),
            sa.ForeignKey("sources.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("number", sa.Integer, primary_key=True),
        sa.Column("text", sa.Text, nullable=False),
    )
    op.create_table(
        "entities",
        sa.Column("id", sa.String(80), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("role_text", sa.Text),
        sa.Column("role_source", sa.String(80)),
        sa.Column("role_paragraph", sa.Integer),
        sa.Column("role_evidence", sa.Text),
        sa.Column("related", sa.JSON, nullable=False),
    )
    op.create_table(
        "aliases",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "entity_id",
            sa.String(80),
            sa.ForeignKey("entities.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("alias", sa.Text, nullable=False),
    )
    op.create_index("ix_aliases_entity", "aliases", ["entity_id"])
    op.create_table(
        "topics",
        sa.Column("id", sa.String(80), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("summary", sa.Text, nullable=False),
        sa.Column("aliases", sa.JSON, nullable=False),
    )
    op.create_table(
        "quotes",
        sa.Column(
            "source_id",
            sa.String(80),
            sa.ForeignKey("sources.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("id", sa.String(120), primary_key=True),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("paragraph", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("partial", sa.Boolean, nullable=False),
        sa.Column("when", sa.Text),
        sa.Column("where", sa.Text),
        sa.Column("audience", sa.Text),
        sa.Column("topics", sa.JSON, nullable=False),
        sa.Column("about", sa.JSON, nullable=False),
        sa.Column("reviewed", sa.Boolean, nullable=False),
    )
    op.create_table(
        "quote_speakers",
        sa.Column("source_id", sa.String(80), primary_key=True),
        sa.Column("quote_id", sa.String(120), primary_key=True),
        sa.Column(
            "entity_id",
            sa.String(80),
            sa.ForeignKey("entities.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("position", sa.Integer, nullable=False),
        sa.ForeignKeyConstraint(
            ["source_id", "quote_id"], ["quotes.source_id", "quotes.id"], ondelete="CASCADE"
        ),
    )
    op.create_table(
        "facts",
        sa.Column(
            "source_id",
            sa.String(80),
            sa.ForeignKey("sources.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("id", sa.String(120), primary_key=True),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("paragraph", sa.Integer, nullable=False),
        sa.Column("statement", sa.Text, nullable=False),
        sa.Column("evidence", sa.Text, nullable=False),
        sa.Column("attribution", sa.Text),
        sa.Column("topics", sa.JSON, nullable=False),
        sa.Column("answers", sa.JSON, nullable=False),
        sa.Column("questions", sa.JSON, nullable=False),
        sa.Column("reviewed", sa.Boolean, nullable=False),
    )
    op.create_table(
        "fact_entities",
        sa.Column("source_id", sa.String(80), primary_key=True),
        sa.Column("fact_id", sa.String(120), primary_key=True),
        sa.Column(
            "entity_id",
            sa.String(80),
            sa.ForeignKey("entities.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("position", sa.Integer, nullable=False),
        sa.ForeignKeyConstraint(
            ["source_id", "fact_id"], ["facts.source_id", "facts.id"], ondelete="CASCADE"
        ),
    )
    op.create_index("ix_fact_entities_entity", "fact_entities", ["entity_id"])
    op.create_table(
        "question_log",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("platform", sa.String(20), nullable=False),
        sa.Column("command", sa.String(20), nullable=False),
        sa.Column("text", sa.String(500), nullable=False),
        sa.Column("answered", sa.Boolean, nullable=False),
        sa.Column("matched", sa.JSON, nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("latency_ms", sa.Float, nullable=False),
        sa.Column("asker_hash", sa.String(64)),
    )
    op.create_index("ix_question_log_created", "question_log", ["created_at"])
    op.create_index("ix_question_log_asker", "question_log", ["asker_hash", "created_at"])
    op.create_table(
        "feedback",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "answer_id",
            sa.String(32),
            sa.ForeignKey("question_log.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("helpful", sa.Boolean, nullable=False),
        sa.Column("platform", sa.String(20), nullable=False),
        sa.Column("asker_hash", sa.String(64)),
        sa.Column("note", sa.String(500)),
    )
    op.create_index("ix_feedback_answer_id", "feedback", ["answer_id"])


def downgrade() -> None:
    for table in (
        "feedback",
        "question_log",
        "fact_entities",
        "facts",
        "quote_speakers",
        "quotes",
        "topics",
        "aliases",
        "entities",
        "paragraphs",
        "sources",
        "knowledge_state",
    ):
        op.drop_table(table)
