"""Deduplication of deliveries and the count of work in flight."""

from __future__ import annotations

import asyncio

import pytest

from adapters.slack.dedupe import RecentKeys
from adapters.slack.inflight import InFlight

pytestmark = pytest.mark.timeout(10)


def test_recent_keys_answer_once_within_ttl() -> None:
    now = [0.0]
    recent = RecentKeys(ttl=60, clock=lambda: now[0])

    assert recent.first("Ev1") is True
    assert recent.first("Ev1") is False
    now[0] = 59.0
    assert recent.first("Ev1") is False
    now[0] = 120.0
    assert recent.first("Ev1") is True
    assert len(recent) == 1


def test_recent_keys_are_bounded() -> None:
    recent = RecentKeys(ttl=3600, max_keys=3)

    for n in range(10):
        assert recent.first(n)

    assert len(recent) == 3
    assert recent.first(0) is True  # the oldest were forgotten first
    assert recent.first(9) is False


def test_inflight_waits_for_running_work() -> None:
    async def scenario() -> tuple[bool, bool, int]:
        inflight = InFlight()
        release = asyncio.Event()

        async def work() -> None:
            async with inflight.track():
                await release.wait()

        task = asyncio.create_task(work())
        await asyncio.sleep(0)
        busy = await inflight.wait_idle(0.05)
        running = inflight.running
        release.set()
        idle = await inflight.wait_idle(1)
        await task
        return busy, idle, running

    assert asyncio.run(scenario()) == (False, True, 1)
