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


@pytest.mark.parametrize("word", ["hes", "theyre", "wheres", "thats", "waht", "whihc", "abotu"])
def test_contractions_without_apostrophes_and_slipped_function_words_carry_nothing(
    analyzer: Analyzer, word: str
) -> None:
    assert analyzer.terms(word) == []


@pytest.mark.parametrize("word", ["wait", "whet", "wham"])
def test_a_word_two_letters_from_a_function_word_is_no_swap_of_it(
    analyzer: Analyzer, word: str
) -> None:
    """ "wait" is not "what" with two letters swapped: only a true swap is a slip."""
    assert analyzer.terms(word) != []
