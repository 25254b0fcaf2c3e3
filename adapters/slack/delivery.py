"""Sending to Slack when Slack says "slow down": waits with a bound, and an end on stop.

Slack answers a call over its rate limit with HTTP 429 and ``Retry-After`` (seconds).
`RateLimitRetry` waits that long and tries again, twice at most, but only while the wait
is short (`MAX_RETRY_AFTER`): a longer one is given up at once, so that the user hears
about it now rather than minutes later. Once the process is stopping (`Shutdown.begin`),
no wait may outlast the drain: one that would is ended at once. Either way the call
raises `RateLimitedError`, for the listener to tell the user and log what was not sent.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from slack_sdk.http_retry.async_handler import AsyncRetryHandler
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState

from bot.errors import EnvoyError

MAX_RETRY_AFTER = 10.0
"""The longest Retry-After worth waiting for; past it the user is told at once."""
MAX_RETRIES = 2
STOP_MARGIN = 2.0
"""Seconds of the drain kept free, once stopping, to tell users what could not be sent."""


class DeliveryError(EnvoyError):
    """Slack refused a message."""


class RateLimitedError(DeliveryError):
    """Slack's rate limit stopped a message: `method` asked us to wait `retry_after` s."""

    def __init__(self, method: str, retry_after: float) -> None:
        super().__init__(f"Slack rate-limited {method} (Retry-After {retry_after:.0f} s)")
        self.method = method
        self.retry_after = retry_after


class Shutdown:
    """The stop of the process, once begun: when its drain ends. One per runner."""

    def __init__(self) -> None:
        self._deadline: float | None = None
        self._begun: asyncio.Event | None = None

    def _event(self) -> asyncio.Event:
        if self._begun is None:
            self._begun = asyncio.Event()
        return self._begun

    def begin(self, drain_seconds: float) -> None:
        """The stop begins: every wait must end within `drain_seconds`."""
        self._deadline = time.monotonic() + drain_seconds
        self._event().set()

    def remaining(self) -> float | None:
        """Seconds left of the drain; None while not stopping."""
        if self._deadline is None:
            return None
        return self._deadline - time.monotonic()

    async def sleep(self, seconds: float) -> None:
        """Sleep `seconds`, or less: until the stop begins, if it begins meanwhile."""
        try:
            await asyncio.wait_for(self._event().wait(), max(0.0, seconds))
        except TimeoutError:
            return


def retry_after(headers: Mapping[str, Any] | None) -> float:
    """The Retry-After of a 429 in seconds (1 when absent or unreadable, as Slack's least).

    Header values may come one string each or as lists of them (slack_sdk has both)."""
    for name, value in (headers or {}).items():
        if str(name).lower() != "retry-after":
            continue
        first = value[0] if isinstance(value, list | tuple) and value else value
        try:
            return max(0.0, float(first))
        except (TypeError, ValueError):
            break
    return 1.0


def method_of(url: str) -> str:
    """The Web API method a request calls, or "response_url" (whose address is secret)."""
    path = urlsplit(url).path.rstrip("/")
    if "/api/" in path:
        return path.rsplit("/", 1)[-1]
    return "response_url"


class RateLimitRetry(AsyncRetryHandler):
    """Retries a 429 after its Retry-After, within the bounds above; else `RateLimitedError`."""

    def __init__(
        self,
        shutdown: Shutdown,
        *,
        max_wait: float = MAX_RETRY_AFTER,
        max_retry_count: int = MAX_RETRIES,
    ) -> None:
        super().__init__(max_retry_count=max_retry_count)
        self.shutdown = shutdown
        self.max_wait = max_wait

    async def _can_retry_async(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        return error is None and response is not None and response.status_code == 429

    async def prepare_for_next_attempt_async(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> None:
        wait = retry_after(response.headers if response is not None else None)
        method = method_of(request.url)
        if wait > self.max_wait:
            raise RateLimitedError(method, wait)
        until = time.monotonic() + wait
        while (left := until - time.monotonic()) > 0:
            remaining = self.shutdown.remaining()
            if remaining is None:
                await self.shutdown.sleep(left)  # wakes early if the stop begins
            elif left > remaining - STOP_MARGIN:
                raise RateLimitedError(method, math.ceil(left))
            else:
                await asyncio.sleep(left)
        state.next_attempt_requested = True
        state.increment_current_attempt()
