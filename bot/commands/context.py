"""What every command works with, and the pieces of an Answer they share.

A `Context` holds one knowledge base with its index, analyzer, ranker and parameters,
and builds the parts of answers that look the same whatever the command: citations,
suggestions, declines, the answer for an unknown subject or an empty question. Commands
call one another only through `Context.run`, so each lives in its own module.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from bot import messages
from bot.answers import Answer, Citation
from bot.commands.registry import EXAMPLE_QUESTIONS, command
from bot.knowledge import KnowledgeBase
from bot.knowledge.model import QUOTE_SEPARATOR
from bot.matching.analyzer import STOP_WORDS, Analyzer
from bot.matching.decision import Model
from bot.matching.documents import FACT, QUOTE, ROLE, Document
from bot.matching.index import DocumentIndex, Indexed
from bot.matching.intents import ASK, read_intent
from bot.matching.noise import drop_lead_words, strip_noise
from bot.matching.parameters import Parameters
from bot.matching.ranker import PLACES, ParsedQuestion, Ranker, Scored
from bot.text import normalise, stem, tokenize

SUGGESTIONS = 3
"""How many suggestions a decline offers."""
ALL_QUOTES = 2000
"""Up to this many quotations, who-said compares them all; beyond, only candidates."""
LIST_LIMIT = 500
"""At most this many documents of a person or topic are listed."""
FACT_KIND = frozenset({FACT})
QUOTE_KIND = frozenset({QUOTE})
FACT_OR_QUOTE = frozenset({FACT, QUOTE})

Handler = Callable[["Context", str], Answer]


@dataclass(frozen=True, slots=True)
class PlaceNames:
    """What a document's words may name: its places' names (`own`), the names of the
    knowledge's other places (`others`), and every word of the names of whom it speaks
    (`own_words`, stems)."""

    own: tuple[str, ...]
    others: tuple[str, ...]
    own_words: frozenset[str]


@dataclass(eq=False)
class Context:
    """One knowledge base and the matching built on it, shared by every command."""

    kb: KnowledgeBase
    index: DocumentIndex
    analyzer: Analyzer
    ranker: Ranker
    params: Parameters
    model: Model
    handlers: dict[str, Handler]
    _source_stems: dict[str, frozenset[str]] = field(default_factory=dict, init=False, repr=False)
    _source_text: dict[str, str] = field(default_factory=dict, init=False, repr=False)
    _place_names: dict[str, PlaceNames] = field(default_factory=dict, init=False, repr=False)

    def clean(self, text: str) -> str:
        """The question as matching reads it: normalised, and without what carries no
        content (links, pictographs, asides, greetings and sign-offs)."""
        return strip_noise(normalise(text), self._has_content)

    def clean_question(self, text: str) -> str:
        """A free question as matching reads it: `clean`, and without chat words before
        the word it opens with ("honestly should ...")."""
        return drop_lead_words(self.clean(text), STOP_WORDS.__contains__)

    def _has_content(self, segment: str) -> bool:
        """A segment names something the knowledge knows, or asks for a command
        ("tldr of this article", "help")."""
        return (
            self.ranker.has_content(segment, prepared=True) or read_intent(segment).command != ASK
        )

    def phrase_terms(self, phrase: str) -> list[str]:
        """The content terms of a phrase as given (stems, stop words dropped, synonyms
        folded; no spelling repair)."""
        return self.analyzer.terms(phrase, repair=False)

    def run(self, command_name: str, text: str) -> Answer:
        """Carry out another command (``ask`` routes to ``who-said``, ``about`` to ``ask``)."""
        return self.handlers[command_name](self, text)

    @functools.cached_property
    def all_quotes(self) -> list[Indexed] | None:
        """Every quotation, when there are few enough to compare a fragment with each."""
        return self.index.all_of_kind(QUOTE, ALL_QUOTES)

    @functools.cached_property
    def quoted(self) -> frozenset[str]:
        """Entities the sources quote (known when the quotations are few)."""
        return frozenset(
            s for q in self.all_quotes or [] for s in q.document.speakers if s in self.kb.entities
        )

    def source_text(self, source: str) -> str:
        """A source's article (title and paragraphs), normalised (cached)."""
        found = self._source_text.get(source)
        if found is None:
            article = self.kb.sources.get(source)
            text = " ".join((article.title, *article.paragraphs)) if article else ""
            found = normalise(text, limit=len(text) + 1)
            self._source_text[source] = found
        return found

    def source_stems(self, source: str) -> frozenset[str]:
        """The stems of every word of a source's article (title and paragraphs)."""
        found = self._source_stems.get(source)
        if found is None:
            found = frozenset(stem(w) for w in re.findall(r"[a-z]+", self.source_text(source)))
            self._source_stems[source] = found
        return found

    def place_names(self, document: Document) -> PlaceNames:
        """The names of places a document's words may give, and of those it does not
        name; read once per document."""
        found = self._place_names.get(document.key)
        if found is None:
            present = set(document.entities) | set(document.speakers)
            present |= {
                r for e in present if (x := self.kb.entities.get(e)) is not None for r in x.related
            }
            named = [x for e in present if (x := self.kb.entities.get(e)) is not None]
            found = PlaceNames(
                own=tuple(
                    alias
                    for x in named
                    if x.id in document.entities and x.kind in PLACES
                    for alias in (x.name, *x.aliases)
                ),
                others=tuple(
                    alias
                    for x in self.kb.entities.values()
                    if x.id not in present and x.kind in PLACES
                    for alias in (x.name, *x.aliases)
                ),
                own_words=frozenset(
                    stem(word)
                    for x in named
                    for alias in (x.name, *x.aliases)
                    for word in tokenize(normalise(alias))
                ),
            )
            self._place_names[document.key] = found
        return found

    def document(self, key: str) -> Document | None:
        item = self.index.get(key)
        return item.document if item is not None else None

    # -- the parts of answers ------------------------------------------------------

    def names(self, entity_ids: Iterable[str], last: str = ", ") -> str:
        names = [self.kb.entities[e].name for e in entity_ids]
        if len(names) <= 2:
            return last.join(names)
        return ", ".join(names[:-1]) + last + names[-1]

    def citation(self, document: Document) -> Citation:
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

    def answer_from(
        self,
        command_name: str,
        document: Document,
        *,
        confidence: float,
        speaker: str | None,
        text: str | None = None,
        matched: tuple[str, ...] = (),
    ) -> Answer:
        """An answer resting on one document."""
        return Answer(
            answered=True,
            command=command_name,
            text=text or document.statement,
            citations=(self.citation(document),),
            speaker=speaker,
            confidence=confidence,
            matched=(*matched, document.key),
        )

    def document_answer(
        self, command_name: str, scored: Scored, *, speaker: str | None = None
    ) -> Answer:
        """An answer from a scored document, its speaker named when it is a quotation."""
        document = scored.document
        if speaker is None and document.kind == QUOTE:
            speaker = ", ".join(self.kb.entities[s].name for s in document.speakers)
        return self.answer_from(
            command_name, document, confidence=confidence(scored.score), speaker=speaker
        )

    def suggestion(self, document: Document) -> str:
        """A question the document answers, to offer after a decline."""
        if document.kind == FACT and document.examples:
            return sentence_case(document.examples[0]) + "?"
        if document.kind == QUOTE:
            words = document.citation.replace(QUOTE_SEPARATOR, " ").split()
            return "Who said “" + " ".join(words[:8]).rstrip(",.") + "”?"
        if document.kind == ROLE:
            name = self.kb.entities[next(iter(document.entities))].name
            return f"Who is {name}?"
        return document.statement

    def decline(
        self,
        command_name: str,
        text: str,
        ranked: Iterable[Scored],
        parsed: ParsedQuestion | None = None,
    ) -> Answer:
        """A decline that says why and offers the nearest questions Envoy can answer."""
        ranked = list(ranked)
        suggestions = [
            self.suggestion(s.document)
            for s in ranked[: SUGGESTIONS * 3]
            if s.score > self.params.suggestion_floor
        ]
        if parsed is not None and len(suggestions) < SUGGESTIONS:
            for mention in parsed.entities:
                for entity_id in sorted(mention.ids):
                    suggestions.append(f"Tell me about {self.kb.entities[entity_id].name}")
        if not suggestions:
            suggestions = list(EXAMPLE_QUESTIONS)
        unique = tuple(dict.fromkeys(suggestions))[:SUGGESTIONS]
        best = max((s.score for s in ranked), default=0.0)
        return Answer(
            answered=False,
            command=command_name,
            text=text,
            suggestions=unique,
            confidence=confidence(best) if best < self.params.accept_score else 0.0,
        )

    def unknown_subject(self, command_name: str, subject: str) -> Answer:
        """A person or subject the sources do not know, with the nearest names they do."""
        speakers = self.quoted
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
                for n in ranked[:SUGGESTIONS]
            ),
        )

    def empty(self, command_name: str) -> Answer:
        """The usage of a command sent without text."""
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
            suggestions=EXAMPLE_QUESTIONS[:SUGGESTIONS],
        )


def confidence(score: float) -> float:
    """A score as a confidence between 0 and 1."""
    return max(0.0, min(1.0, score))


def sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]
