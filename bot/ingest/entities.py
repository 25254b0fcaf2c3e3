"""The entities of one article: the known ones it reuses and the new ones it introduces.

`KnownIndex` looks names and aliases up in the fact base. `Registry` is the article's
cast as it is read, paragraph by paragraph: a full name met for the first time is matched
to a known entity (by name or alias, then by first and last name) or becomes a new one;
a later "Ms. Surname" resolves to the full name the article gave before; roles come from
appositions and titles, with the verbatim span they rest on.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from bot.ingest.lexicon import (
    HONORIFICS,
    NAME_PARTICLES,
    SENTENCE_STARTERS,
    TITLE_MODIFIERS,
    TITLES,
)
from bot.knowledge.model import Entity, KnowledgeBase

_FOLD = str.maketrans({"’": "'", "‘": "'", "\u00a0": " "})
_SLUG = re.compile(r"[^a-z0-9]+")
_INITIAL = re.compile(r"^[A-Z]\.$")
_LEADING = (
    "the ",
    "a ",
    "an ",
    "some ",
    "many ",
    "several ",
    "most ",
    "other ",
    "their ",
    "its ",
    "his ",
    "her ",
    "our ",
)


def fold(text: str) -> str:
    """The form names are compared in: apostrophes folded, spaces collapsed, case folded."""
    return " ".join(text.translate(_FOLD).split()).casefold()


def slugify(text: str) -> str:
    """A lower-case id made of letters, digits and hyphens."""
    ascii_text = text.translate(_FOLD).encode("ascii", "ignore").decode()
    return _SLUG.sub("-", ascii_text.lower()).strip("-")


def strip_determiner(phrase: str) -> str:
    """A phrase without its leading article or quantifier ("some officials" -> "officials")."""
    folded = phrase
    for lead in _LEADING:
        if fold(folded).startswith(lead):
            folded = folded[len(lead) :]
    return folded


def without_initials(name: str) -> str:
    """A name without its middle initials: "Ana B. Roe" -> "ana roe" (folded)."""
    words = name.split()
    kept = [w for i, w in enumerate(words) if not (0 < i < len(words) - 1 and _INITIAL.match(w))]
    return fold(" ".join(kept))


@dataclass(frozen=True, slots=True)
class KnownEntity:
    """What the ingest needs of an entity already in the fact base. `aliases` are the
    names a new article may find it by (see `names_for_new_sources`)."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...]
    gender: str | None


def names_for_new_sources(entity: Entity) -> tuple[str, ...]:
    """The names by which another article may mean a known entity.

    A role or title belongs to the source that gave it ("the harbor master" is
    someone else in a newer article), and so does a bare surname: a person is found only
    by a full name ("Ana Roe", "Ana B. Roe"). A group ("U.S. officials", "analysts") is
    the group of its own article, never reused. Other entities keep their aliases.
    """
    if entity.kind == "group":
        return ()
    if entity.kind != "person":
        return tuple(dict.fromkeys((entity.name, *entity.aliases)))
    return tuple(a for a in dict.fromkeys((entity.name, *entity.aliases)) if is_full_name(a))


def is_full_name(text: str) -> bool:
    """A personal name of two or more capitalised words, no title or honorific among them."""
    words = text.split()
    if len(words) < 2:
        return False
    titles = {w for title in TITLES for w in title.split()} | set(HONORIFICS)
    for word in words:
        if word in titles or not (word[:1].isupper() or word.lower() in NAME_PARTICLES):
            return False
    return True


class KnownIndex:
    """Names and aliases of the entities already known, for lookup while reading."""

    def __init__(self, entities: list[KnownEntity]) -> None:
        self.entities = {e.id: e for e in entities}
        self._by_name: dict[str, list[str]] = {}
        self._by_short_name: dict[str, list[str]] = {}
        for entity in entities:
            for alias in (entity.name, *entity.aliases):
                self._add(self._by_name, fold(alias), entity.id)
                self._add(self._by_name, fold(strip_determiner(alias)), entity.id)
                if entity.kind == "person":
                    self._add(self._by_short_name, without_initials(alias), entity.id)

    @classmethod
    def from_knowledge(cls, kb: KnowledgeBase) -> KnownIndex:
        """The index of the shared entities of a loaded knowledge base, by the names a new
        article may use for them. Entities a source defines for itself are left out: a
        draft never depends on another source."""
        return cls(
            [
                KnownEntity(e.id, e.name, e.kind, names_for_new_sources(e), _gender_of(e.aliases))
                for e in kb.entities.values()
                if e.defined_in is None and names_for_new_sources(e)
            ]
        )

    @staticmethod
    def _add(index: dict[str, list[str]], key: str, entity_id: str) -> None:
        ids = index.setdefault(key, [])
        if entity_id not in ids:
            ids.append(entity_id)

    def lookup(self, phrase: str) -> list[str]:
        """Ids whose name or an alias is `phrase` (compared folded, article ignored)."""
        return list(
            self._by_name.get(fold(phrase)) or self._by_name.get(fold(strip_determiner(phrase)), [])
        )

    def person(self, full_name: str) -> str | None:
        """The known person with this full name, or None (also tried without initials)."""
        for ids in (
            self._by_name.get(fold(full_name), []),
            self._by_short_name.get(without_initials(full_name), []),
        ):
            people = [i for i in ids if self.entities[i].kind == "person"]
            if len(people) == 1:
                return people[0]
        return None

    def capitalised_aliases(self) -> list[tuple[str, str]]:
        """(alias, id) of every name or alias with a capital letter, longest first."""
        pairs = {
            (alias, entity.id)
            for entity in self.entities.values()
            for alias in (entity.name, *entity.aliases)
            if any(c.isupper() for c in alias)
        }
        return sorted(pairs, key=lambda pair: (-len(pair[0]), pair))


def _gender_of(aliases: tuple[str, ...]) -> str | None:
    for alias in aliases:
        if alias.startswith(("Mr. ", "Mr ")):
            return "male"
        if alias.startswith(("Ms. ", "Mrs. ", "Ms ", "Mrs ", "Miss ")):
            return "female"
    return None


@dataclass(slots=True)
class DraftRole:
    """A role as the article gives it: text, paragraph and the verbatim span."""

    text: str
    paragraph: int
    evidence: str


@dataclass(slots=True)
class DraftEntity:
    """An entity the article mentions: known (reused by id) or new (written to the draft)."""

    id: str
    name: str
    kind: str
    known: bool
    gender: str | None = None
    aliases: list[str] = field(default_factory=list)
    role: DraftRole | None = None
    related: list[str] = field(default_factory=list)
    confidence: float = 0.9
    surname_only: bool = False
    source_role: DraftRole | None = None
    """A known entity's role as this article gives it (`role` stays the new entities'):
    it goes to the draft's `roles.yaml`, never to the entity's aliases."""

    def add_alias(self, alias: str) -> None:
        """Add an alias unless it is there already (compared folded) or is the name."""
        alias = " ".join(alias.split())
        if alias and fold(alias) not in {fold(a) for a in (*self.aliases, self.name)}:
            self.aliases.append(alias)

    def add_role_alias(self, role: str) -> None:
        """Add a role as an alias when it can name one person (`names_its_holder`)."""
        if names_its_holder(role):
            self.add_alias(role)

    @property
    def surname(self) -> str:
        """The last word of a person's name."""
        return self.name.split()[-1]


_ROLE_ALIAS_WORDS = 2
"""The fewest words (articles aside) a role needs to stand as a name of its holder."""
_TITLE_WORDS = frozenset(w.casefold() for title in TITLES for w in title.split())
_MODIFIERS = frozenset(w.casefold() for w in TITLE_MODIFIERS)


def names_its_holder(role: str) -> bool:
    """Whether a role can stand as a name of the one person who holds it: two words or
    more beside its article ("the Crown prosecutor", "U.N. secretary-general"), and not a
    title alone, however written ("president", "wife", "former Mayor"), which every story
    uses of someone."""
    words = strip_determiner(role).casefold().split()
    return len(words) >= _ROLE_ALIAS_WORDS and not all(
        w in _TITLE_WORDS or w in _MODIFIERS for w in words
    )


def _middle_names_left_out(one: str, other: str) -> bool:
    """Whether two names are one person's, written with and without the names between
    the given name and the family name ("Cristina Fernández de Kirchner" and "Cristina
    Kirchner"): the same first and last word, the shorter one two words long."""
    a, b = fold(without_initials(one)).split(), fold(without_initials(other)).split()
    shorter, longer = sorted((a, b), key=len)
    return len(shorter) == 2 and len(longer) > 2 and shorter == [longer[0], longer[-1]]


_VOWELS = frozenset("aeiouy")
_NOT_GIVEN_NAMES = (
    frozenset(HONORIFICS)
    | {word for title in TITLES for word in title.split()}
    | SENTENCE_STARTERS
    | TITLE_MODIFIERS
)
"""Capitalised words before a surname that are no given name ("President Obama"): the
lexicon's honorifics, title words, modifiers of titles and sentence openers."""


def _given_name_misspelt(one: str, other: str) -> bool:
    """Whether two names are one person's with a vowel of the given name misspelt in one
    of them ("Kristin Wilkins" and "Kristen Wilkins"): the same family name, given names of
    four letters or more that differ in one vowel, neither the first letter nor the last
    (which tell "Maria" from "Mario")."""
    a, b = fold(without_initials(one)).split(), fold(without_initials(other)).split()
    if len(a) != 2 or len(b) != 2 or a[1] != b[1] or len(a[0]) != len(b[0]) or len(a[0]) < 4:
        return False
    changed = [i for i, (x, y) in enumerate(zip(a[0], b[0], strict=True)) if x != y]
    return (
        len(changed) == 1
        and 0 < changed[0] < len(a[0]) - 1
        and {a[0][changed[0]], b[0][changed[0]]} <= _VOWELS
    )


class Registry:
    """The cast of one article, known and new, with ids that clash with nothing."""

    def __init__(self, known: KnownIndex, taken_ids: set[str]) -> None:
        self.known = known
        self.entities: dict[str, DraftEntity] = {}
        self.taken = set(taken_ids) | set(known.entities)
        self._people: dict[str, str] = {}  # folded full name -> id
        self.written: Counter[str] = Counter()
        """How often the article writes each run of capitalised words (read first): of two
        spellings of one name, the one it writes more is the name."""
        self._by_name: dict[tuple[str, str], str] = {}  # (kind, folded name) -> id

    # -- people -------------------------------------------------------------------------

    def person(self, name: str, *, gender: str | None, confidence: float) -> DraftEntity:
        """The person called `name` ("Ana B. Roe", or a bare surname after a title)."""
        words = name.split()
        if len(words) == 1:
            entity = self._surname(name, gender=gender, confidence=confidence)
        elif fold(name) in self._people:
            entity = self.entities[self._people[fold(name)]]
        else:
            entity = self._new_or_known_person(name, confidence)
        if gender and not entity.gender:
            entity.gender = gender
        return entity

    def _new_or_known_person(self, name: str, confidence: float) -> DraftEntity:
        known_id = self.known.person(name)
        short = without_initials(name)
        same = [
            e
            for e in self.entities.values()
            if e.kind == "person"
            and (
                without_initials(e.name) == short
                or (e.surname_only and e.name == name.rsplit(maxsplit=1)[-1])
                or _middle_names_left_out(e.name, name)
                or _given_name_misspelt(e.name, name)
            )
        ]
        if known_id is not None:
            entity = self._use_known(known_id)
        elif same:
            entity = same[0]
            if entity.surname_only and not entity.known:
                entity.add_alias(entity.name)
                entity.name, entity.surname_only = name, False
            elif not entity.known and self.written[name] > self.written[entity.name]:
                entity.name, written_first = name, entity.name  # "Kristin" once, "Kristen" more
                entity.add_alias(written_first)
        else:
            entity = self._create(name, "person", confidence, id_hint=name.rsplit(maxsplit=1)[-1])
            entity.add_alias(entity.surname)
            if short != fold(name):
                entity.add_alias(" ".join(w for w in name.split() if not _INITIAL.match(w)))
        self._people[fold(name)] = entity.id
        return entity

    def _surname(self, surname: str, *, gender: str | None, confidence: float) -> DraftEntity:
        found = self.known_surname(surname, gender=gender)
        if found is not None:
            return found
        known = [
            i
            for i in self.known.lookup(surname)
            if self.known.entities[i].kind == "person"
            and not (gender and self.known.entities[i].gender not in (None, gender))
        ]
        if len(known) == 1:
            entity = self._use_known(known[0])
            entity.confidence = min(entity.confidence, 0.7)
            return entity
        full = self._written_in_full(surname)
        if full is not None:  # "the new Barack Obama administration" ... "President Obama"
            entity = self._new_or_known_person(full, min(confidence, 0.8))
            if gender and not entity.gender:
                entity.gender = gender
            return entity
        entity = self._create(surname, "person", min(confidence, 0.7), id_hint=surname)
        entity.surname_only, entity.gender = True, gender
        return entity

    def _written_in_full(self, surname: str) -> str | None:
        """The one name of two words the article writes that ends in `surname`, if
        there is exactly one ("Barack Obama" for "President Obama"), else None."""
        key = fold(surname)
        names = {
            run
            for run in self.written
            if len(words := run.split()) == 2
            and fold(words[1]) == key
            and words[0] not in _NOT_GIVEN_NAMES
            and words[0].isalpha()
        }
        return names.pop() if len(names) == 1 else None

    def known_surname(self, surname: str, *, gender: str | None = None) -> DraftEntity | None:
        """The article's person called `surname` (the last word of the name, or the first
        of a two-word name written family name first), latest named first."""
        people = [
            e
            for e in reversed(list(self.entities.values()))
            if e.kind == "person" and not (gender and e.gender and e.gender != gender)
        ]
        for entity in people:
            if fold(entity.surname) == fold(surname):
                return entity
        for entity in people:
            words = entity.name.split()
            if len(words) == 2 and fold(words[0]) == fold(surname):
                if not entity.known:
                    # the family name comes first: "Mr. Lu" for "Lu Ping"
                    given = fold(words[1])
                    entity.aliases = [a for a in entity.aliases if fold(a.split()[-1]) != given]
                return entity
        return None

    # -- everything else ----------------------------------------------------------------

    def named(self, name: str, kind: str, *, confidence: float) -> DraftEntity:
        """The entity of `kind` called `name`: known if an alias matches, else new."""
        ids = self.known.lookup(name)
        preferred = [i for i in ids if self.known.entities[i].kind == kind] or ids
        if preferred:
            return self._use_known(preferred[0])
        key = (kind, fold(strip_determiner(name)))
        if key in self._by_name:
            return self.entities[self._by_name[key]]
        existing = self.existing(name)
        if existing is not None and existing.kind in ("place", "country") and kind == "country":
            existing.kind = "country"  # a place the article shows to be a country
            return existing
        described = kind in ("group", "organisation") and name[:1].islower()
        plain = kind in ("group", "document")
        label = strip_determiner(name) if described or plain else name
        label = label[:1].upper() + label[1:]
        entity = self._create(label, kind, confidence, id_hint=label)
        if fold(label) != fold(name):
            entity.add_alias(name)
        self._by_name[key] = entity.id
        return entity

    def existing(self, name: str) -> DraftEntity | None:
        """A new entity of this article already called `name`, if any."""
        key = fold(name)
        for entity in self.entities.values():
            if not entity.known and fold(entity.name) == key:
                return entity
        return None

    def use(self, entity_id: str) -> DraftEntity:
        """The draft entry of a known or drafted entity id."""
        if entity_id in self.entities:
            return self.entities[entity_id]
        return self._use_known(entity_id)

    def _use_known(self, entity_id: str) -> DraftEntity:
        if entity_id not in self.entities:
            known = self.known.entities[entity_id]
            self.entities[entity_id] = DraftEntity(
                id=known.id,
                name=known.name,
                kind=known.kind,
                known=True,
                gender=known.gender,
                aliases=list(known.aliases),
                confidence=1.0,
            )
        return self.entities[entity_id]

    def _create(self, name: str, kind: str, confidence: float, *, id_hint: str) -> DraftEntity:
        entity = DraftEntity(
            id=self.new_id(id_hint, fallback=name), name=name, kind=kind, known=False
        )
        entity.confidence = confidence
        self.entities[entity.id] = entity
        return entity

    def new_id(self, hint: str, *, fallback: str = "entity") -> str:
        """An entity id made from `hint` (or `fallback`) that no entity uses yet."""
        base = slugify(hint)[:60].strip("-") or slugify(fallback)[:60].strip("-") or "entity"
        if base in self.taken and slugify(fallback) and slugify(fallback)[:60] not in self.taken:
            base = slugify(fallback)[:60].strip("-")
        candidate, number = base, 2
        while candidate in self.taken:
            candidate, number = f"{base}-{number}", number + 1
        self.taken.add(candidate)
        return candidate

    def new_entities(self) -> list[DraftEntity]:
        """The entities this article introduces, in the order it introduced them."""
        return [e for e in self.entities.values() if not e.known]
