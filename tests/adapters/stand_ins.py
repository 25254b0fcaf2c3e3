"""Real Envoys that misbehave on purpose, shared by the Slack and Discord adapter tests:
slow, held at a gate, or broken. Each is the real core with one method changed."""

from __future__ import annotations

import dataclasses
import threading
import time
from typing import Any

from bot.answers import Answer, Question
from bot.service import Envoy


class SlowEnvoy(Envoy):
    """A real Envoy that takes `delay` seconds over every answer, like a stalled database."""

    delay = 2.0

    def handle(self, question: Question) -> Answer:
        time.sleep(self.delay)
        return super().handle(question)


class GatedEnvoy(Envoy):
    """A real Envoy whose answers wait until the test opens `gate`; `waiting` counts the
    answers held there (each one holds a worker thread)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.gate = threading.Event()
        self._count = threading.Lock()
        self.waiting = 0

    def handle(self, question: Question) -> Answer:
        with self._count:
            self.waiting += 1
        self.gate.wait(30)
        return super().handle(question)


class BrokenEnvoy(Envoy):
    """A real Envoy whose answering and completion fail, with a secret in the error that
    must never reach a user."""

    def handle(self, question: Question) -> Answer:
        raise RuntimeError("the core broke: secret detail xoxb-should-never-show")

    def complete(self, kind: str, prefix: str) -> list[str]:
        raise RuntimeError("completion broke")


def sibling(envoy: Envoy, kind: type[Envoy] = Envoy, **settings: Any) -> Envoy:
    """`kind` over the same store and knowledge as `envoy` (closed with it), with some core
    `settings` replaced."""
    return kind(dataclasses.replace(envoy.settings, **settings), envoy.store, envoy.kb)
