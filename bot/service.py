"""The one entry point every door calls: `Envoy.handle(Question) -> Answer`.

`Envoy.start` opens the store, upgrades the schema, loads the knowledge files into the
database when they changed and reads them back into memory; from then on questions are
answered from memory (so a database outage does not stop answers) and each one is
logged with a keyed hash of its asker.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import timedelta

from rapidfuzz import fuzz, process
from sqlalchemy.exc import SQLAlchemyError

from bot import __version__, messages
from bot.answers import RATE_LIMITED, Answer, Question
from bot.commands import COMMANDS, EXAMPLE_QUESTIONS, Answerer, Command
from bot.config import Settings
from bot.errors import StorageError
from bot.knowledge import KnowledgeBase, Source
from bot.matching.documents import FACT, QUOTE
from bot.matching.index import DocumentIndex, index_documents
from bot.ratelimit import LogRateLimiter, MemoryRateLimiter, NoRateLimit, RateLimiter
from bot.storage import LoggedQuestion, Store
from bot.storage.models import FEEDBACK_PROBLEM
from bot.storage.search import DatabaseIndex
from bot.text import clean, normalise, strip_mentions

log = logging.getLogger(__name__)

AUTOCOMPLETE_LIMIT = 25
_RECENT_ANSWERS = 5000


@dataclass(frozen=True, slots=True)
class Overview:
    """What Envoy knows, for home screens and help pages."""

    sources: tuple[Source, ...]
    commands: tuple[Command, ...]
    examples: tuple[str, ...]
    facts: int
    quotes: int
    entities: int


class Envoy:
    """Answers questions from one knowledge base and logs them to one store."""

    def __init__(
        self,
        settings: Settings,
        store: Store,
        kb: KnowledgeBase,
        index: DocumentIndex | None = None,
    ) -> None:
        """Answer from `kb`, through `index` when given (documents stay in the database),
        else from an index built in memory."""
        self.settings = settings
        self.store = store
        self.kb = kb
        self.answerer = Answerer(kb, index=index)
        self.limiter = _rate_limiter(settings, store)
        self._recent: OrderedDict[str, Answer] = OrderedDict()
        self._recent_lock = threading.Lock()
        speakers = {s for q in kb.quotes for s in q.speakers}
        people = [e for e in kb.entities.values() if e.kind == "person" or e.id in speakers]
        self._labels = {
            "person": _labels((e.name, e.aliases) for e in people),
            "subject": _labels(
                [(e.name, e.aliases) for e in kb.entities.values()]
                + [(t.name, t.aliases) for t in kb.topics.values()]
            ),
        }

    @classmethod
    def start(cls, settings: Settings | None = None) -> Envoy:
        """Open the database, bring schema and knowledge up to date, load into memory.

        Raises StorageError when the database cannot be reached and KnowledgeError when
        the knowledge files are invalid.
        """
        settings = settings or Settings.from_env()
        store = Store(settings.database_url, spool_dir=settings.data_dir / "spool")
        try:
            store.check()
            store.upgrade()
            store.sync_knowledge(settings.knowledge_dir)
            store.ensure_index(index_documents)
            if _use_database_index(settings, store):
                index = DatabaseIndex(store.engine, reviewed_only=not settings.include_unreviewed)
                return cls(settings, store, store.read_metadata(), index)
            kb = store.read_knowledge(include_unreviewed=settings.include_unreviewed)
        except BaseException:
            store.close()
            raise
        return cls(settings, store, kb)

    def close(self) -> None:
        """Release the database."""
        self.store.close()

    # -- answering ---------------------------------------------------------------

    def handle(self, question: Question) -> Answer:
        """Answer one question and log it. Never raises for any user input."""
        started = time.perf_counter()
        command = clean(question.command, limit=40).lower()
        asker_hash = self.hash_asker(question.platform, question.asker)
        answer_id = uuid.uuid4().hex
        wait = self.limiter.wait_seconds(asker_hash, answer_id) if asker_hash else 0
        if wait:
            return Answer(
                answered=False,
                command=command,
                text=messages.RATE_LIMITED.format(seconds=wait),
                matched=(RATE_LIMITED,),
            )
        answer = self.answerer.answer(command, question.text)
        latency_ms = (time.perf_counter() - started) * 1000
        self.store.log_question(
            LoggedQuestion(
                id=answer_id,
                platform=question.platform,
                command=command,
                text=normalise(question.text),
                answered=answer.answered,
                matched=answer.matched,
                score=answer.confidence,
                latency_ms=latency_ms,
                asker_hash=asker_hash,
            )
        )
        answer = replace(answer, answer_id=answer_id)
        with self._recent_lock:
            self._recent[answer_id] = answer
            while len(self._recent) > _RECENT_ANSWERS:
                self._recent.popitem(last=False)
        return answer

    def replay(self, answer_id: str) -> Answer | None:
        """The answer logged under `answer_id`, as it was given, without logging it again
        (for sharing an answer publicly). None if it is unknown."""
        with self._recent_lock:
            cached = self._recent.get(answer_id)
        if cached is not None:
            return cached
        try:
            question = self.store.loaded_question(answer_id)
        except SQLAlchemyError:
            return None
        if question is None:
            return None
        answer = self.answerer.answer(*question)
        return replace(answer, answer_id=answer_id)

    def claim(self, key: str, ttl_seconds: float = 600) -> bool:
        """True the first time any process claims `key` within `ttl_seconds` (to answer a
        delivery once when a platform retries it to another process)."""
        return self.store.claim(key, timedelta(seconds=ttl_seconds))

    def health(self) -> dict[str, object]:
        """Whether the database answers and the knowledge is loaded, and the version."""
        try:
            self.store.check()
            database = True
        except StorageError:
            database = False
        return {
            "status": "ok" if database else "degraded",
            "database": database,
            "knowledge": self.answerer.index.size > 0,
            "version": __version__,
        }

    def feedback(
        self,
        answer_id: str,
        helpful: bool,
        *,
        platform: str,
        asker: str | None,
        note: str | None = None,
    ) -> bool:
        """Record helpful / not helpful on a logged answer; False if it is unknown."""
        return self.store.record_feedback(
            _answer_id(answer_id),
            helpful,
            platform,
            self.hash_asker(platform, asker),
            note=strip_mentions(clean(note)) if note else None,
        )

    def report_problem(
        self, answer_id: str, *, platform: str, asker: str | None, note: str | None = None
    ) -> bool:
        """Record "Report a problem" on a logged answer, with an optional note, for the
        editors' report. False if the answer is unknown."""
        return self.store.record_feedback(
            _answer_id(answer_id),
            False,
            platform,
            self.hash_asker(platform, asker),
            note=strip_mentions(clean(note)) if note else None,
            kind=FEEDBACK_PROBLEM,
        )

    def hash_asker(self, platform: str, asker: str | None) -> str | None:
        """A keyed hash of a platform user id: stable per user, useless without the key."""
        if not asker:
            return None
        message = f"{platform}:{asker}".encode()
        return hmac.new(self.settings.hash_key, message, hashlib.sha256).hexdigest()[:40]

    # -- what adapters show around answers ----------------------------------------

    def complete(self, kind: str, prefix: str) -> list[str]:
        """Up to 25 names for autocompletion: "person" or "subject" (anything `about` knows)."""
        labels = self._labels["person" if kind == "person" else "subject"]
        typed = normalise(prefix, limit=100)
        if not typed:
            return sorted({name for _, name in labels})[:AUTOCOMPLETE_LIMIT]
        starts = [name for label, name in labels if label.startswith(typed)]
        contains = [name for label, name in labels if typed in label]
        fuzzy = [
            labels[index][1]
            for _, _, index in process.extract(
                typed,
                [label for label, _ in labels],
                scorer=fuzz.WRatio,
                limit=AUTOCOMPLETE_LIMIT * 2,
                score_cutoff=80,
            )
        ]
        return list(dict.fromkeys(starts + contains + fuzzy))[:AUTOCOMPLETE_LIMIT]

    def overview(self) -> Overview:
        """The sources, commands and example questions, for home tabs and help."""
        counts = self.answerer.index.counts().values()
        return Overview(
            sources=tuple(self.kb.sources.values()),
            commands=COMMANDS,
            examples=EXAMPLE_QUESTIONS,
            facts=sum(c.get(FACT, 0) for c in counts),
            quotes=sum(c.get(QUOTE, 0) for c in counts),
            entities=len(self.kb.entities),
        )


def _rate_limiter(settings: Settings, store: Store) -> RateLimiter:
    """No limit when it is 0; counted in the shared log on PostgreSQL; in memory on SQLite."""
    if settings.rate_limit <= 0:
        return NoRateLimit()
    if store.is_postgres:
        return LogRateLimiter(store.engine, settings.rate_limit, settings.rate_window_seconds)
    return MemoryRateLimiter(settings.rate_limit, settings.rate_window_seconds)


DATABASE_INDEX_FROM = 500
"""In "auto" retrieval, a fact base of this many documents is searched in the database."""


def _use_database_index(settings: Settings, store: Store) -> bool:
    if settings.retrieval != "auto":
        return settings.retrieval == "database"
    return store.document_count() >= DATABASE_INDEX_FROM


def _answer_id(raw: str) -> str:
    """An answer id as a platform sent it back: its hex digits only (an id is 32 of them;
    `clean` would redact it as a secret)."""
    return "".join(c for c in raw[:64] if c in "0123456789abcdef")[:32]


def _labels(items: Iterable[tuple[str, Iterable[str]]]) -> list[tuple[str, str]]:
    """(what a user may type, the name to offer) for each name and alias."""
    pairs = []
    for name, aliases in items:
        for label in (name, *aliases):
            pairs.append((normalise(label), name))
    return sorted(set(pairs))
