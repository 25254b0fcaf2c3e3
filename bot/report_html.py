"""The editors' report as one self-contained HTML page: `envoy report --format html`.

Everything is inline (styles and two small SVG charts), with no script, font or image
fetched from anywhere, so the file opens offline and survives being mailed. Every text
from the question log is escaped.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape

from bot.report import NONE, Day, NotHelpful, Report, shown

CHART_WIDTH, CHART_HEIGHT = 640, 180
_LEFT, _BOTTOM, _TOP = 40, 24, 12
_ANSWERED, _UNANSWERED, _RATIO = "#2a6f97", "#e09f3e", "#1b998b"
_STYLE = """
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
       color: #1d1d1f; background: #fafafa; margin: 0; }
main { max-width: 760px; margin: 0 auto; padding: 24px 16px 48px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
.period, footer { color: #666; font-size: 13px; }
.tiles { display: flex; gap: 12px; flex-wrap: wrap; margin: 16px 0 0; }
.tile { background: #fff; border: 1px solid #e3e3e3; border-radius: 8px; padding: 10px 14px;
        min-width: 130px; }
.tile b { display: block; font-size: 22px; }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid #eee; vertical-align: top; }
th { font-size: 13px; color: #555; }
td.n { text-align: right; white-space: nowrap; width: 4em; }
.variants { color: #666; font-size: 13px; }
.none { color: #888; font-style: italic; }
.legend span { display: inline-block; margin-right: 14px; font-size: 13px; }
.legend i { display: inline-block; width: 10px; height: 10px; margin-right: 4px; }
svg { background: #fff; border: 1px solid #e3e3e3; border-radius: 6px; max-width: 100%; }
svg text { font: 11px system-ui, sans-serif; fill: #555; }
"""


def render_html(report: Report) -> str:
    """The whole page, as a string."""
    ratio = report.helpful_ratio
    tiles = [
        (str(report.questions), "questions"),
        (f"{report.answer_rate:.0%}", "answered"),
        ("–" if ratio is None else f"{ratio:.0%}", "rated helpful"),
        (str(len(report.problems)), "problems reported"),
    ]
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Envoy report, {escape(report.since[:10])} to {escape(report.until[:10])}</title>",
        f"<style>{_STYLE}</style></head><body><main>",
        "<h1>What people asked Envoy</h1>",
        f'<p class="period">From {escape(report.since)} to {escape(report.until)} (UTC)</p>',
        '<div class="tiles">',
        *(f'<div class="tile"><b>{escape(v)}</b>{escape(label)}</div>' for v, label in tiles),
        "</div>",
        "<h2>Questions per day</h2>",
        _legend([(_ANSWERED, "answered"), (_UNANSWERED, "not answered")]),
        questions_chart(report.days),
        "<h2>Feedback per day: share of ratings that say helpful</h2>",
        _ratio_note(report),
        ratio_chart(report.days),
        "<h2>Most asked</h2>",
        _table(
            ["asked", "question", "answered"],
            [[str(q.count), shown(q.text), str(q.answered)] for q in report.most_asked],
            numeric={0, 2},
        ),
        "<h2>Unanswered, grouped (what to curate next)</h2>",
        _unanswered(report),
        "<h2>Problems reported</h2>",
        _feedback(report.problems),
        "<h2>Marked not helpful</h2>",
        _feedback(report.not_helpful),
        "<h2>By platform and command</h2>",
        _table(
            ["platform", "command", "asked", "answered"],
            [[u.platform, u.command, str(u.questions), str(u.answered)] for u in report.usage],
            numeric={2, 3},
        ),
        "<footer><p>Written by <code>envoy report --format html</code>. Evaluation runs "
        "are not counted.</p></footer>",
        "</main></body></html>",
    ]
    return "\n".join(parts) + "\n"


def _legend(items: Iterable[tuple[str, str]]) -> str:
    spans = "".join(
        f'<span><i style="background:{color}"></i>{escape(label)}</span>' for color, label in items
    )
    return f'<p class="legend">{spans}</p>'


def _ratio_note(report: Report) -> str:
    return (
        f"<p>{report.helpful} helpful, {report.rated_not_helpful} not helpful in the period. "
        "Days without ratings have no point.</p>"
    )


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], numeric: set[int]) -> str:
    if not rows:
        return f'<p class="none">{NONE}</p>'
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="n">{escape(cell)}</td>' if index in numeric else f"<td>{escape(cell)}</td>"
            for index, cell in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _unanswered(report: Report) -> str:
    if not report.unanswered:
        return f'<p class="none">{NONE}</p>'
    rows = []
    for group in report.unanswered:
        variants = "".join(f"<br>~ {escape(shown(v))}" for v in group.variants)
        rows.append(
            f'<tr><td class="n">{group.count}</td><td>{escape(shown(group.text))}'
            f'<span class="variants">{variants}</span></td></tr>'
        )
    return (
        "<table><thead><tr><th>times</th><th>question (and the same asked otherwise)</th>"
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _feedback(items: Sequence[NotHelpful]) -> str:
    return _table(
        ["when", "command", "question", "answered from", "note"],
        [
            [
                n.when.replace("T", " "),
                n.command,
                shown(n.question),
                ", ".join(n.matched),
                n.note or "",
            ]
            for n in items
        ],
        numeric=set(),
    )


def _x_labels(days: Sequence[Day], step: float) -> list[str]:
    every = max(1, round(len(days) / 10))
    return [
        f'<text x="{_LEFT + step * (i + 0.5):.1f}" y="{CHART_HEIGHT - 8}" '
        f'text-anchor="middle">{escape(d.day[5:])}</text>'
        for i, d in enumerate(days)
        if i % every == 0
    ]


def _frame(label: str, body: list[str], top_label: str) -> str:
    bottom = CHART_HEIGHT - _BOTTOM
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{CHART_WIDTH}" height="{CHART_HEIGHT}" '
        f'viewBox="0 0 {CHART_WIDTH} {CHART_HEIGHT}" role="img" aria-label="{escape(label)}">'
        f"<title>{escape(label)}</title>"
        f'<line x1="{_LEFT}" y1="{bottom}" x2="{CHART_WIDTH - 8}" y2="{bottom}" stroke="#999"/>'
        f'<text x="{_LEFT - 6}" y="{_TOP + 4}" text-anchor="end">{escape(top_label)}</text>'
        f'<text x="{_LEFT - 6}" y="{bottom}" text-anchor="end">0</text>' + "".join(body) + "</svg>"
    )


def questions_chart(days: Sequence[Day]) -> str:
    """Stacked bars per day: answered below, not answered above."""
    if not days:
        return f'<p class="none">{NONE}</p>'
    peak = max([1, *(d.questions for d in days)])
    plot = CHART_HEIGHT - _BOTTOM - _TOP
    step = (CHART_WIDTH - _LEFT - 8) / len(days)
    bottom = CHART_HEIGHT - _BOTTOM
    body = []
    for index, day in enumerate(days):
        x = _LEFT + step * index + step * 0.15
        answered = plot * day.answered / peak
        unanswered = plot * (day.questions - day.answered) / peak
        tip = f"{day.day}: {day.questions} questions, {day.answered} answered"
        body.append(
            f"<g><title>{escape(tip)}</title>"
            f'<rect x="{x:.1f}" y="{bottom - answered:.1f}" width="{step * 0.7:.1f}" '
            f'height="{answered:.1f}" fill="{_ANSWERED}"/>'
            f'<rect x="{x:.1f}" y="{bottom - answered - unanswered:.1f}" '
            f'width="{step * 0.7:.1f}" height="{unanswered:.1f}" fill="{_UNANSWERED}"/></g>'
        )
    body += _x_labels(days, step)
    return _frame("Questions per day, answered and not answered", body, str(peak))


def ratio_chart(days: Sequence[Day]) -> str:
    """The helpful share of each day's ratings, as points joined by a line."""
    if not days:
        return f'<p class="none">{NONE}</p>'
    plot = CHART_HEIGHT - _BOTTOM - _TOP
    step = (CHART_WIDTH - _LEFT - 8) / len(days)
    bottom = CHART_HEIGHT - _BOTTOM
    points = []
    body = []
    for index, day in enumerate(days):
        ratio = day.helpful_ratio
        if ratio is None:
            continue
        x, y = _LEFT + step * (index + 0.5), bottom - plot * ratio
        points.append(f"{x:.1f},{y:.1f}")
        tip = f"{day.day}: {day.helpful} helpful, {day.not_helpful} not helpful"
        body.append(
            f'<g><title>{escape(tip)}</title><circle cx="{x:.1f}" cy="{y:.1f}" r="4" '
            f'fill="{_RATIO}"/><text x="{x:.1f}" y="{y - 8:.1f}" text-anchor="middle">'
            f"{ratio:.0%}</text></g>"
        )
    if len(points) > 1:
        body.insert(
            0,
            f'<polyline points="{" ".join(points)}" fill="none" stroke="{_RATIO}" '
            'stroke-width="2"/>',
        )
    if not points:
        body.append(
            f'<text x="{CHART_WIDTH / 2:.0f}" y="{CHART_HEIGHT / 2:.0f}" text-anchor="middle">'
            "no ratings in this period</text>"
        )
    body += _x_labels(days, step)
    return _frame("Share of ratings marked helpful, per day", body, "100%")
