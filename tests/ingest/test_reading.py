"""Reading a plain-text article: title, numbered paragraphs, furniture, verbatim text."""

from __future__ import annotations

import pytest

from bot.ingest import IngestError
from bot.ingest.reading import parse_article
from bot.knowledge.loader import split_paragraphs


def test_the_first_line_is_the_title_and_each_line_a_paragraph() -> None:
    raw = (
        "Gulls Return to Merrow Point\n\nThe gulls came back.\n\nThey nested early.\n\n"
        "Leave a Comment\n"
    )
    article = parse_article(raw)
    assert article.title == "Gulls Return to Merrow Point"
    assert article.paragraphs == ("The gulls came back.", "They nested early.")
    assert article.paragraph(2) == "They nested early."
    assert article.text == raw  # kept verbatim: the loader splits it the same way
    assert split_paragraphs(article.text, article.furniture) == article.paragraphs


def test_a_given_title_makes_the_whole_file_body() -> None:
    article = parse_article("The gulls came back.\nThey nested early.\n", title="Gulls Return")
    assert article.title == "Gulls Return"
    assert article.paragraphs == ("The gulls came back.", "They nested early.")
    assert article.text.splitlines()[0] == "Gulls Return"
    assert split_paragraphs(article.text, article.furniture) == article.paragraphs


def test_hard_wrapped_paragraphs_are_joined_and_rewritten_one_per_line() -> None:
    raw = (
        "Gulls Return\n\nThe gulls came\nback on Monday.\n\nAdvertisement\n\nThey nested\nearly.\n"
    )
    article = parse_article(raw)
    assert article.paragraphs == ("The gulls came back on Monday.", "They nested early.")
    assert article.text == (
        "Gulls Return\n\nThe gulls came back on Monday.\n\nThey nested early.\n"
    )
    assert split_paragraphs(article.text, article.furniture) == article.paragraphs


def test_other_furniture_is_recorded_so_the_loader_drops_it_too() -> None:
    raw = "Gulls Return\nThe gulls came back.\nADVERTISEMENT\nThey nested early.\n"
    article = parse_article(raw)
    assert article.paragraphs == ("The gulls came back.", "They nested early.")
    assert "ADVERTISEMENT" in article.furniture
    assert article.text == raw
    assert split_paragraphs(article.text, article.furniture) == article.paragraphs


@pytest.mark.parametrize("raw", ["", "\n\n", "Only a title\n", "Title\nLeave a Comment\n"])
def test_an_article_without_paragraphs_is_refused(raw: str) -> None:
    with pytest.raises(IngestError):
        parse_article(raw)
