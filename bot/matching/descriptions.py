"""Ways to name a person by what they are: a country or body, and a role or a plain noun.

People write "the UK's top diplomat" where the knowledge lists "Britain's top diplomat",
"the CEPA lady" for the president of the Center for European Policy Analysis, and "the
armed services dem" for the top Democrat on the Armed Services Committee. Three rules
compose such descriptions from what the knowledge already holds, for every person:

- a country or body named inside one of the person's names or roles may be named by any
  other of its own short names ("Britain's" as "UK", "British");
- a person who is the only one a country or body is linked to (by `related`, or named in
  their role) may be called by it and a plain word for a person ("the CEPA lady");
- a word of a title may be written as its common English abbreviation ("sec", "dem").

A description two people would share is dropped, so none of them picks one at random.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from bot.knowledge import KnowledgeBase
from bot.text import normalise, tokenize

PERSON_NOUNS = (
    "guy man woman lady official minister diplomat politician leader person dude chap"
).split()
"""Plain words for a person, joined to a country or body that only one person stands for."""
OFFICE_NOUNS = (
    "secretary minister director president leader adviser advisor aide chairman chairwoman "
    "chair chief head boss official spokesman spokeswoman spokesperson ambassador envoy "
    "diplomat senator representative lawmaker congressman congresswoman general commander "
    "governor mayor deputy counsel lawyer negotiator premier chancellor prosecutor"
).split()
"""English nouns for a person by the office they hold (a closed class, the same whatever
the knowledge holds): "Biden's national security chief" describes a person."""
_NOUNS_OF = {
    "male": frozenset({"woman", "lady"}),
    "female": frozenset({"guy", "man", "dude", "chap"}),
}
"""The plain words that do not fit a person the knowledge calls Mr. or Ms."""
HONORIFICS = {"mr": "male", "ms": "female", "mrs": "female", "miss": "female"}
_HONORIFICS = HONORIFICS

ABBREVIATIONS = {
    "secretary": ("sec", "secy"),
    "democrat": ("dem",),
    "democratic": ("dem",),
    "republican": ("rep", "gop"),
    "representative": ("rep",),
    "senator": ("sen",),
    "president": ("pres", "prez"),
    "minister": ("min",),
    "administration": ("admin",),
    "intelligence": ("intel",),
    "director": ("dir",),
    "government": ("govt", "gov"),
    "committee": ("cmte",),
    "general": ("gen",),
}
"""Common English shorthand for words of titles (not names)."""

_BODY_KINDS = frozenset({"country", "organisation"})
_MAX_NAME_WORDS = 3
_MAX_ACRONYM = 4


def described_aliases(kb: KnowledgeBase) -> dict[str, list[str]]:
    """For each person, descriptions composed by the rules above that no one else shares
    and that are no existing alias of another entity."""
    short_names = {
        e.id: _short_names(e.name, e.aliases) for e in kb.entities.values() if e.kind in _BODY_KINDS
    }
    composed: dict[str, set[str]] = {}
    linked: dict[str, set[str]] = {}
    shortened: dict[str, set[str]] = {}  # a variant written short: the words it shortens
    for person in kb.entities.values():
        if person.kind != "person":
            continue
        texts = [person.name, *person.aliases]
        if person.role is not None:
            texts.append(person.role.text)
        found: set[str] = set()
        bodies = {b for b in person.related if b in short_names}
        for text in texts:
            words = tokenize(normalise(text))
            spans = [
                (body, span)
                for body, names in short_names.items()
                for span in _spans_of(words, names)
            ]
            bodies.update(body for body, _ in spans)
            if len(spans) != 1 or not _describes(words, spans[0][1]):
                continue
            body, (start, end) = spans[0]
            for other in short_names[body]:
                found.add(" ".join([*words[:start], *other, *words[end:]]))
        heads = _role_heads(person.role.text, short_names) if person.role else set()
        heads -= set(PERSON_NOUNS)  # "official" alone tells no one apart
        acronym = _acronym(person.role.text) if person.role else None
        if acronym is not None:
            found.add(acronym)  # "the NSA" for "the national security adviser"
            heads.add(acronym)
        for body in bodies:
            for name in short_names[body]:
                found.update(f"{' '.join(name)} {head}" for head in heads)
        for text in [*found, person.name, *person.aliases]:  # not a bare role
            for variant in _abbreviated(text):
                shortened.setdefault(variant, set()).add(" ".join(tokenize(normalise(text))))
                found.add(variant)
        composed[person.id] = found
        for body in bodies:
            linked.setdefault(body, set()).add(person.id)
    for body, people in linked.items():
        if len(people) != 1:
            continue
        (only,) = people
        unfit = _NOUNS_OF.get(_gender(kb.entities[only].aliases) or "", frozenset())
        nouns = [n for n in PERSON_NOUNS if n not in unfit]
        for name in short_names[body]:
            composed[only].update(f"{' '.join(name)} {noun}" for noun in nouns)
    owners: dict[str, set[str]] = {}
    for person_id, aliases in composed.items():
        for alias in aliases:
            owners.setdefault(alias, set()).add(person_id)
    taken = {
        " ".join(tokenize(normalise(a))) for e in kb.entities.values() for a in (e.name, *e.aliases)
    }
    own = {
        entity_id: {" ".join(tokenize(normalise(a))) for a in (e.name, *e.aliases)}
        for entity_id, e in kb.entities.items()
    }
    for entity_id, spellings in own.items():
        for spelt in spellings:
            owners.setdefault(spelt, set()).add(entity_id)

    def unshared(alias: str) -> bool:
        # written short, it is no less shared than the words it shortens
        return len(owners[alias]) == 1 and all(
            len(owners.get(s, set())) <= 1 for s in shortened.get(alias, ())
        )

    return {
        person_id: sorted(
            a for a in aliases if a and unshared(a) and (a not in taken or a in own[person_id])
        )
        for person_id, aliases in composed.items()
    }


def plain_nouns_for(kb: KnowledgeBase, entity_id: str) -> frozenset[str]:
    """The plain words for a person that fit this entity ("the British foreign secretary
    guy", "the German foreign minister lady"): none for a body, and none that the
    honorific the article gives contradicts."""
    entity = kb.entities.get(entity_id)
    if entity is None or entity.kind != "person":
        return frozenset()
    unfit = _NOUNS_OF.get(_gender(entity.aliases) or "", frozenset())
    return frozenset(n for n in PERSON_NOUNS if n not in unfit)


def _gender(aliases: Iterable[str]) -> str | None:
    """ "male" or "female" when an alias gives the person an honorific ("Mr. Smith")."""
    for alias in aliases:
        words = tokenize(normalise(alias))
        if words and words[0] in _HONORIFICS:
            return _HONORIFICS[words[0]]
    return None


def _short_names(name: str, aliases: Iterable[str]) -> list[tuple[str, ...]]:
    """The names of a country or body of at most a few words, as tokens."""
    names = {tuple(tokenize(normalise(a))) for a in (name, *aliases)}
    return sorted(n for n in names if n and len(n) <= _MAX_NAME_WORDS)


def _spans_of(words: Sequence[str], names: Sequence[tuple[str, ...]]) -> list[tuple[int, int]]:
    """Where any of `names` stands in `words` (the longest at each place, no overlaps)."""
    spans: list[tuple[int, int]] = []
    at = 0
    while at < len(words):
        match = max((len(n) for n in names if tuple(words[at : at + len(n)]) == n), default=0)
        if match:
            spans.append((at, at + match))
            at += match
        else:
            at += 1
    return spans


_PREPOSITIONS = frozenset("of on at for in from with to".split())
_LEADS = frozenset("the a an top".split())


def _describes(words: Sequence[str], span: tuple[int, int]) -> bool:
    """Whether the body at `span` says whose the role is: it opens the description
    ("Britain's top diplomat", "the top US diplomat") or follows "of" or "on" ("the
    president of the Center ..."), not "reported from Washington"."""
    start = span[0]
    if all(w in _LEADS for w in words[:start]):
        return True
    return (start >= 1 and words[start - 1] in {"of", "on"}) or (
        start >= 2 and words[start - 1] == "the" and words[start - 2] in {"of", "on"}
    )


_DETERMINERS = frozenset("the a an".split())


def _role_heads(role: str, short_names: dict[str, list[tuple[str, ...]]]) -> set[str]:
    """What a role calls the person, without the body it names: "top democrat" and
    "democrat" of "the top Democrat on the Armed Services Committee", "foreign secretary",
    "secretary" and, for an office of two words, its initials ("fs") of "the British
    foreign secretary"."""
    words = tokenize(normalise(role))
    named = {
        i for names in short_names.values() for s in _spans_of(words, names) for i in range(*s)
    }
    head: list[str] = []
    for i, word in enumerate(words):
        if word in _PREPOSITIONS and head:
            break
        if i not in named and word not in _DETERMINERS:
            head.append(word)
    if not head:
        return set()
    heads = {" ".join(head), head[-1]}
    if len(head) == 2 and head[-1] in OFFICE_NOUNS and all(w.isalpha() for w in head):
        heads.add(head[0][0] + head[1][0])  # "the German FM": initials, beside the body only
    return heads


def _acronym(role: str) -> str | None:
    """The initials of a role of three or four words ("director of national
    intelligence" is "dni"), or None."""
    words = [w for w in tokenize(normalise(role)) if w not in _PREPOSITIONS | _DETERMINERS]
    if not 3 <= len(words) <= _MAX_ACRONYM or any(not w.isalpha() for w in words):
        return None
    return "".join(w[0] for w in words)


def _abbreviated(text: str) -> set[str]:
    """`text` with each word of a title that has a shorthand written short, one at a time."""
    words = tokenize(normalise(text))
    variants: set[str] = set()
    if len(words) < 2:
        return variants  # a lone "pres" would be any misspelt "press"
    for i, word in enumerate(words):
        for short in ABBREVIATIONS.get(word, ()):
            variants.add(" ".join([*words[:i], short, *words[i + 1 :]]))
    return variants
