"""Writes question-log rows in the background, in batches.

Answering never waits for the database: `put` queues a row and returns; one thread
writes what has queued, many rows per transaction, retrying a few times. When a batch
still fails and the database answers (`reachable`), some row in it is one the database
refuses: the batch is split in halves, and halves again, until that row is alone; it
alone is counted as failed and logged, every other row is written. `flush` waits until
everything queued is written (or given up); `close` flushes and stops the thread.
Nothing is lost on an orderly stop.
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
        reachable: Callable[[], bool] = lambda: True,
        attempts: int = 3,
        batch: int = 500,
        name: str = "envoy-log-writer",
    ) -> None:
        self._write = write
        self._reachable = reachable
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
                    self._isolate(rows, error)
                    return
                time.sleep(0.05 * attempt)

    def _isolate(self, rows: list[Row], error: Exception) -> None:
        """After `rows` failed as a whole: if the database answers, write them in halves
        until each row it refuses is alone; count and log what is not written."""
        if len(rows) > 1 and self._reachable():
            middle = len(rows) // 2
            for half in (rows[:middle], rows[middle:]):
                try:
                    self._write(half)
                except Exception as refused:  # noqa: BLE001
                    self._isolate(half, refused)
            return
        self.failed += len(rows)
        log.warning(
            "question log: %d row%s not written (%d so far): %s",
            len(rows),
            "" if len(rows) == 1 else "s",
            self.failed,
            str(error).splitlines()[0][:300] if str(error) else type(error).__name__,
        )
