"""The per-asker rate limit counts every question exactly once (issue 13.11).

On PostgreSQL the count is shared through the question log. A row being written while
the limit is checked must be counted, once: not missed by both the read of the database
and the read of what is still queued, nor counted by both.
"""

from __future__ import annotations

import threading
from typing import Any

import pytest

from bot.answers import Question
from bot.ratelimit import MemoryRateLimiter

LIMIT = 3
ASKERS = 40
THREADS = 8


def test_the_limit_lets_exactly_its_number_through_every_time(envoy_factory: Any) -> None:
    envoy = envoy_factory(ENVOY_RATE_LIMIT=LIMIT, ENVOY_RATE_WINDOW=60)
    for asker in range(ASKERS):
        answered = [
            envoy.handle(Question("ask", "who is the dni", "slack", f"U{asker}")).answered
            for _ in range(LIMIT + 2)
        ]
        assert answered == [True] * LIMIT + [False, False], f"asker {asker}: {answered}"


@pytest.mark.parametrize("round_number", range(3))
def test_concurrent_questions_cannot_share_the_last_place(
    envoy_factory: Any, round_number: int
) -> None:
    envoy = envoy_factory(ENVOY_RATE_LIMIT=LIMIT, ENVOY_RATE_WINDOW=60)
    start = threading.Barrier(THREADS)
    answered: list[bool] = []

    def ask() -> None:
        start.wait()
        answer = envoy.handle(Question("ask", "crimea", "discord", f"flood-{round_number}"))
        answered.append(answer.answered)

    threads = [threading.Thread(target=ask) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(answered) == THREADS
    assert answered.count(True) == LIMIT


def test_a_question_let_through_while_the_log_was_read_counts_once() -> None:
    """Another thread's question, let through while this one read the log and written to
    it meanwhile, is in both counts: it takes one place, not two."""
    limiter = MemoryRateLimiter(limit=3, window=60)
    assert limiter.admit("asker", "first", lambda _ids: []) == 0

    def log_with_a_question_let_through_meanwhile(_ids: frozenset[str]) -> list[tuple[str, float]]:
        assert limiter.admit("asker", "second", lambda _ids: []) == 0  # the other thread
        return [("second", 59.0)]  # its row, written before the log was read

    assert limiter.admit("asker", "third", log_with_a_question_let_through_meanwhile) == 0
    assert limiter.admit("asker", "fourth", lambda _ids: []) > 0  # three places taken
