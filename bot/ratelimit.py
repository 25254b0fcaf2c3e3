"""A per-asker limit on questions, shared by every adapter.

`MemoryRateLimiter` counts in this process (the embedded default: one process).
`LogRateLimiter` adds the asker's rows in the question log that other processes wrote, so
on PostgreSQL the limit holds across every process that shares the database. Both decide
and record in one step under a lock, so concurrent questions cannot share the last
place. Both fail open: if counting fails, the question is answered.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections import deque
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Protocol

from sqlalchemy import Engine, select
from sqlalchemy.exc import SQLAlchemyError

from bot.storage.models import QuestionLogRow

log = logging.getLogger(__name__)


class RateLimiter(Protocol):
    """Decides whether an asker may ask now, and counts the question if so.

    Returns the seconds to wait, 0 when allowed. `answer_id` is the id the answer will
    be logged under."""

    def wait_seconds(self, asker_hash: str, answer_id: str = "") -> int: ...


class NoRateLimit:
    """Every question is allowed (the limit is 0, or the asker is unknown)."""

    def wait_seconds(self, asker_hash: str, answer_id: str = "") -> int:
        return 0


class MemoryRateLimiter:
    """At most `limit` questions per `window` seconds per asker, in this process."""

    def __init__(
        self, limit: int, window: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit = limit
        self.window = window
        self._clock = clock
        self._seen: dict[str, deque[tuple[float, str]]] = {}
        self._lock = threading.Lock()

    def wait_seconds(self, asker_hash: str, answer_id: str = "") -> int:
        return self.admit(asker_hash, answer_id, lambda _mine: [])

    def admit(
        self,
        asker_hash: str,
        answer_id: str,
        elsewhere: Callable[[frozenset[str]], list[tuple[str, float]]],
    ) -> int:
        """Count the question and return 0 if the asker has room, else the seconds until
        they have. `elsewhere(ids)` gives (answer id, seconds left in the window) for each
        of the asker's questions counted outside this process, those with `ids` left out;
        it is asked only when this process already counts some question of the asker."""
        with self._lock:
            mine = self._recent(asker_hash)
            if len(mine) >= self.limit:
                return self._wait([self._left(t) for t, _ in mine])
            if not mine:  # the common case: a first question in the window
                self._record(mine, answer_id)
                return 0
            ids = frozenset(i for _, i in mine)
        others = elsewhere(ids)  # outside the lock: it may ask the database
        with self._lock:
            mine = self._recent(asker_hash)
            # A question this process let through while the database was asked may be in
            # both counts (its row written meanwhile): it counts once.
            counted = {i for _, i in mine}
            left = [self._left(t) for t, _ in mine] + [s for i, s in others if i not in counted]
            if len(left) >= self.limit:
                return self._wait(left)
            self._record(mine, answer_id)
            return 0

    def _recent(self, asker_hash: str) -> deque[tuple[float, str]]:
        mine = self._seen.setdefault(asker_hash, deque())
        cutoff = self._clock() - self.window
        while mine and mine[0][0] <= cutoff:
            mine.popleft()
        return mine

    def _record(self, mine: deque[tuple[float, str]], answer_id: str) -> None:
        mine.append((self._clock(), answer_id))
        if len(self._seen) > 10_000:  # forget askers who went quiet
            cutoff = self._clock() - self.window
            for key in [k for k, v in self._seen.items() if not v or v[-1][0] <= cutoff]:
                del self._seen[key]

    def _left(self, when: float) -> float:
        return when + self.window - self._clock()

    def _wait(self, left: list[float]) -> int:
        """Seconds until fewer than `limit` of the questions with `left` seconds remain."""
        ordered = sorted(left)
        return max(1, math.ceil(ordered[len(ordered) - self.limit]))


class LogRateLimiter:
    """At most `limit` questions per `window` seconds per asker, counted across every
    process that shares the question log.

    This process's questions are counted in memory, each with its answer id, from the
    moment it is allowed; the rows in the log with other ids are other processes'. So a
    question is counted once whether its row is still queued, being written or written.
    An asker's first question to this process in a window is let through without asking
    the database (the common case: most people ask once in a while); from the second on,
    the shared count decides. A flood spread over N processes gets at most N questions
    past the limit."""

    def __init__(self, engine: Engine, limit: int, window: float) -> None:
        self.engine = engine
        self.limit = limit
        self.window = window
        self._local = MemoryRateLimiter(max(1, limit), window)

    def wait_seconds(self, asker_hash: str, answer_id: str = "") -> int:
        return self._local.admit(
            asker_hash, answer_id, lambda mine: self._elsewhere(asker_hash, mine)
        )

    def _elsewhere(self, asker_hash: str, mine: frozenset[str]) -> list[tuple[str, float]]:
        now = datetime.now(UTC)
        since = now - timedelta(seconds=self.window)
        query = select(QuestionLogRow.id, QuestionLogRow.created_at).where(
            QuestionLogRow.asker_hash == asker_hash, QuestionLogRow.created_at > since
        )
        try:
            with self.engine.connect() as connection:
                rows = connection.execute(query).all()
        except SQLAlchemyError as error:
            log.warning("rate limit check failed, allowing: %s", type(error).__name__)
            return []
        left: list[tuple[str, float]] = []
        for answer_id, created in rows:
            if answer_id in mine:
                continue
            aware = created if created.tzinfo else created.replace(tzinfo=UTC)  # SQLite: naive
            left.append((answer_id, (aware + timedelta(seconds=self.window) - now).total_seconds()))
        return left
