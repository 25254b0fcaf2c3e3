"""The newsroom's report on what people ask: `envoy report`.

Questions per platform and command, the answer rate, the most asked questions, the
unanswered ones grouped when they ask the same thing (the curation to-do list), problems
reported, the answers people marked not helpful, and the feedback day by day. Rendered
as text, CSV or JSON here, and as a self-contained HTML page by `bot.report_html`.

Rows logged by `envoy eval` before it stopped logging (platform "eval") are left out:
they are the editors' own test questions, not readers'.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from rapidfuzz import fuzz
from sqlalchemy import Engine, case, func, select

from bot.commands import COMMAND_NAMES, COMMANDS
from bot.storage.models import FEEDBACK_PROBLEM, FeedbackRow, QuestionLogRow

WORD_SIMILARITY = 80
"""Two words at least this similar (rapidfuzz ratio) are the same word mistyped."""
TOP = 15
EVALUATION_PLATFORM = "eval"
UNKNOWN_COMMAND = "(unknown)"
"""The command column of questions sent to a command that does not exist (typos)."""
EMPTY_QUESTION = "(empty question)"
STANDALONE = frozenset(c.name for c in COMMANDS if not c.option)
"""Commands that take no text (help, sources): listed as "/help", not as empty questions."""
NONE = "(none)"
_FILLER = frozenset(
    "a an the is are was were be been of in on at to for from by with and or did does do "
    "what who whom whose which when where why how s it its this that there about tell me".split()
)


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


@dataclass(frozen=True, slots=True)
class Day:
    """One day (UTC) of the period: questions, and the feedback given that day."""

    day: str
    questions: int = 0
    answered: int = 0
    helpful: int = 0
    not_helpful: int = 0
    problems: int = 0

    @property
    def helpful_ratio(self) -> float | None:
        """Helpful / (helpful + not helpful); None on a day without ratings."""
        rated = self.helpful + self.not_helpful
        return self.helpful / rated if rated else None


@dataclass(slots=True)
class Report:
    """Everything the report shows, for one period."""

    since: str
    until: str = ""
    questions: int = 0
    answered: int = 0
    helpful: int = 0
    rated_not_helpful: int = 0
    usage: list[UsageRow] = field(default_factory=list)
    most_asked: list[AskedQuestion] = field(default_factory=list)
    unanswered: list[UnansweredGroup] = field(default_factory=list)
    not_helpful: list[NotHelpful] = field(default_factory=list)
    problems: list[NotHelpful] = field(default_factory=list)
    days: list[Day] = field(default_factory=list)

    @property
    def answer_rate(self) -> float:
        return self.answered / self.questions if self.questions else 0.0

    @property
    def helpful_ratio(self) -> float | None:
        """Helpful / all ratings in the period; None when nobody rated an answer."""
        rated = self.helpful + self.rated_not_helpful
        return self.helpful / rated if rated else None


def build_report(engine: Engine, period: timedelta, *, now: datetime | None = None) -> Report:
    """Read the question log and feedback of the `period` before `now`."""
    until = now or datetime.now(UTC)
    since = until - period
    report = Report(
        since=since.isoformat(timespec="seconds"), until=until.isoformat(timespec="seconds")
    )
    log = QuestionLogRow
    recent = (log.created_at >= since) & (log.created_at <= until)
    readers = log.platform != EVALUATION_PLATFORM
    feedback_recent = (FeedbackRow.created_at >= since) & (FeedbackRow.created_at <= until)
    with engine.connect() as connection:
        usage = connection.execute(
            select(
                log.platform,
                log.command,
                func.count(),
                func.sum(case((log.answered.is_(True), 1), else_=0)),
            )
            .where(recent, readers)
            .group_by(log.platform, log.command)
        ).all()
        questions = connection.execute(
            select(log.text, log.answered, log.created_at, log.command).where(recent, readers)
        ).all()
        ratings = connection.execute(
            select(FeedbackRow.created_at, FeedbackRow.helpful, FeedbackRow.kind)
            .join(log, FeedbackRow.answer_id == log.id)
            .where(feedback_recent, readers)
        ).all()
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
            .where(feedback_recent, readers, FeedbackRow.helpful.is_(False))
            .order_by(FeedbackRow.created_at.desc())
            .limit(200)
        ).all()
    report.usage = _usage(usage)
    report.questions = sum(u.questions for u in report.usage)
    report.answered = sum(u.answered for u in report.usage)
    counts: dict[str, list[int]] = {}
    for text, answered, _, command in questions:
        entry = counts.setdefault(f"/{command}" if command in STANDALONE else text, [0, 0])
        entry[0] += 1
        entry[1] += int(bool(answered))
    ranked = sorted(counts.items(), key=lambda item: (-item[1][0], item[0]))
    report.most_asked = [AskedQuestion(t, c, a) for t, (c, a) in ranked[:TOP]]
    report.unanswered = group_similar([(t, c - a) for t, (c, a) in ranked if c - a > 0])[:TOP]
    for text, command, matched, note, created, kind in feedback:
        item = NotHelpful(
            text, command, list(matched or []), note, _utc(created).isoformat(timespec="seconds")
        )
        (report.problems if kind == FEEDBACK_PROBLEM else report.not_helpful).append(item)
    report.days = _days(since, until, questions, ratings)
    report.helpful = sum(d.helpful for d in report.days)
    report.rated_not_helpful = sum(d.not_helpful for d in report.days)
    return report


def _usage(rows: Sequence[Any]) -> list[UsageRow]:
    """Usage by platform and command; commands that do not exist count as one row."""
    merged: dict[tuple[str, str], list[int]] = {}
    for platform, command, count, answered in rows:
        name = command if command in COMMAND_NAMES else UNKNOWN_COMMAND
        entry = merged.setdefault((platform, name), [0, 0])
        entry[0] += count
        entry[1] += int(answered or 0)
    return [UsageRow(p, c, q, a) for (p, c), (q, a) in sorted(merged.items())]


def _utc(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; they were written in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _days(
    since: datetime, until: datetime, questions: Sequence[Any], ratings: Sequence[Any]
) -> list[Day]:
    first, last = since.astimezone(UTC).date(), until.astimezone(UTC).date()
    tally: dict[date, dict[str, int]] = {}
    for offset in range((last - first).days + 1):
        tally[first + timedelta(days=offset)] = dict.fromkeys(
            ("questions", "answered", "helpful", "not_helpful", "problems"), 0
        )
    for _, answered, created, _ in questions:
        day = tally.get(_utc(created).date())
        if day is not None:
            day["questions"] += 1
            day["answered"] += int(bool(answered))
    for created, helpful, kind in ratings:
        day = tally.get(_utc(created).date())
        if day is None:
            continue
        if kind == FEEDBACK_PROBLEM:
            day["problems"] += 1
        else:
            day["helpful" if helpful else "not_helpful"] += 1
    return [Day(d.isoformat(), **numbers) for d, numbers in sorted(tally.items())]


def content_words(text: str) -> list[str]:
    """The words of a question that say what it asks (no articles, auxiliaries, wh-words)."""
    return [w for w in re.findall(r"[^\W_]+", text.casefold()) if w not in _FILLER]


def same_question(first: str, second: str) -> bool:
    """Whether two questions ask the same thing, typos and filler aside: every content
    word of each has a near-identical word in the other ("defence"/"defense" do,
    "defense minister"/"foreign minister" do not)."""
    one, other = content_words(first), content_words(second)
    if not one or not other:
        return one == other

    def covered(words: list[str], by: list[str]) -> bool:
        return all(any(fuzz.ratio(w, b) >= WORD_SIMILARITY for b in by) for w in words)

    return covered(one, other) and covered(other, one)


def group_similar(items: list[tuple[str, int]]) -> list[UnansweredGroup]:
    """Greedy grouping: each question joins the first group whose lead asks the same."""
    groups: list[UnansweredGroup] = []
    for text, count in sorted(items, key=lambda item: (-item[1], item[0])):
        for index, group in enumerate(groups):
            if same_question(text, group.text):
                groups[index] = UnansweredGroup(
                    group.text, group.count + count, [*group.variants, text][:5]
                )
                break
        else:
            groups.append(UnansweredGroup(text, count, []))
    return sorted(groups, key=lambda g: (-g.count, g.text))


def shown(text: str) -> str:
    """A logged question as the report shows it: an empty one is said to be empty."""
    return text if text.strip() else EMPTY_QUESTION


def render(report: Report, output_format: str) -> str:
    """The report as `text`, `csv`, `json` or `html`."""
    if output_format == "json":
        data: dict[str, Any] = asdict(report)
        data["answer_rate"] = round(report.answer_rate, 4)
        ratio = report.helpful_ratio
        data["helpful_ratio"] = None if ratio is None else round(ratio, 4)
        return json.dumps(data, ensure_ascii=False, indent=2)
    if output_format == "csv":
        return _csv(report)
    if output_format == "html":
        from bot.report_html import render_html  # noqa: PLC0415

        return render_html(report)
    return _text(report)


def _percent(ratio: float | None) -> str:
    return "" if ratio is None else f" ({ratio:.0%} helpful)"


def _text(report: Report) -> str:
    width = max([len("command"), *(len(u.command) for u in report.usage)])
    platform_width = max([len("platform"), *(len(u.platform) for u in report.usage)])
    count_width = max([4, *(len(str(q.count)) for q in report.most_asked)])
    lines = [
        f"Questions from {report.since} to {report.until}: {report.questions}, answered "
        f"{report.answered} ({report.answer_rate:.0%})",
        f"Feedback: {report.helpful} helpful, {report.rated_not_helpful} not helpful"
        f"{_percent(report.helpful_ratio)}, {len(report.problems)} problems reported",
        "",
        "By platform and command:",
        *(
            f"  {u.platform:<{platform_width}} {u.command:<{width}} "
            f"{u.questions:>6} asked, {u.answered:>6} answered"
            for u in report.usage
        ),
    ]
    if not report.usage:
        lines.append(f"  {NONE}")
    lines += ["", "Most asked:"]
    lines += [f"  {q.count:>{count_width}} x {shown(q.text)}" for q in report.most_asked]
    if not report.most_asked:
        lines.append(f"  {NONE}")
    lines += ["", "Unanswered, grouped (what to curate next):"]
    for group in report.unanswered:
        lines.append(f"  {group.count:>{count_width}} x {shown(group.text)}")
        lines.extend(f"  {'':>{count_width}}   ~ {shown(v)}" for v in group.variants)
    if not report.unanswered:
        lines.append(f"  {NONE}")
    for title, items in (
        ("Problems reported:", report.problems),
        ("Marked not helpful:", report.not_helpful),
    ):
        lines += ["", title]
        lines += [
            f"  {n.when} [{n.command}] {shown(n.question)}"
            + (f" -> {', '.join(n.matched)}" if n.matched else "")
            + (f" (note: {n.note})" if n.note else "")
            for n in items
        ]
        if not items:
            lines.append(f"  {NONE}")
    lines += ["", "Day by day (UTC): questions, answered, helpful / not helpful, problems:"]
    lines += [
        f"  {d.day}  {d.questions:>5} {d.answered:>5}   {d.helpful:>3} / {d.not_helpful:<3}"
        f" {d.problems:>3}"
        for d in report.days
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
    for d in report.days:
        ratio = d.helpful_ratio
        writer.writerow(
            [
                "day",
                "",
                "",
                d.day,
                d.questions,
                d.answered,
                f"helpful={d.helpful} not_helpful={d.not_helpful} problems={d.problems}"
                + ("" if ratio is None else f" ratio={ratio:.4f}"),
            ]
        )
    return buffer.getvalue()
