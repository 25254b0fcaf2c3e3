"""Settings from the environment: a DATABASE_URL Envoy cannot use is one clear line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import Settings, normalise_database_url
from bot.errors import ConfigError

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("postgres://u:pw@db.example/envoy", "postgresql+psycopg://u:pw@db.example/envoy"),
        ("postgresql://u@db.example/envoy", "postgresql+psycopg://u@db.example/envoy"),
        ("postgresql+psycopg://u@db.example/envoy", "postgresql+psycopg://u@db.example/envoy"),
        ("sqlite:///data/envoy.sqlite3", "sqlite:///data/envoy.sqlite3"),
        ("  sqlite://  ", "sqlite://"),
    ],
)
def test_supported_urls_are_accepted(url: str, expected: str) -> None:
    assert normalise_database_url(url) == expected


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("garbage", "is not a database URL"),
        ("postgres//u:s3cret-pw@host/db", "is not a database URL"),
        ("mysql://u:s3cret-pw@host/db", "names a mysql database, which Envoy does not support"),
        ("oracle://u:s3cret-pw@host/db", "names a oracle database"),
        ("postgresql+psycopg2://u:s3cret-pw@host/db", "driver psycopg2"),
        ("sqlite+pysqlcipher:///x.db", "driver pysqlcipher"),
    ],
)
def test_unusable_urls_are_refused_without_repeating_them(url: str, says: str) -> None:
    with pytest.raises(ConfigError) as raised:
        Settings.from_env({"DATABASE_URL": url, "ENVOY_HASH_KEY": "k"})
    message = str(raised.value)
    assert says in message
    assert "s3cret-pw" not in message
    assert "sqlite:///PATH" in message or "without a driver" in message


def _envoy(code: str, url: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": url, "ENVOY_DATA_DIR": str(tmp_path)}
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
        check=False,
    )


ASK = "import sys; from bot.cli import main; sys.exit(main(['ask', 'who is the dni']))"


@pytest.mark.parametrize("url", ["garbage", "mysql://root:s3cret-pw@127.0.0.1/envoy"])
def test_the_cli_says_one_line_for_an_unusable_url(url: str, tmp_path: Path) -> None:
    result = _envoy(ASK, url, tmp_path)
    assert result.returncode == 1
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert result.stderr.startswith("envoy: DATABASE_URL")
    assert "Traceback" not in result.stderr and "s3cret-pw" not in result.stderr


def test_postgresql_without_psycopg_says_what_to_install(tmp_path: Path) -> None:
    # An install without the driver: importing psycopg fails, as it would there.
    code = "import sys; sys.modules['psycopg'] = None; " + ASK.split("; ", 1)[1]
    result = _envoy(code, "postgresql://postgres@127.0.0.1:5432/test", tmp_path)
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "psycopg is not installed" in result.stderr and "pip install" in result.stderr


def test_the_main_install_brings_the_postgresql_driver() -> None:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert any(d.startswith("psycopg[binary]") for d in project["dependencies"])
