"""The editors' report: readers' questions only, empty ones and typos shown plainly,
sections never blank, different questions kept apart, and the feedback day by day."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import update

from bot.answers import Question
from bot.report import build_report, render, same_question
from bot.storage import LoggedQuestion
from bot.storage import models as m
from tests.bot.test_cli import run

WEEK = timedelta(days=7)


def _ask(envoy: Any, text: str, platform: str = "slack", command: str = "ask") -> Any:
    return envoy.handle(Question(command, text, platform, "U1"))


def _report(envoy: Any) -> Any:
    envoy.store.flush()  # the log is written in the background
    return build_report(envoy.store.engine, WEEK)


def _backdate(envoy: Any, answer_id: str, days: int) -> None:
    moment = datetime.now(UTC) - timedelta(days=days)
    envoy.store.flush()
    with envoy.store.engine.begin() as connection:
        connection.execute(
            update(m.QuestionLogRow)
            .where(m.QuestionLogRow.id == answer_id)
            .values(created_at=moment)
        )
        connection.execute(
            update(m.FeedbackRow)
            .where(m.FeedbackRow.answer_id == answer_id)
            .values(created_at=moment)
        )


def test_an_empty_log_says_none_in_every_section(envoy: Any) -> None:
    text = render(_report(envoy), "text")
    for title in (
        "By platform and command:",
        "Most asked:",
        "Unanswered, grouped (what to curate next):",
        "Problems reported:",
        "Marked not helpful:",
    ):
        following = text.split(title + "\n", 1)[1].splitlines()[0]
        assert following == "  (none)", (title, following)


def test_evaluation_rows_left_by_older_versions_are_not_counted(envoy: Any) -> None:
    _ask(envoy, "who is the dni")
    for number in range(30):
        envoy.store.log_question(
            LoggedQuestion(
                id=f"eval{number:028d}",
                platform="eval",
                command="ask",
                text="who is the dni",
                answered=True,
                matched=(),
                score=1.0,
                latency_ms=1.0,
                asker_hash=None,
            )
        )
    envoy.store.flush()
    report = _report(envoy)
    assert report.questions == 1
    assert report.most_asked[0].count == 1
    assert {u.platform for u in report.usage} == {"slack"}


def test_empty_questions_and_mistyped_commands_are_shown_plainly(envoy: Any) -> None:
    for _ in range(4):
        _ask(envoy, "   ")
    _ask(envoy, "blinken", command="qoutes")
    _ask(envoy, "crimea", command="a-very-long-mistyped-command")
    _ask(envoy, "who said no limits", platform="discord", command="who-said")
    _ask(envoy, "", command="help")
    report = _report(envoy)
    text = render(report, "text")
    assert "   4 x (empty question)" in text
    assert "   1 x /help" in text  # a command that takes no text is no empty question
    assert not any(line.rstrip().endswith(" x") for line in text.splitlines())
    assert {(u.platform, u.command, u.questions) for u in report.usage} == {
        ("slack", "ask", 4),
        ("slack", "help", 1),
        ("slack", "(unknown)", 2),
        ("discord", "who-said", 1),
    }
    usage = text.split("By platform and command:\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert len({line.index(" asked,") for line in usage}) == 1, usage  # columns line up


def test_different_questions_are_not_grouped_but_typos_are(envoy: Any) -> None:
    for text in (
        "who is russia's defense minister",
        "who is russias defence minister",
        "who is russia's foreign minister",
        "who is russia's foreign ministre",
    ):
        _ask(envoy, text)
    groups = {g.text: g for g in _report(envoy).unanswered}
    defense = next(g for t, g in groups.items() if "defen" in t)
    foreign = next(g for t, g in groups.items() if "foreign" in t)
    assert defense.count == 2 and foreign.count == 2
    assert same_question("russia's defense minister", "russia's defence minister")
    assert not same_question("russia's defense minister", "russia's foreign minister")


def test_feedback_is_counted_day_by_day(envoy: Any) -> None:
    three_days_ago = [_ask(envoy, "who is the dni") for _ in range(3)]
    for answer, helpful in zip(three_days_ago, (True, True, False), strict=True):
        envoy.feedback(answer.answer_id, helpful, platform="slack", asker="U1")
        _backdate(envoy, answer.answer_id, 3)
    today = _ask(envoy, "what is the population of crimea")
    envoy.feedback(today.answer_id, False, platform="slack", asker="U1")
    envoy.report_problem(today.answer_id, platform="slack", asker="U1", note="says nothing")
    report = _report(envoy)
    assert len(report.days) == 8  # the 7 days back and today, every day present
    by_day = {d.day: d for d in report.days}
    earlier = by_day[(datetime.now(UTC) - timedelta(days=3)).date().isoformat()]
    assert (earlier.questions, earlier.helpful, earlier.not_helpful) == (3, 2, 1)
    assert earlier.helpful_ratio == 2 / 3
    latest = report.days[-1]
    assert (latest.questions, latest.not_helpful, latest.problems) == (1, 1, 1)
    assert latest.helpful_ratio == 0.0
    assert sum(d.helpful_ratio is None for d in report.days) == 6
    assert report.helpful_ratio == 0.5
    assert [p.note for p in report.problems] == ["says nothing"]
    data = json.loads(render(report, "json"))
    assert data["helpful_ratio"] == 0.5 and len(data["days"]) == 8
    assert "Feedback: 2 helpful, 2 not helpful (50% helpful), 1 problems reported" in render(
        report, "text"
    )


def test_report_to_a_file_and_the_errors_of_its_options(tmp_path: Path) -> None:
    run(["ask", "who is the dni"], tmp_path)
    here = tmp_path / "here"
    here.mkdir()
    html = run(["report", "--format", "html"], tmp_path, cwd=here)
    assert html.returncode == 0 and "report written to envoy-report.html" in html.stdout
    assert (here / "envoy-report.html").read_text(encoding="utf-8").endswith("</html>\n")
    target = tmp_path / "out" / "week.html"
    target.parent.mkdir()
    written = run(["report", "--format", "html", "-o", str(target)], tmp_path)
    assert written.returncode == 0 and f"report written to {target}" in written.stdout
    assert target.read_text(encoding="utf-8").startswith("<!doctype html>")
    for args, says in (
        (["report", "--since", "a week"], "not a duration"),
        (["report", "-o", str(tmp_path / "missing" / "r.txt")], "cannot write the report to"),
        (["report", "--format", "pdf"], "invalid choice: 'pdf'"),
    ):
        result = run(args, tmp_path)
        assert result.returncode != 0 and says in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.stderr
