"""Schema migrations keep what accumulated: the question log and feedback survive."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import text

from bot.storage import Store
from bot.storage.migrate import current_revision, head_revision, upgrade_to_head


def test_upgrade_from_the_first_migration_keeps_rows(database_url: str) -> None:
    store = Store(database_url)
    try:
        with store.engine.begin() as connection:
            upgrade_to_head(connection, "0001")
            assert current_revision(connection) == "0001"
            connection.execute(
                text(
                    "INSERT INTO question_log (id, created_at, platform, command, text, "
                    "answered, matched, score, latency_ms, asker_hash) VALUES (:id, :at, "
                    "'slack', 'ask', 'who is the dni', :yes, '[]', 0.9, 1.0, 'h')"
                ),
                {"id": "a" * 32, "at": datetime.now(UTC), "yes": True},
            )
            connection.execute(
                text(
                    "INSERT INTO feedback (answer_id, created_at, helpful, platform, "
                    "asker_hash, note) VALUES (:id, :at, :no, 'slack', 'h', 'typo')"
                ),
                {"id": "a" * 32, "at": datetime.now(UTC), "no": False},
            )
        store.upgrade()
        with store.engine.connect() as connection:
            assert current_revision(connection) == head_revision()
            assert connection.execute(text("SELECT count(*) FROM question_log")).scalar() == 1
            row: Any = connection.execute(text("SELECT kind, note, helpful FROM feedback")).one()
        assert (row.kind, row.note, bool(row.helpful)) == ("rating", "typo", False)
        store.upgrade()  # idempotent at head
    finally:
        store.close()


def test_problem_reports_reach_the_report(envoy: Any) -> None:
    from datetime import timedelta

    from bot.answers import Question
    from bot.report import build_report

    answer = envoy.handle(Question("ask", "who is the dni", "slack", "U1"))
    assert envoy.report_problem(answer.answer_id, platform="slack", asker="U1", note="old title")
    assert not envoy.report_problem("f" * 32, platform="slack", asker="U1")
    report = build_report(envoy.store.engine, timedelta(days=1))
    assert [(p.question, p.note) for p in report.problems] == [("who is the dni", "old title")]
    assert report.not_helpful == []


def test_the_migrations_build_the_roles_table_the_models_describe(database_url: str) -> None:
    from sqlalchemy import inspect

    from bot.storage import models as m

    store = Store(database_url)
    try:
        store.upgrade()
        with store.engine.connect() as connection:
            columns = {c["name"] for c in inspect(connection).get_columns("source_roles")}
            keys = inspect(connection).get_pk_constraint("source_roles")["constrained_columns"]
        assert columns == set(m.SourceRoleRow.__table__.columns.keys())
        assert set(keys) == {"source_id", "entity_id"}
    finally:
        store.close()
