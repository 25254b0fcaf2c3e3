"""`ask`: a free question, answered through the pipeline.

normalise (`Context.clean`: `bot.text.normalise`, then `bot.matching.noise`) -> read the
intent and route framed questions to their command (`route`) -> find and score candidates
(`Ranker.rank`) -> decide (`bot.matching.decision`, a fitted model) -> check that the best
document holds what is asked (`missing_detail`) -> build the Answer. `explain` (in
`bot.commands.explain`) reports which of these stages decided a question.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot import messages
from bot.answers import Answer
from bot.commands.context import Context, confidence
from bot.commands.overview import summary
from bot.commands.roles import roles_by_source
from bot.matching.decision import decide
from bot.matching.details import (
    ORGANISATION,
    PLACE,
    capitalised_phrases,
    capitalised_words,
    content_unstated,
    count_contradicted,
    forecast_unstated,
    identity_and_modifiers,
    is_time_word,
    names_swapped,
    party_contradicted,
    place_contradicted,
    quantity_missing,
    thing_not_mentioned,
    time_contradicted,
    unspecified_detail,
    without_slot,
)
from bot.matching.documents import Document
from bot.matching.intents import (
    ABOUT,
    HELP,
    QUOTES,
    SOURCES,
    SUMMARY,
    WHO_IS,
    WHO_SAID,
    Intent,
    answer_kind,
    asks_who_does,
    read_intent,
)
from bot.matching.ranker import ParsedQuestion, Scored
from bot.text import normalise, stem, tokenize

_CLAUSES = re.compile(
    r"[.?!;]+\s*|,\s+(?:and|but|so|like)\s+|\s+and\s+(?=if|in|what|who|why|how|is|are|does|do)"
)
_SHORT_SPAN = 80
_WHO_IS_TAIL = re.compile(r",? and (?=what|how|why|where|when|who|is|does|did)")


def ask(ctx: Context, text: str) -> Answer:
    """Answer a free question, routing framed questions to their command."""
    routed = route(ctx, text)
    return routed if isinstance(routed, Answer) else answer_parsed(ctx, routed)


def route(ctx: Context, text: str) -> Answer | ParsedQuestion:
    """Normalise and read the intent: the answer of a question framed for another command
    (or one Envoy declines at once: opinions, forecasts), else the question parsed for
    matching."""
    normalised = ctx.clean_question(text)
    if not normalised.strip(" ?!.,"):
        return ctx.empty("ask")
    raw, text = text, normalised
    intent = read_intent(normalised)
    in_full = normalise(raw)
    if in_full != normalised and not (intent.opinion or intent.forecast):
        # a frame that asks Envoy's own view may be what the noise step set aside as a
        # lead-in ("In your assessment, is China ..."): read the words as given too
        given = read_intent(in_full)
        if given.opinion or given.forecast:
            intent = replace(intent, opinion=given.opinion, forecast=given.forecast)
    if intent.command == HELP:
        return ctx.run("help", "")
    if intent.command == SOURCES:
        return ctx.run("sources", "")
    if intent.command == SUMMARY:
        return summary(ctx)
    if intent.command == WHO_SAID:
        answer = ctx.run("who-said", intent.subject)
        if answer.answered or answer.citations:  # a speaker, or a misquote shown beside
            return answer  # the words the article does quote: what who-said itself says
    if intent.command == QUOTES and ctx.ranker.resolve(intent.subject):
        return ctx.run("quotes", intent.subject)
    if intent.command == WHO_IS:
        identity = _who_is(ctx, intent.subject)
        if identity is not None:
            return identity
    if intent.command == ABOUT and (
        ctx.ranker.resolve(intent.subject) or ctx.ranker.resolve(intent.subject, "topic")
    ):
        return ctx.run("about", intent.subject)
    kind = intent.kind if intent.command not in (WHO_SAID, WHO_IS) else "who"
    who_is = intent.command == WHO_IS and not asks_who_does(intent.subject)
    asked = Intent(
        WHO_IS if who_is else "ask",
        kind,
        subject=intent.subject,
        calendar_date=intent.calendar_date,
        day=intent.day,
        compare=intent.compare,
        responder=intent.responder,
    )
    parsed = ctx.ranker.parse(text, asked, prepared=True)
    if intent.opinion or intent.forecast:
        message = messages.NO_OPINION if intent.opinion else messages.NO_FORECAST
        return ctx.decline("ask", message, ctx.ranker.rank(parsed), parsed)
    if intent.compare:
        compared = _compare(ctx, parsed)
        if compared is not None:
            return compared
    person = _asks_only_a_role(ctx, parsed)
    if person is not None:  # "James Cleverly — title?", "Wang Yi's role?"
        identity = _who_is(ctx, person)
        if identity is not None:
            return identity
    if len(parsed.normalised.split()) > ctx.params.long_question_words:
        parsed = _best_clause(ctx, parsed, asked)
    return replace(
        parsed,
        capitalised=capitalised_words(raw, parsed.normalised),
        capitalised_phrases=capitalised_phrases(raw, parsed.normalised),
        in_full=in_full,
    )


def answer_parsed(ctx: Context, parsed: ParsedQuestion) -> Answer:
    """Score, decide and build the answer of a parsed question."""
    if parsed.is_empty:
        return ctx.decline("ask", messages.CANNOT_FIND, [])
    if not parsed.terms and parsed.intent.kind is None:
        subject = _subject_of(parsed)
        if subject is not None:
            return ctx.run("about", subject)
    ranked = ctx.ranker.rank(parsed, limit=None)  # every candidate: the decision reads the
    decision = decide(parsed, ranked, ctx.ranker, ctx.model)  # best source's runner-up
    if not decision.answer:
        corrected = _corrected_claim(ctx, parsed, ranked)
        if corrected is not None:
            return corrected
        return ctx.decline("ask", _decline_text(ctx, parsed), ranked, parsed)
    missing = missing_detail(ctx, ctx.ranker.view(parsed, ranked[0].document.source), ranked[0])
    if missing is not None:
        return ctx.decline("ask", missing, ranked, parsed)
    best = ranked[0]
    answer = _cited_answer(ctx, best, ranked)
    contradicted = _contradicted_slot(ctx, parsed, best.document)
    if contradicted is not None:  # "in January, correct?" met by "in March"
        asked, given = contradicted
        prefix = messages.TIME_CONTRADICTED.format(asked=asked, given=given)
        answer = replace(answer, text=f"{prefix} {answer.text}")
    return replace(answer, confidence=confidence(decision.probability))


def _contradicted_slot(
    ctx: Context, parsed: ParsedQuestion, document: Document
) -> tuple[str, str] | None:
    """The time or place the question gives beside the one the document's words give
    instead ("January" and "March", "Geneva" and "Vienna"), or None."""
    found = (
        time_contradicted(parsed.normalised, document.citation)
        or count_contradicted(parsed.normalised, document.citation)
        or party_contradicted(parsed.normalised, document.citation)
    )
    if found is not None:
        return found
    stems = ctx.source_stems(document.source)
    written = (*parsed.capitalised, *(u for u in parsed.unknown if u.isalpha()))
    strangers = [w for w in dict.fromkeys(written) if stem(w) not in stems and not is_time_word(w)]
    names = ctx.place_names(document)
    # Names beside a noun where the document's words put other places beside it ("French
    # and German counterparts" against "counterparts from Britain and Spain"), all of
    # them; else one place given where the document gives another ("met in Geneva").
    # Names of whom the document speaks ("Hui" of Li Hui) are no other names.
    in_question = {stem(w) for w in tokenize(parsed.normalised)}
    asked = [
        w
        for w in (*strangers, *names.others)
        if (key := stem(w.casefold())) in in_question and key not in names.own_words
    ]
    if asked:
        swapped = names_swapped(parsed.normalised, document.citation, asked, names.own)
        if swapped is not None:
            return swapped
    return place_contradicted(parsed.normalised, document.citation, strangers, names.own)


def _corrected_claim(ctx: Context, parsed: ParsedQuestion, ranked: list[Scored]) -> Answer | None:
    """A question that gives a time or place the best candidates' words give otherwise
    ("met in Geneva?" against "met ... in Vienna"), asked again without it: when that
    question is answered by the same document, the answer, prefixed with the
    correction."""
    for scored in ranked[: ctx.params.slot_candidates]:
        slot = _contradicted_slot(ctx, parsed, scored.document)
        if slot is None:
            continue
        asked = ctx.ranker.parse(
            without_slot(parsed.normalised, slot[0]), parsed.intent, prepared=True
        )
        asked = replace(
            asked,
            capitalised=tuple(w for w in parsed.capitalised if w not in slot[0].casefold().split()),
            in_full=parsed.in_full,
        )
        again = ctx.ranker.rank(asked, limit=None)
        if not again or again[0].document.key != scored.document.key:
            continue
        if not decide(asked, again, ctx.ranker, ctx.model).answer:
            continue
        view = ctx.ranker.view(asked, scored.document.source)
        if missing_detail(ctx, view, again[0]) is not None:
            continue
        answer = _cited_answer(ctx, again[0], again)
        prefix = messages.TIME_CONTRADICTED.format(asked=slot[0], given=slot[1])
        return replace(answer, text=f"{prefix} {answer.text}")
    return None


def missing_detail(ctx: Context, parsed: ParsedQuestion, best: Scored) -> str | None:
    """Why the best document, though it matches, does not hold what the question asks
    (a decline's text), or None: a who-is description it does not give, a response by
    someone else, words of someone who does not speak in it, names, a number, a detail or
    a calendar date it leaves out."""
    document = best.document
    if parsed.intent.command == WHO_IS and not _names_the_subject(ctx, parsed, best):
        return _decline_text(ctx, parsed)
    if parsed.intent.responder and not _responds(ctx, parsed.intent.responder, document):
        return _decline_text(ctx, parsed)
    if parsed.people and not best.speaker_met:
        return _decline_text(ctx, parsed)  # "what did Biden say": Biden does not speak here
    stranger = _name_not_in_source(ctx, parsed, document)
    if stranger is not None:
        return messages.NAME_NOT_MENTIONED.format(name=stranger)
    unnamed = _unnamed(ctx, parsed, document)
    if unnamed is not None:
        return messages.NOT_NAMED.format(span=unnamed)
    asked = parsed.in_full or parsed.normalised  # "exact number pls" is no chatter here
    if quantity_missing(asked, document.citation):
        return messages.NO_QUANTITY
    vague = unspecified_detail(asked, document.citation)
    if vague is not None:
        return messages.NOT_SPECIFIED.format(span=vague)
    if forecast_unstated(parsed.normalised, document.citation):
        return messages.NO_FORECAST
    if content_unstated(parsed.normalised, document.citation):
        return messages.NOT_SPECIFIED.format(span=document.citation.rstrip("."))
    thing = thing_not_mentioned(parsed.normalised, f"{document.citation} {document.statement}")
    if thing is not None:
        return messages.NOT_MENTIONED.format(thing=thing)
    if parsed.intent.calendar_date and not document.has_calendar_date:
        time = next(iter(document.times), None)
        return messages.NO_CALENDAR_DATE.format(time=time) if time else messages.NO_DATE_AT_ALL
    if parsed.intent.day and not document.has_day:
        time = next(iter(document.times), None)
        return messages.NO_DAY.format(time=time) if time else messages.NO_DAY_AT_ALL
    return None


def _name_not_in_source(ctx: Context, parsed: ParsedQuestion, document: Document) -> str | None:
    """A name the asker wrote (with a capital: "the Senate", "the Pentagon") that the
    best document's article never uses, that no entity answers to and that is no word
    the knowledge knows: the question asks after something the article does not mention."""
    words = ctx.source_stems(document.source)
    for word in parsed.capitalised:
        if stem(word) in words or ctx.analyzer.is_known_word(word) or is_time_word(word):
            continue  # a time the article does not give is for the time checks
        if word in parsed.named_words:
            continue  # part of a name, misspelt ("Qin Gnag")
        if ctx.ranker.resolve(word, strict=False):
            continue
        return word.capitalize()
    return _phrase_not_in_source(ctx, parsed, document)


def _phrase_not_in_source(ctx: Context, parsed: ParsedQuestion, document: Document) -> str | None:
    """A name of several words the asker wrote with capitals ("the Senate Intelligence
    Committee") that the article never writes as one, though it may use each word, and
    that is no part of a name Envoy knows: the question gives a detail the article does
    not ("testified to the Senate Intelligence Committee" against "in congressional
    testimony")."""
    text = " ".join(re.findall(r"[a-z0-9]+", ctx.source_text(document.source)))
    for phrase in parsed.capitalised_phrases:
        words = phrase.split()
        if set(words) & parsed.named_words or any(is_time_word(w) for w in words):
            continue
        if re.search(rf"\b{re.escape(phrase)}\b", text) or ctx.ranker.resolve(phrase, strict=False):
            continue
        return " ".join(w.capitalize() for w in words)
    return None


def _responds(ctx: Context, responder: str, document: Document) -> bool:
    """ "How did Qin respond to Baerbock?" needs a document where Qin speaks or acts, not
    one where Baerbock speaks to him."""
    ids = set(ctx.ranker.resolve(responder, strict=False))
    return not ids or bool(ids & (set(document.speakers) | document.primary))


_ASKS_SPEAKER = re.compile(r"\b(?:that|who)\s+(?:said|says|told|warned|argued|claimed|stated)\b")
"""The one asked for is who spoke: "the official who said ...", "which leaders that warned"."""


def _unnamed(ctx: Context, parsed: ParsedQuestion, document: Document) -> str | None:
    """When the question asks which people or places by name, and the document names none
    it does not already hold, the words the document has for them (else None).

    A group answers "which officials ..." ("U.S. officials"), but not a question that
    names the group itself ("which European officials ..."): that asks who within it."""
    # read in full: "... mobilization? name pls" asks a name after the question
    identity = identity_and_modifiers(parsed.in_full or parsed.normalised)
    if identity is None:
        return None
    wanted, noun, modifiers = identity
    asked = {i for m in parsed.entities for i in m.ids}
    kinds = ctx.kb.entities
    # "which senior administration officials ...": the words before the noun name a group
    # of the document ("senior-level administration officials"), so it asks who within it
    described = set(ctx.analyzer.terms(modifiers, repair=False))
    if described and described <= set(ctx.analyzer.terms(document.citation, repair=False)):
        asked |= {e for e in document.entities if e in kinds and kinds[e].kind == "group"}
    noun_terms = set(ctx.analyzer.terms(noun, repair=False))
    for mention, words in zip(parsed.entities, parsed.mention_terms, strict=True):
        if (
            noun_terms
            and noun_terms <= words
            and any(kinds[i].kind == "person" for i in mention.ids)
        ):
            return None  # "which German official ...": the words asked already find a person
    named_group = any(kinds[i].kind == "group" for i in asked)
    if wanted == PLACE:
        fits = {"country", "place", "organisation"}
    elif wanted == ORGANISATION:
        fits = {"organisation"}
    else:
        fits = {"person"} if named_group else {"person", "group"}
    around = asked | {r for i in asked for r in kinds[i].related}  # Biden, for his aides
    # who is asked for is whoever speaks in the document, when someone does ("the official
    # who said Russia could ..." is its speaker, not the Russian leader it speaks of)
    asks_speaker = noun and _ASKS_SPEAKER.search(parsed.normalised) is not None
    pool = set(document.speakers if asks_speaker and document.speakers else document.entities)
    if any(e in kinds and kinds[e].kind in fits for e in pool - around):
        return None
    groups = [kinds[i] for i in sorted(asked) if kinds[i].kind == "group"]
    spans = [
        alias
        for group in groups
        for alias in (group.name, *group.aliases)
        if alias.casefold() in document.citation.casefold()
    ]
    if spans:
        return spans[0]
    # the article's own words for them: the noun asked and up to three words before it
    said = re.search(
        r"(?:[\w.’'-]+\s+){0,3}" + re.escape(noun.rstrip("s")) + r"\w*", document.citation
    )
    return said.group(0) if noun and said else document.citation[:_SHORT_SPAN]


def _cited_answer(ctx: Context, best: Scored, ranked: list[Scored]) -> Answer:
    """The best document's answer, citing beside it those that score as well elsewhere."""
    where = (best.document.source, best.document.paragraph)
    also = [
        s.document
        for s in ranked[1:]
        if s.score >= best.score - ctx.params.tie
        and s.entity_share == 1.0
        and (s.document.source, s.document.paragraph) != where
    ][: ctx.params.more_citations]
    answer = ctx.document_answer("ask", best)
    text = answer.text
    other_sources = [d for d in also if d.source != best.document.source]
    if other_sources:  # the sources may differ: show each, named
        text = " ".join(
            f"{ctx.kb.source_title(d.source)}: {d.statement}"
            for d in [best.document, *other_sources]
        )
    return replace(
        answer,
        text=text,
        citations=answer.citations + tuple(ctx.citation(d) for d in also),
        matched=answer.matched + tuple(d.key for d in also),
    )


def _best_clause(ctx: Context, parsed: ParsedQuestion, intent: Intent) -> ParsedQuestion:
    """In a long, rambling question, the clause that asks something answerable."""
    best = parsed
    ranked = ctx.ranker.rank(parsed, limit=1)
    best_score = ranked[0].score if ranked else 0.0
    for clause in _CLAUSES.split(parsed.normalised):
        if len(clause.split()) < 4 or clause == parsed.normalised:
            continue
        candidate = ctx.ranker.parse(clause, replace(intent, kind=answer_kind(clause)))
        found = ctx.ranker.rank(candidate, limit=1)
        if found and found[0].score > best_score:
            best, best_score = candidate, found[0].score
    return best


def _compare(ctx: Context, parsed: ParsedQuestion) -> Answer | None:
    """How two people's positions compare: each one's best-matching statement, cited."""
    people = [
        m
        for m in parsed.entities
        if any(ctx.kb.entities[i].kind in ("person", "group") for i in m.ids)
    ][:2]
    if len(people) < 2:
        return None
    floor = ctx.params.compare_score
    chosen: list[Document] = []
    for mention, other in ((people[0], people[1]), (people[1], people[0])):
        kept = [
            (m, words)
            for m, words in zip(parsed.entities, parsed.mention_terms, strict=True)
            if m is mention or m not in people
        ]
        alone = replace(
            parsed,
            entities=tuple(m for m, _ in kept),
            mention_terms=tuple(w for _, w in kept),
            people=frozenset(),
        )
        mine = [
            s
            for s in ctx.ranker.rank(alone, limit=12)
            if mention.ids & (s.document.primary | set(s.document.speakers))
            and s.document not in chosen
            and s.score >= floor
        ]
        # Prefer what the article says of one in the light of the other.
        bonus = ctx.params.compare_other_bonus
        mine.sort(
            key=lambda s: s.score + bonus * bool(other.ids & s.document.entities), reverse=True
        )
        if mine:
            chosen.append(mine[0].document)
    if len(chosen) < 2:
        return None
    return Answer(
        answered=True,
        command="ask",
        text=" ".join(d.statement for d in chosen),
        citations=tuple(ctx.citation(d) for d in chosen),
        confidence=confidence(floor),
        matched=tuple(d.key for d in chosen),
    )


def _names_the_subject(ctx: Context, parsed: ParsedQuestion, best: Scored) -> bool:
    """ "Who is the Spanish foreign minister?" is answered only by words of the article
    that describe exactly that, not by an example question that mentions it."""
    subject_terms = set(ctx.analyzer.terms(parsed.intent.subject))
    for words in parsed.mention_terms:
        subject_terms -= words
    item = ctx.index.get(best.document.key)
    if item is None:
        return False
    text_terms = set(ctx.analyzer.terms(best.document.statement, repair=False))
    return subject_terms <= (item.evidence_terms | text_terms)


def _who_is(ctx: Context, subject: str) -> Answer | None:
    subject = _WHO_IS_TAIL.split(subject)[0]
    ids = ctx.ranker.resolve(subject)
    if not ids:
        return None
    entity = ctx.kb.entities[ids[0]]
    by_source = roles_by_source(ctx, entity.id)
    if by_source is not None:
        return Answer(
            answered=True,
            command="ask",
            text=by_source.text,
            citations=by_source.citations,
            confidence=0.95,
            matched=(f"entity:{entity.id}", *by_source.keys),
        )
    document = ctx.document(f"role:{entity.id}")
    if document is None:
        return ctx.run("about", subject)
    return ctx.answer_from(
        "ask", document, confidence=0.95, speaker=None, matched=(f"entity:{entity.id}",)
    )


_ROLE_ASKED = frozenset(
    {"role", "titl", "post", "position", "job", "office", "affiliation", "affiliat"}
)
"""Stems of the nouns that ask what a person's role is ("Polyakova's affiliation?")."""
_ROLE_HELD = frozenset({"retain", "have", "serv"})
"""Stems of the verbs a role question may hold it with ("what post does she hold")."""
_ROLE_QUALIFIERS = frozenset({"current", "actual", "formal"})
"""Stems of the words that qualify the role asked ("Li Hui's current role") and ask
nothing more (a closed class). Not "official", which after a possessive names another
person ("Biden's official")."""


def _asks_only_a_role(ctx: Context, parsed: ParsedQuestion) -> str | None:
    """The person a question asks the role of when it names one person and asks nothing
    but a role, however terse ("James Cleverly — title?", "Wang Yi's role?",
    "Annalena Baerbock: what post does she hold?"): that person's name."""
    if len(parsed.entities) != 1 or parsed.topics or parsed.intent.kind not in (None, "who"):
        return None
    ids = parsed.entities[0].ids
    if len(ids) != 1 or ctx.kb.entities[next(iter(ids))].kind != "person":
        return None
    terms = set(parsed.terms)
    if not terms & _ROLE_ASKED or not terms <= _ROLE_ASKED | _ROLE_HELD | _ROLE_QUALIFIERS:
        return None
    return ctx.kb.entities[next(iter(ids))].name


def _subject_of(parsed: ParsedQuestion) -> str | None:
    for mention in (*parsed.entities, *parsed.topics):
        kind = "entity" if mention in parsed.entities else "topic"
        return f"{kind}:" + sorted(mention.ids)[0]
    return None


def _decline_text(ctx: Context, parsed: ParsedQuestion) -> str:
    people = [
        ctx.kb.entities[i]
        for m in parsed.entities
        for i in sorted(m.ids)
        if ctx.kb.entities[i].kind == "person"
    ]
    if len(people) == 1 and "say" in parsed.terms:
        return messages.CANNOT_FIND_WHAT_SAID.format(name=people[0].name)
    return messages.CANNOT_FIND
