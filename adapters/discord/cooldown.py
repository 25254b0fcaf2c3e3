"""A per-user cooldown against flooding: at most `rate` questions in any `per` seconds.

Pure and synchronous (the clock is injectable); the client consults it on its event loop
before it asks the core anything.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable

_SWEEP_EVERY = 1024
"""Forget idle users after this many checks, so the table cannot grow without bound."""


class Cooldown:
    """A sliding window per key: `hit` admits or refuses one more question."""

    def __init__(self, rate: int, per: float, clock: Callable[[], float] = time.monotonic) -> None:
        """`rate` 0 admits everything."""
        self.rate = rate
        self.per = per
        self._clock = clock
        self._hits: dict[int, deque[float]] = {}
        self._notified: dict[int, float] = {}
        self._checks = 0

    def hit(self, key: int) -> float:
        """Count one question by `key`: 0.0 if admitted, else the seconds until it would be."""
        if self.rate <= 0:
            return 0.0
        now = self._clock()
        self._checks += 1
        if self._checks % _SWEEP_EVERY == 0:
            self._sweep(now)
        window = self._hits.setdefault(key, deque())
        while window and window[0] <= now - self.per:
            window.popleft()
        if len(window) >= self.rate:
            return max(window[0] + self.per - now, 0.001)
        window.append(now)
        return 0.0

    def first_refusal(self, key: int, retry_after: float) -> bool:
        """True once per blocked period: whether to tell `key` about it (a flood of mentions
        must not turn into a flood of notices)."""
        now = self._clock()
        if self._notified.get(key, 0.0) > now:
            return False
        self._notified[key] = now + retry_after
        return True

    def _sweep(self, now: float) -> None:
        idle = [
            key for key, window in self._hits.items() if not window or window[-1] <= now - self.per
        ]
        for key in idle:
            del self._hits[key]
        for key in [key for key, until in self._notified.items() if until <= now]:
            del self._notified[key]
