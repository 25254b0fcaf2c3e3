"""The hash key kept in the data directory: one key, whatever starts first (issue 13.12)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.config import Settings
from bot.errors import ConfigError

ROOT = Path(__file__).resolve().parents[2]
PROCESSES = 4
ROUNDS = 10

# Each process imports the settings, waits for the go file, then reads them at once.
_READ_KEY = """
import os, sys, time
from bot.config import Settings
go = sys.argv[1]
while not os.path.exists(go):
    pass
sys.stdout.write(Settings.from_env().hash_key.decode())
"""


def test_processes_starting_together_on_a_fresh_data_dir_share_one_key(tmp_path: Path) -> None:
    for round_number in range(ROUNDS):
        data = tmp_path / f"round-{round_number}"
        go = tmp_path / f"go-{round_number}"
        env = {**os.environ, "ENVOY_DATA_DIR": str(data)}
        env.pop("ENVOY_HASH_KEY", None)
        workers = [
            subprocess.Popen(
                [sys.executable, "-c", _READ_KEY, str(go)],
                cwd=ROOT,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(PROCESSES)
        ]
        time.sleep(0.3)  # let every process get to the wait (it still works if one is late)
        go.touch()
        keys = []
        for worker in workers:
            out, err = worker.communicate(timeout=60)
            assert worker.returncode == 0, err
            keys.append(out)
        assert len(set(keys)) == 1, f"round {round_number}: {keys}"
        assert len(keys[0]) == 64
        assert (data / "hash.key").read_text().strip() == keys[0]
        assert not [p.name for p in data.iterdir() if p.name != "hash.key"]  # no leftovers


def test_the_key_file_is_private_and_read_back(tmp_path: Path) -> None:
    first = Settings.from_env({"ENVOY_DATA_DIR": str(tmp_path)})
    again = Settings.from_env({"ENVOY_DATA_DIR": str(tmp_path)})
    assert first.hash_key == again.hash_key and len(first.hash_key) == 64
    assert (tmp_path / "hash.key").stat().st_mode & 0o777 == 0o600


def test_an_empty_key_file_is_refused_not_used(tmp_path: Path) -> None:
    (tmp_path / "hash.key").write_bytes(b"")
    with pytest.raises(ConfigError, match=r"hash\.key is empty"):
        Settings.from_env({"ENVOY_DATA_DIR": str(tmp_path)})
