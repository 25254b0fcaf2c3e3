"""Find the times, durations, numbers and venues a sentence gives, as the article words them.

Each cue is a span of the paragraph ("on Tuesday", "in February 2022", "for 10 years",
"dozens of fishing boats", "at a town-hall meeting"); nothing is turned into a date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.ingest.lexicon import MONTHS, NUMBER_WORDS, SEASONS, TIME_UNITS, WEEKDAYS

WHEN = "when"
HOW_LONG = "how-long"
HOW_MANY = "how-many"

_MONTH = "|".join(m for m in MONTHS if m != "May")
_DAY = "|".join(WEEKDAYS)
_UNIT = "|".join(sorted(TIME_UNITS, key=len, reverse=True))
_SEASON = "|".join(SEASONS)
_NUMBER_WORD = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_AMOUNT = rf"(?:\d+(?:,\d{{3}})*(?:\.\d+)?|{_NUMBER_WORD}|a|an|one|many|several|a few|few)"
_LEAD = (
    r"(?:(?:on|by|since|until|before|after|from|through|in|during|early|late|last|next|this)\s+)?"
)
_TIME_PATTERNS = (
    rf"\b{_LEAD}(?:{_DAY})s?\b",
    rf"\b{_LEAD}(?:(?:early|late|mid-)\s*)?(?:{_MONTH})(?:\s+\d{{1,2}})?(?:,?\s+\d{{4}})?\b",
    r"\b(?:in|since|by|until|before|after|from|during|early|late|last|next|this)\s+May"
    r"(?:\s+\d{1,2})?(?:,?\s+\d{4})?\b",
    r"\bMay\s+\d{1,2}(?:,?\s+\d{4})?\b",
    rf"\b{_LEAD}(?:(?:early|late|mid-)\s*)?(?:1[89]\d{{2}}|20\d{{2}})s?\b",
    r"\b(?:last|this|next|earlier this|later this|the past|the last|the next)\s+"
    rf"(?:week|weekend|month|year|decade|century|{_SEASON}|several (?:days|weeks|months|years))\b",
    r"\b(?:yesterday|today|tonight|tomorrow|recently)\b",
    rf"\b(?:{_AMOUNT}\s+)?(?:{_UNIT})\s+(?:ago|later|earlier|before)\b",
)
_TIME = re.compile("|".join(f"(?:{p})" for p in _TIME_PATTERNS))
_DURATION = re.compile(
    rf"\b(?:(?:for|over|after|during|within|the last|the past|more than|nearly|almost|about|"
    rf"at least|over the last|over the past)\s+)*{_AMOUNT}\s+(?:more\s+)?(?:{_UNIT})\b"
    rf"|\b(?:\d+|{_NUMBER_WORD})-(?:day|week|month|year|hour|minute)\b",
    re.IGNORECASE,
)
_COUNT = re.compile(
    rf"\b(?:\d+(?:,\d{{3}})*(?:\.\d+)?%?|{_NUMBER_WORD})\b(?:\s+(?:of\s+)?(?:[a-z][\w’'-]*))?",
    re.IGNORECASE,
)
_YEAR = re.compile(r"^(?:1[89]|20)\d{2}s?$")
_VENUE_NOUNS = (
    "news conference|press conference|interview|testimony|hearing|speech|statement|briefing|"
    "meeting|summit|rally|forum|conference|session|address|post|letter|op-ed|email|call|"
    "podcast|broadcast|appearance|visit|debate|ceremony"
)
_VENUE = re.compile(
    rf"\b(?:at|in|during)\s+(?:(?:a|an|the|his|her|their|its)\s+)?(?:[\w’'-]+\s+){{0,3}}?"
    rf"(?:{_VENUE_NOUNS})\b(?:\s+(?:with|in|at|before|to)\s+[^,.;:“”\"]+?(?=,\s+(?:that|the)|"
    r"\s+that\b|[.;:“\"]|$|,\s*$))?",
)


@dataclass(frozen=True, slots=True)
class Cue:
    """A span of text that answers when, how long or how many."""

    kind: str
    start: int
    end: int
    text: str


def time_cues(text: str, start: int = 0, end: int | None = None) -> list[Cue]:
    """Times in text[start:end]: "on Tuesday", "in March 2014", "last week"."""
    return _cues(_TIME, WHEN, text, start, end)


def duration_cues(text: str, start: int = 0, end: int | None = None) -> list[Cue]:
    """Durations: "for 10 years", "over the past 6 weeks", "three-day"."""
    return _cues(_DURATION, HOW_LONG, text, start, end)


def count_cues(text: str, start: int = 0, end: int | None = None) -> list[Cue]:
    """Numbers that count something ("6 weeks", "dozens of fishing boats"); years,
    dates and a number opening a list ("Two, the plan …") are left out."""
    cues = []
    for cue in _cues(_COUNT, HOW_MANY, text, start, end):
        number = cue.text.split()[0]
        if _YEAR.match(number.rstrip(",")):
            continue
        if cue.text.split()[-1].lower() == "of" or number.endswith(","):
            continue
        if text[cue.start + len(number) : cue.start + len(number) + 1] == ",":
            continue
        if number.isdigit() and _inside_time(text, cue.start):
            continue
        cues.append(cue)
    return cues


def venue(text: str) -> str | None:
    """Where something was said, as the text gives it: "at a town-hall meeting …"."""
    match = _VENUE.search(text)
    return match.group(0).strip().rstrip(",") if match else None


def first_time(text: str) -> str | None:
    """The first time expression in `text`, if any."""
    cues = time_cues(text)
    return cues[0].text if cues else None


def _inside_time(text: str, offset: int) -> bool:
    return any(c.start <= offset < c.end for c in time_cues(text))


def _cues(pattern: re.Pattern[str], kind: str, text: str, start: int, end: int | None) -> list[Cue]:
    stop = len(text) if end is None else end
    return [
        Cue(kind, m.start(), m.end(), m.group(0))
        for m in pattern.finditer(text, start, stop)
        if m.group(0).strip()
    ]
