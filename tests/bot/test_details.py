"""Questions after a detail the article leaves out are caught, others are not."""

from __future__ import annotations

import pytest

from bot.matching.details import unspecified_detail

EVIDENCE_18 = (
    "China’s special envoy for its peace initiative, Li Hui, was the ambassador to Russia "
    "for 10 years and received a medal from Mr. Putin"
)


@pytest.mark.parametrize(
    ("question", "vague"),
    [
        ("what medal did putin give li hui", "received a medal from Mr. Putin"),
        ("which years exactly was li hui ambassador", "for 10 years and received a"),
        ("what's the name of the medal putin gave li hui", "received a medal from Mr. Putin"),
    ],
)
def test_a_missing_detail_is_found_with_the_articles_words(question: str, vague: str) -> None:
    assert unspecified_detail(question, EVIDENCE_18) == vague


@pytest.mark.parametrize(
    ("question", "evidence"),
    [
        ("how long was li hui ambassador", EVIDENCE_18),
        (
            "what message did blinken send",
            "sending a message that battlefield gains are the priority",
        ),
        (
            "which day did the white house speak",
            "The White House said on Thursday that Jake Sullivan",
        ),
    ],
)
def test_questions_the_evidence_answers_pass(question: str, evidence: str) -> None:
    assert unspecified_detail(question, evidence) is None


def test_exactly_how_many_meets_a_vague_quantity() -> None:
    evidence = "Russia seized effective control of hundreds of square miles of eastern Ukraine"
    assert unspecified_detail("exactly how many square miles did russia hold", evidence)
    assert unspecified_detail("how many square miles did russia hold", evidence) is None


def test_a_date_within_the_month_the_article_gives_is_a_missing_detail() -> None:
    evidence = "since it unveiled a vague peace initiative in February"
    assert unspecified_detail("what date in february did china unveil it", evidence) == (
        "initiative in February"
    )
    assert unspecified_detail("what month did china unveil it", evidence) is None
