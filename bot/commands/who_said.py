"""`who-said`: who said a quotation, with its context and citation.

The words given are compared with every quotation (or, in a large base, with the
candidates sharing their words); the closest answers when it is close enough. Words given in
an order of their own that keep the nearest quotation's content and sense name its
speaker as having said something close in sense, never the words; so do words that
share too few of its words but stand close to it in sense by word vectors
(`bot/matching/semantic.py`), when they keep its names, negations and numbers. Otherwise
reported speech ("Blinken said that ...") answers when the article's own words hold
what was given.
"""

from __future__ import annotations

import re
from dataclasses import replace

from rapidfuzz import fuzz

from bot import messages
from bot.answers import Answer
from bot.commands.context import SUGGESTIONS, Context, confidence
from bot.matching.analyzer import STOP_WORDS
from bot.matching.documents import FACT, QUOTE, Document
from bot.matching.index import Indexed, related_token
from bot.matching.intents import WHO_SAID, Intent
from bot.matching.parameters import Parameters
from bot.matching.quotecheck import (
    CLOSE,
    DIFFERS,
    NEGATIONS,
    PARAPHRASE,
    UNRELATED,
    VERBATIM,
    QuoteCheck,
    check_quote,
    keeps_sense_markers,
)
from bot.matching.ranker import ParsedQuestion, Ranker
from bot.matching.semantic import word_vectors
from bot.text import normalise, stem, tokenize

_MARKED = re.compile(r'"([^"]+)"')
REPORTED_WORDS = 20
"""How many words before a quotation count as the words the article reports it with."""
_FRAME = re.compile(r"^(?:who said|who says|who wrote)\s*[:,-]?\s*")


def who_said(ctx: Context, text: str) -> Answer:
    """Who said a quotation: speaker, full quote, context and citation."""
    fragment = _without_chat_edges(_strip_quotation(ctx.clean(text)))
    if len(fragment) < 3:
        return ctx.empty("who-said")
    params = ctx.params
    parsed = ctx.ranker.parse(fragment, Intent(WHO_SAID, "who"))
    pool = ctx.all_quotes
    if pool is None:
        names = [related_token(i) for m in parsed.entities for i in m.ids]
        pool = ctx.index.candidates(parsed.terms, names, kinds=frozenset({QUOTE}))
    scored = sorted(
        ((quote_score(fragment, parsed, item, ctx.ranker, params), item) for item in pool),
        key=lambda pair: (pair[0], -pair[1].position),
        reverse=True,
    )
    checked = [
        (
            check_quote(
                fragment, item.document.citation, ctx.phrase_terms, _referents(ctx, item.document)
            ),
            score,
            item,
        )
        for score, item in scored[: params.quotes_checked]
        if score >= params.quote_floor
    ]
    verified = [c for c in checked if c[0].attributable and c[1] >= params.quote_accept]
    if verified:
        check, score, item = max(verified, key=lambda c: (c[0].verdict == VERBATIM, c[1]))
        return _attribute(ctx, item.document, check, score)
    misquoted = [c for c in checked if c[0].verdict == DIFFERS]
    if misquoted:
        check, _, item = max(misquoted, key=lambda c: (c[0].coverage, c[1]))
        return _misquote(ctx, item.document, check)
    in_sense = _close_in_sense(ctx, fragment, parsed, scored)
    if in_sense is not None:
        score, item = in_sense
        return _attribute(ctx, item.document, QuoteCheck(PARAPHRASE, 0.0), score)
    attributed = [
        s
        for s in ctx.ranker.rank(parsed, kinds=(FACT,), limit=5)
        if s.document.speakers
        and s.entity_share == 1.0
        and s.score >= params.accept_score
        and len(parsed.terms) >= 2
        and _said_share(ctx, parsed, s.document) >= params.said_share
        and check_quote(fragment, s.document.citation, ctx.phrase_terms).attributable
    ]
    if attributed:
        # Reported speech, not a quotation: the answer says so, so that no one prints the
        # words given as the speaker's.
        best = attributed[0]
        speaker = ", ".join(ctx.kb.entities[e].name for e in best.document.speakers)
        answer = ctx.document_answer("who-said", best, speaker=speaker)
        text = messages.WHO_SAID_REPORTED.format(
            who=ctx.names(best.document.speakers, " and "), statement=answer.text
        )
        return replace(answer, text=text)
    nearest = [
        item.document for s, item in scored[:SUGGESTIONS] if s > params.suggestion_quote_floor
    ]
    return Answer(
        answered=False,
        command="who-said",
        text=messages.CANNOT_FIND_QUOTE,
        suggestions=tuple(ctx.suggestion(d) for d in nearest),
    )


def _attribute(ctx: Context, quote: Document, check: QuoteCheck, score: float) -> Answer:
    """Name the speaker of words the article quotes, saying how close the words given are."""
    if check.verdict == PARAPHRASE:
        return ctx.answer_from(
            "who-said",
            quote,
            confidence=confidence(score) * ctx.params.paraphrase_share,
            speaker=ctx.names(quote.speakers, " and "),
            text=_who_said_text(ctx, quote, messages.WHO_SAID_IN_SENSE),
        )
    text = _who_said_text(ctx, quote)
    if check.verdict == CLOSE:
        text += " " + messages.QUOTE_CLOSE
        left_out = [article for article, given in check.differences if not given]
        if left_out:
            text += " " + messages.QUOTE_LEFT_OUT.format(words="”, “".join(left_out))
        reworded = [
            messages.QUOTE_CHANGED.format(theirs=article, given=given)
            for article, given in check.differences
            if given
        ]
        if reworded:
            text += " " + messages.QUOTE_REWORDED.format(pairs="; ".join(reworded))
    return ctx.answer_from(
        "who-said",
        quote,
        confidence=confidence(score),
        speaker=ctx.names(quote.speakers, " and "),
        text=text,
    )


def _close_in_sense(
    ctx: Context, fragment: str, parsed: ParsedQuestion, scored: list[tuple[float, Indexed]]
) -> tuple[float, Indexed] | None:
    """The quotation the words given say over in words and an order of their own, if
    any: the nearest of its source by a clear step, most of their content its own, it
    concerns whom they name, and they keep its negation, numbers and polarity. Each
    source's nearest is tried, best first; another source's quotations never weigh on
    how clearly one stands out in its own."""
    tried: set[str] = set()
    for rank, (score, item) in enumerate(scored[: ctx.params.quotes_checked]):
        source = item.document.source
        if source in tried:
            continue
        tried.add(source)
        runner_up = next((s for s, o in scored[rank + 1 :] if o.document.source == source), 0.0)
        if score - runner_up >= ctx.params.paraphrase_margin and _says_over(
            ctx, fragment, parsed, item
        ):
            return score, item
    return _close_by_vectors(ctx, fragment, parsed, [item for _, item in scored])


def _close_by_vectors(
    ctx: Context, fragment: str, parsed: ParsedQuestion, pool: list[Indexed]
) -> tuple[float, Indexed] | None:
    """The quotation the words given say over in words of their own, by the closeness in
    sense of the two (word vectors): the closest of its source by a clear step, close
    enough, concerning whom the words name, and keeping its negations, numbers and
    polarity. Each source's closest is tried, closest first."""
    vectors = word_vectors()
    if vectors is None:
        return None
    params = ctx.params
    by_source: dict[str, list[tuple[float, Indexed]]] = {}
    for item in pool:
        closeness = vectors.similarity(fragment, item.document.citation)
        by_source.setdefault(item.document.source, []).append((closeness, item))
    best = []
    for ranked in by_source.values():
        ranked.sort(key=lambda pair: (pair[0], -pair[1].position), reverse=True)
        runner_up = ranked[1][0] if len(ranked) > 1 else 0.0
        closeness, item = ranked[0]
        if closeness >= params.sense_similarity and closeness - runner_up >= params.sense_margin:
            best.append((closeness, item))
    for closeness, item in sorted(best, key=lambda pair: pair[0], reverse=True):
        if _keeps_sense(ctx, fragment, parsed, item):
            return closeness, item
    return None


def _says_over(ctx: Context, fragment: str, parsed: ParsedQuestion, item: Indexed) -> bool:
    """Whether `fragment` holds enough of a quotation's content, and keeps its sense."""
    params = ctx.params
    quote = item.document
    parsed = ctx.ranker.view(parsed, quote.source)  # names other sources define are words
    reported = _reported_with(item)
    said = set(ctx.phrase_terms(reported))
    if not _names_fit(parsed, quote, said):
        return False
    own = ctx.ranker.weights(parsed, quote.source)
    if not sum(own.weights):
        return False
    share = own.share(said)
    shared = len(set(own.terms) & said)
    enough = shared >= params.paraphrase_terms or (
        shared == params.paraphrase_terms - 1 and share >= params.paraphrase_all_terms
    )
    return (
        share >= params.paraphrase_share
        and enough
        and literal_share(fragment, reported) >= params.paraphrase_literal_share
        and keeps_sense_markers(fragment, quote.citation, reported)
        and check_quote(fragment, quote.citation, ctx.phrase_terms).verdict == UNRELATED
    )


def _names_fit(parsed: ParsedQuestion, quote: Document, said: set[str]) -> bool:
    """Whether everyone the words given name is whom the quotation concerns (or speaks
    it), or a name its own words hold ("Western" in "an erosion of Western support",
    though the quotation is not about the West)."""
    mentioned = set(quote.entities) | set(quote.speakers)
    return all(
        m.ids & mentioned or words <= said
        for m, words in zip(parsed.entities, parsed.mention_terms, strict=True)
    )


def _keeps_sense(ctx: Context, fragment: str, parsed: ParsedQuestion, item: Indexed) -> bool:
    """Whether words close in sense to a quotation keep what would change its meaning:
    whom it names, its negations, numbers and polarity; and are not a misquote of it."""
    quote = item.document
    parsed = ctx.ranker.view(parsed, quote.source)
    said = set(ctx.phrase_terms(_reported_with(item)))
    return (
        _names_fit(parsed, quote, said)
        and keeps_sense_markers(fragment, quote.citation, _reported_with(item))
        and check_quote(fragment, quote.citation, ctx.phrase_terms).verdict == UNRELATED
    )


CHAT_WORDS = frozenset(
    "thanks thank thx ty tysm pls plz please lol lmao rofl hey hi hello ok okay yo bro "
    "tbh ngl cheers folks guys".split()
)
"""Courtesies and interjections (a closed class): said around a quotation, never in one
the article prints. Only they are trimmed from its ends: "even", "just" or "no" may be
the quotation's own first or last word."""


def _without_chat_edges(fragment: str) -> str:
    """The words given without chat at either end ("no limits thanks!", "lol no limits")."""
    words = fragment.split(" ")

    def chat(word: str) -> bool:
        return word.strip(".,;:!?…").lower() in CHAT_WORDS

    while len(words) > 1 and chat(words[-1]):
        words.pop()
    while len(words) > 1 and chat(words[0]):
        words.pop(0)
    return " ".join(words)


def literal_share(given: str, article: str) -> float:
    """The share of the content words given whose stem the article's words hold as they
    are: no synonym folded, no spelling repaired."""
    mine = _stems(given)
    return len(mine & _stems(article)) / len(mine) if mine else 0.0


def _stems(text: str) -> set[str]:
    return {stem(w) for w in tokenize(normalise(text)) if w not in STOP_WORDS and len(w) > 1}


def _reported_with(item: Indexed) -> str:
    """The quotation and the words around it in its paragraph (`REPORTED_WORDS` before,
    half as many after): the words the article reports it with ("Haines said Putin could
    use a cease-fire ... “buying time ...”"), the speaker's as the article tells it."""
    words = item.context.split()
    quoted = tokenize(normalise(item.document.citation.split(" … ")[0]))[:4]
    if not words or not quoted:
        return item.document.citation
    at = next(
        (i for i in range(len(words)) if words[i : i + len(quoted)] == quoted),
        None,
    )
    if at is None:
        return item.document.citation
    length = len(tokenize(normalise(item.document.citation)))
    start = max(0, at - REPORTED_WORDS)
    end = at + length
    before = _outside_negations(words[start:at])
    after = _outside_negations(words[end : end + REPORTED_WORDS // 2])
    return " ".join([*before, *words[at:end], *after])


NEGATION_SCOPE = 4
"""Words a negation reaches in a reporting stretch, at most (to a clause's end when its
punctuation is there; the paragraph words of an index entry have none)."""


def _outside_negations(words: list[str]) -> list[str]:
    """The words of a reporting stretch outside what it negates: "Cleverly did not mention
    diplomacy, instead ..." reports no diplomacy, so "diplomacy" is no word of his."""
    kept: list[str] = []
    reach = 0  # words the last negation still covers
    for word in words:
        if word.strip(".,;:!?\"“”'’").replace("'", "").replace("’", "") in NEGATIONS:
            reach = NEGATION_SCOPE
            continue
        if reach:
            reach = 0 if word[-1:] in ",.;:!?" else reach - 1
            continue
        kept.append(word)
    return kept


def _misquote(ctx: Context, quote: Document, check: QuoteCheck) -> Answer:
    """The article does not quote the words given: its nearest quotation, cited, and the
    words that differ side by side."""
    pairs = "; ".join(
        messages.QUOTE_CHANGED.format(theirs=article, given=given)
        if given and article
        else messages.QUOTE_ADDED.format(given=given)
        if given
        else messages.QUOTE_DROPPED.format(theirs=article)
        for article, given in check.differences
    )
    speaker = ctx.names(quote.speakers, " and ")
    return Answer(
        answered=False,
        command="who-said",
        text=messages.MISQUOTE.format(speaker=speaker, paragraph=quote.paragraph, pairs=pairs),
        citations=(ctx.citation(quote),),
        suggestions=(ctx.suggestion(quote),),
        matched=(quote.key,),
    )


def quote_score(
    fragment: str, parsed: ParsedQuestion, quote: Indexed, ranker: Ranker, params: Parameters
) -> float:
    """How surely `fragment` is (part of) `quote`: close wording, or the same words."""
    words = quote.words
    document = quote.document
    terms = quote.terms
    parsed = ranker.view(parsed, document.source)  # names other sources define are words
    coverage = ranker.weights(parsed, document.source).share(terms)
    plain = " ".join(tokenize(fragment))
    if len(plain) <= len(words) + 4:
        closeness = fuzz.partial_ratio(plain, words) / 100
    else:
        closeness = fuzz.partial_ratio(plain, quote.context) / 100 * params.quote_context_factor
    if len(plain) < params.quote_short_chars:
        closeness *= params.quote_short_floor + (1 - params.quote_short_floor) * coverage
        if plain not in words:
            closeness *= params.quote_not_contained_factor
    if len(parsed.terms) < 2:
        # One shared word is not the same words.
        coverage *= params.quote_one_word_factor
    if parsed.entities:
        mentioned = set(document.entities) | set(document.speakers)
        if not all(m.ids & mentioned for m in parsed.entities):
            closeness *= params.quote_wrong_entity_factor
            coverage *= params.quote_wrong_entity_coverage
    return max(closeness, coverage * params.quote_coverage_factor)


def _referents(ctx: Context, document: Document) -> frozenset[str]:
    """The words of the names of whom a quotation is about, other than its speakers
    ("putin", "mr", "vladimir"...): a pronoun may be given as one of them."""
    words: set[str] = set()
    for entity_id in set(document.entities) - set(document.speakers):
        entity = ctx.kb.entities.get(entity_id)
        if entity is not None and entity.kind == "person":
            for name in (entity.name, *entity.aliases):
                words.update(tokenize(normalise(name)))
    return frozenset(words)


def _said_share(ctx: Context, parsed: ParsedQuestion, document: Document) -> float:
    """The weighted share of the words given that the article's own words hold (not
    the example questions): words someone said must be in what the article reports."""
    item = ctx.index.get(document.key)
    if item is None:
        return 0.0
    said = item.evidence_terms | set(ctx.analyzer.terms(document.statement, repair=False))
    return ctx.ranker.weights(parsed, document.source).share(said)


def _who_said_text(ctx: Context, quote: Document, template: str | None = None) -> str:
    speaker = ctx.names(quote.speakers, " and ")
    roles = [ctx.kb.entities[s].role for s in quote.speakers if ctx.kb.entities[s].role]
    who = speaker
    if len(quote.speakers) == 1 and roles and roles[0] is not None:
        who = f"{speaker} ({roles[0].text})"
    if template is None:
        template = messages.WHO_SAID_PARTIAL if quote.partial else messages.WHO_SAID
    return template.format(who=who, context=f", {quote.note}" if quote.note else "")


def _strip_quotation(text: str) -> str:
    """The words to check: those inside quotation marks when some are marked ("who called
    it "a positive thing""), else the text without its "who said" frame."""
    marked = [m.strip() for m in _MARKED.findall(text) if len(m.split()) >= 2]
    if marked:
        return " ... ".join(marked)
    text = _FRAME.sub("", text.strip())
    return text.strip(" \"'?!.,:;").strip()
