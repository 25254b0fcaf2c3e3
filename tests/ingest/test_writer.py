"""Writing the draft: the curated layout, the loader's check, no overwrite, no half-writes."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from bot.ingest import DraftInvalidError, IngestError, SourceExistsError, ingest_file, writer
from bot.ingest import draft as drafting
from bot.knowledge import DEFAULT_KNOWLEDGE_DIR, knowledge_hash, load_knowledge
from tests.ingest.articles import HARBOR, RIVER, TREATY
from tests.ingest.helpers import draft


def test_the_draft_loads_beside_the_curated_source_and_stays_out_unless_asked(
    knowledge: Path,
) -> None:
    drafted = draft(knowledge, TREATY, "treaty", contributors=["Nils Oberg"])
    assert set(drafted.kb.sources) >= {"treaty", "ukraine-diplomacy"}
    assert drafted.report.quotes == len(drafted.quotes()) > 0
    served = load_knowledge(knowledge)  # without include_unreviewed: nothing of the draft
    assert not [q for q in served.quotes if q.source == "treaty"]
    assert not [f for f in served.facts if f.source == "treaty"]
    assert [c.name for c in served.sources["treaty"].contributors] == ["Nils Oberg"]


def test_the_files_follow_the_curated_layout_and_say_they_are_drafts(knowledge: Path) -> None:
    drafted = draft(knowledge, HARBOR, "harbor")
    names = sorted(p.name for p in drafted.directory.iterdir())
    assert names == ["article.txt", "entities.yaml", "facts.yaml", "quotes.yaml", "source.yaml"]
    for name in ("quotes.yaml", "facts.yaml", "entities.yaml", "source.yaml"):
        assert (drafted.directory / name).read_text(encoding="utf-8").startswith("# DRAFT")
    quotes = (drafted.directory / "quotes.yaml").read_text(encoding="utf-8")
    assert (
        "\n- id: " in quotes and "\n  speakers: [" in quotes and "\n  reviewed: false\n" in quotes
    )
    assert (drafted.directory / "article.txt").read_text(encoding="utf-8") == HARBOR
    source = (drafted.directory / "source.yaml").read_text(encoding="utf-8")
    assert 'title: "Harbor Bridge Dispute Divides Port Elna, City Officials Say"' in source
    assert "outlet: null" in source and "url: null" in source
    for kind in ("quotes", "facts", "entities"):
        for record in drafted.records(kind):
            assert record["reviewed"] is False
            assert 0 <= record["confidence"] <= 1


def test_ids_are_unique_across_the_draft(knowledge: Path) -> None:
    drafted = draft(knowledge, RIVER, "river")
    ids = [r["id"] for kind in ("quotes", "facts", "entities") for r in drafted.records(kind)]
    assert len(ids) == len(set(ids))
    assert not set(ids) & set(load_knowledge(DEFAULT_KNOWLEDGE_DIR).entities)


def test_ingesting_again_without_replace_is_refused(knowledge: Path) -> None:
    drafted = draft(knowledge, HARBOR, "harbor")
    before = knowledge_hash(knowledge)
    with pytest.raises(SourceExistsError, match="exists already"):
        draft(knowledge, RIVER, "harbor")
    assert knowledge_hash(knowledge) == before
    assert drafted.directory.is_dir()


def test_an_existing_curated_source_is_never_overwritten_by_default(knowledge: Path) -> None:
    with pytest.raises(SourceExistsError):
        draft(knowledge, RIVER, "ukraine-diplomacy")


def test_replace_redrafts_the_source(knowledge: Path) -> None:
    draft(knowledge, HARBOR, "bridge")
    again = draft(knowledge, RIVER, "bridge", replace=True)
    assert again.kb.sources["bridge"].title == "Floodwaters Rise Along the Tamsel River"
    assert not [p for p in knowledge.iterdir() if p.name.startswith(".ingest")]


def test_a_draft_that_fails_the_check_is_removed(
    knowledge: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = drafting.draft_source

    def broken(*args: object, **kwargs: object) -> drafting.Draft:
        made = real(*args, **kwargs)  # type: ignore[arg-type]
        files = dict(made.files)
        files["quotes.yaml"] += (
            "\n- id: invented\n  speakers: [nobody]\n  paragraph: 1\n"
            "  text: words nobody wrote\n  partial: true\n  reviewed: false\n"
        )
        return dataclasses.replace(made, files=files)

    monkeypatch.setattr(writer, "draft_source", broken)
    before = knowledge_hash(knowledge)
    with pytest.raises(DraftInvalidError) as caught:
        draft(knowledge, HARBOR, "harbor")
    assert any("invented" in p and "not verbatim" in p for p in caught.value.problems)
    assert any("unknown id 'nobody'" in p for p in caught.value.problems)
    assert not (knowledge / "sources" / "harbor").exists()
    assert knowledge_hash(knowledge) == before


def test_a_failed_replace_puts_the_old_source_back(
    knowledge: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = draft(knowledge, HARBOR, "harbor")
    kept = {p.name: p.read_bytes() for p in first.directory.iterdir()}

    def failing(*args: object, **kwargs: object) -> drafting.Draft:
        raise IngestError("simulated failure")

    monkeypatch.setattr(writer, "draft_source", failing)
    with pytest.raises(IngestError, match="simulated"):
        draft(knowledge, RIVER, "harbor", replace=True)
    assert {p.name: p.read_bytes() for p in first.directory.iterdir()} == kept
    assert not [p for p in knowledge.iterdir() if p.name.startswith(".ingest")]


@pytest.mark.parametrize("slug", ["", "Harbor", "harbor bridge", "-harbor", "../harbor", "x" * 81])
def test_a_bad_slug_is_refused(knowledge: Path, slug: str) -> None:
    path = knowledge.parent / "article.txt"
    path.write_text(HARBOR, encoding="utf-8")
    with pytest.raises(IngestError, match="slug"):
        ingest_file(path, slug, knowledge_dir=knowledge)


def test_the_first_source_of_an_empty_knowledge_directory(cold: Path) -> None:
    drafted = draft(cold, HARBOR, "harbor")
    assert list(drafted.kb.sources) == ["harbor"]


def test_a_missing_article_is_an_ingest_error(knowledge: Path) -> None:
    with pytest.raises(IngestError, match="cannot read"):
        ingest_file(knowledge / "missing.txt", "missing", knowledge_dir=knowledge)
