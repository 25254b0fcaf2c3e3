"""The newsroom's report on what people ask: `envoy report`.

Questions per platform and command, the answer rate, the most asked questions, the
unanswered ones grouped by similarity (the curation to-do list), and the answers people
marked not helpful, with their questions.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from rapidfuzz import fuzz
from sqlalchemy import Engine, case, func, select

from bot.storage.models import FEEDBACK_PROBLEM, FeedbackRow, QuestionLogRow

GROUP_SIMILARITY = 75
"""Unanswered questions at least this similar (sorted-token ratio) share a group."""
TOP = 15


@dataclass(frozen=True, slots=True)
class UsageRow:
    platform: str
    command: str
    questions: int
    answered: int


@dataclass(frozen=True, slots=True)
class AskedQuestion:
    text: str
    count: int
    answered: int


@dataclass(frozen=True, slots=True)
class UnansweredGroup:
    text: str
    count: int
    variants: list[str]


@dataclass(frozen=True, slots=True)
class NotHelpful:
    question: str
    command: str
    matched: list[str]
    note: str | None
    when: str


@dataclass(slots=True)
class Report:
    """Everything the report shows, for one period."""

    since: str
    questions: int = 0
    answered: int = 0
    usage: list[UsageRow] = field(default_factory=list)
    most_asked: list[AskedQuestion] = field(default_factory=list)
    unanswered: list[UnansweredGroup] = field(default_factory=list)
    not_helpful: list[NotHelpful] = field(default_factory=list)
    problems: list[NotHelpful] = field(default_factory=list)

    @property
    def answer_rate(self) -> float:
        return self.answered / self.questions if self.questions else 0.0


def build_report(engine: Engine, period: timedelta) -> Report:
    """Read the question log and feedback of the last `period`."""
    since = datetime.now(UTC) - period
    report = Report(since=since.isoformat(timespec="seconds"))
    log = QuestionLogRow
    recent = log.created_at >= since
    with engine.connect() as connection:
        for platform, command, count, answered in connection.execute(
            select(
                log.platform,
                log.command,
                func.count(),
                func.sum(case((log.answered.is_(True), 1), else_=0)),
            )
            .where(recent)
            .group_by(log.platform, log.command)
            .order_by(log.platform, log.command)
        ):
            report.usage.append(UsageRow(platform, command, count, int(answered or 0)))
        report.questions = sum(u.questions for u in report.usage)
        report.answered = sum(u.answered for u in report.usage)
        texts = connection.execute(select(log.text, log.answered).where(recent)).all()
        feedback = connection.execute(
            select(
                log.text,
                log.command,
                log.matched,
                FeedbackRow.note,
                FeedbackRow.created_at,
                FeedbackRow.kind,
            )
            .join(FeedbackRow, FeedbackRow.answer_id == log.id)
            .where(FeedbackRow.created_at >= since, FeedbackRow.helpful.is_(False))
            .order_by(FeedbackRow.created_at.desc())
            .limit(200)
        ).all()
    counts: dict[str, list[int]] = {}
    for text, answered in texts:
        entry = counts.setdefault(text, [0, 0])
        entry[0] += 1
        entry[1] += int(bool(answered))
    ranked = sorted(counts.items(), key=lambda item: (-item[1][0], item[0]))
    report.most_asked = [AskedQuestion(t, c, a) for t, (c, a) in ranked[:TOP]]
    report.unanswered = group_similar([(t, c - a) for t, (c, a) in ranked if c - a > 0])[:TOP]
    for text, command, matched, note, created, kind in feedback:
        item = NotHelpful(
            text, command, list(matched or []), note, created.isoformat(timespec="seconds")
        )
        (report.problems if kind == FEEDBACK_PROBLEM else report.not_helpful).append(item)
    return report


def group_similar(items: list[tuple[str, int]]) -> list[UnansweredGroup]:
    """Greedy grouping: each question joins the first group whose lead it resembles."""
    groups: list[UnansweredGroup] = []
    for text, count in sorted(items, key=lambda item: (-item[1], item[0])):
        for index, group in enumerate(groups):
            if fuzz.token_sort_ratio(text, group.text) >= GROUP_SIMILARITY:
                groups[index] = UnansweredGroup(
                    group.text, group.count + count, [*group.variants, text][:5]
                )
                break
        else:
            groups.append(UnansweredGroup(text, count, []))
    return sorted(groups, key=lambda g: (-g.count, g.text))


def render(report: Report, output_format: str) -> str:
    """The report as `text`, `csv` or `json`."""
    if output_format == "json":
        data: dict[str, Any] = asdict(report)
        data["answer_rate"] = round(report.answer_rate, 4)
        return json.dumps(data, ensure_ascii=False, indent=2)
    if output_format == "csv":
        return _csv(report)
    return _text(report)


def _text(report: Report) -> str:
    lines = [
        f"Questions since {report.since}: {report.questions}, answered {report.answered} "
        f"({report.answer_rate:.0%})",
        "",
        "By platform and command:",
        *(
            f"  {u.platform:<8} {u.command:<9} {u.questions:>6} asked, {u.answered:>6} answered"
            for u in report.usage
        ),
        "",
        "Most asked:",
        *(f"  {q.count:>4} x {q.text}" for q in report.most_asked),
        "",
        "Unanswered, grouped (what to curate next):",
    ]
    for group in report.unanswered:
        lines.append(f"  {group.count:>4} x {group.text}")
        lines.extend(f"         ~ {variant}" for variant in group.variants)
    for title, items in (
        ("Problems reported:", report.problems),
        ("Marked not helpful:", report.not_helpful),
    ):
        lines += ["", title]
        lines += [
            f"  {n.when} [{n.command}] {n.question}"
            + (f" -> {', '.join(n.matched)}" if n.matched else "")
            + (f" (note: {n.note})" if n.note else "")
            for n in items
        ]
    return "\n".join(lines)


def _csv(report: Report) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["section", "platform", "command", "text", "count", "answered", "detail"])
    writer.writerow(
        ["total", "", "", "", report.questions, report.answered, f"{report.answer_rate:.4f}"]
    )
    for u in report.usage:
        writer.writerow(["usage", u.platform, u.command, "", u.questions, u.answered, ""])
    for q in report.most_asked:
        writer.writerow(["most_asked", "", "", q.text, q.count, q.answered, ""])
    for g in report.unanswered:
        writer.writerow(["unanswered", "", "", g.text, g.count, 0, " | ".join(g.variants)])
    for n in report.not_helpful:
        writer.writerow(["not_helpful", "", n.command, n.question, 1, "", n.note or ""])
    for n in report.problems:
        writer.writerow(["problem", "", n.command, n.question, 1, "", n.note or ""])
    return buffer.getvalue()
