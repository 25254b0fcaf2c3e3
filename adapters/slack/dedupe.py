"""Answer each Slack post once, however often Slack delivers it.

Slack re-delivers an event it thinks was not acknowledged (same ``event_id``, with
``X-Slack-Retry-Num``), and one post can arrive both as ``app_mention`` and as a
``message``. `RecentKeys` remembers what was seen, for a while and up to a size.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Hashable

DEFAULT_TTL_SECONDS = 3600.0
"""Slack retries for up to about 30 minutes; an hour covers every retry."""
DEFAULT_MAX_KEYS = 20_000


class RecentKeys:
    """A bounded set with expiry: `first(key)` is true once per key within `ttl` seconds.

    Used from the event loop only, so it needs no lock.
    """

    def __init__(
        self,
        ttl: float = DEFAULT_TTL_SECONDS,
        max_keys: int = DEFAULT_MAX_KEYS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.ttl = ttl
        self.max_keys = max_keys
        self._clock = clock
        self._seen: OrderedDict[Hashable, float] = OrderedDict()

    def first(self, key: Hashable) -> bool:
        """True if `key` was not seen within the last `ttl` seconds; remembers it either way."""
        now = self._clock()
        self._expire(now)
        if key in self._seen:
            return False
        self._seen[key] = now
        while len(self._seen) > self.max_keys:
            self._seen.popitem(last=False)
        return True

    def _expire(self, now: float) -> None:
        while self._seen:
            key, seen_at = next(iter(self._seen.items()))
            if now - seen_at < self.ttl:
                return
            del self._seen[key]

    def __len__(self) -> int:
        return len(self._seen)
