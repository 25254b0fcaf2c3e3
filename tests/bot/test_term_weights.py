"""Term weights: the rarer a word in the knowledge, the more it counts; a word it never
uses counts most (it may name what the article leaves out), unless it is a weak word,
which never names anything ("the democrat guy", "biden's ppl")."""

from __future__ import annotations

import math

from bot.commands import Answerer


def _weights(answerer: Answerer, question: str) -> dict[str, float]:
    ranker = answerer.ranker
    parsed = ranker.parse(question)
    source = next(iter(answerer.kb.sources))
    own = ranker.weights(parsed, source)
    return dict(zip(own.terms, own.weights, strict=True))


def test_a_weak_word_the_knowledge_never_uses_weighs_as_one_it_uses_everywhere(
    answerer: Answerer,
) -> None:
    weights = _weights(answerer, "what did the democrat guy say about the medal")
    weak = answerer.context.params.weak_word_factor
    assert weights["guy"] <= math.log(2) * weak + 1e-9
    assert weights["medal"] > 4 * weights["guy"]  # an unknown content word counts in full


def test_an_informal_word_for_a_person_does_not_turn_an_answer_into_a_decline(
    answerer: Answerer,
) -> None:
    plain = answerer.answer("ask", "what did the british foreign secretary say about support")
    informal = answerer.answer(
        "ask", "what did the british foreign secretary dude say about support"
    )
    assert plain.answered
    assert informal.answered
    assert [c.paragraph for c in informal.citations] == [c.paragraph for c in plain.citations]
