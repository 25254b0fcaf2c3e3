"""The article as numbered sentences: what every baseline searches.

Paragraph numbers follow the knowledge loader (`bot.knowledge.loader.split_paragraphs`):
the first line of the file is the title; each further non-empty line, page furniture
("Leave a Comment") dropped, is one paragraph, numbered from 1.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from bot.knowledge.loader import split_paragraphs

ARTICLE_FILE = (
    Path(__file__).resolve().parents[2] / "knowledge/sources/ukraine-diplomacy/article.txt"
)
SOURCE_ID = "ukraine-diplomacy"

# Words that end in a full stop without ending a sentence.
_ABBREVIATIONS = frozenset(
    {"mr", "mrs", "ms", "dr", "gen", "sen", "rep", "gov", "lt", "col", "st", "jr", "sr", "vs"}
)
# End punctuation, any closing quotes or brackets, then the space before the next sentence.
_BOUNDARY = re.compile(r"[.!?][”\"’)]*(\s+)")
_STARTS_SENTENCE = re.compile(r"[“\"‘(]?[A-Z0-9]")


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of the article and the paragraph it belongs to."""

    index: int
    paragraph: int
    text: str


def _ends_sentence(paragraph: str, stop: int, next_start: int) -> bool:
    """Whether the punctuation at `stop` ends a sentence (the next one starts at `next_start`)."""
    if not _STARTS_SENTENCE.match(paragraph, next_start):
        return False
    if paragraph[stop] != ".":
        return True
    word = re.search(r"([\w.]+)$", paragraph[:stop])
    if word is None:
        return True
    token = word.group(1)
    if len(token) == 1 and token.isupper():  # an initial: "Antony J. Blinken"
        return False
    return "." not in token and token.lower() not in _ABBREVIATIONS  # "U.S.", "Mr."


def split_sentences(paragraph: str) -> list[str]:
    """Split one paragraph into sentences, keeping closing quotes with their sentence."""
    sentences = []
    start = 0
    for boundary in _BOUNDARY.finditer(paragraph):
        if _ends_sentence(paragraph, boundary.start(), boundary.end()):
            sentences.append(paragraph[start : boundary.start(1)].strip())
            start = boundary.end()
    rest = paragraph[start:].strip()
    if rest:
        sentences.append(rest)
    return [s for s in sentences if s]


def load_article(path: Path = ARTICLE_FILE) -> tuple[str, list[Sentence]]:
    """The article's title and its sentences, in order, each with its paragraph number."""
    text = path.read_text(encoding="utf-8")
    title = text.splitlines()[0].strip()
    sentences: list[Sentence] = []
    for number, paragraph in enumerate(split_paragraphs(text), start=1):
        for sentence in split_sentences(paragraph):
            sentences.append(Sentence(len(sentences), number, sentence))
    return title, sentences
