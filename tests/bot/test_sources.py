"""Several sources: answers name theirs, differing answers show both, reloads stay local."""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bot.answers import Question
from bot.knowledge import DEFAULT_KNOWLEDGE_DIR
from bot.storage import models as m

SECOND = "fictional-wire"
TITLE = "A Fictional Wire Report on the Same Week"
ARTICLE = f"""{TITLE}
Xi Jinping, China’s leader, made a state visit to Moscow in April, the wire reported.
“Peace needs patience,” said Orla Venn, a fictional analyst at the Institute of Examples.
"""


@pytest.fixture
def two_sources(tmp_path: Path) -> Path:
    root = tmp_path / "knowledge"
    shutil.copytree(DEFAULT_KNOWLEDGE_DIR, root)
    folder = root / "sources" / SECOND
    folder.mkdir()
    (folder / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "source.yaml").write_text(
        f'id: {SECOND}\ntitle: "{TITLE}"\ntext: article.txt\noutlet: null\n', encoding="utf-8"
    )
    (folder / "entities.yaml").write_text(
        "- id: orla-venn\n  name: Orla Venn\n  kind: person\n  aliases: [Venn]\n"
        "  role: {text: a fictional analyst at the Institute of Examples, source: "
        f'{SECOND}, paragraph: 2, evidence: "Orla Venn, a fictional analyst"}}\n',
        encoding="utf-8",
    )
    (folder / "facts.yaml").write_text(
        "- id: xi-visit-april\n  paragraph: 1\n"
        "  statement: Xi Jinping made a state visit to Moscow in April, the wire reported.\n"
        "  evidence: Xi Jinping, China’s leader, made a state visit to Moscow in April\n"
        "  attribution: the wire reported\n  entities: [xi, moscow]\n  topics: [china-russia]\n"
        "  answers: [when, where]\n  questions: [when did xi visit moscow]\n",
        encoding="utf-8",
    )
    (folder / "quotes.yaml").write_text(
        "- id: venn-patience\n  speakers: [orla-venn]\n  paragraph: 2\n"
        "  text: Peace needs patience,\n  partial: false\n",
        encoding="utf-8",
    )
    return root


def test_answers_that_differ_between_sources_show_both(
    envoy_factory: Any, two_sources: Path
) -> None:
    envoy = envoy_factory(ENVOY_KNOWLEDGE_DIR=two_sources)
    answer = envoy.handle(Question("ask", "When did Xi visit Moscow?"))
    assert answer.answered
    assert {c.source_id for c in answer.citations} == {"ukraine-diplomacy", SECOND}
    assert TITLE in answer.text and "in March" in answer.text and "in April" in answer.text
    sources = envoy.handle(Question("sources", ""))
    assert "I answer from 2 sources" in sources.text and TITLE in sources.text
    quotes = envoy.handle(Question("quotes", "Venn"))
    assert quotes.citations[0].source == TITLE


def test_reloading_one_source_leaves_the_others_and_the_log(
    envoy_factory: Any, two_sources: Path
) -> None:
    envoy = envoy_factory(ENVOY_KNOWLEDGE_DIR=two_sources)
    envoy.handle(Question("ask", "who is the dni", "slack", "U1"))

    def loaded() -> dict[str, Any]:
        with envoy.store.engine.connect() as connection:
            return dict(connection.execute(select(m.SourceRow.id, m.SourceRow.loaded_at)).all())

    before = loaded()
    time.sleep(1.1)
    facts = two_sources / "sources" / SECOND / "facts.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("wire reported.", "wire said."))
    assert envoy.store.sync_knowledge(two_sources) is True
    after = loaded()
    assert after["ukraine-diplomacy"] == before["ukraine-diplomacy"]
    assert after[SECOND] != before[SECOND]
    assert envoy.store.count(m.QuestionLogRow) == 1
    statements = envoy.store.read_knowledge().facts
    assert any(f.statement.endswith("the wire said.") for f in statements)
    assert envoy.store.sync_knowledge(two_sources) is False
