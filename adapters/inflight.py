"""Work in progress, so that shutting down finishes answers instead of dropping them.

Shared by the chat adapters: every piece of work (a Slack listener, a Discord answer) runs
inside `InFlight.track()` from when it arrives to its last message; `wait_idle` returns
once nothing is running (or the time is up).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager


class InFlight:
    """Counts running pieces of work on one event loop."""

    def __init__(self) -> None:
        self._running = 0
        self._idle: asyncio.Event | None = None

    @property
    def running(self) -> int:
        return self._running

    def _event(self) -> asyncio.Event:
        if self._idle is None:
            self._idle = asyncio.Event()
            if self._running == 0:
                self._idle.set()
        return self._idle

    @asynccontextmanager
    async def track(self) -> AsyncIterator[None]:
        """Count the enclosed work as running."""
        idle = self._event()
        self._running += 1
        idle.clear()
        try:
            yield
        finally:
            self._running -= 1
            if self._running == 0:
                idle.set()

    async def wait_idle(self, timeout: float) -> bool:
        """Wait until nothing runs; False if work was still running after `timeout` s."""
        try:
            await asyncio.wait_for(self._event().wait(), timeout)
        except TimeoutError:
            return False
        return True
