"""Typed values of the fact base, shared by the loader, storage and matching.

They are plain frozen dataclasses: the YAML files and the database both turn into these,
and everything downstream reads only these.
"""

from __future__ import annotations

from dataclasses import dataclass

ANSWER_KINDS = frozenset({"who", "when", "where", "why", "how-many", "how-long", "position"})
ENTITY_KINDS = frozenset({"person", "organisation", "country", "place", "group", "document"})
"""A `document` is a text that speaks in a source: a statement, a letter, a banner."""
QUOTE_SEPARATOR = " … "
"""Joins the pieces of one quotation that the article interrupts with its attribution."""


@dataclass(frozen=True, slots=True)
class Contributor:
    """A person the article credits, as it credits them."""

    name: str
    entity: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Source:
    """One article: its metadata and its numbered paragraphs (paragraph 1 is index 0)."""

    id: str
    title: str
    paragraphs: tuple[str, ...]
    contributors: tuple[Contributor, ...] = ()
    outlet: str | None = None
    published: str | None = None
    url: str | None = None

    def paragraph(self, number: int) -> str:
        """The text of paragraph `number` (1-based)."""
        return self.paragraphs[number - 1]


@dataclass(frozen=True, slots=True)
class Role:
    """A role or title as the article gives it, with where it says so."""

    text: str
    source: str
    paragraph: int
    evidence: str


@dataclass(frozen=True, slots=True)
class SourceRole:
    """The role one source gives a shared entity, as of that source: `role.source` says
    which, and the role is cited to its paragraph like any other. It describes the entity
    only in that source's words; it is no alias and never names anyone in another source."""

    entity: str
    role: Role
    reviewed: bool = True


@dataclass(frozen=True, slots=True)
class Entity:
    """A person, organisation, country, place or group the sources name."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    role: Role | None = None
    related: tuple[str, ...] = ()
    reviewed: bool = True
    defined_in: str | None = None
    """The source whose own `entities.yaml` defines the entity; None for the shared
    `knowledge/entities.yaml`. Another source may not use an entity one source defines."""

    @property
    def in_running_text(self) -> str:
        """The name as a sentence uses it: "the Crimean Peninsula" when an alias gives the
        name with "the" before it, else the name as it is."""
        definite = f"the {self.name}".casefold()
        if any(alias.casefold() == definite for alias in self.aliases):
            return f"the {self.name}"
        return self.name


@dataclass(frozen=True, slots=True)
class Topic:
    """A theme that ties facts and quotes together."""

    id: str
    name: str
    summary: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Quote:
    """A verbatim quotation with its speaker(s) and the context the article gives."""

    id: str
    source: str
    speakers: tuple[str, ...]
    paragraph: int
    text: str
    partial: bool
    when: str | None = None
    where: str | None = None
    audience: str | None = None
    topics: tuple[str, ...] = ()
    about: tuple[str, ...] = ()
    reviewed: bool = True

    @property
    def pieces(self) -> tuple[str, ...]:
        """The verbatim pieces of the quotation, in order."""
        return tuple(self.text.split(QUOTE_SEPARATOR))


@dataclass(frozen=True, slots=True)
class Fact:
    """A claim, event, date, place, number or position, with its verbatim evidence."""

    id: str
    source: str
    paragraph: int
    statement: str
    evidence: str
    attribution: str | None = None
    entities: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    answers: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()
    reviewed: bool = True
    context: tuple[str, ...] = ()
    """Entities the evidence's paragraph names and the evidence itself does not: what the
    fact is about, not what it says of them (a drafted sentence's neighbours)."""


@dataclass(frozen=True, slots=True)
class KnowledgeBase:
    """Everything Envoy knows, validated. `content_hash` identifies the files it came from."""

    sources: dict[str, Source]
    entities: dict[str, Entity]
    topics: dict[str, Topic]
    quotes: tuple[Quote, ...]
    facts: tuple[Fact, ...]
    synonyms: tuple[tuple[str, ...], ...] = ()
    content_hash: str = ""
    set_aside: tuple[str, ...] = ()
    """Draft sources left out because their files do not load (see `load_knowledge`)."""
    source_roles: tuple[SourceRole, ...] = ()
    """Roles sources give shared entities in their own `roles.yaml`."""

    def roles_by_source(self, entity_id: str) -> tuple[Role, ...]:
        """Every role the sources give an entity, one per source: the shared role first
        (as the source it cites gives it), then each source's own, oldest first (by the
        date of publication, undated ones last, then by title). Empty when no source
        gives the entity a role of its own: its shared role, if any, is then all there is
        and answers stay as they are."""
        own = [r.role for r in self.source_roles if r.entity == entity_id]
        if not own:
            return ()
        entity = self.entities.get(entity_id)
        shared = entity.role if entity is not None else None

        def order(role: Role) -> tuple[bool, str, str, str]:
            source = self.sources.get(role.source)
            published = source.published if source is not None else None
            title = source.title if source is not None else role.source
            return (published is None, published or "", title, role.source)

        return (*([shared] if shared is not None else []), *sorted(own, key=order))

    def source_title(self, source_id: str) -> str:
        """The title of a source, for citations."""
        return self.sources[source_id].title

    def speaker_names(self, quote: Quote) -> str:
        """Speakers of a quote joined for a sentence: "A", "A and B"."""
        names = [self.entities[s].name for s in quote.speakers]
        if len(names) <= 2:
            return " and ".join(names)
        return ", ".join(names[:-1]) + " and " + names[-1]
