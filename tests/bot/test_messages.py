"""The wording of answers: true for one source and for several."""

from __future__ import annotations

import pytest

from bot import messages
from bot.commands import Answerer

PER_PASSAGE = {
    # These speak of the one article a cited passage comes from: singular whatever the count.
    messages.NO_CALENDAR_DATE,
    messages.NO_DAY,
    messages.NO_DATE_AT_ALL,
    messages.NO_DAY_AT_ALL,
    messages.NOT_SPECIFIED,
    messages.NOT_MENTIONED,
    messages.NAME_NOT_MENTIONED,
    messages.TIME_CONTRADICTED,
    messages.UNKNOWN_METADATA,
    messages.WHO_SAID,
    messages.WHO_SAID_PARTIAL,
    messages.QUOTE_CLOSE,
    messages.NOT_NAMED,
    messages.NO_QUANTITY,
    # The console's welcome is worded by the count already.
    messages.CONSOLE_ONE_SOURCE,
    messages.CONSOLE_SOURCES,
}


def test_every_sentence_about_the_article_has_a_wording_for_several() -> None:
    sentences = [
        value
        for name, value in vars(messages).items()
        if name.isupper() and isinstance(value, str) and "article" in value
    ]
    missing = [s for s in sentences if s not in messages.SEVERAL_SOURCES and s not in PER_PASSAGE]
    assert not missing, missing


@pytest.mark.parametrize("template", sorted(messages.SEVERAL_SOURCES))
def test_each_sentence_is_reworded_with_its_fields_kept(template: str) -> None:
    fields = {"subject": "the Kerch bridge", "name": "Ana Roe", "example": "Who is X?"}
    fields |= {"speaker": "Ana Roe", "paragraph": 3, "pairs": "“a” where you have “b”"}
    fields |= {"count": 2, "plural": "s", "who": "Ana Roe (a mayor)", "context": ", on Tuesday"}
    fields |= {"statement": "Ana Roe said the harbor will close."}
    text = template.format(**fields) + "\n• a fact the sources state about the article"
    several = messages.for_sources(text, 3)
    assert several.startswith(messages.SEVERAL_SOURCES[template].format(sources=3, **fields))
    assert several.endswith("\n• a fact the sources state about the article")
    assert messages.for_sources(text, 1) == text


def test_a_text_this_module_did_not_write_is_left_alone() -> None:
    text = "The article says the talks failed."
    assert messages.for_sources(text, 4) == text


def test_who_said_says_plainly_when_only_part_is_quoted(answerer: Answerer) -> None:
    partial = answerer.answer("who-said", "no limits")
    assert partial.text == (
        "China and Russia said it, just before Russia invaded Ukraine in February 2022. "
        "The article quotes only part of what was said."
    )
    assert "in part these words" not in partial.text


def test_a_place_named_with_the_keeps_it(answerer: Answerer) -> None:
    about = answerer.answer("about", "crimea")
    assert about.text.startswith("What the article says about the Crimean Peninsula:")


def test_who_said_of_words_the_article_reports_says_they_are_no_quotation(
    answerer: Answerer,
) -> None:
    """Words the article gives as someone's in its own narration ("Trump and several
    Republican politicians have called U.S. support for Ukraine wasteful and dangerous"):
    named, with the report cited, and said plainly not to be a quotation."""
    answer = answerer.answer("who-said", "support for ukraine is wasteful and dangerous")
    assert answer.answered and "Trump" in (answer.speaker or "")
    assert answer.text.startswith("The article does not quote these words: it reports")
    assert "wasteful and dangerous" in answer.text
