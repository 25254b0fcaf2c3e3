"""Turn an article into the text of a draft source: the pure part of the ingest.

`draft_source` reads the article against the entities already known and returns the
files of `knowledge/sources/<slug>/` as text (`source.yaml`, `article.txt`,
`quotes.yaml`, `facts.yaml`, `entities.yaml` when the article introduces entities, and
`roles.yaml` when it gives a known person a role other than the shared one), with
everything marked `reviewed: false` and given a confidence. It writes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.ingest.attribution import Attributor, DraftQuote, Paragraph, Unattributed
from bot.ingest.entities import (
    DraftEntity,
    KnownIndex,
    Registry,
    fold,
    names_its_holder,
    slugify,
    strip_determiner,
)
from bot.ingest.facts import DraftFact, draft_facts
from bot.ingest.mentions import MentionFinder
from bot.ingest.reading import Article
from bot.ingest.segments import segment
from bot.ingest.yamlout import document, quoted, record, scalar
from bot.knowledge.loader import DEFAULT_FURNITURE
from bot.knowledge.model import KnowledgeBase, Role, Topic

_STOPWORDS = frozenset(
    "a an the and or but of to in on at for with by from as is are was were be been it its "
    "this that these those i we you he she they our their his her my your what which who "
    "not no so if than then there here have has had do does did will would can could may "
    "might must should also very just about into over".split()
)
_WORD = re.compile(r"[A-Za-z0-9]+(?:[’'][A-Za-z]+)?")
_MIN_TOPIC_ALIAS = 4
LOW_CONFIDENCE = 0.7
"""Items below this confidence are counted apart in the report: look at them first."""


@dataclass(frozen=True, slots=True)
class Draft:
    """The files of a draft source, and what went into them."""

    slug: str
    files: dict[str, str]
    paragraphs: int
    quotes: int
    facts: int
    new_entities: tuple[str, ...]
    known_entities: tuple[str, ...]
    unattributed: tuple[Unattributed, ...]
    low_confidence: int
    source_roles: tuple[str, ...] = ()
    """Known entities this article gives a role of its own (its `roles.yaml`)."""


def draft_source(
    article: Article,
    slug: str,
    kb: KnowledgeBase,
    *,
    contributors: Sequence[str] = (),
    origin: str = "",
) -> Draft:
    """Draft the files of source `slug` from `article`, reusing the entities of `kb`."""
    taken = set(kb.entities)
    registry = Registry(KnownIndex.from_knowledge(kb), taken)
    finder = MentionFinder(registry)
    segs = [segment(number, text) for number, text in enumerate(article.paragraphs, start=1)]
    finder.prepare(segs)
    paragraphs = [Paragraph(seg, finder.find(seg)) for seg in segs]
    quotes, unattributed = Attributor(registry, paragraphs).run()
    facts = draft_facts(paragraphs, registry)
    writer = _Writer(slug, registry, paragraphs, kb.topics)
    quote_records = [writer.quote(q) for q in quotes]
    fact_records = [writer.fact(f) for f in facts]
    entities = writer.written_entities()
    files = {
        "source.yaml": writer.source(article, contributors, origin),
        "article.txt": article.text,
        "quotes.yaml": document(_QUOTES_HEADER, quote_records, _left_out(unattributed)),
        "facts.yaml": document(_FACTS_HEADER, fact_records),
    }
    if entities:
        files["entities.yaml"] = document(_ENTITIES_HEADER, [writer.entity(e) for e in entities])
    roles = [
        e
        for e in registry.entities.values()
        if e.known
        and e.source_role is not None
        and e.id in kb.entities
        and not same_role(e.source_role.text, kb.entities[e.id].role)
    ]
    if roles:
        files["roles.yaml"] = document(
            _ROLES_HEADER, [writer.source_role(e, kb.entities[e.id].role) for e in roles]
        )
    low = sum(q.confidence < LOW_CONFIDENCE for q in quotes) + sum(
        f.confidence < LOW_CONFIDENCE for f in facts
    )
    used = writer.used_entities
    return Draft(
        slug=slug,
        files=files,
        paragraphs=len(article.paragraphs),
        quotes=len(quotes),
        facts=len(facts),
        new_entities=tuple(e.id for e in entities),
        known_entities=tuple(sorted(i for i in used if registry.use(i).known)),
        unattributed=tuple(unattributed),
        low_confidence=low,
        source_roles=tuple(e.id for e in roles),
    )


def same_role(text: str, shared: Role | None) -> bool:
    """Whether an article's role for a known person says what the shared role says, or
    part of it from its start ("former Mayor" of "former Mayor, the harbor party's
    candidate"), articles and case aside."""
    if shared is None:
        return False
    new, old = (fold(strip_determiner(t)).rstrip(" ,.") for t in (text, shared.text))
    return old == new or (old.startswith(new) and old[len(new)] in " ,;")


_DRAFT_NOTE = (
    "DRAFT written by `envoy ingest`: every item is `reviewed: false` until an "
    "editor checks it and runs `envoy knowledge review --approve ID`. "
    "`confidence` says how sure the rules were (0..1)."
)
_QUOTES_HEADER = (
    _DRAFT_NOTE,
    "",
    "Every quotation the rules could attribute, verbatim (without the quotation marks).",
    "The comment under each id says which rule found the speaker.",
    "",
    "Schema: as knowledge/sources/*/quotes.yaml: id, speakers, paragraph, text (pieces",
    "joined by ' … '), partial, when/where (the article's words), topics, about,",
    "reviewed, confidence.",
)
_FACTS_HEADER = (
    _DRAFT_NOTE,
    "",
    "Candidate facts: sentences or clauses that give a date, a place or a number. The",
    "statement is the evidence itself, trimmed; rewrite it as a short neutral sentence",
    "that keeps the article's attribution, and add topics and better questions.",
    "",
    "Schema: as knowledge/sources/*/facts.yaml: id, paragraph, statement, evidence",
    "(verbatim), attribution, entities, topics, answers, questions, reviewed, confidence.",
)
_ROLES_HEADER = (
    _DRAFT_NOTE,
    "",
    "Known people this article gives a role other than their role in",
    "knowledge/entities.yaml. A role belongs to its source and date: answers name each",
    "role as of its source. This is no merge: it is the same person only if the id is",
    "right; if the article means someone else, delete the record (and add the person to",
    "this source's entities.yaml).",
    "",
    "Schema: id (the entity's id in knowledge/entities.yaml), role (as the article words",
    "it), paragraph, evidence (verbatim), reviewed, confidence.",
)
_ENTITIES_HEADER = (
    _DRAFT_NOTE,
    "",
    "Entities this source names for the first time (known ones are reused by id). Move",
    "them to knowledge/entities.yaml once reviewed, if other sources will name them too.",
    "",
    "Schema: as knowledge/entities.yaml: id, name, kind, role {text, source, paragraph,",
    "evidence (verbatim)}, aliases, related, reviewed, confidence.",
)


def _left_out(unattributed: Sequence[Unattributed]) -> list[str]:
    if not unattributed:
        return []
    lines = ["Quotations left out, no speaker found (add them by hand if they are quotes):"]
    for item in unattributed:
        lines.append(f"  paragraph {item.paragraph}: “{item.text}” ({item.reason})")
    return lines


class _Writer:
    """Renders records and gives them ids unique within the draft."""

    def __init__(
        self,
        slug: str,
        registry: Registry,
        paragraphs: list[Paragraph],
        topics: dict[str, Topic],
    ) -> None:
        self.slug = slug
        self.registry = registry
        self.paragraphs = paragraphs
        self.topics = topics
        self.ids: set[str] = set(registry.taken)
        self.used_entities: list[str] = []

    def _use(self, ids: Sequence[str]) -> tuple[str, ...]:
        for entity_id in ids:
            if entity_id not in self.used_entities:
                self.used_entities.append(entity_id)
        return tuple(ids)

    def _id(self, *parts: str) -> str:
        base = "-".join(p for p in (slugify(part) for part in parts) if p)[:70].strip("-")
        base = base or "item"
        candidate, number = base, 2
        while candidate in self.ids:
            candidate, number = f"{base}-{number}", number + 1
        self.ids.add(candidate)
        return candidate

    def quote(self, quote: DraftQuote) -> str:
        seg = self.paragraphs[quote.paragraph - 1].seg
        text = quote.text(seg)
        about = [
            i
            for m in self.paragraphs[quote.paragraph - 1].mentions
            if m.in_quote and any(p.inner_start <= m.start < p.close for p in quote.pieces)
            for i in m.ids[:1]
            if i not in quote.speakers
        ]
        fields: list[tuple[str, object]] = [
            ("id", self._id(quote.speakers[0], *_keywords(text, 3))),
            ("speakers", self._use(quote.speakers)),
            ("paragraph", quote.paragraph),
            ("text", text),
            ("partial", quote.partial),
        ]
        if quote.when:
            fields.append(("when", quote.when))
        if quote.where:
            fields.append(("where", quote.where))
        topics = self._topics(text)
        if topics:
            fields.append(("topics", topics))
        if about:
            fields.append(("about", self._use(list(dict.fromkeys(about)))))
        fields += [("reviewed", False), ("confidence", quote.confidence)]
        return record(fields, [f"attribution: {quote.rule}"])

    def fact(self, fact: DraftFact) -> str:
        fields: list[tuple[str, object]] = [
            ("id", self._id(*_keywords(fact.evidence, 4))),
            ("paragraph", fact.paragraph),
            ("statement", fact.statement),
            ("evidence", fact.evidence),
        ]
        if fact.attribution:
            fields.append(("attribution", fact.attribution))
        if fact.entities:
            fields.append(("entities", self._use(fact.entities)))
        if fact.context:
            fields.append(("context", self._use(fact.context)))
        topics = self._topics(fact.evidence)
        if topics:
            fields.append(("topics", topics))
        fields.append(("answers", tuple(fact.answers)))
        if fact.questions:
            fields.append(("questions", list(fact.questions)))
        fields += [("reviewed", False), ("confidence", fact.confidence)]
        cues = "; ".join(f"{c.kind} '{c.text}'" for c in fact.cues)
        return record(fields, [f"found: {cues}"])

    def written_entities(self) -> list[DraftEntity]:
        """New entities to write: every new person, and the others something refers to."""
        wanted = [e for e in self.registry.new_entities() if e.kind == "person"]
        wanted += [self.registry.use(i) for i in self.used_entities]
        result: list[DraftEntity] = []
        while wanted:
            entity = wanted.pop(0)
            if entity.known or entity in result:
                continue
            result.append(entity)
            wanted.extend(self.registry.use(i) for i in entity.related)
        order = {e.id: n for n, e in enumerate(self.registry.new_entities())}
        return sorted(result, key=lambda e: order[e.id])

    def entity(self, entity: DraftEntity) -> str:
        fields: list[tuple[str, object]] = [
            ("id", entity.id),
            ("name", entity.name),
            ("kind", entity.kind),
        ]
        if entity.role is not None:
            role = entity.role
            fields.append(
                (
                    "role",
                    {
                        "text": role.text,
                        "source": self.slug,
                        "paragraph": role.paragraph,
                        "evidence": role.evidence,
                    },
                )
            )
        aliases = [a for a in entity.aliases if fold(a) != fold(entity.name)]
        if entity.role is not None and names_its_holder(entity.role.text):
            for alias in (entity.role.text, _without_article(entity.role.text)):
                if fold(alias) not in {fold(a) for a in aliases}:
                    aliases.append(alias)
        if aliases:
            fields.append(("aliases", aliases))
        if entity.related:
            fields.append(("related", tuple(entity.related)))
        fields += [("reviewed", False), ("confidence", round(entity.confidence, 2))]
        notes = [f"gender from the article: {entity.gender}"] if entity.gender else []
        return record(fields, notes)

    def source_role(self, entity: DraftEntity, shared: Role | None) -> str:
        """The `roles.yaml` record of a known entity's role as this article gives it."""
        assert entity.source_role is not None
        role = entity.source_role
        fields: list[tuple[str, object]] = [
            ("id", entity.id),
            ("role", role.text),
            ("paragraph", role.paragraph),
            ("evidence", role.evidence),
            ("reviewed", False),
            ("confidence", round(min(entity.confidence, 0.9), 2)),
        ]
        where = f" ({shared.source})" if shared is not None else ""
        notes = [
            f"{entity.name}; shared role: {shared.text if shared else 'none'}{where}",
        ]
        return record(fields, notes)

    def source(self, article: Article, contributors: Sequence[str], origin: str) -> str:
        lines = [
            f"# {_DRAFT_NOTE}",
            "# Metadata of one source. What the article does not say is recorded as unknown",
            "# (null), never guessed.",
        ]
        if origin:
            lines.append(f"# Ingested from {' '.join(origin.split())}.")
        lines += [f"id: {self.slug}", f"title: {quoted(article.title)}", "text: article.txt"]
        if contributors:
            lines.append("contributors:")
            for name in contributors:
                lines.append(f"  - name: {scalar(name)}")
                entity = self._contributor_entity(name)
                if entity is not None:
                    lines.append(f"    entity: {entity}")
        lines += [
            "outlet: null        # not given to the ingest",
            "published: null     # not given to the ingest",
            "url: null           # not given to the ingest",
        ]
        if tuple(article.furniture) != DEFAULT_FURNITURE:
            lines.append("furniture:")
            lines.extend(f"  - {scalar(line)}" for line in article.furniture)
        return "\n".join(lines) + "\n"

    def _contributor_entity(self, name: str) -> str | None:
        for entity in self.registry.entities.values():
            if entity.kind == "person" and fold(entity.name) == fold(name):
                return entity.id
        return self.registry.known.person(name)

    def _topics(self, text: str) -> tuple[str, ...]:
        folded = " " + " ".join(_WORD.findall(fold(text))) + " "
        found = []
        for topic in self.topics.values():
            for alias in (topic.name, *topic.aliases):
                words = " ".join(_WORD.findall(fold(alias)))
                if len(words) >= _MIN_TOPIC_ALIAS and f" {words} " in folded:
                    found.append(topic.id)
                    break
        return tuple(found)


def _keywords(text: str, count: int) -> list[str]:
    words = [w for w in _WORD.findall(text) if w.lower() not in _STOPWORDS]
    return [w.replace("’", "").replace("'", "") for w in words[:count]]


def _without_article(text: str) -> str:
    for lead in ("the ", "a ", "an "):
        if text.lower().startswith(lead):
            return text[len(lead) :]
    return text
