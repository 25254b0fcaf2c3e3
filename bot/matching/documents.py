"""The answerable units the ranker scores: facts, quotes and the roles of entities.

Each `Document` keeps what the ranker compares (terms, entities, answer kinds, example
questions) beside what an answer shows (its statement and its verbatim citation).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.knowledge import Entity, Fact, KnowledgeBase, Quote
from bot.knowledge.model import QUOTE_SEPARATOR

FACT, QUOTE, ROLE = "fact", "quote", "role"

_TIME = re.compile(
    r"\b(?:on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
    r"(?:last|this|next) (?:week|month|year|summer|spring|winter|fall)|"
    r"(?:in )?(?:january|february|march|april|may|june|july|august|september|october|"
    r"november|december)(?: \d{4})?|\d{4}|recently|for now|years before)\b",
    re.IGNORECASE,
)
_SAYING_TIME = re.compile(
    r"\b(?:said|says|told|added|testified|put it)\s+(?:\w+\s+){0,1}?(?:on \w+day|last week|"
    r"this week|last month|recently|in congressional testimony last week)\b"
    r"|\b(?:recently|on \w+day|last week)\s+(?:said|told)\b",
    re.IGNORECASE,
)
_REASON = re.compile(
    r"\b(?:because|so that|arguing|in order to|to try to|to shore up|to sell|which would|"
    r"since|despite|for not|to rebuild|to retain|to regain)\b",
    re.IGNORECASE,
)
_MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?"
)
_WEEKDAY = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.IGNORECASE)
_DAY_OF_MONTH = re.compile(
    rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}"
    r"|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Document:
    """One answerable unit of the fact base."""

    key: str  # "fact:<source>/<id>", "quote:<source>/<id>", "role:<entity id>"
    kind: str
    source: str
    paragraph: int
    statement: str
    citation: str
    entities: frozenset[str]
    primary: frozenset[str]
    speakers: tuple[str, ...]
    topics: frozenset[str]
    answers: frozenset[str]
    examples: tuple[str, ...]
    text_for_terms: str
    times: tuple[str, ...]
    partial: bool = False
    note: str = ""  # a quotation's when, where and audience, as the article gives them
    reviewed: bool = True
    neighbours: frozenset[str] = frozenset()
    """Of `entities`, those only its paragraph names (a fact's `context`), not its words."""

    @property
    def has_day(self) -> bool:
        """Whether its evidence names a day: a weekday ("on Tuesday") or a day of a month."""
        return bool(_WEEKDAY.search(self.citation)) or self.has_calendar_date

    @property
    def has_calendar_date(self) -> bool:
        """Whether its evidence gives a day of a month ("March 20", "20 March 2023"): a
        date a calendar can place to the day. "In February 2022" or "on Tuesday" is not."""
        return bool(_DAY_OF_MONTH.search(self.citation))


def build_documents(kb: KnowledgeBase) -> list[Document]:
    """Every fact, quote and entity role of `kb` as a `Document`, in a stable order."""
    documents = [_fact_document(kb, fact) for fact in kb.facts]
    documents.extend(_quote_document(kb, quote) for quote in kb.quotes)
    documents.extend(_role_document(kb, entity) for entity in kb.entities.values() if entity.role)
    return documents


def speakers_of(kb: KnowledgeBase, fact: Fact) -> tuple[str, ...]:
    """The entities a fact's attribution names: who the article says made the claim."""
    if not fact.attribution:
        return ()
    attribution = fact.attribution.casefold().replace("’", "'")
    found = []
    for entity_id in fact.entities:
        entity = kb.entities[entity_id]
        names = (entity.name, *entity.aliases)
        if any(_contains_words(attribution, n.casefold().replace("’", "'")) for n in names):
            found.append(entity_id)
    return tuple(found)


def _contains_words(haystack: str, needle: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", haystack) is not None


def _fact_document(kb: KnowledgeBase, fact: Fact) -> Document:
    speakers = speakers_of(kb, fact)
    answers = set(fact.answers)
    if speakers:
        answers.add("who")
    if _REASON.search(fact.evidence):
        answers.add("why")
    times = tuple(m.group(0) for m in _TIME.finditer(fact.evidence))
    if speakers and times and _SAYING_TIME.search(fact.evidence) and len(times) == 1:
        answers.add("when-said")  # its only time is when the words were said
    entities = frozenset(fact.entities) | frozenset(fact.context)
    return Document(
        key=f"fact:{fact.source}/{fact.id}",
        kind=FACT,
        source=fact.source,
        paragraph=fact.paragraph,
        statement=fact.statement,
        citation=fact.evidence,
        entities=entities,
        primary=frozenset(fact.entities[:2]) | frozenset(speakers),
        speakers=speakers,
        topics=frozenset(fact.topics),
        answers=frozenset(answers),
        examples=fact.questions,
        text_for_terms=" ".join((fact.statement, fact.evidence, fact.attribution or "")),
        times=times,
        reviewed=fact.reviewed,
        neighbours=frozenset(fact.context) - frozenset(fact.entities),
    )


def _quote_document(kb: KnowledgeBase, quote: Quote) -> Document:
    speaker = kb.speaker_names(quote)
    context = ", ".join(x for x in (quote.when, quote.where, quote.audience) if x)
    words = quote.text.replace(QUOTE_SEPARATOR, " ")
    statement = f"{speaker} said: “{words}”" + (f" ({context})" if context else "")
    return Document(
        key=f"quote:{quote.source}/{quote.id}",
        kind=QUOTE,
        source=quote.source,
        paragraph=quote.paragraph,
        statement=statement,
        citation=quote.text,
        entities=frozenset((*quote.speakers, *quote.about)),
        primary=frozenset(quote.speakers),
        speakers=quote.speakers,
        topics=frozenset(quote.topics),
        answers=frozenset({"who", "position"} | ({"when"} if quote.when else set())),
        examples=(),
        text_for_terms=" ".join((words, context, "said quote")),
        times=(quote.when,) if quote.when else (),
        partial=quote.partial,
        note=context,
        reviewed=quote.reviewed,
    )


def _role_document(kb: KnowledgeBase, entity: Entity) -> Document:
    assert entity.role is not None
    role = entity.role.text
    verb = "" if role.startswith("contributed") else "is "
    statement = f"{entity.name} {verb}{role}."
    return Document(
        key=f"role:{entity.id}",
        kind=ROLE,
        source=entity.role.source,
        paragraph=entity.role.paragraph,
        statement=statement,
        citation=entity.role.evidence,
        entities=frozenset({entity.id}),
        primary=frozenset({entity.id}),
        speakers=(),
        topics=frozenset(),
        answers=frozenset({"who"}),
        examples=(),
        text_for_terms=" ".join((entity.name, role, entity.role.evidence)),
        times=(),
    )
