"""Settings of the core, read once from the environment into one typed value.

Adapters read their own platform settings (tokens, ports) the same way in their own
modules; the core knows none of them.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from bot.errors import ConfigError
from bot.knowledge import DEFAULT_KNOWLEDGE_DIR

DEFAULT_DATA_DIR = Path("data")
"""Relative to the working directory: where the embedded SQLite database lives."""


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything the core needs to run. Build it with `Settings.from_env()`."""

    database_url: str
    data_dir: Path
    knowledge_dir: Path
    hash_key: bytes
    include_unreviewed: bool = False
    rate_limit: int = 20
    rate_window_seconds: int = 60
    log_level: str = "INFO"
    log_json: bool = False
    retrieval: str = "auto"
    knowledge_check_seconds: int = 5

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Read the settings from `env` (the process environment by default).

        ENVOY_DATA_DIR, DATABASE_URL, ENVOY_KNOWLEDGE_DIR, ENVOY_HASH_KEY,
        ENVOY_INCLUDE_UNREVIEWED, ENVOY_RATE_LIMIT (questions per asker per window,
        0 = off), ENVOY_RATE_WINDOW (seconds), ENVOY_LOG_LEVEL, ENVOY_LOG_JSON,
        ENVOY_RETRIEVAL (auto, memory or database), ENVOY_KNOWLEDGE_CHECK (seconds
        between two looks for knowledge another process loaded, 0 = never).
        """
        env = os.environ if env is None else env
        data_dir = Path(env.get("ENVOY_DATA_DIR") or DEFAULT_DATA_DIR)
        url = env.get("DATABASE_URL") or f"sqlite:///{data_dir / 'envoy.sqlite3'}"
        return cls(
            database_url=normalise_database_url(url),
            data_dir=data_dir,
            knowledge_dir=Path(env.get("ENVOY_KNOWLEDGE_DIR") or DEFAULT_KNOWLEDGE_DIR),
            hash_key=_hash_key(env.get("ENVOY_HASH_KEY"), data_dir),
            include_unreviewed=_flag(env, "ENVOY_INCLUDE_UNREVIEWED"),
            rate_limit=_integer(env, "ENVOY_RATE_LIMIT", 20, minimum=0),
            rate_window_seconds=_integer(env, "ENVOY_RATE_WINDOW", 60, minimum=1),
            log_level=(env.get("ENVOY_LOG_LEVEL") or "INFO").upper(),
            log_json=_flag(env, "ENVOY_LOG_JSON"),
            retrieval=_choice(env, "ENVOY_RETRIEVAL", ("auto", "memory", "database")),
            knowledge_check_seconds=_integer(env, "ENVOY_KNOWLEDGE_CHECK", 5, minimum=0),
        )


DATABASE_URL_FORMS = "sqlite:///PATH or postgresql://USER:PASSWORD@HOST/DATABASE"


def normalise_database_url(url: str) -> str:
    """A DATABASE_URL Envoy can open: SQLite, or PostgreSQL through psycopg 3.

    Accepts the `postgres://` form hosting platforms give. Raises ConfigError, without
    repeating the value (it may hold a password), for anything else: text that is not a
    URL, another database (mysql://...), another PostgreSQL driver, or PostgreSQL when
    psycopg cannot be imported.
    """
    url = url.strip()
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise ConfigError(f"DATABASE_URL is not a database URL; use {DATABASE_URL_FORMS}") from None
    backend, driver = parsed.get_backend_name(), parsed.get_driver_name()
    expected = {"sqlite": "pysqlite", "postgresql": "psycopg"}
    if backend not in expected:
        raise ConfigError(
            f"DATABASE_URL names a {backend} database, which Envoy does not support; "
            f"use {DATABASE_URL_FORMS}"
        )
    if driver != expected[backend]:
        raise ConfigError(
            f"DATABASE_URL names the {backend} driver {driver}, which Envoy does not use; "
            f"write {backend}://... without a driver"
        )
    if backend == "sqlite":
        return url
    try:
        import psycopg  # noqa: F401, PLC0415  (only PostgreSQL needs it)
    except ImportError:
        raise ConfigError(
            "DATABASE_URL names PostgreSQL, but psycopg is not installed: "
            "pip install 'psycopg[binary]' (or reinstall envoy-bot)"
        ) from None
    return url


_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


def parse_duration(text: str) -> timedelta:
    """A span like "90d", "12h", "30m", "45s" or "2w"; ConfigError if it is not one."""
    raw = text.strip().lower()
    number, unit = raw[:-1], raw[-1:]
    if unit not in _UNITS or not number.isdigit() or int(number) <= 0:
        raise ConfigError(f"not a duration: {text!r} (use e.g. 90d, 12h, 30m)")
    return timedelta(seconds=int(number) * _UNITS[unit])


def _choice(env: Mapping[str, str], name: str, choices: tuple[str, ...]) -> str:
    value = (env.get(name) or choices[0]).strip().lower()
    if value not in choices:
        raise ConfigError(f"{name} must be one of {', '.join(choices)}, got {value!r}")
    return value


def _flag(env: Mapping[str, str], name: str) -> bool:
    return (env.get(name) or "").strip().lower() in {"1", "true", "yes", "on"}


def _integer(env: Mapping[str, str], name: str, default: int, *, minimum: int) -> int:
    raw = env.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, got {raw!r}") from None
    if value < minimum:
        raise ConfigError(f"{name} must be at least {minimum}, got {value}")
    return value


def _hash_key(raw: str | None, data_dir: Path) -> bytes:
    """The key that hashes askers' ids. From ENVOY_HASH_KEY, else a random key kept in
    the data directory (fine for one machine; several machines must share the variable).

    Processes starting together on a fresh directory agree on one key: each writes its
    own candidate to a private temporary file and links it into place, which succeeds for
    exactly one of them; the others read the winner's complete file."""
    if raw:
        return raw.encode()
    key_file = data_dir / "hash.key"
    try:
        if not key_file.exists():
            data_dir.mkdir(parents=True, exist_ok=True)
            _publish_new_key(key_file)
        key = key_file.read_bytes().strip()
    except OSError as error:
        raise ConfigError(
            f"cannot keep a hash key in {data_dir}: {error.strerror}; set ENVOY_HASH_KEY"
        ) from None
    if not key:
        raise ConfigError(
            f"{key_file} is empty: delete it (a new key is made) or set ENVOY_HASH_KEY"
        )
    return key


def _publish_new_key(key_file: Path) -> None:
    """Create `key_file` with a new random key unless it exists, never half-written."""
    candidate = key_file.with_name(f".hash.key.{os.getpid()}.{secrets.token_hex(4)}")
    descriptor = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as out:
            out.write(secrets.token_hex(32).encode())
            out.flush()
            os.fsync(out.fileno())
        os.link(candidate, key_file)  # atomic, and fails if another process got there first
    except FileExistsError:
        pass
    finally:
        candidate.unlink(missing_ok=True)
