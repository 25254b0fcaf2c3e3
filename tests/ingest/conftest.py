"""Fixtures of the ingest tests: throw-away copies of the knowledge directory (the
repository's own `knowledge/` is never written to).

Every article in these tests is fictional: invented people, places and countries.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.knowledge import DEFAULT_KNOWLEDGE_DIR

CURATED_SOURCES = [p.name for p in (DEFAULT_KNOWLEDGE_DIR / "sources").iterdir() if p.is_dir()]


@pytest.fixture
def knowledge(tmp_path: Path) -> Path:
    """A copy of the repository's knowledge directory, curated source included."""
    target = tmp_path / "knowledge"
    shutil.copytree(DEFAULT_KNOWLEDGE_DIR, target)
    return target


@pytest.fixture
def cold(knowledge: Path) -> Path:
    """A copy with no source and no entity: everything a fictional article names is new."""
    for name in CURATED_SOURCES:
        shutil.rmtree(knowledge / "sources" / name)
    (knowledge / "entities.yaml").write_text("[]\n", encoding="utf-8")
    return knowledge
