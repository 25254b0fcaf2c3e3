"""The knowledge served while files are edited and reloaded, on SQLite and PostgreSQL.

Issue 13.13: one bad file must not stop new processes when the database holds the last
good knowledge; they serve it, loudly, until the files validate again.
Issue 13.14: a running process serves what `envoy db reload` loaded, within seconds.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bot.answers import Question
from bot.errors import KnowledgeError
from bot.knowledge import DEFAULT_KNOWLEDGE_DIR
from bot.service import Envoy
from tests.conftest import settings_for

ROOT = Path(__file__).resolve().parents[2]
SUMMARY = "summary: Calls for a cease-fire and what a cease-fire could mean."
RELOADED = "summary: Calls for a cease-fire, as reloaded."
BROKEN_TOPICS = "- id: cease-fire\n  name: [unclosed\n"


@pytest.fixture
def knowledge(tmp_path: Path) -> Path:
    """A copy of the shipped knowledge that a test may edit."""
    copy = tmp_path / "knowledge"
    shutil.copytree(DEFAULT_KNOWLEDGE_DIR, copy)
    assert SUMMARY in (copy / "topics.yaml").read_text()
    return copy


def envoy_cli(
    database_url: str, data: Path, knowledge: Path
) -> Callable[..., subprocess.CompletedProcess[str]]:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "ENVOY_DATA_DIR": str(data),
        "ENVOY_KNOWLEDGE_DIR": str(knowledge),
        "ENVOY_HASH_KEY": "k",
    }

    def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "bot", *args],
            input=stdin,
            capture_output=True,
            text=True,
            cwd=ROOT,
            env=env,
            timeout=120,
            check=False,
        )

    return run


def about_cease_fire(envoy: Envoy) -> str:
    return envoy.handle(Question("about", "cease-fire", "cli", None)).text


def wait_until(condition: Callable[[], bool], timeout: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


# -- 13.13: the last good knowledge -----------------------------------------------------------


def test_new_processes_serve_the_last_good_knowledge_while_a_file_is_broken(
    database_url: str, tmp_path: Path, knowledge: Path
) -> None:
    envoy = envoy_cli(database_url, tmp_path / "data", knowledge)
    assert envoy("db", "upgrade").returncode == 0
    topics = knowledge / "topics.yaml"
    good = topics.read_text()
    topics.write_text(BROKEN_TOPICS)

    asked = envoy("ask", "who is the dni", "--json")
    assert asked.returncode == 0, asked.stderr
    assert json.loads(asked.stdout)["answered"] is True
    warnings = [line for line in asked.stderr.splitlines() if "WARNING" in line]
    assert any("last good knowledge" in line for line in warnings), asked.stderr
    assert "topics.yaml" in asked.stderr

    batch = envoy("batch", stdin=json.dumps({"command": "ask", "text": "who said no limits"}))
    assert batch.returncode == 0 and json.loads(batch.stdout)["answered"]

    status = envoy("db", "status")
    assert status.returncode == 0, status.stderr
    line = next(x for x in status.stdout.splitlines() if x.startswith("knowledge files"))
    assert "invalid" in line and "problem" in line and "last good knowledge" in line

    for strict in (("db", "upgrade"), ("db", "reload")):  # what loads the files still refuses
        refused = envoy(*strict)
        assert refused.returncode == 1
        assert "topics.yaml" in refused.stderr and "Traceback" not in refused.stderr

    topics.write_text(good)
    fixed = envoy("ask", "who is the dni")
    assert fixed.returncode == 0 and "last good knowledge" not in fixed.stderr
    assert "unchanged since loaded" in envoy("db", "status").stdout


def test_with_no_knowledge_in_the_database_a_broken_file_still_stops_the_start(
    database_url: str, tmp_path: Path, knowledge: Path
) -> None:
    (knowledge / "topics.yaml").write_text(BROKEN_TOPICS)
    with pytest.raises(KnowledgeError, match=r"topics\.yaml"):
        Envoy.start(settings_for(database_url, tmp_path, ENVOY_KNOWLEDGE_DIR=knowledge))


def test_a_running_process_says_so_and_serves_the_files_once_they_validate(
    database_url: str, tmp_path: Path, knowledge: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings = settings_for(
        database_url, tmp_path, ENVOY_KNOWLEDGE_DIR=knowledge, ENVOY_KNOWLEDGE_CHECK=0
    )
    Envoy.start(settings).close()
    topics = knowledge / "topics.yaml"
    good = topics.read_text()
    topics.write_text(BROKEN_TOPICS)
    with caplog.at_level(logging.WARNING, logger="bot.service"):
        envoy = Envoy.start(settings)
    try:
        assert any("last good knowledge" in r.getMessage() for r in caplog.records)
        health = envoy.health()
        assert health["knowledge_files"] == "invalid"
        assert "last good knowledge" in str(health["warning"])
        assert envoy.handle(Question("ask", "who is the dni")).answered

        assert envoy.check_knowledge() is False  # the same broken files: nothing to do
        topics.write_text(good.replace(SUMMARY, RELOADED))
        assert envoy.check_knowledge() is True
        assert envoy.health()["knowledge_files"] == "valid"
        assert "as reloaded" in about_cease_fire(envoy)
    finally:
        envoy.close()


def test_files_that_cannot_be_read_are_a_problem_listed_not_a_crash(
    tmp_path: Path, knowledge: Path
) -> None:
    article = knowledge / "sources" / "ukraine-diplomacy" / "article.txt"
    article.write_bytes(b"\xff\xfe not UTF-8")
    (knowledge / "lexicon.yaml").write_text("synonyms:\n" + "  " + "[" * 100_000 + "\n")
    from bot.knowledge import load_knowledge

    with pytest.raises(KnowledgeError) as raised:
        load_knowledge(knowledge)
    problems = "\n".join(raised.value.problems)
    assert "article.txt" in problems and "lexicon.yaml" in problems


# -- 13.14: reloads reach running processes ---------------------------------------------------


@pytest.mark.parametrize("retrieval", ["memory", "database"])
def test_a_running_process_serves_what_db_reload_loaded(
    database_url: str, tmp_path: Path, knowledge: Path, retrieval: str
) -> None:
    running = Envoy.start(
        settings_for(database_url, tmp_path, ENVOY_KNOWLEDGE_CHECK=1, ENVOY_RETRIEVAL=retrieval)
    )
    try:
        before = about_cease_fire(running)
        assert "as reloaded" not in before
        topics = knowledge / "topics.yaml"
        topics.write_text(topics.read_text().replace(SUMMARY, RELOADED))

        reload = envoy_cli(database_url, tmp_path / "other", knowledge)("db", "reload")
        assert reload.returncode == 0, reload.stderr

        assert wait_until(lambda: "as reloaded" in about_cease_fire(running), timeout=60)
        assert running.handle(Question("ask", "who is the dni")).answered
    finally:
        running.close()


def test_the_check_is_one_small_query_and_changes_nothing_when_nothing_changed(
    envoy_factory: Any,
) -> None:
    envoy = envoy_factory(ENVOY_KNOWLEDGE_CHECK=0)
    served = envoy.answerer
    assert envoy.check_knowledge() is False
    assert envoy.answerer is served
