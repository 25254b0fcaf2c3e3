"""Attribute each quotation of an article to its speaker(s), by news conventions.

For each quotation, in order of preference:

1. after it: `“…,” said X`, `“…,” X said`, `“…,” she added`, `“…,” as she put it`,
   `“…,” according to X`; a quotation the attribution breaks (`“…,” X said, “…”`) or that
   goes on in the next sentence (`“…,” she added. “…”`) is one quotation, its pieces
   joined by " … ";
2. before it, in the same sentence: the subject of the last speech verb, which also
   covers partial quotes inside reported speech (`X said that while Y was “…”`), or whom
   `according to X`, `in the words of X` or `as X put it` names (a body named by "the"
   and capitals alone, `according to the Sydney Morning Herald`, is a speaker too);
3. after a colon: the subject of the sentence (`X would not budge: “…”`);
4. a paragraph that opens with a quotation goes on with the previous paragraph's speaker;
5. a sentence that opens with a connective and names no one (`Nor would it …“…”`) goes on
   with the previous sentence's speaker;
6. a quotation that is a sentence of its own, right after a sentence quoting someone or
   reporting a person's words ("Heald noted the findings show ..."), with no one else
   named since, goes on with that speaker.

Pronouns resolve to the latest person of the same gender named outside quotation marks
in this paragraph or the one before (gender from honorifics and earlier pronouns); a
group phrase ("both governments") stands for the entities of that kind named last.
Every attribution carries a confidence; a quotation left without a speaker is reported.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.ingest.cues import first_time, venue
from bot.ingest.entities import Registry
from bot.ingest.lexicon import AUXILIARIES, INVERTIBLE_VERBS, SPEECH_VERBS
from bot.ingest.segments import QuoteSpan, Segmented, Token
from bot.ingest.speakers import Paragraph, Resolver, Speakers, explained, is_speech_verb
from bot.knowledge.model import QUOTE_SEPARATOR

__all__ = ["Attributor", "DraftQuote", "Paragraph", "Unattributed"]

_NOT_ROLE_WORDS = (
    SPEECH_VERBS
    | INVERTIBLE_VERBS
    | AUXILIARIES
    | frozenset(
        "the a an this that these those his her its their our of to for with by on in at from "
        "regarding about as than and or but".split()
    )
)
"""Words that make what stands before a name more than its role ("team member Lena
Dorr" is a role and a name; "regarding the group" is not)."""
_CONNECTIVES = frozenset({"nor", "and", "also", "but", "yet", "or", "plus"})
_SUBJECT_PRONOUNS = frozenset({"it", "they", "he", "she", "this", "that"})
_CLAUSE_OPENERS = frozenset(
    "while and but as when after before because although though whereas if since which who "
    "that whose".split()
)
_MAX_REGION_TOKENS = 16
_ROLE_LEAD_TOKENS = 12
"""At most this many tokens of a role set off before the name after a quotation ("said a
spokesman for the army in an interview, Abdul Osman")."""
_MAX_ASIDES = 3


@dataclass(slots=True)
class DraftQuote:
    """A quotation as drafted: its pieces (quotation spans) and its attribution."""

    paragraph: int
    pieces: list[QuoteSpan]
    speakers: tuple[str, ...]
    confidence: float
    partial: bool
    rule: str
    context: str = ""
    """The narrative words of the attribution, where when/where are read from."""

    def texts(self, seg: Segmented) -> list[str]:
        """The verbatim text of each piece."""
        return [seg.text[p.inner_start : p.close] for p in self.pieces]

    def text(self, seg: Segmented) -> str:
        """The pieces joined as the loader expects them."""
        return QUOTE_SEPARATOR.join(self.texts(seg))

    @property
    def when(self) -> str | None:
        """The time the attribution gives, in the article's words."""
        return first_time(self.context)

    @property
    def where(self) -> str | None:
        """The occasion the attribution gives ("at a town-hall meeting …")."""
        return venue(self.context)


@dataclass(frozen=True, slots=True)
class Unattributed:
    """A quotation the rules could not give a speaker, and why."""

    paragraph: int
    text: str
    reason: str


class Attributor:
    """Reads the paragraphs in order and attributes their quotations."""

    def __init__(self, registry: Registry, paragraphs: list[Paragraph]) -> None:
        self.paragraphs = paragraphs
        self.resolver = Resolver(registry, paragraphs)
        self.quotes: list[DraftQuote] = []
        self.unattributed: list[Unattributed] = []

    def run(self) -> tuple[list[DraftQuote], list[Unattributed]]:
        """Every quotation attributed or reported, paragraph by paragraph."""
        for paragraph in self.paragraphs:
            self._paragraph(paragraph)
        return self.quotes, self.unattributed

    # -- one paragraph ----------------------------------------------------------------------

    def _paragraph(self, paragraph: Paragraph) -> None:
        seg = paragraph.seg
        done: set[int] = set()
        by_sentence: dict[int, Speakers] = {}
        for index, span in enumerate(seg.quotes):
            if index in done or not any(
                c.isalpha() for c in seg.text[span.inner_start : span.close]
            ):
                continue
            if _a_name(seg, span):
                text = seg.text[span.inner_start : span.close]
                self.unattributed.append(Unattributed(seg.number, text, "a name, not words said"))
                continue
            pieces = [span]
            found, context = self._after(paragraph, index)
            if found is not None and found.ids:
                for extra in self._continuations(paragraph, index):
                    pieces.append(seg.quotes[extra])
                    done.add(extra)
            if found is None:
                found, context = self._before(paragraph, span)
            if found is None:
                found, context = self._colon(paragraph, span), ""
            if found is None:
                found = self._opens_paragraph(paragraph, span)
            if found is None:
                found = self._continues_sentence(paragraph, span, by_sentence)
            if found is None:
                found = self._follows_in_paragraph(paragraph, span, by_sentence)
            text = seg.text[span.inner_start : span.close]
            if found is None or not found.ids:
                reason = found.rule if found is not None else "no speech verb or speaker found"
                self.unattributed.append(Unattributed(seg.number, text, reason))
                continue
            if (
                found.first_token >= 0
                and context
                and seg.tokens[found.first_token].start < span.open
            ):
                context = _context(seg, seg.tokens[found.first_token].start, span.open)
            by_sentence[seg.sentence_of(span.open)[0]] = found
            self.resolver.spoke(found.ids, seg.number, span.open)
            self.quotes.append(
                DraftQuote(
                    paragraph=seg.number,
                    pieces=pieces,
                    speakers=found.ids,
                    confidence=round(found.confidence, 2),
                    partial=_partial(seg, span),
                    rule=found.rule,
                    context=context,
                )
            )

    # -- rule 1: after the quotation ------------------------------------------------------

    def _after(self, paragraph: Paragraph, index: int) -> tuple[Speakers | None, str]:
        seg = paragraph.seg
        span = seg.quotes[index]
        if span.runs_on:
            return None, ""
        sentence_end = seg.sentence_of(span.open)[1]
        next_open = seg.quotes[index + 1].open if index + 1 < len(seg.quotes) else len(seg.text)
        region_end = min(sentence_end, next_open)
        if sentence_end <= span.end:
            return None, ""
        tokens = seg.tokens
        lo = seg.token_index(span.end)
        hi = seg.token_index(region_end)
        start = lo + 1 if lo < hi and tokens[lo].text == "," else lo
        for verb in range(start, min(hi, start + _MAX_REGION_TOKENS)):
            token = tokens[verb]
            if token.text in {".", ";", "—", "(", "!", "?"}:
                return None, ""
            context = _context(seg, span.end, region_end)
            if token.lower == "according" and verb + 1 < hi and tokens[verb + 1].lower == "to":
                found = self.resolver.source_named_at(paragraph, verb + 2, hi)
                found = explained(found, 0.95, "“…,” according to {who}")
                return self._only_at(found, paragraph, start, verb), context
            if not is_speech_verb(tokens, verb, after_quote=True):
                continue
            if verb == start and token.lower in INVERTIBLE_VERBS:
                found = self.resolver.phrase_or_mention_after(paragraph, verb + 1, hi)
                found = explained(found, 0.95, f"“…,” {token.text} {{who}}")
            else:
                found = self.resolver.subject_before(paragraph, verb, start)
                found = explained(found, 0.95, f"“…,” {{who}} {token.text}")
            return self._only_at(found, paragraph, start, verb), context
        return None, ""

    @staticmethod
    def _only_at(
        found: Speakers | None, paragraph: Paragraph, start: int, verb: int
    ) -> Speakers | None:
        """An attribution after a quotation must open the words that follow it: its subject
        comes first (after "as", or after a role set off by commas: "the group's chairman,
        Ana Roe, said"), or right after an inverted verb; no new clause comes before it."""
        if found is None or not found.ids:
            return found
        tokens = paragraph.seg.tokens
        first = found.first_token
        if first in (start, verb + 1, verb + 2):
            return found
        if first == start + 1 and tokens[start].lower == "as":
            return found
        lead = tokens[start:first]
        opens_clause = any(t.lower in _CLAUSE_OPENERS or t.in_quote for t in lead)
        countries = {
            i
            for m in paragraph.mentions
            if m.kind in {"country", "place"}
            for i in range(m.first, m.last + 1)
        }
        plain_lead = all(
            (t.is_word and not t.capitalised) or start + n in countries for n, t in enumerate(lead)
        )  # "the elder Hale", "the U.S. Ambassador Ryan Crocker"
        if 0 < len(lead) <= 3 and lead[0].lower in {"the", "a", "an"} and plain_lead:
            return found if not opens_clause else None  # "“…,” the elder Hale said"
        named = paragraph.starting_at(first)
        if (
            0 < len(lead) <= 3
            and plain_lead
            and not opens_clause
            and named is not None
            and named.kind == "person"
            and not any(t.lower in _NOT_ROLE_WORDS for t in lead)
        ):
            return found  # a role before the name: "“…,” team member Lena Dorr told"
        if 0 < first - start <= _ROLE_LEAD_TOKENS and not opens_clause and lead[-1].text == ",":
            return found
        return None

    def _continuations(self, paragraph: Paragraph, index: int) -> list[int]:
        """Later quotations that are the same one: broken by its attribution
        (`“…,” X said, “…”`) or going on in a sentence of its own (`“…,” she added. “…”`)."""
        seg = paragraph.seg
        joined: list[int] = []
        current = index
        while current + 1 < len(seg.quotes):
            here, after = seg.quotes[current], seg.quotes[current + 1]
            if here.runs_on:
                break
            verbs = [
                t
                for t in seg.tokens_between(here.end, after.open)
                if t.lower in SPEECH_VERBS | INVERTIBLE_VERBS and not t.capitalised
            ]
            if len(verbs) != (1 if current == index else 0):
                break
            sentence_start, sentence_end = seg.sentence_of(after.open)
            if sentence_start == seg.sentence_of(here.open)[0]:
                if not seg.text[here.end : after.open].rstrip().endswith((",", ":")):
                    break
            elif (
                seg.text[sentence_start : after.open].strip()
                or seg.text[after.end : sentence_end].strip()
            ):
                break
            joined.append(current + 1)
            current += 1
        return joined

    # -- rule 2: before the quotation, in its sentence ------------------------------------

    def _before(self, paragraph: Paragraph, span: QuoteSpan) -> tuple[Speakers | None, str]:
        seg = paragraph.seg
        tokens = seg.tokens
        sentence_start = seg.sentence_of(span.open)[0]
        lo, hi = seg.token_index(sentence_start), seg.token_index(span.open)
        verbs = [
            i
            for i in range(lo, hi)
            if not tokens[i].in_quote
            and (
                (is_speech_verb(tokens, i, after_quote=False) and not _a_noun(tokens, i, lo))
                or (tokens[i].lower == "according" and i + 1 < hi and tokens[i + 1].lower == "to")
                or _in_the_words_of(tokens, i, lo, hi)
            )
        ]
        if not verbs:
            return None, ""
        verb = verbs[-1]
        context = _context(seg, sentence_start, span.open)
        word = tokens[verb].lower
        if word == "according":
            found = self.resolver.source_named_at(paragraph, verb + 2, hi)
            return explained(found, 0.9, "according to {who}, “…”"), context
        if word == "words":
            found = self.resolver.source_named_at(paragraph, verb + 2, hi)
            return explained(found, 0.9, "in the words of {who}, “…”"), context
        if word.endswith("ing"):
            named = self.resolver.subject_before(paragraph, verb, lo)
            person = (
                named is not None
                and named.first_token >= 0
                and _names_a_person(paragraph, named.first_token)
            )
            if named is not None and named.ids and person:
                return explained(named, 0.8, f"{{who}} {tokens[verb].text} “…”"), context
            found = self.resolver.sentence_subject(paragraph, lo, verb)
            if found is None and tokens[verb - 1].text == ",":
                found = self._clause_subject(paragraph, lo, verb)
            return explained(found, 0.75, f"{{who}} …, {tokens[verb].text} … “…”"), context
        found = self.resolver.subject_before(paragraph, verb, lo)
        if found is None and tokens[verb - 1].lower == "and":
            found = self._coordinated_subject(paragraph, verbs[:-1], lo)
        after_quote = _closes_quote(tokens, verb - 1, lo) or (
            verb - 1 >= lo and tokens[verb - 1].text == "," and _closes_quote(tokens, verb - 2, lo)
        )
        if found is None and after_quote:
            found = self.resolver.phrase_or_mention_after(paragraph, verb + 1, hi)
            return explained(found, 0.9, f"“…” {tokens[verb].text} {{who}}"), context
        if found is None and tokens[verb - 1].text == ",":
            found = self._subject_before_asides(paragraph, lo, verb)
            if found is not None:
                return explained(found, 0.75, f"{{who}}, …, {tokens[verb].text} “…”"), context
        if found is None:
            return Speakers((), 0.0, f"speech verb '{word}' without a speaker found"), context
        return explained(found, 0.9, f"{{who}} {tokens[verb].text} … “…”"), context

    def _clause_subject(self, paragraph: Paragraph, lo: int, participle: int) -> Speakers | None:
        """ "A police spokesman denied the report, saying “…”": a participle of speech
        after a comma shares the subject of the sentence's first verb of speech."""
        tokens = paragraph.seg.tokens
        verbs = [
            i for i in range(lo, participle - 1) if is_speech_verb(tokens, i, after_quote=False)
        ]
        if len(verbs) != 1 or tokens[verbs[0]].lower.endswith("ing"):
            return None  # one clause only: "X wrote ..., saying ..., stating “…”" is not
        return self.resolver.subject_before(paragraph, verbs[0], lo)

    def _coordinated_subject(
        self, paragraph: Paragraph, earlier: list[int], lo: int
    ) -> Speakers | None:
        """ "X said the deal was a “…” and said they had agreed to “…”": a speech verb
        joined by "and" to an earlier one shares its subject."""
        for verb in reversed(earlier):
            if paragraph.seg.tokens[verb].lower == "according":
                return None
            found = self.resolver.subject_before(paragraph, verb, lo)
            if found is None and paragraph.seg.tokens[verb - 1].text == ",":
                found = self._subject_before_asides(paragraph, lo, verb)
            if found is not None:
                return found
            if paragraph.seg.tokens[verb - 1].lower != "and":
                return None
        return None

    def _reported_speech(self, paragraph: Paragraph, start: int) -> Speakers | None:
        """The person whose words the sentence at `start` reports, with no quotation of
        its own ("Heald noted the findings show ...", "As Heald told the Post, ...")."""
        seg = paragraph.seg
        tokens = seg.tokens
        end = seg.sentence_of(start)[1]
        if any(start <= q.open < end for q in seg.quotes):
            return None
        lo, hi = seg.token_index(start), seg.token_index(end)
        verbs = [
            i
            for i in range(lo, hi)
            if is_speech_verb(tokens, i, after_quote=False) and not _a_noun(tokens, i, lo)
        ]
        if not verbs:
            return None
        at = lo + 1 if tokens[lo].lower == "as" else lo
        found = self.resolver.subject_before(paragraph, verbs[0], at)
        if found is None or not found.ids or not _names_a_person(paragraph, found.first_token):
            return None
        return found

    def _subject_before_asides(self, paragraph: Paragraph, lo: int, verb: int) -> Speakers | None:
        """ "Ana Roe, of the radio, one of her sons, stated, “…”": the person opening the
        sentence, set off by commas from asides that run up to the speech verb."""
        found = self.resolver.sentence_subject(paragraph, lo, verb)
        if found is None or not found.ids:
            return None
        tokens = paragraph.seg.tokens
        mention = paragraph.starting_at(found.first_token)
        if mention is None or mention.kind != "person":
            return None
        between = tokens[mention.last + 1 : verb]
        if not between or between[0].text != ",":
            return None
        if any(t.in_quote or t.text in {".", ";", ":"} for t in between):
            return None
        if any(is_speech_verb(tokens, i, after_quote=False) for i in range(mention.last + 1, verb)):
            return None
        if sum(t.text == "," for t in between) > _MAX_ASIDES + 1:
            return None
        return found

    # -- rule 3: a colon after the sentence's subject -------------------------------------

    def _colon(self, paragraph: Paragraph, span: QuoteSpan) -> Speakers | None:
        seg = paragraph.seg
        if not seg.text[: span.open].rstrip().endswith(":"):
            return None
        sentence_start = seg.sentence_of(span.open)[0]
        lo, hi = seg.token_index(sentence_start), seg.token_index(span.open)
        found = self.resolver.sentence_subject(paragraph, lo, hi)
        return explained(found, 0.7, "{who} … (subject of the sentence): “…”")

    # -- rules 4 and 5: continuing quotations ---------------------------------------------

    def _opens_paragraph(self, paragraph: Paragraph, span: QuoteSpan) -> Speakers | None:
        seg = paragraph.seg
        if seg.text[: span.open].strip() or span is not seg.quotes[0]:
            return None
        introduced = self._introduced_by_colon(paragraph)
        if introduced is not None or not self.quotes:
            return introduced
        previous = self.quotes[-1]
        if previous.paragraph != seg.number - 1:
            return None
        before = self.paragraphs[seg.number - 2].seg
        last = before.quotes[-1] if before.quotes else None
        if last is None or last not in previous.pieces:
            return None
        if last.runs_on:
            return Speakers(
                previous.speakers, 0.8, "continues the quotation of the paragraph before"
            )
        if len(before.text[last.end :].split()) > 8 or not _own_sentence(seg, span):
            return None
        rule = "opens the paragraph after a quotation: the same speaker goes on"
        return Speakers(previous.speakers, 0.55, rule)

    def _introduced_by_colon(self, paragraph: Paragraph) -> Speakers | None:
        """A quotation opening a paragraph after one that ends with a colon ("… has called
        the sentence “dangerous”:") is the words of that sentence's subject."""
        number = paragraph.seg.number
        if number < 2:
            return None
        before = self.paragraphs[number - 2]
        text = before.seg.text.rstrip()
        if not text.endswith(":"):
            return None
        start = before.seg.sentence_of(len(text) - 1)[0]
        lo, hi = before.seg.token_index(start), before.seg.token_index(len(text) - 1)
        tokens = before.seg.tokens
        verbs = [
            i
            for i in range(lo, hi)
            if not tokens[i].in_quote and is_speech_verb(tokens, i, after_quote=False)
        ]
        if verbs:
            found = self.resolver.subject_before(before, verbs[-1], lo)
        else:
            found = self.resolver.sentence_subject(before, lo, hi)
        if found is None or not found.ids:
            return None
        return explained(found, 0.7, "{who} … (the sentence before, ending with a colon): “…”")

    def _continues_sentence(
        self, paragraph: Paragraph, span: QuoteSpan, by_sentence: dict[int, Speakers]
    ) -> Speakers | None:
        seg = paragraph.seg
        sentence_start, _ = seg.sentence_of(span.open)
        lo, hi = seg.token_index(sentence_start), seg.token_index(span.open)
        if lo >= hi or seg.tokens[lo].lower not in _CONNECTIVES:
            return None
        previous = [s for start, s in by_sentence.items() if start < sentence_start]
        if not previous:
            return None
        if any(is_speech_verb(seg.tokens, i, after_quote=False) for i in range(lo, hi)):
            return None
        words = [t.lower for t in seg.tokens[lo + 1 : hi] if t.text != ","]
        first_two = [*words, "", ""][:2]
        pronoun_subject = first_two[0] in _SUBJECT_PRONOUNS or (
            first_two[0] in AUXILIARIES and first_two[1] in _SUBJECT_PRONOUNS
        )
        if not pronoun_subject:
            return None
        named = [
            m
            for m in paragraph.mentions
            if m.kind in {"person", "group", "organisation"}
            and sentence_start <= m.start < span.open
            and not m.in_quote
        ]
        if named:
            return None
        return Speakers(previous[-1].ids, 0.5, "a sentence going on from the previous one")

    def _follows_in_paragraph(
        self, paragraph: Paragraph, span: QuoteSpan, by_sentence: dict[int, Speakers]
    ) -> Speakers | None:
        """ "X said the bombings showed “…”. “The people have been right …”": a quotation
        that is a sentence of its own goes on with the speaker of the sentence before, when
        that sentence quoted someone and no one else is named since."""
        seg = paragraph.seg
        if not _own_sentence(seg, span):
            return None
        sentence_start, _ = seg.sentence_of(span.open)
        if sentence_start == 0:
            return None
        latest = seg.sentence_of(sentence_start - 1)[0]
        previous = by_sentence.get(latest) or self._reported_speech(paragraph, latest)
        if previous is None:
            return None  # the sentence before quotes no one and reports no one's words
        named = [
            m
            for m in paragraph.mentions
            if m.kind in {"person", "group", "organisation"}
            and not m.in_quote
            and sentence_start <= m.start < span.open
            and not set(m.ids) & set(previous.ids)
        ]
        if named:
            return None
        return Speakers(previous.ids, 0.55, "a quotation going on from the sentence before")


def _names_a_person(paragraph: Paragraph, first_token: int) -> bool:
    """Whether a person's name starts at token `first_token` ("Pagan Amum stating", not
    "banners reading")."""
    mention = paragraph.starting_at(first_token)
    return mention is not None and mention.kind == "person"


_NOUN_MARKERS = frozenset("the a an his her their its our my this that these those".split())


def _a_noun(tokens: tuple[Token, ...], index: int, lo: int) -> bool:
    """ "Fallon's comments", "the remarks": a word of speech used as a noun, no verb."""
    if index - 1 < lo:
        return False
    before = tokens[index - 1]
    return before.possessive or before.lower in _NOUN_MARKERS


def _closes_quote(tokens: tuple[Token, ...], index: int, lo: int) -> bool:
    return index >= lo and (tokens[index].in_quote or tokens[index].text in {"”", '"'})


def _own_sentence(seg: Segmented, span: QuoteSpan) -> bool:
    """A whole-sentence quotation: nothing else in its sentence, ending as a sentence ends."""
    start, end = seg.sentence_of(span.open)
    inner = seg.text[span.inner_start : span.close].rstrip()
    return (
        not seg.text[start : span.open].strip()
        and not seg.text[span.end : end].strip()
        and inner.endswith((".", "!", "?", "…"))
    )


_NAME_JOINERS = frozenset("of the and for in on at to a an de du la le von van vs. &".split())
_NAME_WORDS = (2, 8)


def _a_name(seg: Segmented, span: QuoteSpan) -> bool:
    """A name or title set in quotation marks inside the article's own sentence ("a robot
    named “Better Idea of Afghan Girls,”", "the group “Hong Kong Community Network”"):
    two to eight words, each capitalised but for the small words that join a name, no
    sentence ending, and no colon or sentence start before it (words said after a colon
    may be as short and as capitalised: “Thank You All”)."""
    inner = seg.text[span.inner_start : span.close].strip().rstrip(",;")
    words = inner.split()
    if not _NAME_WORDS[0] <= len(words) <= _NAME_WORDS[1] or inner.endswith((".", "!", "?")):
        return False
    lettered = [w for w in words if any(c.isalpha() for c in w)]
    if len(lettered) != len(words) or not all(
        w[0].isupper() or w.lower() in _NAME_JOINERS for w in lettered
    ):
        return False
    start = seg.sentence_of(span.open)[0]
    before = seg.text[start : span.open].rstrip()
    return bool(before) and not before.endswith((":", "—", "-"))


def _partial(seg: Segmented, span: QuoteSpan) -> bool:
    """A fragment: it starts in lower case, or inside the article's own sentence."""
    inner = seg.text[span.inner_start : span.close].lstrip()
    if inner[:1].islower():
        return True
    before = seg.text[: span.open].rstrip()
    if not before:
        return False
    start = seg.sentence_of(span.open)[0]
    if not seg.text[start : span.open].strip():
        return False
    return not before.endswith((":", ",", "—"))


def _context(seg: Segmented, start: int, end: int) -> str:
    """The narrative text between two offsets, quotations left out."""
    parts = []
    cursor = start
    for span in seg.quotes:
        if span.end <= start or span.open >= end:
            continue
        parts.append(seg.text[cursor : max(cursor, span.open)])
        cursor = max(cursor, span.end)
    parts.append(seg.text[cursor:end])
    return " ".join(" ".join(parts).split())


def _in_the_words_of(tokens: Sequence[Token], at: int, lo: int, hi: int) -> bool:
    """ "in the words of" at token `at` ("words"): it gives what follows to whom it names."""
    return (
        tokens[at].lower == "words"
        and lo <= at - 2
        and at + 1 < hi
        and tokens[at - 2].lower == "in"
        and tokens[at - 1].lower == "the"
        and tokens[at + 1].lower == "of"
    )
