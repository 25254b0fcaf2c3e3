"""Fixtures of the Discord adapter's tests: a real Envoy on SQLite, the local Discord fake,
and the adapter's real discord.py client running against it.

Every test that uses `fake` is checked at teardown: Discord refused nothing the adapter sent,
and every message it sent carried ``allowed_mentions: {"parse": []}``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from adapters.discord.client import EnvoyClient, create_client
from adapters.discord.settings import DiscordSettings
from bot.service import Envoy
from tests.conftest import settings_for
from tests.fakes.discord_fake import (
    GUILD_ID,
    ClientThread,
    FakeDiscord,
    RecordedRequest,
    patched_discord,
    run_client_in_thread,
)

READY_TIMEOUT = 0.05
NO_PINGS: dict[str, list[str]] = {"parse": []}


@pytest.fixture(scope="session")
def envoy_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("discord-envoy")


@pytest.fixture(scope="session")
def discord_envoy(envoy_data: Path) -> Iterator[Envoy]:
    """One real Envoy on SQLite for the whole Discord suite."""
    envoy = Envoy.start(envoy_settings(envoy_data))
    yield envoy
    envoy.close()


def envoy_settings(data: Path, **overrides: Any) -> Any:
    """The core's settings on SQLite in `data`; the core's own rate limit off unless set."""
    overrides.setdefault("ENVOY_RATE_LIMIT", 0)
    return settings_for(f"sqlite:///{data / 'envoy.sqlite3'}", data / "data", **overrides)


def message_payloads(fake: FakeDiscord) -> list[tuple[RecordedRequest, dict[str, Any]]]:
    """Every message body the adapter sent: interaction answers, followups, channel posts."""
    found: list[tuple[RecordedRequest, dict[str, Any]]] = []
    for request in fake.requests():
        body = request.body if isinstance(request.body, dict) else None
        if body is None:
            continue
        if request.path.endswith("/callback"):
            if body.get("type") in (4, 7) and isinstance(body.get("data"), dict):
                found.append((request, body["data"]))
        elif request.method in ("POST", "PATCH") and (
            request.path.startswith("/webhooks/") or "/messages" in request.path
        ):
            found.append((request, body))
    return found


@pytest.fixture
def fake(request: pytest.FixtureRequest) -> Iterator[FakeDiscord]:
    """A fresh Discord fake, discord.py pointed at it; checked at teardown."""
    options: Mapping[str, Any] = getattr(request, "param", {})
    with FakeDiscord(**options) as server, patched_discord(server):
        yield server
        if request.node.get_closest_marker("allow_violations") is None:
            assert server.violations == [], [v.message for v in server.violations]
        for sent, body in message_payloads(server):
            assert body.get("allowed_mentions") == NO_PINGS, (sent.path, body)


@dataclass
class Bot:
    fake: FakeDiscord
    client: EnvoyClient
    runner: ClientThread
    envoy: Envoy

    def stop(self) -> None:
        self.runner.stop()


Launch = Callable[..., Bot]


@pytest.fixture
def launch(fake: FakeDiscord, discord_envoy: Envoy) -> Iterator[Launch]:
    """Start the adapter's client against `fake`: ``launch(envoy=None, env={...})``.

    By default commands sync to the fake's guild and the cooldown is off.
    """
    started: list[ClientThread] = []

    def start(
        envoy: Envoy | None = None, *, env: Mapping[str, str] | None = None, **options: Any
    ) -> Bot:
        variables = {
            "DISCORD_TOKEN": fake.token,
            "DISCORD_GUILD_ID": str(GUILD_ID),
            "ENVOY_DISCORD_COOLDOWN": "off",
            **(env or {}),
        }
        settings = DiscordSettings.from_env(variables)
        options.setdefault("guild_ready_timeout", READY_TIMEOUT)
        client = create_client(envoy or discord_envoy, settings, **options)
        runner = run_client_in_thread(client, fake.token)
        started.append(runner)
        runner.wait_until_ready()
        fake.wait_ready()
        return Bot(fake, client, runner, envoy or discord_envoy)

    yield start
    for runner in reversed(started):
        runner.stop()


@pytest.fixture
def bot(launch: Launch) -> Bot:
    """The adapter's client, ready, with the shared Envoy."""
    return launch()
