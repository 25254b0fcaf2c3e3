"""Draft candidate facts: what a paragraph states, sentence by sentence.

Each candidate is a sentence (or, in a long sentence, the clause holding the cue) kept
verbatim as evidence; its statement is that evidence, trimmed, so nothing is invented.
A sentence of at least `_PLAIN_SENTENCE_WORDS` words with no cue is a candidate too
(a draft answers what the article says, not only its dates, places and numbers). It
lists the entities named in it and then in the rest of its paragraph, the kinds of
question it answers (when, where, how-many, how-long), the attribution the sentence
gives, and a few plain example questions made from its own words.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from bot.ingest.cues import HOW_LONG, HOW_MANY, WHEN, Cue, count_cues, duration_cues, time_cues
from bot.ingest.entities import Registry
from bot.ingest.lexicon import (
    AUXILIARIES,
    NATIONALITY_ENDINGS,
    PLACE_PREPOSITIONS,
    SPEECH_VERBS,
    TIME_UNITS,
)
from bot.ingest.segments import Segmented
from bot.ingest.speakers import Paragraph

WHERE = "where"
_LONG_SENTENCE_WORDS = 32
_SHORT_CLAUSE_WORDS = 6
_PLAIN_SENTENCE_WORDS = 6
"""A sentence with no date, place or number is a candidate too when it is this long."""
_CLAUSE_BREAK = re.compile(r";\s+|\s+[—–]\s+|,\s+(?=(?:and|but|while|which|though|although)\b)")
_LEADING_CONJUNCTION = re.compile(r"(?:and|but|or|so|yet|which)\b,?\s*", re.I)
_ORDER = (WHEN, WHERE, HOW_MANY, HOW_LONG)
_CLAUSE_ENDS = frozenset({",", ";", ":", "—", "–", "(", "“", '"'})
_LEADING_PHRASES = frozenset(
    "in on at for after before since during among like unlike as with without by".split()
)
_TIME_LEADS = frozenset(
    "in on at by since until before after from through during last this next early late "
    "yesterday today tonight tomorrow".split()
)
_DANGLING = frozenset("a an the that of to with for and or as at in on by while than".split())
_SCALES = frozenset(
    "of hundred hundreds thousand thousands million millions billion billions".split()
)
_UNIT_STOPS = frozenset(
    "of in on at to for from by with and or but that which who than as over into".split()
)
_QUESTION_WORDS = {WHEN: "when", WHERE: "where", HOW_MANY: "how many", HOW_LONG: "how long"}


@dataclass(slots=True)
class DraftFact:
    """A candidate fact: verbatim evidence, its statement and what it can answer."""

    paragraph: int
    evidence: str
    statement: str
    answers: list[str]
    entities: list[str]
    attribution: str | None
    questions: list[str]
    confidence: float
    cues: list[Cue] = field(default_factory=list)
    context: list[str] = field(default_factory=list)
    """What the rest of its paragraph names: what the sentence is about, not what it says."""


def draft_facts(paragraphs: list[Paragraph], registry: Registry) -> list[DraftFact]:
    """Candidate facts of every paragraph, one per sentence or clause with a cue, and one
    per plain sentence long enough."""
    facts: list[DraftFact] = []
    for paragraph in paragraphs:
        seen: dict[str, DraftFact] = {}
        for sentence in paragraph.seg.sentences:
            for fact in _sentence_facts(paragraph, sentence, registry):
                if fact.evidence in seen:
                    continue
                seen[fact.evidence] = fact
                facts.append(fact)
    return facts


def _sentence_facts(
    paragraph: Paragraph, sentence: tuple[int, int], registry: Registry
) -> list[DraftFact]:
    seg = paragraph.seg
    start, end = _trim(seg.text, *sentence)
    cues = [
        *time_cues(seg.text, start, end),
        *duration_cues(seg.text, start, end),
        *count_cues(seg.text, start, end),
        *_place_cues(paragraph, registry, start, end),
    ]
    plain = not cues
    if plain and len(seg.text[start:end].split()) < _PLAIN_SENTENCE_WORDS:
        return []
    long_sentence = len(seg.text[start:end].split()) > _LONG_SENTENCE_WORDS
    spans = _clauses(seg, start, end) if long_sentence else [(start, end)]
    facts = []
    for clause_start, clause_end in spans:
        inside = [c for c in cues if clause_start <= c.start < clause_end]
        if not inside and not plain:
            continue
        lo, hi = _trim(seg.text, clause_start, clause_end)
        evidence = seg.text[lo:hi]
        if len(evidence.split()) < 3:
            continue
        kinds = sorted({c.kind for c in inside}, key=_ORDER.index)
        quoted = any(seg.quote_at(c.start) for c in inside)
        confidence = 0.6 if quoted or plain else (0.7 if long_sentence else 0.85)
        named = _entities(paragraph, lo, hi)
        facts.append(
            DraftFact(
                paragraph=seg.number,
                evidence=evidence,
                statement=_statement(evidence),
                answers=kinds,
                entities=named,
                attribution=_attribution(paragraph, lo, hi),
                questions=_questions(paragraph, lo, hi, inside),
                confidence=confidence,
                cues=inside,
                context=_rest_of_paragraph(paragraph, named),
            )
        )
    return facts


def _place_cues(paragraph: Paragraph, registry: Registry, start: int, end: int) -> list[Cue]:
    """Places and countries named after a preposition of place: "in Port Elna"."""
    seg = paragraph.seg
    cues = []
    for mention in paragraph.mentions:
        if not start <= mention.start < end or mention.possessive:
            continue
        kinds = {registry.use(i).kind for i in mention.ids}
        if not kinds & {"place", "country"}:
            continue
        before = seg.tokens[mention.first - 1] if mention.first else None
        after = seg.tokens[mention.last + 1] if mention.last + 1 < len(seg.tokens) else None
        adjective = (
            seg.text[mention.start : mention.end].endswith(NATIONALITY_ENDINGS)
            and after is not None
            and after.is_word
            and not after.capitalised
            and after.lower not in PLACE_PREPOSITIONS
        )
        if before is not None and before.lower in PLACE_PREPOSITIONS and not adjective:
            cues.append(Cue(WHERE, before.start, mention.end, seg.text[before.start : mention.end]))
    return cues


def _clauses(seg: Segmented, start: int, end: int) -> list[tuple[int, int]]:
    """Clauses of a long sentence, cut outside quotations; short ones join the next."""
    cuts = [
        m.start()
        for m in _CLAUSE_BREAK.finditer(seg.text, start, end)
        if seg.quote_at(m.start()) is None
    ]
    bounds = [start, *cuts, end]
    clauses: list[tuple[int, int]] = []
    for lo, hi in itertools.pairwise(bounds):
        if clauses and len(seg.text[clauses[-1][0] : clauses[-1][1]].split()) < _SHORT_CLAUSE_WORDS:
            clauses[-1] = (clauses[-1][0], hi)
        else:
            clauses.append((lo, hi))
    if (
        len(clauses) > 1
        and len(seg.text[clauses[-1][0] : clauses[-1][1]].split()) < _SHORT_CLAUSE_WORDS
    ):
        last = clauses.pop()
        clauses[-1] = (clauses[-1][0], last[1])
    return clauses


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets without surrounding blanks, clause punctuation or a leading conjunction."""
    while start < end and (text[start].isspace() or text[start] in ";,—–"):
        start += 1
    match = _LEADING_CONJUNCTION.match(text, start, end)
    if match and match.end() < end:
        start = match.end()
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;:—–"):
        end -= 1
    return start, end


def _statement(evidence: str) -> str:
    text = evidence[:1].upper() + evidence[1:]
    return text if text.endswith((".", "?", "!", "”", '"')) else text + "."


def _entities(paragraph: Paragraph, start: int, end: int) -> list[str]:
    ids: list[str] = []
    for mention in paragraph.mentions:
        if start <= mention.start and mention.end <= end:
            ids.extend(i for i in mention.ids if i not in ids)
    return ids


def _rest_of_paragraph(paragraph: Paragraph, named: list[str]) -> list[str]:
    """The entities the rest of a sentence's paragraph names: a sentence is about what its
    paragraph is about ("twin attacks killed 72 people" in a paragraph that names Baghdad
    in the next), though it says nothing of how they relate to what it names."""
    return [e for e in _entities(paragraph, 0, len(paragraph.seg.text)) if e not in named]


def _attribution(paragraph: Paragraph, start: int, end: int) -> str | None:
    """ "X says" when the evidence opens with a named subject and its speech verb."""
    seg = paragraph.seg
    first = seg.token_index(start)
    mention = paragraph.starting_at(first)
    if mention is None or mention.kind == "pronoun" or mention.possessive:
        return None
    tokens = seg.tokens
    index = seg.token_index(mention.tail)
    while index < len(tokens) and tokens[index].end <= end and tokens[index].text == ",":
        index += 1
    if index < len(tokens) and tokens[index].end <= end and tokens[index].lower in SPEECH_VERBS:
        return seg.text[mention.start : tokens[index].end]
    return None


def _questions(paragraph: Paragraph, lo: int, hi: int, cues: list[Cue]) -> list[str]:
    """Plain questions in the evidence's own words: "when <subject> <verb phrase>" (the
    main clause with the cue cut out), "what happened <time or place>", "how many <unit>"."""
    seg = paragraph.seg
    questions: list[str] = []
    for cue in sorted(cues, key=lambda c: _ORDER.index(c.kind)):
        if cue.kind == HOW_MANY:
            unit = _unit(seg.text[cue.start : hi])
            if unit:
                questions.append(f"how many {unit}")
            continue
        clause = _main_clause(paragraph, lo, hi, cue)
        if clause:
            questions.append(f"{_QUESTION_WORDS[cue.kind]} {clause}")
        happened = _happened(cue)
        if happened:
            questions.append(happened)
    cleaned = []
    for question in questions:
        text = " ".join(re.sub(r"[“”\"]", "", question).split()).lower().rstrip(".,;:")
        if text not in cleaned:
            cleaned.append(text)
    return cleaned[:4]


def _main_clause(paragraph: Paragraph, lo: int, hi: int, cue: Cue) -> str | None:
    """The evidence's named subject and verb phrase up to the first comma, the cue cut
    out, with the auxiliary put first ("has Valdoria asked for …"); None when the evidence
    does not open with a named subject or the cue is not in that clause."""
    seg = paragraph.seg
    tokens = seg.tokens
    at = seg.token_index(lo)
    if at < len(tokens) and tokens[at].lower in _LEADING_PHRASES:
        comma = next(
            (i for i in range(at, min(at + 8, len(tokens))) if tokens[i].text == ","), None
        )
        at = comma + 1 if comma is not None else at
    mention = paragraph.starting_at(at)
    if mention is None or mention.kind == "pronoun" or mention.possessive:
        return None
    verb = seg.token_index(mention.tail)
    while verb < len(tokens) and tokens[verb].text == ",":
        verb += 1
    if verb >= len(tokens) or not tokens[verb].is_word or tokens[verb].capitalised:
        return None
    end = verb + 1
    while end < len(tokens) and tokens[end].end <= hi and tokens[end].text not in _CLAUSE_ENDS:
        end += 1
    clause_end = tokens[end - 1].end
    if not tokens[verb].start < cue.start < clause_end:
        return None
    words = [
        t.text
        for t in tokens[verb + 1 : end]
        if not cue.start <= t.start < cue.end and not t.in_quote
    ][:10]
    while words and words[-1].lower() in _DANGLING:
        words.pop()
    if len([w for w in words if w.lower() not in _DANGLING]) < 2:
        return None
    subject = seg.text[mention.start : mention.end]
    if tokens[verb].lower in AUXILIARIES:
        return " ".join([tokens[verb].text, subject, *words])
    return " ".join([subject, tokens[verb].text, *words])


def _happened(cue: Cue) -> str | None:
    """ "what happened in March" for a time or place cue that reads well after it."""
    words = cue.text.split()
    first = words[0].lower()
    if cue.kind == WHERE:
        return f"what happened {cue.text}" if first in {"in", "at"} else None
    if cue.kind != WHEN or words[-1].lower() in {"ago", "later", "earlier", "before"}:
        return None
    if first == "the":
        return f"what happened in {cue.text}"
    if first in _TIME_LEADS:
        return f"what happened {cue.text}"
    if first == "recently":
        return None
    return f"what happened in {cue.text}" if cue.text[:1].isupper() or first.isdigit() else None


def _unit(text: str) -> str | None:
    """What a number counts: the words after it up to a preposition ("square miles")."""
    words = text.split()[1:]
    while words and words[0].lower() in _SCALES:
        words = words[1:]
    unit: list[str] = []
    for word in words[:2]:
        clean = word.strip(',.;:“”"')
        lowered = clean.lower()
        if not clean[:1].isalpha() or lowered in _UNIT_STOPS or lowered in SPEECH_VERBS:
            break
        if unit and (lowered in AUXILIARIES or unit[-1].lower() in TIME_UNITS):
            break
        unit.append(clean)
        if clean != word:
            break
    return " ".join(unit) or None
