"""Find who and what a paragraph names, and register them with the article's `Registry`.

A mention is a span of the paragraph that names an entity (or is a pronoun standing for
one). People are recognised by news conventions: a title or honorific before a name
("Mayor Ana B. Roe", "Ms. Roe"), a middle initial, an apposition that gives a role
("Ana Roe, the mayor of Port Elna,"), or the place of the name next to a speech verb
("said Ana Roe"). Known entities are found by their capitalised names and aliases.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.ingest.entities import DraftEntity, DraftRole, Registry
from bot.ingest.lexicon import (
    ADVERBS,
    AUXILIARIES,
    COLLECTIVE_NOUNS,
    COUNTRY_CUES,
    HONORIFICS,
    INVERTIBLE_VERBS,
    KIN_GENDER,
    MONTHS,
    NAME_PARTICLES,
    NATIONAL_TITLES,
    NATIONALITY_ENDINGS,
    ORGANISATION_WORDS,
    PLACE_PREPOSITIONS,
    PRONOUNS,
    ROLE_NOUNS,
    SENTENCE_STARTERS,
    SPEECH_VERBS,
    TITLE_GENDER,
    TITLE_MODIFIERS,
    TITLES,
    WEEKDAYS,
)
from bot.ingest.segments import Segmented, Token
from bot.matching.english import is_common

SPEAKER_KINDS = frozenset({"person", "group", "organisation", "country", "document"})
_PARTICLES = NAME_PARTICLES
_CONNECTORS = frozenset({"of", "for", "and", "the", "on", "de"})
_ROLE_OPENERS = frozenset({"the", "a", "an", "his", "her", "their", "its", "former", "another"})
_ROLE_STOPS = frozenset({",", ".", ";", ":", "“", "”", '"', "—", "–", "(", ")"})
_COORDINATORS = frozenset({"and", "or", "but", "nor"})
_EVERYDAY_ZIPF = 5.0
"""Initials that spell an everyday word ("WHO", "US": Zipf 6) are no alias: questions are
read in lower case, where they would be that word. Rarer ones ("ICC" 3.6, "NATO" 4.0)
are."""
_DATES = frozenset({*MONTHS, *WEEKDAYS})
_TITLE_PARTS = frozenset(w.rstrip(".") for title in TITLES for w in title.split())
_NOT_NAMES = frozenset({*_DATES, *SENTENCE_STARTERS})
_TITLE_WORDS = tuple((title, tuple(title.split())) for title in TITLES)
_AGENT_ENDINGS = ("ist", "er", "or", "ian", "ant", "ent", "eer")
_NOT_AGENTS = frozenset({"center", "centre", "matter", "number", "order", "water", "summer"})
_OFFICE_ENDINGS = ("man", "woman", "person")
_MAX_NAME_WORDS = 4
_PLACE_KINDS = frozenset({"place", "country"})
_KIN_OWNERS = frozenset("his her their its the my our your whose".split())
_MAX_ROLE_TOKENS = 16


@dataclass(slots=True)
class Mention:
    """A span naming an entity (`ids`), or a pronoun (`kind` "pronoun", `ids` empty).

    `first`/`last` are token indices; `tail` is the offset after any "of X" and apposition
    that belong to the name, so attribution can read past them.
    """

    start: int
    end: int
    first: int
    last: int
    kind: str
    ids: tuple[str, ...] = ()
    in_quote: bool = False
    possessive: bool = False
    gender: str | None = None
    tail: int = 0
    confidence: float = 0.9


@dataclass(frozen=True, slots=True)
class Apposition:
    """A role given beside a name: its text and offsets, and the token after it."""

    text: str
    start: int
    end: int
    next_token: int


class MentionFinder:
    """Reads paragraphs in order, registering the entities they name."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self._aliases: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        self._alone: set[str] = set()
        self._proper_alone: set[str] = set()  # capitalised alone inside a sentence
        self._name_parts: set[str] = set()  # inside a longer name that is no body's
        for alias, entity_id in registry.known.capitalised_aliases():
            words = tuple(alias.replace("’", "'").split())
            self._aliases.setdefault(words[0], []).append((words, entity_id))

    def prepare(self, segs: Sequence[Segmented]) -> None:
        """Read the whole article once first: the capitalised words it uses on their own
        (outside quotations, not opening a sentence). A two-word name whose last word the
        article later uses alone ("Lena Dorr" ... "Dorr told reporters") is a person."""
        for seg in segs:
            starts = {seg.token_index(start) for start, _ in seg.sentences}
            tokens = seg.tokens
            for index, token in enumerate(tokens):
                if not token.capitalised or token.in_quote:
                    continue
                run = _capitalised_run(tokens, index, seg.text)
                if len(run) >= 2 and not _has_org_word(tokens, run):
                    self._name_parts.update(tokens[i].text for i in run)
                    if run[0] == index:
                        self.registry.written[seg.text[token.start : tokens[run[-1]].end]] += 1
                if index in starts:
                    # "Kerry told reporters": a sentence may open with a surname, when a
                    # verb of speech follows it right away
                    if token.lower not in _NOT_SURNAMES and _speech_verb_follows(tokens, index + 1):
                        self._alone.add(token.text)
                    continue
                before = tokens[index - 1] if index else None
                after = tokens[index + 1] if index + 1 < len(tokens) else None
                joined_before = before is not None and before.capitalised and not before.in_quote
                joined_after = after is not None and after.capitalised and not token.possessive
                if before is not None and before.text in HONORIFICS:
                    self._alone.add(token.text)
                    continue
                if joined_before or joined_after:
                    continue
                self._proper_alone.add(token.text)
                if _speech_verb_follows(tokens, index + 1) or _inverted_speech_before(
                    tokens, index
                ):
                    self._alone.add(token.text)

    def find(self, seg: Segmented) -> list[Mention]:
        """The mentions of one paragraph, in order."""
        mentions: list[Mention] = []
        index = 0
        while index < len(seg.tokens):
            token = seg.tokens[index]
            mention = None
            if token.is_word:
                mention = (
                    self._titled(seg, index)
                    or self._known(seg, index)
                    or self._proper(seg, index)
                    or self._pronoun(seg, index)
                )
            if mention is None:
                index += 1
                continue
            if mention.kind == "person" and mention.gender is None:
                self._kin_gender(seg, mention)
            owner = mentions[-1] if mentions else None
            repeats_owner = (
                owner is not None and owner.ids == mention.ids and mention.end <= owner.tail
            )
            if not repeats_owner:
                mentions.append(mention)
            index = mention.last + 1
        return mentions

    def _kin_gender(self, seg: Segmented, mention: Mention) -> None:
        """A person introduced as someone's relative ("her husband, current President
        of Argentina Néstor Kirchner", "his daughter Ana Roe") is of that relative's sex."""
        tokens = seg.tokens
        at = mention.first - 1
        while (
            at >= 0
            and mention.first - at <= 2
            and tokens[at].is_word
            and tokens[at].lower == tokens[at].text
        ):
            at -= 1  # "current", "late": a word in lower case before the title
        if at >= 0 and tokens[at].text == ",":
            at -= 1
        if at < 1 or tokens[at].lower not in KIN_GENDER:
            return
        if not (tokens[at - 1].lower in _KIN_OWNERS or tokens[at - 1].possessive):
            return
        gender = KIN_GENDER[tokens[at].lower]
        for entity_id in mention.ids:
            entity = self.registry.use(entity_id)
            if entity.kind == "person" and not entity.known and entity.gender is None:
                entity.gender = gender
        mention.gender = gender

    # -- titled names ---------------------------------------------------------------------

    def _titled(self, seg: Segmented, index: int) -> Mention | None:
        tokens = seg.tokens
        at = index
        if tokens[at].text in TITLE_MODIFIERS or _nationality(tokens, at):
            at += 1
        if at >= len(tokens):
            return None
        title, gender = None, None
        if tokens[at].text in HONORIFICS:
            gender, after = HONORIFICS[tokens[at].text], at + 1
        else:
            matched = _match_title(tokens, at)
            if matched is None:
                return None
            title, after = matched
            gender = TITLE_GENDER.get(title) or _office_gender(title)
        if at != index and title is None:
            return None
        name = _name_tokens(tokens, after, seg.text)
        office_of = None  # "President of Argentina Néstor Kirchner": the place of the office
        if not name and title is not None:
            office_of = self._office_place(seg, after, national=title in NATIONAL_TITLES)
            if office_of is not None:
                name = _name_tokens(tokens, office_of[1], seg.text)
        if not name:
            return None
        last = name[-1]
        name_text = seg.text[tokens[name[0]].start : tokens[last].end]
        entity = self.registry.person(name_text, gender=gender, confidence=0.95)
        mention = Mention(
            start=tokens[index].start,
            end=tokens[last].end,
            first=index,
            last=last,
            kind="person",
            ids=(entity.id,),
            in_quote=tokens[index].in_quote,
            possessive=tokens[last].possessive,
            gender=entity.gender,
            tail=tokens[last].end,
        )
        national = title in NATIONAL_TITLES
        suffix_end, suffix_text, next_token = self._of_suffix(seg, last + 1, entity, national)
        if office_of is not None:
            place, first_name = office_of
            after = first_name  # the title runs to the name: "President of Argentina"
            if place.id not in entity.related and not entity.known:
                entity.related.append(place.id)
        if not entity.known:
            lead = seg.text[tokens[index].start : tokens[after - 1].end]
            called = name_text if len(name) == 1 else entity.surname
            entity.add_alias(called)
            entity.add_alias(f"{title or tokens[at].text} {called}")
            if title is not None and entity.role is None:
                role_text = lead + (f" of {suffix_text}" if suffix_text else "")
                evidence = seg.text[mention.start : suffix_end or mention.end]
                entity.role = DraftRole(role_text, seg.number, evidence)
        elif title is not None and entity.source_role is None and entity.kind == "person":
            lead = seg.text[tokens[index].start : tokens[after - 1].end]
            role_text = lead + (f" of {suffix_text}" if suffix_text else "")
            evidence = seg.text[mention.start : suffix_end or mention.end]
            entity.source_role = DraftRole(role_text, seg.number, evidence)
        mention.tail = suffix_end or mention.end
        self._apposition_of(seg, mention, entity, next_token)
        return mention

    def _office_place(
        self, seg: Segmented, at: int, *, national: bool
    ) -> tuple[DraftEntity, int] | None:
        """After a title, "of PLACE NAME" with no break between ("President of Argentina
        Néstor Kirchner"): the place and the first token of the name. The place is the
        longest start of the capitalised run that names a place or country already met;
        after a national title, one word before a name of two or more words."""
        tokens = seg.tokens
        if at + 3 >= len(tokens) or tokens[at].text != "of":
            return None
        run = _capitalised_run(tokens, at + 1, seg.text)
        for cut in range(len(run) - 2, 0, -1):
            text = seg.text[tokens[run[0]].start : tokens[run[cut - 1]].end]
            place = self._place_called(text)
            if place is not None:
                return place, run[cut]
        plain = all(tokens[i].capitalised for i in run)
        if national and plain and 3 <= len(run) <= 1 + _MAX_NAME_WORDS:
            text = tokens[run[0]].text
            return self.registry.named(text, "country", confidence=0.6), run[1]
        return None

    def _place_called(self, text: str) -> DraftEntity | None:
        """A place or country called `text` that the knowledge or the article has met."""
        registry = self.registry
        known = [
            i
            for i in registry.known.lookup(text)
            if registry.known.entities[i].kind in _PLACE_KINDS
        ]
        if known:
            return registry.use(known[0])
        existing = registry.existing(text)
        return existing if existing is not None and existing.kind in _PLACE_KINDS else None

    def _of_suffix(
        self, seg: Segmented, at: int, person: DraftEntity, national: bool
    ) -> tuple[int | None, str | None, int]:
        """ "of Valdoria" after a titled name: the end offset, its text, the next token."""
        tokens = seg.tokens
        if at + 1 >= len(tokens) or tokens[at].text != "of" or tokens[at].possessive:
            return None, None, at
        start = at + 1
        if tokens[start].text == "the":
            start += 1
        run = _capitalised_run(tokens, start, seg.text)
        if not run:
            return None, None, at
        text = seg.text[tokens[run[0]].start : tokens[run[-1]].end]
        kind = "organisation" if _has_org_word(tokens, run) else "country" if national else "place"
        place = self.registry.named(text, kind, confidence=0.6)
        if place.id not in person.related and not person.known:
            person.related.append(place.id)
        return (
            tokens[run[-1]].end,
            seg.text[tokens[at + 1].start : tokens[run[-1]].end],
            run[-1] + 1,
        )

    def _apposition_of(
        self, seg: Segmented, mention: Mention, entity: DraftEntity, next_token: int
    ) -> None:
        apposition = apposition_after(seg, next_token)
        if apposition is None:
            return
        mention.tail = apposition.end
        if entity.kind == "person" and not entity.known:
            evidence = seg.text[mention.start : apposition.end]
            if entity.role is None or evidence.startswith(entity.role.evidence):
                entity.role = DraftRole(apposition.text, seg.number, evidence)
            entity.add_role_alias(apposition.text)
        elif entity.kind == "person":
            evidence = seg.text[mention.start : apposition.end]
            own = entity.source_role
            if own is None or evidence.startswith(own.evidence):
                entity.source_role = DraftRole(apposition.text, seg.number, evidence)

    # -- known names and aliases ----------------------------------------------------------

    def _known(self, seg: Segmented, index: int) -> Mention | None:
        tokens = seg.tokens
        first = tokens[index]
        whole = self._named_in_full(seg, index)
        if whole is not None:
            return whole
        surname_of = self.registry.known_surname(first.text) if first.capitalised else None
        best: tuple[int, list[str]] | None = None
        for words, entity_id in self._aliases.get(first.text.replace("’", "'"), []):
            end = index + len(words)
            if end > len(tokens) or (best and end - 1 < best[0]):
                continue
            span = tokens[index:end]
            if any(t.text.replace("’", "'") != w for t, w in zip(span, words, strict=True)):
                continue
            if any(t.possessive for t in span[:-1]):
                continue
            if len(words) == 1 and not self._single_word_ok(entity_id, surname_of):
                continue
            if best is None or end - 1 > best[0]:
                best = (end - 1, [entity_id])
            elif end - 1 == best[0] and entity_id not in best[1]:
                best[1].append(entity_id)
        if best is None:
            return None if surname_of is None else self._mention(seg, index, index, surname_of)
        last, ids = best
        run = _capitalised_run(tokens, index, seg.text)
        if len(run) > last - index + 1 and _has_org_word(tokens, run):
            return None  # "the Valdorian Harbor Authority": the body's name, not the country
        if surname_of is not None and last == index:
            return self._mention(seg, index, index, surname_of)
        entities = [self.registry.use(i) for i in ids]
        mention = self._mention(seg, index, last, entities[0])
        mention.ids = tuple(e.id for e in entities)
        return mention

    def _named_in_full(self, seg: Segmented, index: int) -> Mention | None:
        """A person this article has named, named again in full ("Kathryn Waters said"):
        one mention, not a given name read as a family name and a surname after it."""
        tokens = seg.tokens
        run = _capitalised_run(tokens, index, seg.text)
        if len(run) < 2 or not tokens[index].capitalised:
            return None
        existing = self.registry.existing(seg.text[tokens[run[0]].start : tokens[run[-1]].end])
        if existing is None or existing.kind != "person":
            return None
        return self._mention(seg, index, run[-1], existing)

    def _single_word_ok(self, entity_id: str, surname_of: DraftEntity | None) -> bool:
        """A one-word alias of a known person counts only once the article has named them."""
        known = self.registry.known.entities[entity_id]
        if known.kind != "person":
            return True
        return entity_id in self.registry.entities and surname_of is None

    def _mention(self, seg: Segmented, first: int, last: int, entity: DraftEntity) -> Mention:
        tokens = seg.tokens
        mention = Mention(
            start=tokens[first].start,
            end=tokens[last].end,
            first=first,
            last=last,
            kind=entity.kind,
            ids=(entity.id,),
            in_quote=tokens[first].in_quote,
            possessive=tokens[last].possessive,
            gender=entity.gender,
            tail=tokens[last].end,
            confidence=entity.confidence,
        )
        if entity.kind == "person" and not tokens[last].possessive:
            self._apposition_of(seg, mention, entity, last + 1)
        return mention

    # -- new proper names -------------------------------------------------------------------

    def _proper(self, seg: Segmented, index: int) -> Mention | None:
        tokens = seg.tokens
        token = tokens[index]
        if not token.capitalised or token.text in _NOT_NAMES or token.text in HONORIFICS:
            return None
        run = _capitalised_run(tokens, index, seg.text)
        if not run:
            return None
        after_preposition = index >= 1 and tokens[index - 1].lower in PLACE_PREPOSITIONS
        if len(run) == 1 and _nationality(tokens, run[0]) and not after_preposition:
            return None
        last = run[-1]
        text = seg.text[tokens[run[0]].start : tokens[last].end]
        if _has_org_word(tokens, run):
            head_of = self._head_of_body(seg, run)
            if head_of is not None:
                return head_of
            if len(run) == 1 and tokens[run[0]].text in ORGANISATION_WORDS:
                return None  # "Service" of "Russian Service" names nothing by itself
            entity = self.registry.named(text, "organisation", confidence=0.7)
            return self._mention(seg, run[0], last, entity)
        connector = next(
            (i for i, t in enumerate(run) if tokens[t].text in _CONNECTORS - _PARTICLES), None
        )
        run = run[:connector] if connector else run
        titled = _role_in_run(tokens, run)
        if titled is not None:
            return self._role_then_name(seg, run, titled)
        if len(run) == 2 and is_role_word(tokens[run[0]].lower):
            person = self.registry.known_surname(tokens[run[1]].text)
            if person is not None:  # "Administrator Bolden": a role before a surname
                mention = self._mention(seg, run[1], run[1], person)
                mention.start, mention.first = tokens[run[0]].start, run[0]
                return mention
        last = run[-1]
        text = seg.text[tokens[run[0]].start : tokens[last].end]
        existing = self.registry.existing(text) or (
            self._body_by_initials(tokens[run[0]].text) if len(run) == 1 else None
        )
        if existing is None and len(run) == 1 and _speaks_here(tokens, run[0]):
            existing = self._surname_misspelt(tokens[run[0]].text)
        kind = self._kind_of_name(seg, run)
        if existing is not None:
            if existing.kind == "place" and kind == "country":
                existing.kind = "country"
            return self._mention(seg, run[0], last, existing)
        if kind is None:
            return None
        if kind == "person":
            entity = self.registry.person(text, gender=None, confidence=0.8)
            described = descriptor_before(tokens, run[0])
            role_end = run[0] - 1
            if described is None:
                described = apposition_before(tokens, run[0], last)
                role_end = run[0] - 2
            if described is not None and not entity.known and entity.role is None:
                role_text = seg.text[tokens[described].start : tokens[role_end].end]
                evidence = seg.text[tokens[described].start : tokens[last].end]
                entity.role = DraftRole(role_text, seg.number, evidence)
                entity.add_role_alias(role_text)
        else:
            entity = self.registry.named(text, kind, confidence=0.6)
        return self._mention(seg, run[0], last, entity)

    def _head_of_body(self, seg: Segmented, run: list[int]) -> Mention | None:
        """A role "of" a body, then a name, in one run of capitals ("CEO of the Refugee
        Council Enver Solomon"): the body ends at its last organisation word; the two or
        three capitalised words after it are the person, whose role it is."""
        tokens = seg.tokens
        last_org = max(i for i, t in enumerate(run) if tokens[t].text in ORGANISATION_WORDS)
        name = run[last_org + 1 :]
        at = run[0] - 1
        if at >= 0 and tokens[at].lower == "the":
            at -= 1
        if not 2 <= len(name) <= 3 or at < 1 or tokens[at].lower != "of":
            return None
        role = tokens[at - 1]
        if not (is_role_word(role.lower) or role.text.isupper()) or role.possessive:
            return None
        if any(not tokens[i].text.isalpha() or tokens[i].text in _CONNECTORS for i in name):
            return None
        body_text = seg.text[tokens[run[0]].start : tokens[run[last_org]].end]
        body = self.registry.named(body_text, "organisation", confidence=0.7)
        text = seg.text[tokens[name[0]].start : tokens[name[-1]].end]
        person = self.registry.person(text, gender=None, confidence=0.8)
        if body.id not in person.related and not person.known:
            person.related.append(body.id)
        if not person.known and person.role is None:
            role_text = seg.text[role.start : tokens[run[last_org]].end]
            person.role = DraftRole(
                role_text, seg.number, seg.text[role.start : tokens[name[-1]].end]
            )
        return self._mention(seg, name[0], name[-1], person)

    def _role_then_name(self, seg: Segmented, run: list[int], role_end: int) -> Mention:
        """A capitalised role before a name, in one run ("NASA Administrator Charles
        Bolden"): the person named after it, whose role it is."""
        tokens = seg.tokens
        name = run[run.index(role_end) + 1 :]
        text = seg.text[tokens[name[0]].start : tokens[name[-1]].end]
        entity = self.registry.person(text, gender=None, confidence=0.8)
        if not entity.known and entity.role is None:
            role_text = seg.text[tokens[run[0]].start : tokens[role_end].end]
            evidence = seg.text[tokens[run[0]].start : tokens[name[-1]].end]
            entity.role = DraftRole(role_text, seg.number, evidence)
            entity.add_role_alias(role_text)
        mention = self._mention(seg, name[0], name[-1], entity)
        mention.start, mention.first = tokens[run[0]].start, run[0]
        return mention

    def _surname_misspelt(self, word: str) -> DraftEntity | None:
        """The one person of the article whose surname `word` misspells by a letter
        ("Water said" after "Kathryn Waters"), when no one is called `word` itself."""
        if len(word) < 4 or not word.isalpha() or self.registry.known_surname(word):
            return None
        found = [
            e
            for e in self.registry.entities.values()
            if e.kind == "person" and not e.surname_only and _one_letter_apart(word, e.surname)
        ]
        return found[0] if len(found) == 1 else None

    def _body_by_initials(self, word: str) -> DraftEntity | None:
        """The one organisation of the article whose capitalised words' initials spell
        `word` ("KCNA", after "Korean Central News Agency")."""
        if not (2 <= len(word) <= 6 and word.isupper() and word.isalpha()):
            return None
        found = [
            e
            for e in self.registry.entities.values()
            if e.kind == "organisation"
            and "".join(w[0] for w in e.name.split() if w[:1].isupper()) == word
        ]
        if len(found) != 1:
            return None
        if not is_common(word.lower(), _EVERYDAY_ZIPF):
            found[0].add_alias(word)  # a question may name the body so: "the ICC prosecutor"
        return found[0]

    def _one_word_body(self, token: Token) -> bool:
        """Whether one capitalised word may be a body's whole name ("Ryanair"): the article
        writes it alone inside a sentence (so it is no common word opening one), it is no
        title, and no longer name holds it (not "Kiir" of "Salva Kiir Mayardit")."""
        word = token.text
        surnames = {
            e.name.split()[-1] for e in self.registry.entities.values() if e.kind == "person"
        }
        return (
            word in self._proper_alone
            and not any(_one_letter_apart(word, s) for s in surnames)
            and word not in self._name_parts
            and word not in HONORIFICS
            and word not in _TITLE_PARTS
        )

    def _kind_of_name(self, seg: Segmented, run: list[int]) -> str | None:
        """What a capitalised name is, from the company it keeps; None when unclear."""
        tokens = seg.tokens
        first, last = run[0], run[-1]
        words = tokens[first : last + 1]
        if not any(len(t.text) > 2 and t.is_word for t in words):
            return None  # initials alone ("X.") are no name
        if any(t.text.endswith(".") and len(t.text) == 2 for t in words):
            return "person"
        many = len(run) >= 2
        if many and descriptor_before(tokens, first) is not None:
            return "person"
        if many and tokens[last].text in self._alone and not _place_before(tokens, first):
            return "person"
        if not tokens[last].possessive:
            if apposition_after(seg, last + 1) is not None and many:
                return "person"
            if many and _speech_verb_follows(tokens, last + 1):
                return "person"
            if many and _age_follows(tokens, last + 1):
                return "person"  # "Thomas Sam, 42, and his wife"
            if many and apposition_before(tokens, first, last) is not None:
                return "person"  # "the Crown prosecutor, Mark Tedeschi,"
            if many and _inverted_speech_before(tokens, first):
                return "person"
            before = [t.lower for t in tokens[max(0, first - 4) : first]]
            if many and (
                before[-2:] == ["according", "to"] or before == ["in", "the", "words", "of"]
            ):
                return "person"  # "according to Ana Roe", "in the words of Ana Roe"
            if many and [t.lower for t in tokens[last + 1 : last + 3]] == ["put", "it"]:
                return "person"  # "as Ana Roe put it"
            if many and _reverse_apposition(seg, first, last):
                described = tokens[first - 2].lower if first >= 2 else ""
                return "organisation" if described in COLLECTIVE_NOUNS else "person"
            if many and _asides_then_speech(tokens, last + 1):
                return "person"
            if many and _body_then_speech(tokens, last + 1):
                return "person"  # "Anna Kowal of the Harbor Party said"
            if (
                not many
                and self._one_word_body(tokens[first])
                and (
                    _speech_verb_follows(tokens, last + 1) or _inverted_speech_before(tokens, first)
                )
            ):
                return "organisation"  # "Ryanair said": one word no person is called by
        if (
            tokens[last].possessive
            and last + 1 < len(tokens)
            and tokens[last + 1].lower in COUNTRY_CUES
        ):
            return "country"
        if first >= 1 and tokens[first - 1].lower in PLACE_PREPOSITIONS - {"to"}:
            return "place"
        return None

    # -- pronouns ---------------------------------------------------------------------------

    def _pronoun(self, seg: Segmented, index: int) -> Mention | None:
        token = seg.tokens[index]
        if token.lower not in PRONOUNS or token.in_quote:
            return None
        return Mention(
            start=token.start,
            end=token.end,
            first=index,
            last=index,
            kind="pronoun",
            gender=PRONOUNS[token.lower],
            tail=token.end,
        )


def apposition_after(seg: Segmented, at: int) -> Apposition | None:
    """ ", the ROLE," at token `at`: a short phrase with a role noun, closed by punctuation,
    a quotation mark or a speech verb."""
    tokens = seg.tokens
    if at >= len(tokens) or tokens[at].text != ",":
        return None
    start = at + 1
    if start + 1 < len(tokens) and tokens[start].text.isdigit() and tokens[start + 1].text == ",":
        start += 2  # an age: "Ana Roe, 71, a retired captain,"
    if start >= len(tokens):
        return None
    opener = tokens[start]
    if opener.lower in _COORDINATORS:
        return None  # "Thomas Sam, 42, and his wife Manju Sam": another person, no role
    bare = opener.is_word and not opener.capitalised and not opener.in_quote
    if not (
        opener.lower in _ROLE_OPENERS
        or (opener.capitalised and opener.possessive)
        or bare
        or _nationality_word(opener)
    ):
        return None
    end = start
    while end < len(tokens) and tokens[end].text not in _ROLE_STOPS:
        if tokens[end].lower in SPEECH_VERBS or tokens[end].lower in {"who", "which", "that"}:
            break
        end += 1
    phrase = tokens[start:end]
    if not phrase or len(phrase) > _MAX_ROLE_TOKENS or phrase[0].in_quote:
        return None
    if not any(t.lower in ROLE_NOUNS for t in phrase) and not _agent_noun(phrase):
        return None
    if opener.lower not in _ROLE_OPENERS and not opener.possessive and len(phrase) > 8:
        return None
    if end < len(tokens) and tokens[end].lower in {"who", "which", "that"}:
        return None
    text = seg.text[phrase[0].start : phrase[-1].end]
    return Apposition(text, phrase[0].start, phrase[-1].end, end)


def _nationality_word(token: Token) -> bool:
    """ "Valdorian", "British", "UN": a capitalised word that can open a described role."""
    return token.capitalised and (
        token.text.endswith(NATIONALITY_ENDINGS) or (token.text.isupper() and len(token.text) <= 4)
    )


_DESCRIPTOR_STOPS = frozenset({",", ".", ";", ":", "(", ")", "—", "–", "“", "”", '"'})


def descriptor_before(tokens: tuple[Token, ...], first: int) -> int | None:
    """The first token of a role written before a name without a title's capital
    ("Valdorian president Ana Roe", "Harbor Authority spokesman Piet Vance"):
    the word just before the name is a lower-case role noun. None if there is none."""
    at = first - 1
    if at < 0 or tokens[at].in_quote or tokens[at].capitalised or not tokens[at].is_word:
        return None
    if not is_role_word(tokens[at].lower):
        return None
    start = at
    while start - 1 >= 0 and first - start < 7:
        before = tokens[start - 1]
        if before.text in _DESCRIPTOR_STOPS or before.in_quote or not before.is_word:
            break
        if before.lower in _ROLE_OPENERS or before.lower in SPEECH_VERBS:
            break
        if before.lower in AUXILIARIES or before.lower in {"and", "or", "by", "with", "to"}:
            break
        if before.lower in _CLAUSE_PREPOSITIONS or _a_verb_form(before.lower):
            break  # "after claiming Hong Kong's chief executive CY Leung": not the role
        if before.lower == "of" and not (start >= 2 and is_role_word(tokens[start - 2].lower)):
            break  # "the visit of president Ana Roe"; "secretary of state" goes on
        start -= 1
    return start


_CLAUSE_PREPOSITIONS = frozenset(
    "after before against about for from on in at into over under without while when since "
    "during despite amid among between".split()
)
"""Prepositions and conjunctions a role written before a name never holds ("the harbor
master Ana Roe"): where one stands, what comes before it is another phrase."""
_ROLE_PARTICIPLES = frozenset("acting outgoing incoming ruling leading founding governing".split())
"""Participles that are part of a role ("acting director", "ruling party leader")."""


def _a_verb_form(word: str) -> bool:
    """A participle that is a verb of the sentence, not part of a role ("claiming",
    "investigating"; "acting director" keeps its "acting")."""
    return len(word) > 5 and word.endswith("ing") and word not in _ROLE_PARTICIPLES


def apposition_before(tokens: tuple[Token, ...], first: int, last: int) -> int | None:
    """The first token of a role set off before a name ("the Crown prosecutor, Mark
    Tedeschi, QC", "the Afghan team's coach, Alireza Mehraban,"): a phrase opened by an
    article or a possessive, ending in a role noun, then a comma, the name, and a comma or
    the sentence's end. None if there is none."""
    comma = first - 1
    after = last + 1
    if comma < 1 or tokens[comma].text != ",":
        return None
    if after < len(tokens) and tokens[after].text not in _ROLE_STOPS:
        return None
    head = tokens[comma - 1]
    if not head.is_word or head.in_quote or not is_role_word(head.lower):
        return None
    start = comma - 1
    while start - 1 >= 0 and comma - start < _MAX_ROLE_TOKENS:
        before = tokens[start - 1]
        if before.text in _DESCRIPTOR_STOPS or before.in_quote or not before.is_word:
            return None
        start -= 1
        if before.lower in _ROLE_OPENERS - {"former", "another"}:
            return start
    return None


def is_role_word(word: str) -> bool:
    """A noun that names what a person is or does: a listed role noun (or a hyphenated
    one, "secretary-general"), or a word ending like an agent ("politician")."""
    if word in ROLE_NOUNS or any(part in ROLE_NOUNS for part in word.split("-")):
        return True
    return len(word) > 5 and word.endswith(("ist", "ian", "ant", "eer")) and word not in _NOT_AGENTS


def _place_before(tokens: tuple[Token, ...], first: int) -> bool:
    return first >= 1 and tokens[first - 1].lower in PLACE_PREPOSITIONS - {"to"}


def _agent_noun(phrase: Sequence[Token]) -> bool:
    """Whether the phrase's head noun names a person by what they do ("the county
    hydrologist", "a retired engineer"): its head before any "of" ends like one."""
    head = next((i for i, t in enumerate(phrase) if t.lower in {"of", "at", "for", "in"}), None)
    word = phrase[(head if head else len(phrase)) - 1]
    return (
        not word.capitalised
        and len(word.text) > 4
        and word.lower.endswith(_AGENT_ENDINGS)
        and word.lower not in _NOT_AGENTS
    )


def _match_title(tokens: tuple[Token, ...], at: int) -> tuple[str, int] | None:
    """The title at token `at` and the token after it: a listed title, or a capitalised
    office ending in -man, -woman or -person ("Councilwoman") before a capitalised word."""
    for title, words in _TITLE_WORDS:
        end = at + len(words)
        if end <= len(tokens) and all(
            tokens[at + i].text == w and not tokens[at + i].possessive for i, w in enumerate(words)
        ):
            return title, end
    token = tokens[at]
    office = token.capitalised and token.lower.endswith(_OFFICE_ENDINGS) and len(token.text) > 6
    if office and not token.possessive and at + 1 < len(tokens) and tokens[at + 1].capitalised:
        return token.text, at + 1
    return None


def _office_gender(title: str) -> str | None:
    word = title.lower()
    if word.endswith("woman"):
        return "female"
    return "male" if word.endswith("man") and not word.endswith("chairman") else None


def _nationality(tokens: tuple[Token, ...], at: int) -> bool:
    token = tokens[at]
    return (
        token.capitalised
        and not token.possessive
        and token.text not in _NOT_NAMES
        and len(token.text) > 3
        and token.text.endswith(NATIONALITY_ENDINGS)
        and at + 1 < len(tokens)
        and (_match_title(tokens, at + 1) is not None or not tokens[at + 1].capitalised)
    )


def _adjacent(text: str, left: Token, right: Token) -> bool:
    return text[left.end : right.start] == " "


def _name_tokens(tokens: tuple[Token, ...], at: int, text: str) -> list[int]:
    """Token indices of a personal name starting at `at` (after a title), or []."""
    name: list[int] = []
    index = at
    while index < len(tokens) and len(name) < _MAX_NAME_WORDS:
        token = tokens[index]
        if name and not _adjacent(text, tokens[name[-1]], token):
            break
        is_initial = len(token.text) == 2 and token.text[1] == "." and token.text[0].isupper()
        is_particle = (
            token.lower in _PARTICLES and index + 1 < len(tokens) and tokens[index + 1].capitalised
        )
        if not (is_initial or is_particle or (token.capitalised and token.is_word)):
            break
        if token.text in _NOT_NAMES and not is_initial:
            break
        name.append(index)
        index += 1
        if token.possessive:
            break
    while name and not tokens[name[-1]].capitalised:
        name.pop()
    if name and (tokens[name[-1]].text.endswith(".") and len(tokens[name[-1]].text) == 2):
        name.pop()
    return name


def _capitalised_run(tokens: tuple[Token, ...], at: int, text: str) -> list[int]:
    """Token indices of a run of capitalised words (connectors allowed inside)."""
    run: list[int] = []
    index = at
    while index < len(tokens):
        token = tokens[index]
        if run and not _adjacent(text, tokens[run[-1]], token):
            break
        if run and tokens[run[-1]].possessive:
            break
        capital = (
            token.is_word
            and token.capitalised
            and (token.text not in _NOT_NAMES or (bool(run) and token.text not in _DATES))
        )
        initial = len(token.text) == 2 and token.text[1] == "." and token.text[0].isupper()
        connector = (
            bool(run)
            and (token.lower in _CONNECTORS or token.text in _PARTICLES)
            and index + 1 < len(tokens)
            and tokens[index + 1].capitalised
        )  # "Mohammed bin Zayed", "Cristina Fernández de Kirchner"
        if run and token.text in {"The"} and not connector:
            break
        if not (capital or initial or connector):
            break
        if token.text in HONORIFICS:
            break
        run.append(index)
        index += 1
    while run and not tokens[run[-1]].capitalised:
        run.pop()
    return run


def _role_in_run(tokens: tuple[Token, ...], run: list[int]) -> int | None:
    """In a run of capitalised words, the last that is a role noun with a name of two or
    three words after it ("NASA Administrator Charles Bolden"), or None."""
    for position in range(len(run) - 3, -1, -1):
        token = tokens[run[position]]
        left = len(run) - position - 1
        if 2 <= left <= 3 and is_role_word(token.lower) and not token.possessive:
            return run[position]
    return None


def _has_org_word(tokens: tuple[Token, ...], run: list[int]) -> bool:
    return any(tokens[i].text in ORGANISATION_WORDS for i in run)


_NOT_SURNAMES = frozenset(
    "he she it they we i you this that these those there one both officials police "
    "witnesses residents critics analysts experts authorities others some many".split()
)
"""Words that open a sentence before a verb of speech without being anyone's surname."""


def _speech_verb_follows(tokens: tuple[Token, ...], at: int) -> bool:
    index = at
    while index < len(tokens) and (
        tokens[index].lower in ADVERBS
        or tokens[index].lower in AUXILIARIES
        or (tokens[index].lower.endswith("ly") and len(tokens[index].text) > 3)
    ):
        index += 1
    return index < len(tokens) and tokens[index].lower in SPEECH_VERBS


def _inverted_speech_before(tokens: tuple[Token, ...], first: int) -> bool:
    if first < 1 or tokens[first - 1].lower not in INVERTIBLE_VERBS:
        return False
    before = tokens[first - 2] if first >= 2 else None
    return before is not None and (before.text in {",", "”", '"'} or before.in_quote)


def _asides_then_speech(tokens: tuple[Token, ...], at: int) -> bool:
    """ ", who led the campaign, said", ", of CNN, one of her sons, stated": up to
    `_MAX_ASIDES` short asides set off by commas, then a speech verb."""
    index = at
    for _ in range(_MAX_ASIDES):
        if index + 1 >= len(tokens) or tokens[index].text != ",":
            return False
        closing = next(
            (i for i in range(index + 1, len(tokens)) if tokens[i].text in ',.;:!?"“”'),
            None,
        )
        if closing is None or tokens[closing].text != ",":
            return False
        if closing - index - 1 > _MAX_ASIDE_TOKENS or closing == index + 1:
            return False
        if any(t.in_quote for t in tokens[index + 1 : closing]):
            return False
        if _speech_verb_follows(tokens, closing + 1):
            return True
        index = closing
    return False


def _speaks_here(tokens: tuple[Token, ...], at: int) -> bool:
    """Whether the word at `at` is the subject of a verb of speech right after it, or of
    one inverted right before it ("Water said", "said Water")."""
    return _speech_verb_follows(tokens, at + 1) or _inverted_speech_before(tokens, at)


def _one_letter_apart(word: str, other: str) -> bool:
    """Whether two words differ by one letter added, dropped or changed ("Water" for
    "Waters"): a surname misspelt, not another name."""
    if word == other or abs(len(word) - len(other)) > 1:
        return word == other
    if len(word) == len(other):
        return sum(a != b for a, b in zip(word, other, strict=True)) == 1
    short, long = sorted((word, other), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def _body_then_speech(tokens: tuple[Token, ...], at: int) -> bool:
    """ "of the Harbor Party said": "of", a capitalised name, then a verb of speech."""
    if at >= len(tokens) or tokens[at].lower != "of":
        return False
    index = at + 1
    if index < len(tokens) and tokens[index].lower == "the":
        index += 1
    start = index
    while index < len(tokens) and tokens[index].capitalised and tokens[index].is_word:
        index += 1
    return index > start and _speech_verb_follows(tokens, index)


_MAX_ASIDES = 3
_MAX_ASIDE_TOKENS = 12


def _age_follows(tokens: tuple[Token, ...], at: int) -> bool:
    """ ", 42," after a name: an age set off by commas, as newswire gives a person's."""
    return (
        at + 2 < len(tokens)
        and tokens[at].text == ","
        and tokens[at + 1].text.isdigit()
        and len(tokens[at + 1].text) <= 3
        and tokens[at + 2].text == ","
    )


def _reverse_apposition(seg: Segmented, first: int, last: int) -> bool:
    """ "her rival, Tomas Brandle, said": a name set off by commas before a speech verb."""
    tokens = seg.tokens
    if first < 1 or tokens[first - 1].text != ",":
        return False
    if last + 1 >= len(tokens) or tokens[last + 1].text != ",":
        return False
    return _speech_verb_follows(tokens, last + 2)
