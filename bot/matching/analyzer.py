"""Turn text into the terms the ranker compares, and find the names in a question.

`Analyzer.terms` maps words to canonical terms: stop words dropped, light stemming, the
curated synonym groups folded to one word, and typos in unknown words repaired against
the vocabulary with rapidfuzz. `AliasIndex.find` finds entities and topics by their
aliases, tolerating misspelt names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from bot.matching.english import FUNCTION_SLIP_ZIPF, is_common, one_spelling, spelling_variants
from bot.matching.parameters import PARAMETERS, Parameters
from bot.text import normalise, stem, tokenize

STOP_WORDS = frozenset(
    """
    hes shes theyre youre ive wheres hows theres thats weve theyve itll youll
    a about above after again against all also am among amongst an and any anyone anything
    are aren't as
    at be because been before being below between both but by can can't cannot could
    couldn't did didn't do does doesn't doing don't down during each either else ever every
    few for from further get gets got had hadn't has hasn't have haven't having he he'd
    he'll he's her here hers herself him himself his how i i'd i'll i'm i've if in into is
    isn't it it's its itself just let's like me mine more most much my myself no nor not now
    of off on once only or other ought our ours ourselves out over own per please quite
    rather really same shall she she'd she'll she's should shouldn't so some such than that
    that's the their theirs them themselves then there there's these they they'd they'll
    they're they've this those through thus to too under until up upon us very was wasn't
    we we'd we'll we're we've were weren't what what's when where where's whether which
    while who who's whom whose why will with won't would wouldn't yet you you'd you'll
    you're you've your yours yourself yourselves
    hey hi hello hiya yo ok okay thanks thank pls plz lol btw fyi u ur im whats whos wat
    know according article story piece text bot exactly exact actually basically
    anyway still even name named names kind sort thing things stuff lot lots way ways
    anything something many much currently right now date dates calendar
    dont doesnt didnt isnt wont cant arent wasnt werent hasnt havent shouldnt wouldnt
    couldnt aint gonna wanna gotta kinda sorta
    differ differs difference differences different compare compared comparison contrast
    versus vs common
    might may must maybe perhaps rn tbh imo idk afaik w ya yeah copy quick check confirm
    remind verify wording verbatim line lines
    abt bout bc cuz coz tho rly smth sth wut wht dat da thru srsly ngl nah yep yup nope
    huh eh hmm hm um umm uh oh ah re lmk ikr
    tf wtf ffs omg omfg smh istg
    totally completely entirely fully absolutely definitely literally seriously
    honestly truly simply super pretty around
    ty thx tysm tyvm cheers ta pls thankyou thanx
    """.split()
)
"""Words that carry no content for matching. Question words are handled by intents."""

WEAK_WORDS = frozenset(
    """
    go goes going went gone make makes making made happen happens happened happening
    come comes came coming take takes took put puts give gives gave given get getting
    really kind likely possible possibly anyone people thing new latest current
    add adds added also already able easy easier hard harder getting gets build built
    keep kept let lets
    look looks looked looking seem seems seemed mean means meant
    try tries tried trying find found put puts bring brings brought
    able actual actually almost already always another anything around away back
    big bigger best better good great bad worse worst little lot lots less more most
    much many enough every everyone everything exactly fact far first last least long
    main major minor next often once one only other own part real right same
    several since small some still such sure though today together top true two very
    well whole yes yet going gone come coming really idea ideas matter
    guy guys dude dudes chap folks folk ppl person persons man men woman women lady ladies
    stuff things bunch convo convos
    article articles piece story
    """.split()
)
"""Words that carry little content: they count, but lightly. Besides the general ones,
plain and informal words for a person or a thing ("the democrat guy", "that stuff") and
words for the article itself ("in this piece"), which say nothing of what is asked."""

_TYPO_MIN_LEN = 4
_GOING_ON = re.compile(r"\b(?:keep|keeps|kept|keeping)(?: on)? (?=\w{2,}ing\b)")
""""Keep" before a verb's -ing form says it goes on: "keep backing Ukraine" is "continue
backing" (while "keep the territory" is to retain it)."""


class Analyzer:
    """Maps text to canonical terms. Built once from the synonym groups and vocabulary."""

    def __init__(self, synonyms: Iterable[Sequence[str]], params: Parameters = PARAMETERS) -> None:
        self.params = params
        self._word_map: dict[str, str] = {}
        phrases: dict[str, str] = {}
        for group in synonyms:
            canonical = _canonical_word(group[0])
            # A phrase folds to its canonical word, which must then map to itself.
            self._word_map.setdefault(canonical, canonical)
            for entry in group:
                words = tokenize(normalise(entry))
                if len(words) == 1 and "-" not in words[0]:
                    self._word_map[stem(words[0])] = canonical
                else:
                    phrases[" ".join(words)] = canonical
                    if len(words) == 1:
                        self._word_map[words[0]] = canonical
        ordered = sorted(phrases, key=len, reverse=True)
        self._phrase_map = phrases
        self._phrase_re = (
            re.compile(r"\b(?:" + "|".join(re.escape(p) for p in ordered) + r")\b")
            if ordered
            else None
        )
        self._vocabulary: set[str] = set(self._word_map.values())
        self._vocabulary_list: list[str] = []
        self._repair_list: list[str] = []
        self._repairs: dict[str, str | None] = {}

    def learn(self, texts: Iterable[str], terms: Iterable[str] = ()) -> None:
        """Add the terms of `texts`, and ready-made `terms`, to the known vocabulary
        (typos are repaired toward it)."""
        for text in texts:
            self._vocabulary.update(self.terms(text, repair=False))
        self._vocabulary.update(terms)
        self._vocabulary_list = sorted(self._vocabulary)
        self._repair_list = sorted(self._vocabulary | set(self._word_map))
        self._repairs.clear()

    def canonical(self, stemmed: str) -> str:
        """The term a stem stands for (its synonym group's word, or itself)."""
        return self._word_map.get(stemmed, stemmed)

    def knows(self, term: str) -> bool:
        """Whether `term` (canonical) occurs anywhere in the knowledge."""
        return term in self._vocabulary

    def is_known_word(self, word: str) -> bool:
        """Whether a raw token is a stop word or maps to a known term (not a typo or name)."""
        if word in STOP_WORDS:
            return True
        return self._map_word(word) in self._vocabulary

    def words(self, normalised: str) -> list[str]:
        """Tokens of normalised text, synonym phrases folded to single canonical words."""
        normalised = _GOING_ON.sub("continue ", normalised)
        if self._phrase_re is not None:
            normalised = self._phrase_re.sub(
                lambda m: " " + self._phrase_map[m.group(0)] + " ", normalised
            )
        return tokenize(normalised)

    def terms(self, text: str, *, repair: bool = True, normalised: bool = False) -> list[str]:
        """Canonical content terms of `text`, in order, stop words removed."""
        source = text if normalised else normalise(text, limit=10_000)
        result: list[str] = []
        for word in self.words(source):
            result.extend(self.word_terms(word, repair=repair))
        return result

    def slots(self, normalised: str, *, alternatives: bool) -> list[tuple[str, str | None]]:
        """Each content word of normalised text as (its term, the term it may be a slip
        for, or None). With `alternatives`, a known word gets the nearest other known term
        too (a source that does not know the word reads it as that slip); without, only
        unknown words do, as in `terms`."""
        found: list[tuple[str, str | None]] = []
        for word in self.words(normalised):
            found.extend(self.word_slots(word, alternatives=alternatives))
        return found

    def word_slots(self, word: str, *, alternatives: bool) -> list[tuple[str, str | None]]:
        """`slots` for one token."""
        if word in STOP_WORDS or (len(word) == 1 and word.isalpha()) or word in self._word_map:
            return [(t, None) for t in self.word_terms(word, repair=False)]
        if "-" in word:
            parts = [p for p in word.split("-") if p and p not in STOP_WORDS]
            return [s for p in parts for s in self.word_slots(p, alternatives=alternatives)]
        term = self._map_word(word)
        if term in self._vocabulary:
            return [(term, self._slip_of(word) if alternatives else None)]
        if (spelt := self._other_spelling(word)) is not None:
            return [(spelt, None)]
        fixed = self.repair(word)
        if fixed is None and _misspelt_function_word(word):
            return []
        return [(term, fixed)]

    def _slip_of(self, word: str) -> str | None:
        """The known term other than its own that a known word would be a slip for."""
        if len(word) < _TYPO_MIN_LEN or not word.isalpha() or not self._repair_list:
            return None
        key = "\x00" + word
        if key not in self._repairs:
            own = stem(word)
            self._repairs[key] = self._closest(word, own, excluding=own)
        return self._repairs[key]

    def word_terms(self, word: str, *, repair: bool = True) -> list[str]:
        """The canonical terms of one token (a hyphenated token may give several)."""
        if word in STOP_WORDS or (len(word) == 1 and word.isalpha()):
            return []  # a lone letter ("d", a middle initial) carries no content
        if word in self._word_map:
            return [self._word_map[word]]
        if "-" in word:
            parts = [p for p in word.split("-") if p and p not in STOP_WORDS]
            return [t for p in parts for t in self.word_terms(p, repair=repair)]
        term = self._map_word(word)
        if term not in self._vocabulary and (spelt := self._other_spelling(word)) is not None:
            return [spelt]
        if repair and term not in self._vocabulary:
            fixed = self.repair(word)
            if fixed is not None:
                return [fixed]
            if _misspelt_function_word(word):
                return []
        return [term]

    def _other_spelling(self, word: str) -> str | None:
        """The known term of `word` spelt the other way, British or American ("favour"
        where the knowledge writes "favor"), or None."""
        for variant in spelling_variants(word):
            term = self._map_word(variant)
            if term in self._vocabulary:
                return term
        return None

    def repair(self, word: str) -> str | None:
        """The known term a misspelt word most likely means, or None.

        Candidates are every known term and every word of the lexicon (so "diplomcy" finds
        "diplomacy", which the lexicon folds into another term). A word of five letters or
        more is repaired to the closest candidate at `fuzzy_term_cutoff`; a word of four or
        more, to a candidate one edit away (a letter added, dropped, changed or two letters
        swapped, as in "tlaks" and "cheif") that starts with the same letter.
        """
        if len(word) < _TYPO_MIN_LEN or not word.isalpha() or not self._repair_list:
            return None
        if word not in self._repairs:
            self._repairs[word] = self._closest(word, stem(word))
        return self._repairs[word]

    def _closest(self, word: str, stemmed: str, excluding: str | None = None) -> str | None:
        """The known term nearest `word` (stemmed), when `word` may be a slip for it. A
        word of ordinary English is a word, never a slip: "nuclear" is not "unclear",
        nor "police" "policy" (telling a form of one word from a neighbour, "militarily"
        from "military", would take a morphology this module does not have)."""
        if is_common(word):
            return None
        match = self._nearest(stemmed, excluding)
        return None if match is None else self._map_word(match)

    def _nearest(self, stemmed: str, excluding: str | None) -> str | None:
        if len(stemmed) >= self.params.fuzzy_min_length:
            matches = process.extract(
                stemmed,
                self._repair_list,
                scorer=fuzz.ratio,
                score_cutoff=self.params.fuzzy_term_cutoff,
                limit=2,
            )
            match = next((c for c, _, _ in matches if c != excluding), None)
            if match is not None:
                return match
        near = process.extract(
            stemmed, self._repair_list, scorer=OSA.distance, score_cutoff=1, limit=8
        )
        longer = self.params.fuzzy_min_length
        slips = sorted(c for c, _, _ in near if c != excluding and _one_slip(stemmed, c, longer))
        return slips[0] if slips else None

    def _map_word(self, word: str) -> str:
        stemmed = stem(word)
        if stemmed in self._word_map:
            return self._word_map[stemmed]
        spelt = stem(one_spelling(word))
        return self._word_map.get(spelt, spelt)


SHORT_NAME_PART = 3
"""The shortest part of a name that may be misspelt, beside a part given exactly."""


def _short_slip(typed: str, known: str) -> bool:
    """Whether a short name part is one slip from the one meant: the same first letter,
    and two letters swapped, one changed, added or dropped ("hiu", "huy" and "huei" for
    "hui")."""
    return (
        len(typed) >= SHORT_NAME_PART
        and typed[0] == known[0]
        and OSA.distance(typed, known, score_cutoff=1) <= 1
    )


def _one_slip(typed: str, known: str, longer: int) -> bool:
    """Whether `typed` is `known` with one slip of the keyboard: two neighbouring letters
    swapped ("tlaks", "cheif"), or, in a longer word, one letter added, dropped or changed
    between the right first and last letters ("sendng"). A short real word one letter
    from a known one ("work" and "word", "spin" and "spain") is not a slip."""
    if len(known) < _TYPO_MIN_LEN or typed == known:
        return False
    if len(typed) == len(known):
        diff = [i for i, (a, b) in enumerate(zip(typed, known, strict=True)) if a != b]
        if (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and typed[diff[0]] == known[diff[1]]
            and typed[diff[1]] == known[diff[0]]
        ):
            return True
    return len(typed) >= longer and typed[0] == known[0] and typed[-1] == known[-1]


def _canonical_word(entry: str) -> str:
    """The term a synonym group folds to: its first entry, as one word."""
    words = tokenize(normalise(entry))
    if len(words) == 1 and "-" not in words[0]:
        return stem(words[0])
    return "".join(words).replace("-", "")


@dataclass(frozen=True, slots=True)
class Mention:
    """Where a question names something: token span and the ids it may mean."""

    start: int
    end: int
    kind: str  # "entity" or "topic"
    ids: frozenset[str]
    fuzzy: bool = False


class AliasIndex:
    """Finds entities and topics named in a question by their aliases."""

    def __init__(self, analyzer: Analyzer) -> None:
        self._analyzer = analyzer
        self._exact: dict[str, dict[tuple[str, ...], set[str]]] = {"entity": {}, "topic": {}}
        self._by_string: dict[str, dict[str, set[str]]] = {"entity": {}, "topic": {}}
        self._by_length: dict[str, dict[int, list[tuple[tuple[str, ...], tuple[str, ...]]]]] = {
            "entity": {},
            "topic": {},
        }
        self._by_part: dict[
            tuple[str, int, int, str], list[tuple[tuple[str, ...], tuple[str, ...]]]
        ] = {}
        """Fuzzy aliases by (kind, length, position, word there): those a name with one
        part given exactly may be (the search for a short misspelt part starts there)."""
        self._max_len = 1

    def add(self, kind: str, item_id: str, aliases: Iterable[str], *, fuzzy: bool = True) -> None:
        """Register `aliases` of an entity or topic; with `fuzzy` False they match only as
        written (no misspelt word), which keeps the fuzzy search as small as it was."""
        table = self._exact[kind]
        for alias in aliases:
            tokens = tokenize(normalise(alias))
            joined = tuple(w.replace("-", "") for w in tokens)
            split = tuple(p for w in tokens for p in w.split("-") if p)
            for raw in {joined, split}:
                key = tuple(stem(w) for w in raw)
                if not key:
                    continue
                if key not in table and fuzzy:
                    self._by_length[kind].setdefault(len(key), []).append((key, raw))
                    for at, part in enumerate(key):
                        self._by_part.setdefault((kind, len(key), at, part), []).append((key, raw))
                table.setdefault(key, set()).add(item_id)
                self._by_string[kind].setdefault(" ".join(key), set()).add(item_id)
                self._max_len = max(self._max_len, len(key))

    def find(self, words: Sequence[str], kind: str) -> list[Mention]:
        """Mentions of `kind` in tokenised, normalised words, longest first, no overlaps.

        A multi-word alias must match every word (a word may be misspelt if the analyzer
        does not know it); single words absent from the vocabulary are matched fuzzily,
        so "blinkin" finds Blinken but "spanish" never becomes "german".
        """
        words = [w.replace("-", "") for w in words]
        keys = [stem(w) for w in words]
        known = [self._analyzer.is_known_word(w) for w in words]
        table = self._exact[kind]
        found: list[Mention] = []
        taken = [False] * len(words)
        for size in range(min(self._max_len, len(words)), 0, -1):
            for start in range(len(words) - size + 1):
                if any(taken[start : start + size]):
                    continue
                key = tuple(keys[start : start + size])
                ids = table.get(key)
                fuzzy = False
                if ids is None and not all(known[start : start + size]):
                    ids = self._fuzzy(
                        words[start : start + size], known[start : start + size], kind
                    )
                    fuzzy = ids is not None
                if ids:
                    found.append(Mention(start, start + size, kind, frozenset(ids), fuzzy))
                    for i in range(start, start + size):
                        taken[i] = True
        return sorted(found, key=lambda m: m.start)

    def _fuzzy(self, words: Sequence[str], known: Sequence[bool], kind: str) -> set[str] | None:
        """Aliases of the same length whose every word matches: known words exactly,
        unknown (likely misspelt) words by similarity. In a name of several words, a
        short word may be one slip from its part ("li hiu", "li huy") when another part
        is given exactly: a short word alone is too near too many others."""
        if all(known) or words[0] in STOP_WORDS or words[-1] in STOP_WORDS:
            return None
        params = self._analyzer.params
        short = [
            w
            for w, k in zip(words, known, strict=True)
            if not k and len(w) < params.fuzzy_min_length
        ]
        if short and (len(words) < 2 or any(len(w) < SHORT_NAME_PART for w in short)):
            return None
        best: tuple[float, str] | None = None
        candidates: Iterable[tuple[tuple[str, ...], tuple[str, ...]]]
        if short:  # a part must be given exactly: only aliases holding one are compared
            candidates = {
                pair
                for at, word in enumerate(words)
                for pair in self._by_part.get((kind, len(words), at, stem(word)), ())
            }
        else:
            candidates = self._by_length[kind].get(len(words), ())
        for alias, raw in sorted(candidates) if short else candidates:
            total = 0.0
            exact = slipped = 0
            for word, alias_word, raw_word, is_known in zip(words, alias, raw, known, strict=True):
                if stem(word) == alias_word:
                    similarity = 100.0
                    exact += 1
                elif is_known:
                    similarity = 0.0
                elif (
                    len(word) < params.fuzzy_min_length
                    or len(raw_word) < params.fuzzy_min_length - 1
                ):
                    similarity = 0.0
                    if _short_slip(word, raw_word):
                        similarity = params.fuzzy_name_cutoff
                        slipped += 1
                else:
                    similarity = fuzz.ratio(word, raw_word)
                if similarity < params.fuzzy_name_cutoff:
                    break
                total += similarity
            else:
                if slipped and not exact:
                    continue
                if best is None or total > best[0]:
                    best = (total, " ".join(alias))
        return set(self._by_string[kind][best[1]]) if best else None


_FUNCTION_WORDS = (
    "what about with does when where which who whom they that this have from there their "
    "would could should were been being into your than then them"
).split()


def _misspelt_function_word(word: str) -> bool:
    """Whether an unknown short word is a slip of a common function word ("wat", "abut");
    a word in common use is no slip ("three" is not "there", nor "form" "from")."""
    if not 3 <= len(word) <= 5 or not word.isalpha() or is_common(word, FUNCTION_SLIP_ZIPF):
        return False
    match = process.extractOne(word, _FUNCTION_WORDS, scorer=fuzz.ratio, score_cutoff=84)
    if match is not None and match[0][0] == word[0] and abs(len(match[0]) - len(word)) <= 1:
        return True
    # two neighbouring letters swapped ("waht", "whihc")
    return any(_one_slip(word, f, len(word) + 1) for f in _FUNCTION_WORDS if len(f) == len(word))
