"""Chat words before how a question opens are dropped; words that may name something stay."""

from __future__ import annotations

import pytest

from bot.matching.noise import drop_lead_words


def _knows(segment: str) -> bool:
    return "ferry" in segment


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("honestly should the ferry run", "should the ferry run"),
        ("lol tbh who runs the ferry", "who runs the ferry"),
        ("ok when does the ferry leave", "when does the ferry leave"),
        # a noun may name what is asked, though the knowledge never uses it
        ("sanctions alone will not stop the ferry", "sanctions alone will not stop the ferry"),
        # a word the knowledge uses is content
        ("ferry when", "ferry when"),
        # three chat words are more than a lead-in
        ("lol ok tbh who runs the ferry", "lol ok tbh who runs the ferry"),
        ("who runs the ferry", "who runs the ferry"),
    ],
)
def test_chat_words_before_the_opening_of_a_question(text: str, expected: str) -> None:
    assert drop_lead_words(text, _knows) == expected
