"""The command registry: what each command does, decided once for every adapter.

`COMMANDS` describes the commands (name, one-line summary, the option a user fills in);
adapters build their slash commands and help from it. `Answerer` carries them out
against one knowledge base and returns an `Answer`; free text sent to `ask` is routed
to the command its wording asks for ("who said ...", "quotes by ...").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from rapidfuzz import fuzz

from bot import messages
from bot.answers import Answer, Citation
from bot.knowledge import KnowledgeBase
from bot.knowledge.model import QUOTE_SEPARATOR
from bot.matching.analyzer import Analyzer
from bot.matching.details import unspecified_detail
from bot.matching.documents import FACT, QUOTE, ROLE, Document, build_documents
from bot.matching.index import (
    DocumentIndex,
    Indexed,
    entity_token,
    memory_index,
    related_token,
    topic_token,
)
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
from bot.matching.ranker import ParsedQuestion, Ranker, Scored
from bot.text import normalise, tokenize


@dataclass(frozen=True, slots=True)
class Command:
    """One command as every door shows it."""

    name: str
    summary: str
    usage: str
    option: str | None = None
    option_summary: str | None = None
    completes: str | None = None  # "person" or "subject": what autocompletion offers


COMMANDS: tuple[Command, ...] = (
    Command(
        "ask",
        "Ask a question about the sources",
        "ask <question>",
        "question",
        "Your question, e.g. what did Blinken say about China?",
    ),
    Command(
        "who-said",
        "Find who said a quotation, with its context",
        "who-said <quote>",
        "quote",
        "A few words of the quotation, as you remember them",
    ),
    Command(
        "quotes",
        "List everything a person is quoted saying",
        "quotes <person>",
        "person",
        "A name, surname or role, e.g. the German foreign minister",
        completes="person",
    ),
    Command(
        "about",
        "What the sources say about a person, place or topic",
        "about <subject>",
        "subject",
        "A person, organisation, place or topic",
        completes="subject",
    ),
    Command("sources", "What Envoy knows and where it comes from", "sources"),
    Command("help", "How to use Envoy", "help"),
)
COMMAND_NAMES = tuple(c.name for c in COMMANDS)
EXAMPLE_QUESTIONS = (
    "What did Blinken say about China?",
    "Who said “neutrality means taking the side of the aggressor”?",
    "When did Xi Jinping visit Moscow?",
    "Who is the director of national intelligence?",
)

ACCEPT_SCORE = 0.65
"""A document scoring below this does not answer the question, unless it stands out:"""
LENIENT_SCORE = 0.55
LENIENT_MARGIN = 0.05
_QUOTE_ACCEPT = 0.72
_SUGGESTIONS = 3
_LONG_QUESTION = 22
"""Questions longer than this many words are also tried clause by clause."""
_CLAUSES = re.compile(
    r"[.?!;]+\s*|,\s+(?:and|but|so|like)\s+|\s+and\s+(?=if|in|what|who|why|how|is|are|does|do)"
)
_COMPARE_SCORE = 0.5
_ALL_QUOTES = 2000
"""Up to this many quotations, who-said compares them all; beyond, only candidates."""
_LIST_LIMIT = 500
_FACT_KIND = frozenset({FACT})
_QUOTE_KIND = frozenset({QUOTE})
_FACT_OR_QUOTE = frozenset({FACT, QUOTE})
_TIE = 0.03
"""Documents scoring this close to the best are cited beside it."""
_MORE_CITATIONS = 2
_ABOUT_FACTS = 6
_ABOUT_QUOTES = 4
_RELATIVE_TIME = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|week|month|summer|"
    r"recently|now)\b",
    re.IGNORECASE,
)


def command(name: str) -> Command | None:
    """The registered command called `name`, or None."""
    return next((c for c in COMMANDS if c.name == name), None)


class Answerer:
    """Carries out the commands against one knowledge base. Pure and deterministic."""

    def __init__(
        self,
        kb: KnowledgeBase,
        *,
        index: DocumentIndex | None = None,
        analyzer: Analyzer | None = None,
    ) -> None:
        """Answer from `kb`; its facts and quotes come from `index` when one is given (a
        database index), else from an index built here in memory."""
        self.kb = kb
        self.analyzer = analyzer or Analyzer(kb.synonyms)
        self.index = index or memory_index(kb, self.analyzer, build_documents(kb))
        self.ranker = Ranker(kb, self.index, self.analyzer)
        self._handlers: dict[str, Callable[[str], Answer]] = {
            "ask": self.ask,
            "who-said": self.who_said,
            "quotes": self.quotes,
            "about": self.about,
            "sources": lambda _text: self.sources(),
            "help": lambda _text: self.help(),
        }

    @functools.cached_property
    def _all_quotes(self) -> list[Indexed] | None:
        """Every quotation, when there are few enough to compare a fragment with each."""
        return self.index.all_of_kind(QUOTE, _ALL_QUOTES)

    @functools.cached_property
    def _quoted(self) -> frozenset[str]:
        """Entities the article quotes (known when the quotations are few)."""
        return frozenset(
            s for q in self._all_quotes or [] for s in q.document.speakers if s in self.kb.entities
        )

    def answer(self, command_name: str, text: str) -> Answer:
        """Run `command_name` on `text`. Unknown commands get a short explanation."""
        handler = self._handlers.get(command_name)
        if handler is None:
            return Answer(
                answered=False,
                command=command_name,
                text=messages.UNKNOWN_COMMAND.format(
                    command=command_name[:40], commands=", ".join(COMMAND_NAMES)
                ),
            )
        return messages.reworded_for(handler(text), len(self.kb.sources))

    # -- ask ---------------------------------------------------------------------

    def ask(self, text: str) -> Answer:
        """Answer a free question, routing framed questions to their command."""
        normalised = normalise(text)
        if not normalised.strip(" ?!.,"):
            return self._empty("ask")
        intent = read_intent(normalised)
        if intent.command == HELP:
            return self.help()
        if intent.command == SOURCES:
            return self.sources()
        if intent.command == SUMMARY:
            return self.summary()
        if intent.command == WHO_SAID:
            answer = self.who_said(intent.subject)
            if answer.answered:
                return answer
        if intent.command == QUOTES and self.ranker.resolve(intent.subject):
            return self.quotes(intent.subject)
        if intent.command == WHO_IS:
            identity = self._who_is(intent.subject)
            if identity is not None:
                return identity
        if intent.command == ABOUT and (
            self.ranker.resolve(intent.subject) or self.ranker.resolve(intent.subject, "topic")
        ):
            return self.about(intent.subject)
        kind = intent.kind if intent.command not in (WHO_SAID, WHO_IS) else "who"
        who_is = intent.command == WHO_IS and not asks_who_does(intent.subject)
        asked = Intent(
            WHO_IS if who_is else "ask",
            kind,
            subject=intent.subject,
            calendar_date=intent.calendar_date,
            compare=intent.compare,
        )
        parsed = self.ranker.parse(text, asked)
        if intent.opinion or intent.forecast:
            message = messages.NO_OPINION if intent.opinion else messages.NO_FORECAST
            return self._decline("ask", message, self.ranker.rank(parsed), parsed)
        if intent.compare:
            compared = self._compare(parsed)
            if compared is not None:
                return compared
        if len(parsed.normalised.split()) > _LONG_QUESTION:
            parsed = self._best_clause(parsed, asked)
        return self._answer_parsed(parsed)

    def _best_clause(self, parsed: ParsedQuestion, intent: Intent) -> ParsedQuestion:
        """In a long, rambling question, the clause that asks something answerable."""
        best = parsed
        ranked = self.ranker.rank(parsed, limit=1)
        best_score = ranked[0].score if ranked else 0.0
        for clause in _CLAUSES.split(parsed.normalised):
            if len(clause.split()) < 4 or clause == parsed.normalised:
                continue
            candidate = self.ranker.parse(clause, replace(intent, kind=answer_kind(clause)))
            found = self.ranker.rank(candidate, limit=1)
            if found and found[0].score > best_score:
                best, best_score = candidate, found[0].score
        return best

    def _compare(self, parsed: ParsedQuestion) -> Answer | None:
        """How two people's positions compare: each one's best-matching statement, cited."""
        people = [
            m
            for m in parsed.entities
            if any(self.kb.entities[i].kind in ("person", "group") for i in m.ids)
        ][:2]
        if len(people) < 2:
            return None
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
                for s in self.ranker.rank(alone, limit=12)
                if mention.ids & (s.document.primary | set(s.document.speakers))
                and s.document not in chosen
                and s.score >= _COMPARE_SCORE
            ]
            # Prefer what the article says of one in the light of the other.
            mine.sort(
                key=lambda s: s.score + 0.2 * bool(other.ids & s.document.entities), reverse=True
            )
            if mine:
                chosen.append(mine[0].document)
        if len(chosen) < 2:
            return None
        return Answer(
            answered=True,
            command="ask",
            text=" ".join(d.statement for d in chosen),
            citations=tuple(self._citation(d) for d in chosen),
            confidence=_COMPARE_SCORE,
            matched=tuple(d.key for d in chosen),
        )

    def _answer_parsed(self, parsed: ParsedQuestion) -> Answer:
        if parsed.is_empty:
            return self._decline("ask", messages.CANNOT_FIND, [])
        if not parsed.terms and parsed.intent.kind is None:
            subject = self._subject_of(parsed)
            if subject is not None:
                return self.about(subject)
        ranked = self.ranker.rank(parsed)
        if not ranked or not self._accepts(parsed, ranked):
            return self._decline("ask", self._decline_text(parsed), ranked, parsed)
        best = ranked[0]
        if parsed.intent.command == WHO_IS and not self._names_the_subject(parsed, best):
            return self._decline("ask", self._decline_text(parsed), ranked, parsed)
        vague = unspecified_detail(parsed.normalised, best.document.citation)
        if vague is not None:
            return self._decline("ask", messages.NOT_SPECIFIED.format(span=vague), ranked, parsed)
        if parsed.intent.calendar_date and not best.document.has_absolute_date:
            time = next((t for t in best.document.times if _RELATIVE_TIME.search(t)), None)
            if time:
                return self._decline(
                    "ask", messages.NO_CALENDAR_DATE.format(time=time), ranked, parsed
                )
        where = (best.document.source, best.document.paragraph)
        also = [
            s.document
            for s in ranked[1:]
            if s.score >= best.score - _TIE
            and s.entity_share == 1.0
            and (s.document.source, s.document.paragraph) != where
        ][:_MORE_CITATIONS]
        answer = self._document_answer("ask", best)
        text = answer.text
        other_sources = [d for d in also if d.source != best.document.source]
        if other_sources:  # the sources may differ: show each, named
            text = " ".join(
                f"{self.kb.source_title(d.source)}: {d.statement}"
                for d in [best.document, *other_sources]
            )
        return replace(
            answer,
            text=text,
            citations=answer.citations + tuple(self._citation(d) for d in also),
            matched=answer.matched + tuple(d.key for d in also),
        )

    def _names_the_subject(self, parsed: ParsedQuestion, best: Scored) -> bool:
        """ "Who is the Spanish foreign minister?" is answered only by words of the article
        that describe exactly that, not by an example question that mentions it."""
        subject_terms = set(self.analyzer.terms(parsed.intent.subject))
        for words in parsed.mention_terms:
            subject_terms -= words
        item = self.index.get(best.document.key)
        if item is None:
            return False
        text_terms = set(self.analyzer.terms(best.document.statement, repair=False))
        return subject_terms <= (item.evidence_terms | text_terms)

    @staticmethod
    def _accepts(parsed: ParsedQuestion, ranked: Sequence[Scored]) -> bool:
        """Whether the best document answers: a clear score, or a fair one that stands out
        when every word of the question is one the article uses and every name fits."""
        best = ranked[0]
        if best.score >= ACCEPT_SCORE:
            return True
        runner_up = ranked[1].score if len(ranked) > 1 else 0.0
        return (
            best.score >= LENIENT_SCORE
            and not parsed.unknown
            and best.entity_share == 1.0
            and best.score - runner_up >= LENIENT_MARGIN
        )

    def _who_is(self, subject: str) -> Answer | None:
        subject = re.split(r",? and (?=what|how|why|where|when|who|is|does|did)", subject)[0]
        ids = self.ranker.resolve(subject)
        if not ids:
            return None
        entity = self.kb.entities[ids[0]]
        document = self._document(f"role:{entity.id}")
        if document is None:
            return self.about(subject)
        return self._answer_from(
            "ask", document, confidence=0.95, speaker=None, matched=(f"entity:{entity.id}",)
        )

    def _subject_of(self, parsed: ParsedQuestion) -> str | None:
        for mention in (*parsed.entities, *parsed.topics):
            kind = "entity" if mention in parsed.entities else "topic"
            prefix = f"{kind}:"
            return prefix + sorted(mention.ids)[0]
        return None

    def _decline_text(self, parsed: ParsedQuestion) -> str:
        people = [
            self.kb.entities[i]
            for m in parsed.entities
            for i in sorted(m.ids)
            if self.kb.entities[i].kind == "person"
        ]
        if len(people) == 1 and "say" in parsed.terms:
            return messages.CANNOT_FIND_WHAT_SAID.format(name=people[0].name)
        return messages.CANNOT_FIND

    # -- who-said ----------------------------------------------------------------

    def who_said(self, text: str) -> Answer:
        """Who said a quotation: speaker, full quote, context and citation."""
        fragment = _strip_quotation(normalise(text))
        if len(fragment) < 3:
            return self._empty("who-said")
        parsed = self.ranker.parse(fragment, Intent(WHO_SAID, "who"))
        pool = self._all_quotes
        if pool is None:
            names = [related_token(i) for m in parsed.entities for i in m.ids]
            pool = self.index.candidates(parsed.terms, names, kinds=frozenset({QUOTE}))
        scored = sorted(
            ((self._quote_score(fragment, parsed, item), item) for item in pool),
            key=lambda pair: (pair[0], -pair[1].position),
            reverse=True,
        )
        if scored and scored[0][0] >= _QUOTE_ACCEPT:
            score, best_quote = scored[0]
            document = best_quote.document
            return self._answer_from(
                "who-said",
                document,
                confidence=score,
                speaker=self._names(document.speakers, " and "),
                text=self._who_said_text(document),
            )
        attributed = [
            s
            for s in self.ranker.rank(parsed, kinds=(FACT,), limit=5)
            if s.document.speakers
            and s.entity_share == 1.0
            and s.score >= ACCEPT_SCORE
            and len(parsed.terms) >= 2
            and self._said_share(parsed, s.document) >= 0.75
        ]
        if attributed:
            best = attributed[0]
            speaker = ", ".join(self.kb.entities[e].name for e in best.document.speakers)
            return self._document_answer("who-said", best, speaker=speaker)
        nearest = [item.document for s, item in scored[:_SUGGESTIONS] if s > 0.3]
        return Answer(
            answered=False,
            command="who-said",
            text=messages.CANNOT_FIND_QUOTE,
            suggestions=tuple(self._suggestion(d) for d in nearest),
        )

    def _said_share(self, parsed: ParsedQuestion, document: Document) -> float:
        """The weighted share of the words given that the article's own words hold (not
        the example questions): words someone said must be in what the article reports."""
        item = self.index.get(document.key)
        total = sum(parsed.weights)
        if item is None or not total:
            return 0.0
        said = item.evidence_terms | set(self.analyzer.terms(document.statement, repair=False))
        weights = zip(parsed.terms, parsed.weights, strict=True)
        return sum(w for t, w in weights if t in said) / total

    @staticmethod
    def _quote_score(fragment: str, parsed: ParsedQuestion, quote: Indexed) -> float:
        """How surely `fragment` is (part of) `quote`: close wording, or the same words."""
        words = quote.words
        document = quote.document
        terms = quote.terms
        total = sum(parsed.weights)
        coverage = (
            sum(w for t, w in zip(parsed.terms, parsed.weights, strict=True) if t in terms) / total
            if total
            else 0.0
        )
        plain = " ".join(tokenize(fragment))
        if len(plain) <= len(words) + 4:
            closeness = fuzz.partial_ratio(plain, words) / 100
        else:
            closeness = fuzz.partial_ratio(plain, quote.context) / 100 * 0.95
        if len(plain) < 15:
            closeness *= 0.6 + 0.4 * coverage
            if plain not in words:
                closeness *= 0.8
        if len(parsed.terms) < 2:
            # One shared word is not the same words.
            coverage *= 0.7
        if parsed.entities:
            mentioned = set(document.entities) | set(document.speakers)
            if not all(m.ids & mentioned for m in parsed.entities):
                closeness *= 0.8
                coverage *= 0.7
        return max(closeness, coverage * 0.95)

    def _who_said_text(self, quote: Document) -> str:
        speaker = self._names(quote.speakers, " and ")
        roles = [self.kb.entities[s].role for s in quote.speakers if self.kb.entities[s].role]
        who = speaker
        if len(quote.speakers) == 1 and roles and roles[0] is not None:
            who = f"{speaker} ({roles[0].text})"
        template = messages.WHO_SAID_PARTIAL if quote.partial else messages.WHO_SAID
        return template.format(who=who, context=f", {quote.note}" if quote.note else "")

    def _names(self, entity_ids: Iterable[str], last: str = ", ") -> str:
        names = [self.kb.entities[e].name for e in entity_ids]
        if len(names) <= 2:
            return last.join(names)
        return ", ".join(names[:-1]) + last + names[-1]

    # -- quotes ------------------------------------------------------------------

    def quotes(self, text: str) -> Answer:
        """Every quotation of one person, by name, alias or role."""
        subject = normalise(text).strip(" ?.!")
        if not subject:
            return self._empty("quotes")
        ids = self.ranker.resolve(subject)
        if not ids:
            return self._unknown_subject("quotes", subject)
        quotes = [
            item.document
            for entity_id in ids
            for item in self.index.spoken_by(entity_id, _QUOTE_KIND, _LIST_LIMIT)
        ]
        entity = self.kb.entities[ids[0]]
        if not quotes:
            related = self._statements_of(entity.id)
            return Answer(
                answered=False,
                command="quotes",
                text=messages.NO_DIRECT_QUOTES.format(name=entity.name),
                suggestions=tuple(
                    dict.fromkeys(
                        [
                            *[self._suggestion(d) for d in related][: _SUGGESTIONS - 1],
                            f"Tell me about {entity.name}",
                        ]
                    )
                ),
                matched=(f"entity:{entity.id}",),
            )
        unique = list({q.key: q for q in quotes}.values())
        citations = tuple(self._citation(q) for q in unique)
        count = len(unique)
        return Answer(
            answered=True,
            command="quotes",
            text=messages.QUOTES_HEADER.format(
                name=entity.name, count=count, plural="s" if count != 1 else ""
            ),
            citations=citations,
            speaker=entity.name,
            confidence=0.95,
            matched=(f"entity:{entity.id}", *(q.key for q in unique)),
        )

    # -- about -------------------------------------------------------------------

    def about(self, text: str) -> Answer:
        """What the article says about a person, organisation, place or topic."""
        subject = normalise(text).strip(" ?.!")
        if not subject:
            return self._empty("about")
        if subject.startswith("topic:") and subject[6:] in self.kb.topics:
            return self._about_topic(subject[6:])
        if subject.startswith("entity:") and subject[7:] in self.kb.entities:
            return self._about_entity(subject[7:])
        entity_ids = self.ranker.resolve(subject)
        if entity_ids:
            return self._about_entity(entity_ids[0])
        topic_ids = self.ranker.resolve(subject, "topic")
        if topic_ids:
            return self._about_topic(topic_ids[0])
        # Not a name alone ("the CEPA think tank", "Blinken's meeting with Cleverly"): ask it.
        asked = self.ask(subject)
        if asked.answered:
            return replace(asked, command="about")
        parsed = self.ranker.parse(subject)
        loose = self.ranker.resolve(subject, strict=False)
        if loose and not parsed.unknown and len(parsed.terms) <= 3:
            return self._about_entity(loose[0])  # a name with a few known words around it
        return self._unknown_subject("about", subject)

    def _about_entity(self, entity_id: str) -> Answer:
        entity = self.kb.entities[entity_id]
        docs: list[Document] = []
        role = self._document(f"role:{entity_id}")
        if role is not None:
            docs.append(role)
        tagged = self.index.tagged(entity_token(entity_id), _FACT_KIND, _LIST_LIMIT)
        facts = sorted(
            (i.document for i in tagged), key=lambda d: (entity_id not in d.primary, d.paragraph)
        )
        docs.extend(sorted(facts[:_ABOUT_FACTS], key=lambda d: d.paragraph))
        quotes = self.index.spoken_by(entity_id, _QUOTE_KIND, _ABOUT_QUOTES)
        docs.extend(i.document for i in quotes)
        if not docs:
            return self._unknown_subject("about", entity.name)
        headline = (
            role.statement
            if role is not None
            else messages.ABOUT_HEADER.format(name=entity.in_running_text)
        )
        return self._listing("about", headline, docs, entity.name, f"entity:{entity_id}")

    def _about_topic(self, topic_id: str) -> Answer:
        topic = self.kb.topics[topic_id]
        tagged = self.index.tagged(topic_token(topic_id), _FACT_OR_QUOTE, _LIST_LIMIT)
        docs = sorted((i.document for i in tagged), key=lambda d: (d.kind != FACT, d.paragraph))
        chosen = docs[:_ABOUT_FACTS] + [d for d in docs if d.kind == QUOTE][:2]
        chosen = list(dict.fromkeys(chosen))
        return self._listing(
            "about", f"{topic.name}: {topic.summary}", chosen, None, f"topic:{topic_id}"
        )

    def _listing(
        self,
        command_name: str,
        headline: str,
        docs: Sequence[Document],
        speaker: str | None,
        subject_key: str,
    ) -> Answer:
        points = [d.statement for d in docs if d.kind == FACT]
        text = headline + ("\n" + "\n".join(f"• {p}" for p in points) if points else "")
        return Answer(
            answered=True,
            command=command_name,
            text=text,
            citations=tuple(self._citation(d) for d in docs),
            speaker=speaker,
            confidence=0.9,
            matched=(subject_key, *(d.key for d in docs)),
        )

    # -- sources and help --------------------------------------------------------

    def sources(self) -> Answer:
        """What Envoy knows and where it comes from."""
        count = len(self.kb.sources)
        counts = self.index.counts()
        lines = [messages.SOURCES_HEADER.format(count=count, plural="s" if count != 1 else "")]
        for source in self.kb.sources.values():
            contributors = "; ".join(
                f"{c.name} ({c.note})" if c.note else c.name for c in source.contributors
            )
            unknown = messages.UNKNOWN_METADATA
            numbers = counts.get(source.id, {})
            facts, quotes = numbers.get(FACT, 0), numbers.get(QUOTE, 0)
            lines += [
                f"“{source.title}”",
                f"  Contributors: {contributors or unknown}",
                f"  Outlet: {source.outlet or unknown}; published: "
                f"{source.published or unknown}; address: {source.url or unknown}",
                f"  {numbers.get('paragraphs', 0)} paragraphs, {facts} facts, {quotes} quotations.",
            ]
        lines.append(messages.ENTITIES_IN_ALL.format(count=len(self.kb.entities)))
        return Answer(
            answered=True,
            command="sources",
            text="\n".join(lines),
            confidence=1.0,
            matched=tuple(f"source:{s}" for s in self.kb.sources),
        )

    def summary(self) -> Answer:
        """What the article is about: the title and the facts of its opening paragraph."""
        lede = [
            item.document
            for source in self.kb.sources.values()
            for item in self.index.in_paragraph(source.id, 1)
            if item.document.kind == FACT
        ]
        titles = "; ".join(f"“{s.title}”" for s in self.kb.sources.values())
        text = f"{titles}. " + " ".join(d.statement for d in lede)
        return Answer(
            answered=True,
            command="ask",
            text=text,
            citations=tuple(self._citation(d) for d in lede),
            confidence=0.9,
            matched=tuple(d.key for d in lede),
        )

    def help(self) -> Answer:
        """How to use Envoy: the commands and a few example questions."""
        lines = [messages.HELP_INTRO]
        lines += [f"• {c.usage}: {c.summary}" for c in COMMANDS]
        lines.append("Examples: " + " · ".join(EXAMPLE_QUESTIONS))
        return Answer(answered=True, command="help", text="\n".join(lines), confidence=1.0)

    # -- shared pieces -----------------------------------------------------------

    def _document_answer(
        self, command_name: str, scored: Scored, *, speaker: str | None = None
    ) -> Answer:
        document = scored.document
        if speaker is None and document.kind == QUOTE:
            speaker = ", ".join(self.kb.entities[s].name for s in document.speakers)
        return self._answer_from(
            command_name, document, confidence=_confidence(scored.score), speaker=speaker
        )

    def _answer_from(
        self,
        command_name: str,
        document: Document,
        *,
        confidence: float,
        speaker: str | None,
        text: str | None = None,
        matched: tuple[str, ...] = (),
    ) -> Answer:
        return Answer(
            answered=True,
            command=command_name,
            text=text or document.statement,
            citations=(self._citation(document),),
            speaker=speaker,
            confidence=confidence,
            matched=(*matched, document.key),
        )

    def _citation(self, document: Document) -> Citation:
        speaker = None
        if document.kind == QUOTE:
            speaker = ", ".join(self.kb.entities[s].name for s in document.speakers)
        return Citation(
            quote=document.citation,
            paragraph=document.paragraph,
            source=self.kb.source_title(document.source),
            source_id=document.source,
            speaker=speaker,
        )

    def _document(self, key: str) -> Document | None:
        item = self.index.get(key)
        return item.document if item is not None else None

    def _statements_of(self, entity_id: str) -> list[Document]:
        return [i.document for i in self.index.spoken_by(entity_id, _FACT_KIND, _SUGGESTIONS)]

    def _suggestion(self, document: Document) -> str:
        if document.kind == FACT and document.examples:
            return _sentence_case(document.examples[0]) + "?"
        if document.kind == QUOTE:
            words = document.citation.replace(QUOTE_SEPARATOR, " ").split()
            return "Who said “" + " ".join(words[:8]).rstrip(",.") + "”?"
        if document.kind == ROLE:
            name = self.kb.entities[next(iter(document.entities))].name
            return f"Who is {name}?"
        return document.statement

    def _decline(
        self,
        command_name: str,
        text: str,
        ranked: Iterable[Scored],
        parsed: ParsedQuestion | None = None,
    ) -> Answer:
        suggestions = [self._suggestion(s.document) for s in ranked if s.score > 0.05]
        if parsed is not None and len(suggestions) < _SUGGESTIONS:
            for mention in parsed.entities:
                for entity_id in sorted(mention.ids):
                    suggestions.append(f"Tell me about {self.kb.entities[entity_id].name}")
        if not suggestions:
            suggestions = list(EXAMPLE_QUESTIONS)
        unique = tuple(dict.fromkeys(suggestions))[:_SUGGESTIONS]
        best = max((s.score for s in ranked), default=0.0)
        return Answer(
            answered=False,
            command=command_name,
            text=text,
            suggestions=unique,
            confidence=_confidence(best) if best < ACCEPT_SCORE else 0.0,
        )

    def _unknown_subject(self, command_name: str, subject: str) -> Answer:
        speakers = self._quoted
        if command_name == "quotes" and speakers:  # suggest only people who are quoted
            names = sorted(self.kb.entities[s].name for s in speakers)
        else:
            names = sorted(
                {e.name for e in self.kb.entities.values()}
                | {t.name for t in self.kb.topics.values()}
            )
        ranked = sorted(names, key=lambda n: fuzz.WRatio(subject, n.casefold()), reverse=True)
        return Answer(
            answered=False,
            command=command_name,
            text=(
                messages.CANNOT_FIND_PERSON
                if command_name == "quotes"
                else messages.CANNOT_FIND_ABOUT
            ).format(subject=subject[:80]),
            suggestions=tuple(
                (f"Quotes by {n}" if command_name == "quotes" else f"Tell me about {n}")
                for n in ranked[:_SUGGESTIONS]
            ),
        )

    def _empty(self, command_name: str) -> Answer:
        spec = command(command_name)
        usage = spec.usage if spec else command_name
        what = (spec.option or "some text") if spec else "some text"
        text = (
            messages.EMPTY_QUESTION.format(example=EXAMPLE_QUESTIONS[0])
            if command_name == "ask"
            else messages.NEEDS_TEXT.format(command=command_name, what=f"a {what}", usage=usage)
        )
        return Answer(
            answered=False,
            command=command_name,
            text=text,
            suggestions=EXAMPLE_QUESTIONS[:_SUGGESTIONS],
        )


def _confidence(score: float) -> float:
    return max(0.0, min(1.0, score))


def _strip_quotation(text: str) -> str:
    text = text.strip()
    text = re.sub(r"^(?:who said|who says|who wrote)\s*[:,-]?\s*", "", text)
    return text.strip(" \"'?!.,:;").strip()


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]
