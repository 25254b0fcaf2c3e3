"""Fixtures shared by every test: the network guard, databases, and a running Envoy.

No test reaches beyond 127.0.0.1: `_loopback_only` refuses any other address. PostgreSQL
tests use a throw-away schema on the server at ENVOY_TEST_POSTGRES (default
127.0.0.1:5432, database `test`); where none answers they skip, except under CI, where
they fail.
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.commands import Answerer
from bot.config import Settings
from bot.knowledge import KnowledgeBase, load_knowledge

POSTGRES_URL = os.environ.get(
    "ENVOY_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
_LOOPBACK = {"127.0.0.1", "::1", "localhost"}
_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


def _check_address(sock: socket.socket, address: Any) -> None:
    if sock.family == getattr(socket, "AF_UNIX", None):
        return
    host = address[0] if isinstance(address, tuple) else address
    if host not in _LOOPBACK:
        raise RuntimeError(f"test tried to reach {address!r}: only 127.0.0.1 is allowed")


@pytest.fixture(autouse=True)
def _loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    def connect(self: socket.socket, address: Any) -> None:
        _check_address(self, address)
        _real_connect(self, address)

    def connect_ex(self: socket.socket, address: Any) -> int:
        _check_address(self, address)
        return _real_connect_ex(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_knowledge()


@pytest.fixture(scope="session")
def answerer(kb: KnowledgeBase) -> Answerer:
    return Answerer(kb)


def _postgres_available() -> str | None:
    """None if the test server answers, else the reason it does not."""
    try:
        import psycopg
    except ImportError:
        return "psycopg is not installed"
    try:
        url = POSTGRES_URL.replace("postgresql+psycopg://", "postgresql://")
        with psycopg.connect(url, connect_timeout=3):
            return None
    except psycopg.Error as error:
        return f"no PostgreSQL at {POSTGRES_URL}: {str(error).strip().splitlines()[0]}"


@pytest.fixture(scope="session")
def postgres_server() -> str:
    reason = _postgres_available()
    if reason is not None:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is required in CI: {reason}")
        pytest.skip(reason)
    return POSTGRES_URL


@pytest.fixture
def postgres_url(postgres_server: str) -> Iterator[str]:
    """A URL whose connections live in a fresh schema, dropped afterwards."""
    import psycopg

    schema = f"envoy_test_{uuid.uuid4().hex[:12]}"
    plain = postgres_server.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain, autocommit=True) as connection:
        connection.execute(f'CREATE SCHEMA "{schema}"')
    separator = "&" if "?" in postgres_server else "?"
    yield f"{postgres_server}{separator}options=-csearch_path%3D{schema}"
    with psycopg.connect(plain, autocommit=True) as connection:
        connection.execute(f'DROP SCHEMA "{schema}" CASCADE')


def settings_for(url: str, data_dir: Path, **overrides: Any) -> Settings:
    env = {"DATABASE_URL": url, "ENVOY_DATA_DIR": str(data_dir), "ENVOY_HASH_KEY": "test-key"}
    env.update({k: str(v) for k, v in overrides.items()})
    return Settings.from_env(env)


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Each test using it runs once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'envoy.sqlite3'}"
    url: str = request.getfixturevalue("postgres_url")
    return url


@pytest.fixture
def envoy_factory(database_url: str, tmp_path: Path) -> Iterator[Any]:
    """Start Envoy instances on the parametrised database; all closed at teardown."""
    from bot.service import Envoy

    started: list[Envoy] = []

    def start(**overrides: Any) -> Envoy:
        envoy = Envoy.start(settings_for(database_url, tmp_path / "data", **overrides))
        started.append(envoy)
        return envoy

    yield start
    for envoy in started:
        envoy.close()


@pytest.fixture
def envoy(envoy_factory: Any) -> Any:
    return envoy_factory()
