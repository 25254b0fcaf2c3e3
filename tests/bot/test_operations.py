"""Operating Envoy: rate limits, retention, the newsroom's report, and redacted logs."""

from __future__ import annotations

import csv
import io
import json
import logging
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import update

from bot import messages
from bot.answers import Question
from bot.config import parse_duration
from bot.errors import ConfigError
from bot.logs import REDACTED, RedactSecrets, redact
from bot.ratelimit import MemoryRateLimiter
from bot.report import build_report, render
from bot.storage import models as m


def test_rate_limit_applies_per_asker_and_says_how_long(envoy_factory: Any) -> None:
    envoy = envoy_factory(ENVOY_RATE_LIMIT=3, ENVOY_RATE_WINDOW=60)
    answers = [envoy.handle(Question("ask", "who is the dni", "slack", "U1")) for _ in range(4)]
    assert [a.answered for a in answers] == [True, True, True, False]
    assert answers[3].matched == ("rate-limited",)
    assert "wait" in answers[3].text and answers[3].text.endswith("try again.")
    assert envoy.handle(Question("ask", "who is the dni", "slack", "U2")).answered
    assert envoy.handle(Question("ask", "who is the dni", "cli", None)).answered


def test_rate_limit_holds_across_processes_on_postgres(postgres_url: str, tmp_path: Any) -> None:
    from bot.service import Envoy
    from tests.conftest import settings_for

    settings = settings_for(postgres_url, tmp_path, ENVOY_RATE_LIMIT=2, ENVOY_RATE_WINDOW=60)
    first, second = Envoy.start(settings), Envoy.start(settings)

    def ask(envoy: Envoy, platform: str) -> bool:
        answered = envoy.handle(Question("ask", "crimea", platform, "42")).answered
        envoy.store.flush()  # each process writes its log rows within moments
        return answered

    try:
        assert ask(first, "discord")
        assert ask(second, "slack")  # the same user id on another platform: another asker
        assert ask(second, "discord")
        assert not ask(first, "discord")  # the third from this asker, across processes
    finally:
        first.close()
        second.close()


def test_memory_rate_limiter_window_slides() -> None:
    now = [0.0]
    limiter = MemoryRateLimiter(2, 10, clock=lambda: now[0])
    assert limiter.wait_seconds("a") == 0
    assert limiter.wait_seconds("a") == 0
    assert limiter.wait_seconds("a") == 10
    now[0] = 10.5
    assert limiter.wait_seconds("a") == 0


def test_purge_deletes_old_rows_and_their_feedback(envoy: Any) -> None:
    old = envoy.handle(Question("ask", "who is the dni", "slack", "U1"))
    new = envoy.handle(Question("ask", "who is qin gang", "slack", "U1"))
    envoy.feedback(old.answer_id, False, platform="slack", asker="U1")
    envoy.feedback(new.answer_id, True, platform="slack", asker="U1")
    with envoy.store.engine.begin() as connection:
        connection.execute(
            update(m.QuestionLogRow)
            .where(m.QuestionLogRow.id == old.answer_id)
            .values(created_at=datetime.now(UTC) - timedelta(days=100))
        )
    assert envoy.store.purge(parse_duration("90d")) == 1
    assert envoy.store.count(m.QuestionLogRow) == 1
    assert envoy.store.count(m.FeedbackRow) == 1


def test_report_counts_groups_and_lists_not_helpful(envoy: Any) -> None:
    for text, platform in [
        ("who is the dni", "slack"),
        ("who is the dni", "discord"),
        ("what did blinken say about iran", "slack"),
        ("what did blinken say about iran?", "discord"),
        ("what is the population of crimea", "slack"),
    ]:
        answer = envoy.handle(Question("ask", text, platform, "U9"))
    envoy.feedback(answer.answer_id, False, platform="slack", asker="U9", note="wrong")
    report = build_report(envoy.store.engine, timedelta(days=1))
    assert report.questions == 5
    assert report.answered == 2
    assert {(u.platform, u.command, u.questions) for u in report.usage} == {
        ("slack", "ask", 3),
        ("discord", "ask", 2),
    }
    assert report.most_asked[0].text == "who is the dni" and report.most_asked[0].count == 2
    iran = next(g for g in report.unanswered if "iran" in g.text)
    assert iran.count == 2
    assert [n.question for n in report.not_helpful] == ["what is the population of crimea"]
    assert report.not_helpful[0].note == "wrong"
    data = json.loads(render(report, "json"))
    assert data["answer_rate"] == 0.4
    rows = list(csv.DictReader(io.StringIO(render(report, "csv"))))
    assert {r["section"] for r in rows} >= {"total", "usage", "most_asked", "unanswered"}
    assert "Unanswered, grouped" in render(report, "text")


@pytest.mark.parametrize(("text", "seconds"), [("90d", 90 * 86400), ("12h", 43200), ("30m", 1800)])
def test_durations(text: str, seconds: int) -> None:
    assert parse_duration(text).total_seconds() == seconds


@pytest.mark.parametrize("text", ["", "d", "-1d", "10", "1y", "abc"])
def test_bad_durations_are_clear_errors(text: str) -> None:
    with pytest.raises(ConfigError, match="not a duration"):
        parse_duration(text)


def test_tokens_and_secrets_are_redacted_from_any_logger(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "s3cr3t-signing-value")
    bot_token = "xoxb-" + "1234567890-abcdefghij"
    discord_token = "MTA" + "x" * 21 + ".GhIjKl." + "y" * 38
    record = logging.LogRecord(
        "discord.gateway",
        logging.INFO,
        __file__,
        1,
        "token %s app %s secret %s url %s header %s",
        (
            bot_token,
            "xapp-1-A0-123-abc",
            "s3cr3t-signing-value",
            "postgresql://envoy:hunter2@db/envoy",
            "Authorization: Bot " + discord_token,
        ),
        None,
    )
    assert RedactSecrets().filter(record)
    text = record.getMessage()
    for secret in (
        bot_token,
        "xapp-1-A0-123-abc",
        "s3cr3t-signing-value",
        "hunter2",
        discord_token,
    ):
        assert secret not in text
    assert text.count(REDACTED) == 5
    assert redact("nothing to hide") == "nothing to hide"


def test_rate_limit_message_is_clear() -> None:
    assert messages.RATE_LIMITED.format(seconds=5).startswith("You're asking faster")


def test_replay_gives_the_logged_answer_without_logging_again(envoy_factory: Any) -> None:
    first = envoy_factory()
    answer = first.handle(Question("ask", "who said no limits", "slack", "U1"))
    assert first.replay(answer.answer_id) == answer
    second = envoy_factory()  # another process: not in its memory, read from the log
    again = second.replay(answer.answer_id)
    assert again is not None
    assert again.text == answer.text and again.citations == answer.citations
    assert second.replay("0" * 32) is None
    assert first.store.count(m.QuestionLogRow) == 1


def test_a_claim_is_held_across_processes(envoy_factory: Any) -> None:
    first, second = envoy_factory(), envoy_factory()
    assert first.claim("slack:event:Ev1", ttl_seconds=60)
    assert not second.claim("slack:event:Ev1", ttl_seconds=60)
    assert second.claim("slack:event:Ev2", ttl_seconds=60)
    assert first.claim("slack:event:Ev3", ttl_seconds=0)
    assert second.claim("slack:event:Ev3", ttl_seconds=60)  # the first one expired


def test_health_reports_database_knowledge_and_version(envoy: Any) -> None:
    from bot import __version__

    assert envoy.health() == {
        "status": "ok",
        "database": True,
        "knowledge": True,
        "version": __version__,
        "knowledge_files": "valid",
        "question_log": {
            "outage": False,
            "in_memory": 0,
            "on_disk": 0,
            "dropped": 0,
            "refused": 0,
        },
    }


def test_health_says_when_the_database_is_gone(tmp_path: Any) -> None:
    from bot.service import Envoy
    from bot.storage import Store
    from tests.conftest import settings_for

    envoy = Envoy.start(settings_for(f"sqlite:///{tmp_path / 'h.sqlite3'}", tmp_path))
    envoy.store.close()
    envoy.store = Store("postgresql+psycopg://nobody@127.0.0.1:1/none")
    try:
        health = envoy.health()
        assert health["database"] is False and health["status"] == "degraded"
        assert health["knowledge"] is True  # answers still come from memory
        assert envoy.handle(Question("ask", "who is the dni", "cli", None)).answered
    finally:
        envoy.close()


def test_question_log_writes_in_the_background_and_loses_nothing(tmp_path: Any) -> None:
    from bot.storage import LoggedQuestion, Store

    store = Store(f"sqlite:///{tmp_path / 'w.sqlite3'}")
    store.upgrade()
    for n in range(250):
        store.log_question(LoggedQuestion(f"{n:032d}", "cli", "ask", "q", True, [], 1.0, 0.1, "h"))
    store.close()  # flushes what is queued
    again = Store(f"sqlite:///{tmp_path / 'w.sqlite3'}")
    assert again.count(m.QuestionLogRow) == 250
    again.close()


def test_failed_log_writes_are_retried_then_counted_never_raised(tmp_path: Any) -> None:
    from bot.storage import LoggedQuestion, Store

    store = Store(f"sqlite:///{tmp_path / 'nothing-here.sqlite3'}")  # no schema: writes fail
    assert store.log_question(LoggedQuestion("1" * 32, "cli", "ask", "q", True, [], 1, 1, None))
    store.flush()
    assert store.failed_writes == 1
    store.close()
