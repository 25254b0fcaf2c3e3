"""Retrieval from the database's full-text index gives the answers a full scan gives."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bot.answers import Question
from bot.evaluation import read_items
from bot.storage import models as m

SETS = Path(__file__).resolve().parents[1] / "evaluation"


def _comparable(answer: Any) -> dict[str, Any]:
    data = answer.to_dict()
    data.pop("answer_id")
    return data


def test_database_retrieval_equals_the_full_scan_on_the_article(envoy_factory: Any) -> None:
    in_memory = envoy_factory(ENVOY_RETRIEVAL="memory", ENVOY_RATE_LIMIT=0)
    searched = envoy_factory(ENVOY_RETRIEVAL="database", ENVOY_RATE_LIMIT=0)
    assert type(searched.answerer.index).__name__ == "DatabaseIndex"
    assert type(in_memory.answerer.index).__name__ == "MemoryIndex"
    items = read_items(SETS / "public.jsonl") + read_items(SETS / "heldout.jsonl")
    extra = [("sources", ""), ("about", "crimea"), ("quotes", "blinken"), ("ask", "summary")]
    questions = [(i.command, i.text) for i in items] + extra
    differences = []
    for command, text in questions:
        expected = _comparable(in_memory.handle(Question(command, text)))
        got = _comparable(searched.handle(Question(command, text)))
        if got != expected:
            differences.append((command, text, expected["text"][:80], got["text"][:80]))
    assert differences == []


def test_the_index_is_built_once_per_knowledge(envoy_factory: Any) -> None:
    first = envoy_factory()
    documents = first.store.document_count()
    assert documents == first.answerer.index.size
    second = envoy_factory(ENVOY_RETRIEVAL="database")
    assert second.store.ensure_index(lambda kb: []) is False
    assert second.store.count(m.DocumentRow) == documents
    assert second.store.count(m.TermStatRow) > 100
