"""The shipped knowledge files: valid, verbatim, and covering the whole article."""

from __future__ import annotations

import re
from pathlib import Path

from bot.knowledge import DEFAULT_KNOWLEDGE_DIR, KnowledgeBase, load_knowledge
from bot.knowledge.loader import split_paragraphs

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "article.txt"
ARTICLE = DEFAULT_KNOWLEDGE_DIR / "sources" / "ukraine-diplomacy" / "article.txt"
_QUOTED = re.compile(r"“([^”]+)”")


def test_the_shipped_files_pass_the_check() -> None:
    kb = load_knowledge()
    assert len(kb.sources) == 1
    assert kb.facts and kb.quotes and kb.entities and kb.topics


def test_the_article_is_a_verbatim_copy_split_into_paragraphs(kb: KnowledgeBase) -> None:
    text = ARTICLE.read_text(encoding="utf-8")
    if SEED.exists():
        assert text == SEED.read_text(encoding="utf-8")
    source = kb.sources["ukraine-diplomacy"]
    assert source.title == text.splitlines()[0]
    assert source.title not in source.paragraphs
    assert "Leave a Comment" not in source.paragraphs
    assert source.paragraphs == split_paragraphs(text)
    assert len(source.paragraphs) == 38
    assert source.paragraphs[-1].startswith("Julian E. Barnes contributed reporting")


def test_unknown_metadata_stays_unknown(kb: KnowledgeBase) -> None:
    source = kb.sources["ukraine-diplomacy"]
    assert (source.outlet, source.published, source.url) == (None, None, None)
    assert [c.name for c in source.contributors] == ["Julian E. Barnes", "Steven Erlanger"]


def test_every_paragraph_has_at_least_one_fact(kb: KnowledgeBase) -> None:
    covered = {f.paragraph for f in kb.facts}
    assert covered == set(range(1, 39))


def test_every_quotation_in_the_article_is_in_the_quotes_file(kb: KnowledgeBase) -> None:
    source = kb.sources["ukraine-diplomacy"]
    pieces = {(q.paragraph, p.strip(" ,.")) for q in kb.quotes for p in q.pieces}
    missing = []
    for number, paragraph in enumerate(source.paragraphs, start=1):
        for match in _QUOTED.finditer(paragraph):
            if (number, match.group(1).strip(" ,.")) not in pieces:
                missing.append((number, match.group(1)))
    assert missing == []


def test_every_named_person_is_an_entity_with_the_articles_role(kb: KnowledgeBase) -> None:
    people = {e.name for e in kb.entities.values() if e.kind == "person"}
    for name in (
        "Antony J. Blinken",
        "James Cleverly",
        "Vladimir V. Putin",
        "Qin Gang",
        "Avril D. Haines",
        "Adam Smith",
        "Donald J. Trump",
        "Xi Jinping",
        "Li Hui",
        "Volodymyr Zelensky",
        "Annalena Baerbock",
        "Jake Sullivan",
        "Wang Yi",
        "Alina Polyakova",
        "Mark A. Milley",
        "Julian E. Barnes",
        "Steven Erlanger",
    ):
        assert name in people
    assert kb.entities["cleverly"].role is not None
    assert kb.entities["cleverly"].role.text == "the British foreign secretary"
    assert kb.entities["haines"].role is not None
    assert kb.entities["haines"].role.text == "the director of national intelligence"


def test_attributed_claims_keep_their_attribution(kb: KnowledgeBase) -> None:
    fear = next(f for f in kb.facts if "war of attrition" in f.statement)
    assert fear.statement.startswith("U.S. officials fear")
    assert fear.attribution == "U.S. officials fear"


def test_relative_times_are_never_turned_into_dates(kb: KnowledgeBase) -> None:
    months = re.compile(r"\b(?:\d{1,2} (?:May|April)|May \d{1,2}|April \d{1,2})\b")
    for fact in kb.facts:
        assert not months.search(fact.statement), fact.id
    news_conference = next(f for f in kb.facts if f.id == "blinken-news-conference-tuesday")
    assert "on Tuesday" in news_conference.statement


def test_the_phrase_two_governments_used_has_two_speakers(kb: KnowledgeBase) -> None:
    no_limits = next(q for q in kb.quotes if q.text == "no limits")
    assert set(no_limits.speakers) == {"china", "russia"}
    assert no_limits.partial
