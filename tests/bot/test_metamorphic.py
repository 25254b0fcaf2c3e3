"""Metamorphic properties over the evaluation sets: words with no content change nothing.

Each question of every evaluation set is asked plain and then wrapped in words that carry
no content (a greeting, an aside in brackets, a sign-off, mention labels, a link, emoji,
another case). The answer must stay the same: answered or declined alike, resting on the
same first document. The wrappers live here, not in the code: the pipeline has to set
them aside by how they look and what they lack, not by a list of these phrases.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.answers import Answer
from bot.commands import Answerer
from bot.evaluation import EvalItem, read_items

SETS = sorted((Path(__file__).resolve().parents[1] / "evaluation").glob("*.jsonl"))

Wrapper = Callable[[str], str]
WRAPPERS: dict[str, Wrapper] = {
    "greeting": lambda q: "hey all 👋 " + q,
    "greeting, punctuated": lambda q: "Hi there! " + q,
    "greeting and dash": lambda q: "morning folks — " + q,
    "lead-in and colon": lambda q: "quick q: " + q,
    "aside after": lambda q: q + " (sorry if this was asked already)",
    "aside before": lambda q: "(first time posting here) " + q,
    "aside in square brackets": lambda q: q + " [asking for a colleague]",
    "aside naming someone": lambda q: q + " (asking for my editor, Maria Quental)",
    "greeting by name": lambda q: "Morning Tomasz, " + q,
    "sign-off": lambda q: q + " thanks!",
    "sign-off and emoji": lambda q: q + " ty 🙏",
    "channel labels": lambda q: "<!channel> @here " + q,
    "user mention": lambda q: "<@U0123ABC> " + q,
    "link": lambda q: q + " https://example.com/story?id=1",
    "emoji": lambda q: "🤔 " + q + " 😅",
    "per the article": lambda q: q.rstrip("?") + ", per the article?",
    "in this piece": lambda q: q.rstrip("?") + " in this piece?",
    "as described in the story": lambda q: q.rstrip("?") + ", as described in the story?",
    "upper case": str.upper,
    "lower case": str.lower,
}


def _items() -> list[EvalItem]:
    return [
        item for path in SETS for item in read_items(path) if any(c.isalpha() for c in item.text)
    ]


def _same(plain: Answer, wrapped: Answer) -> bool:
    if plain.answered != wrapped.answered:
        return False
    return not plain.answered or plain.matched[:1] == wrapped.matched[:1]


@pytest.fixture(scope="module")
def plain_answers(answerer: Answerer) -> list[tuple[EvalItem, Answer]]:
    return [(item, answerer.answer(item.command, item.text)) for item in _items()]


@pytest.mark.parametrize("name", sorted(WRAPPERS))
def test_words_without_content_change_no_answer(
    answerer: Answerer, plain_answers: list[tuple[EvalItem, Answer]], name: str
) -> None:
    wrap = WRAPPERS[name]
    rng = random.Random(name)  # a fixed sample per wrapper: every set, every command
    sample = rng.sample(plain_answers, k=min(400, len(plain_answers)))
    changed = [
        item.text
        for item, plain in sample
        if not _same(plain, answerer.answer(item.command, wrap(item.text)))
    ]
    # At least 99% of answers unchanged (the target); list what changed if not.
    assert len(changed) <= len(sample) // 100, changed[:10]


def test_a_question_of_chatter_alone_is_not_answered(answerer: Answerer) -> None:
    for text in ("hey all 👋 (long day lol) ty", "gm gm 🌞", "d", "lol ok"):
        assert not answerer.answer("ask", text).answered, text


@pytest.mark.parametrize("tag", [", true?", ", correct?", ", yes?", " - right?"])
def test_a_tag_after_a_claim_changes_no_answer(
    answerer: Answerer, plain_answers: list[tuple[EvalItem, Answer]], tag: str
) -> None:
    """A claim to check ("Xi visited Moscow in March") asked with a tag after it."""
    claims = [
        (item, plain)
        for item, plain in plain_answers
        if item.command == "ask"
        and item.text.rstrip(" ?.!")[-1:].isalnum()
        and not item.text.casefold().startswith(_QUESTION_WORDS)
    ]
    changed = [
        item.text
        for item, plain in claims
        if not _same(plain, answerer.answer("ask", item.text.rstrip(" ?.!") + tag))
    ]
    assert len(claims) >= 100
    assert len(changed) <= len(claims) // 50, changed[:10]


_QUESTION_WORDS = ("who", "what", "when", "where", "why", "which", "how", "whats", "wh")


_OPENERS = (
    "who",
    "what",
    "when",
    "where",
    "why",
    "which",
    "how",
    "is",
    "are",
    "was",
    "did",
    "does",
    "do",
    "should",
    "could",
    "would",
    "will",
    "can",
    "has",
)


@pytest.mark.parametrize("lead", ["honestly", "lol", "ok tbh", "hmm", "um", "omg", "wtf"])
def test_words_without_content_before_a_question_change_no_answer(
    answerer: Answerer, plain_answers: list[tuple[EvalItem, Answer]], lead: str
) -> None:
    """A word or two that name nothing before how a question opens ("honestly should
    ...", "lol who is ..."): the same answer, or the same decline."""
    asked = [
        (item, plain)
        for item, plain in plain_answers
        if item.command == "ask" and item.text.casefold().split(" ")[0] in _OPENERS
    ]
    changed = [
        item.text
        for item, plain in asked
        if not _same(plain, answerer.answer("ask", f"{lead} {item.text}"))
    ]
    assert len(asked) >= 300
    assert len(changed) <= len(asked) // 100, changed[:10]


_UNIT_WORDS = {"years": "yrs", "year": "yr", "hours": "hrs", "weeks": "wks", "months": "mos"}
_COUNTED_UNIT = re.compile(
    r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten) (years|year|hours|weeks|months)\b",
    re.IGNORECASE,
)


def test_a_unit_of_time_written_short_after_a_number_changes_no_answer(
    answerer: Answerer, plain_answers: list[tuple[EvalItem, Answer]]
) -> None:
    """ "for 5 yrs" is "for 5 years": every question counting time, written short."""
    counted = [(i, a) for i, a in plain_answers if _COUNTED_UNIT.search(i.text)]
    changed = [
        item.text
        for item, plain in counted
        if not _same(
            plain,
            answerer.answer(
                item.command,
                _COUNTED_UNIT.sub(
                    lambda m: f"{m.group(1)} {_UNIT_WORDS[m.group(2).lower()]}", item.text
                ),
            ),
        )
    ]
    assert len(counted) >= 20
    assert not changed, changed[:5]


@pytest.mark.parametrize("happened", ["took place", "happened", "occurred"])
def test_took_place_is_happened(answerer: Answerer, happened: str) -> None:
    answer = answerer.answer("ask", f"confirm the sullivan-wang meeting {happened} in geneva")
    assert answer.answered, answer.text
    assert "the article says “Vienna”" in answer.text


_WH = ("who", "what", "when", "where", "why", "which", "how")


@pytest.mark.parametrize("frame", ["can you tell me", "do you know", "i want to know"])
def test_a_request_framing_a_question_changes_no_answer(
    answerer: Answerer, plain_answers: list[tuple[EvalItem, Answer]], frame: str
) -> None:
    """ "can you tell me when ...": the request asks nothing; "tell" is no question about
    what someone said."""
    asked = [
        (item, plain)
        for item, plain in plain_answers
        if item.command == "ask" and item.text.casefold().split(" ")[0] in _WH
    ]
    changed = [
        item.text
        for item, plain in asked
        if not _same(
            plain, answerer.answer("ask", f"{frame} {item.text[0].lower()}{item.text[1:]}")
        )
    ]
    assert len(asked) >= 300
    assert len(changed) <= len(asked) // 50, changed[:10]


@pytest.mark.parametrize(
    ("chat", "plain"),
    [
        ("which side r u on", "which side are you on"),
        (
            "do u personally trust china as a mediator",
            "do you personally trust china as a mediator",
        ),
        ("whats ur take on milley", "whats your take on milley"),
    ],
)
def test_an_opinion_asked_in_chat_spelling_is_declined_as_an_opinion(
    answerer: Answerer, chat: str, plain: str
) -> None:
    one, other = answerer.answer("ask", chat), answerer.answer("ask", plain)
    assert not one.answered and one.text == other.text
