"""Deduplication of deliveries."""

from __future__ import annotations

import pytest

from adapters.slack.dedupe import RecentKeys

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
