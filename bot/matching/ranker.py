"""Score the fact base's documents against a question.

A question is parsed once (`Ranker.parse`): its intent, the entities and topics it names,
and its remaining content terms, each weighted by how rare it is in the fact base (a word
the fact base never uses weighs most). A document's score combines
  - coverage: the weighted share of the question's terms the document contains;
  - entities: whether every entity the question names is one the document concerns;
  - kind: whether the document can answer the kind asked (a "when" needs a time);
  - phrasing: how close the question is to the document's curated example questions.
A question whose terms the best document does not cover is declined by the caller.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz, process

from bot.knowledge import KnowledgeBase
from bot.matching.analyzer import STOP_WORDS, WEAK_WORDS, AliasIndex, Analyzer, Mention
from bot.matching.descriptions import (
    ABBREVIATIONS,
    HONORIFICS,
    OFFICE_NOUNS,
    PERSON_NOUNS,
    described_aliases,
    plain_nouns_for,
)
from bot.matching.details import ORGANISATION, PERSON, PLACE, identity_asked
from bot.matching.documents import QUOTE, ROLE, Document
from bot.matching.english import is_common
from bot.matching.index import DocumentIndex, Indexed, related_token, topic_token
from bot.matching.intents import Intent, read_intent
from bot.matching.parameters import PARAMETERS, Parameters
from bot.matching.quotecheck import TIME_WORDS
from bot.text import capitalised_inside, normalise, possessive_positions, stem, tokenize

_EXAMPLE_CACHE = 50_000
_PREPOSITIONS = frozenset({"of", "for", "on", "at", "in", "to", "from"})
_CLAUSE_BREAKS = frozenset({"with", "and", "or", "about", "by", "after", "before", "during"})
_POSSESSED_WITHIN = 4
"""How many words after a possessor's 's the person it qualifies may be named in."""
_STRICT_KINDS = frozenset({"when", "where", "how-many", "how-long"})
_SAY_TERMS = frozenset({"say"})
PEOPLE = frozenset({"person", "group"})
PLACES = frozenset({"place", "country"})
ORGANISATIONS = frozenset({"organisation"})
_OCCASIONS_OF_SAYING = ("testimony", "news conference", "interview", "speech")
_FUTURE = re.compile(r"\b(?:will|won't|wont|going to|gonna|upcoming|in the future)\b")
_QUESTION_FRAME = re.compile(
    r"\bhow (?:long|many|much|often)\b"
    # A claim to check is asked about by its content, not by "is it true".
    r"|^(?:so |but |and )?(?:is it (?:really )?(?:true|correct|right|accurate|a fact)|"
    r"true or false|fact[- ]check(?: this)?|can you (?:confirm|check)|"
    r"did i (?:hear|read|get) (?:it |that )?right)\b(?: that\b)?"
    r"|\b(?:is that|is this|is it) (?:really )?(?:true|right|correct|accurate)\b"
    # a tag after the claim: "... in January, correct?", "... high, yes?", "... true??"
    r"|(?:[,\s]+(?:true|correct|right|yes|yeah|no|or not|am i right)\s*[?!.]*)+\s*$"
    r"|\bused to (?=be\b)"
)


@dataclass(frozen=True, slots=True)
class SourceWeights:
    """A question's terms as one source reads them (a slip repaired only where the source
    does not know the word as written), their weights there, and those it never uses."""

    terms: tuple[str, ...]
    weights: tuple[float, ...]
    unknown: frozenset[str]

    def share(self, held: frozenset[str] | set[str]) -> float:
        """The weighted share of the question's terms that `held` holds (0 without terms)."""
        total = sum(self.weights)
        if not total:
            return 0.0
        return sum(w for t, w in zip(self.terms, self.weights, strict=True) if t in held) / total


@dataclass(frozen=True, slots=True)
class ParsedQuestion:
    """A question analysed once, for every document to be scored against."""

    normalised: str
    intent: Intent
    entities: tuple[Mention, ...]
    topics: tuple[Mention, ...]
    terms: tuple[str, ...]
    weights: tuple[float, ...]
    unknown: tuple[str, ...]
    mention_terms: tuple[frozenset[str], ...] = ()
    topic_terms: tuple[frozenset[str], ...] = ()
    people: frozenset[str] = frozenset()
    future: bool = False
    asked_person: frozenset[str] = frozenset()
    """The terms of the kind of person asked for ("official" in "which Chinese official
    ..."): a document that names someone the question does not covers them."""
    asked_place: frozenset[str] = frozenset()
    """The same for a kind of place ("city" in "in what city did they meet")."""
    asked_organisation: frozenset[str] = frozenset()
    """The same for a kind of organisation ("think tank" in "what think tank ...")."""
    slots: tuple[tuple[str, str | None], ...] = ()
    """For each term, the word as written and the known term it may be a slip for: each
    source reads the word as written if it knows it, else as the slip."""
    capitalised_phrases: tuple[str, ...] = ()
    """Runs of such words, as the asker wrote them together ("senate intelligence
    committee"); set with `capitalised`."""
    capitalised: tuple[str, ...] = ()
    """Words the asker wrote with a capital inside a sentence (names, mostly), lowercased,
    among those the cleaned question keeps; set when `ask` routes the question."""
    named_words: frozenset[str] = frozenset()
    """The words of the question that name an entity (a misspelt part included)."""
    elsewhere: tuple[frozenset[str], ...] = ()
    """The terms of each name the question gives that only other sources define, as one
    source reads it (`Ranker.view`): plain words to that source."""
    foreign: int = 0
    """How many of those the source never uses even as words ("Odinga" to the seed, not
    "board" of "on board"): names its documents concern none of."""
    in_full: str = ""
    """The whole question normalised, words without content kept ("exact number pls"):
    what the checks for a detail the article leaves out read; set when `ask` routes it."""
    by_source: dict[str, SourceWeights] = field(default_factory=dict, compare=False, hash=False)
    views: dict[frozenset[str], ParsedQuestion] = field(
        default_factory=dict, compare=False, hash=False
    )
    """The question as read without names only other sources define, by those names."""
    """The terms' weights in each source's own statistics, filled in as sources are met."""

    @property
    def is_empty(self) -> bool:
        return not self.terms and not self.entities and not self.topics


@dataclass(frozen=True, slots=True)
class Scored:
    """A document with its score for one question, and the parts that made it."""

    document: Document
    score: float
    coverage: float
    entity_share: float
    missing_terms: tuple[str, ...] = field(default=())
    kind_met: bool = True  # the document can answer the kind of answer asked
    speaker_met: bool = True  # "what did X say": X speaks in it (or it tells what X said)


class Ranker:
    """Scores indexed documents for parsed questions. Built once per knowledge base."""

    def __init__(
        self,
        kb: KnowledgeBase,
        index: DocumentIndex,
        analyzer: Analyzer,
        params: Parameters = PARAMETERS,
    ) -> None:
        self.kb = kb
        self.params = params
        self.index = index
        self.analyzer = analyzer
        self._defined_in = {e.id: e.defined_in for e in kb.entities.values() if e.defined_in}
        self.aliases = AliasIndex(self.analyzer)
        for entity in kb.entities.values():
            self.aliases.add("entity", entity.id, (entity.name, *entity.aliases))
        for entity_id, first_names in _unique_name_parts(kb).items():
            self.aliases.add("entity", entity_id, first_names[:1])
            # given names only an alias holds ("Joe" of "Joe Biden") are matched as
            # written: read loosely, "serve" would be a slip of "Steve"
            self.aliases.add("entity", entity_id, first_names[1:], fuzzy=False)
        for entity_id, clips in _nicknames(kb, self.analyzer.is_known_word).items():
            self.aliases.add("entity", entity_id, clips, fuzzy=False)
        for entity_id, aliases in described_aliases(kb).items():
            self.aliases.add("entity", entity_id, aliases, fuzzy=False)
        for topic in kb.topics.values():
            self.aliases.add("topic", topic.id, (topic.name, *topic.aliases))
        self.analyzer.learn(
            [a for e in kb.entities.values() for a in (e.name, *e.aliases)]
            + [a for t in kb.topics.values() for a in (t.name, *t.aliases, t.summary)],
            terms=index.vocabulary(),
        )
        self._unknown_weight = math.log(1 + max(index.size, 1)) * params.unknown_word_factor
        self._several_sources = len(kb.sources) > 1
        self._example_terms: dict[str, tuple[str, ...]] = {}
        self._person_words = frozenset(OFFICE_NOUNS) | frozenset(PERSON_NOUNS)
        # The terms of entity and topic names, shared ("") and per source that defines them.
        self._name_terms: dict[str, frozenset[str]] = {"": frozenset()}
        named: dict[str, set[str]] = {"": set()}
        for entity in kb.entities.values():
            words = named.setdefault(entity.defined_in or "", set())
            for alias in (entity.name, *entity.aliases):
                words.update(self.analyzer.terms(alias, repair=False))
        for topic in kb.topics.values():
            for text in (topic.name, *topic.aliases, topic.summary):
                named[""].update(self.analyzer.terms(text, repair=False))
        self._name_terms = {k: frozenset(v) for k, v in named.items()}
        self._weak = frozenset(t for w in WEAK_WORDS for t in self.analyzer.word_terms(w))
        self._all_name_words = frozenset(
            w
            for e in kb.entities.values()
            for a in (e.name, *e.aliases)
            for w in tokenize(normalise(a))
        )
        self._names_cache: dict[str, tuple[str, ...]] = {}
        # Asking when or where a testimony or news conference was is asking about a saying.
        self._saying = _SAY_TERMS | frozenset(
            t for w in _OCCASIONS_OF_SAYING for t in self.analyzer.terms(w, repair=False)
        )

    # -- parsing -----------------------------------------------------------------

    def parse(
        self,
        text: str,
        intent: Intent | None = None,
        *,
        prepared: bool = False,
        unseen: frozenset[str] = frozenset(),
    ) -> ParsedQuestion:
        """Analyse a question: intent, named entities and topics, weighted terms. With
        `prepared`, `text` is already what `normalise` makes of it; entities in `unseen`
        are not read as names (their words are plain words)."""
        normalised = text if prepared else normalise(text)
        intent = intent or read_intent(normalised)
        framed = _QUESTION_FRAME.sub(" ", normalised)
        words = tokenize(framed)
        entities = self._with_misspelt_name_parts(words, self.aliases.find(words, "entity"))
        entities = self._without_possessors(words, possessive_positions(framed), entities)
        entities = _one_mention_per_name(entities)
        elsewhere: tuple[frozenset[str], ...] = ()
        if unseen:
            elsewhere = tuple(
                frozenset(self.analyzer.terms(" ".join(words[m.start : m.end]), normalised=True))
                for m in entities
                if not m.ids - unseen and self._names_by_name(m, words)
            )
            entities = [replace(m, ids=m.ids - unseen) for m in entities if m.ids - unseen]
        topics = self.aliases.find(words, "topic")
        covered = {i for m in entities for i in range(m.start, m.end)}
        # Words outside the names, with a break where a name stood, so a synonym phrase
        # never spans a name.
        terms: list[str] = []
        slots: list[tuple[str, str | None]] = []
        say_at: int | None = None  # where the first word of saying stands
        start = 0
        for end in [*sorted(m.start for m in entities), len(words)]:
            free = [i for i in range(start, end) if i not in covered]
            for raw, slip in self.analyzer.slots(
                " ".join(words[i] for i in free), alternatives=self._several_sources
            ):
                term = raw if self.analyzer.knows(raw) or slip is None else slip
                if say_at is None and term in _SAY_TERMS:
                    say_at = free[0]
                if term not in terms:
                    terms.append(term)
                    slots.append((raw, slip))
            start = end
        unknown = tuple(t for t in terms if not self.analyzer.knows(t))
        known = self.index.frequencies(terms)
        weights = tuple(self._weight(t, known[t]) for t in terms)
        mention_terms = tuple(
            frozenset(self.analyzer.terms(" ".join(words[m.start : m.end]), normalised=True))
            for m in entities
        )
        topic_terms = tuple(
            frozenset(self.analyzer.terms(" ".join(words[m.start : m.end]), normalised=True))
            for m in topics
        )
        speakers = frozenset(
            i
            for m in entities
            if say_at is not None and m.end <= say_at
            for i in m.ids
            if self.kb.entities[i].kind != "place"
        )
        return ParsedQuestion(
            normalised=normalised,
            intent=intent,
            entities=tuple(entities),
            topics=tuple(topics),
            terms=tuple(terms),
            weights=weights,
            unknown=unknown,
            mention_terms=mention_terms,
            topic_terms=topic_terms,
            elsewhere=elsewhere,
            people=speakers,
            future=bool(_FUTURE.search(normalised)),
            slots=tuple(slots),
            asked_person=self._asked_for(normalised, PERSON),
            asked_place=self._asked_for(normalised, PLACE),
            asked_organisation=self._asked_for(normalised, ORGANISATION),
            named_words=frozenset(words[i] for m in entities for i in range(m.start, m.end)),
        )

    def _without_possessors(
        self, words: Sequence[str], possessive: frozenset[int], mentions: list[Mention]
    ) -> list[Mention]:
        """A person named as the possessor of someone described ("biden's nsa", "Xi's
        foreign minister", "Biden's national security guy") only says whose that person
        is: the question is about the person described, so the possessor is no name the
        answer must concern (its words stay out of the terms too). The one described is
        another person named right after, or a word for a person by office or a plain one
        (closed lists, so another source's roles never change how a question reads)."""
        kept = []
        for mention in mentions:
            last = mention.end - 1
            described = _described_words(words, mention.end)
            if (
                last in possessive
                and self._is_person(mention)
                and (
                    self._names_person_after(mention, mentions, len(described))
                    or any(w in self._person_words for w in described)
                )
            ):
                continue
            kept.append(mention)
        return kept

    def _is_person(self, mention: Mention) -> bool:
        return all(self.kb.entities[i].kind == "person" for i in mention.ids)

    def _names_person_after(self, mention: Mention, mentions: list[Mention], span: int) -> bool:
        """Whether another person is named within the words that follow the possessor."""
        return any(
            mention.end <= other.start < mention.end + max(span, 1) and self._is_person(other)
            for other in mentions
        )

    def _with_misspelt_name_parts(
        self, words: Sequence[str], mentions: list[Mention]
    ) -> list[Mention]:
        """A person named by one part of the name, with another part misspelt beside it
        ("qin gnag", "li huy"): the misspelt word is part of the name, not a word of its
        own (nor a name the article never uses)."""
        covered = {i for m in mentions for i in range(m.start, m.end)}
        grown: list[Mention] = []
        for mention in mentions:
            people = [self.kb.entities[i] for i in mention.ids if i in self.kb.entities]
            if len(people) != 1 or people[0].kind != "person":
                grown.append(mention)
                continue
            named = set(words[mention.start : mention.end])
            parts = set(tokenize(normalise(people[0].name))) - named
            start, end = mention.start, mention.end
            if end < len(words) and end not in covered and self._slip(words[end], parts):
                end += 1
            elif start > 0 and start - 1 not in covered and self._slip(words[start - 1], parts):
                start -= 1
            moved = (start, end) != (mention.start, mention.end)
            grown.append(replace(mention, start=start, end=end, fuzzy=True) if moved else mention)
        return grown

    def _slip(self, word: str, parts: set[str]) -> bool:
        return not self.analyzer.is_known_word(word) and _slip_of(word, parts)

    def _asked_for(self, normalised: str, wanted: str) -> frozenset[str]:
        identity = identity_asked(normalised)
        if identity is None or identity[0] != wanted or not identity[1]:
            return frozenset()
        return frozenset(self.analyzer.terms(identity[1], repair=False))

    def example_terms(self, item: Indexed) -> tuple[str, ...]:
        """The content terms of a document's example questions, one string each (worked
        out once per document)."""
        found = self._example_terms.get(item.document.key)
        if found is None:
            found = tuple(" ".join(self.analyzer.terms(e, repair=False)) for e in item.examples)
            if len(self._example_terms) > _EXAMPLE_CACHE:
                self._example_terms.clear()
            self._example_terms[item.document.key] = found
        return found

    def has_content(self, text: str, *, prepared: bool = False) -> bool:
        """Whether `text` names something the knowledge knows: an entity or topic, or a
        word it uses that carries content (not a stop word or a weak one). With
        `prepared`, `text` is already normalised."""
        words = tokenize(text if prepared else normalise(text))
        if not words:
            return False
        if self.aliases.find(words, "entity") or self.aliases.find(words, "topic"):
            return True
        terms = self.analyzer.terms(" ".join(words), normalised=True)
        return any(self.analyzer.knows(t) and t not in self._weak for t in terms)

    def view(self, question: ParsedQuestion, source_id: str) -> ParsedQuestion:
        """The question as one source reads it: a name that only other sources define
        ("the board" of another article) is a plain word to it, so no other source's
        entities change how its documents match."""
        unseen = frozenset(
            i
            for m in question.entities
            for i in m.ids
            if self._defined_in.get(i) not in (None, source_id)
        )
        if not unseen:
            return question
        found = question.views.get(unseen)
        if found is None:
            found = self.parse(question.normalised, question.intent, prepared=True, unseen=unseen)
            counts = self.index.source_frequencies(
                [t for terms in found.elsewhere for t in terms], source_id
            )
            foreign = sum(1 for terms in found.elsewhere if not any(counts.get(t) for t in terms))
            found = replace(found, capitalised=question.capitalised, foreign=foreign)
            question.views[unseen] = found
        return found

    def _names_by_name(self, mention: Mention, words: Sequence[str]) -> bool:
        """Whether a mention names someone or somewhere by a name, not a body by an
        English word ("on board" and some article's "the board"): a person or a place,
        or a word no English text uses often."""
        if any(self.kb.entities[i].kind not in ORGANISATIONS for i in mention.ids):
            return True
        return not all(is_common(w) for w in words[mention.start : mention.end])

    def weights(self, question: ParsedQuestion, source_id: str) -> SourceWeights:
        """The question's term weights by one source's own statistics (how rare each term
        is among that source's documents), and the terms the source never uses (nor its
        own or the shared entities and topics): adding a source changes no weight, and so
        no score, in another."""
        found = question.by_source.get(source_id)
        if found is None:
            size = max(self.index.source_size(source_id), 1)
            names = self._name_terms.get(source_id, frozenset()) | self._name_terms[""]
            slots = question.slots or tuple((t, None) for t in question.terms)
            written = [raw for raw, _ in slots] + [s for _, s in slots if s]
            counts = self.index.source_frequencies(written, source_id)
            terms = tuple(
                raw if counts.get(raw) or raw in names or slip is None else slip
                for raw, slip in slots
            )
            unknown_weight = math.log(1 + size) * self.params.unknown_word_factor
            found = SourceWeights(
                terms,
                tuple(self._term_weight(t, counts.get(t, 0), size, unknown_weight) for t in terms),
                frozenset(t for t in terms if not counts.get(t) and t not in names),
            )
            question.by_source[source_id] = found
        return found

    def _weight(self, term: str, frequency: int) -> float:
        return self._term_weight(term, frequency, self.index.size, self._unknown_weight)

    def _term_weight(self, term: str, frequency: int, size: int, unknown: float) -> float:
        """A term's weight among `size` documents, `frequency` of them holding it: the
        rarer, the heavier, and heaviest (`unknown`) where none does, since a question
        about something absent must not be answered by its other words. A weak word is
        light either way: one the knowledge never uses ("guy", "ppl", "idea") weighs as
        one it uses in every document, for it never names what is absent."""
        if term in self._weak:
            spread = size / frequency if frequency else 1.0
            return math.log(1 + spread) * self.params.weak_word_factor
        return math.log(1 + size / frequency) if frequency else unknown

    def resolve(self, text: str, kind: str = "entity", *, strict: bool = True) -> list[str]:
        """Ids of the entities (or topics) a short subject text names, best first.

        Strictly, the names found must cover every content word of the subject, except
        words of the found item's own description: "the Spanish foreign minister"
        resolves to nothing, not to the German one, while "2024 presidential campaign"
        finds the campaign. Leniently, the longest name found wins.
        """
        words = tokenize(normalise(text))
        mentions = self.aliases.find(words, kind)
        if not mentions:
            return []
        ids: list[str] = []
        for mention in sorted(mentions, key=lambda m: (m.start - m.end, m.start)):
            ids.extend(sorted(mention.ids - set(ids)))
        if not strict:
            return ids
        covered = {i for m in mentions for i in range(m.start, m.end)}
        leftover = set(
            self.analyzer.terms(
                " ".join("|" if i in covered else w for i, w in enumerate(words)), normalised=True
            )
        ) - {"|"}
        leftover -= _SAY_TERMS  # "the front-runner mentioned in the article"
        if leftover and kind == "entity":
            # a plain word for a person that fits everyone named ("the UK foreign sec guy")
            fitting = set.intersection(*(set(plain_nouns_for(self.kb, i)) for i in ids))
            leftover -= {t for noun in fitting for t in self.analyzer.word_terms(noun)}
        if leftover and not leftover <= self._description_terms(kind, ids):
            return []
        return ids

    def _description_terms(self, kind: str, ids: Iterable[str]) -> set[str]:
        texts: list[str] = []
        for item_id in ids:
            if kind == "entity":
                entity = self.kb.entities[item_id]
                texts += [entity.name, *entity.aliases, entity.role.text if entity.role else ""]
            else:
                topic = self.kb.topics[item_id]
                texts += [topic.name, *topic.aliases]
        return {t for text in texts for t in self.analyzer.terms(text, repair=False)}

    # -- scoring -----------------------------------------------------------------

    def rank(
        self,
        question: ParsedQuestion,
        *,
        kinds: Iterable[str] | None = None,
        limit: int | None = 5,
    ) -> list[Scored]:
        """The best `limit` documents for `question` (all when None), best first,
        deterministic."""
        names = [related_token(i) for m in question.entities for i in m.ids]
        names += [topic_token(i) for m in question.topics for i in m.ids]
        allowed = frozenset(kinds) if kinds is not None else None
        scored: list[tuple[float, int, Scored]] = []
        searched = list(dict.fromkeys([*question.terms, *(s for _, s in question.slots if s)]))
        written = list(dict.fromkeys([*searched, *(raw for raw, _ in question.slots)]))
        pool = {i.document.key: i for i in self.index.candidates(searched, names, kinds=allowed)}
        shared = self.view(question, "")  # as a source with no entities of its own reads it
        if shared is not question:
            more = list(dict.fromkeys([*shared.terms, *(s for _, s in shared.slots if s)]))
            extra = [related_token(i) for m in shared.entities for i in m.ids]
            for item in self.index.candidates(more, extra, kinds=allowed):
                pool.setdefault(item.document.key, item)
            written = list(dict.fromkeys([*written, *more, *(r for r, _ in shared.slots)]))
        self.index.prepare_sources(written, {i.document.source for i in pool.values()})
        for item in pool.values():
            result = self._score(item, self.view(question, item.document.source), phrasing=False)
            if result.score > 0:
                scored.append((result.score, -item.position, result))
        if not scored:
            return []
        # Closeness to example questions adds at most phrasing_bonus / 2: only documents
        # that close to the best of their source can change places, so only they are
        # compared by phrasing (per source, so that no source changes another's scores).
        best: dict[str, float] = {}
        for score, _, plain in scored:
            source = plain.document.source
            best[source] = max(best.get(source, 0.0), score)
        window = self.params.phrasing_bonus / 2
        rescored = []
        for score, order, plain in scored:
            near = score >= best[plain.document.source] - window
            own = self.view(question, plain.document.source)
            result = self._score(pool[plain.document.key], own, phrasing=True) if near else plain
            rescored.append((result.score, order, result))
        rescored.sort(key=lambda item: (item[0], item[1]), reverse=True)
        return [item[2] for item in (rescored if limit is None else rescored[:limit])]

    def _score(self, item: Indexed, question: ParsedQuestion, *, phrasing: bool) -> Scored:
        p = self.params
        document = item.document
        terms = item.terms
        own = self.weights(question, document.source)
        weights = own.weights
        total = sum(weights)
        if question.asked_person and self._names_someone_else(document, question):
            terms = terms | question.asked_person  # "which official": someone it names
        if question.asked_place and self._names_someone_else(document, question, PLACES):
            terms = terms | question.asked_place  # "what city": a place it names
        if question.asked_organisation and self._names_someone_else(
            document, question, ORGANISATIONS
        ):
            terms = terms | question.asked_organisation  # "what think tank": one it names
        missing = tuple(t for t in own.terms if t not in terms)
        if total > 0:
            matched = sum(w for t, w in zip(own.terms, weights, strict=True) if t in terms)
            coverage = matched / total
        else:
            coverage = p.coverage_without_terms if question.entities or question.topics else 0.0
        if question.entities:
            several = len(question.entities) > 1
            hits = [
                self._fit(m, words, terms, item, several)
                for m, words in zip(question.entities, question.mention_terms, strict=True)
            ]
            # A name only another source defines is one this document does not concern.
            entity_share = sum(hits) / (len(hits) + question.foreign)
            primary = any(m.ids & document.primary for m in question.entities)
        else:
            entity_share, primary = (0.0 if question.foreign else 1.0), False
        score = coverage * (p.entity_floor + (1 - p.entity_floor) * entity_share) ** 2
        if question.topics:
            named = [
                bool(m.ids & document.topics) or words <= terms
                for m, words in zip(question.topics, question.topic_terms, strict=True)
            ]
            score *= p.topic_floor + (1 - p.topic_floor) * sum(named) / len(named)
        if primary:
            score += p.primary_bonus
        if question.topics and any(m.ids & document.topics for m in question.topics):
            score += p.topic_bonus
        if phrasing and item.examples and total > 0:
            closest = process.extractOne(
                question.normalised, item.examples, scorer=fuzz.token_sort_ratio
            )
            closeness = closest[1] / 100 if closest else 0.0
            score += p.phrasing_bonus * max(0.0, closeness - 0.5)
        if document.kind == QUOTE and _SAY_TERMS & set(question.terms):
            score += p.quote_say_bonus
        if question.future and not item.modal:
            score *= p.future_factor  # "who will win": the article reports, it does not foretell
        kind = self._kind_factor(document, question)
        speaker = self._speaker_factor(item, question)
        score *= kind * speaker
        return Scored(
            document, round(score, 6), coverage, entity_share, missing, kind >= 1.0, speaker >= 1.0
        )

    def _fit(
        self,
        mention: Mention,
        words: frozenset[str],
        terms: frozenset[str],
        item: Indexed,
        several: bool,
    ) -> bool:
        """Whether the document concerns an entity the question names.
        One only its paragraph names (a drafted sentence's neighbours) counts when the
        question names no other: a sentence is about what its paragraph is about, but
        says nothing of how that relates to the others named ("did Blinken meet Qin"
        against a sentence on Blinken's meetings in a paragraph that names Qin). Counted
        in full, the seed's own draft confirmed 19 false claims over the evaluation sets;
        counted half, 18; not counted, 11."""
        if self._named_in_text(mention, words, terms):
            return True
        found = mention.ids & item.closure
        return bool(found) and not (several and found <= item.neighbours)

    def _named_in_text(
        self, mention: Mention, words: frozenset[str], terms: frozenset[str]
    ) -> bool:
        """A group, place or organisation counts as present if the document uses its words."""
        if not words or any(self.kb.entities[i].kind == "person" for i in mention.ids):
            return False
        return words <= terms

    def _speaker_factor(self, item: Indexed, question: ParsedQuestion) -> float:
        """ "What did X say" needs X among the document's speakers (or, for a country, a
        speaker who stands for it: Britain's foreign secretary for "the UK"), or a document
        about what X said or left unsaid."""
        document = item.document
        if not question.people or question.people & set(document.speakers):
            return 1.0
        entities = self.kb.entities
        bodies = {p for p in question.people if p in entities and entities[p].kind != "person"}
        if any(bodies & set(entities[s].related) for s in document.speakers if s in entities):
            return 1.0  # a country speaks through its officials; a person only for themself
        narrated = not document.speakers and item.evidence_terms >= _SAY_TERMS
        return (
            1.0
            if narrated and question.people & document.primary
            else self.params.other_speaker_factor
        )

    def _kind_factor(self, document: Document, question: ParsedQuestion) -> float:
        p = self.params
        kind = question.intent.kind
        if kind is None or kind == "position":
            return 1.0 if document.kind != ROLE else p.role_kind_factor
        about_saying = bool(self._saying & set(question.terms))
        said_then = document.kind == QUOTE or "when-said" in document.answers
        if said_then and kind in ("when", "where") and not about_saying:
            # the time and place are of the saying, not of what was said about
            return p.said_then_factor
        if kind in document.answers:
            return 1.0
        if kind == "who" and self._names_someone_else(document, question):
            return 1.0
        if kind == "how-long" and "how-many" in document.answers:
            return p.how_long_as_count_factor
        if kind in _STRICT_KINDS:
            return p.strict_kind_factor
        if kind == "why":
            return p.why_factor
        return p.other_kind_factor

    def _names_someone_else(
        self, document: Document, question: ParsedQuestion, kinds: frozenset[str] = PEOPLE
    ) -> bool:
        """Whether the document concerns a person or group (or an entity of other `kinds`)
        the question does not name: an answer to "who ..." ("some officials and analysts
        caution ...")."""
        asked = {i for m in question.entities for i in m.ids}
        entities = self.kb.entities
        if any(
            e not in asked and e in entities and entities[e].kind in kinds
            for e in document.entities
        ):
            return True
        if kinds is not PEOPLE or document.reviewed:
            return False
        # A draft's sentence may name someone its drafter made no entity of ("He blamed
        # the attacks on Al-Qaeda in Iraq"): a name written in capitals mid-sentence that
        # the question does not give, and no known entity of another kind.
        asked_words = set(question.terms) | {w for m in question.mention_terms for w in m}
        return any(
            self.analyzer.canonical(stem(name)) not in asked_words
            for name in self._unregistered_names(document)
        )

    def _unregistered_names(self, document: Document) -> tuple[str, ...]:
        found = self._names_cache.get(document.key)
        if found is None:
            known = self._all_name_words
            found = tuple(
                word
                for word in capitalised_inside(document.citation)
                if word not in known and word not in TIME_WORDS
            )
            self._names_cache[document.key] = found
        return found


# What people call someone they know only by country: "the British guy".
_NAME_SLIP_RATIO = 60.0
"""How alike a word beside a named person must be to a part of the name to be that part
misspelt ("huy" and "hui" 67, "gnag" and "gang" 75; "said" and "smith" 44)."""


def _slip_of(word: str, parts: set[str]) -> bool:
    """Whether `word` is one of a name's `parts` misspelt: alike, the same first letter,
    and no word a sentence uses."""
    if word in STOP_WORDS or len(word) < 3 or not word.isalpha():
        return False
    return any(
        p[0] == word[0] and p != word and fuzz.ratio(word, p) >= _NAME_SLIP_RATIO for p in parts
    )


NICKNAME_CLIP = 4
"""Letters a clipped given name keeps at least ("vlad" of Vladimir); a surname clipped to
this many or more takes "y" or "ie" ("blinky")."""


def _nicknames(kb: KnowledgeBase, is_word: Callable[[str], bool]) -> dict[str, tuple[str, ...]]:
    """The pet forms of each person's name that no other person shares and that are no
    word the knowledge uses: a given name clipped ("vlad"), a surname clipped with "y" or
    "ie" ("blinky")."""
    owners: dict[str, set[str]] = {}
    for entity in kb.entities.values():
        if entity.kind != "person":
            continue
        parts = tokenize(normalise(entity.name))
        if len(parts) < 2:
            continue
        given, surname = parts[0], parts[-1]
        forms = {given[:n] for n in range(NICKNAME_CLIP, len(given))}
        forms |= {
            surname[:n] + end for n in range(NICKNAME_CLIP, len(surname)) for end in ("y", "ie")
        }
        for form in forms:
            if form.isalpha() and not is_word(form):
                owners.setdefault(form, set()).add(entity.id)
    found: dict[str, list[str]] = {}
    for form, ids in owners.items():
        if len(ids) == 1:
            found.setdefault(next(iter(ids)), []).append(form)
    return {i: tuple(sorted(forms)) for i, forms in found.items()}


DEMONYM_STEM = 5
"""Letters a people's adjective shares with its place's name ("afgha" of Afghan and
Afghanistan, "germa" of German and Germany; "thai" whole)."""


def _one_mention_per_name(mentions: list[Mention]) -> list[Mention]:
    """Mentions of one entity side by side are one naming ("Secretary of State Antony
    Blinken": a role and a name, both his): counted twice, the person would weigh double
    against the other names the question gives."""
    merged: list[Mention] = []
    for mention in mentions:
        if merged and merged[-1].ids == mention.ids and mention.start == merged[-1].end:
            merged[-1] = replace(merged[-1], end=mention.end)
        else:
            merged.append(mention)
    return merged


def _described_words(words: Sequence[str], start: int) -> Sequence[str]:
    """The words after a possessor that may describe whom it qualifies: up to
    `_POSSESSED_WITHIN`, stopping at a preposition or a conjunction ("Baerbock's news
    conference with Qin": "news conference" only)."""
    described = []
    for word in words[start : start + _POSSESSED_WITHIN]:
        if word in _PREPOSITIONS or word in _CLAUSE_BREAKS:
            break
        described.append(word)
    return described


def _unique_name_parts(kb: KnowledgeBase) -> dict[str, tuple[str, ...]]:
    """Each person's given names where no one else shares them ("Annalena" is Baerbock):
    from the name, and from each alias that is a full name ending in the same surname
    ("Joe Biden" beside "Biden"), titles and honorifics left out.
    A word that begins like a place the knowledge names is its people's adjective, not a
    given name ("Afghan" in a draft's "Afghan Ambassador", beside "Afghanistan"): alone
    it would turn every "Afghan team" into a question about that person."""
    places = [
        word
        for entity in kb.entities.values()
        if entity.kind != "person"
        for word in tokenize(normalise(entity.name))
    ]
    titles = set(OFFICE_NOUNS) | set(HONORIFICS) | {"former", "the", "president", "prime"}
    titles |= {short for shorts in ABBREVIATIONS.values() for short in shorts}  # "Gen."
    owners: dict[str, set[str]] = {}
    for entity in kb.entities.values():
        if entity.kind != "person":
            continue
        surname = tokenize(normalise(entity.name))[-1:]
        names = [entity.name] + [
            a for a in entity.aliases if tokenize(normalise(a))[-1:] == surname
        ]
        for name in names:  # the name's own given names first
            for part in tokenize(normalise(name))[:-1]:
                stem = part[:DEMONYM_STEM]
                if (
                    len(part) >= 3
                    and part.isalpha()
                    and part not in titles
                    and not any(w.startswith(stem) for w in places)
                ):
                    owners.setdefault(part, set()).add(entity.id)
    found: dict[str, list[str]] = {}
    for part, ids in owners.items():
        if len(ids) == 1:
            found.setdefault(next(iter(ids)), []).append(part)
    own = {e.id: set(tokenize(normalise(e.name))[:-1]) for e in kb.entities.values()}
    # The name's own given name first (matched loosely), then those only aliases hold;
    # an entity whose name gives none leads with an empty one.
    return {
        entity_id: (
            next((p for p in parts if p in own[entity_id]), ""),
            *(p for p in parts if p not in own[entity_id]),
        )
        for entity_id, parts in found.items()
    }
