"""The count of work in flight that a graceful stop waits for."""

from __future__ import annotations

import asyncio

import pytest

from adapters.inflight import InFlight

pytestmark = pytest.mark.timeout(10)


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
