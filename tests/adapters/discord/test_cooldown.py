"""The per-user cooldown: a sliding window on an injected clock."""

from __future__ import annotations

import pytest

from adapters.discord.cooldown import Cooldown


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_admits_rate_then_refuses_until_the_window_slides() -> None:
    clock = Clock()
    cooldown = Cooldown(2, 10.0, clock)
    assert cooldown.hit(1) == 0.0
    clock.now += 4
    assert cooldown.hit(1) == 0.0
    assert cooldown.hit(1) == pytest.approx(6.0)
    assert cooldown.hit(2) == 0.0  # per user
    clock.now += 6
    assert cooldown.hit(1) == 0.0
    assert cooldown.hit(1) == pytest.approx(4.0)


def test_refusals_do_not_extend_the_wait() -> None:
    clock = Clock()
    cooldown = Cooldown(1, 5.0, clock)
    cooldown.hit(7)
    for _ in range(50):
        cooldown.hit(7)
    clock.now += 5
    assert cooldown.hit(7) == 0.0


def test_one_notice_per_blocked_period() -> None:
    clock = Clock()
    cooldown = Cooldown(1, 5.0, clock)
    cooldown.hit(7)
    wait = cooldown.hit(7)
    assert cooldown.first_refusal(7, wait) is True
    assert cooldown.first_refusal(7, wait) is False
    clock.now += 5
    assert cooldown.first_refusal(7, 5.0) is True


def test_rate_zero_admits_everything() -> None:
    cooldown = Cooldown(0, 1.0)
    assert all(cooldown.hit(1) == 0.0 for _ in range(1000))


def test_idle_users_are_forgotten() -> None:
    clock = Clock()
    cooldown = Cooldown(3, 1.0, clock)
    for user in range(5000):
        cooldown.hit(user)
    clock.now += 2
    for _ in range(2048):
        cooldown.hit(0)
    assert len(cooldown._hits) == 1
