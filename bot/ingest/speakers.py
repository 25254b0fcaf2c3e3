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
    GROUP_NOUNS,
    INVERTIBLE_VERBS,
    ROLE_NOUNS,
    SINGULAR_GROUP_NOUNS,
    SPEECH_VERBS,
)
from bot.ingest.mentions import SPEAKER_KINDS, Mention
from bot.ingest.segments import Segmented, Token

_PASSIVE = frozenset({"is", "are", "was", "were", "be", "been", "being"})
_PHRASE_HEADS = GROUP_NOUNS | SINGULAR_GROUP_NOUNS | ROLE_NOUNS | COLLECTIVE_NOUNS
_GROUP_PLACE_LINKS = frozenset({"in", "of", "from", "at", "across"})
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
    "for with from it they he she we".split()
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
        for paragraph in paragraphs:
            for mention in paragraph.mentions:
                if mention.kind == "person" and mention.ids and not mention.in_quote:
                    self.people.append(_Event(paragraph.seg.number, mention.start, mention.ids[0]))

    def spoke(self, speakers: tuple[str, ...], paragraph: int, offset: int) -> None:
        """Record that `speakers` were given the quotation at `offset` of `paragraph`."""
        self.last_speakers = speakers
        self.last_spoke = (paragraph, offset)

    def subject_before(self, paragraph: Paragraph, verb: int, lo: int) -> Speakers | None:
        """The subject of the speech verb at token `verb`, reading left from it."""
        tokens = paragraph.seg.tokens
        at = verb - 1
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
        if mention is not None:
            noun = mention.first - 2
            if noun >= lo and tokens[noun + 1].lower in _GROUP_PLACE_LINKS:
                group = self._phrase_ending_at(paragraph, noun, lo, last=at)
                if group is not None:
                    return group
            return self._from_mention(paragraph, mention)
        return self._phrase_ending_at(paragraph, at, lo)

    def phrase_or_mention_after(self, paragraph: Paragraph, at: int, hi: int) -> Speakers | None:
        """The subject after an inverted verb ("said Ana Roe", "said a senior official")."""
        tokens = paragraph.seg.tokens
        if at >= hi:
            return None
        mention = paragraph.starting_at(at)
        if mention is not None:
            return self._from_mention(paragraph, mention)
        end = at
        while end < hi and tokens[end].is_word and not tokens[end].in_quote:
            end += 1
        if end == at:
            return None
        head = next(
            (i for i in range(at, end) if tokens[i].lower in _PHRASE_HEADS),
            None,
        )
        if head is None:
            return None
        return self._resolve_phrase(paragraph, at, end - 1, head)

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
        if head_word in COLLECTIVE_NOUNS:
            return self._organisation(text, head_word, first)
        by_alias = self._by_alias(text)
        if by_alias is not None:
            name = self.registry.use(by_alias).name
            return Speakers((by_alias,), 0.7, f"{text} (= {name}, by role)", first)
        if head_word in ROLE_NOUNS and head_word not in GROUP_NOUNS | SINGULAR_GROUP_NOUNS:
            return None
        if tokens[first].lower in {"the", "these", "those"} and head_word in SINGULAR_GROUP_NOUNS:
            return None
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
        entities = [e for e in reversed(self.registry.entities.values()) if e.kind in SPEAKER_KINDS]
        for entity in entities:
            if wanted & {fold(a) for a in entity.aliases}:
                return entity.id
        for entity in entities:
            aliases = [fold(a) for a in entity.aliases]
            if any(a.startswith(w + " ") for a in aliases for w in wanted):
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
        return self._from_mention(paragraph, mention)

    def _from_mention(self, paragraph: Paragraph, mention: Mention) -> Speakers | None:
        if mention.possessive or mention.in_quote:
            return None
        if mention.kind == "pronoun":
            return self._pronoun(paragraph, mention)
        ids = [i for i in mention.ids if self.registry.use(i).kind in SPEAKER_KINDS]
        if not ids:
            return None
        people = [i for i in ids if self.registry.use(i).kind == "person"]
        chosen = (people or ids)[0]
        confidence = min(0.95, mention.confidence + 0.05)
        text = paragraph.seg.text[mention.start : mention.end]
        return Speakers((chosen,), confidence, text, mention.first)

    # -- pronouns and groups --------------------------------------------------------------

    def _pronoun(self, paragraph: Paragraph, mention: Mention) -> Speakers:
        """The person a "he" or "she" stands for: the latest person of that gender named
        outside quotation marks here or in the paragraph before."""
        number = paragraph.seg.number
        word = paragraph.seg.text[mention.start : mention.end]
        if mention.gender is None:
            return self._they(mention)
        latest: dict[str, tuple[int, int]] = {}
        for event in reversed(self.people):
            close = event.paragraph == number - 1 or (
                event.paragraph == number and event.offset < mention.start
            )
            if close and event.entity not in latest:
                latest[event.entity] = (event.paragraph, event.offset)
        order = list(latest)
        chosen = next(
            (i for i in order if self.registry.use(i).gender in (None, mention.gender)), None
        )
        if chosen is None:
            return Speakers((), 0.0, f"'{word}': no person of that gender named just before")
        entity = self.registry.use(chosen)
        if entity.gender is None:
            here = latest[chosen][0]
            later = [i for i in order[order.index(chosen) + 1 :] if latest[i][0] == here]
            if any(self.registry.use(i).gender == mention.gender for i in later):
                return Speakers((), 0.0, f"'{word}' could be more than one person named before")
            entity.gender = mention.gender
            confidence, how = 0.7, "the latest person named before"
        else:
            confidence, how = 0.85, "the latest person of that gender named before"
        if len(self.last_speakers) == 1 and self.last_spoke > latest[chosen]:
            last = self.registry.use(self.last_speakers[0])
            if last.kind == "person" and last.gender and last.gender != mention.gender:
                confidence, how = 0.5, how + ", though someone else spoke since"
        return Speakers((chosen,), confidence, f"{word} (= {entity.name}, {how})", mention.first)

    def _they(self, mention: Mention) -> Speakers:
        last = self.last_speakers
        if len(last) > 1 or (last and self.registry.use(last[0]).kind == "group"):
            return Speakers(last, 0.5, "they (= the last group that spoke)", mention.first)
        return Speakers((), 0.0, "'they' without a group that spoke just before")

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
    return not (index > 0 and tokens[index - 1].lower in _PASSIVE)
