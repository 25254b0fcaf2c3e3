"""The one way the core talks to its database.

`Store` opens the engine (SQLite with WAL and a busy timeout, or PostgreSQL), upgrades the
schema, loads the knowledge files into their tables when they changed, reads the
knowledge back, and writes the question log and feedback. Log writes never raise at the
caller: they are retried a few times, then counted and logged.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, overload

from sqlalchemy import (
    Connection,
    Engine,
    create_engine,
    delete,
    event,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from bot.errors import StorageError
from bot.knowledge import (
    Contributor,
    Entity,
    Fact,
    KnowledgeBase,
    Quote,
    Role,
    Source,
    SourceRole,
    Topic,
    knowledge_hash,
    load_knowledge,
)
from bot.knowledge.loader import shared_hash, source_hash
from bot.matching.index import Indexed
from bot.storage import models as m
from bot.storage.search import index_hash, stored_index_hash, write_index
from bot.storage.spool import Spool
from bot.storage.writer import LogWriter

log = logging.getLogger(__name__)

_LOCK_KEY = 0x456E766F79  # "Envoy": the PostgreSQL advisory lock for schema and knowledge
_BUSY_TIMEOUT_MS = 15_000  # how long a SQLite statement waits for a writer to finish
_LOCK_WAIT_MS = 600_000  # how long a SQLite process waits for another to load the knowledge
_WRITE_ATTEMPTS = 3
SPOOL_ROWS = 200_000
"""Question-log rows kept on disk at most, while the database is away (about 380 bytes
each, 73 MiB in all, measured by bench/outage.py)."""
_KNOWLEDGE_TABLES = (
    m.SourceRoleRow,
    m.QuoteSpeakerRow,
    m.FactEntityRow,
    m.QuoteRow,
    m.FactRow,
    m.AliasRow,
    m.ParagraphRow,
    m.TopicRow,
    m.EntityRow,
    m.SourceRow,
    m.KnowledgeState,
)


@dataclass(frozen=True, slots=True)
class LoggedQuestion:
    """What the question log keeps of one answer."""

    id: str
    platform: str
    command: str
    text: str
    answered: bool
    matched: Sequence[str]
    score: float
    latency_ms: float
    asker_hash: str | None
    created_at: datetime | None = None


def question_row(entry: LoggedQuestion) -> dict[str, Any]:
    """The question-log row of `entry`, as it is queued and written: bounded, and with
    nothing in it a database refuses (`storable`)."""
    return {
        "id": storable(entry.id),
        "platform": storable(entry.platform)[:20],
        "command": storable(entry.command)[:20],
        "text": storable(entry.text)[: m.QUESTION_TEXT_LIMIT],
        "answered": entry.answered,
        "matched": [storable(item) for item in list(entry.matched)[:20]],
        "score": float(entry.score),
        "latency_ms": float(entry.latency_ms),
        "asker_hash": storable(entry.asker_hash),
        "created_at": entry.created_at or m.utc_now(),
    }


def _busy_timeout(connection: Connection, milliseconds: int) -> None:
    """Set how long SQLite waits for a lock, on the driver's connection (outside any
    transaction SQLAlchemy would begin)."""
    cursor = connection.connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout={int(milliseconds)}")
    finally:
        cursor.close()


def make_engine(url: str) -> Engine:
    """An engine for `url`: SQLite gets its directory, WAL and a busy timeout."""
    if url.startswith("sqlite"):
        path = url.split("///", 1)[1] if "///" in url else ""
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": _BUSY_TIMEOUT_MS / 1000})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(connection: Any, _record: Any) -> None:
            connection.isolation_level = None  # transactions begin in _sqlite_begin below
            cursor = connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute(f"PRAGMA busy_timeout={_BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _sqlite_begin(connection: Connection) -> None:
            # IMMEDIATE takes the write lock up front, so processes starting together
            # queue for schema and knowledge changes instead of colliding.
            immediate = connection.get_execution_options().get("sqlite_immediate", False)
            connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

        return engine
    return create_engine(
        url,
        pool_pre_ping=True,
        pool_size=5,
        max_overflow=10,
        pool_recycle=1800,
        connect_args={"connect_timeout": 5},
    )


class Store:
    """Schema, knowledge and logs in one database.

    With a `spool_dir`, question-log rows that cannot be written while the database is
    away are kept there (beyond what memory holds, and at close), and rows found there
    (left by this or another process) are written as soon as the database answers."""

    def __init__(self, url: str, *, spool_dir: Path | None = None) -> None:
        self.url = url
        self.engine = make_engine(url)
        self._failed = 0
        self._spool = Spool(spool_dir, SPOOL_ROWS) if spool_dir is not None else None
        self._writer: LogWriter | None = None
        self._writer_lock = threading.Lock()
        if self._spool is not None:
            self._log_writer()  # at once: rows left on disk are written without waiting

    @property
    def is_postgres(self) -> bool:
        return self.engine.dialect.name == "postgresql"

    def close(self) -> None:
        """Write what the question log still holds (or keep it on disk while the database
        is away), then close every pooled connection."""
        if self._writer is not None:
            self._writer.close()
            self._writer = None
        self.engine.dispose()

    def flush(self, timeout: float = 30.0) -> bool:
        """Wait until every queued question-log row is written (or given up)."""
        return self._writer.flush(timeout) if self._writer is not None else True

    def _flush_unless_away(self) -> None:
        """Read-your-writes before a lookup, without waiting out an outage."""
        if self._writer is not None:
            self._writer.flush(timeout=5.0, until_outage=True)

    @property
    def failed_writes(self) -> int:
        """Rows given up: feedback here; question-log rows the database refused or that
        memory and disk had no room for, in the writer."""
        writer = self._writer
        return self._failed + (writer.failed + writer.dropped if writer is not None else 0)

    def log_status(self) -> dict[str, Any]:
        """The question log's buffer: whether the database is away, rows waiting in
        memory and on disk, rows dropped and refused so far."""
        writer = self._writer
        return {
            "outage": writer.outage if writer is not None else False,
            "in_memory": writer.queued() if writer is not None else 0,
            "on_disk": self._spool.rows() if self._spool is not None else 0,
            "dropped": writer.dropped if writer is not None else 0,
            "refused": writer.failed if writer is not None else 0,
        }

    def check(self) -> None:
        """Raise StorageError naming DATABASE_URL if the database cannot be reached."""
        try:
            with self.engine.connect() as connection:
                connection.exec_driver_sql("SELECT 1")
        except SQLAlchemyError as error:
            raise StorageError(
                f"cannot reach the database ({self.engine.url.render_as_string()}): "
                f"{_first_line(error)}. Check DATABASE_URL."
            ) from None

    @contextmanager
    def _locked(self) -> Iterator[Connection]:
        """A transaction holding the schema-and-knowledge lock (advisory on PostgreSQL,
        the write lock on SQLite), so processes starting together take turns. Both wait
        as long as a first process may take to load a large knowledge base and its index:
        PostgreSQL without limit, SQLite up to _LOCK_WAIT_MS instead of its busy timeout."""
        with self.engine.connect() as plain:
            if not self.is_postgres:
                _busy_timeout(plain, _LOCK_WAIT_MS)
            connection = plain.execution_options(sqlite_immediate=True)
            try:
                with connection.begin():
                    if self.is_postgres:
                        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_LOCK_KEY})")
                    yield connection
            finally:
                if not self.is_postgres:
                    _busy_timeout(plain, _BUSY_TIMEOUT_MS)

    # -- schema ------------------------------------------------------------------

    def upgrade(self) -> None:
        """Create or upgrade the schema to the newest migration."""
        from bot.storage.migrate import upgrade_to_head  # noqa: PLC0415 (alembic is slow)

        try:
            with self._locked() as connection:
                upgrade_to_head(connection)
        except SQLAlchemyError as error:
            raise StorageError(f"cannot upgrade the database: {_first_line(error)}") from None

    # -- knowledge ---------------------------------------------------------------

    def stored_hash(self) -> str | None:
        """The content hash of the knowledge in the database, if any."""
        with self.engine.connect() as connection:
            return connection.scalar(select(m.KnowledgeState.content_hash).limit(1))

    def sync_knowledge(self, root: Path) -> bool:
        """Load the knowledge files under `root` if they differ from what is stored.

        Idempotent: equal files (by content hash) change nothing. Returns whether it
        reloaded. Raises KnowledgeError for invalid files; the database is then untouched.
        """
        current = knowledge_hash(root)
        if self.stored_hash() == current:
            return False
        kb = load_knowledge(root, include_unreviewed=True)
        shared = shared_hash(root)
        digests = {source_id: source_hash(root, source_id) for source_id in kb.sources}
        with self._locked() as connection:
            state = connection.execute(select(m.KnowledgeState).limit(1)).first()
            if state is not None and state.content_hash == current:
                return False
            if state is None or state.global_hash != shared:
                for table in _KNOWLEDGE_TABLES:
                    connection.execute(delete(table))
                _insert_shared(connection, kb, shared)
                for source_id, digest in digests.items():
                    _insert_source(connection, kb, source_id, digest)
                log.info("knowledge loaded: %d sources", len(digests))
                return True
            stored = dict(
                connection.execute(select(m.SourceRow.id, m.SourceRow.content_hash)).all()
            )
            changed = [s for s, d in digests.items() if stored.get(s) != d]
            for source_id in [s for s in stored if s not in digests] + changed:
                _delete_source(connection, source_id)
            for source_id in changed:
                _insert_source(connection, kb, source_id, digests[source_id])
            connection.execute(update(m.KnowledgeState).values(content_hash=current))
        log.info("knowledge reloaded: sources %s", ", ".join(changed) or "removed only")
        return True

    def ensure_index(self, build: Callable[[KnowledgeBase], Iterable[Indexed]]) -> bool:
        """Rebuild the stored document index if it was built from other knowledge.

        `build` turns the whole knowledge (drafts included: they are flagged) into
        indexed documents. Returns whether it rebuilt."""
        current = self.stored_hash()
        with self.engine.connect() as connection:
            if stored_index_hash(connection) == index_hash(current):
                return False
        kb = self.read_knowledge(include_unreviewed=True)
        with self._locked() as connection:
            if stored_index_hash(connection) == index_hash(kb.content_hash):
                return False
            count = write_index(connection, build(kb), index_hash(kb.content_hash))
        log.info("document index built: %d documents", count)
        return True

    def document_count(self) -> int:
        """Documents in the stored index."""
        return self.count(m.DocumentRow)

    def read_metadata(self) -> KnowledgeBase:
        """The knowledge without its facts, quotes and paragraph texts: what answering
        needs in memory when documents come from the stored index."""
        with self.engine.connect() as connection:
            return _read_knowledge(connection, include_unreviewed=False, metadata_only=True)

    def read_knowledge(self, *, include_unreviewed: bool = False) -> KnowledgeBase:
        """The knowledge as stored, drafts left out unless asked for."""
        with self.engine.connect() as connection:
            return _read_knowledge(connection, include_unreviewed)

    # -- question log and feedback -----------------------------------------------

    def log_question(self, entry: LoggedQuestion) -> bool:
        """Queue a row for the question log, written in the background in batches
        (retried, then counted and logged). Never raises, never waits for the database."""
        self._log_writer().put(question_row(entry))
        return True

    def _log_writer(self) -> LogWriter:
        with self._writer_lock:
            if self._writer is None:
                self._writer = LogWriter(
                    self._insert_questions, reachable=self.reachable, spool=self._spool
                )
            return self._writer

    def _insert_questions(self, rows: list[dict[str, Any]]) -> None:
        """Insert question-log rows; a row whose id is already there is skipped (a retry
        after a commit whose acknowledgement was lost writes nothing twice)."""
        with self.engine.begin() as connection:
            connection.execute(self._insert_ignoring_known(m.QuestionLogRow), rows)

    def _insert_ignoring_known(self, model: type[m.Base]) -> Any:
        if self.is_postgres:
            return postgresql_insert(model).on_conflict_do_nothing()
        return sqlite_insert(model).on_conflict_do_nothing()

    def reachable(self) -> bool:
        """Whether the database would take a write now: PostgreSQL answers; SQLite's
        write lock can be had within the busy timeout."""
        try:
            with self.engine.connect() as plain:
                connection = plain.execution_options(sqlite_immediate=not self.is_postgres)
                with connection.begin():
                    connection.exec_driver_sql("SELECT 1")
        except SQLAlchemyError:
            return False
        return True

    def record_feedback(
        self,
        answer_id: str,
        helpful: bool,
        platform: str,
        asker_hash: str | None,
        note: str | None = None,
        kind: str = m.FEEDBACK_RATING,
    ) -> bool:
        """Record feedback on a logged answer. False if the answer is unknown."""
        self._flush_unless_away()
        try:
            with self.engine.connect() as connection:
                known = connection.scalar(
                    select(func.count()).where(m.QuestionLogRow.id == answer_id[:32])
                )
        except SQLAlchemyError as error:
            log.warning("feedback lookup failed: %s", _first_line(error))
            known = 1  # the answer may well exist: try to write
        if not known:
            return False
        statement = insert(m.FeedbackRow).values(
            answer_id=answer_id[:32],
            helpful=helpful,
            kind=kind,
            platform=storable(platform)[:20],
            asker_hash=storable(asker_hash),
            note=(note or None) and storable(note)[: m.QUESTION_TEXT_LIMIT],
        )
        return self._write(statement, "feedback")

    def claim(self, key: str, ttl: timedelta) -> bool:
        """Claim `key` for `ttl`: True for the first claimer, False while it is held.

        Fails open (True) when the database cannot answer: a rare double answer is
        better than none."""
        now = datetime.now(UTC)
        key = key[:200]
        try:
            with self.engine.begin() as connection:
                connection.execute(
                    delete(m.ClaimRow).where(m.ClaimRow.key == key, m.ClaimRow.expires_at < now)
                )
                connection.execute(insert(m.ClaimRow).values(key=key, expires_at=now + ttl))
        except IntegrityError:
            return False
        except SQLAlchemyError as error:
            log.warning("claim failed, allowing: %s", _first_line(error))
        return True

    def loaded_question(self, answer_id: str) -> tuple[str, str] | None:
        """The command and text of a logged question, or None."""
        self._flush_unless_away()
        with self.engine.connect() as connection:
            row = connection.execute(
                select(m.QuestionLogRow.command, m.QuestionLogRow.text).where(
                    m.QuestionLogRow.id == answer_id[:32]
                )
            ).first()
        return (row[0], row[1]) if row is not None else None

    def purge(self, older_than: timedelta) -> int:
        """Delete question-log rows (and their feedback) older than `older_than`."""
        self.flush()
        cutoff = datetime.now(UTC) - older_than
        with self.engine.begin() as connection:
            old = select(m.QuestionLogRow.id).where(m.QuestionLogRow.created_at < cutoff)
            connection.execute(delete(m.FeedbackRow).where(m.FeedbackRow.answer_id.in_(old)))
            result = connection.execute(
                delete(m.QuestionLogRow).where(m.QuestionLogRow.created_at < cutoff)
            )
        return int(result.rowcount or 0)

    def count(self, model: type[m.Base]) -> int:
        """Rows in one table (for reports, health checks and tests)."""
        self.flush()
        with self.engine.connect() as connection:
            return int(connection.scalar(select(func.count()).select_from(model)) or 0)

    def _write(self, statement: Any, what: str) -> bool:
        for attempt in range(1, _WRITE_ATTEMPTS + 1):
            try:
                with self.engine.begin() as connection:
                    connection.execute(statement)
                return True
            except SQLAlchemyError as error:
                if attempt == _WRITE_ATTEMPTS:
                    self._failed += 1
                    log.warning(
                        "%s write failed after %d attempts (%d failed so far): %s",
                        what,
                        attempt,
                        self._failed,
                        _first_line(error),
                    )
                    return False
                time.sleep(0.05 * attempt)
        return False


_SURROGATE = re.compile("[\ud800-\udfff]")


@overload
def storable(text: str) -> str: ...
@overload
def storable(text: None) -> None: ...
def storable(text: str | None) -> str | None:
    """`text` as every database takes it: no NUL (PostgreSQL refuses it), lone surrogates
    as U+FFFD (no database encoding has them)."""
    if text is None:
        return None
    return _SURROGATE.sub("\ufffd", text.replace("\x00", ""))


def _first_line(error: BaseException) -> str:
    text = str(getattr(error, "orig", None) or error)
    return text.strip().splitlines()[0][:300] if text.strip() else type(error).__name__


def _rows(connection: Connection, model: type[m.Base], items: list[dict[str, Any]]) -> None:
    if items:
        connection.execute(insert(model), items)


def _insert_shared(connection: Connection, kb: KnowledgeBase, global_hash: str) -> None:
    """The knowledge every source shares: state, entities, aliases, topics."""
    _rows(
        connection,
        m.KnowledgeState,
        [
            {
                "id": 1,
                "content_hash": kb.content_hash,
                "global_hash": global_hash,
                "synonyms": [list(g) for g in kb.synonyms],
            }
        ],
    )
    _rows(
        connection,
        m.EntityRow,
        [
            {
                "id": e.id,
                "name": e.name,
                "kind": e.kind,
                "related": list(e.related),
                "role_text": e.role.text if e.role else None,
                "role_source": e.role.source if e.role else None,
                "role_paragraph": e.role.paragraph if e.role else None,
                "role_evidence": e.role.evidence if e.role else None,
                "reviewed": e.reviewed,
            }
            for e in kb.entities.values()
        ],
    )
    _rows(
        connection,
        m.AliasRow,
        [
            {"entity_id": e.id, "position": i, "alias": a}
            for e in kb.entities.values()
            for i, a in enumerate(e.aliases)
        ],
    )
    _rows(
        connection,
        m.TopicRow,
        [
            {"id": t.id, "name": t.name, "summary": t.summary, "aliases": list(t.aliases)}
            for t in kb.topics.values()
        ],
    )


def _delete_source(connection: Connection, source_id: str) -> None:
    for model in (
        m.SourceRoleRow,
        m.QuoteSpeakerRow,
        m.FactEntityRow,
        m.QuoteRow,
        m.FactRow,
        m.ParagraphRow,
    ):
        connection.execute(delete(model).where(model.source_id == source_id))
    connection.execute(delete(m.SourceRow).where(m.SourceRow.id == source_id))


def _insert_source(connection: Connection, kb: KnowledgeBase, source_id: str, digest: str) -> None:
    """One source's rows: metadata, paragraphs, quotes, facts and the roles it gives."""
    source = kb.sources[source_id]
    quotes = [q for q in kb.quotes if q.source == source_id]
    facts = [f for f in kb.facts if f.source == source_id]
    _rows(
        connection,
        m.SourceRow,
        [
            {
                "id": source.id,
                "title": source.title,
                "outlet": source.outlet,
                "published": source.published,
                "url": source.url,
                "content_hash": digest,
                "contributors": [
                    {"name": c.name, "entity": c.entity, "note": c.note}
                    for c in source.contributors
                ],
            }
        ],
    )
    _rows(
        connection,
        m.ParagraphRow,
        [
            {"source_id": source.id, "number": n, "text": text}
            for n, text in enumerate(source.paragraphs, start=1)
        ],
    )
    _rows(
        connection,
        m.QuoteRow,
        [
            {
                "source_id": q.source,
                "id": q.id,
                "position": i,
                "paragraph": q.paragraph,
                "text": q.text,
                "partial": q.partial,
                "when": q.when,
                "where": q.where,
                "audience": q.audience,
                "topics": list(q.topics),
                "about": list(q.about),
                "reviewed": q.reviewed,
            }
            for i, q in enumerate(quotes)
        ],
    )
    _rows(
        connection,
        m.QuoteSpeakerRow,
        [
            {"source_id": q.source, "quote_id": q.id, "entity_id": s, "position": i}
            for q in quotes
            for i, s in enumerate(q.speakers)
        ],
    )
    _rows(
        connection,
        m.FactRow,
        [
            {
                "source_id": f.source,
                "id": f.id,
                "position": i,
                "paragraph": f.paragraph,
                "statement": f.statement,
                "evidence": f.evidence,
                "attribution": f.attribution,
                "topics": list(f.topics),
                "answers": list(f.answers),
                "questions": list(f.questions),
                "reviewed": f.reviewed,
            }
            for i, f in enumerate(facts)
        ],
    )
    _rows(
        connection,
        m.FactEntityRow,
        [
            {"source_id": f.source, "fact_id": f.id, "entity_id": e, "position": i}
            for f in facts
            for i, e in enumerate(f.entities)
        ],
    )
    _rows(
        connection,
        m.SourceRoleRow,
        [
            {
                "source_id": r.role.source,
                "entity_id": r.entity,
                "position": i,
                "text": r.role.text,
                "paragraph": r.role.paragraph,
                "evidence": r.role.evidence,
                "reviewed": r.reviewed,
            }
            for i, r in enumerate(x for x in kb.source_roles if x.role.source == source_id)
        ],
    )


def _read_knowledge(
    connection: Connection, include_unreviewed: bool, *, metadata_only: bool = False
) -> KnowledgeBase:
    state = connection.execute(select(m.KnowledgeState).limit(1)).first()
    if state is None:
        raise StorageError("the database holds no knowledge yet; run: envoy db reload")
    paragraphs: dict[str, list[str]] = {}
    rows = (
        ()
        if metadata_only
        else connection.execute(
            select(m.ParagraphRow).order_by(m.ParagraphRow.source_id, m.ParagraphRow.number)
        ).all()
    )
    for row in rows:
        paragraphs.setdefault(row.source_id, []).append(row.text)
    sources = {
        s.id: Source(
            id=s.id,
            title=s.title,
            paragraphs=tuple(paragraphs.get(s.id, ())),
            contributors=tuple(Contributor(**c) for c in s.contributors),
            outlet=s.outlet,
            published=s.published,
            url=s.url,
        )
        for s in connection.execute(select(m.SourceRow).order_by(m.SourceRow.id)).all()
    }
    aliases: dict[str, list[str]] = {}
    for alias in connection.execute(
        select(m.AliasRow).order_by(m.AliasRow.entity_id, m.AliasRow.position)
    ).all():
        aliases.setdefault(alias.entity_id, []).append(alias.alias)
    entities = {}
    for e in connection.execute(select(m.EntityRow).order_by(m.EntityRow.id)).all():
        role = None
        if e.role_text is not None and e.role_source and e.role_paragraph and e.role_evidence:
            role = Role(e.role_text, e.role_source, e.role_paragraph, e.role_evidence)
        entities[e.id] = Entity(
            id=e.id,
            name=e.name,
            kind=e.kind,
            aliases=tuple(aliases.get(e.id, ())),
            role=role,
            related=tuple(e.related),
            reviewed=e.reviewed,
        )
    if not include_unreviewed:
        used = _entities_in_reviewed_items(connection)
        entities = {k: e for k, e in entities.items() if e.reviewed or k in used}
    topics = {
        t.id: Topic(id=t.id, name=t.name, summary=t.summary, aliases=tuple(t.aliases))
        for t in connection.execute(select(m.TopicRow).order_by(m.TopicRow.id)).all()
    }
    quotes = () if metadata_only else _read_quotes(connection, include_unreviewed)
    facts = () if metadata_only else _read_facts(connection, include_unreviewed)
    roles = tuple(
        r
        for r in _read_source_roles(connection)
        if r.entity in entities and (r.reviewed or include_unreviewed)
    )
    return KnowledgeBase(
        sources=sources,
        entities=entities,
        topics=topics,
        quotes=quotes,
        facts=facts,
        synonyms=tuple(tuple(g) for g in state.synonyms),
        content_hash=state.content_hash,
        source_roles=roles,
    )


def _read_source_roles(connection: Connection) -> tuple[SourceRole, ...]:
    rows = connection.execute(
        select(m.SourceRoleRow).order_by(m.SourceRoleRow.source_id, m.SourceRoleRow.position)
    ).all()
    return tuple(
        SourceRole(
            entity=r.entity_id,
            role=Role(r.text, r.source_id, r.paragraph, r.evidence),
            reviewed=r.reviewed,
        )
        for r in rows
    )


def _read_quotes(connection: Connection, include_unreviewed: bool) -> tuple[Quote, ...]:
    speakers: dict[tuple[str, str], list[str]] = {}
    for s in connection.execute(
        select(m.QuoteSpeakerRow).order_by(m.QuoteSpeakerRow.position)
    ).all():
        speakers.setdefault((s.source_id, s.quote_id), []).append(s.entity_id)
    return tuple(
        Quote(
            id=q.id,
            source=q.source_id,
            speakers=tuple(speakers.get((q.source_id, q.id), ())),
            paragraph=q.paragraph,
            text=q.text,
            partial=q.partial,
            when=q.when,
            where=q.where,
            audience=q.audience,
            topics=tuple(q.topics),
            about=tuple(q.about),
            reviewed=q.reviewed,
        )
        for q in connection.execute(
            select(m.QuoteRow).order_by(m.QuoteRow.source_id, m.QuoteRow.position)
        ).all()
        if q.reviewed or include_unreviewed
    )


def _read_facts(connection: Connection, include_unreviewed: bool) -> tuple[Fact, ...]:
    fact_entities: dict[tuple[str, str], list[str]] = {}
    for fe in connection.execute(select(m.FactEntityRow).order_by(m.FactEntityRow.position)).all():
        fact_entities.setdefault((fe.source_id, fe.fact_id), []).append(fe.entity_id)
    return tuple(
        Fact(
            id=f.id,
            source=f.source_id,
            paragraph=f.paragraph,
            statement=f.statement,
            evidence=f.evidence,
            attribution=f.attribution,
            entities=tuple(fact_entities.get((f.source_id, f.id), ())),
            topics=tuple(f.topics),
            answers=tuple(f.answers),
            questions=tuple(f.questions),
            reviewed=f.reviewed,
        )
        for f in connection.execute(
            select(m.FactRow).order_by(m.FactRow.source_id, m.FactRow.position)
        ).all()
        if f.reviewed or include_unreviewed
    )


def _entities_in_reviewed_items(connection: Connection) -> set[str]:
    """Entities some reviewed quote or fact needs (a draft entity they need is served)."""
    speakers = (
        select(m.QuoteSpeakerRow.entity_id)
        .join(
            m.QuoteRow,
            (m.QuoteRow.source_id == m.QuoteSpeakerRow.source_id)
            & (m.QuoteRow.id == m.QuoteSpeakerRow.quote_id),
        )
        .where(m.QuoteRow.reviewed.is_(True))
    )
    named = (
        select(m.FactEntityRow.entity_id)
        .join(
            m.FactRow,
            (m.FactRow.source_id == m.FactEntityRow.source_id)
            & (m.FactRow.id == m.FactEntityRow.fact_id),
        )
        .where(m.FactRow.reviewed.is_(True))
    )
    return {row[0] for row in connection.execute(speakers.union(named))}
