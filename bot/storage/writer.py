"""Writes question-log rows in the background, in batches, through database outages.

Answering never waits for the database: `put` queues a row and returns. One thread writes
what has queued, many rows per transaction, retrying a few times. Then:

* if the database does not answer (`reachable` is false), it is an outage: the rows stay
  queued and the thread tries again, backing off from 0.2 s to RETRY_MAX_SECONDS, for as
  long as the outage lasts. Beyond MEMORY_ROWS queued rows, the oldest go to the spool on
  disk (when there is one) in files of SPILL_ROWS, and `put` takes up to twice as many
  meanwhile; beyond what memory and spool hold, new rows are dropped, counted and logged.
* if it answers, some row in the batch is one it refuses: the batch is split in halves,
  and halves again, until that row is alone; it alone is counted as failed and logged.

When the queue is empty and the database answers, rows waiting in the spool (this
process's or another's) are taken back and written. `flush` waits until everything queued
is written; `close` flushes unless the database is away, then stops the thread and keeps
what is still queued in the spool, for the next process to write.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Any

from bot.storage.spool import Spool

log = logging.getLogger(__name__)

Row = dict[str, Any]

MEMORY_ROWS = 20_000
"""Rows queued in memory before the oldest go to disk (about 560 bytes each, 11 MiB in all,
measured by bench/outage.py)."""
SPILL_ROWS = 5_000
"""Rows moved to disk, or taken back from it, at a time."""
RETRY_FIRST_SECONDS = 0.2
RETRY_MAX_SECONDS = 2.0
"""During an outage, the longest wait between two tries: rows are written at most this
long after the database is back."""
_SPOOL_CHECK_SECONDS = 10.0


class LogWriter:
    """A background writer of rows through `write(rows)`, which raises on failure."""

    def __init__(
        self,
        write: Callable[[list[Row]], None],
        *,
        reachable: Callable[[], bool] = lambda: True,
        spool: Spool | None = None,
        attempts: int = 3,
        batch: int = 500,
        name: str = "envoy-log-writer",
    ) -> None:
        self._write = write
        self._reachable = reachable
        self._spool = spool
        self._attempts = attempts
        self._batch = batch
        self._rows: deque[Row] = deque()
        self._writing: list[Row] = []
        self._lock = threading.Condition()
        self._busy = True  # until the thread has looked for work (the spool included)
        self._closed = False
        self._down_since: float | None = None
        self.failed = 0
        self.dropped = 0
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    # -- what callers see ----------------------------------------------------------------------

    def put(self, row: Row) -> None:
        """Queue one row; never blocks on the database or the disk."""
        with self._lock:
            if self._closed:
                raise RuntimeError("the log writer is closed")
            limit = MEMORY_ROWS * 2 if self._spool is not None else MEMORY_ROWS
            if len(self._rows) + len(self._writing) >= limit:
                self.dropped += 1
                if self.dropped % 1000 == 1:
                    log.warning(
                        "question log: %d rows queued, the most kept; %d dropped so far",
                        len(self._rows),
                        self.dropped,
                    )
                return
            self._rows.append(row)
            self._lock.notify_all()

    @property
    def outage(self) -> bool:
        """Whether the last write found the database away (and it has not been back)."""
        return self._down_since is not None

    def queued(self) -> int:
        """Rows in memory not written yet (queued, or in a write not finished)."""
        with self._lock:
            return len(self._rows) + len(self._writing)

    def flush(self, timeout: float = 30.0, *, until_outage: bool = False) -> bool:
        """Wait until every queued row (the spool's included) is written or given up;
        False on timeout, or as soon as the database is found away if `until_outage`."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while self._rows or self._busy or (self._spool is not None and self._spool.has_rows()):
                remaining = deadline - time.monotonic()
                if remaining <= 0 or not self._thread.is_alive():
                    return False
                if until_outage and self.outage:
                    return False
                self._lock.wait(remaining)
        return True

    def close(self, timeout: float = 20.0) -> None:
        """Write what is queued (unless the database is away), stop the thread, and keep
        what is still unwritten in the spool (rows a write still hangs on included: should
        that write succeed after all, the copy is skipped when it is taken back)."""
        deadline = time.monotonic() + timeout
        self.flush(timeout, until_outage=True)
        with self._lock:
            self._closed = True
            self._lock.notify_all()
        self._thread.join(max(1.0, deadline - time.monotonic()))
        with self._lock:
            left = [*self._writing, *self._rows] if self._thread.is_alive() else list(self._rows)
            self._rows.clear()
        if left:
            self._keep_on_disk(left, stopping=True)

    # -- the thread ----------------------------------------------------------------------------

    def _run(self) -> None:
        wait = RETRY_FIRST_SECONDS
        while True:
            rows = self._next_rows()
            if rows is None:
                return
            if not rows and self.outage and not self._reachable():  # all of it is on disk
                self._wait_out(wait)
                wait = min(wait * 2, RETRY_MAX_SECONDS)
                continue
            left = self._write_batch(rows) if rows else self._take_back_spooled()
            with self._lock:
                self._writing = []
                if left:
                    self._rows.extendleft(reversed(left))
                self._lock.notify_all()
            if left:
                self._outage_began(len(left))
                self._wait_out(wait)
                wait = min(wait * 2, RETRY_MAX_SECONDS)
            else:
                wait = RETRY_FIRST_SECONDS

    def _next_rows(self) -> list[Row] | None:
        """The next batch; [] when idle with rows in the spool; None once closed."""
        with self._lock:
            self._busy = False
            self._lock.notify_all()
            while not self._rows and not self._closed:
                if self._spool is not None and self._spool.has_rows():
                    self._busy = True
                    return []
                self._lock.wait(_SPOOL_CHECK_SECONDS if self._spool is not None else None)
            if self._closed:
                return None
            self._busy = True
            self._writing = [self._rows.popleft() for _ in range(min(self._batch, len(self._rows)))]
            return self._writing

    def _write_batch(self, rows: list[Row]) -> list[Row]:
        """Write `rows`; returns those to try again later (the database is away)."""
        for attempt in range(1, self._attempts + 1):
            try:
                self._write(rows)
            except Exception as error:  # noqa: BLE001 (a failed write must not kill the thread)
                if attempt == self._attempts:
                    return self._isolate(rows, error)
                time.sleep(0.05 * attempt)
            else:
                self._database_back()
                return []
        return []

    def _isolate(self, rows: list[Row], error: Exception) -> list[Row]:
        """After `rows` failed as a whole: if the database answers, write them in halves
        until each row it refuses is alone, counted and logged. Returns the rows not
        tried because the database is away."""
        if not self._reachable():
            return rows
        if len(rows) == 1:
            self.failed += 1
            log.warning(
                "question log: a row the database refuses is left out (%d so far): %s",
                self.failed,
                str(error).splitlines()[0][:300] if str(error) else type(error).__name__,
            )
            return []
        middle = len(rows) // 2
        halves = (rows[:middle], rows[middle:])
        for number, half in enumerate(halves):
            try:
                self._write(half)
            except Exception as refused:  # noqa: BLE001
                left = self._isolate(half, refused)
                if left:
                    return left + (halves[1] if number == 0 else [])
        self._database_back()
        return []

    def _take_back_spooled(self) -> list[Row]:
        """Write one spool file's rows; returns those to try again later."""
        assert self._spool is not None
        try:
            rows = self._spool.take() or []
        except OSError as error:
            log.warning("question log: cannot read the spool: %s", error)
            return []
        left: list[Row] = []
        for start in range(0, len(rows), self._batch):
            left = self._write_batch(rows[start : start + self._batch])
            if left:
                return left + rows[start + self._batch :]
        if rows:
            log.info("question log: %d rows kept on disk are written", len(rows))
        return []

    def _wait_out(self, seconds: float) -> None:
        """Wait `seconds` before trying again (or until closed), moving what is beyond
        the memory bound to the spool meanwhile."""
        deadline = time.monotonic() + seconds
        with self._lock:
            self._busy = False
            self._lock.notify_all()
        while True:
            with self._lock:
                if self._closed:
                    return
                spill = []
                if self._spool is not None and len(self._rows) > MEMORY_ROWS:
                    spill = [self._rows.popleft() for _ in range(min(SPILL_ROWS, len(self._rows)))]
                elif (remaining := deadline - time.monotonic()) > 0:
                    self._lock.wait(remaining)
                    continue
                else:
                    return
            self._keep_on_disk(spill, stopping=False)

    def _keep_on_disk(self, rows: list[Row], *, stopping: bool) -> None:
        kept = 0
        if self._spool is not None:
            try:
                kept = self._spool.save(rows)
            except OSError as error:
                log.warning("question log: cannot keep rows on disk: %s", error)
        if kept < len(rows):
            with self._lock:
                self.dropped += len(rows) - kept
            log.warning(
                "question log: %d rows dropped, beyond what memory and disk keep (%d so far)",
                len(rows) - kept,
                self.dropped,
            )
        if kept and stopping:
            log.warning(
                "question log: the database is away; %d rows kept on disk in %s, written "
                "by the next process to start",
                kept,
                self._spool.directory if self._spool is not None else "-",
            )

    def _outage_began(self, rows: int) -> None:
        if self._down_since is None:
            with self._lock:
                self._down_since = time.monotonic()
                self._lock.notify_all()
            log.warning(
                "question log: the database is away; rows are kept until it is back (%d queued)",
                rows,
            )

    def _database_back(self) -> None:
        if self._down_since is not None:
            log.info(
                "question log: the database is back after %.1f s; %d rows still queued",
                time.monotonic() - self._down_since,
                len(self._rows),
            )
            self._down_since = None
