"""The database schema, as typed SQLAlchemy 2 models.

Knowledge tables mirror the YAML files and are replaced as a whole when the files
change (`knowledge_state.content_hash` says when). The question log and feedback are
the only data that accumulate; they never hold a raw user id, only a keyed hash.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    String,
    Text,
    func,
)
from sqlalchemy import true as sa_true
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

QUESTION_TEXT_LIMIT = 500
"""Questions are logged cut to this many characters."""


def utc_now() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    """Base of every model; its metadata is the schema."""


class KnowledgeState(Base):
    """Which knowledge files are loaded: one row."""

    __tablename__ = "knowledge_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64))
    loaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    synonyms: Mapped[list[list[str]]] = mapped_column(JSON, default=list)
    index_hash: Mapped[str | None] = mapped_column(String(80))
    global_hash: Mapped[str | None] = mapped_column(String(64))


class SourceRow(Base):
    __tablename__ = "sources"

    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    contributors: Mapped[list[dict[str, str | None]]] = mapped_column(JSON, default=list)
    outlet: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    content_hash: Mapped[str | None] = mapped_column(String(64))
    loaded_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utc_now, server_default=func.now()
    )


class ParagraphRow(Base):
    __tablename__ = "paragraphs"

    source_id: Mapped[str] = mapped_column(
        ForeignKey("sources.id", ondelete="CASCADE"), primary_key=True
    )
    number: Mapped[int] = mapped_column(Integer, primary_key=True)
    text: Mapped[str] = mapped_column(Text)


class EntityRow(Base):
    __tablename__ = "entities"

    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(20))
    role_text: Mapped[str | None] = mapped_column(Text)
    role_source: Mapped[str | None] = mapped_column(String(80))
    role_paragraph: Mapped[int | None] = mapped_column(Integer)
    role_evidence: Mapped[str | None] = mapped_column(Text)
    related: Mapped[list[str]] = mapped_column(JSON, default=list)
    reviewed: Mapped[bool] = mapped_column(Boolean, default=True, server_default=sa_true())


class SourceRoleRow(Base):
    """The role one source gives a shared entity, as of that source (its `roles.yaml`)."""

    __tablename__ = "source_roles"

    source_id: Mapped[str] = mapped_column(
        ForeignKey("sources.id", ondelete="CASCADE"), primary_key=True
    )
    entity_id: Mapped[str] = mapped_column(
        ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    paragraph: Mapped[int] = mapped_column(Integer)
    evidence: Mapped[str] = mapped_column(Text)
    reviewed: Mapped[bool] = mapped_column(Boolean, default=True)


class AliasRow(Base):
    __tablename__ = "aliases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entity_id: Mapped[str] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    alias: Mapped[str] = mapped_column(Text)

    __table_args__ = (Index("ix_aliases_entity", "entity_id"),)


class TopicRow(Base):
    __tablename__ = "topics"

    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    summary: Mapped[str] = mapped_column(Text)
    aliases: Mapped[list[str]] = mapped_column(JSON, default=list)


class QuoteRow(Base):
    __tablename__ = "quotes"

    source_id: Mapped[str] = mapped_column(
        ForeignKey("sources.id", ondelete="CASCADE"), primary_key=True
    )
    id: Mapped[str] = mapped_column(String(120), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    paragraph: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    partial: Mapped[bool] = mapped_column(Boolean)
    when: Mapped[str | None] = mapped_column(Text)
    where: Mapped[str | None] = mapped_column(Text)
    audience: Mapped[str | None] = mapped_column(Text)
    topics: Mapped[list[str]] = mapped_column(JSON, default=list)
    about: Mapped[list[str]] = mapped_column(JSON, default=list)
    reviewed: Mapped[bool] = mapped_column(Boolean, default=True)


class QuoteSpeakerRow(Base):
    __tablename__ = "quote_speakers"

    source_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    quote_id: Mapped[str] = mapped_column(String(120), primary_key=True)
    entity_id: Mapped[str] = mapped_column(
        ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer)

    __table_args__ = (
        ForeignKeyConstraint(
            ["source_id", "quote_id"], ["quotes.source_id", "quotes.id"], ondelete="CASCADE"
        ),
    )


class FactRow(Base):
    __tablename__ = "facts"

    source_id: Mapped[str] = mapped_column(
        ForeignKey("sources.id", ondelete="CASCADE"), primary_key=True
    )
    id: Mapped[str] = mapped_column(String(120), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    paragraph: Mapped[int] = mapped_column(Integer)
    statement: Mapped[str] = mapped_column(Text)
    evidence: Mapped[str] = mapped_column(Text)
    attribution: Mapped[str | None] = mapped_column(Text)
    topics: Mapped[list[str]] = mapped_column(JSON, default=list)
    answers: Mapped[list[str]] = mapped_column(JSON, default=list)
    questions: Mapped[list[str]] = mapped_column(JSON, default=list)
    reviewed: Mapped[bool] = mapped_column(Boolean, default=True)


class FactEntityRow(Base):
    __tablename__ = "fact_entities"

    source_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    fact_id: Mapped[str] = mapped_column(String(120), primary_key=True)
    entity_id: Mapped[str] = mapped_column(
        ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer)

    __table_args__ = (
        ForeignKeyConstraint(
            ["source_id", "fact_id"], ["facts.source_id", "facts.id"], ondelete="CASCADE"
        ),
        Index("ix_fact_entities_entity", "entity_id"),
    )


class DocumentRow(Base):
    """One answerable document (fact, quote or role) with its matching features.

    `terms` and `names` are space-separated search tokens, indexed for full text (an FTS5
    table on SQLite, a generated tsvector with a GIN index on PostgreSQL)."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    key: Mapped[str] = mapped_column(String(300), unique=True)
    source_id: Mapped[str] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(10))
    paragraph: Mapped[int] = mapped_column(Integer)
    statement: Mapped[str] = mapped_column(Text)
    citation: Mapped[str] = mapped_column(Text)
    features: Mapped[dict[str, object]] = mapped_column(JSON)
    terms: Mapped[str] = mapped_column(Text)
    names: Mapped[str] = mapped_column(Text)

    __table_args__ = (
        Index("ix_documents_paragraph", "source_id", "paragraph"),
        Index("ix_documents_kind", "kind"),
    )


class ClaimRow(Base):
    """A key some process has claimed until `expires_at` (e.g. a Slack event id)."""

    __tablename__ = "claims"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class SourceTermStatRow(Base):
    """How many documents of one source hold each term (for that source's term weights)."""

    __tablename__ = "source_term_stats"

    source_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    term: Mapped[str] = mapped_column(String(200), primary_key=True)
    documents: Mapped[int] = mapped_column(Integer)


class TermStatRow(Base):
    """How many documents hold each search term (for term weights)."""

    __tablename__ = "term_stats"

    term: Mapped[str] = mapped_column(String(200), primary_key=True)
    documents: Mapped[int] = mapped_column(Integer)


class QuestionLogRow(Base):
    """One answered or declined question. `asker_hash` is a keyed hash, never an id."""

    __tablename__ = "question_log"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    platform: Mapped[str] = mapped_column(String(20))
    command: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(String(QUESTION_TEXT_LIMIT))
    answered: Mapped[bool] = mapped_column(Boolean)
    matched: Mapped[list[str]] = mapped_column(JSON, default=list)
    score: Mapped[float] = mapped_column(Float)
    latency_ms: Mapped[float] = mapped_column(Float)
    asker_hash: Mapped[str | None] = mapped_column(String(64))

    __table_args__ = (
        Index("ix_question_log_created", "created_at"),
        Index("ix_question_log_asker", "asker_hash", "created_at"),
    )


FEEDBACK_RATING = "rating"
FEEDBACK_PROBLEM = "problem"


class FeedbackRow(Base):
    """A helpful / not helpful rating, or a problem report, on one logged answer."""

    __tablename__ = "feedback"
    __table_args__ = (Index("ix_feedback_kind_created", "kind", "created_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    answer_id: Mapped[str] = mapped_column(
        ForeignKey("question_log.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    helpful: Mapped[bool] = mapped_column(Boolean)
    kind: Mapped[str] = mapped_column(String(20), default="rating", server_default="rating")
    platform: Mapped[str] = mapped_column(String(20))
    asker_hash: Mapped[str | None] = mapped_column(String(64))
    note: Mapped[str | None] = mapped_column(String(QUESTION_TEXT_LIMIT))
