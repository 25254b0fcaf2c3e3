"""Filler words before how a question opens are dropped; any other word stays."""

from __future__ import annotations

import pytest

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
