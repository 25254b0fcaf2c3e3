"""Typo tolerance: a misspelt word is read as the word meant, a real word is left alone."""

from __future__ import annotations

import pytest

from bot.matching.analyzer import Analyzer

SYNONYMS = [["negotiation", "talks", "diplomacy"], ["head", "chief", "director"]]


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    analyzer = Analyzer(SYNONYMS)
    analyzer.learn(["The harbour election was held in the capital after the inspectors left"])
    return analyzer


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("tlaks", "talks"),  # two letters swapped
        ("cheif", "chief"),
        ("diplomcy", "diplomacy"),  # a word the lexicon folds into another term
        ("electon", "election"),
        ("inspecters", "inspectors"),
        ("captial", "capital"),
    ],
)
def test_a_slip_of_the_keyboard_reads_as_the_word_meant(
    analyzer: Analyzer, typed: str, meant: str
) -> None:
    assert analyzer.terms(typed) == analyzer.terms(meant, repair=False)


@pytest.mark.parametrize("word", ["work", "spin", "joke", "list", "harvest", "india"])
def test_a_real_word_is_not_turned_into_a_known_one(analyzer: Analyzer, word: str) -> None:
    assert not set(analyzer.terms(word)) & set(analyzer.terms("harbour election held capital"))
