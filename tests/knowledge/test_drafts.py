"""A bad draft never stops the bot from starting, and no source leans on another's."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

from bot.errors import KnowledgeError
from bot.ingest import ingest_file
from bot.knowledge import DEFAULT_KNOWLEDGE_DIR, load_knowledge
from tests.ingest.articles import HARBOR, LIGHTHOUSE

SEED = "ukraine-diplomacy"


@pytest.fixture
def knowledge(tmp_path: Path) -> Path:
    target = tmp_path / "knowledge"
    shutil.copytree(DEFAULT_KNOWLEDGE_DIR, target)
    return target


def _ingest(knowledge: Path, text: str, slug: str) -> Path:
    path = knowledge.parent / f"{slug}.txt"
    path.write_text(text, encoding="utf-8")
    ingest_file(path, slug, knowledge_dir=knowledge)
    return knowledge / "sources" / slug


def _break(draft: Path) -> None:
    quotes = draft / "quotes.yaml"
    text = quotes.read_text(encoding="utf-8")
    first = text.index("  speakers: [")
    end = text.index("]", first)
    quotes.write_text(text[:first] + "  speakers: [nobody-at-all" + text[end:], encoding="utf-8")


def test_a_broken_draft_is_set_aside_with_a_warning_and_the_rest_loads(
    knowledge: Path, caplog: pytest.LogCaptureFixture
) -> None:
    harbor = _ingest(knowledge, HARBOR, "harbor")
    _ingest(knowledge, LIGHTHOUSE, "lighthouse")
    _break(harbor)
    with caplog.at_level(logging.WARNING, logger="bot.knowledge.loader"):
        kb = load_knowledge(knowledge, include_unreviewed=True)
    assert kb.set_aside == ("harbor",)
    assert set(kb.sources) == {SEED, "lighthouse"}
    assert not any(q.source == "harbor" for q in kb.quotes)
    assert not any(e.defined_in == "harbor" for e in kb.entities.values())
    assert "harbor" in caplog.text and "nobody-at-all" in caplog.text
    served = load_knowledge(knowledge)
    assert served.set_aside == ("harbor",) and SEED in served.sources


def test_knowledge_check_still_names_every_problem_of_a_broken_draft(knowledge: Path) -> None:
    _break(_ingest(knowledge, HARBOR, "harbor"))
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(knowledge, include_unreviewed=True, strict=True)
    assert any(
        "sources/harbor/quotes.yaml" in p and "nobody-at-all" in p for p in caught.value.problems
    )


def test_a_broken_curated_source_still_refuses_to_load(knowledge: Path) -> None:
    quotes = knowledge / "sources" / SEED / "quotes.yaml"
    text = quotes.read_text(encoding="utf-8")
    quotes.write_text(
        text.replace("speakers: [", "speakers: [nobody-at-all, ", 1), encoding="utf-8"
    )
    with pytest.raises(KnowledgeError):
        load_knowledge(knowledge)


def test_a_source_using_an_entity_another_source_defines_is_a_problem(knowledge: Path) -> None:
    harbor = _ingest(knowledge, HARBOR, "harbor")
    lighthouse = _ingest(knowledge, LIGHTHOUSE, "lighthouse")
    foreign = next(
        e.id
        for e in load_knowledge(knowledge, include_unreviewed=True).entities.values()
        if e.defined_in == "harbor" and e.kind == "person"
    )
    quotes = lighthouse / "quotes.yaml"
    text = quotes.read_text(encoding="utf-8")
    first = text.index("  speakers: [")
    end = text.index("]", first)
    quotes.write_text(text[:first] + f"  speakers: [{foreign}" + text[end:], encoding="utf-8")
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(knowledge, include_unreviewed=True, strict=True)
    assert any("entity of source 'harbor'" in p for p in caught.value.problems)
    kb = load_knowledge(knowledge, include_unreviewed=True)
    assert kb.set_aside == ("lighthouse",)
    shutil.rmtree(harbor)
    assert load_knowledge(knowledge, include_unreviewed=True).set_aside == ("lighthouse",)
