"""Writes question-log rows in the background, in batches.

Answering never waits for the database: `put` queues a row and returns; one thread
writes what has queued, many rows per transaction, retrying a few times before it counts
the rows as failed and logs it. `flush` waits until everything queued is written (or
given up); `close` flushes and stops the thread. Nothing is lost on an orderly stop.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)

Row = dict[str, Any]


class LogWriter:
    """A background writer of rows through `write(rows)`, which raises on failure."""

    def __init__(
        self,
        write: Callable[[list[Row]], None],
        *,
        attempts: int = 3,
        batch: int = 500,
        name: str = "envoy-log-writer",
    ) -> None:
        self._write = write
        self._attempts = attempts
        self._batch = batch
        self._rows: deque[Row] = deque()
        self._writing: list[Row] = []
        self._lock = threading.Condition()
        self._closed = False
        self.failed = 0
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def put(self, row: Row) -> None:
        """Queue one row; never blocks on the database."""
        with self._lock:
            if self._closed:
                raise RuntimeError("the log writer is closed")
            self._rows.append(row)
            self._lock.notify_all()

    def pending(self, predicate: Callable[[Row], bool]) -> int:
        """How many queued or being-written rows match `predicate`."""
        with self._lock:
            return sum(1 for row in (*self._rows, *self._writing) if predicate(row))

    def flush(self, timeout: float = 30.0) -> bool:
        """Wait until every queued row is written or given up; False on timeout."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while self._rows or self._writing:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._lock.wait(remaining)
        return True

    def close(self, timeout: float = 30.0) -> None:
        """Flush, then stop the thread."""
        self.flush(timeout)
        with self._lock:
            self._closed = True
            self._lock.notify_all()
        self._thread.join(timeout)

    def _run(self) -> None:
        while True:
            with self._lock:
                while not self._rows and not self._closed:
                    self._lock.wait()
                if not self._rows and self._closed:
                    return
                count = min(self._batch, len(self._rows))
                self._writing = [self._rows.popleft() for _ in range(count)]
                rows = self._writing
            try:
                self._write_with_retries(rows)
            finally:
                with self._lock:
                    self._writing = []
                    self._lock.notify_all()

    def _write_with_retries(self, rows: list[Row]) -> None:
        for attempt in range(1, self._attempts + 1):
            try:
                self._write(rows)
                return
            except Exception as error:  # noqa: BLE001 (a failed write must not kill the thread)
                if attempt == self._attempts:
                    self.failed += len(rows)
                    log.warning(
                        "question log: %d rows not written after %d attempts (%d so far): %s",
                        len(rows),
                        attempt,
                        self.failed,
                        str(error).splitlines()[0][:300],
                    )
                    return
                time.sleep(0.05 * attempt)
