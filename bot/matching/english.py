"""Ordinary English words: a word that English uses often is a word, not a typo.

Typo repair maps a word the knowledge never uses to the nearest one it does. Without a
sense of English, it took real words for slips of the keyboard ("nuclear" became
"unclear", "decade" the lexicon's "dead", "april" the name Avril, "never" "newer"). The
word frequencies of `wordfreq` (its small English list: words used at least once per
million) say which words are common; `COMMON_ZIPF` is where "common" starts.
"""

from __future__ import annotations

import gzip
import importlib.util
import re
from functools import cache
from pathlib import Path

import msgpack  # type: ignore[import-untyped]

COMMON_ZIPF = 3.0
"""Zipf frequency (log10 of uses per billion words) from which a word is ordinary English,
the floor of wordfreq's small list. Evidence: over the development sets, typo repair had
turned 70 distinct real words into other terms ("print" into "point", "prompt" into
"convince"); of the words below this floor that it repaired, every one was a slip or a
name ("cheif", "blinkin", "sulivan")."""

FUNCTION_SLIP_ZIPF = 4.0
"""A short word this common is a word even where it is one slip from a function word
("three" and "there", "form" and "from"); below it, chat spellings that English writes
often online stay slips of the function word they stand for ("wen" 3.5, "dat" 3.6, "wat"
3.4 are "when", "that", "what")."""


@cache
def _zipf() -> dict[str, float]:
    """Every word of wordfreq's small English list with its Zipf frequency, read from the
    list's file (a gzipped msgpack "cBpack": a header, then one list of words per
    centibel below a frequency of 1) without importing wordfreq, which would load text
    repair libraries Envoy does not use (17 MiB and a fifth of a second at start)."""
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("wordfreq is not installed: pip install wordfreq")
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "small_en.msgpack.gz"
    with gzip.open(path, "rb") as packed:
        header, *bins = msgpack.load(packed, raw=False)
    if header != {"format": "cB", "version": 1}:
        raise RuntimeError(f"{path}: not a wordfreq cBpack of version 1")
    return {
        word: round(9 - centibels / 100, 2)
        for centibels, words in enumerate(bins)
        for word in words
    }


CLIPPED_LETTERS = 4
"""A clipped word keeps at least this many of its word's first letters ("admin",
"convo", "intel"), so a short word ("con") is never read as a clip of a longer one."""
CLIPPED_CUT = 4
"""...and cuts at least this many off: "admin" is "administration" clipped, while
"rest" is another word than "restore", and "shock" than "shocking"."""


def clipped(full: str, given: str) -> bool:
    """Whether `given` is `full` clipped, as people shorten words in writing: its first
    letters, by themselves or with the "o" of chat clippings ("convo"), in either number
    ("convos" and "conversations")."""
    full, given = full.removesuffix("s"), given.removesuffix("s")
    kept = given[:-1] if given.endswith("o") and not full.startswith(given) else given
    return (
        len(kept) >= CLIPPED_LETTERS
        and len(full) - len(kept) >= CLIPPED_CUT
        and full.startswith(kept)
    )


def zipf_of(word: str) -> float:
    """The word's Zipf frequency in English; 0 for one below wordfreq's small list."""
    return _zipf().get(word, 0.0)


def is_common(word: str, zipf: float = COMMON_ZIPF) -> bool:
    """Whether `word` (lower case) is an English word used at least this often."""
    return _zipf().get(word, 0.0) >= zipf


_CONVENTIONS = (
    # (before, British, American, after): the letters around a difference of convention
    (r"\w\w", "our", "or", r"s?$|ed$|ing$|able$|ite"),  # favour, favor
    (r"\w\w", "is", "iz", r"e$|es$|ed$|ing$|ation"),  # organise, organize
    (r"\w", "ys", "yz", r"e$|es$|ed$|ing$"),  # analyse, analyze
    (r"\w\w", "tre", "ter", r"s?$"),  # centre, center
    (r"\w\w", "ogue", "og", r"s?$"),  # dialogue, dialog
    (r"\w\w", "ence", "ense", r"s?$"),  # defence, defense
    (r"\w[aeiou]", "ll", "l", r"ed$|ing$|er$|ers$"),  # travelled, traveled
    (r"\w\w", "mme", "m", r"s?$"),  # programme, program
)
"""British and American spellings of one word. Each is read both ways; a variant is only
ever a candidate, taken when the knowledge uses it and the word as typed is unknown."""
_SPELLINGS = tuple(
    (re.compile(f"(?<={before}){written}(?={after})"), other)
    for before, british, american, after in _CONVENTIONS
    for written, other in ((british, american), (american, british))
)


_ONE_SPELLING = tuple(
    (re.compile(f"(?<={before}){british}(?={after})"), american)
    for before, british, american, after in _CONVENTIONS
    if british != "ll"  # "filled" and "filed" are two words: only ever a candidate
)


def one_spelling(word: str) -> str:
    """`word` in one spelling of the conventions ("organised" and "organized" both
    "organized"), so that both spellings, in a question or an article, are one term. Read
    the same way everywhere, a word it turns into no English word ("promize") still meets
    only itself."""
    for pattern, american in _ONE_SPELLING:
        changed = pattern.sub(american, word, count=1)
        if changed != word:
            return changed
    return word


def spelling_variants(word: str) -> list[str]:
    """The other spellings of `word` under the British and American conventions."""
    found: list[str] = []
    for pattern, replacement in _SPELLINGS:
        variant = pattern.sub(replacement, word, count=1)
        if variant != word and variant not in found:
            found.append(variant)
    return found
