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


def test_with_several_sources_answers_and_help_say_so(
    envoy_factory: Any, two_sources: Path
) -> None:
    envoy = envoy_factory(ENVOY_KNOWLEDGE_DIR=two_sources)
    decline = envoy.handle(Question("ask", "what is the weather in Lisbon"))
    assert not decline.answered
    assert decline.text == "I can't find that in the 2 articles."
    assert envoy.handle(Question("help", "")).text.startswith(
        "I answer questions about 2 articles, citing their own words."
    )
    quotes = envoy.handle(Question("quotes", "Venn"))
    assert quotes.text == "Orla Venn: 1 quotation in the 2 articles."
    milley = envoy.handle(Question("quotes", "Milley"))
    assert milley.text == "None of the 2 articles quotes Mark A. Milley directly."
    empty = envoy.handle(Question("ask", "   "))
    assert empty.text.startswith("Ask me something about the 2 articles, for example: What")
    # A sentence about one cited passage speaks of that passage's article.
    said = envoy.handle(Question("who-said", "no limits"))
    assert said.text.endswith("The article quotes only part of what was said.")


def test_sources_counts_each_source_and_the_entities_once(
    envoy_factory: Any, two_sources: Path
) -> None:
    envoy = envoy_factory(ENVOY_KNOWLEDGE_DIR=two_sources)
    text = envoy.handle(Question("sources", "")).text
    assert "38 paragraphs, 73 facts, 21 quotations." in text
    assert "2 paragraphs, 1 facts, 1 quotations." in text
    assert text.endswith("49 people, places and organisations in all.")
    assert text.count("people, places and organisations") == 1
