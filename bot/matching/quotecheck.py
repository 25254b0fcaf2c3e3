"""Check a quotation as someone gives it against the article's own words.

`check_quote` aligns the words given with a quotation, word by word, and says which case
they are in:
  - verbatim: the same words (a fragment of the quotation counts);
  - close: differences that change nothing (case, punctuation, a stop word, another
    form of the same word, a synonym the lexicon lists), words of the quotation left
    out in the middle (listed, since a quote printed so needs an ellipsis), or a stretch
    said in fewer words that add nothing of their own ("siding with" for "means taking
    the side of"; listed beside the article's words);
  - differs: the same passage, but a word that matters differs (a name, a negation, a
    number, one country for another, any other content word): the article does not
    quote that, and `differences` holds the article's words beside the ones given;
  - unrelated: too little of it is the quotation's to say it is the same passage.

Words given in an order of their own (a paraphrase) are unrelated to every passage word
by word; `keeps_sense_markers` says whether they at least keep its negation, numbers and
words of polarity, for who-said to name them close in sense, never the same words.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from bot.matching.english import clipped
from bot.text import normalise

VERBATIM, CLOSE, DIFFERS, UNRELATED = "verbatim", "close", "differs", "unrelated"
PARAPHRASE = "paraphrase"
"""Not a verdict of `check_quote`: who-said's name for words close in sense, never the same."""

NEGATIONS = frozenset(
    "not no never none nor nothing nobody neither without cannot cant dont doesnt didnt "
    "isnt wasnt wont wouldnt shouldnt couldnt arent werent hasnt havent hadnt".split()
)
_NUMBER_WORDS = frozenset(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy "
    "eighty ninety hundred hundreds thousand thousands million millions billion billions "
    "dozen dozens half twice once first second third fourth fifth".split()
)
_DIGITS_OF = {
    word: str(n)
    for n, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve".split()
    )
}
_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_CONTRACTIONS = {"re": "are", "ve": "have", "ll": "will", "m": "am", "d": "would"}
_HONORIFICS = frozenset({"mr", "mrs", "ms", "dr"})
_POLARITY = frozenset(
    "up down more most less least fewer few over under above below before after against "
    "off out only again all every none same until "
    # aspect: whether something has begun, goes on or has stopped ("stop supporting" for
    # "continue to support", "has already changed" for "has to be some change")
    "already yet still anymore longer stop stops stopped stopping cease ceased halt halted "
    "quit".split()
)
OPPOSITES: dict[str, frozenset[str]] = {
    "up": frozenset({"down"}),
    "down": frozenset({"up"}),
    "more": frozenset({"less", "fewer"}),
    "less": frozenset({"more"}),
    "fewer": frozenset({"more"}),
    "most": frozenset({"least"}),
    "least": frozenset({"most"}),
    "over": frozenset({"under"}),
    "under": frozenset({"over"}),
    "above": frozenset({"below"}),
    "below": frozenset({"above"}),
    "before": frozenset({"after", "until"}),  # "not until they finish" is after
    "after": frozenset({"before"}),
}
"""Words of direction, each with its opposites. Said over in words of one's own, a
direction the quotation leaves unsaid keeps its sense ("giving up territory" for
"territorial concessions", "before real diplomacy" for "to engage in meaningful
diplomacy"); one it contradicts does not ("scaling down" where it says "scaling up").
The other words of polarity and aspect ("only", "already", "stop") must be its own."""
_COMPOUND = re.compile(r"(?<=\w)-(?=\w)")
_HYPHENATED = re.compile(r"\b\w+-\w+\b")

FUNCTION_WORDS = frozenset(
    "a an the this that these those of to in on at for from by with as into onto and or "
    "but so if is are was were be been being am do does did has have had will would shall "
    "should can could may might must it its they them their he him his she her we us our "
    "you your i me my there here which who whom whose what".split()
)
"""Words of grammar only: one given for another of them in a quotation ("a" for "the",
"is" for "was") changes no content."""
_PRONOUNS = frozenset("he she they him her them his hers their theirs it its".split())
"""Words that carry no content term but turn a statement's sense ("scaling up" for
"scaling back"): a reworded stretch that adds or drops one of them is not the same."""
_NEGATING_PREFIX = re.compile(r"(?:un|in|im|ir|il|non|dis)(\w+)\|\1")
_TYPO_MIN_LENGTH = 5
_TYPO_RATIO = 85
_IRREGULAR = {"won't": ("will", "not"), "can't": ("can", "not"), "shan't": ("shall", "not")}
SAME_PASSAGE = 0.6
"""The share of the words given that must align with the quotation, in order, for the two
to be the same passage (below, the words are unrelated to it)."""


TIME_WORDS = frozenset(
    """
    today tonight yesterday tomorrow next last previous past coming ago earlier later
    monday tuesday wednesday thursday friday saturday sunday january february march april
    june july august september october november december
    """.split()
)
"""Words that place a claim in time (a closed class; "may" is left out, being a verb)."""
_SAME_TIME = {"past": "last", "previous": "last", "coming": "next"}
"""Time words that say the same ("the past 14 months", "the last 14 months")."""
NEGATION_REACH = 1
"""A negation this many words or fewer before where a piece of the article's words starts
governs the piece ("not sure ..."). Two would take "the harbor until ..." from "will
not reopen the harbor until ..." for a turned sense, which it is not."""
FRAMING_WORDS = 3
"""At most this many words given around a whole quotation frame it ("the 'no limits'
partnership"); more, and they count as words the quotation should hold."""
LEFT_OUT_WORDS = 5
"""Words given may leave out this many words of the quotation in a row (or up to half as
many as they have) and still be close to it, the words left out listed; leaving out more
joins distant pieces into something it did not say. Evidence: over the development sets,
every quotation given with one stretch left out left out five words at most (a clause
such as "what he hopes will be", the speaker's and answerable) or nineteen and more (the
two ends of a long quotation joined, "taking the side of the victim", a misquote); at
three, the clauses were called misquotes."""
REWORDED_WORDS = 6
"""The longest stretch of the quotation that may be said in other, fewer words ("means
taking the side of" as "siding with")."""

Terms = Callable[[str], Sequence[str]]
"""The content terms of a phrase (the analyzer's stems, stop words dropped, synonyms
folded)."""


@dataclass(frozen=True, slots=True)
class QuoteCheck:
    """How the words given compare with one quotation."""

    verdict: str
    coverage: float  # the share of the words given that align with the quotation, in order
    differences: tuple[tuple[str, str], ...] = ()
    """(the article's words, the words given) for each change; words given as "" where
    the words given leave the article's out."""

    @property
    def attributable(self) -> bool:
        """Whether the words given may be attributed to the quotation's speaker."""
        return self.verdict in (VERBATIM, CLOSE)


def check_quote(
    given: str, quotation: str, terms: Terms, referents: frozenset[str] = frozenset()
) -> QuoteCheck:
    """Compare `given` with `quotation`; `terms` gives a phrase's content terms, and
    `referents` the words naming whom the quotation is about (a pronoun of it given as
    one of those names, "Putin" for "he", is the same words with the referent written
    in, as a newspaper's brackets do)."""

    def same_terms(one: str, other: str) -> bool:
        return sorted(terms(one)) == sorted(terms(other))

    mine = _words(given)
    theirs = _words(quotation)
    if not mine or not theirs:
        return QuoteCheck(UNRELATED, 0.0)
    compounds = frozenset(w.casefold() for w in _HYPHENATED.findall(quotation))
    matcher = difflib.SequenceMatcher(None, mine, theirs, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    if not blocks:
        return QuoteCheck(UNRELATED, 0.0)
    first, last = blocks[0], blocks[-1]
    starts, ends = first.b == 0, last.b + last.size == len(theirs)
    # Words given before the quotation's first word or after its last frame it ("the
    # 'no limits' partnership"): they are not part of what is checked.
    lo = first.a if starts else 0
    hi = last.a + last.size if ends else len(mine)
    if lo + len(mine) - hi > FRAMING_WORDS:  # more than a few words around it: not framing
        lo, hi = 0, len(mine)
    # A negation before the quotation turns it ("not buying time for ..."): it is checked
    # as a word of the quotation, never taken for framing.
    if any(w in NEGATIONS for w in mine[:lo]):
        lo = 0

    # Words given before or after what aligns that carry no content ("... thanks", "so")
    # are not part of the quotation either.
    # Unless it stands where the quotation has another such word: "quick and durable"
    # for "just and durable" is a word changed, not "quick" said around the quotation.
    def stands_for_other(given_at: int, article_at: int) -> bool:
        if not 0 <= article_at < len(theirs):
            return False
        word = theirs[article_at]
        return word != mine[given_at] and same_terms(word, "") and word not in FUNCTION_WORDS

    while (
        lo < first.a
        and same_terms(mine[lo], "")
        and not _matters(mine[lo : lo + 1])
        and not stands_for_other(lo, first.b - (first.a - lo))
    ):
        lo += 1
    end = last.a + last.size
    while (
        hi > end
        and same_terms(mine[hi - 1], "")
        and not _matters(mine[hi - 1 : hi])
        and not stands_for_other(hi - 1, last.b + last.size + (hi - 1 - end))
    ):
        hi -= 1
    aligned = sum(b.size for b in blocks)
    coverage = aligned / max(1, hi - lo)
    if coverage < SAME_PASSAGE:
        return QuoteCheck(UNRELATED, coverage)
    changed: list[tuple[str, str]] = []
    left_out: list[tuple[str, str]] = []  # the article's words left out, or said in fewer
    # A piece cut just after a negation drops it ("sure China was willing" from "still not
    # sure China was willing"): the words are the article's, the sense is turned.
    before = theirs[max(0, first.b - NEGATION_REACH) : first.b]
    if lo == first.a and any(w in NEGATIONS for w in before):
        changed.append((" ".join(w for w in before if w in NEGATIONS), ""))
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        framing = (i2 <= lo and j1 <= first.b) or (i1 >= hi and j1 >= last.b + last.size)
        if tag == "equal" or framing:
            continue
        if tag == "insert":  # words of the quotation that the words given leave out
            if j2 <= first.b or j1 >= last.b + last.size:
                continue  # before or after a fragment
            part = " ".join(theirs[j1:j2])
            if _matters(theirs[j1:j2]) or j2 - j1 > max(LEFT_OUT_WORDS, len(mine) // 2):
                changed.append((part, ""))  # a negation or number, or a long stretch
            elif not same_terms(part, ""):
                left_out.append((part, ""))
            continue
        if tag == "replace" and (j1 < first.b or j2 > last.b + last.size):
            # Past either end of the fragment: compare as many of the article's words.
            width = _matching_width(mine[i1:i2], theirs[j1:j2], at_start=j1 < first.b)
            if j1 < first.b:
                j1 = max(j1, j2 - width)  # noqa: PLW2901
            else:
                j2 = min(j2, j1 + width)  # noqa: PLW2901
        ours, yours = theirs[j1:j2], mine[i1:i2]
        if _same_meaning(ours, yours, same_terms):
            continue
        if _same_compound(theirs, j1, j2, mine, i1, i2, same_terms, compounds):
            continue  # "short-term" for "near-term": one word split at its hyphen
        if len(ours) == 1 and ours[0] in _PRONOUNS and yours and set(yours) <= referents:
            left_out.append((" ".join(ours), " ".join(yours)))  # "he" given as "putin"
            continue
        if _says_less(ours, yours, terms):
            left_out.append((" ".join(ours), " ".join(yours)))
        else:
            changed.append((" ".join(ours), " ".join(yours)))
    if changed:
        return QuoteCheck(DIFFERS, coverage, tuple(changed + left_out))
    exact = aligned == hi - lo and not left_out
    return QuoteCheck(VERBATIM if exact else CLOSE, coverage, tuple(left_out))


def keeps_sense_markers(given: str, quotation: str, context: str = "") -> bool:
    """Whether words given in an order of their own keep what turns a quotation's sense:
    as many negations as it has, only numbers it gives ("6" for "six" is the same), only
    times it or the words it is reported with (`context`) give ("next year" for "this
    year" is another claim), only words of polarity and aspect it holds, and no direction
    opposite to one it gives (`OPPOSITES`). A paraphrase that passes may still say
    something else; one that fails surely does."""
    mine, theirs = _words(given), _words(quotation)
    if sum(w in NEGATIONS for w in mine) != sum(w in NEGATIONS for w in theirs):
        return False
    if not _numbers(mine) <= _numbers(theirs):
        return False
    times = {_SAME_TIME.get(w, w) for w in [*theirs, *_words(context)] if w in TIME_WORDS}
    if not {_SAME_TIME.get(w, w) for w in mine if w in TIME_WORDS} <= times:
        return False
    # A hyphenated compound is one word here: "cease-fire" holds no "cease".
    mine_marks = _polarity(_words(_COMPOUND.sub("", given)))
    their_words = set(_words(_COMPOUND.sub("", quotation)))
    if not mine_marks - set(OPPOSITES) <= their_words:
        return False
    return not any(OPPOSITES[w] & their_words for w in mine_marks & set(OPPOSITES))


def _numbers(words: Sequence[str]) -> frozenset[str]:
    """The numbers in `words`, written in digits where a word spells one."""
    return frozenset(_DIGITS_OF.get(w, w) for w in words if w in _NUMBER_WORDS or _DIGIT.search(w))


def _matching_width(given: Sequence[str], article: Sequence[str], *, at_start: bool) -> int:
    """How many of the article's words to set beside the given ones at a fragment's edge:
    as many as spell the same ("re attack" and "reattack"), else as many as were given."""
    for width in range(1, len(article) + 1):
        beside = article[-width:] if at_start else article[:width]
        if "".join(beside) == "".join(given):
            return width
    return len(given)


def _same_meaning(
    article: Sequence[str], given: Sequence[str], same_terms: Callable[[str, str], bool]
) -> bool:
    """Whether a changed stretch keeps the meaning: no negation or number changed, and
    the same content words (or the same words misspelt)."""
    if _matters(article) != _matters(given) or (_matters(article) and article != given):
        return False
    if _polarity(article) != _polarity(given):
        return False
    if "".join(article) == "".join(given):  # "reattack" and "re-attack"
        return True
    if _other_words(article, given):
        return False  # "quick" for "just": words no content term holds, but other words
    if same_terms(" ".join(article), " ".join(given)):
        return True
    return len(article) == len(given) and all(
        _misspelt(a, b) for a, b in zip(article, given, strict=True)
    )


def _same_compound(
    theirs: Sequence[str],
    j1: int,
    j2: int,
    mine: Sequence[str],
    i1: int,
    i2: int,
    same_terms: Callable[[str, str], bool],
    compounds: frozenset[str],
) -> bool:
    """Whether a changed word, with the word both share after it (or before it), is a
    compound the quotation writes with a hyphen and the words given say the same:
    "near-term" and "short-term", which the alignment sees as "near term" and "short
    term". Only a compound the quotation writes so: "just and" is none."""
    if j2 - j1 != 1 or i2 - i1 != 1 or _matters(theirs[j1:j2]) or _matters(mine[i1:i2]):
        return False
    pairs = []
    if j2 < len(theirs) and i2 < len(mine) and theirs[j2] == mine[i2]:
        pairs.append((f"{theirs[j1]}-{theirs[j2]}", f"{mine[i1]}-{mine[i2]}"))
    if j1 > 0 and i1 > 0 and theirs[j1 - 1] == mine[i1 - 1]:
        pairs.append((f"{theirs[j1 - 1]}-{theirs[j1]}", f"{mine[i1 - 1]}-{mine[i1]}"))
    return any(
        article in compounds and same_terms(article, given) and not same_terms(article, "")
        for article, given in pairs
    )


def _other_words(article: Sequence[str], given: Sequence[str]) -> bool:
    """Whether a stretch gives words the article's does not hold, beyond function words
    and misspellings: the stop list holds words that are content in a quotation ("just"
    in "just and durable"), so carrying no content term is no proof of the same words."""
    theirs = set(article)
    if not theirs:
        return False  # a filler said between the article's words ("basically") adds no word
    return any(
        w not in theirs and w not in FUNCTION_WORDS and not any(_misspelt(a, w) for a in theirs)
        for w in given
    )


def _says_less(article: Sequence[str], given: Sequence[str], terms: Terms) -> bool:
    """Whether a changed stretch says part of the article's in other words and adds
    nothing of its own: every content term given is one of the stretch's, no negation,
    number or word of polarity differs, and the stretch is short."""
    if not given or len(article) > REWORDED_WORDS or _matters(article) or _matters(given):
        return False
    if _other_words(article, given) and not any(terms(w) for w in given):
        return False  # "quick" for "just" says nothing less: it says another word
    if _polarity(article) != _polarity(given):
        return False
    own = set(terms(" ".join(article)))
    return set(terms(" ".join(given))) <= own


def _misspelt(article: str, given: str) -> bool:
    """ "agressor" for "aggressor": one word slightly misspelt, not another word
    ("unwilling" for "willing", "india" for "china"); or clipped as people shorten words
    in writing ("admin" for "administration", "convos" for "conversations")."""
    if article == given or clipped(article, given):
        return True
    if min(len(article), len(given)) < _TYPO_MIN_LENGTH:
        return False
    if any(
        _NEGATING_PREFIX.fullmatch(x + "|" + y) for x, y in ((article, given), (given, article))
    ):
        return False
    return fuzz.ratio(article, given) >= _TYPO_RATIO


def _words(text: str) -> list[str]:
    """Words to align, contractions spelt out ("they're" is "they are", "won't" "will not")."""
    words: list[str] = []
    spaced = normalise(text, limit=5000).replace("-", " ")  # "near-term" is "near term"
    for word in _WORD.findall(spaced):
        if word in _HONORIFICS:
            continue  # "Mr. Putin's" is "Putin's"
        if word in _IRREGULAR:
            words.extend(_IRREGULAR[word])
            continue
        stem, _, tail = word.partition("'")
        if tail == "t" and stem.endswith("n"):
            words.extend((stem[:-1], "not"))
        elif tail in _CONTRACTIONS:
            words.extend((stem, _CONTRACTIONS[tail]))
        else:
            words.append(stem)  # "'s", possessive or "is", carries nothing to check
    return words


def _polarity(words: Sequence[str]) -> frozenset[str]:
    """The words of polarity in a stretch ("up", "before", "only")."""
    return frozenset(w for w in words if w in _POLARITY)


def _matters(words: Sequence[str]) -> bool:
    """Whether a changed stretch holds a negation or a number: a difference of meaning
    even where the rest of the words are stop words."""
    return any(w in NEGATIONS or w in _NUMBER_WORDS or _DIGIT.search(w) for w in words)
