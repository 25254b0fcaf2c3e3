"""Filler words before how a question opens are dropped; any other word stays."""

from __future__ import annotations

import pytest

from bot.commands import Answerer
from bot.matching.analyzer import STOP_WORDS
from bot.matching.noise import drop_lead_words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("honestly should the ferry run", "should the ferry run"),
        ("lol tbh who runs the ferry", "who runs the ferry"),
        ("ok when does the ferry leave", "when does the ferry leave"),
        # a word that may name what is asked stays, known to the knowledge or not
        ("sanctions alone will not stop the ferry", "sanctions alone will not stop the ferry"),
        ("iran has a ferry?", "iran has a ferry?"),
        # three filler words are more than a lead-in
        ("lol ok tbh who runs the ferry", "lol ok tbh who runs the ferry"),
        ("who runs the ferry", "who runs the ferry"),
    ],
)
def test_filler_words_before_the_opening_of_a_question(text: str, expected: str) -> None:
    assert drop_lead_words(text, STOP_WORDS.__contains__) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("wat is the ferry's route", "what is the ferry's route"),
        ("wen does the ferry leave", "when does the ferry leave"),
        ("hw fast is the ferry", "how fast is the ferry"),
        ("the wattle ferry", "the wattle ferry"),  # only whole words
    ],
)
def test_question_words_as_chat_spells_them_are_spelt_out(text: str, expected: str) -> None:
    from bot.matching.noise import strip_noise

    assert strip_noise(text, lambda _segment: True) == expected


@pytest.mark.parametrize(
    "question",
    ["wat is the job of the dni", "wen did xi go to moscow", "wat did haines say about putin"],
)
def test_a_chat_spelling_of_the_question_word_changes_no_answer(
    answerer: Answerer, question: str
) -> None:
    spelt = question.replace("wat ", "what ").replace("wen ", "when ")
    assert answerer.answer("ask", question).text == answerer.answer("ask", spelt).text
