"""Faults for tests and benchmarks: a database that goes away and comes back.

`CuttableProxy` forwards TCP connections on 127.0.0.1 to a real server (the test
PostgreSQL). `cut()` drops every open connection and closes new ones at once, as a
database that restarts or fails over does; `restore()` lets connections through again.
`hold_sqlite_lock` keeps SQLite's write lock, as a long `envoy db reload` does.
"""

from __future__ import annotations

import contextlib
import socket
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import Self

from sqlalchemy.engine import make_url

from tests.fakes.loopback import LOOPBACK


class CuttableProxy:
    """A TCP proxy from a free 127.0.0.1 port to `host:port`, which can be cut."""

    def __init__(self, host: str, port: int) -> None:
        self.target = (host, port)
        self._listener = socket.create_server((LOOPBACK, 0))
        self.port: int = self._listener.getsockname()[1]
        self._open: set[socket.socket] = set()
        self._lock = threading.Lock()
        self._cut = False
        self._closed = False
        self._accepting = threading.Thread(target=self._accept, name="db-proxy", daemon=True)
        self._accepting.start()

    def url(self, url: str) -> str:
        """`url` (a database URL of the proxied server) pointed at this proxy instead."""
        proxied = make_url(url).set(host=LOOPBACK, port=self.port)
        return proxied.render_as_string(hide_password=False)

    def cut(self) -> None:
        """Drop every connection; until `restore`, close new ones as soon as they open."""
        with self._lock:
            self._cut = True
            sockets, self._open = list(self._open), set()
        for sock in sockets:
            _close(sock)

    def restore(self) -> None:
        with self._lock:
            self._cut = False

    def close(self) -> None:
        self._closed = True
        self.cut()
        _close(self._listener)
        self._accepting.join(timeout=5)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            with self._lock:
                cut = self._cut
            if cut:
                _close(client)
                continue
            try:
                server = socket.create_connection(self.target, timeout=5)
            except OSError:
                _close(client)
                continue
            server.settimeout(None)
            with self._lock:
                self._open.update((client, server))
            for source, sink in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                with self._lock:
                    self._open.discard(sock)
                _close(sock)


def _close(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    with contextlib.suppress(OSError):
        sock.close()


@contextlib.contextmanager
def hold_sqlite_lock(path: Path) -> Iterator[None]:
    """Hold the write lock of the SQLite database at `path` until the block ends."""
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    try:
        holder.execute("BEGIN IMMEDIATE")
        yield
        holder.execute("ROLLBACK")
    finally:
        holder.close()
