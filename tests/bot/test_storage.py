"""Storage on SQLite and PostgreSQL: idempotent knowledge, the question log, feedback."""

from __future__ import annotations

import shutil
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bot.answers import Question
from bot.errors import StorageError
from bot.knowledge import DEFAULT_KNOWLEDGE_DIR
from bot.service import Envoy
from bot.storage import Store
from bot.storage import models as m
from bot.storage import store as store_module
from tests.conftest import settings_for


def test_knowledge_loads_once_and_restarts_duplicate_nothing(envoy_factory: Any) -> None:
    first = envoy_factory()
    counts = [first.store.count(t) for t in (m.FactRow, m.QuoteRow, m.EntityRow, m.AliasRow)]
    assert counts[0] == len(first.kb.facts) > 0
    second = envoy_factory()
    assert second.store.sync_knowledge(second.settings.knowledge_dir) is False
    again = [second.store.count(t) for t in (m.FactRow, m.QuoteRow, m.EntityRow, m.AliasRow)]
    assert again == counts
    assert second.kb == first.kb


def test_the_knowledge_read_back_equals_the_files(envoy: Envoy, kb: Any) -> None:
    assert envoy.kb.facts == kb.facts
    assert envoy.kb.quotes == kb.quotes
    assert envoy.kb.entities == kb.entities
    assert envoy.kb.sources == kb.sources
    assert envoy.kb.synonyms == kb.synonyms


def test_changed_files_are_reloaded(envoy_factory: Any, tmp_path: Path) -> None:
    envoy = envoy_factory()
    copy = tmp_path / "knowledge"
    shutil.copytree(DEFAULT_KNOWLEDGE_DIR, copy)
    topics = copy / "topics.yaml"
    topics.write_text(topics.read_text().replace("name: Cease-fire", "name: Ceasefire"))
    assert envoy.store.sync_knowledge(copy) is True
    assert envoy.store.sync_knowledge(copy) is False
    assert envoy.store.read_knowledge().topics["cease-fire"].name == "Ceasefire"
    assert envoy.store.count(m.FactRow) == len(envoy.kb.facts)


def test_every_question_is_logged_with_a_keyed_hash_of_the_asker(envoy: Envoy) -> None:
    answered = envoy.handle(Question("ask", "When did Xi visit Moscow?", "slack", "U0SECRET"))
    declined = envoy.handle(Question("ask", "what about iran", "discord", "123456789"))
    envoy.store.flush()
    with envoy.store.engine.connect() as connection:
        rows = {r.id: r for r in connection.execute(select(m.QuestionLogRow))}
    first, second = rows[answered.answer_id], rows[declined.answer_id]
    assert (first.answered, second.answered) == (True, False)
    assert first.platform == "slack" and first.command == "ask"
    assert first.text == "when did xi visit moscow?"
    assert first.matched == ["fact:ukraine-diplomacy/xi-state-visit-moscow"]
    assert first.latency_ms >= 0 and 0 < first.score <= 1
    assert first.asker_hash and "U0SECRET" not in first.asker_hash
    assert first.asker_hash == envoy.hash_asker("slack", "U0SECRET")
    assert second.asker_hash != first.asker_hash


def test_logged_text_is_bounded_and_free_of_nul(envoy: Envoy) -> None:
    answer = envoy.handle(Question("ask", "crimea\u0000" + "x" * 5000, "cli", None))
    envoy.store.flush()
    with envoy.store.engine.connect() as connection:
        row = connection.execute(
            select(m.QuestionLogRow).where(m.QuestionLogRow.id == answer.answer_id)
        ).one()
    assert "\x00" not in row.text
    assert len(row.text) <= m.QUESTION_TEXT_LIMIT


def test_feedback_is_recorded_against_its_answer(envoy: Envoy) -> None:
    answer = envoy.handle(Question("ask", "who is the dni", "slack", "U1"))
    assert answer.answer_id
    assert envoy.feedback(answer.answer_id, True, platform="slack", asker="U1")
    assert envoy.feedback(answer.answer_id, False, platform="slack", asker="U2", note="typo")
    assert not envoy.feedback("0" * 32, True, platform="slack", asker="U1")
    envoy.store.flush()
    with envoy.store.engine.connect() as connection:
        rows = connection.execute(select(m.FeedbackRow)).all()
    assert sorted((r.answer_id, r.helpful) for r in rows) == [
        (answer.answer_id, False),
        (answer.answer_id, True),
    ]


def test_unreachable_database_is_one_clear_error(tmp_path: Path) -> None:
    settings = settings_for("postgresql+psycopg://nobody@127.0.0.1:1/none", tmp_path)
    with pytest.raises(StorageError, match="DATABASE_URL"):
        Envoy.start(settings)


def test_sqlite_runs_in_wal_mode(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'x.sqlite3'}")
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 15000
    store.close()


def test_a_sqlite_process_waits_longer_than_the_busy_timeout_for_the_knowledge_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A first process may hold the lock while it builds a large index for longer than
    SQLite's busy timeout; the next one waits for it instead of failing."""
    monkeypatch.setattr(store_module, "_BUSY_TIMEOUT_MS", 200)
    monkeypatch.setattr(store_module, "_LOCK_WAIT_MS", 10_000)
    path = tmp_path / "envoy.db"
    store = Store(f"sqlite:///{path}")
    try:
        store.upgrade()
        holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        holder.execute("BEGIN IMMEDIATE")
        threading.Timer(1.0, holder.execute, ("COMMIT",)).start()
        started = time.monotonic()
        with store._locked() as connection:
            waited = time.monotonic() - started
            connection.execute(select(m.KnowledgeState))
        assert waited >= 0.9  # far beyond the 200 ms busy timeout
        with store.engine.connect() as connection:  # the usual timeout is back
            assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 200
        holder.close()
    finally:
        store.close()


def test_roles_by_source_are_stored_and_served(envoy_factory: Any, tmp_path: Path) -> None:
    from bot.ingest import ALL, ingest_file, mark_reviewed
    from bot.knowledge import load_knowledge
    from tests.ingest.test_source_roles import PIER, PIER_ROLE

    copy = tmp_path / "knowledge"
    shutil.copytree(DEFAULT_KNOWLEDGE_DIR, copy)
    article = tmp_path / "pier.txt"
    article.write_text(PIER, encoding="utf-8")
    ingest_file(article, "pier", knowledge_dir=copy)
    meta = copy / "sources" / "pier" / "source.yaml"
    meta.write_text(
        meta.read_text(encoding="utf-8").replace(
            "published: null     # not given to the ingest", 'published: "2031-04-02"'
        ),
        encoding="utf-8",
    )
    mark_reviewed(copy, "pier", ALL)
    envoy = envoy_factory(ENVOY_KNOWLEDGE_DIR=copy)
    assert envoy.store.count(m.SourceRoleRow) == 1
    assert envoy.store.read_knowledge().source_roles == load_knowledge(copy).source_roles
    answer = envoy.handle(Question("ask", "Who is Trump?", "cli", None))
    assert answer.text == PIER_ROLE
    assert [(c.source_id, c.paragraph) for c in answer.citations] == [
        ("ukraine-diplomacy", 16),
        ("pier", 1),
    ]
    assert envoy.handle(Question("about", "Trump", "cli", None)).text.startswith(PIER_ROLE)
    (copy / "sources" / "pier" / "roles.yaml").unlink()  # one source changes: it reloads
    assert envoy.store.sync_knowledge(copy) is True
    assert envoy.store.count(m.SourceRoleRow) == 0
    assert envoy.store.read_knowledge().source_roles == ()
