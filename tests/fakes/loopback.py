"""What the local test fakes share: an aiohttp server on 127.0.0.1, run from its own thread.

A subclass of `LoopbackServer` supplies the application (`_make_app`) and closes its own
long-lived connections (`_close_clients`) when the server stops.
"""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Coroutine
from types import TracebackType
from typing import Any, ClassVar, Final, Self, TypeVar

from aiohttp import web

_T = TypeVar("_T")

LOOPBACK: Final = "127.0.0.1"


class LoopbackServer:
    """An aiohttp server on a free 127.0.0.1 port, run from its own thread and event loop.

    Use as a context manager or call `start` / `stop`. Errors name the subclass;
    `_thread_name` names the thread.
    """

    _thread_name: ClassVar[str] = "loopback-server"

    def __init__(self) -> None:
        """Nothing listens until `start`."""
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runner: web.AppRunner | None = None
        self._port: int | None = None
        self._startup_error: BaseException | None = None

    # -- for subclasses -----------------------------------------------------------------------

    def _make_app(self) -> web.Application:
        """The application to serve, with its routes; called in the server's loop."""
        raise NotImplementedError

    async def _close_clients(self) -> None:
        """Close long-lived connections (websockets) before the server goes away."""

    # -- lifecycle ----------------------------------------------------------------------------

    def __enter__(self) -> Self:
        """Start the server."""
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """Stop the server (see `stop`)."""
        self.stop()

    def start(self) -> Self:
        """Bind 127.0.0.1 on a free port and serve from a background thread; returns self."""
        name = type(self).__name__
        if self._thread is not None:
            raise RuntimeError(f"{name} is already started")
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind((LOOPBACK, 0))
        sock.listen(128)
        sock.setblocking(False)
        self._port = sock.getsockname()[1]
        self._startup_error = None
        ready = threading.Event()
        self._thread = threading.Thread(
            target=self._thread_main, args=(sock, ready), name=self._thread_name, daemon=True
        )
        self._thread.start()
        if not ready.wait(timeout=10) or self._startup_error is not None:
            self._thread.join(timeout=5)
            self._thread = None
            self._port = None
            raise RuntimeError(f"{name} failed to start") from self._startup_error
        return self

    def stop(self) -> None:
        """Close clients, stop the server and join its thread. Safe to call twice."""
        thread, loop = self._thread, self._loop
        if thread is None or loop is None:
            return
        try:
            asyncio.run_coroutine_threadsafe(self._shutdown(), loop).result(timeout=10)
        finally:
            loop.call_soon_threadsafe(loop.stop)
            thread.join(timeout=10)
            self._thread = None
            self._loop = None

    def _thread_main(self, sock: socket.socket, ready: threading.Event) -> None:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        self._loop = loop
        try:
            loop.run_until_complete(self._serve(sock))
        except Exception as exc:  # noqa: BLE001 - start() raises it in the caller's thread
            self._startup_error = exc
            sock.close()
            loop.close()
            ready.set()
            return
        ready.set()
        try:
            loop.run_forever()
        finally:
            pending = [task for task in asyncio.all_tasks(loop) if not task.done()]
            for task in pending:
                task.cancel()
            loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()

    async def _serve(self, sock: socket.socket) -> None:
        self._runner = web.AppRunner(
            self._make_app(), handle_signals=False, access_log=None, shutdown_timeout=2.0
        )
        await self._runner.setup()
        await web.SockSite(self._runner, sock).start()

    async def _shutdown(self) -> None:
        await self._close_clients()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    def _call_in_loop(self, coro: Coroutine[Any, Any, _T], timeout: float = 5.0) -> _T:
        """Run `coro` in the server's loop from another thread and return its result."""
        name = type(self).__name__
        loop = self._loop
        if loop is None or self._thread is None:
            coro.close()
            raise RuntimeError(f"{name} is not started")
        if threading.current_thread() is self._thread:
            coro.close()
            raise RuntimeError(f"call {name} helpers from a test thread, not from its loop")
        return asyncio.run_coroutine_threadsafe(coro, loop).result(timeout=timeout)

    @property
    def port(self) -> int:
        """The TCP port the server listens on (127.0.0.1)."""
        if self._port is None:
            raise RuntimeError(f"{type(self).__name__} is not started")
        return self._port
