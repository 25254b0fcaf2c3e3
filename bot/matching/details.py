"""Details a question asks for that the article leaves out.

"What medal did Putin give Li Hui?" asks which medal; the article says only "a medal
from Mr. Putin". `unspecified_detail` finds such a question's focus ("which X", "name
the X", "exactly how many X") and the vague words the evidence gives for it, so Envoy can
decline and quote those words instead of answering beside the point.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from bot.matching.analyzer import STOP_WORDS
from bot.text import normalise, stem, tokenize

_FOCUS_WHICH = re.compile(r"\b(?:what|which)\s+([a-z]+)")
_FOCUS_NAME = re.compile(
    r"\bnames? (?:of )?(?:the |that |this |his |her |their |those |these )?((?:[a-z]+ ?){1,4})"
)
_HOW_MANY_EXACTLY = re.compile(
    r"\b(?:exact|exactly|precise|precisely|specific)\b.*\bhow (?:many|much) (?:[a-z]+ )?([a-z]+)"
    r"|\bhow (?:many|much) (?:[a-z]+ )?([a-z]+).*\b(?:exact|exactly|precisely)\b"
)
_VAGUE_BEFORE = frozenset(
    "a an another some several many hundreds dozens thousands few various unnamed".split()
)
_NAMABLE = frozenset(
    "medal award prize honor honour title name official officials minister ministers person "
    "people country countries city cities town committee day days date dates year years week "
    "weeks month months weapon weapons system systems treaty law agency company companies "
    "newspaper outlet publication reporter reporters general ambassador envoy diplomat "
    "diplomats aide aides adviser advisers lawmaker lawmakers senator official's".split()
)
_SPECIFIC_TIME = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|"
    r"april|may|june|july|august|september|october|november|december|\d{4})\b",
    re.IGNORECASE,
)
_TIME_NOUNS = frozenset({"day", "date", "week", "month", "year"})
_NUMBER_WORDS = frozenset("two three four five six seven eight nine ten".split())
_DEFINING_AFTER = frozenset({"that", "called", "named", "titled", "known"})
_VAGUE_QUANTITY = frozenset("hundreds dozens thousands several many some few scores".split())


_WILL_WHETHER = re.compile(
    r"^(?:(?:so|and|but|ok|okay|then|like|honestly),? )?"
    r"(?:will|won't|wont|gonna|(?:is|are) \S+(?: \S+){0,2}? (?:going to|gonna))\b"
)
_STATED_FUTURE = re.compile(
    r"\b(?:will|won't|wont|would|wouldn't|shall|going to|plans?|planned|intends?|intended|"
    r"expects?|expected|predicts?|predicted|vows?|vowed|promises?|promised|pledges?|pledged|"
    r"refuses?|refused)\b"
)


def forecast_unstated(question: str, evidence: str) -> bool:
    """Whether a yes-or-no question of what will happen ("will Putin order another
    mobilization?") meets evidence that gives only a possibility ("the Russian leader
    could simply order ..."): a possibility is no answer to whether it will happen, and
    Envoy does not foretell. Evidence that states someone's plan, refusal or prediction
    ("they will not agree to talks until ...", "he predicted, both sides will be
    exhausted") answers it."""
    return bool(_WILL_WHETHER.search(question)) and not _STATED_FUTURE.search(
        evidence.casefold().replace("’", "'")
    )


_ASKS_CONTENT = re.compile(
    r"\bwhat (?:did|do|does|have|has|had|were|was) (?:\S+ ){1,6}?(?:talk(?:ed|ing)? about|"
    r"discuss(?:ed|ing)?|spea[kc]\w* about|spoke about|chat(?:ted)? about|say to each other|"
    r"tell each other)\b|\bwhat was (?:said|discussed)\b"
)
_STATES_CONTENT = re.compile(
    r"\b(?:about|discuss(?:ed|es|ing)?|regarding|concerning|over|on the|said|says|told|"
    r"urged|asked|agreed|warned|argued|insisted|pressed)\b|[“\"]"
)


def content_unstated(question: str, evidence: str) -> bool:
    """Whether a question of what people said or discussed ("what did Xi and Zelensky
    talk about on the call") meets evidence that says only that they spoke ("Xi had
    finally spoken to Zelensky last month"), with no word of what about."""
    return bool(_ASKS_CONTENT.search(question)) and not _STATES_CONTENT.search(evidence.casefold())


def unspecified_detail(question: str, evidence: str) -> str | None:
    """The article's own vague words when the question asks for a detail they leave out.

    "What medal did Putin give Li Hui?" asks which medal; the article says only "a medal
    from Mr. Putin". "Exactly how many square miles?" meets "hundreds of square miles".
    Returns None when the evidence gives the detail (or the question asks for none).
    """
    spans = list(re.finditer(r"[\w’']+(?:-[\w’']+)*", evidence))
    words = [m.group(0).casefold().replace("’", "'") for m in spans]

    def quoted(first: int, last: int) -> str:
        return evidence[spans[max(0, first)].start() : spans[min(last, len(spans) - 1)].end()]

    exact = _HOW_MANY_EXACTLY.search(question)
    if exact:
        noun = stem(exact.group(1) or exact.group(2))
        for i, word in enumerate(words):
            if stem(word) == noun and _VAGUE_QUANTITY & set(words[max(0, i - 4) : i]):
                return quoted(i - 4, i + 2)
        return None
    nouns = [m.group(1) for m in _FOCUS_WHICH.finditer(question)]
    nouns += [w for m in _FOCUS_NAME.finditer(question) for w in m.group(1).split()]
    for noun in (stem(n) for n in nouns if n in _NAMABLE):
        if noun in _TIME_NOUNS:
            given = {t.casefold() for t in _SPECIFIC_TIME.findall(evidence)}
            if given - set(_SPECIFIC_TIME.findall(question)):
                continue  # the evidence names a time the question does not already hold
            if given:  # "what date in February": the article says only "in February"
                i = next(i for i, word in enumerate(words) if word in given)
                return quoted(i - 2, i)
        for i, word in enumerate(words):
            head = word.rsplit("-", 1)[-1]
            if stem(head) != noun:
                continue
            before = words[max(0, i - 4) : i]
            counted = word != head and word.split("-")[0] in _NUMBER_WORDS
            after = words[i + 1] if i + 1 < len(words) else ""
            vague = bool(_VAGUE_BEFORE & set(before)) or (before and before[-1].isdigit())
            if (vague or counted) and after not in _DEFINING_AFTER:
                return quoted(i - 2, i + 3)
    return None


_NAMED_BY_PEOPLE_OR_TIME = frozenset(
    "official officials minister ministers person people country countries city cities town "
    "general ambassador envoy diplomat diplomats aide aides adviser advisers lawmaker "
    "lawmakers senator official's reporter reporters day days date dates year years week "
    "weeks month months".split()
)
_THINGS = _NAMABLE - _NAMED_BY_PEOPLE_OR_TIME
"""Kinds of thing a question asks for by name (which committee, what medal, which
outlet) that the article would name with the kind's own word. People and places are
named by their names, times by dates: `identity_asked` and the calendar check see to
those."""


_FOCUS_THING = re.compile(r"\b(?:what|which)((?:\s+[a-z]+){1,3})")
"""The words after "which" or "what" that may name the kind asked for ("which
congressional committee")."""


def thing_not_mentioned(question: str, evidence: str) -> str | None:
    """The kind of thing a normalised question asks which of ("which committee did she
    testify before") when the evidence never mentions one, else None."""
    stems = {stem(w) for w in re.findall(r"[a-z]+", evidence.casefold())}
    for match in _FOCUS_THING.finditer(question):
        noun = next((w for w in match.group(1).split() if w in _THINGS), None)
        if noun is not None and stem(noun) not in stems:
            return noun
    return None


# "Which European officials ...", "which countries ...", "... names?": the question asks who
# or which, by identity, within a kind of person or place.
_KIND_NOUNS = (
    r"officials?|aides?|strategists?|leaders?|ministers?|diplomats?|lawmakers?|people|"
    r"persons?|analysts?|experts?|advis[eo]rs?|senators?|reporters?|journalists?|"
    r"politicians?|members?|officers?|generals?|spokes(?:man|men|woman|person|people)|"
    r"countries|country|governments?|nations?|cities|city|capitals?|states|"
    r"organi[sz]ations?|think[- ]tanks?|institutes?|agenc(?:y|ies)|newspapers?|outlets?"
)
_IDENTITY = re.compile(
    r"\b(?:which|what)\s+(?P<modifiers>(?:(?!(?:do|does|did|is|are|was|were|has|have|had|"
    r"will|would|can|could|should|did|kind|sort|type)\b)[a-z.'-]+\s+){0,3}?)(?P<noun>"
    + _KIND_NOUNS
    + r")\b"
    # "who's the senior official that said ...": who, by name, is the one described
    r"|\bwho(?:'s|s| is| was)\s+(?:the|that|this)\s+(?P<modifiers2>(?:[a-z.'-]+\s+){0,3}?)"
    r"(?P<noun2>" + _KIND_NOUNS + r")\s+(?:that|who)\b"
    r"|\b(?P<names>names?)(?:\s+(?:pls|plz|please))?\s*[?!.]*$|\bname (?:them|those|these|the)\b"
    r"|\bwho exactly\b"
)
_PLACE_NOUNS = frozenset(
    "countries country governments government nations nation cities city capitals capital "
    "states".split()
)
_ORGANISATION_NOUN = re.compile(r"organi[sz]ation|think[- ]tank|institute|agenc|newspaper|outlet")
PERSON, PLACE, ORGANISATION = "person", "place", "organisation"


def identity_asked(question: str) -> tuple[str, str] | None:
    """("person", noun) when a normalised question asks which people by name ("which
    European officials", "who's the official that ...", "names?"), ("place", noun) when
    it asks which countries or cities, ("organisation", noun) which organisation or think
    tank; else None. `noun` is the word that names them (""
    for "names?")."""
    asked = identity_and_modifiers(question)
    return None if asked is None else asked[:2]


def identity_and_modifiers(question: str) -> tuple[str, str, str] | None:
    """`identity_asked` and the words before its noun ("senior administration" of
    "which senior administration officials")."""
    match = _IDENTITY.search(question)
    if match is None:
        return None
    noun = match.group("noun") or match.group("noun2") or ""
    modifiers = (match.group("modifiers") or match.group("modifiers2") or "").strip()
    if noun in _PLACE_NOUNS:
        return PLACE, noun, modifiers
    if _ORGANISATION_NOUN.match(noun):
        return ORGANISATION, noun, modifiers
    return PERSON, noun, modifiers


# "How many European capitals ...", "what % of ...": the question asks a quantity of something.
_QUANTITY = re.compile(
    r"\bhow (?:many|much)\s+(?P<words>(?:(?!(?:is|are|was|were|did|do|does|has|have|had|will|"
    r"would|can|could|should)\b)[a-z%'-]+\s*){0,3})"
    r"|\bwhat (?P<share>%|percent(?:age)?|proportion|share|fraction|number)(?!\w)"
)
_QUANTITY_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty "
    "fifty hundred hundreds thousand thousands million millions billion billions dozen dozens "
    "half twice double triple percent".split()
)
_PERCENT = frozenset({"%", "percent", "percentage", "proportion", "share", "fraction"})
_NUMBER_NEAR = 3
"""A number within this many words before the thing counted gives its quantity."""


def quantity_missing(question: str, evidence: str) -> bool:
    """Whether a normalised question asks how many or how much of something, or what
    share, and the evidence gives no number for it ("how much territory" meets "over the
    last 14 months": a number, but not of territory)."""
    match = _QUANTITY.search(question)
    if match is None:
        return False
    words = [w.casefold() for w in re.findall(r"[\w%']+", evidence)]
    numbers = [i for i, w in enumerate(words) if _is_quantity(w)]
    if match.group("share"):
        return not any(w in _PERCENT or w.endswith("%") for w in words)
    counted = [w for w in (match.group("words") or "").split() if w not in _VAGUE_BEFORE]
    if not counted:
        return not numbers
    noun = stem(counted[-1])
    for i, word in enumerate(words):
        if stem(word) == noun and any(0 < i - n <= _NUMBER_NEAR for n in numbers):
            return False
    return True


def _is_quantity(word: str) -> bool:
    return any(ch.isdigit() for ch in word) or word in _QUANTITY_WORDS


_CAPITALISED = re.compile(r"[A-Z][a-z]+(?:['’][a-z]+)?")
_SENTENCE_START = tuple(".?!:;\"“”‘'—–-([")


def capitalised_words(raw: str, cleaned: str) -> tuple[str, ...]:
    """The words `raw` writes with a capital inside a sentence ("the Senate Intelligence
    Committee"), lowercased and without "'s", that the cleaned question still holds (a
    greeting's or an aside's names are gone from it). A sentence's first word, a lone
    capital and words in capitals ("USG", "FM") are left out: they are no sign of a name."""
    kept = set(re.findall(r"[a-z]+", cleaned))
    found: list[str] = []
    for match in _CAPITALISED.finditer(raw):
        before = raw[: match.start()].rstrip()
        if not before or before.endswith(_SENTENCE_START):
            continue
        word = re.split(r"['’]", match.group(0).casefold())[0]
        if word in kept and word not in found:
            found.append(word)
    return tuple(found)


_CAPITALISED_RUN = re.compile(r"[A-Z][a-z]+(?:['’]s)?(?: [A-Z][a-z]+(?:['’]s)?)+")


def capitalised_phrases(raw: str, cleaned: str) -> tuple[str, ...]:
    """Runs of two or more words `raw` writes with capitals inside a sentence ("the
    Senate Intelligence Committee"), lowercased, that the cleaned question still holds:
    a name as the asker writes it, which the article may not use though it uses each of
    its words. A sentence's first word is no part of one."""
    kept = set(re.findall(r"[a-z]+", cleaned))
    found: list[str] = []
    for match in _CAPITALISED_RUN.finditer(raw):
        words = [re.split(r"['’]", w.casefold())[0] for w in match.group(0).split()]
        before = raw[: match.start()].rstrip()
        if not before or before.endswith(_SENTENCE_START):
            words = words[1:]
        phrase = " ".join(words)
        if len(words) >= 2 and set(words) <= kept and phrase not in found:
            found.append(phrase)
    return tuple(found)


_TIME_KINDS = (
    (
        "month",
        re.compile(
            r"\b(?:january|february|march|april|may|june|july|august|september|october|"
            r"november|december)\b"
        ),
    ),
    ("weekday", re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b")),
    ("year", re.compile(r"\b(?:19|20)\d\d\b")),
)


_RELATIVE_BEFORE = re.compile(r"\b(?:before|after|since|until|till|by|prior to|ahead of)\s+$")
"""A time given as a bound ("before 2022") claims no date of its own to contradict."""


def time_contradicted(question: str, evidence: str) -> tuple[str, str] | None:
    """(the time the question gives, the one the evidence gives) when a normalised
    question names a month, weekday or year the evidence does not, and the evidence
    names another of the same kind ("in January" against "in March"); else None. A time
    given as a bound ("before 2022") is no date to contradict."""
    for _, pattern in _TIME_KINDS:
        asked = {
            m.group(0)
            for m in pattern.finditer(question)
            if not _RELATIVE_BEFORE.search(question[: m.start()])
        }
        given = [m.group(0) for m in pattern.finditer(evidence.casefold())]
        if asked and given and not asked & set(given):
            start = evidence.casefold().index(given[0])
            return sorted(asked)[0].capitalize(), evidence[start : start + len(given[0])]
    return None


_COUNT_WORDS = {
    word: str(n)
    for n, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve".split()
    )
}
_COUNTED = re.compile(r"\b(\d+(?:\.\d+)?|" + "|".join(_COUNT_WORDS) + r")[ -]([a-z]+)\b")
_BOUND_BEFORE = re.compile(
    r"\b(?:more than|less than|fewer than|over|under|at least|at most|nearly|almost|about|"
    r"around|roughly|some|up to|than|since|before|after|by)\s+$"
)
"""A count given as a bound or an estimate ("more than 5 years") claims no number of its
own to contradict."""


def count_contradicted(question: str, evidence: str) -> tuple[str, str] | None:
    """(the count the question gives, the one the evidence gives) when a normalised
    question counts something ("for 5 years") the evidence counts otherwise ("for 10
    years"): the same unit, another number, and not the question's anywhere beside it.
    A count given as a bound ("more than 5 years") is no number to contradict."""
    lowered = evidence.casefold()

    def counts(text: str, *, bounds: bool) -> dict[str, list[tuple[str, re.Match[str]]]]:
        found: dict[str, list[tuple[str, re.Match[str]]]] = {}
        for match in _COUNTED.finditer(text):
            if bounds and _BOUND_BEFORE.search(text[: match.start()]):
                continue
            number = _COUNT_WORDS.get(match.group(1), match.group(1))
            found.setdefault(stem(match.group(2)), []).append((number, match))
        return found

    given = counts(lowered, bounds=False)
    for unit, asked in counts(question, bounds=True).items():
        theirs = given.get(unit)
        if not theirs:
            continue
        if {n for n, _ in asked} & {n for n, _ in theirs}:
            continue
        match = theirs[0][1]
        return asked[0][1].group(0), evidence[match.start() : match.end()]
    return None


_PLACE_PREPOSITIONS = ("in", "at", "to", "from")
_PLACE_SENSES = (("in", "at"), ("to",), ("from",))
"""Prepositions that put something in the same relation to a place: "based in Odesa" is
contradicted by "based at the Crimean port of Sevastopol"."""
_PLACE_LEAD_WORDS = 3
"""Words that may stand between the preposition and the place it governs ("at the Crimean
port of Sevastopol")."""


def place_contradicted(
    question: str, evidence: str, unknown_names: Iterable[str], places: Iterable[str]
) -> tuple[str, str] | None:
    """(the place the question gives, the one the evidence gives) when a normalised
    question puts something in, at, to or from a name the article never uses ("met in
    Geneva") and the evidence puts it in, at, to or from one of `places` ("in Vienna");
    else None."""
    lowered = evidence.casefold()
    for name in unknown_names:
        before = re.search(rf"\b({'|'.join(_PLACE_PREPOSITIONS)}) {re.escape(name)}\b", question)
        if before is None:
            continue
        same_sense = next(g for g in _PLACE_SENSES if before.group(1) in g)
        for place in sorted(places, key=len, reverse=True):
            found = re.search(
                rf"\b(?:{'|'.join(same_sense)}) (?:the )?(?:[\w-]+ ){{0,{_PLACE_LEAD_WORDS}}}?"
                rf"({re.escape(place.casefold())})\b",
                lowered,
            )
            if found is not None:
                return name.capitalize(), evidence[found.start(1) : found.end(1)]
    return None


def without_slot(question: str, word: str) -> str:
    """A normalised question without a time or place it gives and its preposition
    ("met in geneva" is "met")."""
    pattern = rf"\s*\b(?:(?:in|at|on|to|from|during|since) )?{re.escape(word.casefold())}\b"
    return re.sub(r"\s+", " ", re.sub(pattern, "", question, count=1)).strip()


def is_time_word(word: str) -> bool:
    """Whether a word is a month, a weekday or a year."""
    return any(pattern.fullmatch(word) for _, pattern in _TIME_KINDS)


_JOINERS = frozenset({"and", "or", "&"})
_RELATING = frozenset({"to", "from", "of", "in", "at"})
NAMES_BESIDE = 4
"""How far after a noun and its preposition the names it governs may run ("counterparts
from Britain and Spain")."""


def names_swapped(
    question: str, evidence: str, asked: Iterable[str], places: Iterable[str]
) -> tuple[str, str] | None:
    """(the names a question puts beside a noun, the places the evidence puts beside the
    same noun instead) when they differ: "French and German counterparts" against
    "counterparts from Britain and Spain", "ambassador to Ukraine" against "ambassador to
    Russia", "the French foreign minister" against "the German foreign minister". `asked`
    are the question's words that may be such names (unknown to the source, or places
    the evidence does not name); `places` the evidence's places' one-word names."""
    asked_words = {stem(w.casefold()) for w in asked}
    place_words = {p.casefold() for p in places if " " not in p}
    words = tokenize(question)
    evidence_words = tokenize(normalise(evidence))
    for start, end, head in _named_runs(words, asked_words):
        given = _places_beside(evidence_words, head, place_words)
        after = words[end + 1] if end + 1 < len(words) else ""
        if not given and (
            stem(head) in _COUNTERPART_STEMS
            or (head in _COUNTERPART_LEADS and stem(after) in _COUNTERPART_STEMS)
        ):
            # "the French and German ministers" against "his counterparts from Britain and
            # Spain": nouns for someone's opposite number stand for each other
            given = next(
                (
                    found
                    for other in evidence_words
                    if stem(other) == _COUNTERPART
                    if (found := _places_beside(evidence_words, other, place_words))
                ),
                [],
            )
        named = {w for w in words[start:end] if w not in _JOINERS}
        if given and not named & set(given):
            spelt = [_as_written(evidence, w) for w in given]
            asked_names = [w if w in _JOINERS else w.capitalize() for w in words[start:end]]
            return " ".join(asked_names), " and ".join(spelt)
    return None


_COUNTERPART_STEMS = frozenset(
    stem(w)
    for w in "counterpart counterparts minister ministers secretary secretaries diplomat "
    "diplomats envoy envoys official officials leader leaders".split()
)
"""Nouns for a country's people in talks (a closed class): beside countries, any of them
stands for the article's "counterparts" ("the French and German ministers" against "his
counterparts from Britain and Spain"); only "counterparts" is read so in the article, as
another such noun there has its own places ("In Washington this week, Secretary ...")."""
_COUNTERPART = stem("counterparts")
_COUNTERPART_LEADS = frozenset({"foreign", "top", "senior", "defence", "defense"})
"""Words before such a noun that keep it one ("the French and German foreign ministers")."""


def _as_written(evidence: str, word: str) -> str:
    found = re.search(rf"\b{re.escape(word)}\b", evidence, re.IGNORECASE)
    return found.group(0) if found else word


def _named_runs(words: Sequence[str], names: set[str]) -> list[tuple[int, int, str]]:
    """Runs of names joined by "and" ("french and german") with the noun they stand beside:
    the word after them, or the noun before their preposition ("ambassador to ukraine").
    `names` are stems."""
    runs: list[tuple[int, int, str]] = []
    i = 0
    while i < len(words):
        if stem(words[i]) not in names:
            i += 1
            continue
        end = i + 1
        while end + 1 < len(words) and words[end] in _JOINERS and stem(words[end + 1]) in names:
            end += 2
        if end < len(words) and words[end] not in STOP_WORDS:
            runs.append((i, end, words[end]))
        elif i >= 2 and words[i - 1] in _RELATING and words[i - 2] not in STOP_WORDS:
            runs.append((i, end, words[i - 2]))
        i = end
    return runs


def _places_beside(words: Sequence[str], head: str, places: set[str]) -> list[str]:
    """The places the evidence names beside `head`: just before it, or after it and a
    preposition, joined by "and"."""
    for at, word in enumerate(words):
        if stem(word) != stem(head):
            continue
        before = [w for w in words[max(0, at - 2) : at] if w in places]
        if before:
            return before
        if at + 1 < len(words) and words[at + 1] in _RELATING:
            after = []
            for w in words[at + 2 : at + 2 + NAMES_BESIDE]:
                if w in places:
                    after.append(w)
                elif w not in _JOINERS and w != "the":
                    break
            if after:
                return after
    return []


_PARTIES = {
    "republican": "republican",
    "republicans": "republican",
    "gop": "republican",
    "democrat": "democrat",
    "democrats": "democrat",
    "democratic": "democrat",
    "dem": "democrat",
    "dems": "democrat",
    "labour": "labour",
    "conservative": "conservative",
    "conservatives": "conservative",
    "tory": "conservative",
    "tories": "conservative",
}
"""Words for the main parties of the United States and Britain (a closed class), each
folded to its party."""


def party_contradicted(question: str, evidence: str) -> tuple[str, str] | None:
    """(the party the question gives, the one the evidence gives) when a normalised
    question names a party the evidence does not and the evidence names another:
    "the top Republican on Armed Services" against "the top Democrat on the Armed
    Services Committee"."""
    asked = {_PARTIES[w]: w for w in tokenize(question) if w in _PARTIES}
    written = re.findall(r"[A-Za-z]+", evidence)
    given = {_PARTIES[w.casefold()]: w for w in written if w.casefold() in _PARTIES}
    if not asked or not given or set(asked) & set(given):
        return None
    party = next(iter(asked))
    return asked[party].capitalize() if asked[party] != "gop" else "GOP", next(iter(given.values()))
