"""The one entry point every door calls: `Envoy.handle(Question) -> Answer`.

`Envoy.start` opens the store, upgrades the schema, loads the knowledge files into the
database when they changed and reads them back into memory; from then on questions are
answered from memory (so a database outage does not stop answers) and each one is
logged with a keyed hash of its asker.

Knowledge stays current while a process runs: every ENVOY_KNOWLEDGE_CHECK seconds a
thread reads the stored knowledge's hash (one small query, off the answer path) and, when
another process loaded new knowledge (`envoy db reload`), reads it and swaps it in whole.
When the files are invalid at start but the database holds knowledge, that last good
knowledge is served, with a warning in the log and in `health()`, until the files
validate again (the same thread tries them when they change).
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
from pathlib import Path

from rapidfuzz import fuzz, process
from sqlalchemy.exc import SQLAlchemyError

from bot import __version__, messages
from bot.answers import RATE_LIMITED, Answer, Question
from bot.commands import COMMANDS, EXAMPLE_QUESTIONS, Answerer, Command
from bot.config import Settings
from bot.errors import EnvoyError, KnowledgeError, StorageError
from bot.knowledge import KnowledgeBase, Source, knowledge_hash, load_knowledge
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
        self.limiter = _rate_limiter(settings, store)
        self._served = _Served.of(kb, index)
        self._recent: OrderedDict[str, Answer] = OrderedDict()
        self._recent_lock = threading.Lock()
        self.knowledge_error: EnvoyError | None = None
        """Why the knowledge files are not what is served (they are invalid), or None."""
        self._failed_files: str | None = None  # the hash of the files that failed
        self._stop_watching = threading.Event()
        self._check_failing = False
        self._watcher: threading.Thread | None = None

    @property
    def kb(self) -> KnowledgeBase:
        """The knowledge served now."""
        return self._served.kb

    @property
    def answerer(self) -> Answerer:
        """The answerer of the knowledge served now."""
        return self._served.answerer

    @classmethod
    def start(cls, settings: Settings | None = None) -> Envoy:
        """Open the database, bring schema and knowledge up to date, load into memory,
        and start watching for knowledge loaded by other processes.

        Raises StorageError when the database cannot be reached, and KnowledgeError when
        the knowledge files are invalid and the database holds no knowledge to serve
        instead.
        """
        settings = settings or Settings.from_env()
        store = Store(settings.database_url, spool_dir=settings.data_dir / "spool")
        try:
            store.check()
            store.upgrade()
            problem = _sync_files(store, settings)
            kb, index = _read_served(store, settings)
        except BaseException:
            store.close()
            raise
        envoy = cls(settings, store, kb, index)
        if problem is not None:
            envoy._files_invalid(problem)
        envoy._watch(settings.knowledge_check_seconds)
        return envoy

    def close(self) -> None:
        """Stop watching the knowledge and release the database."""
        self._stop_watching.set()
        if self._watcher is not None:
            self._watcher.join(timeout=30)
        self.store.close()

    # -- keeping the knowledge current ------------------------------------------------

    def check_knowledge(self) -> bool:
        """Serve the knowledge the database holds now, if another process loaded new
        knowledge; while the files are invalid, load them once they changed and validate.
        Returns whether the knowledge served changed. Never raises for a database or
        files that cannot be read now (the next check tries again)."""
        if self.knowledge_error is not None:
            self._retry_files()
        try:
            stored = self.store.stored_hash()
            if stored is None or stored == self.kb.content_hash:
                self._check_failing = False
                return False
            kb, index = _read_served(self.store, self.settings)
        except (SQLAlchemyError, EnvoyError) as error:
            level = logging.DEBUG if self._check_failing else logging.WARNING
            self._check_failing = True  # said once, not every few seconds of an outage
            first = str(error).strip().splitlines()[0] if str(error).strip() else ""
            log.log(level, "knowledge check failed, trying again later: %s", first)
            return False
        self._check_failing = False
        self._served = _Served.of(kb, index)
        log.info("knowledge reloaded from the database: %s", kb.content_hash[:12])
        return True

    def _retry_files(self) -> None:
        try:
            current = knowledge_hash(self.settings.knowledge_dir)
        except OSError:
            return
        if current == self._failed_files:
            return
        try:
            self.store.sync_knowledge(self.settings.knowledge_dir)
        except (KnowledgeError, OSError) as error:
            self._files_invalid(error)
        except SQLAlchemyError:
            return
        else:
            self.knowledge_error = None
            self._failed_files = None
            log.info("knowledge files valid again; serving them")

    def _files_invalid(self, error: BaseException) -> None:
        self.knowledge_error = (
            error if isinstance(error, EnvoyError) else KnowledgeError([str(error)])
        )
        try:
            self._failed_files = knowledge_hash(self.settings.knowledge_dir)
        except OSError:
            self._failed_files = None
        log.warning(
            "the knowledge files are invalid; serving the last good knowledge from the "
            "database (%s) until they validate. %s",
            self.kb.content_hash[:12],
            self.knowledge_error,
        )

    def _watch(self, interval: float) -> None:
        if interval <= 0:
            return

        def run() -> None:
            while not self._stop_watching.wait(interval):
                try:
                    self.check_knowledge()
                except Exception:  # the watcher must outlive any surprise
                    log.exception("knowledge check failed")

        self._watcher = threading.Thread(target=run, name="envoy-knowledge-watch", daemon=True)
        self._watcher.start()

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
        answer = self._served.answerer.answer(command, question.text)
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
        report: dict[str, object] = {
            "status": "ok" if database else "degraded",
            "database": database,
            "knowledge": self.answerer.index.size > 0,
            "version": __version__,
            "knowledge_files": "valid" if self.knowledge_error is None else "invalid",
            "question_log": self.store.log_status(),
        }
        if self.knowledge_error is not None:
            report["warning"] = self.knowledge_warning()
        return report

    def knowledge_warning(self) -> str | None:
        """One line for operators when the files are invalid and the last good knowledge
        is served, else None."""
        if self.knowledge_error is None:
            return None
        return _stale_warning(self.knowledge_error, self.kb.content_hash)

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
        labels = self._served.labels["person" if kind == "person" else "subject"]
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
        served = self._served
        counts = served.answerer.index.counts().values()
        return Overview(
            sources=tuple(served.kb.sources.values()),
            commands=COMMANDS,
            examples=EXAMPLE_QUESTIONS,
            facts=sum(c.get(FACT, 0) for c in counts),
            quotes=sum(c.get(QUOTE, 0) for c in counts),
            entities=len(served.kb.entities),
        )


@dataclass(frozen=True, slots=True)
class _Served:
    """The knowledge served and what answers from it, swapped in whole on a reload."""

    kb: KnowledgeBase
    answerer: Answerer
    labels: dict[str, list[tuple[str, str]]]

    @classmethod
    def of(cls, kb: KnowledgeBase, index: DocumentIndex | None) -> _Served:
        speakers = {s for q in kb.quotes for s in q.speakers}
        people = [e for e in kb.entities.values() if e.kind == "person" or e.id in speakers]
        labels = {
            "person": _labels((e.name, e.aliases) for e in people),
            "subject": _labels(
                [(e.name, e.aliases) for e in kb.entities.values()]
                + [(t.name, t.aliases) for t in kb.topics.values()]
            ),
        }
        return cls(kb, Answerer(kb, index=index), labels)


def files_warning(root: Path, stored_hash: str | None) -> str | None:
    """For `envoy db status`: one line when the knowledge files under `root` do not
    validate, so that processes serve the knowledge stored (`stored_hash`) instead;
    None when they validate."""
    try:
        load_knowledge(root, include_unreviewed=True)
    except KnowledgeError as error:
        return _stale_warning(error, stored_hash or "")
    except OSError as error:
        return _stale_warning(KnowledgeError([f"{root}: {error}"]), stored_hash or "")
    return None


def _stale_warning(error: EnvoyError, served_hash: str) -> str:
    first = str(error).splitlines()[0].rstrip(":")
    return (
        f"invalid, {first}; the last good knowledge ({served_hash[:12] or '-'}) is served "
        "until they validate (envoy knowledge check lists them)"
    )


def _sync_files(store: Store, settings: Settings) -> EnvoyError | None:
    """Load the knowledge files into the database if they changed. When they are invalid
    (or unreadable) and the database holds knowledge, the problem is returned: that
    knowledge is served instead. With nothing to serve, the problem is raised."""
    try:
        store.sync_knowledge(settings.knowledge_dir)
    except (KnowledgeError, OSError) as error:
        if store.stored_hash() is None:
            if isinstance(error, OSError):
                raise KnowledgeError([f"{settings.knowledge_dir}: {error}"]) from None
            raise
        return error if isinstance(error, KnowledgeError) else KnowledgeError([str(error)])
    return None


def _read_served(store: Store, settings: Settings) -> tuple[KnowledgeBase, DocumentIndex | None]:
    """The knowledge to serve, as the database holds it, and its stored index when
    documents are searched in the database."""
    store.ensure_index(index_documents)
    if _use_database_index(settings, store):
        index = DatabaseIndex(store.engine, reviewed_only=not settings.include_unreviewed)
        return store.read_metadata(), index
    return store.read_knowledge(include_unreviewed=settings.include_unreviewed), None


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
