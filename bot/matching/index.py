"""Where the ranker and the commands find documents: the document index.

`Indexed` is a document with what matching needs worked out in advance: its canonical
terms, the entities it concerns with their related ones, its example questions in
normalised form. `Featurizer` computes it, once, when the knowledge is loaded.

`DocumentIndex` is all the core asks of an index: candidates sharing a term or a name
with a question, the documents of an entity, a speaker, a topic or a paragraph, and
how many documents hold a term. `MemoryIndex` keeps everything in memory (right for one
article); `bot.storage.search.DatabaseIndex` asks the database's full-text index, so a
fact base of a million facts is never scanned.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from bot.knowledge import KnowledgeBase
from bot.matching.analyzer import Analyzer
from bot.matching.documents import QUOTE, Document, build_documents
from bot.text import normalise, tokenize

CANDIDATES = 100
"""How many candidates a full-text search returns for the ranker to score."""

_MODAL = re.compile(
    r"\b(?:will|would|could|might|may|can|cannot|can't|predict\w*|expect\w*|hope\w*|"
    r"fear\w*|likely|future|until|plan\w*|want\w*|possibility|possible)\b",
    re.IGNORECASE,
)
_NOT_ALNUM = re.compile(r"[^a-z0-9]")


def entity_token(entity_id: str) -> str:
    """The search token of a document that concerns an entity directly."""
    return "xe" + _NOT_ALNUM.sub("", entity_id.casefold())


def related_token(entity_id: str) -> str:
    """The search token of a document that concerns an entity directly or through a
    related one (a leader's country, a capital's government)."""
    return "xc" + _NOT_ALNUM.sub("", entity_id.casefold())


def topic_token(topic_id: str) -> str:
    """The search token of a document on a topic."""
    return "xt" + _NOT_ALNUM.sub("", topic_id.casefold())


def kind_token(kind: str) -> str:
    """The search token of a document's kind (fact, quote, role)."""
    return "xk" + kind


def speaker_token(entity_id: str) -> str:
    """The search token of a document whose speakers include an entity."""
    return "xs" + _NOT_ALNUM.sub("", entity_id.casefold())


REVIEWED_TOKEN = "xreviewed"  # noqa: S105 (a search token, not a secret)
"""The search token of a document an editor has reviewed."""


@dataclass(frozen=True, slots=True)
class Indexed:
    """A document with the features matching uses, computed once."""

    document: Document
    position: int
    terms: frozenset[str]
    closure: frozenset[str]
    examples: tuple[str, ...]
    evidence_terms: frozenset[str]
    modal: bool
    context: str = ""
    words: str = ""
    neighbours: frozenset[str] = frozenset()
    """Of `closure`, what only the document's paragraph names (and what is related to it)."""

    @property
    def names(self) -> frozenset[str]:
        """The search tokens of the entities, topics and kind of the document."""
        document = self.document
        return frozenset(
            {entity_token(e) for e in document.entities}
            | {related_token(e) for e in self.closure}
            | {topic_token(t) for t in document.topics}
            | {speaker_token(s) for s in document.speakers}
            | {kind_token(document.kind)}
            | ({REVIEWED_TOKEN} if document.reviewed else set())
        )


class Featurizer:
    """Computes a document's features with one analyzer (its synonyms and stemming)."""

    def __init__(
        self,
        analyzer: Analyzer,
        related: Mapping[str, Iterable[str]],
        topic_names: Mapping[str, str],
    ) -> None:
        self.analyzer = analyzer
        self._related = {k: frozenset(v) for k, v in related.items()}
        self._topic_terms = {
            t: frozenset(analyzer.terms(name, repair=False)) for t, name in topic_names.items()
        }

    @classmethod
    def for_knowledge(cls, kb: KnowledgeBase, analyzer: Analyzer) -> Featurizer:
        return cls(
            analyzer,
            {e.id: e.related for e in kb.entities.values()},
            {t.id: t.name for t in kb.topics.values()},
        )

    def index(self, document: Document, position: int, paragraph: str = "") -> Indexed:
        """The features of `document`; `paragraph` is its paragraph's text (for quotes)."""
        terms = set(self.analyzer.terms(document.text_for_terms, repair=False))
        for example in document.examples:
            terms.update(self.analyzer.terms(example, repair=False))
        for topic_id in document.topics:
            terms.update(self._topic_terms.get(topic_id, ()))
        closure = self._closure(document.entities)
        own = self._closure(document.entities - document.neighbours)
        quote = document.kind == QUOTE
        return Indexed(
            document=document,
            position=position,
            terms=frozenset(terms),
            closure=closure,
            neighbours=closure - own,
            examples=tuple(normalise(q) for q in document.examples),
            evidence_terms=frozenset(self.analyzer.terms(document.citation, repair=False)),
            modal=bool(_MODAL.search(document.text_for_terms)),
            context=" ".join(tokenize(normalise(paragraph, limit=5000))) if quote else "",
            words=" ".join(tokenize(normalise(document.citation.replace(" … ", " "))))
            if quote
            else "",
        )

    def _closure(self, entities: Iterable[str]) -> frozenset[str]:
        """`entities` and every entity related to one of them."""
        closure = set(entities)
        for entity_id in entities:
            closure |= self._related.get(entity_id, frozenset())
        return frozenset(closure)


class DocumentIndex(Protocol):
    """What the core asks of an index of documents."""

    @property
    def size(self) -> int:
        """How many documents there are."""
        ...

    def frequency(self, term: str) -> int:
        """How many documents hold `term`."""
        ...

    def frequencies(self, terms: Iterable[str]) -> dict[str, int]:
        """How many documents hold each of `terms`."""
        ...

    def vocabulary(self) -> Iterable[str]:
        """Every term some document holds."""
        ...

    def source_frequencies(self, terms: Iterable[str], source_id: str) -> dict[str, int]:
        """How many documents of one source hold each of `terms`: term weights are the
        source's own, so one source's words never weigh on another's answers."""
        ...

    def source_size(self, source_id: str) -> int:
        """How many documents one source has."""
        ...

    def prepare_sources(self, terms: Sequence[str], source_ids: Iterable[str]) -> None:
        """Fetch at once what `source_frequencies` will be asked for these sources."""
        ...

    def candidates(
        self,
        terms: Sequence[str],
        names: Iterable[str],
        *,
        kinds: frozenset[str] | None = None,
        limit: int = CANDIDATES,
    ) -> list[Indexed]:
        """Documents holding one of `terms` or search tokens `names`, in index order;
        at most `limit`, the best by full-text rank when there are more."""
        ...

    def get(self, key: str) -> Indexed | None:
        """The document with this key."""
        ...

    def tagged(self, name: str, kinds: frozenset[str], limit: int) -> list[Indexed]:
        """Documents of `kinds` carrying the search token `name`, in index order."""
        ...

    def spoken_by(self, entity_id: str, kinds: frozenset[str], limit: int) -> list[Indexed]:
        """Documents of `kinds` whose speakers include the entity, in index order."""
        ...

    def in_paragraph(self, source_id: str, paragraph: int) -> list[Indexed]:
        """Documents citing one paragraph, in index order."""
        ...

    def all_of_kind(self, kind: str, limit: int) -> list[Indexed] | None:
        """Every document of a kind when there are at most `limit`, else None."""
        ...

    def counts(self) -> dict[str, dict[str, int]]:
        """Per source: documents per kind, and "paragraphs"."""
        ...


class MemoryIndex:
    """A `DocumentIndex` held in memory, with posting lists per term and token."""

    def __init__(self, indexed: Sequence[Indexed], paragraphs: Mapping[str, int]) -> None:
        self._items = list(indexed)
        self._by_key = {i.document.key: i for i in self._items}
        self._by_term: dict[str, list[int]] = {}
        self._by_name: dict[str, list[int]] = {}
        self._by_paragraph: dict[tuple[str, int], list[int]] = {}
        self._paragraphs = dict(paragraphs)
        self._source_terms: dict[str, dict[str, int]] = {}
        self._source_sizes: dict[str, int] = {}
        for position, item in enumerate(self._items):
            source = item.document.source
            self._source_sizes[source] = self._source_sizes.get(source, 0) + 1
            counts = self._source_terms.setdefault(source, {})
            for term in item.terms:
                counts[term] = counts.get(term, 0) + 1
                self._by_term.setdefault(term, []).append(position)
            for name in item.names:
                self._by_name.setdefault(name, []).append(position)
            where = (item.document.source, item.document.paragraph)
            self._by_paragraph.setdefault(where, []).append(position)

    @property
    def size(self) -> int:
        return len(self._items)

    def frequency(self, term: str) -> int:
        return len(self._by_term.get(term, ()))

    def frequencies(self, terms: Iterable[str]) -> dict[str, int]:
        return {t: self.frequency(t) for t in terms}

    def vocabulary(self) -> Iterable[str]:
        return self._by_term.keys()

    def source_frequencies(self, terms: Iterable[str], source_id: str) -> dict[str, int]:
        counts = self._source_terms.get(source_id, {})
        return {t: counts.get(t, 0) for t in terms}

    def source_size(self, source_id: str) -> int:
        return self._source_sizes.get(source_id, 0)

    def prepare_sources(self, terms: Sequence[str], source_ids: Iterable[str]) -> None:
        return None  # everything is in memory already

    def candidates(
        self,
        terms: Sequence[str],
        names: Iterable[str],
        *,
        kinds: frozenset[str] | None = None,
        limit: int = CANDIDATES,
    ) -> list[Indexed]:
        found: set[int] = set()
        for term in terms:
            found.update(self._by_term.get(term, ()))
        for name in names:
            found.update(self._by_name.get(name, ()))
        return self._pick(found, kinds)

    def get(self, key: str) -> Indexed | None:
        return self._by_key.get(key)

    def tagged(self, name: str, kinds: frozenset[str], limit: int) -> list[Indexed]:
        return self._pick(self._by_name.get(name, ()), kinds)[:limit]

    def spoken_by(self, entity_id: str, kinds: frozenset[str], limit: int) -> list[Indexed]:
        return self.tagged(speaker_token(entity_id), kinds, limit)

    def in_paragraph(self, source_id: str, paragraph: int) -> list[Indexed]:
        return self._pick(self._by_paragraph.get((source_id, paragraph), ()), None)

    def all_of_kind(self, kind: str, limit: int) -> list[Indexed] | None:
        found = [i for i in self._items if i.document.kind == kind]
        return found if len(found) <= limit else None

    def counts(self) -> dict[str, dict[str, int]]:
        result: dict[str, dict[str, int]] = {
            s: {"paragraphs": n} for s, n in self._paragraphs.items()
        }
        for item in self._items:
            per_source = result.setdefault(item.document.source, {"paragraphs": 0})
            per_source[item.document.kind] = per_source.get(item.document.kind, 0) + 1
        return result

    def _pick(self, positions: Iterable[int], kinds: frozenset[str] | None) -> list[Indexed]:
        chosen = (self._items[p] for p in sorted(set(positions)))
        return [i for i in chosen if kinds is None or i.document.kind in kinds]


def memory_index(
    kb: KnowledgeBase, analyzer: Analyzer, documents: Sequence[Document]
) -> MemoryIndex:
    """Index `documents` of `kb` in memory."""
    featurizer = Featurizer.for_knowledge(kb, analyzer)
    indexed = [featurizer.index(d, n, _paragraph_text(kb, d)) for n, d in enumerate(documents)]
    return MemoryIndex(indexed, {s.id: len(s.paragraphs) for s in kb.sources.values()})


def _paragraph_text(kb: KnowledgeBase, document: Document) -> str:
    source = kb.sources.get(document.source)
    if document.kind != QUOTE or source is None or not source.paragraphs:
        return ""
    return source.paragraph(document.paragraph)


def index_documents(kb: KnowledgeBase) -> Iterator[Indexed]:
    """Every document of `kb` with its features, in index order (for a stored index)."""
    featurizer = Featurizer.for_knowledge(kb, Analyzer(kb.synonyms))
    for position, document in enumerate(build_documents(kb)):
        yield featurizer.index(document, position, _paragraph_text(kb, document))
