"""Every line the ingest and review commands print, in one place.

The CLI prints `report_lines(report)` after `ingest_file`, and `review_lines(items)` or
`approved_line(count, slug)` for `knowledge review`.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.ingest.review import ReviewItem
from bot.ingest.writer import IngestReport

DRAFTED = (
    "drafted source '{slug}' in {directory}: {paragraphs} paragraphs, {quotes} quotes, "
    "{facts} facts, {new} new entities, {known} known entities reused"
)
SOURCE_ROLES = (
    "{count} known person(s) given a role of this source's own in roles.yaml "
    "(a role, not a merge): {ids}"
)
LOW_CONFIDENCE = "{count} item(s) have a confidence below 0.7: review them first"
LEFT_OUT = "{count} quotation(s) left out, no speaker found:"
LEFT_OUT_ITEM = "  paragraph {paragraph}: “{text}” ({reason})"
NEXT_STEPS = (
    "everything is marked reviewed: false. Next: envoy knowledge check, then "
    "envoy knowledge review --source {slug}"
)
NOTHING_TO_REVIEW = "nothing to review{where}"
TO_REVIEW = "{count} item(s) to review{where}:"
REVIEW_ITEM = "  {kind:<6} {id}  [{source}p{paragraph}, confidence {confidence}]{speaker} {text}"
APPROVED = "marked {count} item(s) reviewed{where}; run envoy db reload to serve them"
_TEXT_LIMIT = 110


def report_lines(report: IngestReport) -> list[str]:
    """What `envoy ingest` prints after a successful ingest."""
    lines = [
        DRAFTED.format(
            slug=report.slug,
            directory=report.directory,
            paragraphs=report.paragraphs,
            quotes=report.quotes,
            facts=report.facts,
            new=len(report.new_entities),
            known=len(report.known_entities),
        )
    ]
    if report.source_roles:
        lines.append(
            SOURCE_ROLES.format(count=len(report.source_roles), ids=", ".join(report.source_roles))
        )
    if report.low_confidence:
        lines.append(LOW_CONFIDENCE.format(count=report.low_confidence))
    if report.unattributed:
        lines.append(LEFT_OUT.format(count=len(report.unattributed)))
        lines.extend(
            LEFT_OUT_ITEM.format(paragraph=u.paragraph, text=_cut(u.text), reason=u.reason)
            for u in report.unattributed
        )
    lines.append(NEXT_STEPS.format(slug=report.slug))
    return lines


def review_lines(items: Sequence[ReviewItem], slug: str | None = None) -> list[str]:
    """What `envoy knowledge review [--source SLUG]` prints."""
    where = f" in '{slug}'" if slug else ""
    if not items:
        return [NOTHING_TO_REVIEW.format(where=where)]
    lines = [TO_REVIEW.format(count=len(items), where=where)]
    for item in items:
        lines.append(
            REVIEW_ITEM.format(
                kind=item.kind,
                id=item.id,
                source=f"{item.source} " if item.source and not slug else "",
                paragraph=item.paragraph if item.paragraph is not None else "-",
                confidence="-" if item.confidence is None else f"{item.confidence:.2f}",
                speaker=f" {item.speaker}:" if item.speaker else "",
                text=_cut(item.text),
            )
        )
    return lines


def approved_line(count: int, slug: str | None = None) -> str:
    """What `knowledge review --approve ...` prints after marking items reviewed."""
    return APPROVED.format(count=count, where=f" in '{slug}'" if slug else "")


def _cut(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _TEXT_LIMIT else text[: _TEXT_LIMIT - 1] + "…"
