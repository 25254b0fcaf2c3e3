"""Properties that hold for any input: nothing raises, nothing is invented, input is tamed."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from bot.answers import Question
from bot.commands import COMMAND_NAMES, Answerer
from bot.knowledge import KnowledgeBase
from bot.storage import models as m
from bot.text import MAX_INPUT_CHARS, normalise

NAUGHTY = [
    "\u0000",
    "\u202e\u2066evil\u2069",
    "a\u0301\u0302\u0303",
    "ＡＢＣ＜!channel＞",
    "<@U123|x>",
    "<!here>",
    "@everyone",
    "@\u200beveryone",
    "<@&123456>",
    "<#C123|general>",
    "<https://evil.example|click>",
    "[x](https://evil.example)",
    "```",
    "%",
    "_",
    "'; DROP TABLE",
    "\\",
    "' OR '1'='1",
    "\r\n\t",
    "🙂" * 10,
    "x" * 5000,
]
texts = st.one_of(
    st.text(max_size=300),
    st.sampled_from(NAUGHTY),
    st.lists(st.sampled_from([*NAUGHTY, "blinken", "who said", "crimea", " "]), max_size=8).map(
        "".join
    ),
)


def _verbatim(quote: str, paragraph: str) -> bool:
    pieces = [p for p in quote.split(" … ") if p]
    flat = re.sub(r"\s+", " ", paragraph)
    return all(re.sub(r"\s+", " ", p) in flat for p in pieces)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(command=st.sampled_from([*COMMAND_NAMES, "bogus"]), text=texts)
def test_any_input_gets_an_answer_and_citations_are_verbatim(
    answerer: Answerer, kb: KnowledgeBase, command: str, text: str
) -> None:
    answer = answerer.answer(command, text)
    assert answer.text
    assert 0.0 <= answer.confidence <= 1.0
    for citation in answer.citations:
        source = kb.sources[citation.source_id]
        assert _verbatim(citation.quote, source.paragraph(citation.paragraph))


@settings(max_examples=300, deadline=None)
@given(text=texts)
def test_normalised_text_is_bounded_and_clean(text: str) -> None:
    result = normalise(text)
    assert len(result) <= MAX_INPUT_CHARS
    assert "\x00" not in result
    assert not any(unicodedata.category(ch) in ("Cc", "Cf") for ch in result)
    assert not re.search(r"<[@#!]|@everyone|@here", result)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=texts)
def test_no_nul_or_control_character_reaches_the_database(envoy: Any, text: str) -> None:
    answer = envoy.handle(Question("ask", text, "slack", "U\x00" + text[:20]))
    envoy.store.flush()
    with envoy.store.engine.connect() as connection:
        stored = connection.execute(
            select(m.QuestionLogRow.text).where(m.QuestionLogRow.id == answer.answer_id)
        ).scalar()
    assert stored is not None
    assert not any(unicodedata.category(ch) == "Cc" for ch in stored)
