"""The question log under bad rows and outages, on real SQLite and real PostgreSQL.

Issue 13.9: a row the database would refuse is cleaned first (NUL, lone surrogates), and a
row it refuses all the same is left out alone, never with the rows written beside it.
Issue 13.10: while the database is away, rows wait in a bounded buffer (memory, then
disk) and are written when it is back; a process that stops during an outage leaves them
on disk for the next process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bot.storage import LoggedQuestion, Store
from bot.storage import models as m
from bot.storage import store as store_module
from bot.storage import writer as writer_module
from tests.conftest import POSTGRES_URL
from tests.faults import CuttableProxy, hold_sqlite_lock

ROOT = Path(__file__).resolve().parents[2]
PG_HOST, PG_PORT = "127.0.0.1", 5432


def question(n: int, **fields: Any) -> LoggedQuestion:
    values: dict[str, Any] = {
        "id": f"{n:032x}",
        "platform": "cli",
        "command": "ask",
        "text": f"question {n}",
        "answered": True,
        "matched": ["fact:x"],
        "score": 0.5,
        "latency_ms": 1.0,
        "asker_hash": "asker",
    }
    values.update(fields)
    return LoggedQuestion(**values)


def stored(store: Store) -> dict[str, Any]:
    with store.engine.connect() as connection:
        return {row.id: row for row in connection.execute(select(m.QuestionLogRow))}


def wait_until(condition: Any, timeout: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return bool(condition())


@pytest.fixture
def proxy(postgres_url: str) -> Iterator[CuttableProxy]:
    assert postgres_url.startswith(POSTGRES_URL.split("?")[0])
    with CuttableProxy(PG_HOST, PG_PORT) as running:
        yield running


# -- 13.9: one bad row ------------------------------------------------------------------------


def test_rows_are_cleaned_and_a_refused_row_is_left_out_alone(database_url: str) -> None:
    store = Store(database_url)
    store.upgrade()
    hostile = {
        10: {"command": "ask\x00", "text": "nul\x00 in text", "matched": ["fact:\x00x"]},
        20: {"platform": "cli\ud800", "text": "a lone \udc80 surrogate", "command": "\udfffask"},
        30: {"asker_hash": "h\x00\ud800", "matched": ["\ud83d"]},
    }
    try:
        for n in range(1000):
            store.log_question(question(n, **hostile.get(n, {})))
            if n == 500:  # a row the database refuses whatever is cleaned: no id
                store.log_question(question(n, id=None))
        assert store.flush(timeout=60)
        rows = stored(store)
        assert len(rows) == 1000
        assert store.failed_writes == 1
        assert rows[f"{10:032x}"].text == "nul in text"
        assert rows[f"{10:032x}"].command == "ask"
        assert rows[f"{20:032x}"].text == "a lone \ufffd surrogate"
        assert rows[f"{30:032x}"].asker_hash == "h\ufffd"
    finally:
        store.close()


# -- 13.10: outages ---------------------------------------------------------------------------


def test_a_postgres_outage_loses_no_row(proxy: CuttableProxy, postgres_url: str) -> None:
    store = Store(proxy.url(postgres_url))
    store.upgrade()
    try:
        for n in range(100):
            store.log_question(question(n))
        assert store.flush(timeout=60)
        proxy.cut()
        for n in range(100, 400):
            store.log_question(question(n))
            time.sleep(0.005)
        assert wait_until(lambda: store.log_status()["outage"], timeout=30)
        proxy.restore()
        for n in range(400, 500):
            store.log_question(question(n))
        assert store.flush(timeout=60)
        assert len(stored(store)) == 500
        assert store.failed_writes == 0
        assert not store.log_status()["outage"]
    finally:
        store.close()


def test_a_locked_sqlite_database_loses_no_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_module, "_BUSY_TIMEOUT_MS", 100)
    path = tmp_path / "envoy.sqlite3"
    store = Store(f"sqlite:///{path}")
    store.upgrade()
    try:
        with hold_sqlite_lock(path):
            for n in range(300):
                store.log_question(question(n))
                time.sleep(0.002)
            assert wait_until(lambda: store.log_status()["outage"], timeout=30)
        assert store.flush(timeout=60)
        assert len(stored(store)) == 300
        assert store.failed_writes == 0
    finally:
        store.close()


def test_beyond_the_memory_bound_rows_wait_on_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_module, "_BUSY_TIMEOUT_MS", 100)
    monkeypatch.setattr(writer_module, "MEMORY_ROWS", 50)
    path = tmp_path / "envoy.sqlite3"
    spool = tmp_path / "spool"
    store = Store(f"sqlite:///{path}", spool_dir=spool)
    store.upgrade()
    try:
        with hold_sqlite_lock(path):
            for chunk in range(10):  # 40 at a time: never beyond what memory takes (2 x 50)
                for n in range(chunk * 40, chunk * 40 + 40):
                    store.log_question(question(n))
                assert wait_until(lambda: store.log_status()["in_memory"] <= 50, timeout=30)
            assert wait_until(lambda: store.log_status()["on_disk"] >= 300, timeout=30)
            assert list(spool.glob("*.jsonl"))
        assert wait_until(lambda: len(stored(store)) == 400, timeout=60)
        assert wait_until(lambda: not list(spool.iterdir()), timeout=30)
        assert store.failed_writes == 0
    finally:
        store.close()


def test_a_store_closed_during_an_outage_leaves_its_rows_to_the_next(
    proxy: CuttableProxy, postgres_url: str, tmp_path: Path
) -> None:
    url = proxy.url(postgres_url)
    spool = tmp_path / "spool"
    first = Store(url, spool_dir=spool)
    first.upgrade()
    first.log_question(question(0))
    assert first.flush(timeout=60)
    proxy.cut()
    for n in range(1, 201):
        first.log_question(question(n))
    started = time.monotonic()
    first.close()
    assert time.monotonic() - started < 25  # within the SIGTERM budget of every process
    assert list(spool.glob("*.jsonl"))
    proxy.restore()
    second = Store(url, spool_dir=spool)
    try:
        assert wait_until(lambda: len(stored(second)) == 201, timeout=60)
        assert wait_until(lambda: not list(spool.iterdir()), timeout=30)
    finally:
        second.close()


def test_a_batch_process_stopping_during_an_outage_loses_nothing(
    proxy: CuttableProxy, postgres_url: str, tmp_path: Path
) -> None:
    """The real `envoy batch`: answers go on during the outage; its rows are kept on disk
    at exit and written by the next process to start."""
    env = {
        **os.environ,
        "DATABASE_URL": proxy.url(postgres_url),
        "ENVOY_DATA_DIR": str(tmp_path / "data"),
        "ENVOY_HASH_KEY": "k",
        "ENVOY_RATE_LIMIT": "0",
    }
    line = json.dumps({"command": "ask", "text": "who is the dni"}) + "\n"
    batch = subprocess.Popen(
        [sys.executable, "-m", "bot", "batch"],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert batch.stdin is not None and batch.stdout is not None
    batch.stdin.write(line)
    batch.stdin.flush()
    assert json.loads(batch.stdout.readline())["answered"]
    proxy.cut()
    for _ in range(30):
        batch.stdin.write(line)
        batch.stdin.flush()
        assert json.loads(batch.stdout.readline())["answered"]
    _, err = batch.communicate(timeout=60)
    assert batch.returncode == 0, err
    assert "kept on disk" in err
    assert list((tmp_path / "data" / "spool").glob("*.jsonl"))

    proxy.restore()
    status = subprocess.run(  # the next process to answer, with nothing to answer
        [sys.executable, "-m", "bot", "batch"],
        cwd=ROOT,
        env=env,
        input="",
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert status.returncode == 0, status.stderr
    store = Store(postgres_url)
    try:
        assert wait_until(lambda: store.count(m.QuestionLogRow) == 31, timeout=30)
    finally:
        store.close()
