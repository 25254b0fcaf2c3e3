"""Fixtures of the Slack adapter's tests: the fake Slack, a real Envoy, the running adapter.

Every test here drives the real bolt app (over HTTP on 127.0.0.1:0, or Socket Mode against
the fake) and asserts on what the fake received. `envoy` overrides the shared fixture of
the same name: one real Envoy on SQLite in a temporary directory.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import delete

from bot.service import Envoy
from bot.storage.models import ClaimRow
from tests.conftest import settings_for
from tests.fakes.slack import FakeSlack

from .harness import RunningAdapter


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    with FakeSlack() as fake:
        yield fake


@pytest.fixture(scope="session")
def _session_envoy(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Envoy]:
    directory = tmp_path_factory.mktemp("slack-envoy")
    url = f"sqlite:///{directory / 'envoy.sqlite3'}"
    started = Envoy.start(settings_for(url, directory, ENVOY_RATE_LIMIT=0))
    yield started
    started.close()


@pytest.fixture
def envoy(_session_envoy: Envoy) -> Envoy:
    """A real Envoy on SQLite, started once for the Slack tests (starting costs ~0.5 s).

    Tests stay independent: each one asks its own questions and reads back only the
    rows of the answers it got (by answer id), and each starts with no delivery claimed
    (every test is a fresh Slack workspace, whose message timestamps may repeat). The
    core's per-asker rate limit is off here, since every test asks as the same user; one
    test turns it back on.
    """
    with _session_envoy.store.engine.begin() as connection:
        connection.execute(delete(ClaimRow))
    return _session_envoy


@pytest.fixture
def start_adapter(slack: FakeSlack) -> Iterator[Callable[..., RunningAdapter]]:
    """Start adapters (HTTP by default) on a given Envoy; all stopped at teardown."""
    running: list[RunningAdapter] = []

    def start(envoy: Envoy, *, http: bool = True) -> RunningAdapter:
        adapter = RunningAdapter(slack, envoy, http=http)
        running.append(adapter)
        return adapter

    yield start
    for adapter in running:
        adapter.close()


@pytest.fixture
def http(start_adapter: Callable[..., RunningAdapter], envoy: Envoy) -> RunningAdapter:
    """The adapter in HTTP mode on a real Envoy."""
    return start_adapter(envoy, http=True)


@pytest.fixture
def socket_mode(start_adapter: Callable[..., RunningAdapter], envoy: Envoy) -> RunningAdapter:
    """The adapter in Socket Mode on a real Envoy, connected to the fake."""
    return start_adapter(envoy, http=False)
