"""Review: what an editor still has to look at, and approving items in the files."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.ingest import (
    ALL,
    IngestError,
    UnknownItemsError,
    approved_line,
    mark_reviewed,
    report_lines,
    review_lines,
    unreviewed,
)
from bot.knowledge import knowledge_hash, load_knowledge
from tests.ingest.articles import HARBOR, TREATY
from tests.ingest.helpers import Drafted, draft


@pytest.fixture
def harbor(knowledge: Path) -> Drafted:
    return draft(knowledge, HARBOR, "harbor")


def test_unreviewed_lists_every_drafted_item(knowledge: Path, harbor: Drafted) -> None:
    items = unreviewed(knowledge, "harbor")
    kinds = {item.kind for item in items}
    assert kinds == {"quote", "fact", "entity"}
    assert len([i for i in items if i.kind == "quote"]) == harbor.report.quotes
    assert len([i for i in items if i.kind == "fact"]) == harbor.report.facts
    brandle = next(i for i in items if i.kind == "quote" and "This is a fantasy" in i.text)
    assert brandle.speaker == "Tomas Brandle"
    assert brandle.paragraph == 2
    assert brandle.source == "harbor"
    assert brandle.confidence is not None and 0 < brandle.confidence <= 1
    vale = next(i for i in items if i.kind == "entity" and i.id == "vale")
    assert vale.paragraph == 4 and "the director of the Elna Harbor Authority" in vale.text


def test_the_curated_knowledge_has_nothing_to_review(knowledge: Path) -> None:
    assert unreviewed(knowledge) == []
    assert review_lines([]) == ["nothing to review"]


def test_unreviewed_without_a_source_covers_every_source(knowledge: Path, harbor: Drafted) -> None:
    draft(knowledge, TREATY, "treaty")
    sources = {item.source for item in unreviewed(knowledge)}
    assert sources == {"harbor", "treaty"}


def test_an_unknown_source_is_an_error(knowledge: Path) -> None:
    with pytest.raises(IngestError, match="no source 'atlantis'"):
        unreviewed(knowledge, "atlantis")


def test_marking_items_reviewed_edits_only_their_lines(knowledge: Path, harbor: Drafted) -> None:
    quote = harbor.quote("This is a fantasy").id
    fact = harbor.records("facts")[0]["id"]
    quotes_file = harbor.directory / "quotes.yaml"
    before = quotes_file.read_text(encoding="utf-8").splitlines()
    assert mark_reviewed(knowledge, "harbor", [quote, fact, "vale"]) == 3
    after = quotes_file.read_text(encoding="utf-8").splitlines()
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert changed == [("  reviewed: false", "  reviewed: true")]
    served = load_knowledge(knowledge)
    assert quote in {q.id for q in served.quotes if q.source == "harbor"}
    assert fact in {f.id for f in served.facts if f.source == "harbor"}
    remaining = {item.id for item in unreviewed(knowledge, "harbor")}
    assert not remaining & {quote, fact, "vale"}


def test_unknown_ids_are_reported_and_nothing_changes(knowledge: Path, harbor: Drafted) -> None:
    quote = harbor.quote("This is a fantasy").id
    before = knowledge_hash(knowledge)
    with pytest.raises(UnknownItemsError) as caught:
        mark_reviewed(knowledge, "harbor", [quote, "no-such-id", "another-one"])
    assert caught.value.ids == ["another-one", "no-such-id"]
    assert "unknown ids in source 'harbor': another-one, no-such-id" in str(caught.value)
    assert knowledge_hash(knowledge) == before


def test_approving_everything(knowledge: Path, harbor: Drafted) -> None:
    count = len(unreviewed(knowledge, "harbor"))
    assert mark_reviewed(knowledge, "harbor", ALL) == count
    assert unreviewed(knowledge, "harbor") == []
    assert mark_reviewed(knowledge, "harbor", ALL) == 0
    served = load_knowledge(knowledge)
    assert len([q for q in served.quotes if q.source == "harbor"]) == harbor.report.quotes
    text = (harbor.directory / "quotes.yaml").read_text(encoding="utf-8")
    assert text.startswith("# DRAFT") and "# attribution:" in text
    assert approved_line(count, "harbor").startswith(f"marked {count} item(s) reviewed in 'harbor'")


def test_the_texts_to_print(knowledge: Path, harbor: Drafted) -> None:
    lines = report_lines(harbor.report)
    assert lines[0].startswith(
        f"drafted source 'harbor' in {harbor.directory}: 6 paragraphs, "
        f"{harbor.report.quotes} quotes, {harbor.report.facts} facts"
    )
    assert "1 quotation(s) left out, no speaker found:" in lines
    assert any(line.startswith("  paragraph 6: “the iron ribbon,”") for line in lines)
    assert lines[-1].endswith("envoy knowledge review --source harbor")
    listing = review_lines(unreviewed(knowledge, "harbor"), "harbor")
    assert listing[0].endswith("item(s) to review in 'harbor':")
    assert any("quote" in line and "Tomas Brandle: This is a fantasy" in line for line in listing)
