"""A per-asker limit on questions, shared by every adapter.

`MemoryRateLimiter` counts in this process (the embedded default: one process).
`LogRateLimiter` counts the asker's rows in the question log, so on PostgreSQL the limit
holds across every process that shares the database. Both fail open: if counting fails,
the question is answered.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Protocol

from sqlalchemy import Engine, func, select
from sqlalchemy.exc import SQLAlchemyError

from bot.storage.models import QuestionLogRow

log = logging.getLogger(__name__)


class RateLimiter(Protocol):
    """Decides whether an asker may ask now; returns seconds to wait, 0 when allowed."""

    def wait_seconds(self, asker_hash: str) -> int: ...


class NoRateLimit:
    """Every question is allowed (the limit is 0, or the asker is unknown)."""

    def wait_seconds(self, asker_hash: str) -> int:
        return 0


class MemoryRateLimiter:
    """At most `limit` questions per `window` seconds per asker, in this process."""

    def __init__(
        self, limit: int, window: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit = limit
        self.window = window
        self._clock = clock
        self._seen: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def seen(self, asker_hash: str) -> int:
        """How many of this asker's questions this limiter counts in the window now."""
        now = self._clock()
        with self._lock:
            times = self._seen.get(asker_hash)
            return sum(1 for t in times if t > now - self.window) if times else 0

    def wait_seconds(self, asker_hash: str) -> int:
        now = self._clock()
        with self._lock:
            times = self._seen.setdefault(asker_hash, deque())
            while times and times[0] <= now - self.window:
                times.popleft()
            if len(times) >= self.limit:
                return max(1, int(times[0] + self.window - now + 0.999))
            times.append(now)
            if len(self._seen) > 10_000:  # forget askers who went quiet
                for key in [k for k, v in self._seen.items() if not v]:
                    del self._seen[key]
            return 0


class LogRateLimiter:
    """At most `limit` questions per `window` seconds per asker, counted in the question
    log: every process sharing the database sees the same count.

    An asker's first question to this process in a window is let through without asking
    the database (the common case: most people ask once in a while); from the second on,
    the shared count decides. A flood spread over N processes gets at most N questions
    past the limit."""

    def __init__(
        self,
        engine: Engine,
        limit: int,
        window: float,
        pending: Callable[[str], int] = lambda _asker: 0,
    ) -> None:
        self.engine = engine
        self.limit = limit
        self.window = window
        self._pending = pending
        self._local = MemoryRateLimiter(max(1, limit), window)

    def wait_seconds(self, asker_hash: str) -> int:
        if self._local.seen(asker_hash) == 0:
            self._local.wait_seconds(asker_hash)
            return 0
        wait = self._shared_wait(asker_hash)
        if wait == 0:
            self._local.wait_seconds(asker_hash)
        return wait

    def _shared_wait(self, asker_hash: str) -> int:
        since = datetime.now(UTC) - timedelta(seconds=self.window)
        query = select(func.count(), func.min(QuestionLogRow.created_at)).where(
            QuestionLogRow.asker_hash == asker_hash, QuestionLogRow.created_at > since
        )
        try:
            with self.engine.connect() as connection:
                count, oldest = connection.execute(query).one()
        except SQLAlchemyError as error:
            log.warning("rate limit check failed, allowing: %s", type(error).__name__)
            return 0
        count += self._pending(asker_hash)  # this process's rows not written yet
        if count < self.limit:
            return 0
        if oldest is None:
            return int(self.window)
        if oldest.tzinfo is None:  # SQLite returns naive UTC
            oldest = oldest.replace(tzinfo=UTC)
        remaining = (oldest + timedelta(seconds=self.window) - datetime.now(UTC)).total_seconds()
        return max(1, int(remaining + 0.999))
