"""Sources never bleed into each other: drafting unrelated articles changes no answer
about the seed, except where a new source itself answers.

Every question of every evaluation set (tests/evaluation/*.jsonl) is asked of the seed
alone and of the seed with five unrelated fictional drafts loaded (unreviewed items
served, as with ENVOY_INCLUDE_UNREVIEWED). An answer that cites a new source is the new
source answering, and is allowed; every other answer must be identical, field by field,
with two allowances that are not bleeding: its wording counts the sources ("in the 6
articles"), and a question declined both times may be declined for another reason, with
other suggestions and confidence: what counts as chatter, and the nearest things Envoy
knows, are read against every source's words ("got a poll number?" is chatter to the
seed alone, a question once an election story is loaded); for the same reason a question
answered both times, with the same words and citations, may be answered with another
confidence ("— his words?" is chatter to the seed alone, a word of the question once a
draft uses "words").
"""

from __future__ import annotations

import shutil
from pathlib import Path

from bot import messages
from bot.commands import Answerer
from bot.evaluation import read_items
from bot.ingest import ingest_file
from bot.knowledge import DEFAULT_KNOWLEDGE_DIR, load_knowledge
from tests.ingest.articles import HARBOR, LIGHTHOUSE, ORCHESTRA, RIVER, TREATY

EVALUATION = Path(__file__).resolve().parents[1] / "evaluation"
FICTION = {
    "harbor": HARBOR,
    "treaty": TREATY,
    "river": RIVER,
    "orchestra": ORCHESTRA,
    "lighthouse": LIGHTHOUSE,
}


def _bleeding(tmp_path: Path) -> list[str]:
    knowledge = tmp_path / "knowledge"
    shutil.copytree(DEFAULT_KNOWLEDGE_DIR, knowledge)
    alone = Answerer(load_knowledge(knowledge, include_unreviewed=True))
    for slug, text in FICTION.items():
        path = tmp_path / f"{slug}.txt"
        path.write_text(text, encoding="utf-8")
        ingest_file(path, slug, knowledge_dir=knowledge)
    together = Answerer(load_knowledge(knowledge, include_unreviewed=True))
    sources = len(together.kb.sources)
    assert sources == 1 + len(FICTION)
    changed = []
    for path in sorted(EVALUATION.glob("*.jsonl")):
        for item in read_items(path):
            before = alone.answer(item.command, item.text).to_dict()
            after = together.answer(item.command, item.text).to_dict()
            if any(c["source_id"] in FICTION for c in after["citations"]):
                continue
            before["text"] = messages.for_sources(before["text"], sources)
            if not before["answered"] and not after["answered"]:
                for nearest in ("text", "suggestions", "confidence"):
                    before.pop(nearest), after.pop(nearest)
            elif before["answered"] and after["answered"]:
                before.pop("confidence"), after.pop("confidence")
            if before != after:
                changed.append(f"{path.name} {item.id}: {item.text}")
    return changed


def test_unrelated_drafts_change_no_answer_about_the_seed(tmp_path: Path) -> None:
    assert _bleeding(tmp_path) == []


def test_a_question_naming_someone_only_a_new_source_knows_is_that_sources(
    tmp_path: Path,
) -> None:
    """The seed never names Korven or Brandle: to it, their names are words it does not
    use, and its documents concern neither. Its documents that share the question's other
    words ("negotiations", "territory") must not outrank the new source's."""
    knowledge = tmp_path / "knowledge"
    shutil.copytree(DEFAULT_KNOWLEDGE_DIR, knowledge)
    path = tmp_path / "harbor.txt"
    path.write_text(HARBOR, encoding="utf-8")
    ingest_file(path, "harbor", knowledge_dir=knowledge)
    answerer = Answerer(load_knowledge(knowledge, include_unreviewed=True))
    for question in (
        "what does brandle want from the negotiations",
        "what did korven say about territory",
    ):
        parsed = answerer.ranker.parse(answerer.context.clean_question(question))
        best = answerer.ranker.rank(parsed, limit=1)[0]
        assert best.document.source == "harbor", question
