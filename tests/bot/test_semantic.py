"""Closeness in sense from the shipped word vectors, and who-said on quotations said over.

Properties of the similarity itself (symmetric, one with itself, unmoved by words the
table lacks or by chat), then who-said over the shipped knowledge: a quotation cut to a
rough summary is never given to anyone else, and a rewording with its sense turned (a
negation, a number) is never attributed. That closeness in sense answers reworded
quotations at all, and adds no wrong attribution, is held on the training items by
tests/bench/test_fit_sense.py.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.commands import Answerer
from bot.knowledge import KnowledgeBase
from bot.matching.semantic import VECTORS, WordVectors, word_vectors

WORDS = [
    "peace",
    "talks",
    "ukraine",
    "russia",
    "territory",
    "support",
    "aggression",
    "offensive",
    "ceasefire",
    "victory",
    "diplomacy",
    "china",
    "neutral",
    "battlefield",
    "erosion",
]


def _table() -> WordVectors:
    table = word_vectors()
    assert table is not None, f"{VECTORS} is shipped with the package"
    return table


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=6),
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=6),
)
def test_similarity_is_symmetric_and_a_text_is_closest_to_itself(
    a: list[str], b: list[str]
) -> None:
    table = _table()
    one, two = " ".join(a), " ".join(b)
    assert table.similarity(one, two) == pytest.approx(table.similarity(two, one), abs=1e-6)
    assert table.similarity(one, one) == pytest.approx(1.0, abs=1e-5)
    assert table.similarity(one, two) <= 1.0 + 1e-5


@pytest.mark.parametrize("extra", ["zzqxv", "lol", "the of and", "!!!", "Blinkenqq"])
def test_words_the_table_lacks_and_chat_change_nothing(extra: str) -> None:
    table = _table()
    text = "russia would use a ceasefire to rebuild its forces"
    assert table.similarity(f"{text} {extra}", text) == pytest.approx(1.0, abs=1e-5)


def test_a_text_with_no_known_content_word_is_close_to_nothing() -> None:
    table = _table()
    assert table.vector("the of and") is None
    assert table.similarity("the of and", "peace talks") == 0.0


def test_related_lines_are_closer_than_unrelated_ones() -> None:
    table = _table()
    line = "buying time for an erosion of Western support for Ukraine"
    assert table.similarity(line, "waiting for the west to stop backing kyiv") > table.similarity(
        line, "the airline cancelled flights after the storm"
    )


@pytest.mark.parametrize(
    "turned",
    [
        "Putin would never use a truce to buy time until Western backing for Kyiv wears away",
        "Putin would use a truce to buy time until Western backing for Kyiv grows in 2 years",
    ],
)
def test_the_same_rewording_with_its_sense_turned_is_not_attributed(
    answerer: Answerer, turned: str
) -> None:
    answer = answerer.answer("who-said", turned)
    assert not (answer.answered and "Haines" in (answer.speaker or "")), answer.text


def test_no_quotation_said_over_is_given_to_someone_else(
    answerer: Answerer, kb: KnowledgeBase
) -> None:
    """Each quotation with its words cut to every other content word (a rough summary):
    when who-said names anyone, it names the speaker."""
    checked = 0
    for quote in kb.quotes:
        words = quote.text.split()
        if len(words) < 8:
            continue
        summary = " ".join(words[::2])
        answer = answerer.answer("who-said", summary)
        if answer.answered and answer.speaker:
            checked += 1
            surnames = [kb.entities[s].name.split()[-1] for s in quote.speakers]
            assert any(s in answer.speaker for s in surnames), (summary, answer.speaker)
    assert checked >= 3
