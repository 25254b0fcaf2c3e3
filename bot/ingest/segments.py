"""Cut a paragraph into what the rules read: quotations, word tokens and sentences.

Offsets are character offsets into the paragraph, so every span the ingest writes is the
paragraph's own text. A quotation is the text between a pair of double quotation marks
(curly or straight); one left open runs to the end of the paragraph, the news convention
for a quotation that continues in the next one. Sentences end at . ! ? outside quotation
marks (not after an abbreviation or an initial), or after a closing mark that follows one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.ingest.lexicon import ABBREVIATIONS

OPENING_MARKS = '“"'
_LETTER = r"[^\W\d_]"
_WORD = re.compile(
    rf"(?:{_LETTER}\.){{2,}}"  # dotted acronyms
    rf"|{_LETTER}(?:{_LETTER}|\d)*(?:[’'\-](?:{_LETTER}|\d)+)*"
    r"|\d+(?:,\d{3})*(?:\.\d+)?%?"
    r"|[^\w\s]|_"
)
_POSSESSIVE = ("’s", "'s")
_PREFIXED_NAME = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|an)-[^\W\d_]", re.UNICODE)


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """One pair of quotation marks: `open`/`close` are the marks' offsets, the text between
    them is `inner`; `close` is the paragraph's length when the quotation runs on."""

    open: int
    close: int
    runs_on: bool = False

    @property
    def inner_start(self) -> int:
        """Offset of the first character inside the marks."""
        return self.open + 1

    @property
    def end(self) -> int:
        """Offset just after the closing mark (or the paragraph's end)."""
        return self.close if self.runs_on else self.close + 1

    def contains(self, offset: int) -> bool:
        """Whether `offset` lies inside the marks (the marks included)."""
        return self.open <= offset < self.end


@dataclass(frozen=True, slots=True)
class Token:
    """A word, number or punctuation mark with its offsets. A possessive 's is cut off
    the word and recorded in `possessive`."""

    text: str
    start: int
    end: int
    in_quote: bool
    possessive: bool = False

    @property
    def is_word(self) -> bool:
        """Whether the token is a word (letters first)."""
        return self.text[:1].isalpha()

    @property
    def lower(self) -> str:
        """The token in lower case."""
        return self.text.lower()

    @property
    def capitalised(self) -> bool:
        """Whether the token is a word starting with a capital letter (an Arabic article
        before a capitalised name counts: "al-Rahim")."""
        return self.text[:1].isupper() or _PREFIXED_NAME.match(self.text) is not None


@dataclass(frozen=True, slots=True)
class Segmented:
    """A paragraph cut into quotations, tokens and sentence spans."""

    number: int
    text: str
    quotes: tuple[QuoteSpan, ...]
    tokens: tuple[Token, ...]
    sentences: tuple[tuple[int, int], ...]

    def quote_at(self, offset: int) -> QuoteSpan | None:
        """The quotation whose marks enclose `offset`, if any."""
        for span in self.quotes:
            if span.contains(offset):
                return span
        return None

    def sentence_of(self, offset: int) -> tuple[int, int]:
        """The (start, end) of the sentence holding `offset`."""
        for start, end in self.sentences:
            if start <= offset < end:
                return start, end
        return self.sentences[-1]

    def tokens_between(self, start: int, end: int) -> list[Token]:
        """Tokens that lie wholly inside [start, end)."""
        return [t for t in self.tokens if t.start >= start and t.end <= end]

    def token_index(self, offset: int) -> int:
        """Index of the first token starting at or after `offset` (len(tokens) if none)."""
        for index, token in enumerate(self.tokens):
            if token.start >= offset:
                return index
        return len(self.tokens)


def segment(number: int, text: str) -> Segmented:
    """Cut paragraph `number` into quotations, tokens and sentences."""
    quotes = find_quotes(text)
    tokens = _tokens(text, quotes)
    return Segmented(number, text, quotes, tokens, _sentences(text, quotes, tokens))


def find_quotes(text: str) -> tuple[QuoteSpan, ...]:
    """The quotation spans of a paragraph, in order."""
    spans: list[QuoteSpan] = []
    opened: int | None = None
    opener = ""
    for index, char in enumerate(text):
        if opened is None:
            if char == "“" or (char == '"' and _opens_straight(text, index)):
                opened, opener = index, char
        elif char == "”" or (char == '"' and (opener == '"' or _closes_straight(text, index))):
            # a curly mark may be closed by a straight one, the slip of many a wire copy
            spans.append(QuoteSpan(opened, index))
            opened = None
        elif char == "“" and opener == '"':
            opened = index  # a straight mark that opened nothing: start again here
    if opened is not None and opened < len(text) - 1:
        spans.append(QuoteSpan(opened, len(text), runs_on=True))
    return tuple(spans)


def _closes_straight(text: str, index: int) -> bool:
    """A straight mark after a word or punctuation, before a space, punctuation or the
    end: it closes."""
    after = text[index + 1] if index + 1 < len(text) else " "
    before = text[index - 1] if index else " "
    return not before.isspace() and (after.isspace() or after in ",.;:!?)—–-")


def _opens_straight(text: str, index: int) -> bool:
    before = text[index - 1] if index else " "
    return before.isspace() or before in "([—–-:" or index == 0


def _tokens(text: str, quotes: tuple[QuoteSpan, ...]) -> tuple[Token, ...]:
    tokens: list[Token] = []
    consumed = 0
    for match in _WORD.finditer(text):
        word, start, end = match.group(0), match.start(), match.end()
        if start < consumed:
            continue
        dotted = f"{word}." in ABBREVIATIONS or (len(word) == 1 and word.isupper())
        if dotted and end < len(text) and text[end] == ".":
            word, end = word + ".", end + 1
        consumed = end
        possessive = False
        if word.endswith(_POSSESSIVE) and len(word) > 2:
            word, end, possessive = word[:-2], end - 2, True
        inside = any(q.inner_start <= start < q.close for q in quotes)
        tokens.append(Token(word, start, end, inside, possessive))
    return tuple(tokens)


def _sentences(
    text: str, quotes: tuple[QuoteSpan, ...], tokens: tuple[Token, ...]
) -> tuple[tuple[int, int], ...]:
    boundaries: list[int] = []
    abbreviation_ends = {t.end for t in tokens if len(t.text) > 1 and t.text.endswith(".")}
    for index, char in enumerate(text):
        if char not in ".!?":
            continue
        span = next((q for q in quotes if q.inner_start <= index < q.close), None)
        after = index + 1
        if span is not None:
            # inside a quotation: only a closing mark right after ends a sentence
            if after != span.close or span.runs_on:
                continue
            after = span.close + 1
        elif index + 1 in abbreviation_ends and index + 1 != len(text):
            continue
        while after < len(text) and text[after] in ")’'":
            after += 1
        if after >= len(text):
            continue
        rest = text[after:].lstrip()
        if (
            after < len(text)
            and text[after].isspace()
            and rest[:1]
            and (rest[0].isupper() or rest[0] in OPENING_MARKS or rest[0].isdigit())
        ):
            boundaries.append(after)
    starts = [0, *boundaries]
    ends = [*boundaries, len(text)]
    return tuple((s, e) for s, e in zip(starts, ends, strict=True) if text[s:e].strip())
