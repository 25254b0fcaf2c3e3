"""Who a speech verb's subject is: a name, a pronoun, or a group phrase.

`Resolver` reads the words around a speech verb the way a news reader does: a name with
its title, "of X" and apposition ("Ana Roe, the mayor of Port Elna, said"), a pronoun
(the latest person of its gender named outside quotation marks, here or in the paragraph
before), a group or body ("senior officials", "the council", "lawmakers in Valdoria"),
two parties joined by "and", or a phrase standing for several ("both governments": the
entities of that kind named last). Each answer says how sure it is and why.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.ingest.entities import Registry, fold, strip_determiner
from bot.ingest.lexicon import (
    ADVERBS,
    AUXILIARIES,
    COLLECTIVE_NOUNS,
    DOCUMENT_NOUNS,
    GROUP_NOUNS,
    INVERTIBLE_VERBS,
    NEUTER,
    ROLE_NOUNS,
    SINGULAR_GROUP_NOUNS,
    SPEECH_VERBS,
)
from bot.ingest.mentions import SPEAKER_KINDS, Mention, descriptor_before
from bot.ingest.segments import Segmented, Token

_PASSIVE = frozenset({"is", "are", "was", "were", "be", "been", "being"})
_ASKED_CLAUSE = frozenset({"when", "if", "as", "after", "once", "before"})
_PHRASE_HEADS = GROUP_NOUNS | SINGULAR_GROUP_NOUNS | ROLE_NOUNS | COLLECTIVE_NOUNS | DOCUMENT_NOUNS
_GROUP_PLACE_LINKS = frozenset({"in", "of", "from", "at", "across", "for"})
_PREPOSITIONS = frozenset(
    "of in to for with by from at on about against after before between under over than like "
    "into onto toward towards among via".split()
)
_MAX_CHAIN = 8
_LINKED_GAP = 2
"""Words in lower case that may stand between a preposition and the name it links to a
noun ("a spokesperson for candidate Roberto Lavagna", "lawyers for the late Ana Roe")."""
_ELDER = frozenset({"elder", "older", "senior"})
_YOUNGER = frozenset({"younger", "junior"})
_LEADING_ADVERBIALS = frozenset(
    "like unlike as in on at for after before among during despite with without since though "
    "although while when if still but and yet however instead by from under".split()
)
_PHRASE_DETERMINERS = frozenset(
    "the a an some many most several other another both all few these those their its his "
    "her our my your".split()
)
_PHRASE_STOPS = frozenset(
    "that which who whom but or as when while because if than then also to of in on at by "
    "for with from it they he she we under over behind beneath near outside inside during "
    "after before against among".split()
)
_MULTI_HEADS_PLACES = frozenset({"governments", "countries", "nations", "sides", "capitals"})
_MULTI_HEADS_PEOPLE = frozenset({"leaders", "men", "women", "presidents", "ministers"})
_MULTI_COUNTS = {"two": 2, "both": 2, "three": 3}


@dataclass(slots=True)
class Paragraph:
    """A segmented paragraph and the mentions found in it."""

    seg: Segmented
    mentions: list[Mention]
    _by_last: dict[int, Mention] = field(default_factory=dict)
    _by_first: dict[int, Mention] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._by_last = {m.last: m for m in self.mentions}
        self._by_first = {m.first: m for m in self.mentions}

    def ending_at(self, token: int) -> Mention | None:
        """The mention whose last token is `token`."""
        return self._by_last.get(token)

    def starting_at(self, token: int) -> Mention | None:
        """The mention whose first token is `token`."""
        return self._by_first.get(token)

    def with_tail_at(self, offset: int) -> Mention | None:
        """The mention whose name-and-apposition ends exactly at `offset`."""
        return next((m for m in self.mentions if m.tail == offset and m.tail != m.end), None)


_BODY_NAME_WORDS = 6
"""The most capitalised words a body's name runs to ("the Sydney Morning Herald")."""


@dataclass(frozen=True, slots=True)
class Speakers:
    """Who said something, how sure the rules are, and which rule said so."""

    ids: tuple[str, ...]
    confidence: float
    rule: str
    first_token: int = -1


@dataclass(slots=True)
class _Event:
    paragraph: int
    offset: int
    entity: str


class Resolver:
    """Finds speakers in the article's paragraphs; remembers who spoke last."""

    def __init__(self, registry: Registry, paragraphs: list[Paragraph]) -> None:
        self.registry = registry
        self.paragraphs = paragraphs
        self.people: list[_Event] = []
        self.last_speakers: tuple[str, ...] = ()
        self.last_spoke = (0, 0)
        self.spoken: dict[tuple[int, int], tuple[str, ...]] = {}
        """Speakers given a quotation, by (paragraph, start of its sentence)."""
        self._antecedents: dict[tuple[int, int], tuple[str, float] | None] = {}
        for paragraph in paragraphs:
            for mention in paragraph.mentions:
                if mention.kind == "person" and mention.ids and not mention.in_quote:
                    self.people.append(_Event(paragraph.seg.number, mention.start, mention.ids[0]))

    def spoke(self, speakers: tuple[str, ...], paragraph: int, offset: int) -> None:
        """Record that `speakers` were given the quotation at `offset` of `paragraph`."""
        self.last_speakers = speakers
        self.last_spoke = (paragraph, offset)
        seg = self.paragraphs[paragraph - 1].seg
        self.spoken.setdefault((paragraph, seg.sentence_of(offset)[0]), speakers)

    def subject_before(self, paragraph: Paragraph, verb: int, lo: int) -> Speakers | None:
        """The subject of the speech verb at token `verb`, reading left from it."""
        tokens = paragraph.seg.tokens
        set_off = self._person_set_off(paragraph, verb, lo)
        if set_off is not None:
            return set_off
        at = verb - 1
        if at - 1 >= lo and [t.lower for t in tokens[at - 1 : at + 1]] == ["quoted", "as"]:
            at -= 2  # "X was quoted as saying"
        while at >= lo and _skippable(tokens[at]):
            at -= 1
        for _ in range(3):
            if at < lo:
                return None
            if tokens[at].text == ",":
                owner = paragraph.with_tail_at(tokens[at].start)
                if owner is not None:
                    return self._from_mention(paragraph, owner)
                opening = at - 1
                while opening >= lo and tokens[opening].text != ",":
                    opening -= 1
                if opening < lo:
                    return None
                inner = paragraph.starting_at(opening + 1)
                if inner is not None and inner.last == at - 1:
                    return self._from_mention(paragraph, inner)
                at = opening - 1
                continue
            if tokens[at].lower == "who" and at - 1 >= lo and tokens[at - 1].text == ",":
                at -= 2
                continue
            break
        if at < lo:
            return None
        found = self._subject_ending_at(paragraph, at, lo)
        if found is None or not found.ids or found.first_token - 2 < lo:
            return found
        if tokens[found.first_token - 1].lower != "and":
            return found
        left = self._subject_ending_at(paragraph, found.first_token - 2, lo)
        if left is None or not left.ids:
            return found
        ids = tuple(dict.fromkeys((*left.ids, *found.ids)))
        rule = f"{left.rule} and {found.rule}"
        return Speakers(ids, min(left.confidence, found.confidence, 0.8), rule, left.first_token)

    def _subject_ending_at(self, paragraph: Paragraph, at: int, lo: int) -> Speakers | None:
        """A name (with any "of X" or apposition), or a group phrase, ending at token `at`."""
        tokens = paragraph.seg.tokens
        owner = paragraph.with_tail_at(tokens[at].end)
        if owner is not None and owner.kind in SPEAKER_KINDS and owner.first >= lo:
            return self._from_mention(paragraph, owner)
        mention = paragraph.ending_at(at)
        if mention is not None and mention.kind != "person":
            # "Anna Kowal of the Harbor Party said": the person whose body it is speaks
            link = mention.first - 1
            if link > lo and tokens[link].lower == "the":
                link -= 1
            if link - 1 >= lo and tokens[link].lower == "of":
                person = paragraph.ending_at(link - 1)
                if person is not None and person.kind == "person" and person.first >= lo:
                    return self._from_mention(paragraph, person)
        if mention is not None:
            noun = self._noun_linked_to(paragraph, mention, lo)
            if noun is not None:
                group = self._phrase_ending_at(paragraph, noun, lo, last=at)
                if group is not None:
                    return group
            if mention.first - 1 >= lo and tokens[mention.first - 1].lower == "by":
                # "a letter seen by the paper says": the agent of a participle
                head = next(
                    (
                        i
                        for i in range(mention.first - 2, max(lo, mention.first - 7) - 1, -1)
                        if tokens[i].lower in _PHRASE_HEADS and not tokens[i].capitalised
                    ),
                    None,
                )
                if head is not None:
                    return self._phrase_ending_at(paragraph, head, lo)
                return None
            return self._from_mention(paragraph, mention)
        return self._phrase_ending_at(paragraph, at, lo)

    def _person_set_off(self, paragraph: Paragraph, verb: int, lo: int) -> Speakers | None:
        """The person who opens the clause, set off by commas from the verb with what
        describes them in between: "Cynthia Thompson, curator and director of exhibits at
        the University of Arkansas, Fayetteville, said" (not the university, nor the
        town), so long as nothing between is a sentence break, a verb of speech or another
        person joined by "and"."""
        tokens = paragraph.seg.tokens
        person = paragraph.starting_at(lo)
        if (
            person is None
            or person.kind != "person"
            or person.possessive
            or tokens[verb - 1].text != ","
            or person.last + 1 >= verb - 1
            or tokens[person.last + 1].text != ","
        ):
            return None
        for index in range(person.last + 2, verb - 1):
            token = tokens[index]
            if token.in_quote or token.text in {".", ";", "?", "!", "(", ")"}:
                return None
            joined = paragraph.starting_at(index + 1) if token.lower == "and" else None
            if joined is not None and joined.kind == "person":
                return None  # "Ana Roe, Ben Ode and Li Wei said": they all speak
            if is_speech_verb(tokens, index, after_quote=False):
                return None
        return self._from_mention(paragraph, person)

    @staticmethod
    def _noun_linked_to(paragraph: Paragraph, mention: Mention, lo: int) -> int | None:
        """The token of a noun a preposition links to `mention`, with at most
        `_LINKED_GAP` words in lower case between them: "lawmakers in Valdoria", "a
        spokesperson for candidate Roberto Lavagna" (whose spokesperson speaks, not he)."""
        tokens = paragraph.seg.tokens
        for gap in range(_LINKED_GAP + 1):
            link = mention.first - 1 - gap
            noun = link - 1
            if noun < lo:
                return None
            between = tokens[link + 1 : mention.first]
            if any(not t.is_word or t.capitalised or t.in_quote for t in between):
                return None
            if tokens[link].lower in _GROUP_PLACE_LINKS and (
                not tokens[noun].capitalised or noun == lo
            ):
                return noun
        return None

    def phrase_or_mention_after(self, paragraph: Paragraph, at: int, hi: int) -> Speakers | None:
        """The subject after an inverted verb ("said Ana Roe", "said a senior official")."""
        tokens = paragraph.seg.tokens
        if at >= hi:
            return None
        mention = paragraph.starting_at(at)
        if mention is None and tokens[at].lower == "the" and at + 1 < hi:
            named = paragraph.starting_at(at + 1)  # "stated the ICC"
            if named is not None and named.kind in SPEAKER_KINDS - {"person"}:
                mention = named
        if mention is not None:
            return self._from_mention(paragraph, mention)
        end = at
        while end < hi and tokens[end].is_word and not tokens[end].in_quote:
            end += 1
        cut = next((i for i in range(at + 1, end) if _adjunct_opens(tokens, i)), end)
        if end == at:
            return None
        named = next(
            (
                m
                for m in paragraph.mentions
                if at < m.first < end and m.kind == "person" and not m.possessive
            ),
            None,
        )
        if named is not None and all(not t.capitalised for t in tokens[at : named.first]):
            return self._from_mention(paragraph, named)  # "said analyst Ana Roe of ..."
        if end < len(tokens) and tokens[end].text == ",":
            # "said a spokesman for the council, Ana Roe."
            named_after = self._name_closing_sentence(paragraph, end + 1)
            if named_after is not None:
                return named_after
        # "said a spokesman in an interview": the adjunct says where, not who
        head = next(
            (i for i in range(at, cut) if tokens[i].lower in _PHRASE_HEADS),
            None,
        )
        if head is None:
            return None
        return self._resolve_phrase(paragraph, at, cut - 1, head)

    def source_named_at(self, paragraph: Paragraph, at: int, hi: int) -> Speakers | None:
        """Whom words are given "according to" or "in the words of": a speaker found as
        after an inverted verb, else a body named by "the" and capitals alone, to the end
        of the clause ("according to the Sydney Morning Herald.")."""
        found = self.phrase_or_mention_after(paragraph, at, hi)
        if found is not None:
            return found
        tokens = paragraph.seg.tokens
        if at >= hi or tokens[at].lower != "the":
            return None  # capitals without "the" may be a person's name: the mentions decide
        end = at + 1
        while end < hi and tokens[end].capitalised and not tokens[end].in_quote:
            end += 1
        if not 1 <= end - at - 1 <= _BODY_NAME_WORDS:
            return None
        if end < len(tokens) and tokens[end].text not in {".", ";", ","}:
            return None
        seg = paragraph.seg
        text = seg.text[tokens[at + 1].start : tokens[end - 1].end]
        body = self.registry.named(text, "organisation", confidence=0.6)
        return Speakers((body.id,), 0.8, f"{body.name} (a body the words are given to)", at)

    def _name_closing_sentence(self, paragraph: Paragraph, at: int) -> Speakers | None:
        """A person's name from token `at` to the end of the sentence, if that is all."""
        tokens = paragraph.seg.tokens
        after = paragraph.starting_at(at)
        if after is not None:
            closing = after.last + 1
            ends = closing >= len(tokens) or tokens[closing].text in {".", ";"}
            if after.kind == "person" and not after.possessive and ends:
                return self._from_mention(paragraph, after)
            return None
        end = at
        while end < len(tokens) and tokens[end].capitalised and not tokens[end].in_quote:
            end += 1
        if not 2 <= end - at <= 4 or (end < len(tokens) and tokens[end].text not in {".", ";"}):
            return None
        seg = paragraph.seg
        person = self.registry.person(
            seg.text[tokens[at].start : tokens[end - 1].end], gender=None, confidence=0.7
        )
        rule = f"{person.name} (the name closing the sentence)"
        return Speakers((person.id,), 0.7, rule, at)

    def _phrase_ending_at(
        self, paragraph: Paragraph, at: int, lo: int, *, last: int | None = None
    ) -> Speakers | None:
        """A group or role phrase whose head noun is token `at` ("both governments
        said"); `last` extends it past the head ("lawmakers in Valdoria said")."""
        tokens = paragraph.seg.tokens
        head = tokens[at]
        if head.in_quote or head.lower not in _PHRASE_HEADS:
            return None
        start = at
        while start - 1 >= lo and at - start < 6:
            before = tokens[start - 1]
            if not before.is_word or before.in_quote:
                break
            if before.lower == "and":
                if start - 2 >= lo and tokens[start - 2].capitalised:
                    start -= 1
                    continue
                break
            if before.lower in _PHRASE_STOPS or before.lower in SPEECH_VERBS:
                break
            if before.lower in AUXILIARIES:
                break
            start -= 1
            if before.lower in _PHRASE_DETERMINERS:
                break
        return self._resolve_phrase(paragraph, start, at if last is None else last, at)

    def _resolve_phrase(
        self, paragraph: Paragraph, first: int, last: int, head: int
    ) -> Speakers | None:
        seg = paragraph.seg
        tokens = seg.tokens
        text = seg.text[tokens[first].start : tokens[last].end]
        words = [t.lower for t in tokens[first : last + 1]]
        head_word = tokens[head].lower
        count = next((_MULTI_COUNTS[w] for w in words if w in _MULTI_COUNTS), 0)
        if count and head_word in _MULTI_HEADS_PLACES | _MULTI_HEADS_PEOPLE:
            kind = "country" if head_word in _MULTI_HEADS_PLACES else "person"
            ids = self._latest_of_kind(paragraph, tokens[first].start, kind, count)
            if len(ids) < count:
                return Speakers((), 0.0, f"'{text}' names fewer than {count} {kind} before it")
            rule = f"{text} (= the {count} {kind} entities named last)"
            return Speakers(tuple(sorted(ids)), 0.6, rule, first)
        ids = [i for i in self.registry.known.lookup(text) if self._speaker_kind(i)]
        if ids:
            self.registry.use(ids[0])
            return Speakers((ids[0],), 0.85, text, first)
        if head_word in DOCUMENT_NOUNS:
            entity = self.registry.named(text, "document", confidence=0.6)
            return Speakers((entity.id,), 0.6, f"{text} (a document)", first)
        if head_word in COLLECTIVE_NOUNS:
            return self._organisation(text, head_word, first)
        by_alias = self._by_alias(text)
        if by_alias is not None:
            name = self.registry.use(by_alias).name
            return Speakers((by_alias,), 0.7, f"{text} (= {name}, by role)", first)
        if head_word in ROLE_NOUNS and head_word not in GROUP_NOUNS | SINGULAR_GROUP_NOUNS:
            entity = self.registry.named(text, "person", confidence=0.5)
            return Speakers((entity.id,), 0.5, f"{text} (a person named by role)", first)
        entity = self.registry.named(text, "group", confidence=0.6)
        return Speakers((entity.id,), 0.6, f"{text} (a group)", first)

    def _organisation(self, text: str, head: str, first: int) -> Speakers:
        """ "the union said": the organisation named last whose name ends in that noun,
        else a new organisation called so."""
        for entity in reversed(self.registry.entities.values()):
            if entity.kind == "organisation" and fold(entity.name).split()[-1] == head:
                return Speakers((entity.id,), 0.7, f"{text} (= {entity.name})", first)
        entity = self.registry.named(text, "organisation", confidence=0.6)
        return Speakers((entity.id,), 0.6, f"{text} (an organisation)", first)

    def _by_alias(self, text: str) -> str | None:
        """An entity of the article one of whose aliases (roles among them) is `text`, or
        begins with it ("the mayor" for "the mayor of Port Elna"); the latest named wins."""
        wanted = {fold(text), fold(strip_determiner(text))}
        order = {e.entity: n for n, e in enumerate(self.people)}
        entities = sorted(
            (e for e in self.registry.entities.values() if e.kind in SPEAKER_KINDS),
            key=lambda e: order.get(e.id, -1),
            reverse=True,
        )
        for entity in entities:
            if wanted & {fold(a) for a in entity.aliases}:
                return entity.id
        for entity in entities:
            aliases = [fold(a) for a in entity.aliases if not _names(a, entity.name)]
            if any(a.startswith(w + " ") for a in aliases for w in wanted):
                return entity.id
        bare = fold(strip_determiner(text)).split()
        for entity in entities:
            if entity.role is None or len(bare) > 3:
                continue
            role = fold(entity.role.text).split(" of ")[0].split()
            if bare and role[-len(bare) :] == bare:
                return entity.id
        return None

    def _speaker_kind(self, entity_id: str) -> bool:
        return self.registry.known.entities[entity_id].kind in SPEAKER_KINDS

    def sentence_subject(self, paragraph: Paragraph, lo: int, hi: int) -> Speakers | None:
        """The named subject opening a sentence, after any leading adverbial and comma."""
        tokens = paragraph.seg.tokens
        at = lo
        if at < hi and tokens[at].lower in _LEADING_ADVERBIALS:
            comma = next((i for i in range(at, hi) if tokens[i].text == ","), None)
            if comma is None:
                return None
            at = comma + 1
        mention = paragraph.starting_at(at)
        if mention is None or mention.possessive or mention.in_quote:
            return None
        if mention.kind != "person":
            described = self._described_after(paragraph, mention)
            if described is not None:
                mention = described
        return self._from_mention(paragraph, mention)

    def _described_after(self, paragraph: Paragraph, mention: Mention) -> Mention | None:
        """The person a role that starts with `mention` describes ("Valdorian president
        Ana Roe" opens with the country)."""
        later = [m for m in paragraph.mentions if m.first > mention.last]
        if not later or later[0].kind != "person":
            return None
        start = descriptor_before(paragraph.seg.tokens, later[0].first)
        if start is not None and start <= mention.last + 1:
            return later[0]
        return None

    def _from_mention(self, paragraph: Paragraph, mention: Mention) -> Speakers | None:
        if mention.possessive or mention.in_quote:
            return None
        if mention.kind == "pronoun":
            return self._pronoun(paragraph, mention)
        ids = [i for i in mention.ids if self.registry.use(i).kind in SPEAKER_KINDS]
        if not ids:
            return None
        if mention.first == mention.last and self.registry.use(ids[0]).kind == "person":
            relative = self._relative(paragraph, mention, ids[0])
            if relative is None:
                return None
            ids = [relative]
        people = [i for i in ids if self.registry.use(i).kind == "person"]
        chosen = (people or ids)[0]
        confidence = min(0.95, mention.confidence + 0.05)
        text = paragraph.seg.text[mention.start : mention.end]
        return Speakers((chosen,), confidence, text, mention.first)

    # -- pronouns and groups --------------------------------------------------------------

    def _relative(self, paragraph: Paragraph, mention: Mention, entity_id: str) -> str | None:
        """Which of the people sharing a surname a bare surname means: the only one, or
        "the elder" (named first) and "the younger" (named last); None if unclear."""
        surname = fold(self.registry.use(entity_id).surname)
        same = [
            e.id
            for e in self.registry.entities.values()
            if e.kind == "person" and fold(e.surname) == surname and len(e.name.split()) > 1
        ]
        if len(same) <= 1:
            return entity_id
        tokens = paragraph.seg.tokens
        before = tokens[mention.first - 1].lower if mention.first else ""
        if before in _ELDER:
            return same[0]
        if before in _YOUNGER:
            return same[-1]
        return None

    def _pronoun(self, paragraph: Paragraph, mention: Mention) -> Speakers:
        """The person a "he" or "she" stands for, read as a news reader reads it: going back
        sentence by sentence, the first person of that gender a sentence names (its
        subject, as a rule) or the speaker it quotes; a pronoun met on the way stands for
        the same person as it does."""
        word = paragraph.seg.text[mention.start : mention.end]
        if mention.gender is None:
            return self._they(mention)
        if mention.gender == NEUTER:
            return self._it(paragraph, mention)
        found = self._antecedent(paragraph.seg.number, mention.start, mention.gender, 0)
        if found is None:
            return Speakers((), 0.0, f"'{word}': no person of that gender named before")
        chosen, confidence = found
        entity = self.registry.use(chosen)
        if entity.gender is None:
            entity.gender = mention.gender
        how = "the person of that gender the sentences before are about"
        if len(self.last_speakers) == 1 and self.last_spoke[0] == paragraph.seg.number:
            last = self.registry.use(self.last_speakers[0])
            if last.kind == "person" and last.gender and last.gender != mention.gender:
                confidence, how = min(confidence, 0.5), how + ", though someone else spoke since"
        return Speakers((chosen,), confidence, f"{word} (= {entity.name}, {how})", mention.first)

    def _antecedent(
        self, number: int, offset: int, gender: str, depth: int
    ) -> tuple[str, float] | None:
        key = (number, offset)
        if key in self._antecedents:
            return self._antecedents[key]
        self._antecedents[key] = None  # a chain never loops back on itself
        result = None
        for at in range(number, max(0, number - 3), -1):
            paragraph = self.paragraphs[at - 1]
            limit = offset if at == number else len(paragraph.seg.text)
            for start, end in reversed(paragraph.seg.sentences):
                if start >= limit:
                    continue
                result = self._in_sentence(paragraph, start, min(end, limit), gender, depth)
                if result is not None:
                    break
            if result is not None:
                break
        self._antecedents[key] = result
        return result

    def _in_sentence(
        self, paragraph: Paragraph, start: int, end: int, gender: str, depth: int
    ) -> tuple[str, float] | None:
        """The person of `gender` sentence [start, end) of `paragraph` is about, if any."""
        number = paragraph.seg.number
        tokens = paragraph.seg.tokens
        spoken = self.spoken.get((number, start), ())
        for entity_id in spoken[:1] if len(spoken) == 1 else ():
            entity = self.registry.use(entity_id)
            if entity.kind == "person" and entity.gender in (None, gender):
                return entity_id, 0.85 if entity.gender == gender else 0.7
        mentions = [
            m
            for m in paragraph.mentions
            if start <= m.start < end
            and not m.in_quote
            and not m.possessive
            and m.kind in ("person", "pronoun")
        ]
        plain = [
            m for m in mentions if not (m.first and tokens[m.first - 1].lower in _PREPOSITIONS)
        ]
        for mention in plain + [m for m in mentions if m not in plain]:
            if mention.kind == "pronoun":
                if mention.gender != gender or depth >= _MAX_CHAIN:
                    continue
                inner = self._antecedent(number, mention.start, gender, depth + 1)
                if inner is not None:
                    return inner[0], min(inner[1], 0.8)
                continue
            entity = self.registry.use(mention.ids[0])
            if entity.kind == "person" and entity.gender in (None, gender):
                return entity.id, 0.85 if entity.gender == gender else 0.7
        return None

    def _they(self, mention: Mention) -> Speakers:
        last = self.last_speakers
        if len(last) > 1 or (last and self.registry.use(last[0]).kind == "group"):
            return Speakers(last, 0.5, "they (= the last group that spoke)", mention.first)
        return Speakers((), 0.0, "'they' without a group that spoke just before")

    def _it(self, paragraph: Paragraph, mention: Mention) -> Speakers:
        """ "…,” it added": the body or document that spoke last, in this paragraph or the
        one before; never a person."""
        last = self.last_speakers
        recent = self.last_spoke[0] >= paragraph.seg.number - 1
        if len(last) == 1 and recent and self.registry.use(last[0]).kind != "person":
            return Speakers(last, 0.7, "it (= the body that spoke last)", mention.first)
        return Speakers((), 0.0, "'it' without a body that spoke just before")

    def _latest_of_kind(
        self, paragraph: Paragraph, offset: int, kind: str, count: int
    ) -> list[str]:
        number = paragraph.seg.number
        found: list[str] = []
        for previous in reversed(self.paragraphs[max(0, number - 2) : number]):
            mentions = [
                m
                for m in reversed(previous.mentions)
                if not m.in_quote and (previous.seg.number < number or m.start < offset)
            ]
            for mention in mentions:
                for entity_id in mention.ids:
                    entity = self.registry.use(entity_id)
                    if entity.kind == kind and entity_id not in found:
                        found.append(entity_id)
                        break
                if len(found) == count:
                    return found
        return found


def _names(alias: str, name: str) -> bool:
    """Whether an alias holds the entity's surname ("President Roe"): a name, not a role."""
    surname = fold(name).split()[-1] if name.split() else ""
    return bool(surname) and surname in fold(alias).split()


_ADJUNCT_PREPOSITIONS = frozenset({"in", "during", "through", "via", "on"})
_ADJUNCT_DETERMINERS = frozenset({"a", "an", "its", "their", "his", "her", "our"})


def _adjunct_opens(tokens: tuple[Token, ...], at: int) -> bool:
    """ "in a statement", "on its website": a preposition with an indefinite or
    possessive determiner opens an adjunct of the verb, no part of who spoke."""
    return (
        tokens[at].lower in _ADJUNCT_PREPOSITIONS
        and at + 1 < len(tokens)
        and tokens[at + 1].lower in _ADJUNCT_DETERMINERS
    )


def explained(found: Speakers | None, ceiling: float, pattern: str) -> Speakers | None:
    """`found` capped at `ceiling`, its rule written as `pattern` with {who} filled in;
    None and failures (no ids) pass through unchanged."""
    if found is None or not found.ids:
        return found
    rule = pattern.replace("{who}", found.rule)
    return Speakers(found.ids, min(found.confidence, ceiling), rule, found.first_token)


def _skippable(token: Token) -> bool:
    word = token.lower
    return token.is_word and (
        word in ADVERBS or word in AUXILIARIES or (word.endswith("ly") and len(word) > 4)
    )


def is_speech_verb(tokens: tuple[Token, ...], index: int, *, after_quote: bool) -> bool:
    """Whether token `index` is a speech verb used as one (not "is said", not "Says")."""
    token = tokens[index]
    word = token.lower
    if token.in_quote or token.capitalised:
        return False
    if word == "put":
        return index + 1 < len(tokens) and tokens[index + 1].lower == "it"
    verbs = SPEECH_VERBS | INVERTIBLE_VERBS if after_quote else SPEECH_VERBS
    if word not in verbs:
        return False
    if index > 0 and tokens[index - 1].lower in _PASSIVE:
        return False
    # "told reporters when asked about the plan: “…”": the one asked is the speaker
    return not (word == "asked" and index > 0 and tokens[index - 1].lower in _ASKED_CLAUSE)
